//! The parsed declaration: the struct, its fields, and its keys, indexes and constraints with
//! their final names. Built without stopping at errors; [`crate::check`] judges it.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr::{Action, ColumnList, FieldAttrs, Reference, SpannedValue, TableAttrs};

use crate::ctxt::Ctxt;

/// A struct deriving `Table`.
pub struct Table<'a> {
    pub ident: &'a Ident,
    pub input: &'a DeriveInput,
    /// The SQL table name and where it was written (the struct name when defaulted).
    pub name: SpannedValue<String>,
    pub fields: Vec<Field<'a>>,
    pub primary_key: Option<Key>,
    /// Set when both `#[table(primary_key(...))]` and `#[column(primary_key)]` are given.
    pub conflicting_primary_keys: Option<(TokenStream, TokenStream)>,
    pub uniques: Vec<Key>,
    pub indexes: Vec<Key>,
    pub foreign_keys: Vec<ForeignKey<'a>>,
    /// An unknown key of the struct or a field looked like `primary_key`.
    pub misspelt_primary_key: bool,
}

/// A field and its column.
pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    /// `T` of an `Option<T>` field (a NULL-able column).
    pub option_inner: Option<&'a Type>,
    /// The SQL column name and where it was written (the field name when defaulted).
    pub column: SpannedValue<String>,
    pub attrs: &'a FieldAttrs,
}

impl Field<'_> {
    pub fn nullable(&self) -> bool {
        self.option_inner.is_some()
    }

    /// `Struct.field`, as messages name it.
    pub fn path(&self, table: &Table) -> String {
        format!("{}.{}", table.ident, self.ident.unraw())
    }
}

/// A column named in a key: as written, and the field it resolves to.
#[derive(Clone)]
pub struct KeyColumn {
    pub written: Ident,
    pub field: Option<usize>,
}

/// A primary key, unique constraint or index.
pub struct Key {
    pub name: SpannedValue<String>,
    pub explicit_name: bool,
    pub columns: Vec<KeyColumn>,
    /// The attribute that declared it.
    pub tokens: TokenStream,
    /// For an index: `unique`.
    pub unique: bool,
    /// Declared on a field rather than listed on the struct.
    pub on_field: Option<usize>,
}

/// A foreign key.
pub struct ForeignKey<'a> {
    pub name: SpannedValue<String>,
    pub explicit_name: bool,
    pub columns: Vec<KeyColumn>,
    pub reference: Option<&'a Reference>,
    /// `references` was given but unreadable (already reported).
    pub reference_invalid: bool,
    pub on_delete: Option<&'a SpannedValue<Action>>,
    pub on_update: Option<&'a SpannedValue<Action>>,
    pub tokens: TokenStream,
    pub on_field: Option<usize>,
}

