// Rule: index names are unique in a schema (PostgreSQL keeps them beside the tables).
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Category {
    #[column(primary_key)]
    pub id: Uuid,
    #[index(name = "ix_label")]
    pub label: String,
}

#[derive(Table)]
pub struct Property {
    #[column(primary_key)]
    pub id: Uuid,
    #[index(name = "ix_label")]
    pub label: String,
}

schema_core::schema! {
    pub const HUB = [Category, Property];
}

fn main() {}
