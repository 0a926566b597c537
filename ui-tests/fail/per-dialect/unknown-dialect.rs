// Rule: the dialects of `sql_type(...)` and `default(...)` are `postgres`, `sqlite` and
// `mysql`.
use schema_core::Table;

#[derive(Table)]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    #[column(sql_type(postgresql = "CITEXT", sqlite = "TEXT"))]
    pub email: String,
    #[column(default(postgres = "gen_random_uuid()", mariadb = "(uuid())"))]
    pub token: uuid::Uuid,
}

fn main() {}
