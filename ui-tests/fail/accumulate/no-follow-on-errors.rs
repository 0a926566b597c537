// A table whose derive fails still gets a stub, so code using it (a foreign key to it, a
// `schema!` listing it) adds no error of its own: only the two real mistakes are reported.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Module {
    #[column(primray_key)]
    pub id: Uuid,
}

#[derive(Table)]
pub struct Dashboard {
    #[column(primary_key)]
    pub id: Option<Uuid>,
}

#[derive(Table)]
pub struct ModuleDashboard {
    #[column(primary_key)]
    #[foreign_key(references = Module::id)]
    pub module_id: Uuid,
}

schema_core::schema! {
    pub const HUB = [Module, Dashboard, ModuleDashboard];
}

fn main() {}
