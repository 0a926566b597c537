// Rule: `desc(...)` names columns of the index's key; `include(...)` names columns of the
// table that are not in the key; both name existing columns.
use schema_core::Table;

#[derive(Table)]
#[index(columns(app_id), desc(created_at), name = "ix_desc_not_in_key")]
#[index(columns(app_id), desc(craeted_at), name = "ix_desc_missing")]
#[index(columns(app_id), include(app_id), name = "ix_include_in_key")]
#[index(columns(app_id), include(nope), name = "ix_include_missing")]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    pub app_id: i64,
    pub created_at: i64,
}

fn main() {}
