//! The dialects a schema targets, checked by `schema! { #[dialects(postgres, sqlite)] ... }` at
//! compile time: every form of every table must render on each listed dialect, or the build
//! fails with a message naming the table, the object and the dialect.
//!
//! What a dialect can create is decided once, in `dialect/caps.rs` and `dialect/index.rs`
//! ([`crate::dialect::Caps`], `IndexDef::lacking`), which rendering asks at run time; this file
//! asks the same `const fn`s, so the rules are not written twice. What is data of the table
//! (a per-dialect CHECK, collation, type or default without a variant for the dialect) is read
//! here directly.
// Const-evaluated only: the size of `Result<(), ConstMessage>` costs nothing at run time.
#![allow(clippy::result_large_err)]

use super::const_text::ConstMessage;
use crate::dialect::{Caps, PerDialect};
use crate::model::{DefaultValue, DialectText, Schema, SqlType, TableDef};
use crate::Dialect;

/// Whether every form of table `t` of `schema` renders on `dialect`; else the first one that
/// does not, named with the schema (`schema_name`), the table and the dialect.
pub const fn check_table_dialect(
    schema: &Schema,
    schema_name: &str,
    t: usize,
    dialect: Dialect,
) -> Result<(), ConstMessage> {
    let table = schema.tables[t];
    // A failed derive's stub ([`TableDef::is_stub`]): its error is already reported.
    if table.is_stub() {
        return Ok(());
    }
    match first_unsupported(table, dialect) {
        None => Ok(()),
        Some(problem) => Err(message(schema_name, table, dialect, problem)),
    }
}

/// What a dialect cannot create: the object (`index`, its name) and what about it.
struct Problem {
    kind: &'static str,
    name: &'static str,
    what: &'static str,
}

const fn problem(kind: &'static str, name: &'static str, what: &'static str) -> Option<Problem> {
    Some(Problem { kind, name, what })
}

/// The first form of `table` that `dialect` cannot create, in the order `CREATE TABLE` renders
/// them: the table's schema, its columns, keys, foreign keys, CHECKs, then its indexes.
const fn first_unsupported(table: &TableDef, dialect: Dialect) -> Option<Problem> {
    let caps = Caps::of(dialect);
    if let (Some(schema), false) = (table.schema, caps.schemas) {
        // "has its table in PostgreSQL schema `billing`, which sqlite cannot create"
        return problem("its table in PostgreSQL schema", schema, "");
    }
    let mut i = 0;
    while i < table.columns.len() {
        let column = &table.columns[i];
        if let SqlType::Custom(text) = column.sql_type {
            if text_for(text, dialect).is_none() {
                return problem(
                    "column",
                    column.name,
                    "a `sql_type(...)` without a variant for it",
                );
            }
        }
        if let Some(DefaultValue::PerDialect(text)) = column.default {
            if text_for(text, dialect).is_none() {
                return problem(
                    "column",
                    column.name,
                    "a `default(...)` without a variant for it",
                );
            }
        }
        if let Some(collation) = &column.collation {
            if text_for(collation, dialect).is_none() {
                return problem(
                    "column",
                    column.name,
                    "a `collation(...)` without a variant for it",
                );
            }
        }
        i += 1;
    }
    let mut i = 0;
    while i < table.uniques.len() {
        if let Some(what) = table.uniques[i].lacking(caps) {
            return problem("unique constraint", table.uniques[i].name, what);
        }
        i += 1;
    }
    let mut i = 0;
    while i < table.foreign_keys.len() {
        let fk = &table.foreign_keys[i];
        if let (Some(_), false) = (fk.ref_schema, caps.schemas) {
            return problem("foreign key", fk.name, "a target in a PostgreSQL schema");
        }
        i += 1;
    }
    let mut i = 0;
    while i < table.checks.len() {
        if text_for(&table.checks[i].expr, dialect).is_none() {
            return problem(
                "check",
                table.checks[i].name,
                "an `expr(...)` without a variant for it",
            );
        }
        i += 1;
    }
    let mut i = 0;
    while i < table.indexes.len() {
        if let Some(what) = table.indexes[i].lacking(caps) {
            return problem("index", table.indexes[i].name, what);
        }
        i += 1;
    }
    None
}

/// The text of `text` for `dialect`: `DialectText::for_dialect`, in a const context (through
/// the dialects' own `PerDialect` table, so nothing here matches on a dialect).
const fn text_for(text: &DialectText, dialect: Dialect) -> Option<&'static str> {
    *PerDialect {
        postgres: text.postgres,
        sqlite: text.sqlite,
        mysql: text.mysql,
    }
    .get(dialect)
}

