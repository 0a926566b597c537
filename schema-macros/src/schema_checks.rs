//! `schema!`'s compile-time checks, one `const` per table (and one per table and targeted
//! dialect). A `macro_rules!` cannot give its `panic!` the span of one `$table`, so `schema!`
//! hands its list to this macro.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};

use crate::suggest;

/// `$crate; NAME; [dialects]; A, B, ...`: each table as `schema!` captured it (a `$ty` group);
/// `dialects` holds one `[...]` per `#[dialects ...]` attribute, with what followed the word.
pub fn expand(input: TokenStream) -> TokenStream {
    let mut parts = split(input, ';').into_iter();
    let (Some(krate), Some(name), Some(dialects), Some(tables)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return syn::Error::new(
            Span::call_site(),
            "`__schema_checks!` is called by `schema!` only",
        )
        .to_compile_error();
    };
    let dialects = match targets(dialects) {
        Ok(dialects) => dialects,
        Err(error) => return error.to_compile_error(),
    };
    let schema_name = name.to_string();
    let slots = Ident::new(&format!("__{schema_name}_NAME_SLOTS"), Span::call_site());
    let hold = Ident::new(&format!("__{schema_name}_RULES_HOLD"), Span::call_site());
    let mut out = TokenStream::new();
    let tables = split(tables, ',')
        .into_iter()
        .filter(|table| !table.is_empty());
    for (index, table) in tables.enumerate() {
        let span = first_span(table);
        // The per-table rules compare every pair of names; they run only when the one-pass
        // `schema_rules_hold` (below) finds a broken rule, to say where.
        out.extend(quote_spanned! {span=>
            const _: () = if !#hold {
                match #krate::__private::check_schema_table(&#name, #index) {
                    ::core::result::Result::Ok(()) => (),
                    ::core::result::Result::Err(message) => ::core::panic!("{}", message.as_str()),
                }
            };
        });
        for dialect in &dialects {
            out.extend(quote_spanned! {span=>
                const _: () = match #krate::__private::check_table_dialect(
                    &#name,
                    #schema_name,
                    #index,
                    #krate::Dialect::#dialect,
                ) {
                    ::core::result::Result::Ok(()) => (),
                    ::core::result::Result::Err(message) => ::core::panic!("{}", message.as_str()),
                };
            });
        }
    }
    // Named (hidden, after the schema) so each is evaluated once per schema, and the checks
    // stay `const _` items of the module: rustc says "evaluation of `_` failed".
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals)]
        const #slots: usize = #krate::__private::name_slots(&#name);
        #[doc(hidden)]
        #[allow(non_upper_case_globals)]
        const #hold: bool = #krate::__private::schema_rules_hold::<#slots>(&#name);
        #out
    }
}

/// The dialect keywords of `#[dialects(...)]` and the `Dialect` variants they mean.
const DIALECTS: &[(&str, &str)] = &[
    ("postgres", "Postgres"),
    ("sqlite", "Sqlite"),
    ("mysql", "MySql"),
];

