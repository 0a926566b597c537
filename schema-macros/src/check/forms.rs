//! The rules of CHECK constraints and of the index forms (`expr`, `desc`, `include`, `where`,
//! `nulls_not_distinct`). Whether a dialect can create a form is not judged here: that is a
//! render error, or `schema! { #[dialects(...)] ... }` at compile time.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;

use super::predicate::column_mentions;
use super::unknown_column;
use crate::ast::{Key, Table};
use crate::ctxt::Ctxt;

/// Rule: a CHECK is named (the catalogs name unnamed ones each their own way, so drift could
/// not match it). `#[check(expr = "size > 0")]` is refused.
pub(super) fn checks_named(cx: &Ctxt, table: &Table) {
    for check in table.checks.iter().filter(|c| c.name.is_none()) {
        cx.error_at(
            &check.tokens,
            format!(
                "`{}`: `#[check(...)]` needs `name = \"...\"`: each database names an unnamed CHECK its own way, so it could not be compared; e.g. `name = \"{}_valid\"`",
                table.ident, table.name.value
            ),
        );
    }
}

/// Rule: a CHECK has an expression, and it is not empty. `#[check(name = "c")]` and
/// `#[check(name = "c", expr = " ")]` are refused.
pub(super) fn checks_have_expressions(cx: &Ctxt, table: &Table) {
    for check in &table.checks {
        match &check.expr {
            None => cx.error_at(
                &check.tokens,
                format!(
                    "`{}`: `#[check(...)]` needs `expr = \"...\"`, the SQL that must hold, e.g. `expr = \"size > 0\"`, or `expr(postgres = \"...\", sqlite = \"...\", mysql = \"...\")`",
                    table.ident
                ),
            ),
            // `expr(...)` refuses an empty entry itself; `expr = ""` gives every dialect "".
            Some(expr) if expr.value.postgres.as_deref() == Some("") => cx.error_at(
                expr,
                format!(
                    "`{}`: an empty `expr` in `#[check(...)]`: write the SQL that must hold, e.g. `expr = \"size > 0\"`",
                    table.ident
                ),
            ),
            Some(_) => {}
        }
    }
}

/// The indexes listed on the struct (a field's `#[index]` has none of the forms).
fn struct_indexes<'t>(table: &'t Table) -> impl Iterator<Item = &'t Key> {
    table.indexes.iter().filter(|k| k.on_field.is_none())
}

/// Rule: an index's key is its columns or one expression, not both, and the expression is not
/// empty. `#[index(columns(email), expr = "lower(email)")]` is refused at both keys. (An index
/// with neither is refused by `struct_level_keys_list_columns`.)
pub(super) fn index_key_is_columns_or_expression(cx: &Ctxt, table: &Table) {
    for key in struct_indexes(table) {
        let Some(expr) = &key.form.expr else { continue };
        if expr.value.trim().is_empty() {
            cx.error_at(
                expr,
                format!(
                    "`{}`: an empty `expr` in `#[index(...)]`: write the indexed expression, e.g. `expr = \"lower(email)\"`",
                    table.ident
                ),
            );
        }
        if let Some(columns) = &key.form.columns_tokens {
            let message = format!(
                "`{}`: an index has `columns(...)` or one `expr = \"...\"` as its key, not both; keep one",
                table.ident
            );
            cx.error_at(columns, &message);
            cx.error_at(expr, &message);
        }
    }
}

/// Rule: an expression index is named: there are no columns to name it after.
/// `#[index(expr = "lower(email)")]` is refused.
pub(super) fn expression_index_named(cx: &Ctxt, table: &Table) {
    for key in struct_indexes(table).filter(|k| !k.explicit_name) {
        if let Some(expr) = &key.form.expr {
            cx.error_at(
                expr,
                format!(
                    "`{}`: an expression index needs `name = \"...\"`: it has no columns to name it after; e.g. `name = \"ix_{}_...\"`",
                    table.ident, table.name.value
                ),
            );
        }
    }
}

/// Rule: `desc(...)` names key columns of its index, each once. `#[index(columns(a),
/// desc(b))]` is refused at `b` (and so is a `b` that is no column at all).
pub(super) fn desc_columns_in_key(cx: &Ctxt, table: &Table) {
    for key in struct_indexes(table) {
        for (i, column) in key.form.desc.iter().enumerate() {
            let written = column.written.unraw();
            if column.field.is_none() {
                unknown_column(cx, table, "#[index(desc(...))]", column);
            } else if !key.columns.iter().any(|c| c.field == column.field) {
                cx.error_at(
                    &column.written,
                    format!(
                        "`{}`: `desc({written})` names a column that is not in this index's `columns(...)`; add it there, or leave it out of `desc`",
                        table.ident
                    ),
                );
            } else if key.form.desc[..i].iter().any(|c| c.field == column.field) {
                cx.error_at(
                    &column.written,
                    format!(
                        "`{}`: `desc(...)` names column `{written}` twice; list each column once",
                        table.ident
                    ),
                );
            }
        }
    }
}

