//! Reading one key's value: `key`, `key = value` or `key(...)`, typed, with its tokens kept
//! for errors. A value that cannot be read is reported and skipped, so the keys after it in
//! the same attribute are still read.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{token, Attribute, Ident, LitStr, Path, Token};

use super::{Action, ColumnList, IdentityKind, IndexMethod, Reference, SpannedValue};
use crate::ctxt::Ctxt;
use crate::dialect_text::DialectTexts;
use crate::suggest;
use crate::symbol::{Symbol, MYSQL, POSTGRES, SQLITE};

const ACTIONS: &[(&str, Action)] = &[
    ("cascade", Action::Cascade),
    ("restrict", Action::Restrict),
    ("set_null", Action::SetNull),
    ("set_default", Action::SetDefault),
    ("no_action", Action::NoAction),
];

const IDENTITY_KINDS: &[(&str, IdentityKind)] = &[
    ("by_default", IdentityKind::ByDefault),
    ("always", IdentityKind::Always),
    ("serial", IdentityKind::Serial),
];

const INDEX_METHODS: &[(&str, IndexMethod)] = &[
    ("btree", IndexMethod::BTree),
    ("hash", IndexMethod::Hash),
    ("gin", IndexMethod::Gin),
    ("gist", IndexMethod::Gist),
    ("brin", IndexMethod::Brin),
];

/// The keys of `sql_type(...)` and `default(...)`.
const DIALECTS: &[Symbol] = &[POSTGRES, SQLITE, MYSQL];

/// `#[index(...)]` as tokens: the path and its arguments (stable Rust cannot join spans, so
/// an error over these tokens reaches from the name to the closing parenthesis).
pub(super) fn attr_tokens(attr: &Attribute) -> TokenStream {
    attr.meta.to_token_stream()
}

