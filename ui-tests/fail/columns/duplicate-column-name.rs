// Rule: two fields cannot map to the same column.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Dashboard {
    #[column(primary_key)]
    pub id: Uuid,
    pub label: String,
    #[column(name = "label")]
    pub title: String,
}

fn main() {}
