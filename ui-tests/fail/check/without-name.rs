// Rule: a CHECK is named: each database names an unnamed one its own way.
use schema_core::Table;

#[derive(Table)]
#[check(expr = "size > 0")]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    pub size: i32,
}

fn main() {}
