//! Tables, columns, keys, indexes and constraints.

use super::{DefaultValue, SqlType};

/// One table, as declared by `#[derive(Table)]` (available as `<T as Table>::DEF`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TableDef {
    /// The SQL table name.
    pub name: &'static str,
    /// The Rust struct it was derived from.
    pub rust_name: &'static str,
    /// Columns, in field order.
    pub columns: &'static [ColumnDef],
    /// The primary key.
    pub primary_key: PrimaryKeyDef,
    /// Unique constraints (from `#[column(unique)]` and `#[unique(...)]`).
    pub uniques: &'static [UniqueDef],
    /// Indexes (from `#[index]` on fields and `#[index(columns(...))]` on the struct).
    pub indexes: &'static [IndexDef],
    /// Foreign keys.
    pub foreign_keys: &'static [ForeignKeyDef],
}

impl TableDef {
    /// The column with this SQL name.
    pub fn column(&self, name: &str) -> Option<&'static ColumnDef> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// This definition as a [`TableView`].
    pub fn view(&self) -> TableView<'_> {
        TableView {
            name: self.name,
            columns: self.columns,
            primary_key: &self.primary_key,
            uniques: self.uniques,
            foreign_keys: self.foreign_keys,
        }
    }

    /// Whether this is the stub a failed `#[derive(Table)]` emits.
    ///
    /// The protocol: a derive that reports errors still implements `Table`, with
    /// [`TableDef::stub`] as its `DEF` (its name, no columns, a primary key with an empty name),
    /// so the code using the struct compiles on and the real error stands alone. Checks that
    /// read another table's `DEF` (a foreign key's target, the names `schema!` compares) let a
    /// stub pass: its error is already reported. A real table is never a stub, because the
    /// derive refuses a table without a primary key and names every primary key.
    pub const fn is_stub(&self) -> bool {
        self.primary_key.name.is_empty()
    }

    /// The definition a failed derive emits (see [`TableDef::is_stub`]): the one place the
    /// stub's marker, the empty primary key name, is written.
    #[doc(hidden)]
    pub const fn stub(name: &'static str, rust_name: &'static str) -> TableDef {
        TableDef {
            name,
            rust_name,
            columns: &[],
            primary_key: PrimaryKeyDef {
                name: "",
                columns: &[],
            },
            uniques: &[],
            indexes: &[],
            foreign_keys: &[],
        }
    }
}

/// What `CREATE TABLE` needs of a table: a [`TableDef`], or a table as a migration chain has
/// shaped it so far ([`super::TableState::view`]).
#[derive(Debug, Clone, Copy)]
pub struct TableView<'a> {
    /// Table name.
    pub name: &'a str,
    /// Columns, in order.
    pub columns: &'a [ColumnDef],
    /// Primary key.
    pub primary_key: &'a PrimaryKeyDef,
    /// Unique constraints.
    pub uniques: &'a [UniqueDef],
    /// Foreign keys.
    pub foreign_keys: &'a [ForeignKeyDef],
}

/// One column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ColumnDef {
    /// The SQL column name.
    pub name: &'static str,
    /// Its SQL type.
    pub sql_type: SqlType,
    /// `true` for `Option<T>` fields.
    pub nullable: bool,
    /// The server default, if any.
    pub default: Option<DefaultValue>,
}

/// The primary key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrimaryKeyDef {
    /// Constraint name (default `{table}_pkey`).
    pub name: &'static str,
    /// Column names, in key order.
    pub columns: &'static [&'static str],
}

/// A unique constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UniqueDef {
    /// Constraint name (default `{table}_{cols}_key`).
    pub name: &'static str,
    /// Column names.
    pub columns: &'static [&'static str],
}

/// An index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IndexDef {
    /// Index name (default `ix_{table}_{cols}`).
    pub name: &'static str,
    /// Column names.
    pub columns: &'static [&'static str],
    /// `CREATE UNIQUE INDEX`.
    pub unique: bool,
}

/// A foreign key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ForeignKeyDef {
    /// Constraint name (default `{table}_{cols}_fkey`).
    pub name: &'static str,
    /// Referencing columns of this table.
    pub columns: &'static [&'static str],
    /// The referenced table.
    pub ref_table: &'static str,
    /// The referenced columns, matching `columns` one to one.
    pub ref_columns: &'static [&'static str],
    /// `ON DELETE` action.
    pub on_delete: ReferentialAction,
    /// `ON UPDATE` action.
    pub on_update: ReferentialAction,
}

/// What a foreign key does when the referenced row is deleted or its key updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ReferentialAction {
    /// The database default: fail at the end of the statement (no clause is rendered).
    #[default]
    NoAction,
    /// Fail at once.
    Restrict,
    /// Delete or update the referencing rows too.
    Cascade,
    /// Set the referencing columns to NULL.
    SetNull,
    /// Set the referencing columns to their default.
    SetDefault,
}

impl ReferentialAction {
    /// The SQL keywords (`NO ACTION`, `RESTRICT`, `CASCADE`, `SET NULL`, `SET DEFAULT`).
    pub const fn sql(self) -> &'static str {
        match self {
            ReferentialAction::NoAction => "NO ACTION",
            ReferentialAction::Restrict => "RESTRICT",
            ReferentialAction::Cascade => "CASCADE",
            ReferentialAction::SetNull => "SET NULL",
            ReferentialAction::SetDefault => "SET DEFAULT",
        }
    }
}
