//! A table's keys, indexes and constraints, read from its attributes, with PostgreSQL's
//! default names: `{table}_pkey`, `{table}_{cols}_key`, `{table}_{cols}_fkey`, and indexes
//! `ix_{table}_{cols}`. Nothing is judged here: [`crate::check`] does that.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::Ident;

use super::{Check, ForeignKey, IndexForm, Key, KeyColumn, Table};
use crate::attr::{ColumnList, SpannedValue, TableAttrs};
use crate::symbol::{PRIMARY_KEY, UNIQUE};

/// A key declared on field `i` (`Some(i)`) or listed on the struct (`None`).
type OnField = Option<usize>;

impl Table<'_> {
    /// Fills in the primary key, unique constraints, indexes and foreign keys.
    pub(super) fn collect_keys(&mut self, attrs: &TableAttrs) {
        let (primary_key, conflict) = self.primary_key(attrs);
        self.primary_key = primary_key;
        self.conflicting_primary_keys = conflict;
        self.uniques = self.uniques(attrs);
        self.indexes = self.indexes(attrs);
        self.foreign_keys = self.foreign_keys(attrs);
        self.checks = attrs
            .checks
            .iter()
            .map(|attr| Check {
                name: attr.name.clone(),
                expr: attr.expr.clone(),
                tokens: attr.tokens.clone(),
            })
            .collect();
    }

    /// The primary key: listed on the struct, or the fields marked `primary_key`, in field
    /// order; and both places' tokens when it is declared both ways.
    fn primary_key(&self, attrs: &TableAttrs) -> (Option<Key>, Option<(TokenStream, TokenStream)>) {
        let table = &self.name.value;
        let on_fields: Vec<usize> = (0..self.fields.len())
            .filter(|i| self.fields[*i].attrs.primary_key.is_some())
            .collect();
        let field_tokens = |i: usize| {
            self.fields[i]
                .attrs
                .primary_key
                .map(|span| Ident::new(PRIMARY_KEY.0, span).to_token_stream())
                .unwrap_or_default()
        };
        // `#[table(primary_key_name = "...")]`, or PostgreSQL's default name.
        let key = |tokens: TokenStream, columns: Vec<KeyColumn>| {
            let default = primary_key_name(table);
            let (name, explicit_name) = name_or(attrs.primary_key_name.as_ref(), default, &tokens);
            Key {
                name,
                explicit_name,
                columns,
                tokens,
                unique: true,
                on_field: None,
                form: IndexForm::default(),
            }
        };
        if let Some(list) = &attrs.primary_key {
            let conflict = on_fields
                .first()
                .map(|first| (list.tokens.clone(), field_tokens(*first)));
            (
                Some(key(list.tokens.clone(), self.key_columns(list))),
                conflict,
            )
        } else if let Some(first) = on_fields.first() {
            let columns = on_fields.iter().map(|i| self.field_column(*i)).collect();
            (Some(key(field_tokens(*first), columns)), None)
        } else {
            (None, None)
        }
    }

    /// Unique constraints: `#[column(unique)]` fields in field order, then `#[unique(...)]`
    /// on the struct.
    fn uniques(&self, attrs: &TableAttrs) -> Vec<Key> {
        let table = &self.name.value;
        let on_fields = self.fields.iter().enumerate().filter_map(|(i, field)| {
            let span = field.attrs.unique?;
            let columns = vec![self.field_column(i)];
            let tokens = Ident::new(UNIQUE.0, span).to_token_stream();
            let default = format!("{table}_{}_key", self.joined(&columns));
            Some(self.key(None, default, tokens, columns, true, Some(i)))
        });
        let on_struct = attrs.uniques.iter().map(|attr| {
            let columns = self.declared_columns(None, attr.columns.as_ref());
            let default = format!("{table}_{}_key", self.joined(&columns));
            let tokens = attr.tokens.clone();
            let mut key = self.key(attr.name.as_ref(), default, tokens, columns, true, None);
            key.form.nulls_not_distinct = attr.nulls_not_distinct.clone();
            key
        });
        on_fields.chain(on_struct).collect()
    }

    /// Indexes: those on fields first (one column, the field's), in field order, then those
    /// listed on the struct.
    fn indexes(&self, attrs: &TableAttrs) -> Vec<Key> {
        let table = &self.name.value;
        let on_fields = self
            .fields
            .iter()
            .enumerate()
            .flat_map(|(i, field)| field.attrs.indexes.iter().map(move |attr| (Some(i), attr)));
        let on_struct = attrs.indexes.iter().map(|attr| (None, attr));
        on_fields
            .chain(on_struct)
            .map(|(on_field, attr)| {
                let columns = self.declared_columns(on_field, attr.columns.as_ref());
                let default = format!("ix_{table}_{}", self.joined(&columns));
                let tokens = attr.tokens.clone();
                let unique = attr.unique.is_some();
                let name = attr.name.as_ref();
                let mut key = self.key(name, default, tokens, columns, unique, on_field);
                key.form = IndexForm {
                    columns_tokens: attr.columns.as_ref().map(|l| l.tokens.clone()),
                    expr: attr.expr.clone(),
                    desc: attr
                        .desc
                        .as_ref()
                        .map(|l| self.key_columns(l))
                        .unwrap_or_default(),
                    include: attr
                        .include
                        .as_ref()
                        .map(|l| self.key_columns(l))
                        .unwrap_or_default(),
                    predicate: attr.predicate.clone(),
                    method: attr.method.clone(),
                    nulls_not_distinct: attr.nulls_not_distinct.clone(),
                };
                key
            })
            .collect()
    }

    /// Foreign keys: those on fields first (one column, the field's), in field order, then
    /// those listed on the struct.
    fn foreign_keys(&self, attrs: &TableAttrs) -> Vec<ForeignKey> {
        let table = &self.name.value;
        let on_fields = self.fields.iter().enumerate().flat_map(|(i, field)| {
            field
                .attrs
                .foreign_keys
                .iter()
                .map(move |attr| (Some(i), attr))
        });
        let on_struct = attrs.foreign_keys.iter().map(|attr| (None, attr));
        on_fields
            .chain(on_struct)
            .map(|(on_field, attr)| {
                let columns = self.declared_columns(on_field, attr.columns.as_ref());
                let default = format!("{table}_{}_fkey", self.joined(&columns));
                let (name, explicit_name) = name_or(attr.name.as_ref(), default, &attr.tokens);
                ForeignKey {
                    name,
                    explicit_name,
                    columns,
                    reference: attr.references.clone(),
                    reference_invalid: attr.references_invalid,
                    on_delete: attr.on_delete.clone(),
                    on_update: attr.on_update.clone(),
                    tokens: attr.tokens.clone(),
                    on_field,
                }
            })
            .collect()
    }

    /// A unique constraint or index named `name`, or `default` when no name is given.
    fn key(
        &self,
        name: Option<&SpannedValue<String>>,
        default: String,
        tokens: TokenStream,
        columns: Vec<KeyColumn>,
        unique: bool,
        on_field: OnField,
    ) -> Key {
        let (name, explicit_name) = name_or(name, default, &tokens);
        Key {
            name,
            explicit_name,
            columns,
            tokens,
            unique,
            on_field,
            form: IndexForm::default(),
        }
    }

    fn key_columns(&self, list: &ColumnList) -> Vec<KeyColumn> {
        list.idents
            .iter()
            .map(|written| KeyColumn {
                written: written.clone(),
                field: self.resolve(written),
            })
            .collect()
    }

    /// The columns of a key declared on field `on_field` (that field), or on the struct (its
    /// `columns(...)` list; none if it has no list, which `check` reports).
    fn declared_columns(&self, on_field: OnField, list: Option<&ColumnList>) -> Vec<KeyColumn> {
        match on_field {
            Some(i) => vec![self.field_column(i)],
            None => list.map(|l| self.key_columns(l)).unwrap_or_default(),
        }
    }

    fn field_column(&self, index: usize) -> KeyColumn {
        KeyColumn {
            written: self.fields[index].ident.clone(),
            field: Some(index),
        }
    }

    /// `a_b` from the columns' SQL names, for default constraint names.
    fn joined(&self, columns: &[KeyColumn]) -> String {
        columns
            .iter()
            .map(|c| match c.field {
                Some(i) => self.fields[i].column.value.clone(),
                None => c.written.unraw().to_string(),
            })
            .collect::<Vec<_>>()
            .join("_")
    }
}

