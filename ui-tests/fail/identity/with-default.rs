// Rule: an identity column has no `default`: the database generates its values.
use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key, identity, default = "1")]
    pub id: i64,
}

fn main() {}
