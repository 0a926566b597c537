//! The rules a declaration must satisfy, one function each, checked after parsing. Rules that
//! need another struct (a foreign key's target) or a type's SQL mapping are emitted as
//! `const` checks by [`crate::expand`]. The rules of identity columns and `on_update` are in
//! [`generated`]; those of CHECK constraints and the index forms in [`forms`] (a partial
//! index's predicate is read by [`predicate`]); those of the table as a whole (its schema,
//! `no_primary_key`, collations) in [`table`].

mod forms;
mod generated;
mod predicate;
mod table;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;

use crate::ast::{Key, KeyColumn, Table};
use crate::attr::Action;
use crate::ctxt::Ctxt;

/// PostgreSQL cuts identifiers at 63 bytes (NAMEDATALEN - 1), silently.
pub const MAX_IDENTIFIER_BYTES: usize = 63;

pub fn check(cx: &Ctxt, table: &Table) {
    table::has_columns(cx, table);
    table::no_primary_key_without_key(cx, table);
    primary_key_declared_once(cx, table);
    primary_key_exists(cx, table);
    primary_key_not_nullable(cx, table);
    column_names_unique(cx, table);
    key_columns_exist_once(cx, table);
    struct_level_keys_list_columns(cx, table);
    names_unique_in_table(cx, table);
    identifiers_fit(cx, table);
    foreign_keys_have_targets(cx, table);
    set_null_needs_nullable(cx, table);
    set_default_needs_default(cx, table);
    generated::identity_on_integer_sql_type(cx, table);
    generated::one_identity_column(cx, table);
    generated::identity_not_nullable(cx, table);
    generated::identity_without_default(cx, table);
    generated::autoincrement_needs_identity(cx, table);
    generated::on_update_emulated_needs_on_update(cx, table);
    generated::on_update_on_timestamp_sql_type(cx, table);
    table::collation_on_text_sql_type(cx, table);
    forms::checks_named(cx, table);
    forms::checks_have_expressions(cx, table);
    forms::index_key_is_columns_or_expression(cx, table);
    forms::expression_index_named(cx, table);
    forms::desc_columns_in_key(cx, table);
    forms::include_columns_beside_key(cx, table);
    forms::predicate_names_columns(cx, table);
    forms::nulls_not_distinct_on_unique(cx, table);
}

/// Rule: the primary key is declared one way. `#[table(primary_key(a, b))]` together with
/// `#[column(primary_key)]` on a field is ambiguous.
fn primary_key_declared_once(cx: &Ctxt, table: &Table) {
    if let Some((on_struct, on_field)) = &table.conflicting_primary_keys {
        let message = format!(
            "`{}`: the primary key is declared both by `#[table(primary_key(...))]` and by `#[column(primary_key)]`; keep one",
            table.ident
        );
        cx.error_at(on_struct, &message);
        cx.error_at(on_field, &message);
    }
}

/// Rule: every table has a primary key, unless declared `#[table(no_primary_key)]`.
/// `struct Log { msg: String }` is refused. Not reported when an unknown key looked like
/// `primary_key` (that error says it all), nor for a struct without fields (already refused).
fn primary_key_exists(cx: &Ctxt, table: &Table) {
    if table.primary_key.is_none()
        && !table.misspelt_primary_key
        && table.no_primary_key.is_none()
        && !table.fields.is_empty()
    {
        cx.error_at(
            table.ident,
            format!(
                "`{}` has no primary key: mark a field `#[column(primary_key)]`, or list the key with `#[table(primary_key(a, b))]`; for an existing table without one, write `#[table(no_primary_key)]`",
                table.ident
            ),
        );
    }
}

/// Rule: a primary-key column is NOT NULL. `#[column(primary_key)] id: Option<Uuid>` is refused.
fn primary_key_not_nullable(cx: &Ctxt, table: &Table) {
    let Some(pk) = &table.primary_key else { return };
    for column in &pk.columns {
        let Some(index) = column.field else { continue };
        let field = &table.fields[index];
        if field.nullable() {
            let at: TokenStream = match field.attrs.primary_key {
                Some(span) => syn::Ident::new("primary_key", span).to_token_stream(),
                None => column.written.to_token_stream(),
            };
            cx.error_at(
                &at,
                format!(
                    "`{}`: a primary-key column cannot be NULL, but the field is `Option<_>`; make it `{}`",
                    field.path(table),
                    field.option_inner.map(|t| t.to_token_stream().to_string()).unwrap_or_default()
                ),
            );
        }
    }
}

