//! Pre-checks: before the first statement of an upgrade, every step that the rows already in
//! the database would make fail (or, on MariaDB, make silently fill in) is weighed against
//! them, and the run is refused, naming the table, the column and the offending rows. So a
//! dialect that commits each DDL (MySQL/MariaDB) never stops half-way on data.
//!
//! Only tables that exist when the range starts are weighed, against their rows as they are
//! then: a data migration earlier in the range that would fix them is not foreseen (run it in
//! a revision of its own first).

use super::error::{db, MigrateError};
use crate::db::Conn;
use crate::dialect::ddl::table_ident;
use crate::dialect::Dialect;
use crate::model::{ColumnChange, SchemaState, SqlType, Step};

use super::data_loss::Planned;

/// One query per step that rows could break, with what it means when it counts any.
fn queries(step: &Step, before: &SchemaState, d: Dialect) -> Vec<(String, String)> {
    let table_sql = |t: &str| table_ident(before.table(t).and_then(|t| t.schema), t, d);
    let q = |c: &str| d.quote(c);
    let not_null = |cols: &[&str]| {
        cols.iter()
            .map(|c| format!("{} IS NOT NULL", q(c)))
            .collect::<Vec<_>>()
            .join(" AND ")
    };
    match *step {
        Step::AddColumn { table, column }
            if !column.nullable && column.default.is_none() && column.identity.is_none() =>
        {
            vec![(
                format!("SELECT COUNT(*) FROM {}", table_sql(table)),
                format!(
                    "adds the NOT NULL column {table}.{} without a default, and {table} has rows \
                     (MariaDB would fill them with 0 or ''; give the column a default, or fill \
                     it in a revision of its own)",
                    column.name
                ),
            )]
        }
        Step::AlterColumn {
            table,
            column,
            change: ColumnChange::SetNullable(false),
        } => vec![(
            format!(
                "SELECT COUNT(*) FROM {} WHERE {} IS NULL",
                table_sql(table),
                q(column)
            ),
            format!("makes {table}.{column} NOT NULL, and rows hold NULL there"),
        )],
        Step::AlterColumn {
            table,
            column,
            change: ColumnChange::SetType(to),
        } => match (shorter_text(before, table, column, to, d), d.text_limit(to)) {
            (true, Some(Some(limit))) => vec![(
                format!(
                    "SELECT COUNT(*) FROM {} WHERE {} > {limit}",
                    table_sql(table),
                    d.char_length(&q(column))
                ),
                format!(
                    "narrows {table}.{column} to {limit} characters, and values are longer \
                     (shorten them in a revision of its own, or keep the length)"
                ),
            )],
            _ => Vec::new(),
        },
        Step::AddUnique { table, unique } => {
            duplicates(&table_sql(table), table, unique.columns, d, &not_null)
        }
        Step::CreateIndex { table, index }
            if index.unique && index.expr.is_none() && index.predicate.is_none() =>
        {
            duplicates(&table_sql(table), table, index.columns, d, &not_null)
        }
        Step::AddForeignKey {
            table,
            foreign_key: f,
        } => {
            let matches: Vec<String> = f
                .columns
                .iter()
                .zip(f.ref_columns)
                .map(|(c, r)| format!("r.{} = c.{}", q(r), q(c)))
                .collect();
            let present = f
                .columns
                .iter()
                .map(|c| format!("c.{} IS NOT NULL", q(c)))
                .collect::<Vec<_>>()
                .join(" AND ");
            vec![(
                format!(
                    "SELECT COUNT(*) FROM {} c WHERE {present} AND NOT EXISTS (SELECT 1 FROM {} r WHERE {})",
                    table_sql(table),
                    table_ident(f.ref_schema, f.ref_table, d),
                    matches.join(" AND ")
                ),
                format!(
                    "adds the foreign key {table}({}) -> {}, and rows reference none",
                    f.columns.join(", "),
                    f.ref_table
                ),
            )]
        }
        Step::AddCheck { table, check } => match check.expr.for_dialect(d) {
            Some(expr) => vec![(
                format!(
                    "SELECT COUNT(*) FROM {} WHERE NOT ({expr})",
                    table_sql(table)
                ),
                format!(
                    "adds the check {} on {table}, and rows violate it",
                    check.name
                ),
            )],
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Whether `table.column` is text that changing to `to` makes shorter.
fn shorter_text(before: &SchemaState, table: &str, column: &str, to: SqlType, d: Dialect) -> bool {
    before
        .table(table)
        .and_then(|t| t.column(column))
        .is_some_and(|c| d.text_limit(c.sql_type).is_some() && d.narrows(c.sql_type, to))
}

fn duplicates(
    table_sql: &str,
    table: &str,
    columns: &[&str],
    d: Dialect,
    not_null: &dyn Fn(&[&str]) -> String,
) -> Vec<(String, String)> {
    let cols = d.quote_list(columns);
    vec![(
        format!(
            "SELECT COUNT(*) FROM (SELECT {cols} FROM {table_sql} WHERE {} GROUP BY {cols} \
             HAVING COUNT(*) > 1) duplicated",
            not_null(columns)
        ),
        format!(
            "makes ({}) unique on {table}, and values there repeat",
            columns.join(", ")
        ),
    )]
}

/// Refuses, before anything runs, a range whose steps the rows in the database would break.
pub(super) async fn pre_check(
    conn: &mut Conn,
    plan: &[Planned<'_>],
    start: &SchemaState,
) -> Result<(), MigrateError> {
    let d = conn.dialect();
    let mut refusals = Vec::new();
    for p in plan {
        for step in p.steps.iter().map(Step::plain) {
            let table = match *step {
                Step::AddColumn { table, .. }
                | Step::AlterColumn { table, .. }
                | Step::AddUnique { table, .. }
                | Step::CreateIndex { table, .. }
                | Step::AddForeignKey { table, .. }
                | Step::AddCheck { table, .. } => table,
                _ => continue,
            };
            let Some(existing) = start.table(table) else {
                continue;
            };
            // Columns the range adds hold no values yet: nothing to weigh on them.
            let columns: &[&str] = match step {
                Step::AlterColumn { column, .. } => std::slice::from_ref(column),
                Step::AddUnique { unique, .. } => unique.columns,
                Step::CreateIndex { index, .. } => index.columns,
                Step::AddForeignKey { foreign_key, .. } => foreign_key.columns,
                _ => &[],
            };
            if columns.iter().any(|c| existing.column(c).is_none()) {
                continue;
            }
            for (sql, what) in queries(step, p.before, d) {
                let counted = conn.scalar(&sql).await;
                let rows = match (step, counted) {
                    // A CHECK may name columns the range adds: it cannot be weighed now.
                    (Step::AddCheck { .. }, Err(_)) => continue,
                    (_, counted) => counted
                        .map_err(db(format!("checking revision {}'s rows", p.revision.id)))?
                        .unwrap_or(0),
                };
                if rows > 0 {
                    refusals.push(format!("revision {} {what} ({rows} row(s))", p.revision.id));
                }
            }
        }
    }
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(MigrateError::PreCheck { refusals })
    }
}
