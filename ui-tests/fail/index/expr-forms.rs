// Rule: an index's key is `columns(...)` or one non-empty `expr`, not both and not neither;
// an expression index is named.
use schema_core::Table;

#[derive(Table)]
#[index(columns(email), expr = "lower(email)", name = "ix_both")]
#[index(expr = "lower(email)")]
#[index(expr = "", name = "ix_empty")]
#[index(unique, name = "ix_neither")]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    pub email: String,
}

fn main() {}
