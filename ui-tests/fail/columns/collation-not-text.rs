// Rule: a collation goes on a text column: its Rust type's SQL type (checked at compile time),
// or its `sql_type`.
use schema_core::Table;

#[derive(Table)]
pub struct Hits {
    #[column(primary_key)]
    pub id: i64,
    #[column(collation = "C")]
    pub hits: i64,
}

#[derive(Table)]
pub struct Counter {
    #[column(primary_key)]
    pub id: i64,
    #[column(collation(postgres = "C"), sql_type = "BIGINT")]
    pub misses: i64,
    #[column(collation = "")]
    pub label: String,
}

fn main() {}
