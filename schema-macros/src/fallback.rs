//! With errors: the errors, plus a stub `Table` impl so code using the struct does not pile
//! follow-on errors on top of the real one (as thiserror-impl does). The stub's empty primary
//! key name marks it: the foreign key and `schema!` checks let a stub pass.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::DeriveInput;

use crate::ast::Table;
use crate::expand::columns_struct;

pub fn expand(input: &DeriveInput, table: Option<&Table>, errors: syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let Some(table) = table else {
        return errors;
    };
    let ident = &input.ident;
    let name = &table.name.value;
    let rust_name = ident.to_string();
    let columns_ident = format_ident!("__{}Columns", ident);
    let columns_struct = columns_struct(table);
    quote! {
        #errors
        #columns_struct

        #[automatically_derived]
        impl ::schema_core::Table for #ident {
            const NAME: &'static str = #name;
            type Columns = #columns_ident;
            const DEF: ::schema_core::TableDef = ::schema_core::TableDef {
                name: #name,
                rust_name: #rust_name,
                columns: &[],
                primary_key: ::schema_core::PrimaryKeyDef { name: "", columns: &[] },
                uniques: &[],
                indexes: &[],
                foreign_keys: &[],
            };
        }
    }
}
