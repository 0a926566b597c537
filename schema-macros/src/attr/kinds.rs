//! The keyword values of attributes: referential actions, identity kinds, index methods, and a
//! foreign key's target.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, Path};

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

impl Action {
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

/// How an identity column's values are generated: `identity = by_default` (also `identity`
/// alone), `always` or `serial`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IdentityKind {
    ByDefault,
    Always,
    Serial,
}

impl IdentityKind {
    pub fn tokens(self) -> TokenStream {
        let variant = match self {
            IdentityKind::ByDefault => quote!(ByDefault),
            IdentityKind::Always => quote!(Always),
            IdentityKind::Serial => quote!(Serial),
        };
        quote!(::schema_core::model::IdentityKind::#variant)
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

/// An index's access method: `method = btree | hash | gin | gist | brin`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IndexMethod {
    BTree,
    Hash,
    Gin,
    Gist,
    Brin,
}

impl IndexMethod {
    pub fn tokens(self) -> TokenStream {
        let variant = match self {
            IndexMethod::BTree => quote!(BTree),
            IndexMethod::Hash => quote!(Hash),
            IndexMethod::Gin => quote!(Gin),
            IndexMethod::Gist => quote!(Gist),
            IndexMethod::Brin => quote!(Brin),
        };
        quote!(::schema_core::model::IndexMethod::#variant)
    }
}
