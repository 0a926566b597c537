//! The data-loss guard: before the first statement of an `upgrade` or `downgrade`, every step
//! of the range that drops a table or a column, narrows a type or takes labels from an enum
//! type is weighed against the live database, and the run is refused, naming what it would
//! destroy, when any of it holds data the revision does not say it accepts to lose
//! ([`Step::AcceptDataLoss`]) and the caller did not allow it (`Options::allow_data_loss`).

use super::error::{db, MigrateError};
use super::Revision;
use crate::db::Conn;
use crate::dialect::ddl::table_ident;
use crate::dialect::Dialect;
use crate::model::{ColumnChange, SchemaState, SqlType, Step};

/// What one step would destroy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// The revision.
    pub revision: String,
    /// The table.
    pub table: String,
    /// The column, or `None` for the whole table.
    pub column: Option<String>,
    /// Rows (of a table) or non-NULL values (of a column) that would go.
    pub rows: i64,
}

impl std::fmt::Display for Loss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(
                f,
                "revision {} destroys {}.{c} ({} non-NULL value(s))",
                self.revision, self.table, self.rows
            ),
            None => write!(
                f,
                "revision {} drops table {} ({} row(s))",
                self.revision, self.table, self.rows
            ),
        }
    }
}

/// One revision of the range, the steps it runs, and the schema before it.
pub(super) struct Planned<'a> {
    pub(super) revision: &'static Revision,
    pub(super) steps: &'static [Step],
    pub(super) before: &'a SchemaState,
}

/// The `(table, column, count query)` each destructive step of `steps` weighs; a column of
/// `None` is the whole table.
pub(super) fn weighed(
    steps: &[Step],
    before: &SchemaState,
    d: Dialect,
) -> Vec<(String, Option<String>, String)> {
    let mut out = Vec::new();
    let count = |table: &str, filter: &str| {
        let schema = before.table(table).and_then(|t| t.schema);
        format!(
            "SELECT COUNT(*) FROM {}{filter}",
            table_ident(schema, table, d)
        )
    };
    for step in steps.iter().filter(|s| s.is_destructive()) {
        match *step.plain() {
            Step::DropTable { table } if before.table(table).is_some() => {
                out.push((table.to_owned(), None, count(table, "")));
            }
            Step::AlterColumn {
                table,
                column,
                change: ColumnChange::SetType(to),
            } if !may_lose_values(before, table, column, to, d) => {}
            Step::DropColumn { table, column, .. }
            | Step::AlterColumn {
                table,
                column,
                change: ColumnChange::SetType(_),
            } if before.table(table).and_then(|t| t.column(column)).is_some() => {
                let filter = format!(" WHERE {} IS NOT NULL", d.quote(column));
                out.push((
                    table.to_owned(),
                    Some(column.to_owned()),
                    count(table, &filter),
                ));
            }
            Step::AlterEnum { from, to } => {
                let gone: Vec<String> = from
                    .values
                    .iter()
                    .filter(|v| !to.values.contains(v))
                    .map(|v| d.string_literal(v))
                    .collect();
                for t in &before.tables {
                    for c in t
                        .columns
                        .iter()
                        .filter(|c| matches!(c.sql_type, SqlType::Enum(e) if e.name == from.name))
                    {
                        let filter = format!(" WHERE {} IN ({})", d.quote(c.name), gone.join(", "));
                        out.push((
                            t.name.to_owned(),
                            Some(c.name.to_owned()),
                            count(t.name, &filter),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether changing `table.column` to `to` may lose values: not when the type widens, nor
/// when text gets shorter (the pre-checks refuse that when values are longer, since the
/// statement would fail), nor for a column the range adds.
fn may_lose_values(
    before: &SchemaState,
    table: &str,
    column: &str,
    to: SqlType,
    d: Dialect,
) -> bool {
    let Some(from) = before.table(table).and_then(|t| t.column(column)) else {
        return false;
    };
    let text_to_text = d.text_limit(from.sql_type).is_some() && d.text_limit(to).is_some();
    d.narrows(from.sql_type, to) && !text_to_text
}

/// Whether `steps` accept the loss of `table` (or its `column`).
pub(super) fn accepted(steps: &[Step], table: &str, column: Option<&str>) -> bool {
    steps.iter().any(|s| match *s {
        Step::AcceptDataLoss {
            table: t,
            column: c,
        } => t == table && (c.is_none() || c == column),
        _ => false,
    })
}

/// Refuses, before anything runs, a range whose steps would destroy data nobody accepted.
/// Only what exists when the range starts is weighed (a table the range creates has no rows
/// yet).
pub(super) async fn guard(
    conn: &mut Conn,
    plan: &[Planned<'_>],
    start: &SchemaState,
) -> Result<(), MigrateError> {
    let d = conn.dialect();
    let mut losses = Vec::new();
    for p in plan {
        for (table, column, sql) in weighed(p.steps, p.before, d) {
            let existed = start
                .table(&table)
                .is_some_and(|t| column.as_deref().is_none_or(|c| t.column(c).is_some()));
            if !existed || accepted(p.steps, &table, column.as_deref()) {
                continue;
            }
            let rows = conn
                .scalar(&sql)
                .await
                .map_err(db(format!(
                    "counting what revision {} would destroy",
                    p.revision.id
                )))?
                .unwrap_or(0);
            if rows > 0 {
                losses.push(Loss {
                    revision: p.revision.id.to_owned(),
                    table,
                    column,
                    rows,
                });
            }
        }
    }
    if losses.is_empty() {
        Ok(())
    } else {
        Err(MigrateError::DataLoss { losses })
    }
}
