// Rule: `sql_type` is well formed, with a sensible length (a name the derive does not know is
// passed through as written, so it is not an error).
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
    #[column(sql_type = "NUMERIC(10, 20)")]
    pub weight: f64,
}

fn main() {}
