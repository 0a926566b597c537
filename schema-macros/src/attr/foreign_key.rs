//! `#[foreign_key(...)]`, on a field (`references = Target::field`) or on the struct
//! (`columns(a, b), references = Target(x, y)`).

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident};

use super::value::{
    action_value, attr_tokens, column_list, for_each_key, parse_reference, set_once, string_value,
};
use super::{Action, ColumnList, Reference, SpannedValue};
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// The keys of `#[foreign_key(...)]` on a field, in the order messages list them.
pub(super) const FIELD_KEYS: &[Symbol] = &[REFERENCES, ON_DELETE, ON_UPDATE, NAME];
/// The keys of `#[foreign_key(...)]` on the struct.
pub(super) const STRUCT_KEYS: &[Symbol] = &[COLUMNS, REFERENCES, ON_DELETE, ON_UPDATE, NAME];

/// `#[foreign_key(...)]`, on a field or on the struct.
pub struct ForeignKeyAttr {
    pub tokens: TokenStream,
    pub columns: Option<ColumnList>,
    pub references: Option<Reference>,
    pub on_delete: Option<SpannedValue<Action>>,
    pub on_update: Option<SpannedValue<Action>>,
    pub name: Option<SpannedValue<String>>,
    /// `references` was given but could not be read (already reported).
    pub references_invalid: bool,
}

impl ForeignKeyAttr {
    pub(super) fn parse(cx: &Ctxt, attr: &Attribute, keys: &[Symbol]) -> ForeignKeyAttr {
        let mut out = ForeignKeyAttr {
            tokens: attr_tokens(attr),
            columns: None,
            references: None,
            on_delete: None,
            on_update: None,
            name: None,
            references_invalid: false,
        };
        for_each_key(cx, attr, FOREIGN_KEY, keys, |key, meta| {
            out.key(cx, key, meta)
        });
        out
    }

    /// One key of `#[foreign_key(...)]`.
    fn key(&mut self, cx: &Ctxt, key: &Ident, meta: &ParseNestedMeta) -> syn::Result<()> {
        if key == COLUMNS {
            // #[foreign_key(columns(a, b), ...)], on the struct only
            set_once(cx, &mut self.columns, key, column_list(meta)?);
        } else if key == REFERENCES {
            // #[foreign_key(references = Dashboard::id)] or `references = Target(a, b)`
            let input = meta.value()?;
            if input.peek(syn::LitStr) {
                let lit: syn::LitStr = input.parse()?;
                self.references_invalid = true;
                cx.error_at(
                    &lit,
                    format!(
                        "`references` takes a path, not a string: write `references = {}`",
                        lit.value()
                    ),
                );
                return Ok(());
            }
            match parse_reference(input) {
                Ok(reference) => set_once(cx, &mut self.references, key, reference),
                Err(error) => {
                    self.references_invalid = true;
                    return Err(error);
                }
            }
        } else if key == ON_DELETE || key == ON_UPDATE {
            // #[foreign_key(on_delete = cascade, on_update = no_action)]
            let slot = if key == ON_DELETE {
                &mut self.on_delete
            } else {
                &mut self.on_update
            };
            if let Some(action) = action_value(cx, key, meta)? {
                set_once(cx, slot, key, action);
            }
        } else if key == NAME {
            // #[foreign_key(name = "fk_module")]
            set_once(cx, &mut self.name, key, string_value(meta)?);
        }
        Ok(())
    }
}
