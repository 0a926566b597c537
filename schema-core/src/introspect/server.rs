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

use super::{catalog, LiveSchema};
use crate::db::Conn;
use crate::model::{ColumnDef, DefaultValue, SchemaState, SqlType};
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
