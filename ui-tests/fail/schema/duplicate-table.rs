// Rule: table names are unique in a schema.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
#[table(name = "modules")]
pub struct LegacyModule {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
#[table(name = "modules")]
pub struct Module {
    #[column(primary_key)]
    pub id: Uuid,
}

schema_core::schema! {
    pub const HUB = [LegacyModule, Module];
}

fn main() {}
