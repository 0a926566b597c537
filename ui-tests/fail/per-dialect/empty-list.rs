// Rule: `sql_type(...)` and `default(...)` name at least one dialect.
use schema_core::Table;

#[derive(Table)]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    #[column(sql_type())]
    pub email: String,
    #[column(default())]
    pub token: uuid::Uuid,
}

fn main() {}
