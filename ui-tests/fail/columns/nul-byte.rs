// Rule: no string of a declaration holds a NUL byte: not a name, a default, a doc comment (the
// database's comment) or an enum label. PostgreSQL refuses one; MySQL and SQLite cut at it.
use schema_core::{SqlEnum, Table};

#[derive(Table)]
#[table(name = "no\0table")]
pub struct Names {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = "'a\0b'")]
    pub label: String,
    #[doc = "a comment\0with a NUL"]
    pub note: String,
}

#[derive(SqlEnum, Debug, Clone, Copy, PartialEq)]
#[sql_enum(name = "mood")]
pub enum Mood {
    #[sql_enum(rename = "ha\0ppy")]
    Happy,
}

fn main() {}