/// The name given, or `default` spanned at the attribute; and whether it was given.
fn name_or(
    explicit: Option<&SpannedValue<String>>,
    default: String,
    tokens: &TokenStream,
) -> (SpannedValue<String>, bool) {
    match explicit {
        Some(name) => (name.clone(), true),
        None => (
            SpannedValue {
                value: default,
                tokens: tokens.clone(),
            },
            false,
        ),
    }
}

/// `{table}_pkey`, as PostgreSQL names it: the table part cut so the name fits 63 bytes
/// (`makeObjectName`). Without `primary_key_name`, a long table name must still give a valid
/// one; two tables whose names share 58 bytes are caught by `schema!`.
fn primary_key_name(table: &str) -> String {
    const SUFFIX: &str = "_pkey";
    let mut cut = table
        .len()
        .min(crate::check::MAX_IDENTIFIER_BYTES - SUFFIX.len());
    while !table.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{SUFFIX}", &table[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_primary_key_names_as_postgres_does() {
        assert_eq!(primary_key_name("dashboards"), "dashboards_pkey");
        let long = "a".repeat(63);
        let name = primary_key_name(&long);
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("a_pkey"));
        // Never half a character.
        let wide = "é".repeat(40);
        assert!(primary_key_name(&wide).len() <= 63);
    }
}
