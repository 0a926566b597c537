//! The runner's dedicated connection: never pooled, so a lock it holds dies with it (closing
//! or dropping it, on error or cancellation, releases PostgreSQL's advisory lock and MySQL's
//! `GET_LOCK`; SQLite's lock is the open transaction).

use std::time::Duration;

use sqlx::{Connection, Executor};

use super::value::{bind, decode_row, text_row};
use super::{on_backend, ConnectError, Endpoint, Value};
use crate::Dialect;

/// The rows of `$sql` on `$conn`, each through `$map`: as a simple query on PostgreSQL
/// (nothing prepared, see [`Conn::execute_with`]), as a query elsewhere.
macro_rules! each_row {
    ($conn:expr, $sql:expr, $map:expr) => {
        match $conn {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => c
                .fetch_all(sqlx::raw_sql($sql))
                .await?
                .iter()
                .map($map)
                .collect(),
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => sqlx::query($sql)
                .fetch_all(c)
                .await?
                .iter()
                .map($map)
                .collect(),
            #[cfg(feature = "mysql")]
            Conn::MySql(c) => sqlx::query($sql)
                .fetch_all(c)
                .await?
                .iter()
                .map($map)
                .collect(),
        }
    };
}

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
        Conn::open_endpoint(&Endpoint::Url(url.to_owned()), busy_timeout).await
    }

    /// [`Conn::open`] on an [`Endpoint`]: a URL, or a pool's connect options.
    pub(crate) async fn open_endpoint(
        endpoint: &Endpoint,
        busy_timeout: Duration,
    ) -> Result<Conn, ConnectError> {
        let shown = endpoint.to_string();
        let fail = |source| ConnectError::Connect {
            url: shown.clone(),
            source,
        };
        let conn = match endpoint {
            Endpoint::Url(url) => match Dialect::from_url(url)? {
                #[cfg(feature = "postgres")]
                Dialect::Postgres => sqlx::PgConnection::connect(url)
                    .await
                    .map(Conn::Postgres)
                    .map_err(fail)?,
                #[cfg(feature = "sqlite")]
                Dialect::Sqlite => {
                    let options = super::sqlite_options(url)
                        .map_err(ConnectError::connect(url))?
                        .busy_timeout(busy_timeout);
                    sqlx::SqliteConnection::connect_with(&options)
                        .await
                        .map(Conn::Sqlite)
                        .map_err(fail)?
                }
                #[cfg(feature = "mysql")]
                Dialect::MySql => sqlx::MySqlConnection::connect(&super::mysql_url(url))
                    .await
                    .map(Conn::MySql)
                    .map_err(fail)?,
                #[allow(unreachable_patterns)]
                other => return Err(ConnectError::feature_disabled(url, other)),
            },
            #[cfg(feature = "postgres")]
            Endpoint::Postgres(options) => sqlx::PgConnection::connect_with(options)
                .await
                .map(Conn::Postgres)
                .map_err(fail)?,
            #[cfg(feature = "sqlite")]
            Endpoint::Sqlite(options) => {
                let options = options
                    .clone()
                    .foreign_keys(true)
                    .busy_timeout(busy_timeout);
                sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .map(Conn::Sqlite)
                    .map_err(fail)?
            }
            #[cfg(feature = "mysql")]
            Endpoint::MySql(options) => sqlx::MySqlConnection::connect_with(options)
                .await
                .map(Conn::MySql)
                .map_err(fail)?,
        };
        let mut conn = conn;
        let settings = conn.dialect().session_settings();
        if !settings.is_empty() {
            conn.execute(settings).await.map_err(fail)?;
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

    // PostgreSQL: every query goes as a simple query, its values written into the text, so
    // nothing is prepared. Behind a pooler in transaction mode (PgBouncer), a prepared
    // statement stays on whichever server connection ran it, and the next client there
    // collides with it (`prepared statement "sqlx_s_1" already exists`).

    /// Runs one statement with `values` bound (on PostgreSQL, written in as literals, see
    /// [`pg_inline`]); the rows it touched.
    pub(crate) async fn execute_with(
        &mut self,
        sql: &str,
        values: &[Value],
    ) -> Result<u64, sqlx::Error> {
        match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => {
                let sql = pg_inline(sql, values);
                c.execute(sqlx::raw_sql(&sql))
                    .await
                    .map(|r| r.rows_affected())
            }
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => bind(sqlx::query(sql), values)
                .execute(c)
                .await
                .map(|r| r.rows_affected()),
            #[cfg(feature = "mysql")]
            Conn::MySql(c) => bind(sqlx::query(sql), values)
                .execute(c)
                .await
                .map(|r| r.rows_affected()),
        }
    }

    /// One optional integer.
    pub(crate) async fn scalar(&mut self, sql: &str) -> Result<Option<i64>, sqlx::Error> {
        let rows = self.rows(sql).await?;
        match rows.first().and_then(|r| r.first()) {
            Some(Value::Int(n)) => Ok(Some(*n)),
            Some(Value::Null) => Ok(None),
            Some(other) => Err(sqlx::Error::Decode(
                format!("`{sql}` returned {other:?}, not an integer").into(),
            )),
            None => Err(sqlx::Error::RowNotFound),
        }
    }

    /// How many rows a query returns.
    pub(crate) async fn count_rows(&mut self, sql: &str) -> Result<usize, sqlx::Error> {
        self.rows(sql).await.map(|r| r.len())
    }

    /// Every row of a query, each column as a [`Value`].
    pub(crate) async fn rows(&mut self, sql: &str) -> Result<Vec<Vec<Value>>, sqlx::Error> {
        each_row!(self, sql, decode_row)
    }

    /// Every row of a query whose columns are all text (or NULL).
    pub(crate) async fn text_rows(
        &mut self,
        sql: &str,
    ) -> Result<Vec<Vec<Option<String>>>, sqlx::Error> {
        each_row!(self, sql, text_row)
    }

    /// The tables of the connected schema.
    pub(crate) async fn table_names(&mut self) -> Result<Vec<String>, sqlx::Error> {
        let sql = self.dialect().sql().table_names_sql();
        let rows = self.text_rows(sql).await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| r.into_iter().next().flatten())
            .collect())
    }

    /// Closes the connection (which releases any session lock it holds).
    pub(crate) async fn close(self) {
        let _ = on_backend!(self, Conn, c => c.close().await);
    }
}

