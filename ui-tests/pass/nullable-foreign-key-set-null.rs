// `Option<Uuid>` referencing a `Uuid` primary key, with `on_delete = set_null` (and an
// `i64` key referenced by `Option<i64>`, with `on_update = set_null`).
use schema_core::{Dialect, ReferentialAction, Table};
use uuid::Uuid;

#[derive(Table)]
#[table(name = "modules_v2")]
pub struct Module {
    #[column(primary_key)]
    pub id: Uuid,
    #[column(unique)]
    pub number: i64,
}

#[derive(Table)]
#[table(name = "module_dashboard")]
pub struct ModuleDashboard {
    #[column(primary_key)]
    pub id: Uuid,
    #[foreign_key(references = Module::id, on_delete = set_null)]
    pub module_id: Option<Uuid>,
    #[foreign_key(references = Module::number, on_update = set_null)]
    pub module_number: Option<i64>,
}

fn main() {
    let fks = ModuleDashboard::DEF.foreign_keys;
    assert_eq!(fks[0].on_delete, ReferentialAction::SetNull);
    assert_eq!(fks[1].on_update, ReferentialAction::SetNull);
    let sql = ModuleDashboard::create_sql(Dialect::Postgres).unwrap().join("\n");
    assert!(sql.contains("ON DELETE SET NULL"), "{sql}");
    assert!(
        sql.contains("\"module_id\" UUID,") || sql.contains("\"module_id\" UUID\n"),
        "{sql}"
    );
}
