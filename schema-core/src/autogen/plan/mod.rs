//! Planning one direction of a diff: every step is applied to the planner's current state as
//! it is planned, so each later decision sees the schema as the steps so far leave it. The
//! order of [`Planner::run`] makes the steps apply on every dialect.

mod columns;
mod enums;
mod keys;
mod tables;

use crate::model::{ForeignKeyDef, SchemaState, SqlType, Step, TableDef, TableState};

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
        checks: Box::leak(table.checks.clone().into_boxed_slice()),
        comment: table.comment,
        schema: table.schema,
        external: false,
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
pub(super) struct Planner<'a> {
    from: &'a SchemaState,
    to: &'a SchemaState,
    cur: SchemaState,
    steps: Vec<Step>,
    notes: Vec<String>,
    /// Planning `down`: rename notes are left to `up`, which has the same pairs.
    down: bool,
}

impl<'a> Planner<'a> {
    pub(super) fn new(from: &'a SchemaState, to: &'a SchemaState, down: bool) -> Planner<'a> {
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

    pub(super) fn run(mut self) -> (Vec<Step>, Vec<String>) {
        let kept = self.kept();
        self.primary_keys(&kept);
        self.create_enums();
        self.drop_foreign_keys(&kept);
        self.drop_indexes(&kept);
        self.drop_uniques(&kept);
        self.drop_checks(&kept);
        self.drop_tables();
        self.drop_schemas();
        self.drop_columns(&kept);
        self.alter_enums();
        self.alter_and_add_columns(&kept);
        self.drop_enums();
        self.add_uniques(&kept);
        self.add_checks(&kept);
        self.table_comments(&kept);
        self.create_schemas();
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
}
