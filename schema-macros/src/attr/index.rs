//! `#[index(...)]`, on a field (`#[index]`, `#[index(name = "...", unique)]`) or on the struct.

use proc_macro2::{Span, TokenStream};
use syn::Attribute;

use super::value::{attr_tokens, column_list, flag, for_each_key, set_once, string_value};
use super::{ColumnList, SpannedValue};
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// The keys of `#[index(...)]` on a field, in the order messages list them.
pub(super) const FIELD_KEYS: &[Symbol] = &[NAME, UNIQUE];
/// The keys of `#[index(...)]` on the struct.
pub(super) const STRUCT_KEYS: &[Symbol] = &[COLUMNS, NAME, UNIQUE];

/// `#[index(...)]`, on a field or on the struct.
pub struct IndexAttr {
    /// The attribute (`index` keyword and its arguments), for errors about it as a whole.
    pub tokens: TokenStream,
    pub columns: Option<ColumnList>,
    pub name: Option<SpannedValue<String>>,
    pub unique: Option<Span>,
}

impl IndexAttr {
    pub(super) fn parse(cx: &Ctxt, attr: &Attribute, keys: &[Symbol]) -> IndexAttr {
        let mut out = IndexAttr {
            tokens: attr_tokens(attr),
            columns: None,
            name: None,
            unique: None,
        };
        // #[index] on a field: all defaults.
        if matches!(attr.meta, syn::Meta::Path(_)) {
            return out;
        }
        for_each_key(cx, attr, INDEX, keys, |key, meta| {
            if key == COLUMNS {
                // #[index(columns(a, b))], on the struct only
                set_once(cx, &mut out.columns, key, column_list(meta)?);
            } else if key == NAME {
                // #[index(name = "ix_dashboards_label")]
                set_once(cx, &mut out.name, key, string_value(meta)?);
            } else if key == UNIQUE {
                // #[index(unique)]
                let span = flag(cx, key, meta)?;
                set_once(cx, &mut out.unique, key, span);
            }
            Ok(())
        });
        out
    }
}
