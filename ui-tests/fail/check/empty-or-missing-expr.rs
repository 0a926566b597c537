// Rule: a CHECK has an expression, and it is not empty (once, or per dialect).
use schema_core::Table;

#[derive(Table)]
#[check(name = "messages_blank", expr = "  ")]
#[check(name = "messages_none")]
#[check(name = "messages_blank_sqlite", expr(postgres = "size > 0", sqlite = ""))]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    pub size: i32,
}

fn main() {}
