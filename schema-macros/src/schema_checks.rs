//! `schema!`'s compile-time checks, one `const` per table. A `macro_rules!` cannot give its
//! `panic!` the span of one `$table`, so `schema!` hands its list to this macro.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::quote_spanned;

/// `$crate; NAME; A, B, ...` (each table as `schema!` captured it, a `$ty` group).
pub fn expand(input: TokenStream) -> TokenStream {
    let mut parts = split(input, ';').into_iter();
    let (Some(krate), Some(name), Some(tables)) = (parts.next(), parts.next(), parts.next()) else {
        return syn::Error::new(
            Span::call_site(),
            "`__schema_checks!` is called by `schema!` only",
        )
        .to_compile_error();
    };
    split(tables, ',')
        .into_iter()
        .filter(|table| !table.is_empty())
        .enumerate()
        .map(|(index, table)| {
            let span = first_span(table);
            quote_spanned! {span=>
                const _: () = match #krate::__private::check_schema_table(&#name, #index) {
                    ::core::result::Result::Ok(()) => (),
                    ::core::result::Result::Err(message) => ::core::panic!("{}", message.as_str()),
                };
            }
        })
        .collect()
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
