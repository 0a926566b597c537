//! Connections to the three backends, configured the way the crate needs them, and the one
//! place that dispatches over the drivers.
//!
//! sqlx's generic `Executor` bounds trip rustc inside async code ("implementation of
//! `Executor` is not general enough", rust-lang/rust#102211), so every operation runs on a
//! concrete connection type: [`Pool`], [`Transaction`] and the runner's `Conn` are enums with
//! one variant per enabled driver, and `on_backend!` writes the three `#[cfg]` arms of each
//! of their methods once.
//!
//! Every SQLite connection the crate opens has `PRAGMA foreign_keys = ON` (SQLite enforces
//! foreign keys only when asked, per connection) and a busy timeout.

mod conn;
mod endpoint;
mod pool;
mod row;
mod value;

pub(crate) use conn::Conn;
pub use endpoint::Endpoint;
pub use pool::{Pool, StatementError, Transaction};
pub use row::AnyRow;
pub use value::Value;

use std::time::Duration;

use crate::dialect::UnknownScheme;

/// `match` on a driver enum (`Pool`, `Transaction`, `Conn`) with one arm per enabled driver,
/// each binding the concrete connection to `$c` and evaluating the same `$body`.
macro_rules! on_backend {
    ($value:expr, $enum:ident, $c:ident => $body:expr) => {
        match $value {
            #[cfg(feature = "postgres")]
            $enum::Postgres($c) => $body,
            #[cfg(feature = "sqlite")]
            $enum::Sqlite($c) => $body,
            #[cfg(feature = "mysql")]
            $enum::MySql($c) => $body,
        }
    };
}
pub(crate) use on_backend;

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
    #[error("cannot connect to `{url}`: {source}{}", tls_hint(source))]
    Connect {
        /// The URL, password masked.
        url: String,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
}

impl ConnectError {
    /// The driver could not connect to `url`.
    pub(crate) fn connect(url: &str) -> impl FnOnce(sqlx::Error) -> ConnectError + '_ {
        move |source| ConnectError::Connect {
            url: crate::dialect::mask_password(url),
            source,
        }
    }

    /// This build has no driver for `url`'s database.
    #[allow(dead_code)] // unused when every driver feature is on
    pub(crate) fn feature_disabled(url: &str, dialect: crate::Dialect) -> ConnectError {
        ConnectError::FeatureDisabled {
            url: crate::dialect::mask_password(url),
            feature: dialect.name(),
        }
    }
}

/// How long a SQLite connection waits for a lock held by another before failing.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

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

/// sqlx knows MariaDB as `mysql://`.
#[cfg(feature = "mysql")]
fn mysql_url(url: &str) -> String {
    url.replacen("mariadb://", "mysql://", 1)
}

/// What to do when the server requires TLS and this build has none.
fn tls_hint(source: &sqlx::Error) -> &'static str {
    match source {
        sqlx::Error::Tls(e) if e.to_string().contains("without TLS support") => {
            " (this build of schema-core has no TLS: enable its `tls-rustls` feature, the \
             default, or `tls-native-tls`)"
        }
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_without_tls_says_which_feature_to_enable() {
        // What sqlx returns when `sslmode=require` meets a build without TLS.
        let source = sqlx::Error::Tls(
            "TLS upgrade required by connect options but SQLx was built without TLS support enabled"
                .into(),
        );
        let error = ConnectError::connect("postgres://app:secret@db/app?sslmode=require")(source);
        let message = error.to_string();
        assert!(
            message.contains("enable its `tls-rustls` feature"),
            "{message}"
        );
        assert!(!message.contains("secret"), "{message}");
        let other = ConnectError::connect("postgres://db/app")(sqlx::Error::PoolTimedOut);
        assert!(!other.to_string().contains("tls-rustls"));
    }
}
