// Rule: a `primary_key_name` is unique in a schema, as every primary key name is (PostgreSQL
// keeps key constraints beside the tables and indexes).
use schema_core::Table;

#[derive(Table)]
#[table(primary_key_name = "pk")]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
#[table(primary_key_name = "pk")]
pub struct Receipt {
    #[column(primary_key)]
    pub id: i64,
}

schema_core::schema! {
    pub const BOOKS = [Invoice, Receipt];
}

fn main() {}