/// Rule: two fields cannot map to one column. `#[column(name = "label")] title` beside
/// `label` is refused.
fn column_names_unique(cx: &Ctxt, table: &Table) {
    for (i, field) in table.fields.iter().enumerate() {
        if let Some(first) = table.fields[..i]
            .iter()
            .find(|f| f.column.value == field.column.value)
        {
            cx.error_at(
                &field.column,
                format!(
                    "`{}`: column `{}` is already the column of `{}`; give one of them another `#[column(name = \"...\")]`",
                    field.path(table),
                    field.column.value,
                    first.path(table)
                ),
            );
        }
    }
}

/// The kinds of key a table declares, so each message names a kind the same way.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    PrimaryKey,
    Unique,
    Index,
    ForeignKey,
    Check,
}

impl KeyKind {
    /// The attribute's keyword: `foreign_key`.
    fn keyword(self) -> &'static str {
        match self {
            KeyKind::PrimaryKey => "primary_key",
            KeyKind::Unique => "unique",
            KeyKind::Index => "index",
            KeyKind::ForeignKey => "foreign_key",
            KeyKind::Check => "check",
        }
    }

    /// How a message names one: `an index`.
    fn noun(self) -> &'static str {
        match self {
            KeyKind::PrimaryKey => "the primary key",
            KeyKind::Unique => "a unique constraint",
            KeyKind::Index => "an index",
            KeyKind::ForeignKey => "a foreign key",
            KeyKind::Check => "a check constraint",
        }
    }

    /// The attribute that lists its columns: `#[index(columns(...))]`.
    fn attr(self) -> &'static str {
        match self {
            KeyKind::PrimaryKey => "#[table(primary_key(...))]",
            KeyKind::Unique => "#[unique(columns(...))]",
            KeyKind::Index => "#[index(columns(...))]",
            KeyKind::ForeignKey => "#[foreign_key(columns(...))]",
            KeyKind::Check => "#[check(...)]",
        }
    }
}

/// The primary key, unique constraints and indexes, with their kind.
fn all_keys<'t>(table: &'t Table) -> impl Iterator<Item = (KeyKind, &'t Key)> {
    table
        .primary_key
        .iter()
        .map(|k| (KeyKind::PrimaryKey, k))
        .chain(table.uniques.iter().map(|k| (KeyKind::Unique, k)))
        .chain(table.indexes.iter().map(|k| (KeyKind::Index, k)))
}

/// [`all_keys`] but an expression index without a name: it has no default name, and
/// [`forms::expression_index_named`] reports it.
fn named_keys<'t>(table: &'t Table) -> impl Iterator<Item = (KeyKind, &'t Key)> {
    all_keys(table).filter(|(_, k)| k.explicit_name || k.form.expr.is_none())
}

/// Rule: a key lists existing columns, each once. `#[index(columns(labl))]` or
/// `#[unique(columns(a, a))]` is refused.
fn key_columns_exist_once(cx: &Ctxt, table: &Table) {
    let fk_columns = table
        .foreign_keys
        .iter()
        .map(|fk| (KeyKind::ForeignKey, &fk.columns));
    for (kind, columns) in all_keys(table)
        .map(|(kind, k)| (kind, &k.columns))
        .chain(fk_columns)
    {
        let attr = kind.attr();
        for (i, column) in columns.iter().enumerate() {
            let written = column.written.unraw().to_string();
            if column.field.is_none() {
                unknown_column(cx, table, attr, column);
            } else if columns[..i].iter().any(|c| c.field == column.field) {
                cx.error_at(
                    &column.written,
                    format!(
                        "`{}`: `{attr}` names column `{written}` twice; list each column once",
                        table.ident
                    ),
                );
            }
        }
    }
}

