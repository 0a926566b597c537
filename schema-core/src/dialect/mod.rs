//! SQL dialects: how each database spells identifiers, types, literals, DDL and every migration
//! step. This is the one place where the databases differ.
//!
//! [`Dialect`] is the small public enum chosen at run time (from a URL). Behind it, each database
//! is a unit struct implementing the private `SqlDialect` trait (`common.rs`), whose default
//! methods are the shared rendering; a database overrides only what it does differently
//! (sea-query's template-method shape, without its panics: an operation a dialect cannot do is a
//! [`RenderError`]). What a database *can* do is a [`Caps`] table that callers ask instead of
//! comparing dialects.
//!
//! | file | owns |
//! |---|---|
//! | `caps.rs` | [`Caps`], one `const` per database |
//! | `common.rs` | the `SqlDialect` trait and its shared defaults |
//! | `shared.rs` | the standard renderings those defaults use, for overrides to call |
//! | `defaults.rs` | server defaults: literals, the common functions, per-dialect text |
//! | `ddl.rs` | `CREATE`/`DROP` statements for tables, indexes, enum types and schemas |
//! | `render.rs` | [`Step`](crate::model::Step)s to SQL: [`render_step`], [`render_steps`] |
//! | `postgres.rs` | PostgreSQL: types, enum `ADD VALUE` or rebuild through text |
//! | `sqlite/` | SQLite: types, enum `CHECK`s, and the table rebuild every `ALTER` it lacks becomes |
//! | `mysql/` | MySQL/MariaDB: types, `MODIFY COLUMN`, the indexes InnoDB keeps for foreign keys |

mod caps;
mod comments;
mod common;
pub mod ddl;
mod defaults;
mod index;
mod mysql;
mod online;
mod postgres;
pub mod render;
mod shared;
mod sqlite;

pub use caps::Caps;
pub(crate) use common::{is_byte_order, SqlDialect};
pub(crate) use defaults::is_parenthesized;
pub(crate) use index::index_sql;
pub use render::{render_step, render_steps, RenderError, RenderErrorKind, Rendered};

use crate::model::{DialectSet, DialectText, RawSql, SqlType};

/// A database dialect.
///
/// Deliberately exhaustive (not `#[non_exhaustive]`): applications match on it to pick URLs,
/// clients or SQL of their own, and a new dialect changes what every revision must render, so it
/// is a breaking release either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
    /// MySQL and MariaDB.
    MySql,
}

/// One value per dialect: how a layer after this one keeps its per-database implementations
/// (the runner's backends, the catalog readers) without matching on [`Dialect`] itself. Adding a
/// dialect adds a field, and the compiler then lists every table that lacks it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PerDialect<T> {
    pub(crate) postgres: T,
    pub(crate) sqlite: T,
    pub(crate) mysql: T,
}

impl<T> PerDialect<T> {
    /// The value for `dialect`.
    pub(crate) const fn get(&self, dialect: Dialect) -> &T {
        match dialect {
            Dialect::Postgres => &self.postgres,
            Dialect::Sqlite => &self.sqlite,
            Dialect::MySql => &self.mysql,
        }
    }
}

/// A URL whose scheme names no supported database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported database URL scheme in `{url}`: use postgres://, postgresql://, sqlite:, mysql:// or mariadb://")]
pub struct UnknownScheme {
    /// The URL, with any password masked.
    pub url: String,
}

/// The three databases' implementations of the private trait, in one table.
const DIALECTS: PerDialect<&'static dyn SqlDialect> = PerDialect {
    postgres: &postgres::Postgres,
    sqlite: &sqlite::Sqlite,
    mysql: &mysql::MySql,
};

