// Rule: a table has at most one identity column.
use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key, identity)]
    pub id: i64,
    #[column(identity = serial)]
    pub number: i32,
}

fn main() {}
