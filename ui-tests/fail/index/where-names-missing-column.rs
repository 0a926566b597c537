// Rule: a partial index's `where` names columns of the table (keywords, literals, functions
// and casts are not columns), and is not empty.
use schema_core::Table;

#[derive(Table)]
#[index(columns(uid), unique, where = "uidd IS NOT NULL AND lower(kind) <> 'x'::text")]
#[index(columns(uid), where = "deleted IS NULL OR archived", name = "ix_two_missing")]
#[index(columns(uid), where = " ", name = "ix_empty_where")]
// No error: every word is a keyword, a literal, a function, a type or a column.
#[index(
    columns(kind),
    where = "uid IS NOT NULL AND kind IN ('a', 'b') AND NOT (size BETWEEN 1 AND 10) AND coalesce(size, 0)::bigint > 0",
    name = "ix_fine"
)]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    pub uid: Option<String>,
    pub kind: String,
    pub size: i32,
}

fn main() {}
