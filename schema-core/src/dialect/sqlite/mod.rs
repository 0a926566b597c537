//! SQLite: declared types chosen for the affinity sqlx's encoding needs (JSON is `TEXT`, so a
//! JSON number is not coerced to an integer; a `Uuid` is 16 bytes, a `BLOB`); an enum is `TEXT`
//! with a `CHECK`. SQLite cannot alter a column or a constraint: those steps, and an `ADD
//! COLUMN` it refuses, become a table rebuild ([`rebuild`]).

mod rebuild;

use super::caps::{self, Caps};
use super::common::{tables_using_enum, SqlDialect};
use super::render::{Rendered, StepContext};
use super::{Dialect, RenderError};
use crate::model::{
    ColumnChange, ColumnDef, DefaultValue, EnumDef, ForeignKeyDef, SqlType, UniqueDef,
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

    fn column_type(&self, sql_type: SqlType) -> String {
        match sql_type {
            SqlType::Uuid | SqlType::Bytes => "BLOB".into(),
            SqlType::Varchar(None) => "VARCHAR".into(),
            SqlType::Varchar(Some(n)) => format!("VARCHAR({n})"),
            SqlType::Text | SqlType::Json | SqlType::Jsonb => "TEXT".into(),
            SqlType::SmallInt => "SMALLINT".into(),
            SqlType::Integer => "INTEGER".into(),
            SqlType::BigInt => "BIGINT".into(),
            SqlType::Real => "REAL".into(),
            SqlType::Double => "DOUBLE".into(),
            SqlType::Boolean => "BOOLEAN".into(),
            SqlType::Timestamp => "TIMESTAMP".into(),
            SqlType::TimestampTz => "TIMESTAMPTZ".into(),
            SqlType::Date => "DATE".into(),
            SqlType::Enum(_) => "TEXT".into(),
        }
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

    fn table_names_sql(&self) -> &'static str {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    }

    // SQLite refuses `ADD COLUMN` of a NOT NULL column without a default (even on an empty
    // table) and of a column whose default is an expression: a rebuild does both, and fails as
    // PostgreSQL does when rows have no value for a NOT NULL column.
    fn add_column(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        column: &ColumnDef,
    ) -> Result<Rendered, RenderError> {
        let refused = (!column.nullable && column.default.is_none())
            || matches!(column.default, Some(DefaultValue::Expr(_)));
        if refused {
            return rebuild::render(cx, table);
        }
        Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} ADD COLUMN {}",
            self.quote(table),
            super::ddl::column_definition(column, Dialect::Sqlite)
        )]))
    }

    fn alter_column(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        _column: &str,
        _change: ColumnChange,
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
            out.statements.extend(rebuild::statements(old, new));
        }
        out.rebuild = !tables.is_empty();
        Ok(out)
    }
}
