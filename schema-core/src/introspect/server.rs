//! Declared expressions normalised by the server itself. PostgreSQL stores a default as it
//! parsed it (`now() + INTERVAL '90 day'` reads back as `(now() + '90 days'::interval)`),
//! MariaDB reprints it (`concat('A', 'b')` is `concat('A','b')`), and both name a type their
//! own way (`TIMESTAMP(3)` is `timestamp(3) without time zone`): no text rule predicts every
//! rewrite, so the model's expressions and pass-through types are put into a temporary table
//! in the check's own session and read back from the server, as the live ones are (each
//! catalog says how: [`super::Catalog::scratch_read_sql`]).
//!
//! Best effort: a server that refuses the temporary table (a read-only standby, a function
//! the database lacks) leaves the model's text as the crate renders it, and the check then
//! reports the difference it sees.

use super::{catalog, LiveSchema, LiveTable};
use crate::db::Conn;
use crate::dialect::ddl::check_clause;
use crate::dialect::index_sql;
use crate::model::{ColumnDef, DefaultValue, IndexDef, SchemaState, SqlType, TableState};
use crate::Dialect;

/// The scratch table's name: the check's session is the only one that sees it.
const SCRATCH: &str = "_schema_core_normalize";

/// A column of the model whose catalog form only the server knows.
struct Declared {
    table: &'static str,
    column: &'static str,
    sql_type: String,
    default: Option<String>,
}

/// Whether the server, not a text rule, must say how `column` reads back.
fn needs_server(column: &ColumnDef) -> bool {
    let expression = matches!(
        column.default,
        Some(DefaultValue::Expr(_) | DefaultValue::PerDialect(_))
    );
    let pass_through = matches!(column.sql_type, SqlType::Custom(_))
        || matches!(column.sql_type, SqlType::Array(SqlType::Custom(_)));
    column.identity.is_none() && (expression || pass_through)
}

/// The model's columns that need the server, as `d` would declare them.
fn declared(state: &SchemaState, d: Dialect) -> Vec<Declared> {
    let mut out = Vec::new();
    for table in &state.tables {
        for column in table.columns.iter().filter(|c| needs_server(c)) {
            let Ok(sql_type) = d.column_type(column.sql_type) else {
                continue;
            };
            let default = match column.default {
                Some(v) => match d.default_value(v, column.sql_type) {
                    Ok(text) => Some(text),
                    Err(_) => continue,
                },
                None => None,
            };
            out.push(Declared {
                table: table.name,
                column: column.name,
                sql_type,
                default,
            });
        }
    }
    out
}

/// Replaces the type and default of each such column of `expected` with the server's reading.
pub(super) async fn normalize(conn: &mut Conn, state: &SchemaState, expected: &mut LiveSchema) {
    let reader = catalog(conn.dialect());
    let columns = declared(state, conn.dialect());
    if columns.is_empty() {
        return;
    }
    // All at once; when the server refuses one, each on its own, so the others still count.
    let read = match read_back(conn, &columns).await {
        Some(read) => read,
        None => {
            let mut read = Vec::new();
            for c in &columns {
                let one = read_back(conn, std::slice::from_ref(c)).await;
                read.push(one.and_then(|mut r| r.pop()).flatten());
            }
            read
        }
    };
    for (declared, reading) in columns.iter().zip(read) {
        let Some((sql_type, default)) = reading else {
            continue;
        };
        let column = expected
            .tables
            .iter_mut()
            .filter(|t| t.name == declared.table)
            .flat_map(|t| t.columns.iter_mut())
            .find(|c| c.name == declared.column);
        if let Some(column) = column {
            column.sql_type = reader.normal_type(&sql_type);
            column.default = default.and_then(|d: String| reader.normal_default(&d));
        }
    }
}

