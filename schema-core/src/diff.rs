//! Autogenerate: the steps from one schema state to another, both ways.
//!
//! [`diff`] compares two [`SchemaState`]s (typically the migration chain replayed, and
//! [`SchemaState::from_schema`] of the models) and plans the [`Step`]s that take the first to
//! the second (`up`) and back (`down`). [`crate::migrate::codegen::revision_source`] writes them
//! out as a revision file to review and commit.
//!
//! ```
//! use schema_core::diff::diff;
//! use schema_core::migrate::state::SchemaState;
//! use schema_core::migrate::Step;
//! use schema_core::Table;
//!
//! #[derive(Table)]
//! #[table(name = "tags")]
//! pub struct Tag {
//!     #[column(primary_key)]
//!     pub id: i64,
//!     #[index]
//!     pub label: String,
//! }
//!
//! schema_core::schema! {
//!     /// The models.
//!     pub const APP = [Tag];
//! }
//!
//! let d = diff(&SchemaState::default(), &SchemaState::from_schema(&APP));
//! assert!(matches!(d.up[0], Step::CreateTable(t) if t.name == "tags"));
//! assert!(matches!(d.up[1], Step::CreateIndex { .. }));
//! assert_eq!(d.down, [Step::DropTable { table: "tags" }]);
//! ```
//!
//! What it does not do:
//! - guess renames: a table or column that disappears while a similar one appears is a drop
//!   and an add (which loses the data), with a note saying how to write the rename instead;
//! - change a primary key (it says so in a note: write those steps by hand);
//! - keep column order: `ADD COLUMN` appends, and column order is not part of what it compares
//!   (see [`SchemaState::normalized`]).

use crate::migrate::state::{SchemaState, TableState};
use crate::migrate::{ColumnChange, Step};
use crate::model::{ColumnDef, DefaultValue, EnumDef, ForeignKeyDef, SqlType, TableDef};

/// The steps between two schema states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// From the first state to the second.
    pub up: Vec<Step>,
    /// From the second state back to the first.
    pub down: Vec<Step>,
    /// What a reviewer should know: possible renames, steps that fail on a table with rows,
    /// changes autogenerate cannot express. Notes on `down` start with `down: `.
    pub notes: Vec<String>,
}

impl Diff {
    /// No change either way.
    pub fn is_empty(&self) -> bool {
        self.up.is_empty() && self.down.is_empty()
    }
}

/// The steps that take `from` to `to` (`up`) and `to` back to `from` (`down`), in an order that
/// applies on every dialect: foreign keys are dropped before what they reference and added after
/// it, tables are created in dependency order, indexes and constraints go before the columns
/// they cover and come after them.
///
/// Replaying `up` on `from` gives a state whose [`SchemaState::normalized`] form equals `to`'s
/// (and `down` on `to` gives `from`), unless a note says a change could not be expressed.
pub fn diff(from: &SchemaState, to: &SchemaState) -> Diff {
    let (up, mut notes) = Planner::new(from, to, false).run();
    let (down, down_notes) = Planner::new(to, from, true).run();
    notes.extend(down_notes.into_iter().map(|n| format!("down: {n}")));
    Diff { up, down, notes }
}

/// `CreateTable` holds a `&'static TableDef`, and a diff builds its new tables from states,
/// which own their parts: so each created table's definition (and its column, constraint and
/// key lists) is leaked. A diff is computed once per `revision --autogenerate` run, and the leak
/// is bounded by the tables that run creates. This is the only allocation that outlives a diff.
fn leak_table(table: &TableState, without: &[ForeignKeyDef]) -> &'static TableDef {
    let foreign_keys: Vec<ForeignKeyDef> = table
        .foreign_keys
        .iter()
        .filter(|f| !without.iter().any(|w| w.name == f.name))
        .copied()
        .collect();
    Box::leak(Box::new(TableDef {
        name: table.name,
        // A frozen table has no Rust struct: its name stands in.
        rust_name: table.name,
        columns: Box::leak(table.columns.clone().into_boxed_slice()),
        primary_key: table.primary_key,
        uniques: Box::leak(table.uniques.clone().into_boxed_slice()),
        // Indexes are `CreateIndex` steps of their own (a `CreateTable` does not make them).
        indexes: &[],
        foreign_keys: Box::leak(foreign_keys.into_boxed_slice()),
    }))
}

