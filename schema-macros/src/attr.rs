//! The attribute grammar: one typed slot per key, each keeping its tokens for error spans.
//!
//! Parsing never stops at the first mistake: an unknown key, a repeated key or a value of the
//! wrong kind is pushed to the [`Ctxt`] and the rest of the attribute is still read.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{token, Attribute, Ident, LitStr, Path, Token};

use crate::ctxt::Ctxt;
use crate::default_value::DefaultSpec;
use crate::sql_type::SqlTypeSpec;
use crate::suggest;
use crate::symbol::*;

/// A value and the tokens it was written as (for errors).
#[derive(Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub tokens: TokenStream,
}

impl<T> ToTokens for Spanned<T> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.tokens.to_tokens(tokens);
    }
}

/// A parenthesized list of column names: `columns(a, b)`, `primary_key(a, b)`.
#[derive(Clone)]
pub struct ColumnList {
    pub idents: Vec<Ident>,
    /// `columns(a, b)`, for errors about the whole list.
    pub tokens: TokenStream,
}

/// A referential action.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(clippy::enum_variant_names)] // `NoAction` is the SQL name
pub enum Action {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

const ACTIONS: &[&str] = &[
    "cascade",
    "restrict",
    "set_null",
    "set_default",
    "no_action",
];

impl Action {
    fn from_ident(ident: &Ident) -> Option<Action> {
        Some(match ident.to_string().as_str() {
            "cascade" => Action::Cascade,
            "restrict" => Action::Restrict,
            "set_null" => Action::SetNull,
            "set_default" => Action::SetDefault,
            "no_action" => Action::NoAction,
            _ => return None,
        })
    }

    pub fn tokens(self) -> TokenStream {
        let variant = match self {
            Action::NoAction => quote!(NoAction),
            Action::Restrict => quote!(Restrict),
            Action::Cascade => quote!(Cascade),
            Action::SetNull => quote!(SetNull),
            Action::SetDefault => quote!(SetDefault),
        };
        quote!(::schema_core::ReferentialAction::#variant)
    }
}

/// `references = Target::column` (a field's key) or `references = Target(a, b)` (composite).
#[derive(Clone)]
pub struct Reference {
    /// The target table's type path.
    pub table: Path,
    /// The target columns (field names of the target struct).
    pub columns: Vec<Ident>,
    /// The whole value, for errors.
    pub tokens: TokenStream,
}

/// `#[index(...)]`, on a field or on the struct.
pub struct IndexAttr {
    /// The attribute (`index` keyword and its arguments), for errors about it as a whole.
    pub tokens: TokenStream,
    pub columns: Option<ColumnList>,
    pub name: Option<Spanned<String>>,
    pub unique: Option<Span>,
}

/// `#[unique(...)]` on the struct.
pub struct UniqueAttr {
    pub tokens: TokenStream,
    pub columns: Option<ColumnList>,
    pub name: Option<Spanned<String>>,
}

/// `#[foreign_key(...)]`, on a field or on the struct.
pub struct ForeignKeyAttr {
    pub tokens: TokenStream,
    pub columns: Option<ColumnList>,
    pub references: Option<Reference>,
    pub on_delete: Option<Spanned<Action>>,
    pub on_update: Option<Spanned<Action>>,
    pub name: Option<Spanned<String>>,
    /// `references` was given but could not be read (already reported).
    pub references_invalid: bool,
}

/// Everything on the struct.
#[derive(Default)]
pub struct TableAttrs {
    pub name: Option<Spanned<String>>,
    pub primary_key: Option<ColumnList>,
    pub indexes: Vec<IndexAttr>,
    pub uniques: Vec<UniqueAttr>,
    pub foreign_keys: Vec<ForeignKeyAttr>,
}

/// Everything on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub name: Option<Spanned<String>>,
    pub primary_key: Option<Span>,
    pub unique: Option<Span>,
    pub sql_type: Option<Spanned<SqlTypeSpec>>,
    pub default: Option<Spanned<DefaultSpec>>,
    pub indexes: Vec<IndexAttr>,
    pub foreign_keys: Vec<ForeignKeyAttr>,
}

const TABLE_KEYS: &[&str] = &["name", "primary_key"];
const COLUMN_KEYS: &[&str] = &["name", "primary_key", "unique", "sql_type", "default"];
const FIELD_INDEX_KEYS: &[&str] = &["name", "unique"];
const STRUCT_INDEX_KEYS: &[&str] = &["columns", "name", "unique"];
const UNIQUE_KEYS: &[&str] = &["columns", "name"];
const FIELD_FK_KEYS: &[&str] = &["references", "on_delete", "on_update", "name"];
const STRUCT_FK_KEYS: &[&str] = &["columns", "references", "on_delete", "on_update", "name"];

impl TableAttrs {
    /// The struct's attributes; errors are about `owner` (the struct's name).
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute], owner: String) -> TableAttrs {
        cx.set_owner(owner);
        let mut out = TableAttrs::default();
        for attr in attrs {
            let path = attr.path();
            if path == TABLE {
                for_each_key(cx, attr, "table", TABLE_KEYS, |key, meta| {
                    if key == NAME {
                        set_once(cx, &mut out.name, key, string_value(meta)?);
                    } else if key == PRIMARY_KEY {
                        let list = column_list(meta)?;
                        set_once(cx, &mut out.primary_key, key, list);
                    }
                    Ok(())
                });
            } else if path == INDEX {
                out.indexes
                    .push(IndexAttr::parse(cx, attr, STRUCT_INDEX_KEYS));
            } else if path == UNIQUE {
                out.uniques.push(UniqueAttr::parse(cx, attr));
            } else if path == FOREIGN_KEY {
                out.foreign_keys
                    .push(ForeignKeyAttr::parse(cx, attr, STRUCT_FK_KEYS));
            } else if path == COLUMN {
                cx.error_at(
                    attr,
                    "`#[column(...)]` goes on a field; on the struct, use `#[table(...)]`",
                );
            }
        }
        cx.clear_owner();
        out
    }
}

