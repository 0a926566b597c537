//! Tables: dropped and created in dependency order, with rename notes; primary keys.

use super::{creation_order, leak_table};
use crate::model::{ForeignKeyDef, Step, TableState};

impl super::Planner<'_> {
    pub(super) fn primary_keys(&mut self, kept: &[(&TableState, &TableState)]) {
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

    /// A table whose comment changes.
    pub(super) fn table_comments(&mut self, kept: &[(&TableState, &TableState)]) {
        for (before, after) in kept {
            if before.comment != after.comment {
                self.emit(Step::SetTableComment {
                    table: after.name,
                    comment: after.comment,
                });
            }
        }
    }

    /// The PostgreSQL schemas the target uses and the current state lacks, before any table.
    pub(super) fn create_schemas(&mut self) {
        for name in self.to.schemas.clone() {
            if !self.cur.schemas.contains(&name) {
                self.emit(Step::CreateSchema { name });
            }
        }
    }

    /// The schemas the target no longer uses, after their tables went.
    pub(super) fn drop_schemas(&mut self) {
        for name in self.from.schemas.clone() {
            if !self.to.schemas.contains(&name) {
                self.emit(Step::DropSchema { name });
            }
        }
    }

    pub(super) fn drop_tables(&mut self) {
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

    pub(super) fn note_table_renames(&mut self, gone: &[&TableState]) {
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

    pub(super) fn create_tables(&mut self) {
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
}
