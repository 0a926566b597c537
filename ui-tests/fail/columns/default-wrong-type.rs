// Rule: a literal `default` is a value of the column's type.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Property {
    #[column(primary_key)]
    pub id: Uuid,
    #[column(default = "'abc'")]
    pub unique_values: bool,
    #[column(default = "'abc'")]
    pub display_precision: i32,
}

fn main() {}
