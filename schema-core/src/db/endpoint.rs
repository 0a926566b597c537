//! [`Endpoint`]: where the runner connects, a URL or the connect options of the
//! application's own pool, so that a service migrates at start-up on the pool it has.

use std::fmt;

/// A database to connect to: a URL, or an application's pool (its connect options: the
/// runner opens a connection of its own with them, so the lock it holds goes with that
/// connection and no pooled one is kept from the application).
///
/// ```no_run
/// # async fn demo(pool: sqlx::PgPool) -> Result<(), Box<dyn std::error::Error>> {
/// use schema_core::migrate::{Migrator, Revision};
/// static REVISIONS: &[Revision] = &[];
/// Migrator::new(REVISIONS)?.run(&pool).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Endpoint {
    /// A URL (`postgres://`, `sqlite:`, `mysql://`, `mariadb://`).
    Url(String),
    /// A PostgreSQL pool's connect options.
    #[cfg(feature = "postgres")]
    Postgres(sqlx::postgres::PgConnectOptions),
    /// A SQLite pool's connect options (an in-memory database sqlx opened is shared by its
    /// connections, so the runner's reaches it too).
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::sqlite::SqliteConnectOptions),
    /// A MySQL/MariaDB pool's connect options.
    #[cfg(feature = "mysql")]
    MySql(sqlx::mysql::MySqlConnectOptions),
}

impl fmt::Display for Endpoint {
    /// The URL with its password masked, or which pool.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Url(url) => f.write_str(&crate::dialect::mask_password(url)),
            #[cfg(feature = "postgres")]
            Endpoint::Postgres(o) => write!(
                f,
                "the PostgreSQL pool's database {} on {}:{}",
                o.get_database().unwrap_or("(default)"),
                o.get_host(),
                o.get_port()
            ),
            #[cfg(feature = "sqlite")]
            Endpoint::Sqlite(o) => write!(f, "the SQLite pool's {}", o.get_filename().display()),
            #[cfg(feature = "mysql")]
            Endpoint::MySql(_) => f.write_str("the MySQL pool's database"),
        }
    }
}

impl From<&str> for Endpoint {
    fn from(url: &str) -> Endpoint {
        Endpoint::Url(url.to_owned())
    }
}

impl From<String> for Endpoint {
    fn from(url: String) -> Endpoint {
        Endpoint::Url(url)
    }
}

impl From<&String> for Endpoint {
    fn from(url: &String) -> Endpoint {
        Endpoint::Url(url.clone())
    }
}

impl From<&Endpoint> for Endpoint {
    fn from(endpoint: &Endpoint) -> Endpoint {
        endpoint.clone()
    }
}

#[cfg(feature = "postgres")]
impl From<&sqlx::PgPool> for Endpoint {
    fn from(pool: &sqlx::PgPool) -> Endpoint {
        Endpoint::Postgres((*pool.connect_options()).clone())
    }
}

#[cfg(feature = "sqlite")]
impl From<&sqlx::SqlitePool> for Endpoint {
    fn from(pool: &sqlx::SqlitePool) -> Endpoint {
        Endpoint::Sqlite((*pool.connect_options()).clone())
    }
}

#[cfg(feature = "mysql")]
impl From<&sqlx::MySqlPool> for Endpoint {
    fn from(pool: &sqlx::MySqlPool) -> Endpoint {
        Endpoint::MySql((*pool.connect_options()).clone())
    }
}

impl From<&super::Pool> for Endpoint {
    fn from(pool: &super::Pool) -> Endpoint {
        match pool {
            #[cfg(feature = "postgres")]
            super::Pool::Postgres(p) => p.into(),
            #[cfg(feature = "sqlite")]
            super::Pool::Sqlite(p) => p.into(),
            #[cfg(feature = "mysql")]
            super::Pool::MySql(p) => p.into(),
        }
    }
}
