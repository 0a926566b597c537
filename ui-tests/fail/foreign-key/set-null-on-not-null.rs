// Rule: `set_null` needs a nullable (`Option<_>`) column.
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
    #[foreign_key(references = ModuleV2::id, on_delete = set_null)]
    pub module_id: Uuid,
    #[foreign_key(references = ModuleV2::id, on_update = set_null)]
    pub other_module_id: Uuid,
}

fn main() {}
