//! With errors: the errors, plus a stub `Table` impl so code using the struct does not pile
//! follow-on errors on top of the real one (as thiserror-impl does). The stub's `DEF` is
//! `schema_core::TableDef::stub(..)`; other structs' foreign key checks and `schema!` let a
//! stub pass (`TableDef::is_stub`, where the protocol is documented).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Table;
use crate::expand::{columns_struct, impl_table};

pub fn expand(table: Option<&Table>, errors: syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let Some(table) = table else {
        return errors;
    };
    let name = &table.name.value;
    let rust_name = table.ident.to_string();
    let columns_struct = columns_struct(table);
    let impl_table = impl_table(
        table,
        quote!(::schema_core::TableDef::stub(#name, #rust_name)),
    );
    quote! {
        #errors
        #columns_struct
        #impl_table
    }
}