/// Runs `handle` for each `key` or `key = value` or `key(...)` of `attr`. An unknown key is
/// reported with the valid keys and the closest one; its value is skipped and parsing goes on.
/// Returns the keys suggested for unknown ones (a misspelt `primary_key` matters later).
pub(super) fn for_each_key(
    cx: &Ctxt,
    attr: &Attribute,
    attr_name: Symbol,
    keys: &[Symbol],
    mut handle: impl FnMut(&Ident, &ParseNestedMeta) -> syn::Result<()>,
) -> Vec<Symbol> {
    let mut suggested = Vec::new();
    let keys_text: Vec<&str> = keys.iter().map(|key| key.0).collect();
    let keys = keys_text.as_slice();
    if let syn::Meta::Path(path) = &attr.meta {
        cx.error_at(
            path,
            format!(
                "`#[{attr_name}]` needs arguments: `#[{attr_name}(...)]` with {}",
                suggest::one_of(keys)
            ),
        );
        return suggested;
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
                suggested.push(Symbol(best));
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
    suggested
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
pub(super) fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, key: &Ident, value: T) {
    if slot.is_some() {
        cx.error_at(key, format!("`{key}` is given twice; keep one"));
    } else {
        *slot = Some(value);
    }
}

/// A flag key (`primary_key`, `unique`) takes no value.
pub(super) fn flag(cx: &Ctxt, key: &Ident, meta: &ParseNestedMeta) -> syn::Result<Span> {
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
pub(super) fn string_value(meta: &ParseNestedMeta) -> syn::Result<SpannedValue<String>> {
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
    Ok(SpannedValue {
        value: literal_text(&lit, &key)?,
        tokens: lit.to_token_stream(),
    })
}

/// The text of `lit`, the value of `key`; an error at it when it holds a NUL byte, which
/// PostgreSQL refuses in text and in names and which C code under the other two cuts at.
pub(crate) fn literal_text(lit: &LitStr, key: &str) -> syn::Result<String> {
    let text = lit.value();
    if text.contains('\0') {
        return Err(syn::Error::new_spanned(
            lit,
            format!("`{key}` holds a NUL byte (`\\0`): no database keeps one in a name or a string (PostgreSQL refuses it, MySQL and SQLite cut at it); remove it"),
        ));
    }
    Ok(text)
}

/// `key(a, b)`.
pub(super) fn column_list(meta: &ParseNestedMeta) -> syn::Result<ColumnList> {
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
pub(super) fn action_value(
    cx: &Ctxt,
    key: &Ident,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<SpannedValue<Action>>> {
    let input = meta.value()?;
    keyword(cx, key, input, ("action", "an action"), ACTIONS)
}

/// `method = gin`: an unknown method lists the valid ones.
pub(super) fn method_value(
    cx: &Ctxt,
    key: &Ident,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<SpannedValue<IndexMethod>>> {
    let input = meta.value()?;
    keyword(cx, key, input, ("method", "an index method"), INDEX_METHODS)
}

/// `key = "text"` (the same text on every dialect, trimmed; an empty one is kept for the
/// checks to report) or `key(postgres = "...", sqlite = "...", mysql = "...")`.
pub(super) fn text_or_per_dialect(
    cx: &Ctxt,
    key: &Ident,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<SpannedValue<DialectTexts>>> {
    if meta.input.peek(token::Paren) {
        return per_dialect(cx, key, meta);
    }
    let lit = string_value(meta)?;
    let texts = DialectTexts::everywhere(lit.value.trim());
    Ok(Some(lit.with(texts)))
}

/// `identity` alone (`by_default`), or `identity = by_default | always | serial`. The tokens
/// are the key and its value, so an error covers both and a check points at the key.
pub(super) fn identity_value(
    cx: &Ctxt,
    key: &Ident,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<SpannedValue<IdentityKind>>> {
    let mut tokens = key.to_token_stream();
    if meta.input.peek(token::Paren) {
        let group: Group = meta.input.parse()?;
        let kinds: Vec<&str> = IDENTITY_KINDS.iter().map(|(name, _)| *name).collect();
        cx.error_at(
            &group,
            format!(
                "`identity` takes no list: write `identity`, or `identity = ` one of {}",
                suggest::one_of(&kinds)
            ),
        );
        return Ok(None);
    }
    if !meta.input.peek(Token![=]) {
        return Ok(Some(SpannedValue {
            value: IdentityKind::ByDefault,
            tokens,
        }));
    }
    let input = meta.value()?;
    let kind = keyword(cx, key, input, ("kind", "a kind"), IDENTITY_KINDS)?;
    Ok(kind.map(|kind| {
        tokens.extend(kind.tokens);
        SpannedValue {
            value: kind.value,
            tokens,
        }
    }))
}

/// One of `choices`, written as an identifier: anything else is an error listing them (`noun`
/// names a choice: `("action", "an action")`), with the closest one.
fn keyword<T: Copy>(
    cx: &Ctxt,
    key: &Ident,
    input: ParseStream,
    (noun, a_noun): (&str, &str),
    choices: &[(&str, T)],
) -> syn::Result<Option<SpannedValue<T>>> {
    let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
    let ident: Ident = match input.parse() {
        Ok(ident) => ident,
        Err(_) => {
            let mut value = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![,]) {
                value.extend([input.parse::<TokenTree>()?]);
            }
            cx.error_at(
                &value,
                format!("`{key}` takes {a_noun}: {}", suggest::one_of(&names)),
            );
            return Ok(None);
        }
    };
    let written = ident.to_string();
    match choices.iter().find(|(name, _)| *name == written) {
        Some((_, value)) => Ok(Some(SpannedValue {
            value: *value,
            tokens: ident.to_token_stream(),
        })),
        None => {
            let mut message = format!(
                "unknown {noun} `{ident}` for `{key}`; expected {}",
                suggest::one_of(&names)
            );
            if let Some(best) = suggest::closest(&written, &names) {
                message.push_str(&format!("\n\nhelp: did you mean `{best}`?"));
            }
            cx.error_at(&ident, message);
            Ok(None)
        }
    }
}

/// Rule: `key(postgres = "...", sqlite = "...", mysql = "...")` names at least one dialect,
/// each once, each with a string: `sql_type(postgresql = "CITEXT")`, `sql_type()` and
/// `default(sqlite = 1)` are refused. `None` when nothing usable was given (already reported).
pub(super) fn per_dialect(
    cx: &Ctxt,
    key: &Ident,
    meta: &ParseNestedMeta,
) -> syn::Result<Option<SpannedValue<DialectTexts>>> {
    let list: Group = meta.input.fork().parse()?;
    let empty = list.stream().is_empty();
    let mut tokens = key.to_token_stream();
    tokens.extend([TokenTree::Group(list)]);
    if empty {
        let _list: Group = meta.input.parse()?;
        cx.error_at(
            &tokens,
            format!(
                "`{key}()` names no dialect: give at least one of `postgres = \"...\"`, `sqlite = \"...\"` or `mysql = \"...\"`"
            ),
        );
        return Ok(None);
    }
    let mut texts = DialectTexts::default();
    meta.parse_nested_meta(|inner| dialect_entry(cx, key, &inner, &mut texts))?;
    Ok((!texts.is_empty()).then_some(SpannedValue {
        value: texts,
        tokens,
    }))
}

/// One `postgres = "..."` of `key(...)`, into `texts`; a mistake is reported and skipped.
fn dialect_entry(
    cx: &Ctxt,
    key: &Ident,
    inner: &ParseNestedMeta,
    texts: &mut DialectTexts,
) -> syn::Result<()> {
    let dialects: Vec<&str> = DIALECTS.iter().map(|d| d.0).collect();
    let written = inner.path.get_ident().map(ToString::to_string);
    let Some(slot) = written.as_deref().and_then(|d| texts.slot(d)) else {
        let mut message = format!(
            "unknown dialect `{}` in `{key}(...)`; expected {}",
            inner.path.to_token_stream().to_string().replace(' ', ""),
            suggest::one_of(&dialects)
        );
        if let Some(best) = written.and_then(|w| suggest::closest(&w, &dialects)) {
            message.push_str(&format!("\n\nhelp: did you mean `{best}`?"));
        }
        cx.error_at(&inner.path, message);
        return skip_value(inner);
    };
    let dialect = inner.path.to_token_stream();
    if !inner.input.peek(Token![=]) {
        cx.error_at(
            &inner.path,
            format!("`{dialect}` takes a string literal: `{dialect} = \"...\"`"),
        );
        return skip_value(inner);
    }
    let lit = match string_value(inner) {
        Ok(lit) => lit,
        Err(error) => {
            cx.syn_error(error);
            return skip_value(inner);
        }
    };
    if lit.value.trim().is_empty() {
        let message =
            format!("an empty `{key}` for this dialect: write the SQL, or leave the dialect out");
        cx.error_at(&lit, message);
    } else if slot.is_some() {
        cx.error_at(&inner.path, format!("`{dialect}` is given twice; keep one"));
    } else {
        *slot = Some(lit.value.trim().to_owned());
    }
    Ok(())
}

/// `Target::column` or `Target(a, b)`.
pub(super) fn parse_reference(input: ParseStream) -> syn::Result<Reference> {
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
