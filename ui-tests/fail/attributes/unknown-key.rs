// Rule: an unknown attribute key is an error at the key, with the closest valid one.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Dashboard {
    #[column(primray_key)]
    pub id: Uuid,
}

fn main() {}
