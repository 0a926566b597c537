//! The rules of a table as a whole: it has columns, `no_primary_key` means it, and a
//! collation goes on text.

use quote::ToTokens;

use crate::ast::Table;
use crate::ctxt::Ctxt;
use crate::sql_type::SqlTypeSpec;

/// Rule: a table has at least one column. `struct Empty {}` is refused at its name.
pub(super) fn has_columns(cx: &Ctxt, table: &Table) {
    if table.fields.is_empty() {
        cx.error_at(
            table.ident,
            format!(
                "`{}` has no fields, and a table needs at least one column: add a field per column",
                table.ident
            ),
        );
    }
}

/// Rule: `#[table(no_primary_key)]` and a primary key contradict each other: refused at
/// both. `#[table(no_primary_key)]` with `#[column(primary_key)] id` is refused.
pub(super) fn no_primary_key_without_key(cx: &Ctxt, table: &Table) {
    let (Some(flag), Some(key)) = (&table.no_primary_key, &table.primary_key) else {
        return;
    };
    let message = format!(
        "`{}`: `#[table(no_primary_key)]` says the table has no primary key, but one is declared; keep one of the two",
        table.ident
    );
    cx.error_at(flag, &message);
    cx.error_at(&key.tokens, &message);
}

/// Rule: a collation goes on a text column. `#[column(collation = "C", sql_type = "BIGINT")]`
/// is refused (without `sql_type`, the field's Rust type is checked at compile time instead;
/// a type passed through as written, `CITEXT`, is the database's to judge).
pub(super) fn collation_on_text_sql_type(cx: &Ctxt, table: &Table) {
    for field in &table.fields {
        let (Some(collation), Some(sql_type)) = (&field.attrs.collation, &field.attrs.sql_type)
        else {
            continue;
        };
        let text = matches!(
            sql_type.value,
            SqlTypeSpec::Varchar(_)
                | SqlTypeSpec::Text
                | SqlTypeSpec::Char(_)
                | SqlTypeSpec::Custom(_)
        );
        if !text {
            cx.error_at(
                collation,
                format!(
                    "`{}`: `collation` orders text, but `sql_type = {}` is not a text type; remove `collation`, or make the column `TEXT`, `VARCHAR(n)` or `CHAR(n)`",
                    field.path(table),
                    sql_type.tokens.to_token_stream()
                ),
            );
        }
    }
}
