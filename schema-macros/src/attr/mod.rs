//! The attribute grammar: one typed slot per key, each keeping its tokens for error spans.
//! One file per attribute: [`table`] (`#[table(...)]` and the struct's other attributes),
//! [`field`] (`#[column(...)]` and a field's other attributes), [`index`], [`unique`],
//! [`foreign_key`], [`check`]; [`doc`] reads doc comments, [`kinds`] holds the keyword values (actions, identity kinds) and
//! [`value`] reads one key's value. Each branch opens with the syntax it reads.
//!
//! Parsing never stops at the first mistake: an unknown key, a repeated key or a value of the
//! wrong kind is pushed to the [`Ctxt`](crate::ctxt::Ctxt) and the rest of the attribute is
//! still read.

mod check;
mod doc;
mod field;
mod foreign_key;
mod index;
mod kinds;
mod table;
mod unique;
mod value;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::Ident;

pub use field::FieldAttrs;
pub use foreign_key::ForeignKeyAttr;
pub use index::IndexAttr;
pub use kinds::{Action, IdentityKind, IndexMethod, Reference};
pub use table::TableAttrs;
pub use unique::UniqueAttr;
pub(crate) use value::literal_text;

/// A value and the tokens it was written as (for errors).
#[derive(Clone)]
pub struct SpannedValue<T> {
    pub value: T,
    pub tokens: TokenStream,
}

impl<T> ToTokens for SpannedValue<T> {
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

impl<T> SpannedValue<T> {
    /// `value`, written as these tokens.
    pub(super) fn with<U>(self, value: U) -> SpannedValue<U> {
        SpannedValue {
            value,
            tokens: self.tokens,
        }
    }

    /// The value mapped by `f`, written as these tokens.
    pub(super) fn with_map<U>(self, f: impl FnOnce(T) -> U) -> SpannedValue<U> {
        SpannedValue {
            value: f(self.value),
            tokens: self.tokens,
        }
    }
}
