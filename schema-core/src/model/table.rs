//! Tables, columns, keys, indexes and constraints.

use super::{CheckDef, DefaultValue, DialectText, Identity, IndexDef, OnUpdate, SqlType};

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
    /// CHECK constraints (from `#[check(...)]`).
    pub checks: &'static [CheckDef],
    /// The table's comment (from the struct's doc comment): `COMMENT ON TABLE` on
    /// PostgreSQL, `COMMENT=` on MySQL, none on SQLite.
    pub comment: Option<&'static str>,
    /// The PostgreSQL schema it lives in (`#[table(schema = "billing")]`); `None` is the
    /// connection's current schema (`public`).
    pub schema: Option<&'static str>,
    /// Declared, not owned (`#[table(external)]`): a table another system creates, which the
    /// models reference. Never created, altered or dropped; `check` verifies only that it is
    /// there with its primary key.
    pub external: bool,
}

impl TableDef {
    /// A table with these columns and primary key and nothing else: the base that literals
    /// build on (`TableDef { uniques: &[..], ..TableDef::new("t", "T", &[..], pk) }`), so a field
    /// added in a later release does not break them.
    pub const fn new(
        name: &'static str,
        rust_name: &'static str,
        columns: &'static [ColumnDef],
        primary_key: PrimaryKeyDef,
    ) -> TableDef {
        TableDef {
            name,
            rust_name,
            columns,
            primary_key,
            uniques: &[],
            indexes: &[],
            foreign_keys: &[],
            checks: &[],
            comment: None,
            schema: None,
            external: false,
        }
    }

    /// The column with this SQL name.
    pub fn column(&self, name: &str) -> Option<&'static ColumnDef> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// This definition as a [`TableView`].
    pub fn view(&self) -> TableView<'_> {
        TableView {
            name: self.name,
            schema: self.schema,
            columns: self.columns,
            primary_key: &self.primary_key,
            uniques: self.uniques,
            foreign_keys: self.foreign_keys,
            checks: self.checks,
            comment: self.comment,
        }
    }

    /// Whether this is the stub a failed `#[derive(Table)]` emits.
    ///
    /// The protocol: a derive that reports errors still implements `Table`, with
    /// [`TableDef::stub`] as its `DEF` (its name, no columns), so the code using the struct
    /// compiles on and the real error stands alone. Checks that read another table's `DEF` (a
    /// foreign key's target, the names `schema!` compares) let a stub pass: its error is
    /// already reported. A real table is never a stub, because the derive refuses a table
    /// without columns.
    pub const fn is_stub(&self) -> bool {
        self.columns.is_empty()
    }

    /// The definition a failed derive emits (see [`TableDef::is_stub`]): the one place the
    /// stub's marker, the empty primary key name, is written.
    #[doc(hidden)]
    pub const fn stub(name: &'static str, rust_name: &'static str) -> TableDef {
        TableDef::new(name, rust_name, &[], PrimaryKeyDef::NONE)
    }

    /// The name a statement gives it: `schema.name` in a schema, else the name.
    pub fn qualified_name(&self) -> String {
        qualified(self.schema, self.name)
    }
}

/// `schema.name`, or `name` without a schema (for messages; SQL quotes each part).
pub fn qualified(schema: Option<&str>, name: &str) -> String {
    match schema {
        Some(s) => format!("{s}.{name}"),
        None => name.to_owned(),
    }
}

/// What `CREATE TABLE` needs of a table: a [`TableDef`], or a table as a migration chain has
/// shaped it so far ([`super::TableState::view`]).
#[derive(Debug, Clone, Copy)]
pub struct TableView<'a> {
    /// Table name.
    pub name: &'a str,
    /// Its PostgreSQL schema, if not the current one.
    pub schema: Option<&'a str>,
    /// Columns, in order.
    pub columns: &'a [ColumnDef],
    /// Primary key (no columns: the table has none).
    pub primary_key: &'a PrimaryKeyDef,
    /// Unique constraints.
    pub uniques: &'a [UniqueDef],
    /// Foreign keys.
    pub foreign_keys: &'a [ForeignKeyDef],
    /// CHECK constraints.
    pub checks: &'a [CheckDef],
    /// The table's comment.
    pub comment: Option<&'a str>,
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
    /// Generated by the database on insert (and left out of `insert_sql`).
    pub identity: Option<Identity>,
    /// MySQL's `ON UPDATE` value.
    pub on_update: Option<OnUpdate>,
    /// The column's comment (from the field's doc comment).
    pub comment: Option<&'static str>,
    /// Its collation (`#[column(collation = "C")]`): a name for every dialect, or one per
    /// dialect. `C` and `POSIX` mean byte order everywhere (SQLite `BINARY`, MySQL
    /// `utf8mb4_bin`).
    pub collation: Option<DialectText>,
}

impl ColumnDef {
    /// A NOT NULL column of `sql_type` with nothing else: the base that literals build on
    /// (`ColumnDef { nullable: true, ..ColumnDef::new("note", SqlType::Text) }`), so a field added
    /// in a later release does not break them.
    pub const fn new(name: &'static str, sql_type: SqlType) -> ColumnDef {
        ColumnDef {
            name,
            sql_type,
            nullable: false,
            default: None,
            identity: None,
            on_update: None,
            comment: None,
            collation: None,
        }
    }

    /// Whether the database writes it (an identity column): inserts leave it out.
    pub const fn is_generated(&self) -> bool {
        self.identity.is_some()
    }
}

/// The primary key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PrimaryKeyDef {
    /// Constraint name (default `{table}_pkey`).
    pub name: &'static str,
    /// Column names, in key order (none: a table declared `#[table(no_primary_key)]`).
    pub columns: &'static [&'static str],
}

impl PrimaryKeyDef {
    /// No primary key (`#[table(no_primary_key)]`).
    pub const NONE: PrimaryKeyDef = PrimaryKeyDef {
        name: "",
        columns: &[],
    };

    /// Whether there is one.
    pub const fn exists(&self) -> bool {
        !self.columns.is_empty()
    }
}

/// A unique constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UniqueDef {
    /// Constraint name (default `{table}_{cols}_key`).
    pub name: &'static str,
    /// Column names.
    pub columns: &'static [&'static str],
    /// `NULLS NOT DISTINCT` (PostgreSQL 15+): two rows with NULL in the key clash.
    pub nulls_not_distinct: bool,
}

impl UniqueDef {
    /// A plain unique constraint: the base literals build on.
    pub const fn new(name: &'static str, columns: &'static [&'static str]) -> UniqueDef {
        UniqueDef {
            name,
            columns,
            nulls_not_distinct: false,
        }
    }
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
    /// The referenced table's PostgreSQL schema, if not the current one.
    pub ref_schema: Option<&'static str>,
    /// The referenced columns, matching `columns` one to one.
    pub ref_columns: &'static [&'static str],
    /// `ON DELETE` action.
    pub on_delete: ReferentialAction,
    /// `ON UPDATE` action.
    pub on_update: ReferentialAction,
}

impl ForeignKeyDef {
    /// A key with no actions (`NO ACTION`), to a table in the current schema: the base that
    /// literals build on.
    pub const fn new(
        name: &'static str,
        columns: &'static [&'static str],
        ref_table: &'static str,
        ref_columns: &'static [&'static str],
    ) -> ForeignKeyDef {
        ForeignKeyDef {
            name,
            columns,
            ref_table,
            ref_schema: None,
            ref_columns,
            on_delete: ReferentialAction::NoAction,
            on_update: ReferentialAction::NoAction,
        }
    }
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
