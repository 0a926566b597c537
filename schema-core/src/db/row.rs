//! [`AnyRow`]: a table row that every enabled backend can bind and decode, so [`super::Pool`]
//! can insert and read it without the caller naming the backend.

use crate::{BindRow, Table};

macro_rules! backend_row {
    ($name:ident, $feature:literal, $db:ty, $row:ty) => {
        #[doc = concat!("Bound and decoded on the `", $feature, "` backend (empty when its feature is off).")]
        #[cfg(feature = $feature)]
        pub trait $name: for<'q> BindRow<'q, $db> + for<'r> sqlx::FromRow<'r, $row> {}
        #[cfg(feature = $feature)]
        impl<T> $name for T where T: for<'q> BindRow<'q, $db> + for<'r> sqlx::FromRow<'r, $row> {}
        #[doc = concat!("Bound and decoded on the `", $feature, "` backend (empty when its feature is off).")]
        #[cfg(not(feature = $feature))]
        pub trait $name {}
        #[cfg(not(feature = $feature))]
        impl<T> $name for T {}
    };
}

backend_row!(
    PostgresRow,
    "postgres",
    sqlx::Postgres,
    sqlx::postgres::PgRow
);
backend_row!(SqliteRow, "sqlite", sqlx::Sqlite, sqlx::sqlite::SqliteRow);
backend_row!(MySqlRow, "mysql", sqlx::MySql, sqlx::mysql::MySqlRow);

/// A `#[derive(Table)]` row usable on every enabled backend (the derive implements what it
/// needs): [`super::Pool::insert`] and [`super::Pool::fetch_all`] take one.
pub trait AnyRow:
    Table + PostgresRow + SqliteRow + MySqlRow + Send + Sync + Unpin + 'static
{
}

impl<T> AnyRow for T where
    T: Table + PostgresRow + SqliteRow + MySqlRow + Send + Sync + Unpin + 'static
{
}
