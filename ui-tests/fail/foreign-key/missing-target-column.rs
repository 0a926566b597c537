// Rule: `references` names a column the target table does not have.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Dashboard {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
pub struct ModuleDashboard {
    #[column(primary_key)]
    #[foreign_key(references = Dashboard::nope)]
    pub dashboard_id: Uuid,
}

fn main() {}