/// The error for `column`, named in `attr` but not a field or column of `table`, with the
/// closest field or the list of them.
fn unknown_column(cx: &Ctxt, table: &Table, attr: &str, column: &KeyColumn) {
    let known: Vec<String> = table
        .fields
        .iter()
        .map(|f| f.ident.unraw().to_string())
        .collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let written = column.written.unraw().to_string();
    let help = match crate::suggest::closest(&written, &known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("name one of {}", crate::suggest::one_of(&known)),
    };
    cx.error_at(
        &column.written,
        format!(
            "`{}`: `{attr}` names `{written}`, which is not a field or column of `{}`\n\nhelp: {help}",
            table.ident, table.ident
        ),
    );
}

/// Rule: an index, unique constraint or foreign key on the struct says which columns it
/// covers. `#[index(name = "ix")]` on the struct is refused.
fn struct_level_keys_list_columns(cx: &Ctxt, table: &Table) {
    let keys = all_keys(table)
        .filter(|(kind, _)| *kind != KeyKind::PrimaryKey)
        .map(|(kind, k)| {
            let empty = k.columns.is_empty() && k.form.expr.is_none();
            (kind, k.on_field, empty, &k.tokens)
        })
        .chain(table.foreign_keys.iter().map(|k| {
            let kind = KeyKind::ForeignKey;
            (kind, k.on_field, k.columns.is_empty(), &k.tokens)
        }));
    for (kind, on_field, empty, tokens) in keys {
        if on_field.is_none() && empty {
            let needs = if kind == KeyKind::Index {
                "`columns(a, b)` or `expr = \"...\"`"
            } else {
                "`columns(a, b)`"
            };
            cx.error_at(
                tokens,
                format!("`{}`: `#[{}(...)]` on the struct needs {needs}; on a single field, put the attribute on the field", table.ident, kind.keyword()),
            );
        }
    }
}

/// Rule: index and constraint names (CHECKs too) are unique in a table. Two
/// `#[index(name = "ix")]` are refused, and so is a `#[check(name = "ix")]` beside them.
fn names_unique_in_table(cx: &Ctxt, table: &Table) {
    let mut seen: Vec<(KeyKind, &str)> = Vec::new();
    let keys = named_keys(table)
        .map(|(kind, k)| (kind, &k.name))
        .chain(
            table
                .foreign_keys
                .iter()
                .map(|fk| (KeyKind::ForeignKey, &fk.name)),
        )
        .chain(
            table
                .checks
                .iter()
                .filter_map(|c| Some((KeyKind::Check, c.name.as_ref()?))),
        );
    for (kind, name) in keys {
        if let Some((other_kind, _)) = seen.iter().find(|(_, n)| *n == name.value) {
            let (this, other) = (kind.noun(), other_kind.noun());
            cx.error_at(
                name,
                format!(
                    "`{}`: {this} is named `{}`, which is already the name of {other} of the table; give this one another `name = \"...\"`",
                    table.ident, name.value
                ),
            );
        } else {
            seen.push((kind, &name.value));
        }
    }
}

/// Rule: identifiers fit PostgreSQL's 63 bytes, and are not empty. A generated
/// `{table}_{cols}_fkey` that is too long is refused too (two could be cut to one name), and
/// so is a `#[table(primary_key_name = "...")]` of 64 bytes.
fn identifiers_fit(cx: &Ctxt, table: &Table) {
    let check = |what: String, name: &crate::attr::SpannedValue<String>, generated: bool| {
        let len = name.value.len();
        if name.value.is_empty() {
            cx.error_at(name, format!("`{}`: {what} is empty", table.ident));
        } else if len > MAX_IDENTIFIER_BYTES {
            let fix = if generated {
                "give it a shorter `name = \"...\"`"
            } else {
                "shorten it"
            };
            cx.error_at(
                name,
                format!(
                    "`{}`: {what} `{}` is {len} bytes, longer than PostgreSQL's limit of {MAX_IDENTIFIER_BYTES} (it would be cut silently): {fix}",
                    table.ident, name.value
                ),
            );
        }
    };
    check("the table name".into(), &table.name, false);
    if let Some(schema) = &table.schema {
        check("the schema name".into(), schema, false);
    }
    for name in table.checks.iter().filter_map(|c| c.name.as_ref()) {
        check("the name of this `check`".into(), name, false);
    }
    for field in &table.fields {
        check(
            format!("the column name of `{}`", field.ident.unraw()),
            &field.column,
            false,
        );
    }
    for (kind, key) in named_keys(table) {
        let what = if key.explicit_name {
            "name"
        } else {
            "generated name"
        };
        check(
            format!("the {what} of this `{}`", kind.keyword()),
            &key.name,
            !key.explicit_name,
        );
    }
    for fk in &table.foreign_keys {
        let what = if fk.explicit_name {
            "name"
        } else {
            "generated name"
        };
        check(
            format!("the {what} of this `{}`", KeyKind::ForeignKey.keyword()),
            &fk.name,
            !fk.explicit_name,
        );
    }
}

