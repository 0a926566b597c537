// Rule: a struct-level index's name is not the name of another key or CHECK of the table.
use schema_core::Table;

#[derive(Table)]
#[unique(columns(uid), name = "messages_uid")]
#[index(columns(uid), desc(uid), name = "messages_uid")]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    pub uid: String,
}

fn main() {}