/// `sql` with each `$n` (outside string literals) replaced by `values[n - 1]` as a PostgreSQL
/// literal. Text is an `E'...'` string, which reads the same whatever
/// `standard_conforming_strings` says.
#[cfg(feature = "postgres")]
fn pg_inline(sql: &str, values: &[Value]) -> String {
    let literal = |v: &Value| match v {
        Value::Null => "NULL".to_owned(),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_finite() => format!("{f:?}::float8"),
        Value::Float(f) => format!("'{f}'::float8"),
        Value::Text(s) => format!("E'{}'", s.replace('\\', "\\\\").replace('\'', "''")),
        Value::Bytes(b) => {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            format!("'\\x{hex}'::bytea")
        }
        Value::Uuid(u) => format!("'{u}'::uuid"),
    };
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c == '$' && !quoted && chars.peek().is_some_and(char::is_ascii_digit) {
            let mut n = String::new();
            while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                n.push(d);
                chars.next();
            }
            match n
                .parse::<usize>()
                .ok()
                .and_then(|i| values.get(i.wrapping_sub(1)))
            {
                Some(v) => out.push_str(&literal(v)),
                None => {
                    out.push('$');
                    out.push_str(&n);
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(all(test, feature = "postgres"))]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_in_as_literals_outside_quotes() {
        let sql = pg_inline(
            "UPDATE t SET a = $1, b = $2, c = '$1' WHERE d = $3 AND e = $10",
            &[
                Value::Text(r"it's a \ back".into()),
                Value::Null,
                Value::Int(7),
            ],
        );
        assert_eq!(
            sql,
            r"UPDATE t SET a = E'it''s a \\ back', b = NULL, c = '$1' WHERE d = 7 AND e = $10"
        );
    }
}