/// Two column types are the same, or the same enum type whose labels an [`Step::AlterEnum`]
/// changes.
fn same_type(a: SqlType, b: SqlType) -> bool {
    match (a, b) {
        (SqlType::Enum(x), SqlType::Enum(y)) => x.name == y.name,
        _ => a == b,
    }
}

/// Tables in an order that creates each after those of the set it references; the foreign
/// keys that point forward in a reference cycle come separately, as `(table, key)`.
fn creation_order<'t>(
    tables: &[&'t TableState],
) -> (Vec<&'t TableState>, Vec<(&'static str, ForeignKeyDef)>) {
    let mut placed: Vec<&'t TableState> = Vec::with_capacity(tables.len());
    let mut deferred = Vec::new();
    let mut pending: Vec<&'t TableState> = tables.to_vec();
    while !pending.is_empty() {
        let waits_on = |t: &TableState, fk: &ForeignKeyDef, pending: &[&TableState]| {
            fk.ref_table != t.name && pending.iter().any(|p| p.name == fk.ref_table)
        };
        let ready = pending
            .iter()
            .position(|t| !t.foreign_keys.iter().any(|fk| waits_on(t, fk, &pending)));
        let table = pending.remove(ready.unwrap_or(0));
        if ready.is_none() {
            // A cycle: this table goes first, its keys into the rest of the cycle later.
            for fk in &table.foreign_keys {
                if waits_on(table, fk, &pending) {
                    deferred.push((table.name, *fk));
                }
            }
        }
        placed.push(table);
    }
    (placed, deferred)
}

/// Plans one direction. Every step is applied to `cur` as it is planned, so each later
/// decision sees the schema as the steps so far leave it.
struct Planner<'a> {
    from: &'a SchemaState,
    to: &'a SchemaState,
    cur: SchemaState,
    steps: Vec<Step>,
    notes: Vec<String>,
    /// Planning `down`: rename notes are left to `up`, which has the same pairs.
    down: bool,
}

