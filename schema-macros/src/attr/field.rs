//! A field's attributes: `#[column(...)]`, and the `#[index]` and `#[foreign_key]` on a field.

use proc_macro2::Span;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident};

use super::doc::{doc_comment, refuse_nul_in_doc};
use super::value::{
    flag, for_each_key, identity_value, per_dialect, set_once, string_value, text_or_per_dialect,
};
use super::{foreign_key, index, ForeignKeyAttr, IdentityKind, IndexAttr, SpannedValue};
use crate::ctxt::Ctxt;
use crate::default_value::DefaultSpec;
use crate::dialect_text::DialectTexts;
use crate::sql_type::SqlTypeSpec;
use crate::symbol::*;

/// Everything on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub name: Option<SpannedValue<String>>,
    pub primary_key: Option<Span>,
    pub unique: Option<Span>,
    pub sql_type: Option<SpannedValue<SqlTypeSpec>>,
    pub default: Option<SpannedValue<DefaultSpec>>,
    /// `identity` or `identity = kind`; the tokens are the whole key and value.
    pub identity: Option<SpannedValue<IdentityKind>>,
    pub autoincrement: Option<Span>,
    /// `on_update = "CURRENT_TIMESTAMP"`; the tokens are the whole key and value.
    pub on_update: Option<SpannedValue<DefaultSpec>>,
    pub on_update_emulated: Option<Span>,
    /// `collation = "C"` or `collation(postgres = "...", ...)`; the tokens are the value.
    pub collation: Option<SpannedValue<DialectTexts>>,
    /// The field's doc comment.
    pub doc: Option<String>,
    pub indexes: Vec<IndexAttr>,
    pub foreign_keys: Vec<ForeignKeyAttr>,
    /// An unknown key looked like `primary_key` (see [`TableAttrs::misspelt_primary_key`]).
    pub misspelt_primary_key: bool,
}

/// The keys `#[column(...)]` takes, in the order messages list them.
const COLUMN_KEYS: &[Symbol] = &[
    NAME,
    PRIMARY_KEY,
    UNIQUE,
    SQL_TYPE,
    DEFAULT,
    IDENTITY,
    AUTOINCREMENT,
    ON_UPDATE,
    ON_UPDATE_EMULATED,
    COLLATION,
];