/// The `Dialect` variants `#[dialects(postgres, sqlite)]` lists (none without the attribute);
/// a mistake in the list is an error at it.
fn targets(tokens: TokenStream) -> syn::Result<Vec<Ident>> {
    let Some(TokenTree::Group(all)) = tokens.into_iter().next() else {
        return Ok(Vec::new());
    };
    let attrs: Vec<Group> = all
        .stream()
        .into_iter()
        .filter_map(|t| match t {
            TokenTree::Group(g) => Some(g),
            _ => None,
        })
        .collect();
    let Some(first) = attrs.first() else {
        return Ok(Vec::new());
    };
    if let Some(second) = attrs.get(1) {
        return Err(error_at(
            second.stream(),
            second.span(),
            "`#[dialects(...)]` is given twice; keep one",
        ));
    }
    let names: Vec<&str> = DIALECTS.iter().map(|(name, _)| *name).collect();
    let usage = format!(
        "`#[dialects(...)]` lists the databases the schema targets, any of {}: `#[dialects(postgres, sqlite)]`",
        suggest::one_of(&names)
    );
    let mut inner = first.stream().into_iter();
    let list = match (inner.next(), inner.next()) {
        (Some(TokenTree::Group(list)), None) if list.delimiter() == Delimiter::Parenthesis => list,
        _ => return Err(error_at(first.stream(), first.span(), &usage)),
    };
    let mut out: Vec<Ident> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for entry in split(list.stream(), ',') {
        if entry.is_empty() {
            continue;
        }
        let mut tokens = entry.clone().into_iter();
        let (Some(TokenTree::Ident(word)), None) = (tokens.next(), tokens.next()) else {
            return Err(error_at(entry, list.span(), &usage));
        };
        let written = word.to_string();
        let Some((_, variant)) = DIALECTS.iter().find(|(name, _)| *name == written) else {
            let mut message = format!(
                "unknown dialect `{written}` in `#[dialects(...)]`; expected {}",
                suggest::one_of(&names)
            );
            if let Some(best) = suggest::closest(&written, &names) {
                message.push_str(&format!("\n\nhelp: did you mean `{best}`?"));
            }
            return Err(syn::Error::new(word.span(), message));
        };
        if seen.contains(&written) {
            return Err(syn::Error::new(
                word.span(),
                format!("`{written}` is listed twice in `#[dialects(...)]`; keep one"),
            ));
        }
        seen.push(written);
        out.push(Ident::new(variant, word.span()));
    }
    if out.is_empty() {
        return Err(error_at(list.to_token_stream(), list.span(), &usage));
    }
    Ok(out)
}

/// An error over `tokens` (or at `span` when there are none).
fn error_at(tokens: TokenStream, span: Span, message: &str) -> syn::Error {
    if tokens.is_empty() {
        syn::Error::new(span, message)
    } else {
        syn::Error::new_spanned(tokens, message)
    }
}

/// `tokens` cut at each top-level `separator`.
fn split(tokens: TokenStream, separator: char) -> Vec<TokenStream> {
    let mut parts = vec![TokenStream::new()];
    for token in tokens {
        match &token {
            TokenTree::Punct(p) if p.as_char() == separator => parts.push(TokenStream::new()),
            _ => {
                if let Some(last) = parts.last_mut() {
                    last.extend([token]);
                }
            }
        }
    }
    parts
}

/// The span of the first token the user wrote: `schema!` passes each table in an invisible
/// group whose own span is the macro's, so look inside it.
fn first_span(tokens: TokenStream) -> Span {
    match tokens.into_iter().next() {
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::None => {
            let inner = group.stream();
            if inner.is_empty() {
                group.span()
            } else {
                first_span(inner)
            }
        }
        Some(token) => token.span(),
        None => Span::call_site(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn errors(input: TokenStream) -> String {
        expand(input).to_string()
    }

    #[test]
    fn lists_a_check_per_table_and_dialect() {
        let out = errors(quote!(krate; APP; [[(postgres, sqlite)]]; A, B));
        assert_eq!(out.matches("check_schema_table").count(), 2, "{out}");
        assert_eq!(out.matches("check_table_dialect").count(), 4, "{out}");
        assert!(out.contains("Dialect :: Sqlite"), "{out}");
        let out = errors(quote!(krate; APP; []; A, B));
        assert_eq!(out.matches("check_table_dialect").count(), 0, "{out}");
    }

    #[test]
    fn a_wrong_list_is_an_error() {
        for (input, expected) in [
            (
                quote!(k; APP; [[(postgress)]]; A),
                "did you mean `postgres`?",
            ),
            (quote!(k; APP; [[(sqlite, sqlite)]]; A), "listed twice"),
            (quote!(k; APP; [[()]]; A), "lists the databases"),
            (quote!(k; APP; [[]]; A), "lists the databases"),
            (quote!(k; APP; [[= "x"]]; A), "lists the databases"),
            (quote!(k; APP; [[(sqlite)] [(mysql)]]; A), "given twice"),
        ] {
            let out = errors(input);
            assert!(
                out.contains("compile_error") && out.contains(expected),
                "{expected}: {out}"
            );
        }
    }
}
