//! The struct's attributes: `#[table(...)]`, and the `#[index]`, `#[unique]` and
//! `#[foreign_key]` listed on the struct.

use syn::Attribute;

use super::value::{column_list, for_each_key, set_once, string_value};
use super::{foreign_key, index, ColumnList, ForeignKeyAttr, IndexAttr, SpannedValue, UniqueAttr};
use crate::ctxt::Ctxt;
use crate::symbol::*;

/// Everything on the struct.
#[derive(Default)]
pub struct TableAttrs {
    pub name: Option<SpannedValue<String>>,
    pub primary_key: Option<ColumnList>,
    /// `primary_key_name = "pk_invoice"`: the primary key constraint's name.
    pub primary_key_name: Option<SpannedValue<String>>,
    pub indexes: Vec<IndexAttr>,
    pub uniques: Vec<UniqueAttr>,
    pub foreign_keys: Vec<ForeignKeyAttr>,
    /// An unknown key looked like `primary_key`: "no primary key" would only repeat it.
    pub misspelt_primary_key: bool,
}

/// The keys `#[table(...)]` takes, in the order messages list them.
const TABLE_KEYS: &[Symbol] = &[NAME, PRIMARY_KEY, PRIMARY_KEY_NAME];

impl TableAttrs {
    /// The struct's attributes; errors are about `owner` (the struct's name).
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute], owner: String) -> TableAttrs {
        cx.set_owner(owner);
        let mut out = TableAttrs::default();
        for attr in attrs {
            let path = attr.path();
            if path == TABLE {
                let suggested = for_each_key(cx, attr, TABLE, TABLE_KEYS, |key, meta| {
                    if key == NAME {
                        // #[table(name = "dashboards")]
                        set_once(cx, &mut out.name, key, string_value(meta)?);
                    } else if key == PRIMARY_KEY {
                        // #[table(primary_key(module_id, dashboard_id))]
                        let list = column_list(meta)?;
                        set_once(cx, &mut out.primary_key, key, list);
                    } else if key == PRIMARY_KEY_NAME {
                        // #[table(primary_key_name = "pk_invoice")]
                        let name = string_value(meta)?;
                        set_once(cx, &mut out.primary_key_name, key, name);
                    }
                    Ok(())
                });
                out.misspelt_primary_key |= suggested.contains(&PRIMARY_KEY);
            } else if path == INDEX {
                // #[index(columns(a, b), name = "...", unique)]
                out.indexes
                    .push(IndexAttr::parse(cx, attr, index::STRUCT_KEYS));
            } else if path == UNIQUE {
                // #[unique(columns(a, b), name = "...")]
                out.uniques.push(UniqueAttr::parse(cx, attr));
            } else if path == FOREIGN_KEY {
                // #[foreign_key(columns(a, b), references = Target(x, y), ...)]
                out.foreign_keys
                    .push(ForeignKeyAttr::parse(cx, attr, foreign_key::STRUCT_KEYS));
            } else if path == COLUMN {
                // #[column(...)] on the struct: a mistake.
                cx.error_at(
                    attr,
                    "`#[column(...)]` goes on a field; on the struct, use `#[table(...)]`",
                );
            }
        }
        cx.clear_owner();
        out
    }
}
