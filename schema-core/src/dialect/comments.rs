//! Table and column comments: `COMMENT ON` statements after `CREATE TABLE` (PostgreSQL), inline
//! `COMMENT` clauses (MySQL, in [`super::ddl`]), or nothing (SQLite keeps none).

use super::ddl::table_ident;
use super::Dialect;
use crate::model::TableView;

/// The `COMMENT ON` statements that give a new table its comments, where the dialect writes
/// them as statements of their own (PostgreSQL); none elsewhere.
pub fn comment_statements(table: &TableView<'_>, dialect: Dialect) -> Vec<String> {
    if !dialect.caps().comments || dialect.sql().comments_inline() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(comment) = table.comment {
        out.push(comment_on_table(
            table.schema,
            table.name,
            Some(comment),
            dialect,
        ));
    }
    for column in table.columns {
        if let Some(comment) = column.comment {
            out.push(comment_on_column(
                table.schema,
                table.name,
                column.name,
                Some(comment),
                dialect,
            ));
        }
    }
    out
}

/// `COMMENT ON TABLE t IS '...'` (`IS NULL` removes it).
pub(crate) fn comment_on_table(
    schema: Option<&str>,
    table: &str,
    comment: Option<&str>,
    dialect: Dialect,
) -> String {
    format!(
        "COMMENT ON TABLE {} IS {}",
        table_ident(schema, table, dialect),
        literal_or_null(comment, dialect)
    )
}

/// `COMMENT ON COLUMN t.c IS '...'`.
pub(crate) fn comment_on_column(
    schema: Option<&str>,
    table: &str,
    column: &str,
    comment: Option<&str>,
    dialect: Dialect,
) -> String {
    format!(
        "COMMENT ON COLUMN {}.{} IS {}",
        table_ident(schema, table, dialect),
        dialect.quote(column),
        literal_or_null(comment, dialect)
    )
}

fn literal_or_null(comment: Option<&str>, dialect: Dialect) -> String {
    comment.map_or_else(|| "NULL".to_owned(), |c| dialect.string_literal(c))
}
