// Rule: `autoincrement` qualifies `identity`.
use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key, autoincrement)]
    pub id: i64,
}

fn main() {}
