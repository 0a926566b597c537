//! The runner's dedicated connection: never pooled, so a lock it holds dies with it (closing
//! or dropping it, on error or cancellation, releases PostgreSQL's advisory lock and MySQL's
//! `GET_LOCK`; SQLite's lock is the open transaction).

use std::time::Duration;

use sqlx::Connection;

use crate::connect::{table_names_sql, ConnectError};
use crate::dialect::mask_password;
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

/// One row of the version table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedRevision {
    /// Revision id.
    pub id: String,
    /// Checksum when it was applied.
    pub checksum: String,
    /// `applied`, or `failed` (MySQL: stopped part-way), or `applying`.
    pub state: String,
    /// Steps applied.
    pub steps_done: i64,
    /// When (RFC 3339, UTC).
    pub applied_at: String,
    /// How long it took, in milliseconds.
    pub duration_ms: i64,
    /// The error of a failed revision.
    pub error: Option<String>,
}

type Row = (String, String, String, i64, String, i64, Option<String>);

impl Conn {
    pub(crate) async fn open(url: &str, busy_timeout: Duration) -> Result<Conn, ConnectError> {
        let dialect = Dialect::from_url(url)?;
        let fail = |source| ConnectError::Connect {
            url: mask_password(url),
            source,
        };
        match dialect {
            #[cfg(feature = "postgres")]
            Dialect::Postgres => sqlx::PgConnection::connect(url)
                .await
                .map(Conn::Postgres)
                .map_err(fail),
            #[cfg(feature = "sqlite")]
            Dialect::Sqlite => {
                let options = crate::connect::sqlite_options(url)
                    .map_err(fail)?
                    .busy_timeout(busy_timeout);
                sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .map(Conn::Sqlite)
                    .map_err(fail)
            }
            #[cfg(feature = "mysql")]
            Dialect::MySql => {
                let url = url.replacen("mariadb://", "mysql://", 1);
                sqlx::MySqlConnection::connect(&url)
                    .await
                    .map(Conn::MySql)
                    .map_err(fail)
            }
            #[allow(unreachable_patterns)]
            other => Err(ConnectError::FeatureDisabled {
                url: mask_password(url),
                feature: other.name(),
            }),
        }
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

    pub(crate) async fn execute(&mut self, sql: &str) -> Result<u64, sqlx::Error> {
        match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => sqlx::raw_sql(sql)
                .execute(c)
                .await
                .map(|r| r.rows_affected()),
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => sqlx::raw_sql(sql)
                .execute(c)
                .await
                .map(|r| r.rows_affected()),
            #[cfg(feature = "mysql")]
            Conn::MySql(c) => sqlx::raw_sql(sql)
                .execute(c)
                .await
                .map(|r| r.rows_affected()),
        }
    }

    /// One optional integer.
    pub(crate) async fn scalar(&mut self, sql: &str) -> Result<Option<i64>, sqlx::Error> {
        match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => sqlx::query_scalar(sql).fetch_one(c).await,
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => sqlx::query_scalar(sql).fetch_one(c).await,
            #[cfg(feature = "mysql")]
            Conn::MySql(c) => sqlx::query_scalar(sql).fetch_one(c).await,
        }
    }

    /// How many rows a query returns.
    pub(crate) async fn count_rows(&mut self, sql: &str) -> Result<usize, sqlx::Error> {
        match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => sqlx::query(sql).fetch_all(c).await.map(|r| r.len()),
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => sqlx::query(sql).fetch_all(c).await.map(|r| r.len()),
            #[cfg(feature = "mysql")]
            Conn::MySql(c) => sqlx::query(sql).fetch_all(c).await.map(|r| r.len()),
        }
    }

    /// Every row of a query whose columns are all text (or NULL).
    pub(crate) async fn text_rows(
        &mut self,
        sql: &str,
    ) -> Result<Vec<Vec<Option<String>>>, sqlx::Error> {
        use sqlx::Row;
        macro_rules! rows {
            ($c:expr) => {{
                let rows = sqlx::query(sql).fetch_all($c).await?;
                rows.iter()
                    .map(|r| {
                        (0..r.len())
                            .map(|i| r.try_get::<Option<String>, _>(i))
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .collect()
            }};
        }
        match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => rows!(c),
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => rows!(c),
            #[cfg(feature = "mysql")]
            Conn::MySql(c) => rows!(c),
        }
    }

    pub(crate) async fn table_names(&mut self) -> Result<Vec<String>, sqlx::Error> {
        let sql = table_names_sql(self.dialect());
        match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => sqlx::query_scalar(sql).fetch_all(c).await,
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => sqlx::query_scalar(sql).fetch_all(c).await,
            #[cfg(feature = "mysql")]
            Conn::MySql(c) => sqlx::query_scalar(sql).fetch_all(c).await,
        }
    }

    pub(crate) async fn applied(
        &mut self,
        table: &str,
    ) -> Result<Vec<AppliedRevision>, sqlx::Error> {
        let d = self.dialect();
        let sql = format!(
            "SELECT {} FROM {}",
            d.quote_list(&[
                "id",
                "checksum",
                "state",
                "steps_done",
                "applied_at",
                "duration_ms",
                "error"
            ]),
            d.quote(table)
        );
        let rows: Vec<Row> = match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => sqlx::query_as(&sql).fetch_all(c).await?,
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => sqlx::query_as(&sql).fetch_all(c).await?,
            #[cfg(feature = "mysql")]
            Conn::MySql(c) => sqlx::query_as(&sql).fetch_all(c).await?,
        };
        Ok(rows
            .into_iter()
            .map(
                |(id, checksum, state, steps_done, applied_at, duration_ms, error)| {
                    AppliedRevision {
                        id,
                        checksum,
                        state,
                        steps_done,
                        applied_at,
                        duration_ms,
                        error,
                    }
                },
            )
            .collect())
    }

    pub(crate) async fn close(self) {
        let _ = match self {
            #[cfg(feature = "postgres")]
            Conn::Postgres(c) => c.close().await,
            #[cfg(feature = "sqlite")]
            Conn::Sqlite(c) => c.close().await,
            #[cfg(feature = "mysql")]
            Conn::MySql(c) => c.close().await,
        };
    }
}

/// `CREATE TABLE IF NOT EXISTS` for the version table (the same on every dialect: short text
/// is `VARCHAR(255)`, which MySQL can key; timestamps are RFC 3339 text, read alike everywhere).
pub(crate) fn version_table_sql(dialect: Dialect, table: &str) -> String {
    let q = |ident: &str| dialect.quote(ident);
    format!(
        "CREATE TABLE IF NOT EXISTS {} (\n    {} VARCHAR(255) NOT NULL,\n    {} VARCHAR(255) NOT NULL,\n    {} VARCHAR(255) NOT NULL,\n    {} BIGINT NOT NULL,\n    {} VARCHAR(255) NOT NULL,\n    {} BIGINT NOT NULL,\n    {} TEXT,\n    PRIMARY KEY ({})\n)",
        q(table),
        q("id"),
        q("checksum"),
        q("state"),
        q("steps_done"),
        q("applied_at"),
        q("duration_ms"),
        q("error"),
        q("id"),
    )
}
