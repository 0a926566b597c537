//! SQL dialects: how each database spells identifiers, types, literals and DDL.
//!
//! Rendering is shared; each module overrides only what its database does differently.

mod mysql;
mod postgres;
mod sqlite;

use crate::model::{DefaultValue, SqlType};

/// A database dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
    /// MySQL and MariaDB.
    MySql,
}

/// A URL whose scheme names no supported database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported database URL scheme in `{url}`: use postgres://, postgresql://, sqlite:, mysql:// or mariadb://")]
pub struct UnknownScheme {
    /// The URL, with any password masked.
    pub url: String,
}

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

    /// An identifier, quoted (`"order"` or `` `order` ``), with embedded quotes doubled.
    pub fn quote(self, ident: &str) -> String {
        let q = match self {
            Dialect::Postgres | Dialect::Sqlite => '"',
            Dialect::MySql => '`',
        };
        let mut out = String::with_capacity(ident.len() + 2);
        out.push(q);
        for c in ident.chars() {
            if c == q {
                out.push(q);
            }
            out.push(c);
        }
        out.push(q);
        out
    }

    /// A comma-separated list of quoted identifiers.
    pub fn quote_list(self, idents: &[&str]) -> String {
        idents
            .iter()
            .map(|i| self.quote(i))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A string literal, with embedded quotes (and on MySQL, backslashes) escaped.
    pub fn string_literal(self, text: &str) -> String {
        let mut escaped = text.replace('\'', "''");
        if self == Dialect::MySql {
            escaped = escaped.replace('\\', "\\\\");
        }
        format!("'{escaped}'")
    }

    /// The type of a column.
    pub fn column_type(self, sql_type: SqlType) -> String {
        match self {
            Dialect::Postgres => postgres::column_type(sql_type),
            Dialect::Sqlite => sqlite::column_type(sql_type),
            Dialect::MySql => mysql::column_type(self, sql_type),
        }
    }

    /// A `CHECK` the column's type needs here: SQLite has no enum type, so an enum column is
    /// `TEXT` checked against its labels.
    pub fn column_check(self, sql_type: SqlType, column: &str) -> Option<String> {
        match self {
            Dialect::Sqlite => sqlite::column_check(self, sql_type, column),
            Dialect::Postgres | Dialect::MySql => None,
        }
    }

    /// A server default, as this dialect writes it for a column of `sql_type`.
    pub fn default_value(self, value: DefaultValue, sql_type: SqlType) -> String {
        // `'false'` on a boolean is a boolean: SQLite and MySQL would store the text.
        let value = match (value, sql_type) {
            (DefaultValue::Text(text), SqlType::Boolean) => {
                crate::__private::bool_text(text).map_or(value, DefaultValue::Bool)
            }
            _ => value,
        };
        match value {
            DefaultValue::Null => "NULL".to_owned(),
            DefaultValue::Bool(b) => match self {
                Dialect::Postgres => if b { "true" } else { "false" }.to_owned(),
                Dialect::Sqlite | Dialect::MySql => if b { "1" } else { "0" }.to_owned(),
            },
            DefaultValue::Int(i) => i.to_string(),
            DefaultValue::Number(n) | DefaultValue::Expr(n) => n.to_owned(),
            DefaultValue::Text(t) => {
                let literal = self.string_literal(t);
                // MySQL 8 accepts a literal default on JSON/TEXT/BLOB only as an expression.
                let needs_parens = self == Dialect::MySql
                    && matches!(
                        sql_type,
                        SqlType::Json | SqlType::Jsonb | SqlType::Text | SqlType::Bytes
                    );
                if needs_parens {
                    format!("({literal})")
                } else {
                    literal
                }
            }
        }
    }
}

/// `scheme://user:secret@host` becomes `scheme://user:***@host`.
pub(crate) fn mask_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}