impl FieldAttrs {
    /// A field's attributes; errors are about `owner` (`Struct.field`).
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute], owner: String) -> FieldAttrs {
        cx.set_owner(owner);
        let mut out = FieldAttrs::default();
        for attr in attrs {
            let path = attr.path();
            if path == COLUMN {
                for_each_key(cx, attr, "column", COLUMN_KEYS, |key, meta| {
                    if key == NAME {
                        set_once(cx, &mut out.name, key, string_value(meta)?);
                    } else if key == PRIMARY_KEY {
                        let span = flag(cx, key, meta)?;
                        set_once(cx, &mut out.primary_key, key, span);
                    } else if key == UNIQUE {
                        let span = flag(cx, key, meta)?;
                        set_once(cx, &mut out.unique, key, span);
                    } else if key == SQL_TYPE {
                        let lit = string_value(meta)?;
                        match SqlTypeSpec::parse(&lit.value) {
                            Ok(spec) => set_once(
                                cx,
                                &mut out.sql_type,
                                key,
                                Spanned {
                                    value: spec,
                                    tokens: lit.tokens,
                                },
                            ),
                            Err(message) => cx.error_at(&lit, message),
                        }
                    } else if key == DEFAULT {
                        let lit = string_value(meta)?;
                        match DefaultSpec::parse(&lit.value) {
                            Ok(spec) => set_once(
                                cx,
                                &mut out.default,
                                key,
                                Spanned {
                                    value: spec,
                                    tokens: lit.tokens,
                                },
                            ),
                            Err(message) => cx.error_at(&lit, message),
                        }
                    }
                    Ok(())
                });
            } else if path == INDEX {
                out.indexes
                    .push(IndexAttr::parse(cx, attr, FIELD_INDEX_KEYS));
            } else if path == FOREIGN_KEY {
                out.foreign_keys
                    .push(ForeignKeyAttr::parse(cx, attr, FIELD_FK_KEYS));
            } else if path == TABLE || path == UNIQUE {
                let name = if path == TABLE { "table" } else { "unique" };
                let hint = if path == TABLE {
                    ""
                } else {
                    "; on a field, write `#[column(unique)]`"
                };
                cx.error_at(
                    attr,
                    format!("`#[{name}(...)]` goes on the struct, not on a field{hint}"),
                );
            }
        }
        cx.clear_owner();
        out
    }
}

