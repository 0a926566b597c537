// Rule: a primary-key column is NOT NULL, so its field is not `Option<_>`.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Dashboard {
    #[column(primary_key)]
    pub id: Option<Uuid>,
}

#[derive(Table)]
#[table(primary_key(module_id, version))]
pub struct ModuleVersion {
    pub module_id: Uuid,
    pub version: Option<i32>,
}

fn main() {}
