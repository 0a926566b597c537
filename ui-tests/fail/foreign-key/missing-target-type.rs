// Rule: `references` names a type that does not exist.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct ModuleDashboard {
    #[column(primary_key)]
    #[foreign_key(references = Missing::id)]
    pub dashboard_id: Uuid,
}

fn main() {}
