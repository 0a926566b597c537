//! Drift: what differs between a schema as the code declares it and as a database (or the
//! migration chain) has it, one readable line per difference.
//!
//! Three checks share this report: [`check`] (a live database against the models),
//! [`check_chain`] (the migration chain replayed offline against the models: no database at
//! all), and the runner's `upgrade --verify` (a live database against the chain).

use std::fmt;

use crate::introspect::{self, expected, IntrospectError, LiveSchema, LiveTable};
use crate::migrate::state::SchemaState;
use crate::migrate::{Chain, ChainError, Revision};
use crate::model::ReferentialAction;
use crate::{Dialect, Schema};

/// One difference: what (`module_dashboard.dashboard_id`) and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The table, column, index or constraint.
    pub subject: String,
    /// How the two sides differ (`on_delete is NO ACTION in the database, RESTRICT in the model`).
    pub detail: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject, self.detail)
    }
}

/// Why a check could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// Reading the database failed.
    #[error(transparent)]
    Introspect(#[from] IntrospectError),
    /// The chain is broken.
    #[error("broken migration chain: {0}")]
    Chain(#[from] ChainError),
    /// The chain's steps do not replay.
    #[error("revision {revision}: {reason}")]
    Replay {
        /// The revision.
        revision: String,
        /// Why.
        reason: String,
    },
}

/// How the two sides are named in messages.
#[derive(Debug, Clone, Copy)]
pub struct Sides {
    /// The side read from a database or replayed (`the database`, `the migrations`).
    pub actual: &'static str,
    /// The side declared (`the model`).
    pub expected: &'static str,
}

/// The live database against the model.
pub const DATABASE_VS_MODEL: Sides = Sides {
    actual: "the database",
    expected: "the model",
};
/// The replayed chain against the model.
pub const MIGRATIONS_VS_MODEL: Sides = Sides {
    actual: "the migrations",
    expected: "the model",
};
/// The live database against the chain.
pub const DATABASE_VS_MIGRATIONS: Sides = Sides {
    actual: "the database",
    expected: "the migrations",
};

fn list(columns: &[String]) -> String {
    columns.join(", ")
}

fn action(a: ReferentialAction) -> &'static str {
    a.sql()
}

/// Every difference between `expected` and `actual`, sorted by subject.
pub fn compare(expected: &LiveSchema, actual: &LiveSchema, sides: Sides) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut push = |subject: String, detail: String| out.push(Difference { subject, detail });
    let (a, e) = (sides.actual, sides.expected);
    for table in &expected.tables {
        match actual.table(&table.name) {
            None => push(
                format!("table {}", table.name),
                format!("in {e}, missing in {a}"),
            ),
            Some(live) => compare_table(table, live, sides, &mut push),
        }
    }
    for table in &actual.tables {
        if expected.table(&table.name).is_none() {
            push(
                format!("table {}", table.name),
                format!("in {a}, not in {e}"),
            );
        }
    }
    for en in &expected.enums {
        match actual.enums.iter().find(|x| x.name == en.name) {
            None => push(
                format!("enum type {}", en.name),
                format!("in {e}, missing in {a}"),
            ),
            Some(live) if live.values != en.values => push(
                format!("enum type {}", en.name),
                format!(
                    "labels are ({}) in {a}, ({}) in {e}",
                    live.values.join(", "),
                    en.values.join(", ")
                ),
            ),
            Some(_) => {}
        }
    }
    for en in &actual.enums {
        if !expected.enums.iter().any(|x| x.name == en.name) {
            push(
                format!("enum type {}", en.name),
                format!("in {a}, not in {e}"),
            );
        }
    }
    out
}

