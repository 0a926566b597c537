//! Migration steps: plain data. Each dialect renders them (`crate::dialect::render_step`), and
//! [`super::SchemaState::apply`] replays them in memory.

use super::{
    CheckDef, ColumnDef, DefaultValue, DialectText, EnumDef, ForeignKeyDef, Identity, IndexDef,
    Object, OnUpdate, SqlType, TableDef, UniqueDef,
};

/// One schema change. Steps are `const`-constructible, so a revision is a `const` too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `CREATE TYPE ... AS ENUM` (PostgreSQL; elsewhere enums are inline and this is a no-op).
    CreateEnum(&'static EnumDef),
    /// `DROP TYPE` (PostgreSQL; a no-op elsewhere).
    DropEnum(&'static EnumDef),
    /// Change an enum type's labels from `from.values` to `to.values` (same type name), and
    /// every column of that type with it. A column default naming a label that goes is
    /// dropped.
    ///
    /// | | only labels added, in place | labels removed or reordered |
    /// |---|---|---|
    /// | PostgreSQL | `ALTER TYPE e ADD VALUE 'x' [BEFORE 'y' \| AFTER 'z']` | rename the type, `CREATE TYPE`, `ALTER COLUMN ... TYPE e USING c::text::e` for each column, `DROP TYPE` the old one |
    /// | MySQL | `ALTER TABLE t MODIFY COLUMN c ENUM(...)` for each column | same |
    /// | SQLite | a table rebuild of each table with such a column (its `CHECK` changes) | same |
    ///
    /// PostgreSQL runs `ADD VALUE` inside the revision's transaction (PostgreSQL 12 and later),
    /// but a label added there cannot be used (as a default, or in a row) before the
    /// transaction commits: use it from a later revision.
    AlterEnum {
        /// The type as it is.
        from: &'static EnumDef,
        /// The type as it will be (the same name).
        to: &'static EnumDef,
    },
    /// `CREATE TABLE` from a table definition (its indexes are separate [`Step::CreateIndex`]
    /// steps; [`create_table_with_indexes`] makes both). Give it a frozen copy of the table
    /// (see the README's "Frozen history"), not the live model.
    CreateTable(&'static TableDef),
    /// `DROP TABLE` (its indexes and constraints go with it).
    DropTable {
        /// Table name.
        table: &'static str,
    },
    /// `CREATE [UNIQUE] INDEX`.
    CreateIndex {
        /// Table name.
        table: &'static str,
        /// The index.
        index: IndexDef,
    },
    /// `DROP INDEX`.
    DropIndex {
        /// Table name.
        table: &'static str,
        /// Index name.
        name: &'static str,
        /// Do nothing if it is not there.
        if_exists: bool,
    },
    /// `ALTER TABLE ... ADD COLUMN`.
    AddColumn {
        /// Table name.
        table: &'static str,
        /// The new column (a NOT NULL column needs a default when the table has rows).
        column: ColumnDef,
    },
    /// `ALTER TABLE ... DROP COLUMN`.
    DropColumn {
        /// Table name.
        table: &'static str,
        /// Column name.
        column: &'static str,
        /// Do nothing if it is not there.
        if_exists: bool,
    },
    /// Change one property of a column (SQLite: a table rebuild).
    AlterColumn {
        /// Table name.
        table: &'static str,
        /// Column name.
        column: &'static str,
        /// What changes.
        change: ColumnChange,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE` (SQLite: a table rebuild).
    AddUnique {
        /// Table name.
        table: &'static str,
        /// The constraint.
        unique: UniqueDef,
    },
    /// Drop a unique constraint (SQLite: a table rebuild).
    DropUnique {
        /// Table name.
        table: &'static str,
        /// Constraint name.
        name: &'static str,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY` (SQLite: a table rebuild).
    AddForeignKey {
        /// Table name.
        table: &'static str,
        /// The key.
        foreign_key: ForeignKeyDef,
    },
    /// Drop a foreign key (SQLite: a table rebuild).
    DropForeignKey {
        /// Table name.
        table: &'static str,
        /// Constraint name.
        name: &'static str,
    },
    /// `ALTER TABLE ... RENAME TO`.
    RenameTable {
        /// Old name.
        from: &'static str,
        /// New name.
        to: &'static str,
    },
    /// `ALTER TABLE ... RENAME COLUMN`.
    RenameColumn {
        /// Table name.
        table: &'static str,
        /// Old name.
        from: &'static str,
        /// New name.
        to: &'static str,
    },
    /// `ALTER TABLE ... ADD CONSTRAINT ... CHECK` (SQLite: a table rebuild).
    AddCheck {
        /// Table name.
        table: &'static str,
        /// The constraint.
        check: CheckDef,
    },
    /// Drop a CHECK constraint (SQLite: a table rebuild).
    DropCheck {
        /// Table name.
        table: &'static str,
        /// Constraint name.
        name: &'static str,
    },
    /// Set or remove a table's comment (`COMMENT ON TABLE`; MySQL `ALTER TABLE ... COMMENT`;
    /// nothing on SQLite, which keeps none).
    SetTableComment {
        /// Table name.
        table: &'static str,
        /// The comment, or none.
        comment: Option<&'static str>,
    },
    /// `CREATE SCHEMA` (PostgreSQL), for tables declared `#[table(schema = "...")]`.
    CreateSchema {
        /// Schema name.
        name: &'static str,
    },
    /// `DROP SCHEMA` (PostgreSQL): it must be empty.
    DropSchema {
        /// Schema name.
        name: &'static str,
    },
    /// Raw SQL, written per dialect.
    Sql(RawSql),
    /// The author accepts that this revision destroys the rows of `table` (or the values of its
    /// `column`): copied elsewhere first, say. The runner's data-loss guard lets the revision's
    /// destructive steps on it run without `--allow-data-loss`. Renders to nothing, and is not
    /// part of the checksum: acknowledging a loss in an applied revision changes nothing.
    AcceptDataLoss {
        /// Table name.
        table: &'static str,
        /// The column, or `None` for the whole table.
        column: Option<&'static str>,
    },
    /// Marks a squash revision (`revision --squash`): a baseline that stands, for a new
    /// database, for revision `through` and every one before it, which databases that applied
    /// them keep running. Renders to nothing; it is part of the squash's checksum.
    Squashes {
        /// The last revision it stands for.
        through: &'static str,
    },
    /// The step in its online form, where the database has one, so that writes to a big
    /// table go on while it runs. The schema it leaves is the step's.
    ///
    /// | step | PostgreSQL |
    /// |---|---|
    /// | `CreateIndex` | `CREATE [UNIQUE] INDEX CONCURRENTLY` |
    /// | `DropIndex` | `DROP INDEX CONCURRENTLY` |
    /// | `AddForeignKey`, `AddCheck` | `ADD CONSTRAINT ... NOT VALID`, then `VALIDATE CONSTRAINT` in a transaction of its own |
    /// | `AddUnique` | `CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD CONSTRAINT ... UNIQUE USING INDEX` |
    /// | `AlterColumn` `SetNullable(false)` | a `CHECK (c IS NOT NULL) NOT VALID`, validated, then `SET NOT NULL` (which trusts it) and the check dropped |
    /// | `AddColumn` with no default or a constant one | the plain form, which PostgreSQL 11+ runs without rewriting the table |
    ///
    /// On PostgreSQL a revision with an online step runs outside a transaction, one statement
    /// at a time, its progress recorded after each step as on MySQL: a failure marks it failed
    /// at that step, and `recover` first takes away what the failed step left (an INVALID
    /// index, a constraint not validated) and runs it again. Elsewhere it is the plain step
    /// (MySQL and MariaDB build indexes online by themselves; SQLite has one writer).
    Online(&'static Step),
}

/// What an [`Step::AlterColumn`] changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnChange {
    /// A new type (existing values are cast).
    SetType(SqlType),
    /// NULL-able (`true`) or NOT NULL (`false`).
    SetNullable(bool),
    /// A new server default, or none.
    SetDefault(Option<DefaultValue>),
    /// Generated by the database, or no longer.
    SetIdentity(Option<Identity>),
    /// A new MySQL `ON UPDATE` value, or none.
    SetOnUpdate(Option<OnUpdate>),
    /// A new comment, or none.
    SetComment(Option<&'static str>),
    /// A new collation, or the default.
    SetCollation(Option<DialectText>),
}

/// Raw SQL with a variant per dialect. A dialect without a variant skips the step with a
/// notice, or refuses the revision when `required` is set.
///
/// `creates` and `drops` say which objects the SQL makes and removes (views, triggers, hand
/// written indexes...): the replay then knows them, `check` does not report them, a SQLite
/// rebuild of their table puts them back, and a downgrade knows what goes. They are
/// declarations, not SQL: adding them to a revision already applied does not change its
/// checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawSql {
    /// What it does, for logs and errors.
    pub description: &'static str,
    /// The PostgreSQL variant.
    pub postgres: Option<&'static str>,
    /// The SQLite variant.
    pub sqlite: Option<&'static str>,
    /// The MySQL/MariaDB variant.
    pub mysql: Option<&'static str>,
    /// Refuse to run on a dialect without a variant (instead of skipping).
    pub required: bool,
    /// The objects it creates (on each dialect it has a variant for).
    pub creates: &'static [Object],
    /// The objects it drops.
    pub drops: &'static [Object],
}

impl RawSql {
    /// A step with no variant yet: the base literals build on
    /// (`RawSql { postgres: Some("..."), ..RawSql::new("what it does") }`).
    pub const fn new(description: &'static str) -> RawSql {
        RawSql {
            description,
            postgres: None,
            sqlite: None,
            mysql: None,
            required: false,
            creates: &[],
            drops: &[],
        }
    }
}

impl Step {
    /// A one-line description (`create table dashboards`), for progress output and errors.
    pub fn describe(&self) -> String {
        match self {
            Step::Online(inner) => format!("{} (online)", inner.describe()),
            Step::CreateEnum(e) => format!("create enum type {}", e.name),
            Step::DropEnum(e) => format!("drop enum type {}", e.name),
            Step::AlterEnum { from, to } => {
                let added: Vec<&str> = to
                    .values
                    .iter()
                    .filter(|v| !from.values.contains(v))
                    .copied()
                    .collect();
                let removed: Vec<&str> = from
                    .values
                    .iter()
                    .filter(|v| !to.values.contains(v))
                    .copied()
                    .collect();
                let mut what = Vec::new();
                if !added.is_empty() {
                    what.push(format!("add {}", added.join(", ")));
                }
                if !removed.is_empty() {
                    what.push(format!("remove {}", removed.join(", ")));
                }
                if what.is_empty() {
                    what.push("reorder labels".to_owned());
                }
                format!("alter enum type {} ({})", from.name, what.join("; "))
            }
            Step::CreateTable(t) => format!("create table {}", t.name),
            Step::DropTable { table } => format!("drop table {table}"),
            Step::CreateIndex { table, index } => format!("create index {} on {table}", index.name),
            Step::DropIndex { table, name, .. } => format!("drop index {name} on {table}"),
            Step::AddColumn { table, column } => format!("add column {table}.{}", column.name),
            Step::DropColumn { table, column, .. } => format!("drop column {table}.{column}"),
            Step::AlterColumn {
                table,
                column,
                change,
            } => {
                let what = match change {
                    ColumnChange::SetType(_) => "type",
                    ColumnChange::SetNullable(_) => "nullability",
                    ColumnChange::SetDefault(_) => "default",
                    ColumnChange::SetIdentity(_) => "identity",
                    ColumnChange::SetOnUpdate(_) => "on update",
                    ColumnChange::SetComment(_) => "comment",
                    ColumnChange::SetCollation(_) => "collation",
                };
                format!("alter column {table}.{column} ({what})")
            }
            Step::AddUnique { table, unique } => format!("add unique {} on {table}", unique.name),
            Step::DropUnique { table, name } => format!("drop unique {name} on {table}"),
            Step::AddForeignKey { table, foreign_key } => {
                format!("add foreign key {} on {table}", foreign_key.name)
            }
            Step::DropForeignKey { table, name } => format!("drop foreign key {name} on {table}"),
            Step::RenameTable { from, to } => format!("rename table {from} to {to}"),
            Step::RenameColumn { table, from, to } => {
                format!("rename column {table}.{from} to {to}")
            }
            Step::AddCheck { table, check } => format!("add check {} on {table}", check.name),
            Step::DropCheck { table, name } => format!("drop check {name} on {table}"),
            Step::SetTableComment { table, .. } => format!("set comment on table {table}"),
            Step::CreateSchema { name } => format!("create schema {name}"),
            Step::DropSchema { name } => format!("drop schema {name}"),
            Step::Sql(raw) => format!("sql: {}", raw.description),
            Step::AcceptDataLoss { table, column } => match column {
                Some(c) => format!("accept the loss of {table}.{c}"),
                None => format!("accept the loss of table {table}"),
            },
            Step::Squashes { through } => format!("squash of {through} and before"),
        }
    }

    /// The step itself, seen through [`Step::Online`]: what it changes in the schema.
    pub const fn plain(&self) -> &Step {
        match self {
            Step::Online(inner) => inner.plain(),
            other => other,
        }
    }

    /// Whether the step destroys data (drop table or column, a type change that may
    /// narrow, an enum type losing labels): marked in generated revisions and CLI output.
    pub fn is_destructive(&self) -> bool {
        match self.plain() {
            Step::DropTable { .. }
            | Step::DropColumn { .. }
            | Step::AlterColumn {
                change: ColumnChange::SetType(_),
                ..
            } => true,
            Step::AlterEnum { from, to } => from.values.iter().any(|v| !to.values.contains(v)),
            _ => false,
        }
    }
}

/// `CREATE TABLE` followed by one `CREATE INDEX` per index of the table, in order.
pub fn create_table_with_indexes(table: &'static TableDef) -> Vec<Step> {
    let mut steps = vec![Step::CreateTable(table)];
    steps.extend(table.indexes.iter().map(|index| Step::CreateIndex {
        table: table.name,
        index: *index,
    }));
    steps
}
