// Rule: `on_delete` / `on_update` take one of the five referential actions.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct ModuleV2 {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
pub struct ModuleDashboard {
    #[column(primary_key)]
    pub id: Uuid,
    #[foreign_key(references = ModuleV2::id, on_delete = explode)]
    pub module_id: Uuid,
    #[foreign_key(references = ModuleV2::id, on_update = cascde)]
    pub other_module_id: Uuid,
}

fn main() {}
