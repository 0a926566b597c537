//! The attribute grammar: one typed slot per key, each keeping its tokens for error spans.
//! Each branch below opens with the syntax it reads; [`value`] reads the values.
//!
//! Parsing never stops at the first mistake: an unknown key, a repeated key or a value of the
//! wrong kind is pushed to the [`Ctxt`] and the rest of the attribute is still read.

mod value;

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, Path};

use crate::ctxt::Ctxt;
use crate::default_value::DefaultSpec;
use crate::sql_type::SqlTypeSpec;
use crate::symbol::*;
use value::{
    action_value, attr_tokens, column_list, flag, for_each_key, identity_value, parse_reference,
    per_dialect, set_once, string_value,
};

/// A value and the tokens it was written as (for errors).
#[derive(Clone)]
pub struct SpannedValue<T> {
    pub value: T,
    pub tokens: TokenStream,
}

impl<T> ToTokens for SpannedValue<T> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.tokens.to_tokens(tokens);
    }
}

/// A parenthesized list of column names: `columns(a, b)`, `primary_key(a, b)`.
#[derive(Clone)]
pub struct ColumnList {
    pub idents: Vec<Ident>,
    /// `columns(a, b)`, for errors about the whole list.
    pub tokens: TokenStream,
}

/// A referential action.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(clippy::enum_variant_names)] // `NoAction` is the SQL name
pub enum Action {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl Action {
    pub fn tokens(self) -> TokenStream {
        let variant = match self {
            Action::NoAction => quote!(NoAction),
            Action::Restrict => quote!(Restrict),
            Action::Cascade => quote!(Cascade),
            Action::SetNull => quote!(SetNull),
            Action::SetDefault => quote!(SetDefault),
        };
        quote!(::schema_core::ReferentialAction::#variant)
    }
}

/// How an identity column's values are generated: `identity = by_default` (also `identity`
/// alone), `always` or `serial`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IdentityKind {
    ByDefault,
    Always,
    Serial,
}

impl IdentityKind {
    pub fn tokens(self) -> TokenStream {
        let variant = match self {
            IdentityKind::ByDefault => quote!(ByDefault),
            IdentityKind::Always => quote!(Always),
            IdentityKind::Serial => quote!(Serial),
        };
        quote!(::schema_core::model::IdentityKind::#variant)
    }
}

/// `references = Target::column` (a field's key) or `references = Target(a, b)` (composite).
#[derive(Clone)]
pub struct Reference {
    /// The target table's type path.
    pub table: Path,
    /// The target columns (field names of the target struct).
    pub columns: Vec<Ident>,
    /// The whole value, for errors.
    pub tokens: TokenStream,
}

/// `#[index(...)]`, on a field or on the struct.
pub struct IndexAttr {
    /// The attribute (`index` keyword and its arguments), for errors about it as a whole.
    pub tokens: TokenStream,
    pub columns: Option<ColumnList>,
    pub name: Option<SpannedValue<String>>,
    pub unique: Option<Span>,
}

/// `#[unique(...)]` on the struct.
pub struct UniqueAttr {
    pub tokens: TokenStream,
    pub columns: Option<ColumnList>,
    pub name: Option<SpannedValue<String>>,
}

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
    pub indexes: Vec<IndexAttr>,
    pub foreign_keys: Vec<ForeignKeyAttr>,
    /// An unknown key looked like `primary_key` (see [`TableAttrs::misspelt_primary_key`]).
    pub misspelt_primary_key: bool,
}

/// The keys each attribute takes, in the order messages list them.
const TABLE_KEYS: &[Symbol] = &[NAME, PRIMARY_KEY, PRIMARY_KEY_NAME];
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
];
const FIELD_INDEX_KEYS: &[Symbol] = &[NAME, UNIQUE];
const STRUCT_INDEX_KEYS: &[Symbol] = &[COLUMNS, NAME, UNIQUE];
const UNIQUE_KEYS: &[Symbol] = &[COLUMNS, NAME];
const FIELD_FK_KEYS: &[Symbol] = &[REFERENCES, ON_DELETE, ON_UPDATE, NAME];
const STRUCT_FK_KEYS: &[Symbol] = &[COLUMNS, REFERENCES, ON_DELETE, ON_UPDATE, NAME];

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
                    .push(IndexAttr::parse(cx, attr, STRUCT_INDEX_KEYS));
            } else if path == UNIQUE {
                // #[unique(columns(a, b), name = "...")]
                out.uniques.push(UniqueAttr::parse(cx, attr));
            } else if path == FOREIGN_KEY {
                // #[foreign_key(columns(a, b), references = Target(x, y), ...)]
                out.foreign_keys
                    .push(ForeignKeyAttr::parse(cx, attr, STRUCT_FK_KEYS));
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

impl FieldAttrs {
    /// A field's attributes; errors are about `owner` (`Struct.field`).
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute], owner: String) -> FieldAttrs {
        cx.set_owner(owner);
        let mut out = FieldAttrs::default();
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
                    .push(IndexAttr::parse(cx, attr, FIELD_INDEX_KEYS));
            } else if path == FOREIGN_KEY {
                // #[foreign_key(references = Target::field, ...)]
                out.foreign_keys
                    .push(ForeignKeyAttr::parse(cx, attr, FIELD_FK_KEYS));
            } else if path == TABLE || path == UNIQUE {
                // #[table(...)] or #[unique(...)] on a field: a mistake.
                let name = if path == TABLE { TABLE } else { UNIQUE };
                let hint = if path == TABLE {
                    ""
                } else {
                    "; on a field, write `#[column(unique)]`"
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

impl<T> SpannedValue<T> {
    /// `value`, written as these tokens.
    fn with<U>(self, value: U) -> SpannedValue<U> {
        SpannedValue {
            value,
            tokens: self.tokens,
        }
    }

    /// The value mapped by `f`, written as these tokens.
    fn with_map<U>(self, f: impl FnOnce(T) -> U) -> SpannedValue<U> {
        SpannedValue {
            value: f(self.value),
            tokens: self.tokens,
        }
    }
}

impl IndexAttr {
    fn parse(cx: &Ctxt, attr: &Attribute, keys: &[Symbol]) -> IndexAttr {
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

impl UniqueAttr {
    fn parse(cx: &Ctxt, attr: &Attribute) -> UniqueAttr {
        let mut out = UniqueAttr {
            tokens: attr_tokens(attr),
            columns: None,
            name: None,
        };
        for_each_key(cx, attr, UNIQUE, UNIQUE_KEYS, |key, meta| {
            if key == COLUMNS {
                // #[unique(columns(a, b))]
                set_once(cx, &mut out.columns, key, column_list(meta)?);
            } else if key == NAME {
                // #[unique(name = "dashboards_label_key")]
                set_once(cx, &mut out.name, key, string_value(meta)?);
            }
            Ok(())
        });
        out
    }
}

impl ForeignKeyAttr {
    fn parse(cx: &Ctxt, attr: &Attribute, keys: &[Symbol]) -> ForeignKeyAttr {
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
