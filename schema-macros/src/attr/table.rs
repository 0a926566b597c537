//! The struct's attributes: `#[table(...)]`, and the `#[index]`, `#[unique]` and
//! `#[foreign_key]` listed on the struct.

use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident};

use super::check::CheckAttr;
use super::doc::{doc_comment, refuse_nul_in_doc};
use super::value::{column_list, flag, for_each_key, set_once, string_value};
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
    pub checks: Vec<CheckAttr>,
    /// `schema = "billing"`: the PostgreSQL schema.
    pub schema: Option<SpannedValue<String>>,
    /// `external`: declared, not created.
    pub external: Option<Ident>,
    /// `no_primary_key`: an existing table without one.
    pub no_primary_key: Option<Ident>,
    /// `no_comments`: doc comments stay out of the database.
    pub no_comments: Option<Ident>,
    /// The struct's doc comment.
    pub doc: Option<String>,
    /// An unknown key looked like `primary_key`: "no primary key" would only repeat it.
    pub misspelt_primary_key: bool,
}

/// The keys `#[table(...)]` takes, in the order messages list them.
const TABLE_KEYS: &[Symbol] = &[
    NAME,
    SCHEMA,
    PRIMARY_KEY,
    PRIMARY_KEY_NAME,
    NO_PRIMARY_KEY,
    EXTERNAL,
    NO_COMMENTS,
];

impl TableAttrs {
    /// The struct's attributes; errors are about `owner` (the struct's name).
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute], owner: String) -> TableAttrs {
        cx.set_owner(owner);
        refuse_nul_in_doc(cx, attrs);
        let mut out = TableAttrs {
            doc: doc_comment(attrs),
            ..TableAttrs::default()
        };
        for attr in attrs {
            let path = attr.path();
            if path == TABLE {
                let suggested = for_each_key(cx, attr, TABLE, TABLE_KEYS, |key, meta| {
                    out.table_key(cx, key, meta)
                });
                out.misspelt_primary_key |= suggested.contains(&PRIMARY_KEY);
            } else if path == CHECK {
                // #[check(name = "...", expr = "...")]
                out.checks.push(CheckAttr::parse(cx, attr));
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

    /// One key of `#[table(...)]`.
    fn table_key(&mut self, cx: &Ctxt, key: &Ident, meta: &ParseNestedMeta) -> syn::Result<()> {
        if key == NAME || key == SCHEMA || key == PRIMARY_KEY_NAME {
            // #[table(name = "dashboards")], #[table(schema = "billing")],
            // #[table(primary_key_name = "pk_invoice")]
            let slot = if key == NAME {
                &mut self.name
            } else if key == SCHEMA {
                &mut self.schema
            } else {
                &mut self.primary_key_name
            };
            set_once(cx, slot, key, string_value(meta)?);
        } else if key == PRIMARY_KEY {
            // #[table(primary_key(module_id, dashboard_id))]
            set_once(cx, &mut self.primary_key, key, column_list(meta)?);
        } else if key == NO_PRIMARY_KEY || key == EXTERNAL || key == NO_COMMENTS {
            // #[table(no_primary_key)], #[table(external)], #[table(no_comments)]
            flag(cx, key, meta)?;
            let slot = if key == NO_PRIMARY_KEY {
                &mut self.no_primary_key
            } else if key == EXTERNAL {
                &mut self.external
            } else {
                &mut self.no_comments
            };
            set_once(cx, slot, key, key.clone());
        }
        Ok(())
    }
}
