// Rule: a composite foreign key lists as many referenced columns as referencing ones.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
#[table(primary_key(module_id, version))]
pub struct ModuleVersion {
    pub module_id: Uuid,
    pub version: i32,
}

#[derive(Table)]
#[foreign_key(columns(module_id, version), references = ModuleVersion(module_id))]
pub struct Release {
    #[column(primary_key)]
    pub id: Uuid,
    pub module_id: Uuid,
    pub version: i32,
}

fn main() {}
