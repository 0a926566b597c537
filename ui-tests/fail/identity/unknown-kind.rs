// Rule: `identity` is `by_default` (also written `identity` alone), `always` or `serial`.
use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key, identity = allways)]
    pub id: i64,
}

fn main() {}
