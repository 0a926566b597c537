// Rule: `#[dialects(...)]` lists some of `postgres`, `sqlite` and `mysql`, each once, and is
// given once.
use schema_core::Table;

#[derive(Table)]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
}

schema_core::schema! {
    #[dialects(postgres, sqllite)]
    pub const A = [Note];
}

schema_core::schema! {
    #[dialects(sqlite, sqlite)]
    pub const B = [Note];
}

schema_core::schema! {
    #[dialects()]
    pub const C = [Note];
}

schema_core::schema! {
    #[dialects(sqlite)]
    #[dialects(mysql)]
    pub const D = [Note];
}

fn main() {}