impl<'a> Planner<'a> {
    fn new(from: &'a SchemaState, to: &'a SchemaState, down: bool) -> Planner<'a> {
        Planner {
            from,
            to,
            cur: from.clone(),
            steps: Vec::new(),
            notes: Vec::new(),
            down,
        }
    }

    fn emit(&mut self, step: Step) {
        if let Err(e) = self.cur.apply(&step) {
            // A planning bug, not a user error: say so in the revision rather than panic.
            self.notes.push(format!(
                "autogenerate planned a step that does not apply: {e}"
            ));
        }
        self.steps.push(step);
    }

    /// Tables of `to` that `from` has too (by name), in `to`'s order.
    fn kept(&self) -> Vec<(&'a TableState, &'a TableState)> {
        let from = self.from;
        self.to
            .tables
            .iter()
            .filter_map(|t| from.table(t.name).map(|f| (f, t)))
            .collect()
    }

    /// Whether `table.column` exists on both sides with a different type (not counting an
    /// enum type's labels).
    fn retyped(&self, table: &str, column: &str) -> bool {
        let before = self.from.table(table).and_then(|t| t.column(column));
        let after = self.to.table(table).and_then(|t| t.column(column));
        matches!((before, after), (Some(b), Some(a)) if !same_type(b.sql_type, a.sql_type))
    }

    fn run(mut self) -> (Vec<Step>, Vec<String>) {
        let kept = self.kept();
        self.primary_keys(&kept);
        self.create_enums();
        self.drop_foreign_keys(&kept);
        self.drop_indexes(&kept);
        self.drop_uniques(&kept);
        self.drop_tables();
        self.drop_columns(&kept);
        self.alter_enums();
        self.alter_and_add_columns(&kept);
        self.drop_enums();
        self.add_uniques(&kept);
        self.create_tables();
        self.create_indexes(&kept);
        self.add_foreign_keys(&kept);
        if self.cur.normalized() != self.to.normalized() {
            self.notes.push(
                "these steps do not reach the target schema (see the notes above): \
                 complete the revision by hand"
                    .to_owned(),
            );
        }
        (self.steps, self.notes)
    }

    fn primary_keys(&mut self, kept: &[(&TableState, &TableState)]) {
        for (before, after) in kept {
            if before.primary_key != after.primary_key && !self.down {
                self.notes.push(format!(
                    "the primary key of `{}` changes from {} {:?} to {} {:?}: autogenerate does \
                     not change primary keys; write those steps by hand (`Step::Sql`)",
                    after.name,
                    before.primary_key.name,
                    before.primary_key.columns,
                    after.primary_key.name,
                    after.primary_key.columns
                ));
            }
        }
    }

    fn create_enums(&mut self) {
        let new: Vec<&'static EnumDef> = self
            .to
            .enums
            .iter()
            .filter(|e| !self.from.enums.iter().any(|f| f.name == e.name))
            .copied()
            .collect();
        for e in new {
            if !self.down {
                if let Some(old) = self.from.enums.iter().find(|f| {
                    f.values == e.values && !self.to.enums.iter().any(|t| t.name == f.name)
                }) {
                    self.notes.push(format!(
                        "enum type `{}` is dropped and `{}` created with the same labels: if it \
                         is a rename, replace both with `ALTER TYPE {} RENAME TO {}` \
                         (PostgreSQL; `Step::Sql`)",
                        old.name, e.name, old.name, e.name
                    ));
                }
            }
            self.emit(Step::CreateEnum(e));
        }
    }

    fn drop_enums(&mut self) {
        let gone: Vec<&'static EnumDef> = self
            .from
            .enums
            .iter()
            .rev()
            .filter(|e| !self.to.enums.iter().any(|t| t.name == e.name))
            .copied()
            .collect();
        for e in gone {
            // The state's own copy: `AlterEnum` may have changed it (it cannot here, but the
            // step should name the type as it is).
            let current = self
                .cur
                .enums
                .iter()
                .copied()
                .find(|c| c.name == e.name)
                .unwrap_or(e);
            self.emit(Step::DropEnum(current));
        }
    }

    fn alter_enums(&mut self) {
        let changed: Vec<(&'static EnumDef, &'static EnumDef)> = self
            .to
            .enums
            .iter()
            .filter_map(|t| {
                let f = self.from.enums.iter().find(|f| f.name == t.name)?;
                (f.values != t.values).then_some((*f, *t))
            })
            .collect();
        for (from, to) in changed {
            if !self.down {
                self.note_new_labels_in_use(from, to);
            }
            self.emit(Step::AlterEnum { from, to });
        }
    }

    /// PostgreSQL's `ADD VALUE` label cannot be used before its transaction commits.
    fn note_new_labels_in_use(&mut self, from: &EnumDef, to: &EnumDef) {
        let only_added = to
            .values
            .iter()
            .filter(|v| from.values.contains(v))
            .eq(from.values.iter());
        if !only_added {
            return;
        }
        for t in &self.to.tables {
            for c in &t.columns {
                let label = match (c.sql_type.as_enum(), c.default) {
                    (Some(e), Some(DefaultValue::Text(label))) if e.name == to.name => label,
                    _ => continue,
                };
                let was = self
                    .from
                    .table(t.name)
                    .and_then(|ft| ft.column(c.name))
                    .and_then(|fc| fc.default);
                if !from.values.contains(&label) && was != c.default {
                    self.notes.push(format!(
                        "PostgreSQL: `{}.{}` gets the default '{label}', a label this revision \
                         adds to `{}`; PostgreSQL cannot use a label in the transaction that \
                         adds it: move that default to a later revision",
                        t.name, c.name, to.name
                    ));
                }
            }
        }
    }

    fn drop_foreign_keys(&mut self, kept: &[(&TableState, &TableState)]) {
        for (before, after) in kept {
            for fk in &before.foreign_keys {
                let unchanged = after.foreign_keys.iter().any(|a| a == fk);
                // MySQL refuses to change the type of a column a key uses, PostgreSQL may find
                // the key's types incompatible halfway: the key is dropped and added back.
                let retyped = fk.columns.iter().any(|c| self.retyped(before.name, c))
                    || fk.ref_columns.iter().any(|c| self.retyped(fk.ref_table, c));
                if !unchanged || retyped || self.loses_its_key(fk) {
                    self.emit(Step::DropForeignKey {
                        table: before.name,
                        name: fk.name,
                    });
                }
            }
        }
    }

    /// Whether the unique constraint or index a kept key references is dropped (PostgreSQL
    /// refuses while the key depends on it): the key is dropped first and added back after.
    fn loses_its_key(&self, fk: &ForeignKeyDef) -> bool {
        let (Some(before), Some(after)) =
            (self.from.table(fk.ref_table), self.to.table(fk.ref_table))
        else {
            return false;
        };
        let unique_gone = before
            .uniques
            .iter()
            .any(|u| u.columns == fk.ref_columns && !after.uniques.contains(u));
        let index_gone = before
            .indexes
            .iter()
            .any(|i| i.unique && i.columns == fk.ref_columns && !after.indexes.contains(i));
        unique_gone || index_gone
    }

    fn add_foreign_keys(&mut self, kept: &[(&TableState, &TableState)]) {
        for (_, after) in kept {
            for fk in &after.foreign_keys {
                let present = self
                    .cur
                    .table(after.name)
                    .is_some_and(|t| t.foreign_keys.iter().any(|c| c == fk));
                if !present {
                    self.emit(Step::AddForeignKey {
                        table: after.name,
                        foreign_key: *fk,
                    });
                }
            }
        }
    }

    fn drop_indexes(&mut self, kept: &[(&TableState, &TableState)]) {
        for (before, after) in kept {
            for index in &before.indexes {
                if !after.indexes.contains(index) {
                    self.emit(Step::DropIndex {
                        table: before.name,
                        name: index.name,
                        if_exists: false,
                    });
                }
            }
        }
    }

    fn create_indexes(&mut self, kept: &[(&TableState, &TableState)]) {
        for (_, after) in kept {
            for index in &after.indexes {
                let present = self
                    .cur
                    .table(after.name)
                    .is_some_and(|t| t.indexes.contains(index));
                if !present {
                    self.emit(Step::CreateIndex {
                        table: after.name,
                        index: *index,
                    });
                }
            }
        }
    }

    fn drop_uniques(&mut self, kept: &[(&TableState, &TableState)]) {
        for (before, after) in kept {
            for unique in &before.uniques {
                if !after.uniques.contains(unique) {
                    self.emit(Step::DropUnique {
                        table: before.name,
                        name: unique.name,
                    });
                }
            }
        }
    }

    fn add_uniques(&mut self, kept: &[(&TableState, &TableState)]) {
        for (_, after) in kept {
            for unique in &after.uniques {
                let present = self
                    .cur
                    .table(after.name)
                    .is_some_and(|t| t.uniques.contains(unique));
                if !present {
                    self.emit(Step::AddUnique {
                        table: after.name,
                        unique: *unique,
                    });
                }
            }
        }
    }

    fn drop_tables(&mut self) {
        let gone: Vec<&TableState> = self
            .from
            .tables
            .iter()
            .filter(|t| self.to.table(t.name).is_none())
            .collect();
        if gone.is_empty() {
            return;
        }
        if !self.down {
            self.note_table_renames(&gone);
        }
        let (order, cycle) = creation_order(&gone);
        // A reference cycle among the dropped tables: its keys go first.
        for (table, fk) in cycle.iter().rev() {
            self.emit(Step::DropForeignKey {
                table,
                name: fk.name,
            });
        }
        for table in order.iter().rev() {
            self.emit(Step::DropTable { table: table.name });
        }
    }

    fn note_table_renames(&mut self, gone: &[&TableState]) {
        let shape = |t: &TableState| {
            let mut cols: Vec<(&str, String)> = t
                .columns
                .iter()
                .map(|c| (c.name, format!("{:?}", c.sql_type)))
                .collect();
            cols.sort();
            cols
        };
        for old in gone {
            let new = self
                .to
                .tables
                .iter()
                .filter(|t| self.from.table(t.name).is_none())
                .find(|t| shape(t) == shape(old));
            if let Some(new) = new {
                self.notes.push(format!(
                    "table `{}` is dropped and `{}` created with the same columns: if it is a \
                     rename, replace both with `Step::RenameTable {{ from: \"{}\", to: \"{}\" }}` \
                     (and the reverse in `down`), or the rows of `{}` are lost",
                    old.name, new.name, old.name, new.name, old.name
                ));
            }
        }
    }

    fn create_tables(&mut self) {
        let new: Vec<&TableState> = self
            .to
            .tables
            .iter()
            .filter(|t| self.from.table(t.name).is_none())
            .collect();
        let (order, deferred) = creation_order(&new);
        for table in &order {
            let own: Vec<ForeignKeyDef> = deferred
                .iter()
                .filter(|(t, _)| *t == table.name)
                .map(|(_, fk)| *fk)
                .collect();
            self.emit(Step::CreateTable(leak_table(table, &own)));
            for index in &table.indexes {
                self.emit(Step::CreateIndex {
                    table: table.name,
                    index: *index,
                });
            }
        }
        for (table, fk) in deferred {
            self.emit(Step::AddForeignKey {
                table,
                foreign_key: fk,
            });
        }
    }

    fn drop_columns(&mut self, kept: &[(&TableState, &TableState)]) {
        for (before, after) in kept {
            let gone: Vec<&ColumnDef> = before
                .columns
                .iter()
                .filter(|c| after.column(c.name).is_none())
                .collect();
            for column in gone {
                if !self.down {
                    let added = after.columns.iter().find(|c| {
                        before.column(c.name).is_none() && same_type(c.sql_type, column.sql_type)
                    });
                    if let Some(added) = added {
                        self.notes.push(format!(
                            "column `{table}.{old}` is dropped and `{table}.{new}` added with the \
                             same type: if it is a rename, replace both with \
                             `Step::RenameColumn {{ table: \"{table}\", from: \"{old}\", to: \
                             \"{new}\" }}` (and the reverse in `down`), or its values are lost",
                            table = after.name,
                            old = column.name,
                            new = added.name
                        ));
                    }
                }
                self.emit(Step::DropColumn {
                    table: before.name,
                    column: column.name,
                    if_exists: false,
                });
            }
        }
    }

    fn alter_and_add_columns(&mut self, kept: &[(&TableState, &TableState)]) {
        for (_, after) in kept {
            for column in &after.columns {
                let current = self
                    .cur
                    .table(after.name)
                    .and_then(|t| t.column(column.name))
                    .copied();
                match current {
                    Some(current) => self.alter_column(after.name, &current, column),
                    None => {
                        if !column.nullable && column.default.is_none() {
                            self.notes.push(format!(
                                "adding `{}.{}` (NOT NULL, no default) fails if `{}` has rows: \
                                 give it a default, or add it NULL-able, fill it (`Step::Sql`) \
                                 and then make it NOT NULL",
                                after.name, column.name, after.name
                            ));
                        }
                        self.emit(Step::AddColumn {
                            table: after.name,
                            column: *column,
                        });
                    }
                }
            }
        }
    }

    /// Type first (dropping a default that will change, which the new type might not accept),
    /// then the default, then NOT NULL (which needs every row to have a value).
    fn alter_column(&mut self, table: &'static str, current: &ColumnDef, target: &ColumnDef) {
        let alter = |change| Step::AlterColumn {
            table,
            column: target.name,
            change,
        };
        let mut default = current.default;
        if current.sql_type != target.sql_type {
            if default.is_some() && default != target.default {
                self.emit(alter(ColumnChange::SetDefault(None)));
                default = None;
            }
            self.emit(alter(ColumnChange::SetType(target.sql_type)));
        }
        if default != target.default {
            self.emit(alter(ColumnChange::SetDefault(target.default)));
        }
        if current.nullable != target.nullable {
            if !target.nullable {
                self.notes.push(format!(
                    "making `{table}.{}` NOT NULL fails if it holds NULLs: fill them first \
                     (`Step::Sql`)",
                    target.name
                ));
            }
            self.emit(alter(ColumnChange::SetNullable(target.nullable)));
        }
    }
}
