// Rule: `sql_type` is given once, in either form.
use schema_core::Table;

#[derive(Table)]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    #[column(sql_type = "TEXT", sql_type(postgres = "CITEXT"))]
    pub email: String,
}

fn main() {}