/// Rule: a foreign key says what it references, with as many columns as it has.
/// `#[foreign_key(columns(a, b), references = T(x))]` is refused.
fn foreign_keys_have_targets(cx: &Ctxt, table: &Table) {
    for fk in &table.foreign_keys {
        if fk.reference_invalid {
            continue;
        }
        let Some(reference) = &fk.reference else {
            cx.error_at(
                &fk.tokens,
                format!(
                    "`{}`: `#[foreign_key(...)]` needs `references = Table::column`",
                    table.ident
                ),
            );
            continue;
        };
        if reference.columns.len() != fk.columns.len() && !fk.columns.is_empty() {
            let list = |idents: &mut dyn Iterator<Item = &syn::Ident>| {
                idents
                    .map(|i| format!("`{}`", i.unraw()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            cx.error_at(
                &reference.tokens,
                format!(
                    "`{}`: this foreign key's {} column(s) ({}) reference {} column(s) ({}); list as many referenced columns as referencing ones, in the same order",
                    table.ident,
                    fk.columns.len(),
                    list(&mut fk.columns.iter().map(|c| &c.written)),
                    reference.columns.len(),
                    list(&mut reference.columns.iter()),
                ),
            );
        }
    }
}

/// Rule: `set_null` needs NULL-able columns. `on_delete = set_null` on a `Uuid` field is
/// refused (the database would refuse the delete at run time).
fn set_null_needs_nullable(cx: &Ctxt, table: &Table) {
    for fk in &table.foreign_keys {
        for (key, action) in [("on_delete", &fk.on_delete), ("on_update", &fk.on_update)] {
            let Some(action) = action.as_ref().filter(|a| a.value == Action::SetNull) else {
                continue;
            };
            for column in &fk.columns {
                let Some(field) = column.field.map(|i| &table.fields[i]) else {
                    continue;
                };
                if !field.nullable() {
                    let ty = field.ty.to_token_stream().to_string().replace(' ', "");
                    cx.error_at(
                        action,
                        format!(
                            "`{}`: `{key} = set_null` needs a nullable column\n\nhelp: make the field `Option<{ty}>`, or choose `cascade`, `restrict` or `no_action`",
                            field.path(table)
                        ),
                    );
                }
            }
        }
    }
}

/// Rule: `set_default` needs a default on every column. `on_delete = set_default` on a
/// field without `#[column(default = "...")]` is refused.
fn set_default_needs_default(cx: &Ctxt, table: &Table) {
    for fk in &table.foreign_keys {
        for (key, action) in [("on_delete", &fk.on_delete), ("on_update", &fk.on_update)] {
            let Some(action) = action.as_ref().filter(|a| a.value == Action::SetDefault) else {
                continue;
            };
            for column in &fk.columns {
                let Some(field) = column.field.map(|i| &table.fields[i]) else {
                    continue;
                };
                if field.attrs.default.is_none() {
                    cx.error_at(
                        action,
                        format!(
                            "`{}`: `{key} = set_default` needs a default on the column\n\nhelp: add `#[column(default = \"...\")]` to the field, or choose another action",
                            field.path(table)
                        ),
                    );
                }
            }
        }
    }
}
