// Rule: every foreign key's table is in the schema.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Module {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
pub struct ModuleDashboard {
    #[column(primary_key)]
    #[foreign_key(references = Module::id)]
    pub module_id: Uuid,
}

schema_core::schema! {
    pub const HUB = [ModuleDashboard];
}

fn main() {}
