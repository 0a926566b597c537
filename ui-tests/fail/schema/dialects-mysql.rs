// Rule: with `#[dialects(...)]`, every form of every table renders on each listed dialect.
// MySQL/MariaDB have no partial and no expression indexes, no `NULLS NOT DISTINCT`, and a
// CHECK written per dialect needs its `mysql` variant.
use schema_core::Table;

#[derive(Table)]
#[index(columns(email), unique, where = "email IS NOT NULL")]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    pub email: Option<String>,
}

#[derive(Table)]
#[index(expr = "lower(address)", unique, name = "ix_email_lower")]
pub struct Email {
    #[column(primary_key)]
    pub id: i64,
    pub address: String,
}

#[derive(Table)]
#[check(name = "message_kind", expr(postgres = "kind ~ '^[a-z]+$'", sqlite = "kind GLOB '[a-z]*'"))]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    pub kind: String,
}

#[derive(Table)]
#[unique(columns(a, b), nulls_not_distinct)]
pub struct Pair {
    #[column(primary_key)]
    pub id: i64,
    pub a: Option<i64>,
    pub b: Option<i64>,
}

schema_core::schema! {
    #[dialects(mysql)]
    pub const APP = [Account, Email, Message, Pair];
}

fn main() {}