fn compare_table(
    model: &LiveTable,
    live: &LiveTable,
    sides: Sides,
    push: &mut impl FnMut(String, String),
) {
    let (a, e) = (sides.actual, sides.expected);
    let t = &model.name;
    for column in &model.columns {
        let subject = format!("{t}.{}", column.name);
        let Some(lc) = live.columns.iter().find(|c| c.name == column.name) else {
            push(subject, format!("column in {e}, missing in {a}"));
            continue;
        };
        if lc.sql_type != column.sql_type {
            push(
                subject.clone(),
                format!("type is {} in {a}, {} in {e}", lc.sql_type, column.sql_type),
            );
        }
        if lc.nullable != column.nullable {
            let word = |n: bool| if n { "NULL-able" } else { "NOT NULL" };
            push(
                subject.clone(),
                format!(
                    "{} in {a}, {} in {e}",
                    word(lc.nullable),
                    word(column.nullable)
                ),
            );
        }
        if lc.default != column.default {
            let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
            push(
                subject,
                format!(
                    "default is {} in {a}, {} in {e}",
                    show(&lc.default),
                    show(&column.default)
                ),
            );
        }
    }
    for column in &live.columns {
        if !model.columns.iter().any(|c| c.name == column.name) {
            push(
                format!("{t}.{}", column.name),
                format!("column in {a}, not in {e}"),
            );
        }
    }
    match (&model.primary_key, &live.primary_key) {
        (Some(m), Some(l)) if m.columns != l.columns => push(
            t.clone(),
            format!(
                "primary key is ({}) in {a}, ({}) in {e}",
                list(&l.columns),
                list(&m.columns)
            ),
        ),
        (Some(m), Some(l)) => {
            if let (Some(mn), Some(ln)) = (&m.name, &l.name) {
                if mn != ln {
                    push(
                        t.clone(),
                        format!("primary key is named {ln} in {a}, {mn} in {e}"),
                    );
                }
            }
        }
        (Some(m), None) => push(
            t.clone(),
            format!("primary key ({}) in {e}, none in {a}", list(&m.columns)),
        ),
        (None, Some(l)) => push(
            t.clone(),
            format!("primary key ({}) in {a}, none in {e}", list(&l.columns)),
        ),
        (None, None) => {}
    }
    for u in &model.uniques {
        let shown = u
            .name
            .as_deref()
            .map(|n| format!("unique {n}"))
            .unwrap_or_else(|| "unique".into());
        match live.uniques.iter().find(|l| l.columns == u.columns) {
            None => push(
                t.clone(),
                format!("{shown} ({}) in {e}, missing in {a}", list(&u.columns)),
            ),
            Some(l) => {
                if let (Some(mn), Some(ln)) = (&u.name, &l.name) {
                    if mn != ln {
                        push(
                            t.clone(),
                            format!(
                                "unique ({}) is named {ln} in {a}, {mn} in {e}",
                                list(&u.columns)
                            ),
                        );
                    }
                }
            }
        }
    }
    for l in &live.uniques {
        if !model.uniques.iter().any(|u| u.columns == l.columns) {
            let shown = l
                .name
                .as_deref()
                .map(|n| format!("unique {n}"))
                .unwrap_or_else(|| "unique".into());
            push(
                t.clone(),
                format!("{shown} ({}) in {a}, not in {e}", list(&l.columns)),
            );
        }
    }
    for i in &model.indexes {
        let subject = format!("index {} on {t}", i.name);
        match live.indexes.iter().find(|l| l.name == i.name) {
            None => push(subject, format!("in {e}, missing in {a}")),
            Some(l) => {
                if l.columns != i.columns {
                    push(
                        subject.clone(),
                        format!(
                            "columns are ({}) in {a}, ({}) in {e}",
                            list(&l.columns),
                            list(&i.columns)
                        ),
                    );
                }
                if l.unique != i.unique {
                    let word = |u: bool| if u { "unique" } else { "not unique" };
                    push(
                        subject.clone(),
                        format!("{} in {a}, {} in {e}", word(l.unique), word(i.unique)),
                    );
                }
                if l.predicate.is_some() != i.predicate.is_some() {
                    push(
                        subject,
                        format!(
                            "partial ({}) in {a}, not in {e}",
                            l.predicate.clone().unwrap_or_default()
                        ),
                    );
                }
            }
        }
    }
    for l in &live.indexes {
        if !model.indexes.iter().any(|i| i.name == l.name) {
            push(
                format!("index {} on {t}", l.name),
                format!("in {a}, not in {e}"),
            );
        }
    }
    for fk in &model.foreign_keys {
        let subject = if fk.columns.len() == 1 {
            format!("{t}.{}", fk.columns[0])
        } else {
            format!("{t}.({})", list(&fk.columns))
        };
        let target = format!("{}({})", fk.ref_table, list(&fk.ref_columns));
        let found = live.foreign_keys.iter().find(|l| {
            l.columns == fk.columns
                && l.ref_table == fk.ref_table
                && l.ref_columns == fk.ref_columns
        });
        let Some(l) = found else {
            push(
                subject,
                format!("foreign key to {target} in {e}, missing in {a}"),
            );
            continue;
        };
        if l.on_delete != fk.on_delete {
            push(
                subject.clone(),
                format!(
                    "on_delete is {} in {a}, {} in {e}",
                    action(l.on_delete),
                    action(fk.on_delete)
                ),
            );
        }
        if l.on_update != fk.on_update {
            push(
                subject.clone(),
                format!(
                    "on_update is {} in {a}, {} in {e}",
                    action(l.on_update),
                    action(fk.on_update)
                ),
            );
        }
        if let (Some(mn), Some(ln)) = (&fk.name, &l.name) {
            if mn != ln {
                push(
                    subject,
                    format!("foreign key to {target} is named {ln} in {a}, {mn} in {e}"),
                );
            }
        }
    }
    for l in &live.foreign_keys {
        let declared = model.foreign_keys.iter().any(|m| {
            m.columns == l.columns && m.ref_table == l.ref_table && m.ref_columns == l.ref_columns
        });
        if !declared {
            let subject = if l.columns.len() == 1 {
                format!("{t}.{}", l.columns[0])
            } else {
                format!("{t}.({})", list(&l.columns))
            };
            push(
                subject,
                format!(
                    "foreign key to {}({}) in {a}, not in {e}",
                    l.ref_table,
                    list(&l.ref_columns)
                ),
            );
        }
    }
}

