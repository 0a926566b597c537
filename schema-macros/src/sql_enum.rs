//! `#[derive(SqlEnum)]`: a fieldless enum as an SQL enum type.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::{Data, DataEnum, DeriveInput, Fields, Ident, LitStr, Variant};

use crate::ast::snake_case;
use crate::attr::literal_text;
use crate::check::MAX_IDENTIFIER_BYTES;
use crate::ctxt::Ctxt;
use crate::symbol::{NAME, RENAME, SQL_ENUM};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let ident = &input.ident;
    let name = type_name(&cx, input);
    let Data::Enum(data) = &input.data else {
        cx.error_at(
            ident,
            format!("`#[derive(SqlEnum)]` goes on a fieldless enum; `{ident}` is not an enum"),
        );
        return error_tokens(cx);
    };
    if !input.generics.params.is_empty() {
        cx.error_at(
            &input.generics,
            format!("`#[derive(SqlEnum)]` on `{ident}`: an SQL enum cannot be generic"),
        );
    }
    let variants = variants(&cx, ident, data);
    if let Err(errors) = cx.check() {
        return errors.to_compile_error();
    }
    expand(ident, &name, &variants)
}

/// The SQL type name: `#[sql_enum(name = "...")]`, or the enum's name in lowercase.
fn type_name(cx: &Ctxt, input: &DeriveInput) -> String {
    let ident = &input.ident;
    let mut name: Option<(String, TokenStream)> = None;
    cx.set_owner(ident.to_string());
    for attr in input.attrs.iter().filter(|a| a.path() == SQL_ENUM) {
        // #[sql_enum(name = "...")]
        let result = attr.parse_nested_meta(|meta| {
            if meta.path == NAME {
                let lit: LitStr = meta.value()?.parse()?;
                if name.is_some() {
                    cx.error_at(&meta.path, "`name` is given twice; keep one");
                }
                name = Some((literal_text(&lit, "name")?, lit.to_token_stream()));
                Ok(())
            } else {
                Err(meta.error("unknown key in `#[sql_enum(...)]` on an enum; expected `name`"))
            }
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    cx.clear_owner();
    let (name, name_tokens) =
        name.unwrap_or_else(|| (ident.to_string().to_lowercase(), ident.to_token_stream()));
    if name.len() > MAX_IDENTIFIER_BYTES {
        cx.error_at(&name_tokens, format!("`{ident}`: the enum type name `{name}` is {} bytes, longer than PostgreSQL's limit of {MAX_IDENTIFIER_BYTES}: shorten it", name.len()));
    }
    name
}

/// Each variant with its label, checked: no fields, labels distinct, at least one.
fn variants<'a>(cx: &Ctxt, ident: &Ident, data: &'a DataEnum) -> Vec<(&'a Ident, String)> {
    let mut variants: Vec<(&Ident, String)> = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            cx.error_at(
                &variant.fields,
                format!(
                    "`{ident}::{}`: an SQL enum's variants carry no data",
                    variant.ident
                ),
            );
        }
        cx.set_owner(format!("{ident}::{}", variant.ident));
        let label = label(cx, variant);
        cx.clear_owner();
        let label = label.unwrap_or_else(|| snake_case(&variant.ident.to_string()));
        if variants.iter().any(|(_, l)| *l == label) {
            cx.error_at(
                &variant.ident,
                format!(
                    "`{ident}::{}`: the label `{label}` is used by another variant",
                    variant.ident
                ),
            );
        }
        variants.push((&variant.ident, label));
    }
    if variants.is_empty() {
        cx.error_at(
            ident,
            format!("`{ident}` has no variants: an SQL enum needs at least one label"),
        );
    }
    variants
}

/// A variant's `#[sql_enum(rename = "...")]`.
fn label(cx: &Ctxt, variant: &Variant) -> Option<String> {
    let mut label = None;
    for attr in variant.attrs.iter().filter(|a| a.path() == SQL_ENUM) {
        // #[sql_enum(rename = "...")]
        let result = attr.parse_nested_meta(|meta| {
            if meta.path == RENAME {
                let lit: LitStr = meta.value()?.parse()?;
                label = Some(literal_text(&lit, "rename")?);
                Ok(())
            } else {
                Err(meta.error("unknown key in `#[sql_enum(...)]` on a variant; expected `rename`"))
            }
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    label
}

/// The impls of a checked enum.
fn expand(ident: &Ident, name: &str, variants: &[(&Ident, String)]) -> TokenStream {
    let rust_name = ident.to_string();
    let to_label = variants.iter().map(|(v, l)| quote!(#ident::#v => #l));
    let from_label = variants
        .iter()
        .map(|(v, l)| quote!(#l => ::core::option::Option::Some(#ident::#v)));
    let labels = variants.iter().map(|(_, l)| l);
    quote! {
        #[automatically_derived]
        impl ::schema_core::SqlEnum for #ident {
            const DEF: ::schema_core::EnumDef = ::schema_core::EnumDef {
                name: #name,
                rust_name: ::core::concat!(::core::module_path!(), "::", #rust_name),
                values: &[#(#labels),*],
            };
            fn as_label(&self) -> &'static str {
                match self { #(#to_label,)* }
            }
            fn from_label(label: &str) -> ::core::option::Option<Self> {
                match label { #(#from_label,)* _ => ::core::option::Option::None }
            }
        }

        #[automatically_derived]
        impl ::schema_core::ColumnType for #ident {
            const SQL_TYPE: ::schema_core::SqlType =
                ::schema_core::SqlType::Enum(&<#ident as ::schema_core::SqlEnum>::DEF);
        }

        ::schema_core::__sqlx_enum_postgres!(#ident);
        ::schema_core::__sqlx_enum_sqlite!(#ident);
        ::schema_core::__sqlx_enum_mysql!(#ident);
    }
}

fn error_tokens(cx: Ctxt) -> TokenStream {
    match cx.check() {
        Ok(()) => TokenStream::new(),
        Err(errors) => errors.to_compile_error(),
    }
}
