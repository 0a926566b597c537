//! The rules of values the database generates: identity columns and `on_update`. A field
//! without `sql_type` gets its SQL type from its Rust type, which only the compiler knows:
//! there, the type rules are `const` checks emitted by [`crate::expand`].

use quote::ToTokens;
use syn::ext::IdentExt;

use crate::ast::{Field, Table};
use crate::ctxt::Ctxt;

/// `sql_type = "TEXT"` or `sql_type(...)`, as the field wrote it, for messages.
fn written_sql_type(field: &Field) -> String {
    match &field.attrs.sql_type {
        Some(spec) if spec.tokens.to_string().starts_with('"') => {
            format!("sql_type = {}", spec.tokens)
        }
        _ => "sql_type(...)".into(),
    }
}

/// Rule: an identity column with a `sql_type` has an integer one.
/// `#[column(identity, sql_type = "TEXT")]` is refused (without `sql_type`, the field's Rust
/// type is checked at compile time instead).
pub(super) fn identity_on_integer_sql_type(cx: &Ctxt, table: &Table) {
    for field in &table.fields {
        let (Some(identity), Some(sql_type)) = (&field.attrs.identity, &field.attrs.sql_type)
        else {
            continue;
        };
        if !sql_type.value.is_integer() {
            cx.error_at(
                identity,
                format!(
                    "`{}`: `identity` needs an integer column, but `{}` is not one\n\nhelp: write `sql_type = \"BIGINT\"` (or `INTEGER`, `SMALLINT`), or remove `identity`",
                    field.path(table),
                    written_sql_type(field)
                ),
            );
        }
    }
}

/// Rule: a table has at most one identity column. `identity` on `id` and on `number` is
/// refused at the second.
pub(super) fn one_identity_column(cx: &Ctxt, table: &Table) {
    let mut first: Option<&Field> = None;
    for field in &table.fields {
        let Some(identity) = &field.attrs.identity else {
            continue;
        };
        match first {
            None => first = Some(field),
            Some(first) => cx.error_at(
                identity,
                format!(
                    "`{}`: `{}` already has an identity column, `{}`; a table has one at most: remove this `identity`",
                    field.path(table),
                    table.ident,
                    first.ident.unraw()
                ),
            ),
        }
    }
}

/// Rule: an identity column is NOT NULL. `#[column(identity)] id: Option<i64>` is refused.
pub(super) fn identity_not_nullable(cx: &Ctxt, table: &Table) {
    for field in &table.fields {
        let (Some(identity), Some(inner)) = (&field.attrs.identity, field.option_inner) else {
            continue;
        };
        cx.error_at(
            identity,
            format!(
                "`{}`: an identity column is never NULL, but the field is `Option<_>`; make it `{}`",
                field.path(table),
                inner.to_token_stream().to_string().replace(' ', "")
            ),
        );
    }
}

/// Rule: an identity column has no `default`: the database generates its values.
/// `#[column(identity, default = "1")]` is refused, at both keys.
pub(super) fn identity_without_default(cx: &Ctxt, table: &Table) {
    for field in &table.fields {
        let (Some(identity), Some(default)) = (&field.attrs.identity, &field.attrs.default) else {
            continue;
        };
        let message = format!(
            "`{}`: an identity column takes no `default`, the database generates its values; keep one of `identity` and `default`",
            field.path(table)
        );
        cx.error_at(identity, &message);
        cx.error_at(default, &message);
    }
}

/// Rule: `autoincrement` qualifies `identity`. `#[column(primary_key, autoincrement)]` is
/// refused.
pub(super) fn autoincrement_needs_identity(cx: &Ctxt, table: &Table) {
    for field in &table.fields {
        let (Some(span), None) = (field.attrs.autoincrement, &field.attrs.identity) else {
            continue;
        };
        cx.error_at(
            &syn::Ident::new("autoincrement", span),
            format!(
                "`{}`: `autoincrement` needs `identity`: write `#[column(identity, autoincrement)]`, or remove `autoincrement`",
                field.path(table)
            ),
        );
    }
}

/// Rule: `on_update_emulated` qualifies `on_update`. `#[column(on_update_emulated)]` alone
/// is refused.
pub(super) fn on_update_emulated_needs_on_update(cx: &Ctxt, table: &Table) {
    for field in &table.fields {
        let (Some(span), None) = (field.attrs.on_update_emulated, &field.attrs.on_update) else {
            continue;
        };
        cx.error_at(
            &syn::Ident::new("on_update_emulated", span),
            format!(
                "`{}`: `on_update_emulated` needs `on_update`: write `#[column(on_update = \"CURRENT_TIMESTAMP\", on_update_emulated)]`, or remove `on_update_emulated`",
                field.path(table)
            ),
        );
    }
}

/// Rule: an `on_update` column with a `sql_type` has a timestamp one (MySQL's `ON UPDATE`
/// takes only `TIMESTAMP` and `DATETIME`). `#[column(on_update = "CURRENT_TIMESTAMP",
/// sql_type = "DATE")]` is refused (without `sql_type`, the Rust type is checked at compile
/// time instead).
pub(super) fn on_update_on_timestamp_sql_type(cx: &Ctxt, table: &Table) {
    for field in &table.fields {
        let (Some(on_update), Some(sql_type)) = (&field.attrs.on_update, &field.attrs.sql_type)
        else {
            continue;
        };
        if !sql_type.value.is_timestamp() {
            cx.error_at(
                on_update,
                format!(
                    "`{}`: `on_update` needs a timestamp column, but `{}` is not one\n\nhelp: write `sql_type = \"TIMESTAMP\"` or `sql_type = \"TIMESTAMPTZ\"`, or remove `on_update`",
                    field.path(table),
                    written_sql_type(field)
                ),
            );
        }
    }
}
