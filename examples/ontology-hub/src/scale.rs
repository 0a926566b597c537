//! The ontology hub copied K times, every table, index, constraint and enum name prefixed
//! per copy (`c7_dashboards`): the workload of the benchmarks and of the lock-table test.
//!
//! Revisions are `'static` data, so the copies are leaked: this is for benchmarks and tests,
//! which build a handful of chains per process.

use std::collections::HashSet;

use schema_core::migrate::{Object, RawSql, Revision, Step};
use schema_core::{CheckDef, EnumDef, ForeignKeyDef, IndexDef, SqlType, TableDef, UniqueDef};

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_slice<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

/// Renames every schema-level name (not columns) with one prefix.
struct Prefixer {
    prefix: String,
    names: HashSet<&'static str>,
}

impl Prefixer {
    fn name(&self, name: &str) -> &'static str {
        leak(format!("{}{name}", self.prefix))
    }

    fn enum_def(&self, e: &EnumDef) -> &'static EnumDef {
        Box::leak(Box::new(EnumDef {
            name: self.name(e.name),
            ..*e
        }))
    }

    fn sql_type(&self, t: SqlType) -> SqlType {
        match t {
            SqlType::Enum(e) => SqlType::Enum(self.enum_def(e)),
            other => other,
        }
    }

    fn table(&self, t: &TableDef) -> &'static TableDef {
        let columns = t
            .columns
            .iter()
            .map(|c| schema_core::ColumnDef {
                sql_type: self.sql_type(c.sql_type),
                ..*c
            })
            .collect();
        let mut primary_key = t.primary_key;
        primary_key.name = self.name(primary_key.name);
        Box::leak(Box::new(TableDef {
            name: self.name(t.name),
            rust_name: t.rust_name,
            columns: leak_slice(columns),
            primary_key,
            uniques: leak_slice(t.uniques.iter().map(|u| self.unique(u)).collect()),
            indexes: leak_slice(t.indexes.iter().map(|i| self.index(i)).collect()),
            foreign_keys: leak_slice(t.foreign_keys.iter().map(|f| self.foreign_key(f)).collect()),
            checks: leak_slice(t.checks.iter().map(|c| self.check(c)).collect()),
            ..*t
        }))
    }

    fn check(&self, c: &CheckDef) -> CheckDef {
        CheckDef {
            name: self.name(c.name),
            ..*c
        }
    }

    fn unique(&self, u: &UniqueDef) -> UniqueDef {
        UniqueDef {
            name: self.name(u.name),
            ..*u
        }
    }

    fn index(&self, i: &IndexDef) -> IndexDef {
        IndexDef {
            name: self.name(i.name),
            ..*i
        }
    }

    fn foreign_key(&self, f: &ForeignKeyDef) -> ForeignKeyDef {
        ForeignKeyDef {
            name: self.name(f.name),
            ref_table: self.name(f.ref_table),
            ..*f
        }
    }

    /// Prefixes the identifiers in `sql` that are schema-level names, leaving string literals.
    fn sql(&self, sql: &str) -> String {
        let mut out = String::with_capacity(sql.len() + 64);
        let mut word = String::new();
        let mut in_literal = false;
        let flush = |word: &mut String, out: &mut String| {
            if self.names.contains(word.as_str()) {
                out.push_str(&self.prefix);
            }
            out.push_str(word);
            word.clear();
        };
        for c in sql.chars() {
            if in_literal {
                out.push(c);
                in_literal = c != '\'';
            } else if c.is_ascii_alphanumeric() || c == '_' {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
                in_literal = c == '\'';
            }
        }
        flush(&mut word, &mut out);
        out
    }

    fn raw(&self, raw: &RawSql) -> RawSql {
        let map = |s: Option<&'static str>| s.map(|s| leak(self.sql(s)));
        // The objects it declares are renamed with its SQL.
        let objects = |list: &[Object]| -> &'static [Object] {
            leak_slice(
                list.iter()
                    .map(|o| Object {
                        name: self.name(o.name),
                        table: o.table.map(|t| self.name(t)),
                        ..*o
                    })
                    .collect(),
            )
        };
        RawSql {
            postgres: map(raw.postgres),
            sqlite: map(raw.sqlite),
            mysql: map(raw.mysql),
            creates: objects(raw.creates),
            drops: objects(raw.drops),
            ..*raw
        }
    }

    fn step(&self, step: &Step) -> Step {
        match *step {
            Step::Online(inner) => Step::Online(Box::leak(Box::new(self.step(inner)))),
            Step::CreateEnum(e) => Step::CreateEnum(self.enum_def(e)),
            Step::DropEnum(e) => Step::DropEnum(self.enum_def(e)),
            Step::AlterEnum { from, to } => Step::AlterEnum {
                from: self.enum_def(from),
                to: self.enum_def(to),
            },
            Step::CreateTable(t) => Step::CreateTable(self.table(t)),
            Step::DropTable { table } => Step::DropTable {
                table: self.name(table),
            },
            Step::CreateIndex { table, index } => Step::CreateIndex {
                table: self.name(table),
                index: self.index(&index),
            },
            Step::DropIndex {
                table,
                name,
                if_exists,
            } => Step::DropIndex {
                table: self.name(table),
                name: self.name(name),
                if_exists,
            },
            Step::AddColumn { table, column } => Step::AddColumn {
                table: self.name(table),
                column: schema_core::ColumnDef {
                    sql_type: self.sql_type(column.sql_type),
                    ..column
                },
            },
            Step::DropColumn {
                table,
                column,
                if_exists,
            } => Step::DropColumn {
                table: self.name(table),
                column,
                if_exists,
            },
            Step::AlterColumn {
                table,
                column,
                change,
            } => Step::AlterColumn {
                table: self.name(table),
                column,
                change,
            },
            Step::AddUnique { table, unique } => Step::AddUnique {
                table: self.name(table),
                unique: self.unique(&unique),
            },
            Step::DropUnique { table, name } => Step::DropUnique {
                table: self.name(table),
                name: self.name(name),
            },
            Step::AddForeignKey { table, foreign_key } => Step::AddForeignKey {
                table: self.name(table),
                foreign_key: self.foreign_key(&foreign_key),
            },
            Step::DropForeignKey { table, name } => Step::DropForeignKey {
                table: self.name(table),
                name: self.name(name),
            },
            Step::RenameTable { from, to } => Step::RenameTable {
                from: self.name(from),
                to: self.name(to),
            },
            Step::RenameColumn { table, from, to } => Step::RenameColumn {
                table: self.name(table),
                from,
                to,
            },
            Step::AddCheck { table, check } => Step::AddCheck {
                table: self.name(table),
                check: self.check(&check),
            },
            Step::DropCheck { table, name } => Step::DropCheck {
                table: self.name(table),
                name: self.name(name),
            },
            Step::SetTableComment { table, comment } => Step::SetTableComment {
                table: self.name(table),
                comment,
            },
            // Schemas are shared by the copies, as they are not prefixed.
            Step::CreateSchema { name } => Step::CreateSchema { name },
            Step::DropSchema { name } => Step::DropSchema { name },
            Step::Sql(raw) => Step::Sql(self.raw(&raw)),
            Step::AcceptDataLoss { table, column } => Step::AcceptDataLoss {
                table: self.name(table),
                column,
            },
            Step::Squashes { through } => Step::Squashes { through },
        }
    }
}