/// Each column's `(type, default)` as the server reads them back once it has declared them;
/// `None` when the server refuses the declaration.
async fn read_back(
    conn: &mut Conn,
    columns: &[Declared],
) -> Option<Vec<Option<(String, Option<String>)>>> {
    let d = conn.dialect();
    let reader = catalog(d);
    let definitions: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let default = c
                .default
                .as_ref()
                .map_or(String::new(), |x| format!(" DEFAULT {x}"));
            format!("{} {}{default}", d.quote(&format!("c{i}")), c.sql_type)
        })
        .collect();
    let create = format!(
        "CREATE TEMPORARY TABLE {} ({})",
        d.quote(SCRATCH),
        definitions.join(", ")
    );
    conn.execute(&create).await.ok()?;
    let rows = conn.text_rows(&reader.scratch_read_sql(SCRATCH)).await;
    let _ = conn.execute(&reader.scratch_drop_sql(SCRATCH)).await;
    Some(reader.parse_scratch(rows.ok()?, columns.len()))
}

/// Replaces the CHECK expressions of `expected`, and the expression keys and predicates of its
/// indexes, with what the server prints for them: each model table that has any is declared
/// again as a temporary table in this session (its indexes on it too: a temporary table's
/// indexes live in the session's own schema, so their names are free) and read back as the
/// live ones are. A table the server refuses keeps the crate's text.
pub(super) async fn normalize_expressions(
    conn: &mut Conn,
    state: &SchemaState,
    expected: &mut LiveSchema,
) {
    let d = conn.dialect();
    let reader = catalog(d);
    for (n, table) in state.tables.iter().enumerate() {
        let printed_indexes = !reader.scratch_indexes_sql("").is_empty();
        let indexes: Vec<&IndexDef> = table
            .indexes
            .iter()
            .filter(|i| printed_indexes && (i.expr.is_some() || i.predicate.is_some()))
            .collect();
        if table.checks.is_empty() && indexes.is_empty() {
            continue;
        }
        let Some(target) = expected
            .tables
            .iter_mut()
            .find(|t| t.name == table.name && t.schema.as_deref() == table.schema)
        else {
            continue;
        };
        let scratch = format!("{SCRATCH}_{n}");
        if let Some(read) = read_expressions(conn, d, table, &indexes, &scratch).await {
            apply(target, read);
        }
        let _ = conn.execute(&reader.scratch_drop_sql(&scratch)).await;
    }
}

/// What the server printed for one table: `(name, expression)` of each CHECK, and each index.
type Printed = (Vec<(String, String)>, Vec<super::LiveIndex>);

async fn read_expressions(
    conn: &mut Conn,
    d: Dialect,
    table: &TableState,
    indexes: &[&IndexDef],
    scratch: &str,
) -> Option<Printed> {
    let reader = catalog(d);
    let mut definitions = Vec::new();
    for c in &table.columns {
        let sql_type = d.column_type(c.sql_type).ok()?;
        definitions.push(format!("{} {sql_type}", d.quote(c.name)));
    }
    for check in &table.checks {
        definitions.push(check_clause(table.name, check, d).ok()?);
    }
    let create = format!(
        "CREATE TEMPORARY TABLE {} ({})",
        d.quote(scratch),
        definitions.join(", ")
    );
    conn.execute(&create).await.ok()?;
    let mut checks = Vec::new();
    if !table.checks.is_empty() {
        let rows = conn
            .text_rows(&reader.scratch_checks_sql(scratch))
            .await
            .ok()?;
        checks = reader.parse_scratch_checks(rows);
    }
    for index in indexes {
        let sql = index_sql(None, scratch, index, d).ok()?;
        conn.execute(&sql).await.ok()?;
    }
    let mut read = Vec::new();
    if !indexes.is_empty() {
        let rows = conn
            .text_rows(&reader.scratch_indexes_sql(scratch))
            .await
            .ok()?;
        read = rows
            .iter()
            .filter_map(|row| reader.parse_scratch_index(row))
            .collect();
    }
    Some((checks, read))
}

fn apply(target: &mut LiveTable, (checks, indexes): Printed) {
    for check in &mut target.checks {
        if let Some((_, text)) = checks.iter().find(|(n, _)| Some(n) == check.name.as_ref()) {
            check.expr = text.clone();
        }
    }
    for index in &mut target.indexes {
        if let Some(read) = indexes.iter().find(|i| i.name == index.name) {
            index.expr = read.expr.clone();
            index.predicate = read.predicate.clone();
        }
    }
}
