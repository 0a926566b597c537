//! The private `SqlDialect` trait: one method per thing a database may spell differently,
//! each default the shared (PostgreSQL-like, standard) rendering. A database's unit struct
//! overrides only what differs; an override that still needs the shared form for some cases
//! calls the `standard_*` function the default uses.

use super::render::{Rendered, StepContext};
use super::{ddl, Caps, Dialect, RenderError};
use crate::model::{
    ColumnChange, ColumnDef, EnumDef, ForeignKeyDef, IndexDef, SqlType, TableState, UniqueDef,
};

/// How one database renders SQL. See the module docs.
pub(crate) trait SqlDialect: Sync {
    /// The public enum value of this database.
    fn dialect(&self) -> Dialect;

    /// What it can do.
    fn caps(&self) -> &'static Caps;

    /// The identifier quote.
    fn quote_char(&self) -> char {
        '"'
    }

    /// An identifier, quoted, embedded quotes doubled.
    fn quote(&self, ident: &str) -> String {
        let q = self.quote_char();
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

    /// A string literal, embedded quotes doubled.
    fn string_literal(&self, text: &str) -> String {
        format!("'{}'", text.replace('\'', "''"))
    }

    /// The type of a column.
    fn column_type(&self, sql_type: SqlType) -> String;

    /// A `CHECK` the column's type needs (SQLite's enums).
    fn column_check(&self, _sql_type: SqlType, _column: &str) -> Option<String> {
        None
    }

    /// A boolean literal in a default.
    fn bool_literal(&self, value: bool) -> &'static str {
        if value {
            "1"
        } else {
            "0"
        }
    }

    /// A text default (`literal` already quoted) for a column of `sql_type`.
    fn text_default(&self, literal: String, _sql_type: SqlType) -> String {
        literal
    }

    /// What follows `CREATE TABLE t (...)`.
    fn table_options(&self) -> &'static str {
        ""
    }

    /// `DROP INDEX`.
    fn drop_index_statement(&self, _table: &str, index: &str, if_exists: bool) -> String {
        let if_exists = if if_exists { "IF EXISTS " } else { "" };
        format!("DROP INDEX {if_exists}{}", self.quote(index))
    }

    /// The `ALTER TABLE` clause that drops a foreign key, before its name.
    fn drop_foreign_key_verb(&self) -> &'static str {
        "DROP CONSTRAINT"
    }

    /// The query listing the tables of the connected schema, one text column.
    fn table_names_sql(&self) -> &'static str;

    /// How to apply an offline script, for its header.
    fn script_hint(&self) -> Option<&'static str> {
        None
    }

    /// [`Step::CreateIndex`](crate::model::Step::CreateIndex).
    fn create_index(
        &self,
        _cx: &StepContext<'_>,
        table: &str,
        index: &IndexDef,
    ) -> Result<Rendered, RenderError> {
        Ok(Rendered::sql(vec![ddl::create_index_statement(
            table,
            index,
            self.dialect(),
        )]))
    }

    /// [`Step::DropIndex`](crate::model::Step::DropIndex).
    fn drop_index(
        &self,
        _cx: &StepContext<'_>,
        table: &str,
        name: &str,
        if_exists: bool,
    ) -> Result<Rendered, RenderError> {
        Ok(Rendered::sql(vec![
            self.drop_index_statement(table, name, if_exists)
        ]))
    }

    /// [`Step::AddColumn`](crate::model::Step::AddColumn).
    fn add_column(
        &self,
        _cx: &StepContext<'_>,
        table: &str,
        column: &ColumnDef,
    ) -> Result<Rendered, RenderError> {
        Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} ADD COLUMN {}",
            self.quote(table),
            ddl::column_definition(column, self.dialect())
        )]))
    }

    /// [`Step::DropColumn`](crate::model::Step::DropColumn).
    fn drop_column(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        column: &str,
        if_exists: bool,
    ) -> Result<Rendered, RenderError> {
        let native_if_exists = if_exists && self.caps().drop_column_if_exists;
        if if_exists && !native_if_exists && cx.column(table, column).is_none() {
            // No `IF EXISTS` here: the replayed state says it is not there.
            return Ok(Rendered::default());
        }
        let if_exists = if native_if_exists { "IF EXISTS " } else { "" };
        Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} DROP COLUMN {if_exists}{}",
            self.quote(table),
            self.quote(column)
        )]))
    }

    /// [`Step::AlterColumn`](crate::model::Step::AlterColumn).
    fn alter_column(
        &self,
        cx: &StepContext<'_>,
        table: &str,
        column: &str,
        change: ColumnChange,
    ) -> Result<Rendered, RenderError> {
        standard_alter_column(self, cx, table, column, change)
    }

    /// [`Step::AddUnique`](crate::model::Step::AddUnique).
    fn add_unique(
        &self,
        _cx: &StepContext<'_>,
        table: &str,
        unique: &UniqueDef,
    ) -> Result<Rendered, RenderError> {
        Ok(Rendered::sql(vec![standard_add_unique(
            self, table, unique,
        )]))
    }

    /// [`Step::DropUnique`](crate::model::Step::DropUnique).
    fn drop_unique(
        &self,
        _cx: &StepContext<'_>,
        table: &str,
        name: &str,
    ) -> Result<Rendered, RenderError> {
        Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.quote(table),
            self.quote(name)
        )]))
    }

    /// [`Step::AddForeignKey`](crate::model::Step::AddForeignKey).
    fn add_foreign_key(
        &self,
        _cx: &StepContext<'_>,
        table: &str,
        foreign_key: &ForeignKeyDef,
    ) -> Result<Rendered, RenderError> {
        Ok(Rendered::sql(vec![ddl::add_foreign_key_statement(
            table,
            foreign_key,
            self.dialect(),
        )]))
    }

    /// [`Step::DropForeignKey`](crate::model::Step::DropForeignKey).
    fn drop_foreign_key(
        &self,
        _cx: &StepContext<'_>,
        table: &str,
        name: &str,
    ) -> Result<Rendered, RenderError> {
        Ok(Rendered::sql(vec![ddl::drop_foreign_key_statement(
            table,
            name,
            self.dialect(),
        )]))
    }

    /// [`Step::AlterEnum`](crate::model::Step::AlterEnum): see the table on the step.
    fn alter_enum(
        &self,
        cx: &StepContext<'_>,
        from: &'static EnumDef,
        to: &'static EnumDef,
    ) -> Result<Rendered, RenderError>;
}

