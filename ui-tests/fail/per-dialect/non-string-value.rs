// Rule: each dialect's text in `sql_type(...)` and `default(...)` is a string literal.
use schema_core::Table;

#[derive(Table)]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    #[column(sql_type(postgres = CITEXT))]
    pub email: String,
    #[column(default(sqlite = 0, mysql = "0"))]
    pub rank: i32,
    #[column(default(postgres))]
    pub score: i32,
}

fn main() {}
