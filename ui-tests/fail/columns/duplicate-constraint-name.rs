// Rule: index and constraint names are unique within a table.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
#[index(columns(label), name = "ix_dashboard")]
#[index(columns(entity_key), name = "ix_dashboard")]
#[unique(columns(entity_key), name = "dashboard_pkey")]
pub struct Dashboard {
    #[column(primary_key)]
    pub id: Uuid,
    pub entity_key: String,
    pub label: String,
}

fn main() {}