/// `ALTER TABLE t ALTER COLUMN c ...` for one change, as PostgreSQL (and the standard) spells it.
pub(super) fn standard_alter_column<D: SqlDialect + ?Sized>(
    d: &D,
    cx: &StepContext<'_>,
    table: &str,
    column: &str,
    change: ColumnChange,
) -> Result<Rendered, RenderError> {
    let q = |ident: &str| d.quote(ident);
    let clause = match change {
        ColumnChange::SetType(t) => {
            let ty = d.column_type(t);
            format!(
                "ALTER COLUMN {} TYPE {ty} USING {}::{ty}",
                q(column),
                q(column)
            )
        }
        ColumnChange::SetNullable(true) => format!("ALTER COLUMN {} DROP NOT NULL", q(column)),
        ColumnChange::SetNullable(false) => format!("ALTER COLUMN {} SET NOT NULL", q(column)),
        ColumnChange::SetDefault(Some(default)) => {
            let ty = cx.existing_column(table, column)?.sql_type;
            format!(
                "ALTER COLUMN {} SET DEFAULT {}",
                q(column),
                d.dialect().default_value(default, ty)
            )
        }
        ColumnChange::SetDefault(None) => format!("ALTER COLUMN {} DROP DEFAULT", q(column)),
    };
    Ok(Rendered::sql(vec![format!(
        "ALTER TABLE {} {clause}",
        q(table)
    )]))
}

/// `ALTER TABLE t ADD CONSTRAINT n UNIQUE (...)`.
pub(super) fn standard_add_unique<D: SqlDialect + ?Sized>(
    d: &D,
    table: &str,
    unique: &UniqueDef,
) -> String {
    format!(
        "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({})",
        d.quote(table),
        d.quote(unique.name),
        d.dialect().quote_list(unique.columns)
    )
}

/// Every table with a column of enum type `name`: as it is before the step, and after it.
pub(super) fn tables_using_enum<'s>(
    before: &'s [TableState],
    after: &'s crate::model::SchemaState,
    name: &str,
) -> Vec<(&'s TableState, &'s TableState)> {
    before
        .iter()
        .filter(|t| t.columns.iter().any(|c| is_of_enum(c, name)))
        .filter_map(|t| after.table(t.name).map(|a| (t, a)))
        .collect()
}

/// Whether `column` has enum type `name`.
pub(super) fn is_of_enum(column: &ColumnDef, name: &str) -> bool {
    column.sql_type.as_enum().is_some_and(|e| e.name == name)
}
