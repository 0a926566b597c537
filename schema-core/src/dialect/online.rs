//! The online forms of steps ([`Step::Online`]) on PostgreSQL: built so that writes to the
//! table go on meanwhile. Each runs outside a transaction, one statement at a time, and says
//! what a failed attempt leaves behind, so the runner can take it away before the retry.

use super::render::{RenderError, RenderErrorKind, Rendered, StepContext};
use super::{ddl, index};
use crate::model::{ColumnChange, ColumnDef, DefaultValue, Step};

/// `inner` in its online form on PostgreSQL.
pub(super) fn postgres(
    cx: &StepContext<'_>,
    inner: &'static Step,
) -> Result<Rendered, RenderError> {
    let d = cx.dialect;
    let inner_cx = StepContext { step: inner, ..*cx };
    let fail = |kind: RenderErrorKind| inner_cx.fail(kind);
    let q = |ident: &str| d.quote(ident);
    let drop_index = |table: &str, name: &str| {
        format!(
            "DROP INDEX CONCURRENTLY IF EXISTS {}",
            ddl::table_ident(cx.schema_of(table), name, d)
        )
    };
    let drop_constraint = |table: &str, name: &str| {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
            cx.table_sql(table),
            q(name)
        )
    };
    let validated = |table: &str, clause: String, name: &str| {
        let t = cx.table_sql(table);
        vec![
            format!("ALTER TABLE {t} ADD {clause} NOT VALID"),
            format!("ALTER TABLE {t} VALIDATE CONSTRAINT {}", q(name)),
        ]
    };
    let (statements, leftovers) = match *inner {
        Step::CreateIndex { table, index } => {
            let sql = index::index_sql(cx.schema_of(table), table, &index, d).map_err(fail)?;
            // `CREATE [UNIQUE] INDEX`: the first ` INDEX ` is the keyword (names are quoted).
            let sql = sql.replacen(" INDEX ", " INDEX CONCURRENTLY ", 1);
            (vec![sql], vec![drop_index(table, index.name)])
        }
        // IF EXISTS: a retry after the drop went through but its record did not finds none.
        Step::DropIndex { table, name, .. } => (vec![drop_index(table, name)], Vec::new()),
        Step::AddForeignKey { table, foreign_key } => {
            let clause = ddl::foreign_key_sql(&foreign_key, d).map_err(fail)?;
            (
                validated(table, clause, foreign_key.name),
                vec![drop_constraint(table, foreign_key.name)],
            )
        }
        Step::AddCheck { table, check } => {
            let clause = ddl::check_clause(table, &check, d).map_err(fail)?;
            (
                validated(table, clause, check.name),
                vec![drop_constraint(table, check.name)],
            )
        }
        Step::AddUnique { table, unique } => {
            let nulls = if unique.nulls_not_distinct {
                " NULLS NOT DISTINCT"
            } else {
                ""
            };
            let t = cx.table_sql(table);
            let build = format!(
                "CREATE UNIQUE INDEX CONCURRENTLY {} ON {t} ({}){nulls}",
                q(unique.name),
                d.quote_list(unique.columns)
            );
            let adopt = format!(
                "ALTER TABLE {t} ADD CONSTRAINT {} UNIQUE USING INDEX {}",
                q(unique.name),
                q(unique.name)
            );
            (
                vec![build, adopt],
                vec![
                    drop_constraint(table, unique.name),
                    drop_index(table, unique.name),
                ],
            )
        }
        Step::AlterColumn {
            table,
            column,
            change: ColumnChange::SetNullable(false),
        } => {
            let check = not_null_check_name(table, column);
            let t = cx.table_sql(table);
            let clause = format!("CONSTRAINT {} CHECK ({} IS NOT NULL)", q(&check), q(column));
            let mut statements = validated(table, clause, &check);
            // PostgreSQL 12+ trusts the valid check and skips the scan.
            statements.push(format!(
                "ALTER TABLE {t} ALTER COLUMN {} SET NOT NULL",
                q(column)
            ));
            statements.push(drop_constraint(table, &check));
            (statements, vec![drop_constraint(table, &check)])
        }
        // PostgreSQL 11+ adds a column without rewriting the table when its default is a
        // constant: the plain form is already online.
        Step::AddColumn { column, .. } if constant_default(&column) => {
            return super::render::render_step(inner, d, cx.before);
        }
        _ => {
            return Err(fail(RenderErrorKind::Unsupported(format!(
                "{} has no online form (online forms: create or drop an index, add a foreign \
                 key, a check or a unique constraint, set NOT NULL, add a column whose default \
                 is a constant)",
                inner.describe()
            ))))
        }
    };
    Ok(Rendered {
        statements,
        outside_transaction: true,
        leftovers,
        ..Rendered::default()
    })
}

/// Whether `column`'s default is none or a constant, which PostgreSQL stores without
/// rewriting the table.
fn constant_default(column: &ColumnDef) -> bool {
    matches!(
        column.default,
        None | Some(
            DefaultValue::Null
                | DefaultValue::Bool(_)
                | DefaultValue::Int(_)
                | DefaultValue::Number(_)
                | DefaultValue::Text(_)
        )
    ) && column.identity.is_none()
}

/// `{table}_{column}_not_null`, cut to PostgreSQL's 63 bytes at a character boundary.
fn not_null_check_name(table: &str, column: &str) -> String {
    let mut name = format!("{table}_{column}_not_null");
    while name.len() > 63 {
        name.pop();
    }
    name
}
