// Rule: `#[derive(Table)]` goes on a struct with named fields and no generics.
use schema_core::Table;

#[derive(Table)]
pub enum Status {
    Draft,
}

#[derive(Table)]
pub struct Pair(i64, String);

#[derive(Table)]
pub struct Nothing;

#[derive(Table)]
pub struct Boxed<T> {
    #[column(primary_key)]
    pub id: T,
}

fn main() {}
