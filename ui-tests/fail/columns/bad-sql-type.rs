// Rule: `sql_type` is a type the derive knows, with a sensible length.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Template {
    #[column(primary_key)]
    pub id: Uuid,
    #[column(sql_type = "VARCHAR(0)")]
    pub label: String,
    #[column(sql_type = "VARCHAR(ten)")]
    pub title: String,
    #[column(sql_type = "STRANG")]
    pub wikitext: String,
}

fn main() {}
