// `schema! { #[dialects(...)] }`: each schema lists only the forms its dialects create, and
// compiles; the doc comment stays on the constant.
use schema_core::{Dialect, Table};

/// Every dialect creates this one.
#[derive(Table)]
#[check(name = "item_qty", expr = "qty >= 0")]
#[index(columns(qty, name), desc(qty))]
pub struct Item {
    #[column(primary_key)]
    pub id: i64,
    pub qty: i32,
    #[column(collation = "C")]
    pub name: String,
}

#[derive(Table)]
#[index(columns(email), unique, where = "email IS NOT NULL")]
#[index(expr = "lower(email)", name = "ix_account_email_lower")]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    pub email: Option<String>,
}

#[derive(Table)]
#[table(schema = "search")]
#[index(columns(tags), method = gin)]
#[index(columns(title), include(id))]
#[unique(columns(title, slug), nulls_not_distinct)]
pub struct Post {
    #[column(primary_key)]
    pub id: i64,
    pub title: String,
    pub slug: Option<String>,
    pub tags: Vec<String>,
}

schema_core::schema! {
    /// Everywhere.
    #[dialects(postgres, sqlite, mysql)]
    pub const EVERYWHERE = [Item];
}

schema_core::schema! {
    #[dialects(sqlite, postgres)]
    /// Partial and expression indexes.
    pub const NOT_MYSQL = [Item, Account];
}

schema_core::schema! {
    #[dialects(postgres)]
    pub const POSTGRES_ONLY = [Item, Account, Post];
}

fn main() {
    for dialect in Dialect::ALL {
        EVERYWHERE.create_sql(dialect).unwrap_or_else(|e| panic!("{e}"));
    }
    for dialect in [Dialect::Postgres, Dialect::Sqlite] {
        NOT_MYSQL.create_sql(dialect).unwrap_or_else(|e| panic!("{e}"));
    }
    POSTGRES_ONLY
        .create_sql(Dialect::Postgres)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(<Post as Table>::create_sql(Dialect::Sqlite).is_err());
}
