//! MySQL and MariaDB: `VARCHAR` needs a length to be indexable (255 utf8mb4 characters keeps
//! a three-column unique key under InnoDB's 3072-byte limit); a `Uuid` is `BINARY(16)` as
//! sqlx encodes it; both timestamp kinds are `DATETIME(6)` (a `TIMESTAMP` column would get
//! MariaDB's implicit `ON UPDATE CURRENT_TIMESTAMP` and end in 2038). Tables take the server's
//! default utf8mb4 collation, which ignores case: a binary collation would match PostgreSQL but
//! makes sqlx read every text column as bytes.
//!
//! Its own: backquotes, backslash escapes, `MODIFY COLUMN` for a type or NULL change, a unique
//! constraint that is its index, and the indexes InnoDB keeps for foreign keys
//! ([`fk_indexes`]).

mod fk_indexes;

use super::caps::{self, Caps};
use super::common::SqlDialect;
use super::common::{collation_name, is_byte_order};
use super::defaults::{no_uuid_function, parenthesized, Function};
use super::render::{Rendered, StepContext};
use super::shared::{
    custom_type, is_of_enum, postgres_only, standard_add_unique, standard_alter_column,
    tables_using_enum,
};
use super::{ddl, index, Dialect, RenderError, RenderErrorKind};
use crate::model::{
    ColumnChange, ColumnDef, DialectText, EnumDef, Identity, IndexDef, OnUpdate, SqlType,
    StateError, TableView, UniqueDef,
};

/// The length given to a `String` column without one.
pub const DEFAULT_VARCHAR_LENGTH: u32 = 255;

/// MySQL and MariaDB.
pub(super) struct MySql;

impl SqlDialect for MySql {
    fn dialect(&self) -> Dialect {
        Dialect::MySql
    }

