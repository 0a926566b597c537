//! Enum types: created, dropped, and their labels changed.

use crate::model::{DefaultValue, EnumDef, Step};

impl super::Planner<'_> {
    pub(super) fn create_enums(&mut self) {
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

    pub(super) fn drop_enums(&mut self) {
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

    pub(super) fn alter_enums(&mut self) {
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
    pub(super) fn note_new_labels_in_use(&mut self, from: &EnumDef, to: &EnumDef) {
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
}