impl Dialect {
    /// All dialects.
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::Sqlite, Dialect::MySql];

    /// The dialect of a database URL (`postgres://`, `sqlite:`, `mysql://`, `mariadb://`).
    pub fn from_url(url: &str) -> Result<Dialect, UnknownScheme> {
        let scheme = url
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match scheme.as_str() {
            "postgres" | "postgresql" => Ok(Dialect::Postgres),
            "sqlite" => Ok(Dialect::Sqlite),
            "mysql" | "mariadb" => Ok(Dialect::MySql),
            _ => Err(UnknownScheme {
                url: mask_password(url),
            }),
        }
    }

    /// A short lowercase name (`postgres`, `sqlite`, `mysql`).
    pub const fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Sqlite => "sqlite",
            Dialect::MySql => "mysql",
        }
    }

    /// This database's implementation of the rendering trait.
    pub(crate) fn sql(self) -> &'static dyn SqlDialect {
        *DIALECTS.get(self)
    }

    /// What this database can do.
    ///
    /// ```
    /// use schema_core::Dialect;
    /// assert!(Dialect::Postgres.caps().transactional_ddl);
    /// assert!(!Dialect::MySql.caps().transactional_ddl);
    /// assert!(!Dialect::Sqlite.caps().alters_constraints);
    /// ```
    pub fn caps(self) -> &'static Caps {
        self.sql().caps()
    }

    /// An identifier, quoted (`"order"` or `` `order` ``), with embedded quotes doubled.
    pub fn quote(self, ident: &str) -> String {
        self.sql().quote(ident)
    }

    /// Whether a column of type `from` may hold a value that `to` cannot: shorter text (a
    /// `VARCHAR` without a length is MySQL's 255), text to anything else, any other change but
    /// a wider integer or float. The data-loss guard and the pre-checks weigh such a change.
    ///
    /// ```
    /// use schema_core::{Dialect, SqlType};
    /// let (short, long) = (SqlType::Varchar(Some(20)), SqlType::Varchar(Some(50)));
    /// assert!(!Dialect::Postgres.narrows(short, long));
    /// assert!(Dialect::Postgres.narrows(long, short));
    /// assert!(!Dialect::Postgres.narrows(SqlType::Text, SqlType::Varchar(None)));
    /// assert!(Dialect::MySql.narrows(SqlType::Text, SqlType::Varchar(None)));
    /// assert!(!Dialect::Sqlite.narrows(SqlType::Integer, SqlType::BigInt));
    /// ```
    pub fn narrows(self, from: SqlType, to: SqlType) -> bool {
        if from == to || from.widens_number_to(to) {
            return false;
        }
        match (self.text_limit(from), self.text_limit(to)) {
            (Some(from), Some(to)) => match (from, to) {
                (_, None) => false,
                (None, Some(_)) => true,
                (Some(from), Some(to)) => to < from,
            },
            _ => true,
        }
    }

    /// The characters a column of `sql_type` holds at most (`Some(None)`: unbounded text;
    /// `None`: not text).
    pub fn text_limit(self, sql_type: SqlType) -> Option<Option<u32>> {
        self.sql().text_limit(sql_type)
    }

    /// The length of `expr` in characters (`CHAR_LENGTH`, SQLite's `length`).
    pub fn char_length(self, expr: &str) -> String {
        self.sql().char_length(expr)
    }

    /// `CREATE DATABASE name` on a server (PostgreSQL, MySQL), for a test database.
    pub fn create_database_sql(self, name: &str) -> String {
        self.sql().create_database_sql(name)
    }

    /// `DROP DATABASE IF EXISTS name` (PostgreSQL: `WITH (FORCE)`, ending its sessions).
    pub fn drop_database_sql(self, name: &str) -> String {
        self.sql().drop_database_sql(name)
    }

    /// The statement bounding how long one statement waits for a lock another session holds
    /// (PostgreSQL `lock_timeout`; MySQL `lock_wait_timeout` and `innodb_lock_wait_timeout`, in
    /// whole seconds); `None` on SQLite.
    ///
    /// ```
    /// use std::time::Duration;
    /// use schema_core::Dialect;
    /// let ten = Duration::from_secs(10);
    /// assert_eq!(Dialect::Postgres.lock_timeout_statement(ten).as_deref(), Some("SET lock_timeout = '10000ms'"));
    /// assert_eq!(Dialect::Sqlite.lock_timeout_statement(ten), None);
    /// ```
    pub fn lock_timeout_statement(self, timeout: std::time::Duration) -> Option<String> {
        self.sql().lock_timeout_statement(timeout)
    }

    /// The statement each connection runs first, because the SQL this crate writes relies on
    /// it (empty when there is none): PostgreSQL's `standard_conforming_strings = on`, MySQL's
    /// strict `sql_mode` without `NO_BACKSLASH_ESCAPES` and `ANSI_QUOTES`.
    ///
    /// ```
    /// use schema_core::Dialect;
    /// assert_eq!(Dialect::Postgres.session_settings(), "SET standard_conforming_strings = on");
    /// assert!(Dialect::MySql.session_settings().contains("STRICT_ALL_TABLES"));
    /// assert_eq!(Dialect::Sqlite.session_settings(), "");
    /// ```
    pub fn session_settings(self) -> &'static str {
        self.sql().session_settings()
    }

    /// The type of a bookkeeping column holding text of any length (the version table's
    /// stored down SQL).
    ///
    /// ```
    /// use schema_core::Dialect;
    /// assert_eq!(Dialect::MySql.long_text_type(), "LONGTEXT");
    /// assert_eq!(Dialect::Postgres.long_text_type(), "TEXT");
    /// ```
    pub fn long_text_type(self) -> &'static str {
        self.sql().long_text_type()
    }

    /// A comma-separated list of quoted identifiers.
    pub fn quote_list(self, idents: &[&str]) -> String {
        let quoted: Vec<String> = idents.iter().map(|i| self.quote(i)).collect();
        quoted.join(", ")
    }

    /// A string literal, with embedded quotes (and on MySQL, backslashes) escaped.
    pub fn string_literal(self, text: &str) -> String {
        self.sql().string_literal(text)
    }

    /// The `n`th bind placeholder of a statement, from 1: `$1` on PostgreSQL, `?` elsewhere.
    ///
    /// ```
    /// use schema_core::Dialect;
    /// assert_eq!(Dialect::Postgres.placeholder(2), "$2");
    /// assert_eq!(Dialect::MySql.placeholder(2), "?");
    /// ```
    pub fn placeholder(self, n: usize) -> String {
        if self.caps().numbered_placeholders {
            format!("${n}")
        } else {
            "?".to_owned()
        }
    }

    /// The type of a column; an error when this dialect cannot store it.
    pub fn column_type(self, sql_type: SqlType) -> Result<String, RenderErrorKind> {
        self.sql().column_type(sql_type)
    }

    /// A `CHECK` the column's type needs here: SQLite has no enum type, so an enum column is
    /// `TEXT` checked against its labels.
    pub fn column_check(self, sql_type: SqlType, column: &str) -> Option<String> {
        self.sql().column_check(sql_type, column)
    }
}

