// Errors accumulate: one struct, three mistakes, three errors in one compile.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct ModuleDashboard {
    #[column(primary_key)]
    pub id: Option<Uuid>,
    #[foreign_key(references = ModuleDashboard::id, on_delete = explode)]
    pub parent_id: Option<Uuid>,
    #[column(uniqe)]
    pub label: String,
}

fn main() {}
