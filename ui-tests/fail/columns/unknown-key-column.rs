// Rule: an index, a unique constraint or a primary key names columns the table has.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
#[table(primary_key(id, verison))]
#[index(columns(labl))]
#[unique(columns(entity_key, source))]
pub struct Dashboard {
    pub id: Uuid,
    pub version: i32,
    pub entity_key: String,
    pub label: String,
}

fn main() {}
