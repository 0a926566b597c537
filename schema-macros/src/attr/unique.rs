//! `#[unique(...)]` on the struct: a unique constraint over listed columns.

use proc_macro2::TokenStream;
use syn::{Attribute, Ident};

use super::value::{attr_tokens, column_list, flag, for_each_key, set_once, string_value};
use super::{ColumnList, SpannedValue};
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// The keys of `#[unique(...)]`, in the order messages list them.
const UNIQUE_KEYS: &[Symbol] = &[COLUMNS, NAME, NULLS_NOT_DISTINCT];

/// `#[unique(...)]` on the struct.
pub struct UniqueAttr {
    pub tokens: TokenStream,
    pub columns: Option<ColumnList>,
    pub name: Option<SpannedValue<String>>,
    /// `nulls_not_distinct`, at the key.
    pub nulls_not_distinct: Option<Ident>,
}

impl UniqueAttr {
    pub(super) fn parse(cx: &Ctxt, attr: &Attribute) -> UniqueAttr {
        let mut out = UniqueAttr {
            tokens: attr_tokens(attr),
            columns: None,
            name: None,
            nulls_not_distinct: None,
        };
        for_each_key(cx, attr, UNIQUE, UNIQUE_KEYS, |key, meta| {
            if key == COLUMNS {
                // #[unique(columns(a, b))]
                set_once(cx, &mut out.columns, key, column_list(meta)?);
            } else if key == NAME {
                // #[unique(name = "dashboards_label_key")]
                set_once(cx, &mut out.name, key, string_value(meta)?);
            } else if key == NULLS_NOT_DISTINCT {
                // #[unique(columns(a, b), nulls_not_distinct)]
                flag(cx, key, meta)?;
                set_once(cx, &mut out.nulls_not_distinct, key, key.clone());
            }
            Ok(())
        });
        out
    }
}