/// The live database at `url` against `schema` (the version table `ignore` left out).
pub async fn check(
    url: &str,
    schema: &Schema,
    ignore: &[&str],
) -> Result<Vec<Difference>, CheckError> {
    check_state(
        url,
        &SchemaState::from_schema(schema),
        ignore,
        DATABASE_VS_MODEL,
    )
    .await
}

/// The live database at `url` against a schema state (the models', or a replayed chain's).
pub async fn check_state(
    url: &str,
    state: &SchemaState,
    ignore: &[&str],
    sides: Sides,
) -> Result<Vec<Difference>, CheckError> {
    let dialect = Dialect::from_url(url).map_err(|e| IntrospectError::Connect(e.into()))?;
    let live = introspect::introspect(url, ignore).await?;
    Ok(compare(&expected(state, dialect), &live, sides))
}

/// The chain replayed offline (no database) against `schema`. Compared in PostgreSQL's terms,
/// the dialect that keeps the most (names, enum types).
pub fn check_chain(
    revisions: &'static [Revision],
    schema: &Schema,
) -> Result<Vec<Difference>, CheckError> {
    let chain = Chain::new(revisions)?;
    let mut state = SchemaState::default();
    for revision in chain.revisions() {
        state
            .apply_all(revision.up)
            .map_err(|e| CheckError::Replay {
                revision: revision.id.to_owned(),
                reason: e.to_string(),
            })?;
    }
    let replayed = expected(&state, Dialect::Postgres);
    let model = expected(&SchemaState::from_schema(schema), Dialect::Postgres);
    Ok(compare(&model, &replayed, MIGRATIONS_VS_MODEL))
}

/// Panics, listing every difference, unless the migration chain builds exactly what the models
/// declare. For a project's own test suite:
///
/// ```
/// # use schema_core::{migrate::Revision, Table};
/// # #[derive(Table)] pub struct Note { #[column(primary_key)] pub id: i64 }
/// # schema_core::schema! { pub const APP = [Note]; }
/// # static REVISIONS: &[Revision] = &[Revision { id: "001", parent: None, message: "notes",
/// #     up: &[schema_core::migrate::Step::CreateTable(&<Note as Table>::DEF)],
/// #     down: &[schema_core::migrate::Step::DropTable { table: "note" }] }];
/// // in a #[test] fn of the project's own suite:
/// schema_core::assert_migrations_match_models!(REVISIONS, APP);
/// ```
#[macro_export]
macro_rules! assert_migrations_match_models {
    ($revisions:expr, $schema:expr) => {
        match $crate::check::check_chain($revisions, &$schema) {
            ::core::result::Result::Ok(differences) if differences.is_empty() => {}
            ::core::result::Result::Ok(differences) => {
                let lines: ::std::vec::Vec<::std::string::String> =
                    differences.iter().map(::std::string::ToString::to_string).collect();
                ::core::panic!(
                    "the migrations do not build what the models declare ({} difference(s)); write a revision (`revision --autogenerate`):\n  {}",
                    lines.len(),
                    lines.join("\n  ")
                );
            }
            ::core::result::Result::Err(error) => ::core::panic!("cannot replay the migrations: {error}"),
        }
    };
}
