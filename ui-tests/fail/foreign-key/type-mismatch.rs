// Rule: a foreign key field has the referenced field's Rust type (or `Option` of it).
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Dashboard {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
pub struct Counter {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
pub struct ModuleDashboard {
    #[column(primary_key)]
    #[foreign_key(references = Dashboard::id)]
    pub dashboard_id: String,
    #[foreign_key(references = Counter::id)]
    pub counter_id: i32,
}

fn main() {}
