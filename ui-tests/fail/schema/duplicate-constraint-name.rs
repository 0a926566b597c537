// Rule: constraint names are unique in a schema (MySQL keeps foreign keys per database).
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Module {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
pub struct ModuleDashboard {
    #[column(primary_key)]
    #[foreign_key(references = Module::id, name = "fk_module")]
    pub module_id: Uuid,
}

#[derive(Table)]
pub struct ModuleEntity {
    #[column(primary_key)]
    #[foreign_key(references = Module::id, name = "fk_module")]
    pub module_id: Uuid,
}

schema_core::schema! {
    pub const HUB = [Module, ModuleDashboard, ModuleEntity];
}

fn main() {}
