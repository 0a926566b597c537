// Rule: a table has at least one column.
use schema_core::Table;

#[derive(Table)]
pub struct Nothing {}

fn main() {}
