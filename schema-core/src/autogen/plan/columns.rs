//! Columns of the tables both sides have: dropped, added and altered.

use super::same_type;
use crate::model::{ColumnChange, ColumnDef, Step, TableState};

impl super::Planner<'_> {
    pub(super) fn drop_columns(&mut self, kept: &[(&TableState, &TableState)]) {
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

    pub(super) fn alter_and_add_columns(&mut self, kept: &[(&TableState, &TableState)]) {
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
    /// then the default, then NOT NULL (which needs every row to have a value). An identity
    /// that goes, goes before a default arrives; one that comes, after the default went
    /// (PostgreSQL refuses a column with both).
    pub(super) fn alter_column(
        &mut self,
        table: &'static str,
        current: &ColumnDef,
        target: &ColumnDef,
    ) {
        let alter = |change| Step::AlterColumn {
            table,
            column: target.name,
            change,
        };
        let mut default = current.default;
        let identity_changes = current.identity != target.identity;
        if identity_changes && current.identity.is_some() {
            // Gone, or another kind (one step: PostgreSQL switches or replaces it).
            self.emit(alter(ColumnChange::SetIdentity(target.identity)));
        }
        if current.sql_type != target.sql_type {
            if default.is_some() && default != target.default {
                self.emit(alter(ColumnChange::SetDefault(None)));
                default = None;
            }
            self.emit(alter(ColumnChange::SetType(target.sql_type)));
        }
        if current.collation != target.collation {
            self.emit(alter(ColumnChange::SetCollation(target.collation)));
        }
        if default != target.default {
            self.emit(alter(ColumnChange::SetDefault(target.default)));
        }
        if identity_changes && current.identity.is_none() {
            self.emit(alter(ColumnChange::SetIdentity(target.identity)));
        }
        if current.on_update != target.on_update {
            self.emit(alter(ColumnChange::SetOnUpdate(target.on_update)));
        }
        if current.comment != target.comment {
            self.emit(alter(ColumnChange::SetComment(target.comment)));
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
