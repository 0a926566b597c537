// A composite primary key whose parts are each foreign keys, and a composite foreign key
// referencing it in order.
use schema_core::{Dialect, Table};
use uuid::Uuid;

#[derive(Table)]
#[table(name = "bundles")]
pub struct Bundle {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
#[table(name = "modules_v2")]
pub struct Module {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
#[table(name = "bundle_module", primary_key(bundle_id, module_id))]
pub struct BundleModule {
    #[foreign_key(references = Bundle::id, on_delete = cascade)]
    pub bundle_id: Uuid,
    #[foreign_key(references = Module::id, on_delete = restrict)]
    pub module_id: Uuid,
}

#[derive(Table)]
#[table(name = "bundle_module_note")]
#[foreign_key(
    columns(bundle_id, module_id),
    references = BundleModule(bundle_id, module_id),
    on_delete = cascade
)]
pub struct BundleModuleNote {
    #[column(primary_key)]
    pub id: i64,
    pub bundle_id: Uuid,
    pub module_id: Uuid,
    pub note: String,
}

schema_core::schema! {
    pub const APP = [Bundle, Module, BundleModule, BundleModuleNote];
}

fn main() {
    assert_eq!(
        BundleModule::DEF.primary_key.columns,
        ["bundle_id", "module_id"]
    );
    assert_eq!(BundleModule::DEF.foreign_keys.len(), 2);
    let note = &BundleModuleNote::DEF.foreign_keys[0];
    assert_eq!(note.name, "bundle_module_note_bundle_id_module_id_fkey");
    assert_eq!(note.ref_columns, ["bundle_id", "module_id"]);
    let sql = APP.create_sql(Dialect::MySql).unwrap().join("\n");
    assert!(
        sql.contains("REFERENCES `bundle_module` (`bundle_id`, `module_id`)"),
        "{sql}"
    );
}
