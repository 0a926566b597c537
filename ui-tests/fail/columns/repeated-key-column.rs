// Rule: an index, a unique constraint or a primary key names each column once.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
#[table(primary_key(id, id))]
#[index(columns(label, label), name = "ix_dashboard_label_twice")]
#[unique(columns(entity_key, entity_key))]
pub struct Dashboard {
    pub id: Uuid,
    pub entity_key: String,
    pub label: String,
}

fn main() {}
