// Rule: a composite foreign key references the target's primary key or one of its unique
// constraints, with the columns in their declared order.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
#[table(primary_key(module_id, version))]
pub struct ModuleVersion {
    pub module_id: Uuid,
    pub version: i32,
    pub label: String,
}

#[derive(Table)]
#[foreign_key(columns(version, module_id), references = ModuleVersion(version, module_id))]
#[foreign_key(columns(module_id, label), references = ModuleVersion(module_id, label))]
pub struct Release {
    #[column(primary_key)]
    pub id: Uuid,
    pub module_id: Uuid,
    pub version: i32,
    pub label: String,
}

fn main() {}