/// `` schema `APP` targets sqlite, but `Message` (table `messages`) has index `ix` with a
/// partial index (`where`), which sqlite cannot create: ... ``.
const fn message(
    schema_name: &str,
    table: &TableDef,
    dialect: Dialect,
    problem: Problem,
) -> ConstMessage {
    let name = dialect.name();
    ConstMessage::new()
        .push("schema `")
        .push(schema_name)
        .push("` targets ")
        .push(name)
        .push(", but `")
        .push(table.rust_name)
        .push("` (table `")
        .push(table.name)
        .push("`) has ")
        .push(problem.kind)
        .push(" `")
        .push(problem.name)
        .push(if problem.what.is_empty() {
            "`"
        } else {
            "` with "
        })
        .push(problem.what)
        .push(", which ")
        .push(name)
        .push(" cannot create: leave ")
        .push(name)
        .push(" out of `#[dialects(...)]`, or change the ")
        .push(if problem.what.is_empty() {
            "table's `#[table(schema = ...)]`"
        } else {
            problem.kind
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckDef, ColumnDef, IndexDef, IndexMethod, PrimaryKeyDef, UniqueDef};

    const ID: [ColumnDef; 1] = [ColumnDef::new("id", SqlType::Integer)];

    const fn table(name: &'static str) -> TableDef {
        TableDef::new(
            name,
            "T",
            &ID,
            PrimaryKeyDef {
                name: "t_pkey",
                columns: &["id"],
            },
        )
    }

    fn error(table: &'static TableDef, dialect: Dialect) -> Option<String> {
        let tables: &'static [&'static TableDef] = Box::leak(Box::new([table]));
        check_table_dialect(&Schema::new(tables), "APP", 0, dialect)
            .err()
            .map(|message| message.as_str().to_owned())
    }

    #[test]
    fn a_partial_index_is_refused_on_mysql_only() {
        const T: TableDef = TableDef {
            indexes: &[IndexDef {
                predicate: Some("id > 0"),
                ..IndexDef::new("ix_t_id", &["id"])
            }],
            ..table("t")
        };
        assert_eq!(error(&T, Dialect::Postgres), None);
        assert_eq!(error(&T, Dialect::Sqlite), None);
        assert_eq!(
            error(&T, Dialect::MySql).as_deref(),
            Some("schema `APP` targets mysql, but `T` (table `t`) has index `ix_t_id` with a partial index (`where`), which mysql cannot create: leave mysql out of `#[dialects(...)]`, or change the index")
        );
    }

    #[test]
    fn each_form_is_asked_of_the_dialect() {
        const GIN: TableDef = TableDef {
            indexes: &[IndexDef {
                method: IndexMethod::Gin,
                ..IndexDef::new("ix_t_id", &["id"])
            }],
            ..table("t")
        };
        assert!(error(&GIN, Dialect::Sqlite).is_some_and(|m| m.contains("`method`")));
        const NULLS: TableDef = TableDef {
            uniques: &[UniqueDef {
                nulls_not_distinct: true,
                ..UniqueDef::new("t_id_key", &["id"])
            }],
            ..table("t")
        };
        assert!(error(&NULLS, Dialect::Sqlite)
            .is_some_and(|m| m.contains("unique constraint `t_id_key`")));
        const CHECK: TableDef = TableDef {
            checks: &[CheckDef {
                name: "t_id",
                expr: DialectText {
                    postgres: Some("id > 0"),
                    sqlite: None,
                    mysql: None,
                },
            }],
            ..table("t")
        };
        assert!(error(&CHECK, Dialect::Sqlite).is_some_and(|m| m.contains("check `t_id`")));
        assert_eq!(error(&CHECK, Dialect::Postgres), None);
        const IN_SCHEMA: TableDef = TableDef {
            schema: Some("billing"),
            ..table("t")
        };
        assert!(error(&IN_SCHEMA, Dialect::MySql).is_some_and(|m| m.contains(
            "has its table in PostgreSQL schema `billing`, which mysql cannot create: leave mysql out of `#[dialects(...)]`, or change the table's `#[table(schema = ...)]`"
        )));
        const COLLATED: [ColumnDef; 1] = [ColumnDef {
            collation: Some(DialectText {
                postgres: Some("C"),
                sqlite: None,
                mysql: None,
            }),
            ..ColumnDef::new("id", SqlType::Text)
        }];
        const COLLATION: TableDef = TableDef {
            columns: &COLLATED,
            ..table("t")
        };
        assert!(error(&COLLATION, Dialect::Sqlite)
            .is_some_and(|m| m.contains("column `id` with a `collation(...)`")));
        const EXPR: TableDef = TableDef {
            indexes: &[IndexDef {
                expr: Some("lower(x)"),
                ..IndexDef::new("ix_t_lower", &[])
            }],
            ..table("t")
        };
        assert!(error(&EXPR, Dialect::MySql).is_some_and(|m| m.contains("an expression index")));
        assert_eq!(error(&EXPR, Dialect::Sqlite), None);
    }

    /// The compile-time answer is the run-time one: what the check lets through renders.
    #[test]
    fn agrees_with_rendering() {
        const T: TableDef = TableDef {
            indexes: &[IndexDef {
                include: &["id"],
                ..IndexDef::new("ix_t_id", &["id"])
            }],
            ..table("t")
        };
        for dialect in Dialect::ALL {
            let rendered = crate::dialect::ddl::create_table(&T, dialect).is_ok();
            assert_eq!(error(&T, dialect).is_none(), rendered, "{dialect:?}");
        }
    }
}