impl FieldAttrs {
    /// A field's attributes; errors are about `owner` (`Struct.field`).
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute], owner: String) -> FieldAttrs {
        cx.set_owner(owner);
        refuse_nul_in_doc(cx, attrs);
        let mut out = FieldAttrs {
            doc: doc_comment(attrs),
            ..FieldAttrs::default()
        };
        for attr in attrs {
            let path = attr.path();
            if path == COLUMN {
                let suggested = for_each_key(cx, attr, COLUMN, COLUMN_KEYS, |key, meta| {
                    out.column_key(cx, key, meta)
                });
                out.misspelt_primary_key |= suggested.contains(&PRIMARY_KEY);
            } else if path == INDEX {
                // #[index] or #[index(name = "...", unique)]
                out.indexes
                    .push(IndexAttr::parse(cx, attr, index::FIELD_KEYS));
            } else if path == FOREIGN_KEY {
                // #[foreign_key(references = Target::field, ...)]
                out.foreign_keys
                    .push(ForeignKeyAttr::parse(cx, attr, foreign_key::FIELD_KEYS));
            } else if path == TABLE || path == UNIQUE || path == CHECK {
                // #[table(...)], #[unique(...)] or #[check(...)] on a field: a mistake.
                let name = if path == TABLE {
                    TABLE
                } else if path == UNIQUE {
                    UNIQUE
                } else {
                    CHECK
                };
                let hint = if path == UNIQUE {
                    "; on a field, write `#[column(unique)]`"
                } else {
                    ""
                };
                cx.error_at(
                    attr,
                    format!("`#[{name}(...)]` goes on the struct, not on a field{hint}"),
                );
            }
        }
        cx.clear_owner();
        out
    }

    /// One key of `#[column(...)]`.
    fn column_key(&mut self, cx: &Ctxt, key: &Ident, meta: &ParseNestedMeta) -> syn::Result<()> {
        if key == NAME {
            // #[column(name = "label")]
            set_once(cx, &mut self.name, key, string_value(meta)?);
        } else if key == SQL_TYPE || key == DEFAULT {
            self.column_value_key(cx, key, meta)?;
        } else if key == ON_UPDATE {
            self.on_update_key(cx, key, meta)?;
        } else if key == COLLATION {
            // #[column(collation = "C")] or #[column(collation(postgres = "C", mysql = "..."))]
            if let Some(collation) = text_or_per_dialect(cx, key, meta)? {
                if collation.value.postgres.as_deref() == Some("") {
                    cx.error_at(&collation, "an empty `collation`: name one, e.g. `\"C\"`");
                } else {
                    set_once(cx, &mut self.collation, key, collation);
                }
            }
        } else if key == IDENTITY {
            // #[column(identity)] or #[column(identity = always)]
            if let Some(kind) = identity_value(cx, key, meta)? {
                set_once(cx, &mut self.identity, key, kind);
            }
        } else if let Some(slot) = self.flag_slot(key) {
            // #[column(primary_key)], #[column(unique)], #[column(autoincrement)],
            // #[column(on_update_emulated)]
            let span = flag(cx, key, meta)?;
            set_once(cx, slot, key, span);
        }
        Ok(())
    }

    /// The slot of a flag key.
    fn flag_slot(&mut self, key: &Ident) -> Option<&mut Option<Span>> {
        if key == PRIMARY_KEY {
            Some(&mut self.primary_key)
        } else if key == UNIQUE {
            Some(&mut self.unique)
        } else if key == AUTOINCREMENT {
            Some(&mut self.autoincrement)
        } else if key == ON_UPDATE_EMULATED {
            Some(&mut self.on_update_emulated)
        } else {
            None
        }
    }

    /// `sql_type` and `default`: SQL written in a string, or per dialect.
    fn column_value_key(
        &mut self,
        cx: &Ctxt,
        key: &Ident,
        meta: &ParseNestedMeta,
    ) -> syn::Result<()> {
        if meta.input.peek(syn::token::Paren) {
            // #[column(sql_type(postgres = "CITEXT", sqlite = "TEXT", mysql = "VARCHAR(255)"))]
            // #[column(default(postgres = "gen_random_uuid()", sqlite = "(randomblob(16))"))]
            let Some(texts) = per_dialect(cx, key, meta)? else {
                return Ok(());
            };
            if key == SQL_TYPE {
                set_once(
                    cx,
                    &mut self.sql_type,
                    key,
                    texts.with_map(SqlTypeSpec::Custom),
                );
            } else {
                set_once(
                    cx,
                    &mut self.default,
                    key,
                    texts.with_map(DefaultSpec::PerDialect),
                );
            }
            return Ok(());
        }
        let lit = string_value(meta)?;
        if key == SQL_TYPE {
            // #[column(sql_type = "VARCHAR(255)")]
            match SqlTypeSpec::parse(&lit.value) {
                Ok(spec) => set_once(cx, &mut self.sql_type, key, lit.with(spec)),
                Err(message) => cx.error_at(&lit, message),
            }
        } else {
            // #[column(default = "false")]
            match DefaultSpec::parse(&lit.value) {
                Ok(spec) => set_once(cx, &mut self.default, key, lit.with(spec)),
                Err(message) => cx.error_at(&lit, message),
            }
        }
        Ok(())
    }

    /// `on_update = "CURRENT_TIMESTAMP"`, read as a default is; one string, since the clause
    /// is MySQL's.
    fn on_update_key(&mut self, cx: &Ctxt, key: &Ident, meta: &ParseNestedMeta) -> syn::Result<()> {
        if meta.input.peek(syn::token::Paren) {
            let list: proc_macro2::Group = meta.input.parse()?;
            cx.error_at(
                &list,
                "`on_update` takes one string, `on_update = \"CURRENT_TIMESTAMP\"`: it is MySQL's clause; say that the other dialects emulate it with `on_update_emulated`",
            );
            return Ok(());
        }
        // #[column(on_update = "CURRENT_TIMESTAMP")]
        let lit = string_value(meta)?;
        if lit.value.trim().is_empty() {
            cx.error_at(&lit, "an empty `on_update`: write the value the column takes when its row is updated, e.g. `\"CURRENT_TIMESTAMP\"`");
            return Ok(());
        }
        match DefaultSpec::parse(&lit.value) {
            Ok(spec) => {
                // From the key to the value, so errors and checks can point at either end.
                let mut tokens = key.to_token_stream();
                tokens.extend(lit.tokens);
                let value = SpannedValue {
                    value: spec,
                    tokens,
                };
                set_once(cx, &mut self.on_update, key, value);
            }
            Err(message) => cx.error_at(&lit, message),
        }
        Ok(())
    }
}
