// Rule: a key's value has the key's kind: flags take none, names take a string.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
#[table(name = dashboards)]
pub struct Dashboard {
    #[column(primary_key = "yes")]
    pub id: Uuid,
    #[foreign_key(references = "Dashboard::id")]
    pub parent_id: Option<Uuid>,
}

fn main() {}