    fn caps(&self) -> &'static Caps {
        &caps::MYSQL
    }

    fn quote_char(&self) -> char {
        '`'
    }

    fn string_literal(&self, text: &str) -> String {
        format!("'{}'", text.replace('\'', "''").replace('\\', "\\\\"))
    }

    fn column_type(&self, sql_type: SqlType) -> Result<String, RenderErrorKind> {
        Ok(match sql_type {
            SqlType::Uuid => "BINARY(16)".into(),
            SqlType::Varchar(n) => format!("VARCHAR({})", n.unwrap_or(DEFAULT_VARCHAR_LENGTH)),
            SqlType::Text => "TEXT".into(),
            SqlType::SmallInt => "SMALLINT".into(),
            SqlType::Integer => "INT".into(),
            SqlType::BigInt => "BIGINT".into(),
            SqlType::TinyIntUnsigned => "TINYINT UNSIGNED".into(),
            SqlType::SmallIntUnsigned => "SMALLINT UNSIGNED".into(),
            SqlType::IntegerUnsigned => "INT UNSIGNED".into(),
            SqlType::BigIntUnsigned => "BIGINT UNSIGNED".into(),
            SqlType::Real => "FLOAT".into(),
            SqlType::Double => "DOUBLE".into(),
            SqlType::Boolean => "BOOLEAN".into(),
            SqlType::Bytes => "LONGBLOB".into(),
            SqlType::Timestamp | SqlType::TimestampTz => "DATETIME(6)".into(),
            SqlType::Date => "DATE".into(),
            SqlType::Time => "TIME(6)".into(),
            SqlType::Json | SqlType::Jsonb => "JSON".into(),
            SqlType::Enum(e) => {
                let values: Vec<String> = e.values.iter().map(|v| self.string_literal(v)).collect();
                format!("ENUM({})", values.join(", "))
            }
            // MySQL's `DECIMAL` alone is `DECIMAL(10, 0)`, which drops every fraction: an
            // unconstrained decimal gets the widest MySQL has.
            SqlType::Numeric(None) => "DECIMAL(65, 30)".into(),
            SqlType::Numeric(Some((p, s))) => format!("DECIMAL({p}, {s})"),
            SqlType::Char(n) => format!("CHAR({n})"),
            SqlType::Array(_) => return Err(postgres_only(Dialect::MySql, "an array")),
            SqlType::Inet => return Err(postgres_only(Dialect::MySql, "`INET`")),
            SqlType::Interval => return Err(postgres_only(Dialect::MySql, "`INTERVAL`")),
            SqlType::Custom(text) => custom_type(text, Dialect::MySql)?,
        })
    }

    fn identity_clause(
        &self,
        column: &ColumnDef,
        _identity: Identity,
        table: &TableView<'_>,
    ) -> Result<String, RenderErrorKind> {
        // InnoDB needs the column to lead a key; the primary key is the one the crate knows.
        if table.primary_key.columns.first() != Some(&column.name) {
            return Err(RenderErrorKind::Unsupported(
                "MySQL's AUTO_INCREMENT column must lead a key: make it the (first column of the) \
                 primary key"
                    .into(),
            ));
        }
        Ok(" AUTO_INCREMENT".into())
    }

    fn on_update_clause(
        &self,
        on_update: OnUpdate,
        sql_type: SqlType,
    ) -> Result<String, RenderErrorKind> {
        let value = Dialect::MySql.default_value(on_update.value, sql_type)?;
        Ok(format!(" ON UPDATE {value}"))
    }

    /// `CURRENT_TIMESTAMP` takes the column's fractional-second precision (MySQL refuses a
    /// mismatch); `CURRENT_DATE` is an expression default, in parentheses.
    fn function_default(
        &self,
        function: Function,
        written: &str,
        sql_type: SqlType,
    ) -> Result<String, RenderErrorKind> {
        let precision = match sql_type {
            SqlType::Timestamp | SqlType::TimestampTz | SqlType::Time => Some("6"),
            // A pass-through `DATETIME(3)` wants `CURRENT_TIMESTAMP(3)`.
            SqlType::Custom(text) => text.mysql.and_then(fractional_digits),
            _ => None,
        };
        let fsp = precision.map_or(String::new(), |p| format!("({p})"));
        Ok(match function {
            Function::Now => format!("CURRENT_TIMESTAMP{fsp}"),
            Function::CurrentDate => "(CURRENT_DATE)".into(),
            Function::CurrentTime => format!("(CURRENT_TIME{fsp})"),
            Function::RandomUuid => return Err(no_uuid_function(Dialect::MySql, written)),
        })
    }

    /// MySQL 8 takes an expression default only in parentheses.
    fn expression_default(&self, expr: &str) -> String {
        parenthesized(expr)
    }

    /// MySQL 8 accepts a literal default on JSON/TEXT/BLOB only as an expression.
    fn text_default(&self, literal: String, sql_type: SqlType) -> String {
        let needs_parens = matches!(
            sql_type,
            SqlType::Json | SqlType::Jsonb | SqlType::Text | SqlType::Bytes
        );
        if needs_parens {
            format!("({literal})")
        } else {
            literal
        }
    }

    // The server's default utf8mb4 collation: a binary one (case-sensitive, as PostgreSQL
    // compares) makes MySQL flag the columns BINARY, and sqlx then refuses to decode them as
    // `String`. So on MySQL, text comparison and uniqueness ignore case.
    fn table_options(&self) -> &'static str {
        " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
    }

    fn comments_inline(&self) -> bool {
        true
    }

    /// `C` and `POSIX` (byte order) are `utf8mb4_bin`; any other name is MySQL's own.
    fn collation_clause(&self, collation: &DialectText) -> Result<String, RenderErrorKind> {
        let name = collation_name(collation, Dialect::MySql)?;
        let name = if is_byte_order(name) {
            "utf8mb4_bin"
        } else {
            name
        };
        Ok(format!(" COLLATE {name}"))
    }

    // `IF EXISTS` here is MariaDB's; MySQL 8 has no such clause.
    fn drop_index_statement(
        &self,
        _schema: Option<&str>,
        table: &str,
        index: &str,
        if_exists: bool,
    ) -> String {
        let if_exists = if if_exists { "IF EXISTS " } else { "" };
        format!(
            "DROP INDEX {if_exists}{} ON {}",
            self.quote(index),
            self.quote(table)
        )
    }

    fn drop_foreign_key_verb(&self) -> &'static str {
        "DROP FOREIGN KEY"
    }

    fn text_limit(&self, sql_type: SqlType) -> Option<Option<u32>> {
        match sql_type {
            SqlType::Varchar(None) => Some(Some(DEFAULT_VARCHAR_LENGTH)),
            other => super::common::standard_text_limit(other),
        }
    }

    fn create_database_sql(&self, name: &str) -> String {
        format!("CREATE DATABASE {} CHARACTER SET utf8mb4", self.quote(name))
    }

    /// DDL waits on metadata locks, rows on InnoDB's; both in whole seconds, at least 1.
    fn lock_timeout_statement(&self, timeout: std::time::Duration) -> Option<String> {
        let secs = timeout.as_secs_f64().ceil().max(1.0) as u64;
        Some(format!(
            "SET SESSION lock_wait_timeout = {secs}, innodb_lock_wait_timeout = {secs}"
        ))
    }

    fn long_text_type(&self) -> &'static str {
        "LONGTEXT"
    }

    fn session_settings(&self) -> &'static str {
        // The whole mode, not the server's plus ours: strict, so a value that does not fit is
        // an error rather than a `0` or a cut string; without NO_BACKSLASH_ESCAPES, which
        // `string_literal` doubles `\` for; without ANSI_QUOTES; with sqlx's own two flags.
        "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,PIPES_AS_CONCAT'"
    }

    fn table_names_sql(&self) -> &'static str {
        "SELECT CAST(table_name AS CHAR) FROM information_schema.tables WHERE table_schema = DATABASE()"
    }

    fn create_index(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        index: &IndexDef,
    ) -> Result<Rendered, RenderError> {
        index::supported(table, index, Dialect::MySql).map_err(|k| cx.fail(k))?;
        let sql = match fk_indexes::superseded(cx.before, table, index.columns) {
            Some(drop) => format!(
                "ALTER TABLE {} ADD {}INDEX {} ({}){drop}",
                self.quote(table),
                if index.unique { "UNIQUE " } else { "" },
                self.quote(index.name),
                index::keys(index, Dialect::MySql)
            ),
            None => index::index_sql(None, table, index, Dialect::MySql).map_err(|k| cx.fail(k))?,
        };
        Ok(Rendered::sql(vec![sql]))
    }

    // MySQL refuses to drop the only index serving a foreign key: another takes its place in
    // the same statement.
    fn drop_index(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        name: &str,
        if_exists: bool,
    ) -> Result<Rendered, RenderError> {
        let sql = match fk_indexes::replacements(cx.before, table, name) {
            Some(add) => format!(
                "ALTER TABLE {} DROP INDEX {}{add}",
                self.quote(table),
                self.quote(name)
            ),
            None => self.drop_index_statement(None, table, name, if_exists),
        };
        Ok(Rendered::sql(vec![sql]))
    }

    fn alter_column(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        column: &str,
        change: ColumnChange,
    ) -> Result<Rendered, RenderError> {
        if let ColumnChange::SetDefault(_) = change {
            return standard_alter_column(self, cx, table, column, change);
        }
        // A type, NULL, identity or ON UPDATE change restates the whole column, as it will be.
        let after = cx.after()?;
        let new_table = after.table(table);
        let def = new_table.and_then(|t| t.column(column)).ok_or_else(|| {
            cx.fail(RenderErrorKind::State(StateError {
                step: cx.step.describe(),
                reason: format!("no column {table}.{column}"),
            }))
        })?;
        let view = cx.table(table)?.view();
        let definition = ddl::column_definition(def, &view, Dialect::MySql)?;
        Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} MODIFY COLUMN {definition}",
            self.quote(table),
        )]))
    }

    fn add_unique(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        unique: &UniqueDef,
    ) -> Result<Rendered, RenderError> {
        let superseded = fk_indexes::superseded(cx.before, table, unique.columns);
        Ok(Rendered::sql(vec![format!(
            "{}{}",
            standard_add_unique(self, cx, table, unique)?,
            superseded.unwrap_or_default()
        )]))
    }

    /// A MySQL unique constraint is its index.
    fn drop_unique(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        name: &str,
    ) -> Result<Rendered, RenderError> {
        let add = fk_indexes::replacements(cx.before, table, name).unwrap_or_default();
        Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} DROP INDEX {}{add}",
            self.quote(table),
            self.quote(name)
        )]))
    }

    // MySQL made an index named after the key when no index could serve it, and keeps it when
    // the key goes: drop it too, as a database without the key has none.
    fn drop_foreign_key(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        name: &str,
    ) -> Result<Rendered, RenderError> {
        let mut sql = ddl::drop_foreign_key_statement(None, table, name, Dialect::MySql);
        if fk_indexes::has_implicit_index(cx.before, table, name) {
            sql.push_str(&format!(", DROP INDEX {}", self.quote(name)));
        }
        Ok(Rendered::sql(vec![sql]))
    }

    /// `ALTER TABLE t COMMENT = '...'` (an empty comment is none).
    fn set_table_comment(
        &self,
        _cx: &StepContext<'_>,
        table: &str,
        comment: Option<&str>,
    ) -> Result<Rendered, RenderError> {
        Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} COMMENT = {}",
            self.quote(table),
            self.string_literal(comment.unwrap_or_default())
        )]))
    }

    /// `ALTER TABLE t MODIFY COLUMN c ENUM(...)` for each column of the type.
    fn alter_enum(
        &self,
        cx: &StepContext<'_>,
        from: &'static EnumDef,
        to: &'static EnumDef,
    ) -> Result<Rendered, RenderError> {
        let after = cx.after()?;
        let tables = tables_using_enum(&cx.before.tables, &after, from.name);
        let mut out = Rendered::default();
        for (_, new) in &tables {
            let modify: Vec<String> = new
                .columns
                .iter()
                .filter(|c| is_of_enum(c, to.name))
                .map(|c| {
                    ddl::column_definition(c, &new.view(), Dialect::MySql)
                        .map(|d| format!("MODIFY COLUMN {d}"))
                })
                .collect::<Result<_, _>>()?;
            out.statements.push(format!(
                "ALTER TABLE {} {}",
                self.quote(new.name),
                modify.join(", ")
            ));
        }
        Ok(out)
    }
}

/// The fractional-second digits of a temporal type written `DATETIME(3)`, `TIMESTAMP(6)`,
/// `TIME(2)`.
fn fractional_digits(sql_type: &str) -> Option<&str> {
    let t = sql_type.trim();
    let (base, rest) = t.split_once('(')?;
    let temporal = ["DATETIME", "TIMESTAMP", "TIME"]
        .iter()
        .any(|k| base.trim().eq_ignore_ascii_case(k));
    let digits = rest.strip_suffix(')')?.trim();
    (temporal && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}
