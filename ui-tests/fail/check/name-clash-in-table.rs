// Rule: a CHECK's name is not the name of another key, index or CHECK of the same table.
use schema_core::Table;

#[derive(Table)]
#[table(name = "messages")]
#[check(name = "ix_messages_size", expr = "size > 0")]
#[check(name = "messages_pkey", expr = "size < 100")]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    #[index]
    pub size: i32,
}

fn main() {}