impl IndexAttr {
    fn parse(cx: &Ctxt, attr: &Attribute, keys: &[&str]) -> IndexAttr {
        let mut out = IndexAttr {
            tokens: attr_tokens(attr),
            columns: None,
            name: None,
            unique: None,
        };
        // A bare `#[index]` on a field: all defaults.
        if matches!(attr.meta, syn::Meta::Path(_)) {
            return out;
        }
        for_each_key(cx, attr, "index", keys, |key, meta| {
            if key == COLUMNS {
                set_once(cx, &mut out.columns, key, column_list(meta)?);
            } else if key == NAME {
                set_once(cx, &mut out.name, key, string_value(meta)?);
            } else if key == UNIQUE {
                let span = flag(cx, key, meta)?;
                set_once(cx, &mut out.unique, key, span);
            }
            Ok(())
        });
        out
    }
}

impl UniqueAttr {
    fn parse(cx: &Ctxt, attr: &Attribute) -> UniqueAttr {
        let mut out = UniqueAttr {
            tokens: attr_tokens(attr),
            columns: None,
            name: None,
        };
        for_each_key(cx, attr, "unique", UNIQUE_KEYS, |key, meta| {
            if key == COLUMNS {
                set_once(cx, &mut out.columns, key, column_list(meta)?);
            } else if key == NAME {
                set_once(cx, &mut out.name, key, string_value(meta)?);
            }
            Ok(())
        });
        out
    }
}

impl ForeignKeyAttr {
    fn parse(cx: &Ctxt, attr: &Attribute, keys: &[&str]) -> ForeignKeyAttr {
        let mut out = ForeignKeyAttr {
            tokens: attr_tokens(attr),
            columns: None,
            references: None,
            on_delete: None,
            on_update: None,
            name: None,
            references_invalid: false,
        };
        for_each_key(cx, attr, "foreign_key", keys, |key, meta| {
            if key == COLUMNS {
                set_once(cx, &mut out.columns, key, column_list(meta)?);
            } else if key == REFERENCES {
                let input = meta.value()?;
                if input.peek(LitStr) {
                    let lit: LitStr = input.parse()?;
                    out.references_invalid = true;
                    cx.error_at(
                        &lit,
                        format!(
                            "`references` takes a path, not a string: write `references = {}`",
                            lit.value()
                        ),
                    );
                    return Ok(());
                }
                match parse_reference(input) {
                    Ok(reference) => set_once(cx, &mut out.references, key, reference),
                    Err(error) => {
                        out.references_invalid = true;
                        return Err(error);
                    }
                }
            } else if key == ON_DELETE || key == ON_UPDATE {
                let slot = if key == ON_DELETE {
                    &mut out.on_delete
                } else {
                    &mut out.on_update
                };
                if let Some(action) = action_value(cx, key, meta)? {
                    set_once(cx, slot, key, action);
                }
            } else if key == NAME {
                set_once(cx, &mut out.name, key, string_value(meta)?);
            }
            Ok(())
        });
        out
    }
}

/// `#[index(...)]` as tokens: the path and its arguments (stable Rust cannot join spans, so
/// an error over these tokens reaches from the name to the closing parenthesis).
fn attr_tokens(attr: &Attribute) -> TokenStream {
    attr.meta.to_token_stream()
}

