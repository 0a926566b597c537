// Rule: an identity column is an integer column: its Rust type's SQL type (checked at compile
// time), or its `sql_type`.
use schema_core::Table;

#[derive(Table)]
pub struct Ticket {
    #[column(primary_key, identity)]
    pub code: String,
}

#[derive(Table)]
pub struct Voucher {
    #[column(primary_key, identity = always, sql_type = "TEXT")]
    pub code: String,
}

fn main() {}
