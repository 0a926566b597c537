//! The `const` names a generated revision gives the tables and enum types its steps use.

use std::collections::BTreeSet;

use crate::model::{ColumnChange, EnumDef, SqlType, Step, TableDef};

/// The `const` names of the tables and enum types the steps use.
#[derive(Default)]
pub(super) struct Names {
    /// `(const name, definition)`, in order of first use.
    pub(super) tables: Vec<(String, &'static TableDef)>,
    /// `(const name, definition)`, in order of first use.
    pub(super) enums: Vec<(String, &'static EnumDef)>,
    taken: BTreeSet<String>,
}

/// An upper-case identifier from an SQL name: `module_dashboard` -> `MODULE_DASHBOARD`.
fn const_name(sql: &str) -> String {
    let mut out: String = sql
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert_str(0, "T_");
    }
    out
}

impl Names {
    fn unique(&mut self, base: String) -> String {
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) || name == "REVISION" {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    fn table(&mut self, t: &'static TableDef) {
        if self.tables.iter().any(|(_, known)| *known == t) {
            return;
        }
        let name = self.unique(const_name(t.name));
        self.tables.push((name, t));
        for c in t.columns {
            self.sql_type(c.sql_type);
        }
    }

    /// Enum types are told apart by name and labels (as they are equal).
    fn enum_def(&mut self, e: &'static EnumDef, base: Option<String>) {
        if self.enums.iter().any(|(_, known)| *known == e) {
            return;
        }
        let name = self.unique(base.unwrap_or_else(|| const_name(e.name)));
        self.enums.push((name, e));
    }

    fn sql_type(&mut self, t: SqlType) {
        if let SqlType::Enum(e) = t {
            self.enum_def(e, None);
        }
    }

    pub(super) fn collect(&mut self, up: &[Step], down: &[Step]) {
        // An enum type altered by `up`: the type after it is `NAME`, before it `NAME_BEFORE`.
        for step in up {
            if let Step::AlterEnum { from, to } = step {
                self.enum_def(to, None);
                self.enum_def(from, Some(format!("{}_BEFORE", const_name(from.name))));
            }
        }
        for step in up.iter().chain(down).map(Step::plain) {
            match step {
                Step::CreateEnum(e) | Step::DropEnum(e) => self.enum_def(e, None),
                Step::AlterEnum { from, to } => {
                    self.enum_def(from, None);
                    self.enum_def(to, None);
                }
                Step::CreateTable(t) => self.table(t),
                Step::AddColumn { column, .. } => self.sql_type(column.sql_type),
                Step::AlterColumn {
                    change: ColumnChange::SetType(t),
                    ..
                } => self.sql_type(*t),
                _ => {}
            }
        }
    }

    pub(super) fn of_table(&self, t: &TableDef) -> Option<&str> {
        self.tables
            .iter()
            .find(|(_, known)| *known == t)
            .map(|(name, _)| name.as_str())
    }

    pub(super) fn of_enum(&self, e: &EnumDef) -> Option<&str> {
        self.enums
            .iter()
            .find(|(_, known)| *known == e)
            .map(|(name, _)| name.as_str())
    }
}
