// Rule: a foreign key references the target's primary key or a unique column.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Dashboard {
    #[column(primary_key)]
    pub id: Uuid,
    pub label: String,
}

#[derive(Table)]
pub struct ModuleDashboard {
    #[column(primary_key)]
    pub id: Uuid,
    #[foreign_key(references = Dashboard::label)]
    pub dashboard_label: String,
}

fn main() {}