impl<'a> Table<'a> {
    /// Parses the struct and its attributes; `None` (with errors pushed) when it is not a
    /// struct with named fields and no generics.
    pub fn from_ast(
        cx: &Ctxt,
        input: &'a DeriveInput,
        table_attrs: &'a TableAttrs,
        field_attrs: &'a [FieldAttrs],
    ) -> Option<Table<'a>> {
        let named = named_fields(cx, input)?;
        let name = match &table_attrs.name {
            Some(name) => name.clone(),
            None => SpannedValue {
                value: snake_case(&input.ident.to_string()),
                tokens: input.ident.to_token_stream(),
            },
        };
        let fields: Vec<Field<'a>> = named
            .iter()
            .zip(field_attrs)
            .filter_map(|(field, attrs)| {
                let ident = field.ident.as_ref()?;
                let column = match &attrs.name {
                    Some(name) => name.clone(),
                    None => SpannedValue {
                        value: ident.unraw().to_string(),
                        tokens: ident.to_token_stream(),
                    },
                };
                Some(Field {
                    ident,
                    ty: &field.ty,
                    option_inner: option_inner(&field.ty),
                    column,
                    attrs,
                })
            })
            .collect();
        let mut table = Table {
            ident: &input.ident,
            input,
            name,
            fields,
            primary_key: None,
            conflicting_primary_keys: None,
            uniques: Vec::new(),
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
            misspelt_primary_key: table_attrs.misspelt_primary_key
                || field_attrs.iter().any(|a| a.misspelt_primary_key),
        };
        table.collect_keys(table_attrs, field_attrs);
        Some(table)
    }

    /// The field a written column name means: a field name, or a column's SQL name.
    pub fn resolve(&self, written: &Ident) -> Option<usize> {
        let text = written.unraw().to_string();
        self.fields
            .iter()
            .position(|f| f.ident.unraw() == text)
            .or_else(|| self.fields.iter().position(|f| f.column.value == text))
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
    fn declared_columns(
        &self,
        on_field: Option<usize>,
        list: Option<&ColumnList>,
    ) -> Vec<KeyColumn> {
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

    fn name_or(
        &self,
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

    /// Keys, indexes and constraints with PostgreSQL's default names: `{table}_pkey`,
    /// `{table}_{cols}_key`, `{table}_{cols}_fkey`; indexes `ix_{table}_{cols}`.
    fn collect_keys(&mut self, table_attrs: &'a TableAttrs, field_attrs: &'a [FieldAttrs]) {
        let table = self.name.value.clone();
        // Primary key: on the struct, or the fields marked `primary_key`, in field order.
        let field_pk: Vec<usize> = (0..self.fields.len())
            .filter(|i| field_attrs[*i].primary_key.is_some())
            .collect();
        if let Some(list) = &table_attrs.primary_key {
            if let Some(first) = field_pk.first() {
                let field_tokens = field_attrs[*first]
                    .primary_key
                    .map(|span| Ident::new("primary_key", span).to_token_stream())
                    .unwrap_or_default();
                self.conflicting_primary_keys = Some((list.tokens.clone(), field_tokens));
            }
            self.primary_key = Some(Key {
                name: SpannedValue {
                    value: primary_key_name(&table),
                    tokens: list.tokens.clone(),
                },
                explicit_name: false,
                columns: self.key_columns(list),
                tokens: list.tokens.clone(),
                unique: true,
                on_field: None,
            });
        } else if let Some(first) = field_pk.first() {
            let tokens = field_attrs[*first]
                .primary_key
                .map(|span| Ident::new("primary_key", span).to_token_stream())
                .unwrap_or_default();
            self.primary_key = Some(Key {
                name: SpannedValue {
                    value: primary_key_name(&table),
                    tokens: tokens.clone(),
                },
                explicit_name: false,
                columns: field_pk.iter().map(|i| self.field_column(*i)).collect(),
                tokens,
                unique: true,
                on_field: None,
            });
        }

        for (i, attrs) in field_attrs.iter().enumerate().take(self.fields.len()) {
            if let Some(span) = attrs.unique {
                let columns = vec![self.field_column(i)];
                let tokens = Ident::new("unique", span).to_token_stream();
                let (name, explicit_name) = self.name_or(
                    None,
                    format!("{table}_{}_key", self.joined(&columns)),
                    &tokens,
                );
                self.uniques.push(Key {
                    name,
                    explicit_name,
                    columns,
                    tokens,
                    unique: true,
                    on_field: Some(i),
                });
            }
        }
        for attr in &table_attrs.uniques {
            let columns = attr
                .columns
                .as_ref()
                .map(|l| self.key_columns(l))
                .unwrap_or_default();
            let (name, explicit_name) = self.name_or(
                attr.name.as_ref(),
                format!("{table}_{}_key", self.joined(&columns)),
                &attr.tokens,
            );
            self.uniques.push(Key {
                name,
                explicit_name,
                columns,
                tokens: attr.tokens.clone(),
                unique: true,
                on_field: None,
            });
        }

        // Indexes and foreign keys: those on fields first (one column, the field's), in field
        // order, then those listed on the struct.
        let fields = field_attrs.iter().enumerate().take(self.fields.len());
        let indexes = fields
            .clone()
            .flat_map(|(i, a)| a.indexes.iter().map(move |attr| (Some(i), attr)))
            .chain(table_attrs.indexes.iter().map(|attr| (None, attr)));
        for (on_field, attr) in indexes {
            let columns = self.declared_columns(on_field, attr.columns.as_ref());
            let (name, explicit_name) = self.name_or(
                attr.name.as_ref(),
                format!("ix_{table}_{}", self.joined(&columns)),
                &attr.tokens,
            );
            self.indexes.push(Key {
                name,
                explicit_name,
                columns,
                tokens: attr.tokens.clone(),
                unique: attr.unique.is_some(),
                on_field,
            });
        }
        let foreign_keys = fields
            .flat_map(|(i, a)| a.foreign_keys.iter().map(move |attr| (Some(i), attr)))
            .chain(table_attrs.foreign_keys.iter().map(|attr| (None, attr)));
        for (on_field, attr) in foreign_keys {
            let columns = self.declared_columns(on_field, attr.columns.as_ref());
            let (name, explicit_name) = self.name_or(
                attr.name.as_ref(),
                format!("{table}_{}_fkey", self.joined(&columns)),
                &attr.tokens,
            );
            self.foreign_keys.push(ForeignKey {
                name,
                explicit_name,
                columns,
                reference: attr.references.as_ref(),
                reference_invalid: attr.references_invalid,
                on_delete: attr.on_delete.as_ref(),
                on_update: attr.on_update.as_ref(),
                tokens: attr.tokens.clone(),
                on_field,
            });
        }
    }
}

/// `{table}_pkey`, as PostgreSQL names it: the table part cut so the name fits 63 bytes
/// (`makeObjectName`). A primary key takes no `name`, so a long table name must still give a
/// valid one; two tables whose names share 58 bytes are caught by `schema!`.
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

/// The named fields of a plain struct; anything else is an error at the offending part.
fn named_fields<'a>(
    cx: &Ctxt,
    input: &'a DeriveInput,
) -> Option<&'a syn::punctuated::Punctuated<syn::Field, syn::Token![,]>> {
    let ident = &input.ident;
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => Some(&fields.named),
            Fields::Unnamed(fields) => {
                cx.error_at(fields, format!("`#[derive(Table)]` on `{ident}` needs named fields, one per column: a tuple struct has no column names"));
                None
            }
            Fields::Unit => {
                cx.error_at(ident, format!("`#[derive(Table)]` on `{ident}` needs named fields, one per column: a unit struct has none"));
                None
            }
        },
        Data::Enum(data) => {
            cx.error_at(&data.enum_token, format!("`#[derive(Table)]` goes on a struct, not on enum `{ident}`; for an SQL enum type, use `#[derive(SqlEnum)]`"));
            None
        }
        Data::Union(data) => {
            cx.error_at(
                &data.union_token,
                format!("`#[derive(Table)]` goes on a struct, not on union `{ident}`"),
            );
            None
        }
    };
    if !input.generics.params.is_empty() {
        cx.error_at(&input.generics, format!("`#[derive(Table)]` on `{ident}`: a table struct cannot be generic (its columns must be known)"));
        return None;
    }
    fields
}

