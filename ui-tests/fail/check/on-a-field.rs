// Rule: `#[check(...)]` goes on the struct: a CHECK may name several columns.
use schema_core::Table;

#[derive(Table)]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    #[check(name = "messages_size", expr = "size > 0")]
    pub size: i32,
}

fn main() {}
