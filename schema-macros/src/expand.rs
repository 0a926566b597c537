//! Code generation. Only a declaration that passed every check gets here (see
//! [`crate::derive`]).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::ast::{Check, Field, ForeignKey, Key, KeyColumn, Table};
use crate::attr::{Action, Reference};
use crate::default_value::DefaultSpec;

/// The span of the first token of `tokens`, so generated checks point at the attribute.
pub fn first_span(tokens: &TokenStream) -> Span {
    tokens
        .clone()
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |t| t.span())
}

/// The hidden struct whose fields are the column handles (`Dashboard::id` in a `references`
/// becomes `<Dashboard as Table>::COLUMNS.id`). Fields of one constant, not one associated
/// constant each: rustc checks one body per table instead of one per column.
pub fn columns_struct(table: &Table) -> TokenStream {
    let ident = table.ident;
    let vis = &table.input.vis;
    // At the struct's name, so rustc's "no field" (for `Dashboard::nope`) points at
    // `Dashboard`, not at the derive.
    let columns_ident = format_ident!("__{}Columns", ident, span = ident.span());
    let fields = table.fields.iter().map(|field| {
        let name = field.ident;
        let ty = field.ty;
        let doc = format!("Column `{}.{}`.", table.name.value, field.column.value);
        quote! {
            #[doc = #doc]
            pub #name: ::schema_core::__private::ColumnRef<#ident, #ty>
        }
    });
    let declaration = quote_spanned!(ident.span()=> #vis struct #columns_ident);
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #declaration {
            #(#fields,)*
        }
    }
}

