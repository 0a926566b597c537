// Rule: a schema name is not empty and fits PostgreSQL's 63 bytes.
use schema_core::Table;

#[derive(Table)]
#[table(schema = "")]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
#[table(schema = "billing_and_invoicing_and_everything_else_that_goes_with_money_too")]
pub struct Payment {
    #[column(primary_key)]
    pub id: i64,
}

fn main() {}
