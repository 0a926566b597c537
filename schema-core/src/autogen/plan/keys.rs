//! Foreign keys, indexes and unique constraints of the tables both sides have.

use crate::model::{CheckDef, ForeignKeyDef, IndexDef, Step, TableState, UniqueDef};

impl super::Planner<'_> {
    pub(super) fn drop_foreign_keys(&mut self, kept: &[(&TableState, &TableState)]) {
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
    pub(super) fn loses_its_key(&self, fk: &ForeignKeyDef) -> bool {
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

    pub(super) fn add_foreign_keys(&mut self, kept: &[(&TableState, &TableState)]) {
        self.add_missing::<ForeignKeyDef>(kept);
    }

    pub(super) fn drop_indexes(&mut self, kept: &[(&TableState, &TableState)]) {
        self.drop_changed::<IndexDef>(kept);
    }

    pub(super) fn create_indexes(&mut self, kept: &[(&TableState, &TableState)]) {
        self.add_missing::<IndexDef>(kept);
    }

    pub(super) fn drop_uniques(&mut self, kept: &[(&TableState, &TableState)]) {
        self.drop_changed::<UniqueDef>(kept);
    }

    pub(super) fn add_uniques(&mut self, kept: &[(&TableState, &TableState)]) {
        self.add_missing::<UniqueDef>(kept);
    }

    pub(super) fn drop_checks(&mut self, kept: &[(&TableState, &TableState)]) {
        self.drop_changed::<CheckDef>(kept);
    }

    /// After the columns: a new check may name a new column.
    pub(super) fn add_checks(&mut self, kept: &[(&TableState, &TableState)]) {
        self.add_missing::<CheckDef>(kept);
    }

    /// Drops each part of a kept table that the target does not have as it is.
    fn drop_changed<P: TablePart>(&mut self, kept: &[(&TableState, &TableState)]) {
        for (before, after) in kept {
            for part in P::of(before) {
                if !P::of(after).contains(part) {
                    self.emit(part.drop_step(before.name));
                }
            }
        }
    }

    /// Adds each part of a kept table that the current state lacks.
    fn add_missing<P: TablePart>(&mut self, kept: &[(&TableState, &TableState)]) {
        for (_, after) in kept {
            for part in P::of(after) {
                let present = self
                    .cur
                    .table(after.name)
                    .is_some_and(|t| P::of(t).contains(part));
                if !present {
                    self.emit(part.add_step(after.name));
                }
            }
        }
    }
}

/// A named part of a table that steps add and drop whole: an index, a unique constraint, a
/// CHECK, a foreign key.
trait TablePart: Copy + PartialEq + 'static {
    /// The table's parts of this kind.
    fn of(table: &TableState) -> &[Self];
    /// The step that adds it to `table`.
    fn add_step(self, table: &'static str) -> Step;
    /// The step that drops it from `table`.
    fn drop_step(self, table: &'static str) -> Step;
}

impl TablePart for IndexDef {
    fn of(table: &TableState) -> &[Self] {
        &table.indexes
    }

    fn add_step(self, table: &'static str) -> Step {
        Step::CreateIndex { table, index: self }
    }

    fn drop_step(self, table: &'static str) -> Step {
        Step::DropIndex {
            table,
            name: self.name,
            if_exists: false,
        }
    }
}

impl TablePart for UniqueDef {
    fn of(table: &TableState) -> &[Self] {
        &table.uniques
    }

    fn add_step(self, table: &'static str) -> Step {
        Step::AddUnique {
            table,
            unique: self,
        }
    }

    fn drop_step(self, table: &'static str) -> Step {
        Step::DropUnique {
            table,
            name: self.name,
        }
    }
}

impl TablePart for CheckDef {
    fn of(table: &TableState) -> &[Self] {
        &table.checks
    }

    fn add_step(self, table: &'static str) -> Step {
        Step::AddCheck { table, check: self }
    }

    fn drop_step(self, table: &'static str) -> Step {
        Step::DropCheck {
            table,
            name: self.name,
        }
    }
}

impl TablePart for ForeignKeyDef {
    fn of(table: &TableState) -> &[Self] {
        &table.foreign_keys
    }

    fn add_step(self, table: &'static str) -> Step {
        Step::AddForeignKey {
            table,
            foreign_key: self,
        }
    }

    fn drop_step(self, table: &'static str) -> Step {
        Step::DropForeignKey {
            table,
            name: self.name,
        }
    }
}
