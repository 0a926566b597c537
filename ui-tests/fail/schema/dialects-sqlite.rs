// Rule: with `#[dialects(...)]`, every form of every table renders on each listed dialect.
// SQLite has no index methods but B-tree, no `INCLUDE`, no schemas, and a collation written
// per dialect needs its `sqlite` variant.
use schema_core::Table;

#[derive(Table)]
#[index(columns(tags), method = gin)]
pub struct Post {
    #[column(primary_key)]
    pub id: i64,
    pub tags: Vec<String>,
}

#[derive(Table)]
#[table(schema = "billing")]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
}

#[derive(Table)]
#[index(columns(name), include(id))]
pub struct Tag {
    #[column(primary_key)]
    pub id: i64,
    pub name: String,
}

#[derive(Table)]
pub struct Label {
    #[column(primary_key)]
    pub id: i64,
    #[column(collation(postgres = "C", mysql = "utf8mb4_bin"))]
    pub text: String,
}

schema_core::schema! {
    /// Targets PostgreSQL and SQLite.
    #[dialects(postgres, sqlite)]
    pub const APP = [Post, Invoice, Tag, Label];
}

fn main() {}