/// `T` if `ty` is `Option<T>` (also written `std::option::Option<T>`).
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let segments: Vec<String> = path
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let is_option = matches!(
        segments
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["Option"] | ["std", "option", "Option"] | ["core", "option", "Option"]
    );
    if !is_option {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &path.path.segments.last()?.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// `ModuleDashboard` -> `module_dashboard`, `ModulesV2` -> `modules_v2`, `HTTPLog` -> `http_log`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || prev.is_ascii_digit() || (prev.is_uppercase() && next_lower) {
                out.push('_');
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_cases_like_a_person() {
        assert_eq!(snake_case("ModuleDashboard"), "module_dashboard");
        assert_eq!(snake_case("ModulesV2"), "modules_v2");
        assert_eq!(snake_case("HTTPLog"), "http_log");
        assert_eq!(snake_case("Draft"), "draft");
    }

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

    #[test]
    fn sees_options() {
        let ty: Type = syn::parse_quote!(Option<uuid::Uuid>);
        assert!(option_inner(&ty).is_some());
        let ty: Type = syn::parse_quote!(std::option::Option<i32>);
        assert!(option_inner(&ty).is_some());
        let ty: Type = syn::parse_quote!(Vec<i32>);
        assert!(option_inner(&ty).is_none());
    }
}
