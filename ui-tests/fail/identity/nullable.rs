// Rule: an identity column is never NULL.
use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
    #[column(identity)]
    pub number: Option<i64>,
}

fn main() {}
