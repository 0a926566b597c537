//! `#[derive(Table)]`'s pipeline, as in serde_derive and thiserror-impl: parse the struct and
//! its attributes ([`ast`]), check the rules that need more than one attribute ([`check`]),
//! then emit the code ([`expand`]), or with errors, the errors and a stub ([`fallback`]).
//! No step stops at the first error: all of them reach the user at once.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::ctxt::Ctxt;
use crate::{ast, check, expand, fallback};

pub fn table(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let table = ast::Table::from_syn(&cx, input);
    if let Some(table) = &table {
        check::check(&cx, table);
    }
    match (cx.check(), table) {
        (Ok(()), Some(table)) => expand::table(&table),
        (Err(errors), table) => fallback::expand(table.as_ref(), errors),
        // `from_syn` returns `None` only after pushing an error: unreachable, but harmless.
        (Ok(()), None) => TokenStream::new(),
    }
}