/// The value of `Table::COLUMNS`: each field's handle, with its column name.
fn columns_value(table: &Table) -> TokenStream {
    let columns_ident = format_ident!("__{}Columns", table.ident);
    let fields = table.fields.iter().map(|field| {
        let name = field.ident;
        let column = &field.column.value;
        quote!(#name: ::schema_core::__private::ColumnRef::new(#column))
    });
    quote!(#columns_ident { #(#fields,)* })
}

/// Everything `#[derive(Table)]` emits for a valid declaration.
pub fn table(table: &Table) -> TokenStream {
    let columns_struct = columns_struct(table);
    let impl_table = impl_table(table, table_def(table));
    let checks = checks(table);
    let row_io = row_io(table);
    quote! {
        #columns_struct
        #impl_table
        #checks
        #row_io
    }
}

/// The `TableDef` literal: the whole declaration as a `const`.
fn table_def(table: &Table) -> TokenStream {
    let name = &table.name.value;
    let rust_name = table.ident.to_string();
    let columns = table.fields.iter().map(column_def);
    let primary_key = match &table.primary_key {
        Some(key) => {
            let pk_name = &key.name.value;
            let pk_columns = column_names(table, &key.columns);
            quote!(::schema_core::PrimaryKeyDef { name: #pk_name, columns: &[#(#pk_columns),*] })
        }
        // `#[table(no_primary_key)]` (`check` refuses a table without a key otherwise).
        None => quote!(::schema_core::PrimaryKeyDef::NONE),
    };
    let uniques = table.uniques.iter().map(|k| {
        let key_name = &k.name.value;
        let cols = column_names(table, &k.columns);
        let base = quote!(::schema_core::UniqueDef::new(#key_name, &[#(#cols),*]));
        if k.form.nulls_not_distinct.is_some() {
            quote!(::schema_core::UniqueDef { nulls_not_distinct: true, ..#base })
        } else {
            base
        }
    });
    let indexes = table.indexes.iter().map(|k| index_def(table, k));
    let checks = table.checks.iter().filter_map(check_def);
    let foreign_keys = table
        .foreign_keys
        .iter()
        .filter_map(|fk| foreign_key_def(table, fk));
    let comment = option_str(table.comment.as_deref());
    let schema = option_str(table.schema.as_ref().map(|s| s.value.as_str()));
    let external = table.external;
    quote! {
        ::schema_core::TableDef {
            name: #name,
            rust_name: #rust_name,
            columns: &[#(#columns),*],
            primary_key: #primary_key,
            uniques: &[#(#uniques),*],
            indexes: &[#(#indexes),*],
            foreign_keys: &[#(#foreign_keys),*],
            checks: &[#(#checks),*],
            comment: #comment,
            schema: #schema,
            external: #external,
        }
    }
}

/// `Some("text")` or `None`.
fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(::core::option::Option::None),
    }
}

/// One `IndexDef` literal: `IndexDef::new(name, columns)` and the fields that differ from it.
fn index_def(table: &Table, k: &Key) -> TokenStream {
    let key_name = &k.name.value;
    let cols = column_names(table, &k.columns);
    let mut fields = Vec::new();
    let unique = k.unique;
    fields.push(quote!(unique: #unique,));
    let form = &k.form;
    if !form.desc.is_empty() {
        let desc = column_names(table, &form.desc);
        fields.push(quote!(descending: &[#(#desc),*],));
    }
    if let Some(expr) = &form.expr {
        let expr = expr.value.trim();
        fields.push(quote!(expr: ::core::option::Option::Some(#expr),));
    }
    if let Some(predicate) = &form.predicate {
        let predicate = predicate.value.trim();
        fields.push(quote!(predicate: ::core::option::Option::Some(#predicate),));
    }
    if let Some(method) = &form.method {
        let method = method.value.tokens();
        fields.push(quote!(method: #method,));
    }
    if !form.include.is_empty() {
        let include = column_names(table, &form.include);
        fields.push(quote!(include: &[#(#include),*],));
    }
    if form.nulls_not_distinct.is_some() {
        fields.push(quote!(nulls_not_distinct: true,));
    }
    quote!(::schema_core::IndexDef {
        #(#fields)*
        ..::schema_core::IndexDef::new(#key_name, &[#(#cols),*])
    })
}

/// One `CheckDef` literal (`check` made sure it has a name and an expression).
fn check_def(check: &Check) -> Option<TokenStream> {
    let name = &check.name.as_ref()?.value;
    let expr = check.expr.as_ref()?.value.value_tokens();
    Some(quote!(::schema_core::CheckDef { name: #name, expr: #expr }))
}

/// One `ColumnDef` literal.
fn column_def(field: &Field) -> TokenStream {
    let column = &field.column.value;
    let nullable = field.nullable();
    let sql_type = sql_type(field);
    let default = match &field.attrs.default {
        Some(d) => {
            let tokens = d.value.tokens();
            quote!(::core::option::Option::Some(#tokens))
        }
        None => quote!(::core::option::Option::None),
    };
    let identity = match &field.attrs.identity {
        Some(identity) => {
            let kind = identity.value.tokens();
            let autoincrement = field.attrs.autoincrement.is_some();
            quote!(::core::option::Option::Some(::schema_core::model::Identity {
                kind: #kind,
                autoincrement: #autoincrement,
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let on_update = match &field.attrs.on_update {
        Some(on_update) => {
            let value = on_update.value.tokens();
            let emulated = field.attrs.on_update_emulated.is_some();
            quote!(::core::option::Option::Some(::schema_core::model::OnUpdate {
                value: #value,
                emulated: #emulated,
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let comment = option_str(field.comment.as_deref());
    let collation = match &field.attrs.collation {
        Some(collation) => {
            let value = collation.value.value_tokens();
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        ::schema_core::ColumnDef {
            name: #column,
            sql_type: #sql_type,
            nullable: #nullable,
            default: #default,
            identity: #identity,
            on_update: #on_update,
            comment: #comment,
            collation: #collation,
        }
    }
}

/// `impl Table for Struct`, with `def` as its `DEF`: the real definition, or the fallback's
/// stub.
pub fn impl_table(table: &Table, def: TokenStream) -> TokenStream {
    let ident = table.ident;
    let name = &table.name.value;
    let columns_ident = format_ident!("__{}Columns", ident);
    let columns = columns_value(table);
    // Only when given: the trait's default is `None`.
    let schema = table.schema.as_ref().map(|schema| {
        let schema = &schema.value;
        quote!(const SCHEMA: ::core::option::Option<&'static str> = ::core::option::Option::Some(#schema);)
    });
    quote! {
        #[automatically_derived]
        impl ::schema_core::Table for #ident {
            const NAME: &'static str = #name;
            #schema
            type Columns = #columns_ident;
            const COLUMNS: #columns_ident = #columns;
            const DEF: ::schema_core::TableDef = #def;
        }
    }
}

/// sqlx `FromRow` (by column name, every field) and `schema_core::BindRow` (every field but
/// the identity one, in order: what `insert_sql` lists), generic over the database so each
/// enabled backend gets them; with schema-core's feature `rows` only.
fn row_io(table: &Table) -> TokenStream {
    let ident = table.ident;
    let sqlx = quote!(::schema_core::__private::sqlx);
    let decode_bounds = distinct_types(table.fields.iter())
        .map(|ty| quote!(#ty: #sqlx::Decode<'r, R::Database> + #sqlx::Type<R::Database>));
    let inserted = || table.fields.iter().filter(|f| f.attrs.identity.is_none());
    let encode_bounds =
        distinct_types(inserted()).map(|ty| quote!(#ty: #sqlx::Encode<'q, DB> + #sqlx::Type<DB>));
    let reads = table.fields.iter().map(|f| {
        let name = f.ident;
        let column = &f.column.value;
        if f.attrs.collation.is_some() {
            // MySQL flags a text column with a binary collation (`utf8mb4_bin`, what `C` is
            // there) BINARY, and sqlx's type check then refuses `String` for it although the
            // bytes are the text: a field with a declared collation skips that check.
            quote!(#name: #sqlx::Row::try_get_unchecked(row, #column)?)
        } else {
            quote!(#name: #sqlx::Row::try_get(row, #column)?)
        }
    });
    let binds = inserted().map(|f| {
        let name = f.ident;
        quote!(.bind(&self.#name))
    });
    // The database writes identity fields, so nothing binds them: read them here anyway, so a
    // key the application never reads is not reported as dead code.
    let generated = table
        .fields
        .iter()
        .filter(|f| f.attrs.identity.is_some())
        .map(|f| {
            let name = f.ident;
            quote!(let _ = &self.#name;)
        });
    // Behind schema-core's feature `rows`: the macro passes the impls through or drops them.
    quote! { ::schema_core::__rows! {
        #[automatically_derived]
        impl<'r, R: #sqlx::Row> #sqlx::FromRow<'r, R> for #ident
        where
            &'static str: #sqlx::ColumnIndex<R>,
            #(#decode_bounds,)*
        {
            fn from_row(row: &'r R) -> ::core::result::Result<Self, #sqlx::Error> {
                ::core::result::Result::Ok(#ident { #(#reads,)* })
            }
        }

        #[automatically_derived]
        impl<'q, DB: #sqlx::Database> ::schema_core::BindRow<'q, DB> for #ident
        where
            #(#encode_bounds,)*
        {
            fn bind_row(
                &'q self,
                query: #sqlx::query::Query<'q, DB, <DB as #sqlx::Database>::Arguments<'q>>,
            ) -> #sqlx::query::Query<'q, DB, <DB as #sqlx::Database>::Arguments<'q>> {
                #(#generated)*
                query #(#binds)*
            }
        }
    } }
}

/// The fields' types, each once (as written): one bound per type, not per field, is less for
/// rustc to prove (the row impls are the largest part of what the derive costs `cargo check`).
fn distinct_types<'a>(
    fields: impl Iterator<Item = &'a Field<'a>>,
) -> impl Iterator<Item = &'a syn::Type> {
    let mut seen = std::collections::HashSet::new();
    fields
        .map(|f| f.ty)
        .filter(move |ty| seen.insert(ty.to_token_stream().to_string()))
}

/// The column's `SqlType`: the `sql_type` override, or the field type's `ColumnType`
/// (spanned at the type, so a type without a mapping is reported there).
fn sql_type(field: &Field) -> TokenStream {
    match &field.attrs.sql_type {
        Some(spec) => spec.value.tokens(),
        None => {
            let ty = field.ty;
            quote_spanned!(ty.span()=> <#ty as ::schema_core::ColumnType>::SQL_TYPE)
        }
    }
}

fn column_names(table: &Table, columns: &[KeyColumn]) -> Vec<String> {
    columns
        .iter()
        .filter_map(|c| c.field.map(|i| table.fields[i].column.value.clone()))
        .collect()
}

fn action(action: Option<&crate::attr::SpannedValue<Action>>) -> TokenStream {
    action.map_or(Action::NoAction, |a| a.value).tokens()
}

/// `<Target as Table>::COLUMNS.column`, spanned at the `references` value.
fn target_column(target: &syn::Path, column: &syn::Ident, span: Span) -> TokenStream {
    quote_spanned!(span=> <#target as ::schema_core::Table>::COLUMNS.#column)
}

fn foreign_key_def(table: &Table, fk: &ForeignKey) -> Option<TokenStream> {
    let reference = fk.reference.as_ref()?;
    let span = first_span(&reference.tokens);
    let target = &reference.table;
    let key_name = &fk.name.value;
    let cols = column_names(table, &fk.columns);
    let ref_cols = reference.columns.iter().map(|c| {
        let handle = target_column(target, c, span);
        quote!(#handle.name)
    });
    let on_delete = action(fk.on_delete.as_ref());
    let on_update = action(fk.on_update.as_ref());
    let ref_table = quote_spanned!(span=> <#target as ::schema_core::Table>::NAME);
    Some(quote! {
        ::schema_core::ForeignKeyDef {
            name: #key_name,
            columns: &[#(#cols),*],
            ref_table: #ref_table,
            ref_schema: <#target as ::schema_core::Table>::SCHEMA,
            ref_columns: &[#(#ref_cols),*],
            on_delete: #on_delete,
            on_update: #on_update,
        }
    })
}

/// Compile-time checks that need other types: defaults against the column's SQL type, the
/// Rust type of an identity or `on_update` column without `sql_type`, and each foreign key's
/// target column types and key. Only a field that uses a key gets its check, so a plain
/// table's expansion stays small.
fn checks(table: &Table) -> TokenStream {
    let mut out = TokenStream::new();
    for field in &table.fields {
        out.extend(generated_value_checks(table, field));
        out.extend(collation_check(table, field));
        // A default per dialect is the databases' to judge.
        let Some(default) = field
            .attrs
            .default
            .as_ref()
            .filter(|d| !matches!(d.value, DefaultSpec::PerDialect(_)))
        else {
            continue;
        };
        let span = first_span(&default.tokens);
        let sql_type = sql_type(field);
        let value = default.value.tokens();
        let written = default.tokens.to_string();
        let prefix = format!(
            "`{}`: `default = {written}` cannot be a value of this column's type, `",
            field.path(table)
        );
        out.extend(quote_spanned! {span=>
            const _: () = {
                let sql_type = #sql_type;
                if !::schema_core::__private::default_fits(sql_type, #value) {
                    let message = ::schema_core::__private::ConstMessage::new()
                        .push(#prefix)
                        .push(::schema_core::__private::sql_type_name(sql_type))
                        .push("`: write a literal of that type");
                    ::core::panic!("{}", message.as_str());
                }
            };
        });
    }
    for fk in &table.foreign_keys {
        if let Some(reference) = &fk.reference {
            out.extend(foreign_key_checks(table, fk, reference));
        }
    }
    out.to_token_stream()
}

/// For a field without `sql_type`: an identity column's Rust type is stored as an integer,
/// an `on_update` column's as a timestamp. Spanned at the key; the message is a literal that
/// names the field and its type. (With `sql_type`, `check` judges it.)
fn generated_value_checks(table: &Table, field: &Field) -> TokenStream {
    if field.attrs.sql_type.is_some() {
        return TokenStream::new();
    }
    let ty = field.ty;
    let written = ty.to_token_stream().to_string().replace(' ', "");
    let sql_type = quote!(<#ty as ::schema_core::ColumnType>::SQL_TYPE);
    let mut out = TokenStream::new();
    if let Some(identity) = &field.attrs.identity {
        let message = format!(
            "`{}`: `identity` needs an integer column, but `{written}` is not stored as one: make the field `i64` (or another integer type), or remove `identity`",
            field.path(table)
        );
        out.extend(quote_spanned! {first_span(&identity.tokens)=>
            const _: () = ::core::assert!(#sql_type.is_integer(), #message);
        });
    }
    if let Some(on_update) = &field.attrs.on_update {
        let message = format!(
            "`{}`: `on_update` needs a timestamp column, but `{written}` is not stored as one: make the field `chrono::DateTime<chrono::Utc>` or `chrono::NaiveDateTime`, or remove `on_update`",
            field.path(table)
        );
        out.extend(quote_spanned! {first_span(&on_update.tokens)=>
            const _: () = ::core::assert!(
                ::core::matches!(
                    #sql_type,
                    ::schema_core::SqlType::Timestamp | ::schema_core::SqlType::TimestampTz
                ),
                #message
            );
        });
    }
    out
}

/// For a field with a `collation` and without `sql_type`: its Rust type is stored as text.
/// Spanned at the collation. (With `sql_type`, `check` judges it.)
fn collation_check(table: &Table, field: &Field) -> TokenStream {
    let (Some(collation), None) = (&field.attrs.collation, &field.attrs.sql_type) else {
        return TokenStream::new();
    };
    let ty = field.ty;
    let written = ty.to_token_stream().to_string().replace(' ', "");
    let message = format!(
        "`{}`: `collation` orders text, but `{written}` is not stored as text: remove `collation`, or make the field `String`",
        field.path(table)
    );
    quote_spanned! {first_span(&collation.tokens)=>
        const _: () = ::core::assert!(
            ::core::matches!(
                <#ty as ::schema_core::ColumnType>::SQL_TYPE,
                ::schema_core::SqlType::Text
                    | ::schema_core::SqlType::Varchar(_)
                    | ::schema_core::SqlType::Char(_)
                    | ::schema_core::SqlType::Custom(_)
            ),
            #message
        );
    }
}

/// A foreign key's checks against its target: each column's Rust type (a trait bound whose
/// `on_unimplemented` message names the field), then that the referenced columns are a key.
fn foreign_key_checks(table: &Table, fk: &ForeignKey, reference: &Reference) -> TokenStream {
    let span = first_span(&reference.tokens);
    let target = &reference.table;
    let type_checks = type_checks(table, fk, reference, span);
    let written = written_reference(reference);
    let target_def = quote_spanned!(span=> <#target as ::schema_core::Table>::DEF);
    let is_key = {
        let handles = reference.columns.iter().map(|c| {
            let handle = target_column(target, c, span);
            quote!(#handle.name)
        });
        quote_spanned! {span=>
            ::schema_core::__private::is_referenceable_key(&#target_def, &[#(#handles),*])
        }
    };
    let not_a_key = if reference.columns.len() == 1 {
        let fields: Vec<String> = fk
            .columns
            .iter()
            .filter_map(|c| c.field.map(|i| table.fields[i].path(table)))
            .collect();
        let message = format!(
            "`{}`: `references = {written}` targets a column that is neither the primary key nor unique; reference the primary key, or make the target `#[column(unique)]`",
            fields.join("`, `")
        );
        quote_spanned!(span=> ::core::panic!(#message))
    } else {
        let message = format!(
            "`{}`: `references = {written}` is not, in this order, the target's primary key or one of its unique constraints; reference a key exactly as it is declared: ",
            table.ident
        );
        quote_spanned! {span=>
            let message = ::schema_core::__private::keys_of(#message, &#target_def);
            ::core::panic!("{}", message.as_str())
        }
    };
    quote_spanned! {span=>
        const _: () = {
            #type_checks
            if !#is_key {
                #not_a_key;
            }
        };
    }
}

/// One trait-bound check per column pair: the referencing field's type against the target
/// column's, reported through `ForeignKeyType`'s `on_unimplemented` message.
fn type_checks(table: &Table, fk: &ForeignKey, reference: &Reference, span: Span) -> TokenStream {
    let ident = table.ident;
    let target = &reference.table;
    fk.columns
        .iter()
        .zip(&reference.columns)
        .filter_map(|(column, target_col)| {
            let field = &table.fields[column.field?];
            let ty = field.ty;
            // The marker type is named like the field, for the message only. It lives in an
            // inner block so it cannot shadow a type the check names (a field `i64`, say).
            let mut marker = field.ident.clone();
            marker.set_span(span);
            Some(quote_spanned! {span=>
                {
                    type __Source = #ty;
                    type __Table = #ident;
                    {
                        #[allow(non_camel_case_types, dead_code)]
                        struct #marker;
                        <#target as ::schema_core::Table>::COLUMNS
                            .#target_col
                            .referenced_by::<__Source, __Table, #marker>();
                    }
                }
            })
        })
        .collect()
}

/// `Target::column` or `Target(a, b)`, as the user would write it.
fn written_reference(reference: &Reference) -> String {
    let path = reference
        .table
        .to_token_stream()
        .to_string()
        .replace(' ', "");
    match reference.columns.as_slice() {
        [column] if !reference.tokens.to_string().ends_with(')') => {
            format!("{path}::{}", column.unraw())
        }
        columns => {
            let columns: Vec<String> = columns.iter().map(|c| c.unraw().to_string()).collect();
            format!("{path}({})", columns.join(", "))
        }
    }
}