/// Runs `handle` for each `key` or `key = value` or `key(...)` of `attr`. An unknown key is
/// reported with the valid keys and the closest one; its value is skipped and parsing goes on.
fn for_each_key(
    cx: &Ctxt,
    attr: &Attribute,
    attr_name: &str,
    keys: &[&str],
    mut handle: impl FnMut(&Ident, &ParseNestedMeta) -> syn::Result<()>,
) {
    if let syn::Meta::Path(path) = &attr.meta {
        cx.error_at(
            path,
            format!(
                "`#[{attr_name}]` needs arguments: `#[{attr_name}(...)]` with {}",
                suggest::one_of(keys)
            ),
        );
        return;
    }
    let result = attr.parse_nested_meta(|meta| {
        let Some(key) = meta.path.get_ident().cloned() else {
            cx.error_at(
                &meta.path,
                format!(
                    "expected one of {} in `#[{attr_name}(...)]`",
                    suggest::one_of(keys)
                ),
            );
            return skip_value(&meta);
        };
        let key_text = key.to_string();
        if !keys.contains(&key_text.as_str()) {
            let mut message = format!(
                "unknown key `{key}` in `#[{attr_name}(...)]`; expected {}",
                suggest::one_of(keys)
            );
            if let Some(best) = suggest::closest(&key_text, keys) {
                message.push_str(&format!("\n\nhelp: did you mean `{best}`?"));
                if best == "primary_key" {
                    cx.note_misspelt_primary_key();
                }
            }
            cx.error_at(&key, message);
            return skip_value(&meta);
        }
        if let Err(error) = handle(&key, &meta) {
            cx.syn_error(error);
            return skip_value(&meta);
        }
        Ok(())
    });
    if let Err(error) = result {
        cx.syn_error(error);
    }
}

/// Consumes whatever is left of a key we will not read (`= expr`, `(...)`, or the rest of a
/// value that failed to parse), so the keys after it are still parsed.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
    } else if meta.input.peek(token::Paren) {
        let _group: Group = meta.input.parse()?;
    }
    skip_until_comma(meta.input)
}

fn skip_until_comma(input: ParseStream) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// Stores `value` in `slot`; a key given twice is an error at its second occurrence.
fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, key: &Ident, value: T) {
    if slot.is_some() {
        cx.error_at(key, format!("`{key}` is given twice; keep one"));
    } else {
        *slot = Some(value);
    }
}

/// A flag key (`primary_key`, `unique`) takes no value.
fn flag(cx: &Ctxt, key: &Ident, meta: &ParseNestedMeta) -> syn::Result<Span> {
    if meta.input.peek(Token![=]) || meta.input.peek(token::Paren) {
        let mut value = TokenStream::new();
        if meta.input.peek(Token![=]) {
            meta.input.parse::<Token![=]>()?;
            while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                value.extend([meta.input.parse::<TokenTree>()?]);
            }
        } else {
            let group: Group = meta.input.parse()?;
            value.extend([TokenTree::Group(group)]);
        }
        cx.error_at(
            &value,
            format!("`{key}` is a flag and takes no value: write `{key}` alone"),
        );
    }
    Ok(key.span())
}

/// `key = "text"`.
fn string_value(meta: &ParseNestedMeta) -> syn::Result<Spanned<String>> {
    let key = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let input = meta.value()?;
    if !input.peek(LitStr) {
        let mut value = TokenStream::new();
        while !input.is_empty() && !input.peek(Token![,]) {
            value.extend([input.parse::<TokenTree>()?]);
        }
        return Err(syn::Error::new_spanned(
            value,
            format!("`{key}` takes a string literal: `{key} = \"...\"`"),
        ));
    }
    let lit: LitStr = input.parse()?;
    Ok(Spanned {
        value: lit.value(),
        tokens: lit.to_token_stream(),
    })
}

