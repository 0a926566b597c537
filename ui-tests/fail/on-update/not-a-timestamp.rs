// Rule: `on_update` goes on a timestamp column (`TIMESTAMP` or `TIMESTAMPTZ`): its Rust
// type's SQL type (checked at compile time), or its `sql_type`.
use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
    #[column(on_update = "CURRENT_DATE", on_update_emulated)]
    pub issued_on: chrono::NaiveDate,
}

#[derive(Table)]
pub struct Receipt {
    #[column(primary_key)]
    pub id: i64,
    #[column(on_update = "CURRENT_TIMESTAMP", sql_type = "DATE")]
    pub issued_on: chrono::NaiveDate,
}

fn main() {}
