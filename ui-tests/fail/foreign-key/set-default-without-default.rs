// Rule: `set_default` needs a `default` on the column.
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
    #[foreign_key(references = ModuleV2::id, on_delete = set_default)]
    pub module_id: Uuid,
}

fn main() {}