impl RawSql {
    /// The variant for `dialect`.
    pub fn for_dialect(&self, dialect: Dialect) -> Option<&'static str> {
        *PerDialect {
            postgres: self.postgres,
            sqlite: self.sqlite,
            mysql: self.mysql,
        }
        .get(dialect)
    }
}

impl DialectSet {
    /// Whether `dialect` is in the set.
    pub fn contains(&self, dialect: Dialect) -> bool {
        *PerDialect {
            postgres: self.postgres,
            sqlite: self.sqlite,
            mysql: self.mysql,
        }
        .get(dialect)
    }
}

impl DialectText {
    /// The text for `dialect`.
    pub fn for_dialect(&self, dialect: Dialect) -> Option<&'static str> {
        *PerDialect {
            postgres: self.postgres,
            sqlite: self.sqlite,
            mysql: self.mysql,
        }
        .get(dialect)
    }
}

/// `scheme://user:secret@host` becomes `scheme://user:***@host`.
pub(crate) fn mask_password(url: &str) -> String {
    let (url, query) = match url.split_once('?') {
        Some((u, q)) => (u, Some(q)),
        None => (url, None),
    };
    let masked = match url.split_once("://") {
        // The last `@`: a password written without escaping its own `@` is masked whole.
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((credentials, host)) => match credentials.split_once(':') {
                Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
                None => url.to_owned(),
            },
            None => url.to_owned(),
        },
        None => url.to_owned(),
    };
    match query {
        // `?password=...` (libpq's, sqlx's) is a password too.
        Some(query) => {
            let params: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                    _ => p.to_owned(),
                })
                .collect();
            format!("{masked}?{}", params.join("&"))
        }
        None => masked,
    }
}
