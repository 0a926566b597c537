//! Connections to the three backends, configured the way the crate needs them.
//!
//! Every SQLite connection the crate opens has `PRAGMA foreign_keys = ON` (SQLite enforces
//! foreign keys only when asked, per connection) and a busy timeout.

use std::time::Duration;

use crate::dialect::{mask_password, UnknownScheme};
use crate::Dialect;

/// A pool on one of the three backends.
#[derive(Debug, Clone)]
pub enum Pool {
    /// PostgreSQL.
    #[cfg(feature = "postgres")]
    Postgres(sqlx::PgPool),
    /// SQLite.
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::SqlitePool),
    /// MySQL or MariaDB.
    #[cfg(feature = "mysql")]
    MySql(sqlx::MySqlPool),
}

/// Why a connection could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConnectError {
    /// The URL names no supported database.
    #[error(transparent)]
    UnknownScheme(#[from] UnknownScheme),
    /// The backend's feature is not enabled in this build.
    #[error("`{url}` needs schema-core's `{feature}` feature, which this build leaves out")]
    FeatureDisabled {
        /// The URL, password masked.
        url: String,
        /// The missing feature.
        feature: &'static str,
    },
    /// The driver refused the URL or could not connect.
    #[error("cannot connect to `{url}`: {source}")]
    Connect {
        /// The URL, password masked.
        url: String,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
}

/// How long a SQLite connection waits for a lock held by another before failing.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl Pool {
    /// Connects to `url` (`postgres://`, `sqlite:`, `mysql://` or `mariadb://`). A SQLite
    /// file that does not exist is created.
    pub async fn connect(url: &str) -> Result<Pool, ConnectError> {
        let dialect = Dialect::from_url(url)?;
        let fail = |source| ConnectError::Connect {
            url: mask_password(url),
            source,
        };
        match dialect {
            #[cfg(feature = "postgres")]
            Dialect::Postgres => sqlx::PgPool::connect(url)
                .await
                .map(Pool::Postgres)
                .map_err(fail),
            #[cfg(feature = "sqlite")]
            Dialect::Sqlite => {
                let options = sqlite_options(url).map_err(fail)?;
                // An in-memory database lives as long as its one connection.
                let max = if url.contains(":memory:") || url.contains("mode=memory") {
                    1
                } else {
                    4
                };
                sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(max)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .connect_with(options)
                    .await
                    .map(Pool::Sqlite)
                    .map_err(fail)
            }
            #[cfg(feature = "mysql")]
            Dialect::MySql => {
                let url = url.replacen("mariadb://", "mysql://", 1);
                sqlx::MySqlPool::connect(&url)
                    .await
                    .map(Pool::MySql)
                    .map_err(fail)
            }
            #[allow(unreachable_patterns)]
            other => Err(ConnectError::FeatureDisabled {
                url: mask_password(url),
                feature: other.name(),
            }),
        }
    }

    /// The pool's dialect.
    pub fn dialect(&self) -> Dialect {
        match self {
            #[cfg(feature = "postgres")]
            Pool::Postgres(_) => Dialect::Postgres,
            #[cfg(feature = "sqlite")]
            Pool::Sqlite(_) => Dialect::Sqlite,
            #[cfg(feature = "mysql")]
            Pool::MySql(_) => Dialect::MySql,
        }
    }

    /// Runs statements one after another, stopping at the first failure, which names the
    /// statement (by position and text).
    pub async fn execute_all(&self, statements: &[String]) -> Result<(), StatementError> {
        for (index, sql) in statements.iter().enumerate() {
            let result = match self {
                #[cfg(feature = "postgres")]
                Pool::Postgres(p) => sqlx::raw_sql(sql).execute(p).await.map(drop),
                #[cfg(feature = "sqlite")]
                Pool::Sqlite(p) => sqlx::raw_sql(sql).execute(p).await.map(drop),
                #[cfg(feature = "mysql")]
                Pool::MySql(p) => sqlx::raw_sql(sql).execute(p).await.map(drop),
            };
            result.map_err(|source| StatementError {
                index,
                executed: index,
                sql: sql.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// Runs statements as one unit where the database can (PostgreSQL and SQLite run DDL in a
    /// transaction: on failure nothing stays applied). MySQL commits each DDL statement by
    /// itself, so there a failure leaves the statements before it applied, as the error says.
    pub async fn apply(&self, statements: &[String]) -> Result<(), StatementError> {
        match self {
            #[cfg(feature = "postgres")]
            Pool::Postgres(p) => {
                let mut tx = p
                    .begin()
                    .await
                    .map_err(|e| StatementError::at(0, "BEGIN", e))?;
                for (index, sql) in statements.iter().enumerate() {
                    execute_postgres(&mut tx, sql)
                        .await
                        .map_err(|e| StatementError::at(index, sql, e))?;
                }
                tx.commit()
                    .await
                    .map_err(|e| StatementError::at(statements.len(), "COMMIT", e))
            }
            #[cfg(feature = "sqlite")]
            Pool::Sqlite(p) => {
                let mut tx = p
                    .begin()
                    .await
                    .map_err(|e| StatementError::at(0, "BEGIN", e))?;
                for (index, sql) in statements.iter().enumerate() {
                    execute_sqlite(&mut tx, sql)
                        .await
                        .map_err(|e| StatementError::at(index, sql, e))?;
                }
                tx.commit()
                    .await
                    .map_err(|e| StatementError::at(statements.len(), "COMMIT", e))
            }
            #[cfg(feature = "mysql")]
            Pool::MySql(_) => self.execute_all(statements).await,
        }
    }

    /// The names of the tables in the connected schema (PostgreSQL's current schema, the MySQL
    /// database, SQLite's main database), sorted.
    pub async fn table_names(&self) -> Result<Vec<String>, sqlx::Error> {
        let sql = table_names_sql(self.dialect());
        let mut names: Vec<String> = match self {
            #[cfg(feature = "postgres")]
            Pool::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await?,
            #[cfg(feature = "sqlite")]
            Pool::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await?,
            #[cfg(feature = "mysql")]
            Pool::MySql(p) => sqlx::query_scalar(sql).fetch_all(p).await?,
        };
        names.sort();
        Ok(names)
    }

    /// Closes every connection.
    pub async fn close(&self) {
        match self {
            #[cfg(feature = "postgres")]
            Pool::Postgres(p) => p.close().await,
            #[cfg(feature = "sqlite")]
            Pool::Sqlite(p) => p.close().await,
            #[cfg(feature = "mysql")]
            Pool::MySql(p) => p.close().await,
        }
    }
}

/// The query listing the tables of the connected schema, one text column.
pub fn table_names_sql(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()"
        }
        Dialect::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        Dialect::MySql => {
            "SELECT CAST(table_name AS CHAR) FROM information_schema.tables WHERE table_schema = DATABASE()"
        }
    }
}

/// A statement that failed, and how far the list got.
#[derive(Debug, thiserror::Error)]
#[error("statement {} failed: {source}\n{sql}\n({executed} statement(s) before it stay applied)", index + 1)]
pub struct StatementError {
    /// Position of the failed statement in the list (from 0).
    pub index: usize,
    /// How many statements before it stay applied (0 when the list ran in a transaction).
    pub executed: usize,
    /// The failed statement.
    pub sql: String,
    /// The driver's error.
    #[source]
    pub source: sqlx::Error,
}

impl StatementError {
    /// A failure inside a transaction: nothing before it stays applied.
    fn at(index: usize, sql: &str, source: sqlx::Error) -> StatementError {
        StatementError {
            index,
            executed: 0,
            sql: sql.to_owned(),
            source,
        }
    }
}

// Concrete connection types: a generic `Executor` call inside a spawned future trips rustc's
// "implementation of `Executor` is not general enough" (rust-lang/rust#102211).
#[cfg(feature = "postgres")]
async fn execute_postgres(conn: &mut sqlx::PgConnection, sql: &str) -> Result<(), sqlx::Error> {
    sqlx::raw_sql(sql).execute(conn).await.map(drop)
}

#[cfg(feature = "sqlite")]
async fn execute_sqlite(conn: &mut sqlx::SqliteConnection, sql: &str) -> Result<(), sqlx::Error> {
    sqlx::raw_sql(sql).execute(conn).await.map(drop)
}

/// SQLite options for `url` with foreign keys on, a busy timeout, and the file created if
/// missing.
#[cfg(feature = "sqlite")]
pub fn sqlite_options(url: &str) -> Result<sqlx::sqlite::SqliteConnectOptions, sqlx::Error> {
    use std::str::FromStr;
    Ok(sqlx::sqlite::SqliteConnectOptions::from_str(url)?
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
        .create_if_missing(true))
}
