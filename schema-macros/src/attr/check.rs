//! `#[check(name = "...", expr = "...")]` on the struct: a named CHECK constraint, its
//! expression written once or per dialect (`expr(postgres = "...", sqlite = "...")`).

use proc_macro2::TokenStream;
use syn::Attribute;

use super::value::{attr_tokens, for_each_key, set_once, string_value, text_or_per_dialect};
use super::SpannedValue;
use crate::ctxt::Ctxt;
use crate::dialect_text::DialectTexts;
use crate::symbol::*;

/// The keys of `#[check(...)]`, in the order messages list them.
const CHECK_KEYS: &[Symbol] = &[NAME, EXPR];

/// `#[check(...)]` on the struct.
pub struct CheckAttr {
    /// The attribute, for errors about it as a whole (a missing `name`).
    pub tokens: TokenStream,
    pub name: Option<SpannedValue<String>>,
    /// The expression per dialect; `expr = "..."` gives every dialect the same (trimmed) text.
    pub expr: Option<SpannedValue<DialectTexts>>,
}

impl CheckAttr {
    pub(super) fn parse(cx: &Ctxt, attr: &Attribute) -> CheckAttr {
        let mut out = CheckAttr {
            tokens: attr_tokens(attr),
            name: None,
            expr: None,
        };
        for_each_key(cx, attr, CHECK, CHECK_KEYS, |key, meta| {
            if key == NAME {
                // #[check(name = "messages_size_positive")]
                set_once(cx, &mut out.name, key, string_value(meta)?);
            } else if key == EXPR {
                // #[check(expr = "size > 0")] or #[check(expr(postgres = "...", mysql = "..."))]
                if let Some(expr) = text_or_per_dialect(cx, key, meta)? {
                    set_once(cx, &mut out.expr, key, expr);
                }
            }
            Ok(())
        });
        out
    }
}