/// `key(a, b)`.
fn column_list(meta: &ParseNestedMeta) -> syn::Result<ColumnList> {
    let key = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    if !meta.input.peek(token::Paren) {
        return Err(meta.error(format!("`{key}` takes a list of columns: `{key}(a, b)`")));
    }
    let content;
    let parens = syn::parenthesized!(content in meta.input);
    let idents: Punctuated<Ident, Token![,]> =
        content.parse_terminated(Ident::parse_any_ident, Token![,])?;
    let idents: Vec<Ident> = idents.into_iter().collect();
    let mut tokens = meta.path.to_token_stream();
    tokens.extend([parenthesized(&idents, parens.span.join())]);
    if idents.is_empty() {
        return Err(syn::Error::new_spanned(
            tokens,
            format!("`{key}()` lists no column"),
        ));
    }
    Ok(ColumnList { idents, tokens })
}

/// `(a, b)` as written, keeping the parentheses' span, so an error over a whole list ends at
/// its `)` (a group built by `quote!` would end at the derive).
fn parenthesized(idents: &[Ident], span: Span) -> TokenTree {
    let mut group = Group::new(Delimiter::Parenthesis, quote!(#(#idents),*));
    group.set_span(span);
    TokenTree::Group(group)
}

trait ParseAnyIdent {
    fn parse_any_ident(input: ParseStream) -> syn::Result<Ident>;
}

impl ParseAnyIdent for Ident {
    /// Column names may be keywords (`r#type` as a field is `type` here).
    fn parse_any_ident(input: ParseStream) -> syn::Result<Ident> {
        use syn::ext::IdentExt;
        Ident::parse_any(input)
    }
}

/// `on_delete = cascade`: an unknown action lists the valid ones.
fn action_value(
    cx: &Ctxt,
    key: &Ident,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<Spanned<Action>>> {
    let input = meta.value()?;
    let ident: Ident = match input.parse() {
        Ok(ident) => ident,
        Err(_) => {
            let mut value = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![,]) {
                value.extend([input.parse::<TokenTree>()?]);
            }
            cx.error_at(
                &value,
                format!("`{key}` takes an action: {}", suggest::one_of(ACTIONS)),
            );
            return Ok(None);
        }
    };
    match Action::from_ident(&ident) {
        Some(action) => Ok(Some(Spanned {
            value: action,
            tokens: ident.to_token_stream(),
        })),
        None => {
            let mut message = format!(
                "unknown action `{ident}` for `{key}`; expected {}",
                suggest::one_of(ACTIONS)
            );
            if let Some(best) = suggest::closest(&ident.to_string(), ACTIONS) {
                message.push_str(&format!("\n\nhelp: did you mean `{best}`?"));
            }
            cx.error_at(&ident, message);
            Ok(None)
        }
    }
}

/// `Target::column` or `Target(a, b)`.
fn parse_reference(input: ParseStream) -> syn::Result<Reference> {
    let path = Path::parse_mod_style(input)?;
    if input.peek(token::Paren) {
        let content;
        let parens = syn::parenthesized!(content in input);
        let columns: Punctuated<Ident, Token![,]> =
            content.parse_terminated(Ident::parse_any_ident, Token![,])?;
        let columns: Vec<Ident> = columns.into_iter().collect();
        let mut tokens = path.to_token_stream();
        tokens.extend([parenthesized(&columns, parens.span.join())]);
        if columns.is_empty() {
            return Err(syn::Error::new_spanned(
                tokens,
                "`references = Target(...)` lists no column",
            ));
        }
        return Ok(Reference {
            table: path,
            columns,
            tokens,
        });
    }
    let tokens = path.to_token_stream();
    if path.segments.len() < 2 {
        return Err(syn::Error::new_spanned(
            tokens,
            "`references` names a column: `references = Table::column`, or `Table(a, b)` for a composite key",
        ));
    }
    let mut table = path.clone();
    let column = match table.segments.pop() {
        Some(pair) => pair.into_value().ident,
        None => {
            return Err(syn::Error::new_spanned(
                tokens,
                "`references` names a column",
            ))
        }
    };
    // `Dashboard::` left a trailing separator.
    if let Some(last) = table.segments.pop() {
        table.segments.push_value(last.into_value());
    }
    Ok(Reference {
        table,
        columns: vec![column],
        tokens,
    })
}
