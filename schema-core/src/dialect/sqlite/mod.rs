//! SQLite: declared types chosen for the affinity sqlx's encoding needs (JSON is `TEXT`, so a
//! JSON number is not coerced to an integer; a `Uuid` is 16 bytes, a `BLOB`); an enum is `TEXT`
//! with a `CHECK`. SQLite cannot alter a column or a constraint: those steps, and an `ADD
//! COLUMN` it refuses, become a table rebuild ([`rebuild`]).

mod rebuild;

use super::caps::{self, Caps};
use super::common::{collation_name, is_byte_order, SqlDialect};
use super::defaults::{no_uuid_function, parenthesized, Function};
use super::render::{Rendered, StepContext};
use super::shared::{custom_type, postgres_only, tables_using_enum};
use super::{ddl, Dialect, RenderError, RenderErrorKind};
use crate::model::{
    CheckDef, ColumnChange, ColumnDef, DefaultValue, DialectText, EnumDef, ForeignKeyDef, Identity,
    SqlType, TableView, UniqueDef,
};

/// SQLite.
pub(super) struct Sqlite;

impl SqlDialect for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn caps(&self) -> &'static Caps {
        &caps::SQLITE
    }

    fn column_type(&self, sql_type: SqlType) -> Result<String, RenderErrorKind> {
        Ok(match sql_type {
            SqlType::Uuid | SqlType::Bytes => "BLOB".into(),
            SqlType::Varchar(None) => "VARCHAR".into(),
            SqlType::Varchar(Some(n)) => format!("VARCHAR({n})"),
            SqlType::Text | SqlType::Json | SqlType::Jsonb => "TEXT".into(),
            SqlType::SmallInt => "SMALLINT".into(),
            SqlType::Integer => "INTEGER".into(),
            SqlType::BigInt => "BIGINT".into(),
            // SQLite's integers are 64-bit: every unsigned type but u64 fits whole.
            SqlType::TinyIntUnsigned
            | SqlType::SmallIntUnsigned
            | SqlType::IntegerUnsigned
            | SqlType::BigIntUnsigned => "INTEGER".into(),
            SqlType::Real => "REAL".into(),
            SqlType::Double => "DOUBLE".into(),
            SqlType::Boolean => "BOOLEAN".into(),
            SqlType::Timestamp => "TIMESTAMP".into(),
            SqlType::TimestampTz => "TIMESTAMPTZ".into(),
            SqlType::Date => "DATE".into(),
            SqlType::Time => "TIME".into(),
            SqlType::Enum(_) => "TEXT".into(),
            SqlType::Numeric(None) => "NUMERIC".into(),
            SqlType::Numeric(Some((p, s))) => format!("NUMERIC({p}, {s})"),
            SqlType::Char(n) => format!("CHAR({n})"),
            SqlType::Array(_) => return Err(postgres_only(Dialect::Sqlite, "an array")),
            SqlType::Inet => return Err(postgres_only(Dialect::Sqlite, "`INET`")),
            SqlType::Interval => return Err(postgres_only(Dialect::Sqlite, "`INTERVAL`")),
            SqlType::Custom(text) => custom_type(text, Dialect::Sqlite)?,
        })
    }

    /// The rowid: only a column declared exactly `INTEGER PRIMARY KEY` is its alias.
    fn column_type_of(&self, column: &ColumnDef) -> Result<String, RenderErrorKind> {
        match column.identity {
            Some(_) => Ok("INTEGER".into()),
            None => self.column_type(column.sql_type),
        }
    }

    fn identity_clause(
        &self,
        column: &ColumnDef,
        identity: Identity,
        table: &TableView<'_>,
    ) -> Result<String, RenderErrorKind> {
        if table.primary_key.columns != [column.name] {
            return Err(RenderErrorKind::Unsupported(
                "SQLite generates values only for a single-column INTEGER PRIMARY KEY (its rowid): \
                 make the column the whole primary key, or leave SQLite out"
                    .into(),
            ));
        }
        Ok(if identity.autoincrement {
            " PRIMARY KEY AUTOINCREMENT".into()
        } else {
            " PRIMARY KEY".into()
        })
    }

    fn inline_primary_key(&self, table: &TableView<'_>) -> bool {
        match table.primary_key.columns {
            [one] => table
                .columns
                .iter()
                .any(|c| c.name == *one && c.identity.is_some()),
            _ => false,
        }
    }

    fn function_default(
        &self,
        function: Function,
        written: &str,
        _sql_type: SqlType,
    ) -> Result<String, RenderErrorKind> {
        Ok(match function {
            Function::Now => "CURRENT_TIMESTAMP".into(),
            Function::CurrentDate => "CURRENT_DATE".into(),
            Function::CurrentTime => "CURRENT_TIME".into(),
            Function::RandomUuid => return Err(no_uuid_function(Dialect::Sqlite, written)),
        })
    }

    /// SQLite takes an expression default only in parentheses.
    fn expression_default(&self, expr: &str) -> String {
        parenthesized(expr)
    }

    /// An enum column is `TEXT` limited to its labels.
    fn column_check(&self, sql_type: SqlType, column: &str) -> Option<String> {
        let e = sql_type.as_enum()?;
        let values: Vec<String> = e.values.iter().map(|v| self.string_literal(v)).collect();
        Some(format!(
            "CHECK ({} IN ({}))",
            self.quote(column),
            values.join(", ")
        ))
    }

    /// `C` and `POSIX` (byte order) are `BINARY`, SQLite's default.
    fn collation_clause(&self, collation: &DialectText) -> Result<String, RenderErrorKind> {
        let name = collation_name(collation, Dialect::Sqlite)?;
        let name = if is_byte_order(name) { "BINARY" } else { name };
        Ok(format!(" COLLATE {name}"))
    }

    fn char_length(&self, expr: &str) -> String {
        format!("length({expr})")
    }

    fn table_names_sql(&self) -> &'static str {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    }

    // SQLite refuses `ADD COLUMN` of a NOT NULL column without a default (even on an empty
    // table), of a column whose default is an expression, and of a primary key: a rebuild does
    // all three, and fails as PostgreSQL does when rows have no value for a NOT NULL column.
    fn add_column(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        column: &ColumnDef,
    ) -> Result<Rendered, RenderError> {
        let refused = (!column.nullable && column.default.is_none())
            || matches!(
                column.default,
                Some(DefaultValue::Expr(_) | DefaultValue::PerDialect(_))
            )
            || column.identity.is_some();
        if refused {
            return rebuild::render(cx, table);
        }
        let definition = ddl::column_definition(column, &cx.table(table)?.view(), Dialect::Sqlite)?;
        Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} ADD COLUMN {definition}",
            self.quote(table),
        )]))
    }

    fn alter_column(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        _column: &str,
        change: ColumnChange,
    ) -> Result<Rendered, RenderError> {
        if let ColumnChange::SetComment(_) = change {
            // SQLite keeps no comments.
            return Ok(Rendered::default());
        }
        rebuild::render(cx, table)
    }

    fn add_check(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        _check: &CheckDef,
    ) -> Result<Rendered, RenderError> {
        rebuild::render(cx, table)
    }

    fn drop_check(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        _name: &str,
    ) -> Result<Rendered, RenderError> {
        rebuild::render(cx, table)
    }

    fn add_unique(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        _unique: &UniqueDef,
    ) -> Result<Rendered, RenderError> {
        rebuild::render(cx, table)
    }

    fn drop_unique(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        _name: &str,
    ) -> Result<Rendered, RenderError> {
        rebuild::render(cx, table)
    }

    fn add_foreign_key(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        _foreign_key: &ForeignKeyDef,
    ) -> Result<Rendered, RenderError> {
        rebuild::render(cx, table)
    }

    fn drop_foreign_key(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        _name: &str,
    ) -> Result<Rendered, RenderError> {
        rebuild::render(cx, table)
    }

    /// Each table with a column of the type is rebuilt (its `CHECK` changes).
    fn alter_enum(
        &self,
        cx: &StepContext<'_>,
        from: &'static EnumDef,
        _to: &'static EnumDef,
    ) -> Result<Rendered, RenderError> {
        let after = cx.after()?;
        let tables = tables_using_enum(&cx.before.tables, &after, from.name);
        let mut out = Rendered::default();
        for (old, new) in &tables {
            let statements = rebuild::statements(old, new).map_err(|kind| cx.fail(kind))?;
            out.statements.extend(statements);
            out.rebuilt.push(new.name.to_owned());
        }
        out.rebuild = !tables.is_empty();
        Ok(out)
    }
}
