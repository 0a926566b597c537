//! The runner's dedicated connection: never pooled, so a lock it holds dies with it (closing
//! or dropping it, on error or cancellation, releases PostgreSQL's advisory lock and MySQL's
//! `GET_LOCK`; SQLite's lock is the open transaction).

use std::time::Duration;

use sqlx::{Connection, Executor};

use super::value::{bind, decode_row, text_row};
use super::{on_backend, ConnectError, Value};
use crate::Dialect;

/// One connection to one of the three backends.
pub(crate) enum Conn {
    #[cfg(feature = "postgres")]
    Postgres(sqlx::PgConnection),
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::SqliteConnection),
    #[cfg(feature = "mysql")]
    MySql(sqlx::MySqlConnection),
}

impl Conn {
    /// Opens a connection to `url` with [`Dialect::session_settings`] pinned; SQLite waits up
    /// to `busy_timeout` for a lock.
    pub(crate) async fn open(url: &str, busy_timeout: Duration) -> Result<Conn, ConnectError> {
        let fail = ConnectError::connect(url);
        let mut conn = match Dialect::from_url(url)? {
            #[cfg(feature = "postgres")]
            Dialect::Postgres => sqlx::PgConnection::connect(url)
                .await
                .map(Conn::Postgres)
                .map_err(fail),
            #[cfg(feature = "sqlite")]
            Dialect::Sqlite => {
                let options = super::sqlite_options(url)
                    .map_err(ConnectError::connect(url))?
                    .busy_timeout(busy_timeout);
                sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .map(Conn::Sqlite)
                    .map_err(fail)
            }
            #[cfg(feature = "mysql")]
            Dialect::MySql => sqlx::MySqlConnection::connect(&super::mysql_url(url))
                .await
                .map(Conn::MySql)
                .map_err(fail),
            #[allow(unreachable_patterns)]
            other => Err(ConnectError::feature_disabled(url, other)),
        }?;
        let settings = conn.dialect().session_settings();
        if !settings.is_empty() {
            conn.execute(settings)
                .await
                .map_err(ConnectError::connect(url))?;
        }
        Ok(conn)
    }

    pub(crate) fn dialect(&self) -> Dialect {
        match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(_) => Dialect::Postgres,
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(_) => Dialect::Sqlite,
            #[cfg(feature = "mysql")]
            Conn::MySql(_) => Dialect::MySql,
        }
    }

    // Raw SQL goes through `Executor::execute`, whose future is boxed and `Send` by its
    // signature: `RawSql::execute` is a generic `async fn`, and proving its future `Send` inside
    // the runner's boxed futures trips rustc (rust-lang/rust#102211).

    /// Runs SQL text; the rows it touched.
    pub(crate) async fn execute(&mut self, sql: &str) -> Result<u64, sqlx::Error> {
        on_backend!(self, Conn, c => c.execute(sqlx::raw_sql(sql)).await.map(|r| r.rows_affected()))
    }

    /// Runs one statement with `values` bound; the rows it touched.
    pub(crate) async fn execute_with(
        &mut self,
        sql: &str,
        values: &[Value],
    ) -> Result<u64, sqlx::Error> {
        on_backend!(self, Conn, c => bind(sqlx::query(sql), values).execute(c).await.map(|r| r.rows_affected()))
    }

    /// One optional integer.
    pub(crate) async fn scalar(&mut self, sql: &str) -> Result<Option<i64>, sqlx::Error> {
        on_backend!(self, Conn, c => sqlx::query_scalar(sql).fetch_one(c).await)
    }

    /// How many rows a query returns.
    pub(crate) async fn count_rows(&mut self, sql: &str) -> Result<usize, sqlx::Error> {
        on_backend!(self, Conn, c => sqlx::query(sql).fetch_all(c).await.map(|r| r.len()))
    }

    /// Every row of a query, each column as a [`Value`].
    pub(crate) async fn rows(&mut self, sql: &str) -> Result<Vec<Vec<Value>>, sqlx::Error> {
        on_backend!(self, Conn, c => {
            let rows = sqlx::query(sql).fetch_all(c).await?;
            rows.iter().map(decode_row).collect()
        })
    }

    /// Every row of a query whose columns are all text (or NULL).
    pub(crate) async fn text_rows(
        &mut self,
        sql: &str,
    ) -> Result<Vec<Vec<Option<String>>>, sqlx::Error> {
        on_backend!(self, Conn, c => {
            let rows = sqlx::query(sql).fetch_all(c).await?;
            rows.iter().map(text_row).collect()
        })
    }

    /// The tables of the connected schema.
    pub(crate) async fn table_names(&mut self) -> Result<Vec<String>, sqlx::Error> {
        let sql = self.dialect().sql().table_names_sql();
        on_backend!(self, Conn, c => sqlx::query_scalar(sql).fetch_all(c).await)
    }

    /// Closes the connection (which releases any session lock it holds).
    pub(crate) async fn close(self) {
        let _ = on_backend!(self, Conn, c => c.close().await);
    }
}
