//! `#[index(...)]`, on a field (`#[index]`, `#[index(name = "...", unique)]`) or on the struct
//! (every form: key columns or an expression, `desc`, `where`, `method`, `include`,
//! `nulls_not_distinct`).

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident};

use super::value::{
    attr_tokens, column_list, flag, for_each_key, method_value, set_once, string_value,
};
use super::{ColumnList, IndexMethod, SpannedValue};
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// The keys of `#[index(...)]` on a field, in the order messages list them.
pub(super) const FIELD_KEYS: &[Symbol] = &[NAME, UNIQUE];
/// The keys of `#[index(...)]` on the struct.
pub(super) const STRUCT_KEYS: &[Symbol] = &[
    COLUMNS,
    EXPR,
    NAME,
    UNIQUE,
    DESC,
    WHERE,
    METHOD,
    INCLUDE,
    NULLS_NOT_DISTINCT,
];

/// `#[index(...)]`, on a field or on the struct.
pub struct IndexAttr {
    /// The attribute (`index` keyword and its arguments), for errors about it as a whole.
    pub tokens: TokenStream,
    pub columns: Option<ColumnList>,
    /// `expr = "lower(email)"`: the one key of an expression index.
    pub expr: Option<SpannedValue<String>>,
    pub name: Option<SpannedValue<String>>,
    pub unique: Option<Span>,
    /// `desc(a)`: key columns in descending order.
    pub desc: Option<ColumnList>,
    /// `where = "uid IS NOT NULL"`: a partial index's predicate.
    pub predicate: Option<SpannedValue<String>>,
    /// `method = gin`; the tokens are the method's name.
    pub method: Option<SpannedValue<IndexMethod>>,
    /// `include(a)`: stored, non-key columns.
    pub include: Option<ColumnList>,
    /// `nulls_not_distinct`, at the key.
    pub nulls_not_distinct: Option<Ident>,
}

impl IndexAttr {
    pub(super) fn parse(cx: &Ctxt, attr: &Attribute, keys: &[Symbol]) -> IndexAttr {
        let mut out = IndexAttr {
            tokens: attr_tokens(attr),
            columns: None,
            expr: None,
            name: None,
            unique: None,
            desc: None,
            predicate: None,
            method: None,
            include: None,
            nulls_not_distinct: None,
        };
        // #[index] on a field: all defaults.
        if matches!(attr.meta, syn::Meta::Path(_)) {
            return out;
        }
        for_each_key(cx, attr, INDEX, keys, |key, meta| out.key(cx, key, meta));
        out
    }

    /// One key of `#[index(...)]`.
    fn key(&mut self, cx: &Ctxt, key: &Ident, meta: &ParseNestedMeta) -> syn::Result<()> {
        if key == COLUMNS || key == DESC || key == INCLUDE {
            // #[index(columns(a, b))], #[index(desc(b))], #[index(include(c))]: on the struct
            let slot = if key == COLUMNS {
                &mut self.columns
            } else if key == DESC {
                &mut self.desc
            } else {
                &mut self.include
            };
            set_once(cx, slot, key, column_list(meta)?);
        } else if key == EXPR || key == NAME || key == WHERE {
            // #[index(expr = "lower(email)")], #[index(name = "ix_dashboards_label")],
            // #[index(where = "uid IS NOT NULL")]
            let slot = if key == EXPR {
                &mut self.expr
            } else if key == NAME {
                &mut self.name
            } else {
                &mut self.predicate
            };
            set_once(cx, slot, key, string_value(meta)?);
        } else if key == METHOD {
            // #[index(method = gin)]
            if let Some(method) = method_value(cx, key, meta)? {
                set_once(cx, &mut self.method, key, method);
            }
        } else if key == UNIQUE {
            // #[index(unique)]
            let span = flag(cx, key, meta)?;
            set_once(cx, &mut self.unique, key, span);
        } else if key == NULLS_NOT_DISTINCT {
            // #[index(unique, nulls_not_distinct)]
            flag(cx, key, meta)?;
            set_once(cx, &mut self.nulls_not_distinct, key, key.clone());
        }
        Ok(())
    }
}