/// Rule: `include(...)` names columns that are not in the key, each once.
/// `#[index(columns(a), include(a))]` is refused at the second `a`.
pub(super) fn include_columns_beside_key(cx: &Ctxt, table: &Table) {
    for key in struct_indexes(table) {
        for (i, column) in key.form.include.iter().enumerate() {
            let written = column.written.unraw();
            if column.field.is_none() {
                unknown_column(cx, table, "#[index(include(...))]", column);
            } else if key.columns.iter().any(|c| c.field == column.field) {
                cx.error_at(
                    &column.written,
                    format!(
                        "`{}`: `include({written})` names a column already in this index's key; an included column is stored beside the key: leave it out of one of the two lists",
                        table.ident
                    ),
                );
            } else if key.form.include[..i]
                .iter()
                .any(|c| c.field == column.field)
            {
                cx.error_at(
                    &column.written,
                    format!("`{}`: `include(...)` names column `{written}` twice; list each column once", table.ident),
                );
            }
        }
    }
}

/// Rule: a partial index's `where` is not empty and names only columns of the table (as far as
/// [`column_mentions`] can tell). `#[index(columns(uid), where = "uuid IS NOT NULL")]` is
/// refused when the column is `uid`.
pub(super) fn predicate_names_columns(cx: &Ctxt, table: &Table) {
    for key in struct_indexes(table) {
        let Some(predicate) = &key.form.predicate else {
            continue;
        };
        if predicate.value.trim().is_empty() {
            cx.error_at(
                predicate,
                format!(
                    "`{}`: an empty `where` in `#[index(...)]`: write the rows the index covers, e.g. `where = \"deleted_at IS NULL\"`, or leave `where` out",
                    table.ident
                ),
            );
            continue;
        }
        let mut unknown: Vec<String> = Vec::new();
        for mention in column_mentions(&predicate.value) {
            if !names_a_column(table, &mention.name, mention.quoted)
                && !unknown.contains(&mention.name)
            {
                unknown.push(mention.name);
            }
        }
        if unknown.is_empty() {
            continue;
        }
        let columns: Vec<&str> = table
            .fields
            .iter()
            .map(|f| f.column.value.as_str())
            .collect();
        let names: Vec<&str> = unknown.iter().map(String::as_str).collect();
        let help = match unknown.as_slice() {
            [one] => match crate::suggest::closest(one, &columns) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "the columns are {}",
                    crate::suggest::one_of(&columns).replace(" or ", " and ")
                ),
            },
            _ => format!(
                "the columns are {}",
                crate::suggest::one_of(&columns).replace(" or ", " and ")
            ),
        };
        cx.error_at(
            predicate,
            format!(
                "`{}`: `where` names {}, which {} of `{}`\n\nhelp: {help}",
                table.ident,
                crate::suggest::one_of(&names).replace(" or ", " and "),
                if names.len() == 1 {
                    "is not a column"
                } else {
                    "are not columns"
                },
                table.name.value
            ),
        );
    }
}

/// Whether `name` (from SQL) is a column of `table`: its SQL name or field name, without case
/// unless it was quoted.
fn names_a_column(table: &Table, name: &str, quoted: bool) -> bool {
    table.fields.iter().any(|f| {
        let field = f.ident.unraw().to_string();
        if quoted {
            f.column.value == name || field == name
        } else {
            f.column.value.eq_ignore_ascii_case(name) || field.eq_ignore_ascii_case(name)
        }
    })
}

/// Rule: `nulls_not_distinct` qualifies a unique index (on a unique constraint it is always
/// right). `#[index(columns(a), nulls_not_distinct)]` without `unique` is refused.
pub(super) fn nulls_not_distinct_on_unique(cx: &Ctxt, table: &Table) {
    for key in struct_indexes(table).filter(|k| !k.unique) {
        if let Some(flag) = &key.form.nulls_not_distinct {
            let tokens: TokenStream = flag.to_token_stream();
            cx.error_at(
                &tokens,
                format!(
                    "`{}`: `nulls_not_distinct` says how a unique index treats NULLs, but this index is not unique; add `unique`, or remove `nulls_not_distinct`",
                    table.ident
                ),
            );
        }
    }
}
