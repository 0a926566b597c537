// Rule: `method` is one of `btree`, `hash`, `gin`, `gist` or `brin`.
use schema_core::Table;

#[derive(Table)]
#[index(columns(tags), method = gni)]
#[index(columns(tags), method = "gin", name = "ix_string")]
pub struct Post {
    #[column(primary_key)]
    pub id: i64,
    pub tags: Vec<String>,
}

fn main() {}
