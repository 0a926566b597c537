// Rule: `nulls_not_distinct` qualifies a unique index.
use schema_core::Table;

#[derive(Table)]
#[index(columns(uid), nulls_not_distinct)]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    pub uid: Option<String>,
}

fn main() {}
