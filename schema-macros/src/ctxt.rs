//! The error collector: every pass pushes errors here and goes on, so one compile reports
//! every mistake in a declaration.

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::{Punct, Spacing, TokenStream, TokenTree};
use quote::ToTokens;

/// Collects errors; [`Ctxt::check`] returns them combined.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
    /// `Struct` or `Struct.field` while its attributes are parsed: attribute errors start
    /// with it, so each names what it is about (later checks name it themselves).
    owner: RefCell<Option<String>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt::default()
    }

    /// Prefixes attribute errors with `` `owner`: `` until [`Ctxt::clear_owner`].
    pub fn set_owner(&self, owner: String) {
        *self.owner.borrow_mut() = Some(owner);
    }

    pub fn clear_owner(&self) {
        *self.owner.borrow_mut() = None;
    }

    /// `message`, prefixed with the owner being parsed, if any.
    pub fn message(&self, message: impl Display) -> String {
        match &*self.owner.borrow() {
            Some(owner) => format!("`{owner}`: {message}"),
            None => message.to_string(),
        }
    }

    /// An error covering `tokens` (first to last token, so the caret spans `Dashboard::id`).
    pub fn error_at(&self, tokens: &dyn ToTokens, message: impl Display) {
        let message = self.message(message);
        self.errors
            .borrow_mut()
            .push(syn::Error::new_spanned(tokens.to_token_stream(), message));
    }

    /// An error already built by a parser (syn's own, or ours before the owner prefix).
    pub fn syn_error(&self, error: syn::Error) {
        let has_owner = self.owner.borrow().is_some();
        let mut errors = self.errors.borrow_mut();
        if has_owner {
            errors.extend(error.into_iter().map(|e| {
                let message = self.message(&e);
                syn::Error::new_spanned(span_range(&e), message)
            }));
        } else {
            errors.push(error);
        }
    }

    /// All errors, combined into one (each keeps its span), or `Ok` if there are none.
    pub fn check(self) -> Result<(), syn::Error> {
        let mut errors = self.errors.into_inner().into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

/// Two tokens spanning what `error` covers. Stable Rust cannot read an error's end span back,
/// but its `compile_error!` starts at the start span and ends at the end span.
fn span_range(error: &syn::Error) -> TokenStream {
    let tokens: Vec<TokenTree> = error.to_compile_error().into_iter().collect();
    let span_of = |token: Option<&TokenTree>| token.map_or_else(|| error.span(), TokenTree::span);
    let mut start = Punct::new('<', Spacing::Alone);
    start.set_span(span_of(tokens.first()));
    let mut end = Punct::new('>', Spacing::Alone);
    end.set_span(span_of(tokens.last()));
    [TokenTree::Punct(start), TokenTree::Punct(end)]
        .into_iter()
        .collect()
}