/// Every schema-level name the steps mention (tables, indexes, constraints, enum types, and
/// the materialized view and its index, which only raw SQL names).
fn names(revisions: &[Revision]) -> HashSet<&'static str> {
    let mut names: HashSet<&'static str> =
        ["category_property_effective", "idx_cpe_category_property"].into();
    for step in revisions.iter().flat_map(|r| r.up.iter().chain(r.down)) {
        match step {
            Step::CreateEnum(e) => {
                names.insert(e.name);
            }
            Step::CreateTable(t) => {
                names.insert(t.name);
                names.insert(t.primary_key.name);
                names.extend(t.uniques.iter().map(|u| u.name));
                names.extend(t.indexes.iter().map(|i| i.name));
                names.extend(t.foreign_keys.iter().map(|f| f.name));
            }
            Step::CreateIndex { index, .. } => {
                names.insert(index.name);
            }
            Step::AddUnique { unique, .. } => {
                names.insert(unique.name);
            }
            _ => {}
        }
    }
    names
}

/// `revisions` copied `copies` times into one chain of the same length: revision N of the
/// result holds revision N of every copy, copy `i` prefixed `c{i}_`.
pub fn scaled(revisions: &[Revision], copies: usize) -> &'static [Revision] {
    let names = names(revisions);
    let prefixers: Vec<Prefixer> = (0..copies)
        .map(|i| Prefixer {
            prefix: format!("c{i}_"),
            names: names.clone(),
        })
        .collect();
    let scaled: Vec<Revision> = revisions
        .iter()
        .map(|r| {
            let up: Vec<Step> = prefixers
                .iter()
                .flat_map(|p| r.up.iter().map(|s| p.step(s)))
                .collect();
            // Down runs in reverse copy order, mirroring up.
            let down: Vec<Step> = prefixers
                .iter()
                .rev()
                .flat_map(|p| r.down.iter().map(|s| p.step(s)))
                .collect();
            Revision {
                up: leak_slice(up),
                down: leak_slice(down),
                ..*r
            }
        })
        .collect();
    leak_slice(scaled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_sql_identifiers_are_prefixed_but_not_literals() {
        let p = Prefixer {
            prefix: "c1_".into(),
            names: ["resources", "ix_resources_label"].into(),
        };
        assert_eq!(
            p.sql("UPDATE resources SET x = 'resources' WHERE y <> ''; DROP INDEX IF EXISTS ix_resources_label"),
            "UPDATE c1_resources SET x = 'resources' WHERE y <> ''; DROP INDEX IF EXISTS c1_ix_resources_label"
        );
    }
}
