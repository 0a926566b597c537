//! The parsed declaration: the struct, its fields, and its keys, indexes and constraints with
//! their final names. [`Table::from_syn`] parses the attributes too (as serde's
//! `Container::from_ast` does), without stopping at errors; [`crate::check`] judges the result.
//! The keys and their default names are worked out in [`keys`].

mod keys;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr::{Action, FieldAttrs, IndexMethod, Reference, SpannedValue, TableAttrs};
use crate::ctxt::Ctxt;
use crate::dialect_text::DialectTexts;

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
    pub foreign_keys: Vec<ForeignKey>,
    pub checks: Vec<Check>,
    /// `#[table(schema = "billing")]`.
    pub schema: Option<SpannedValue<String>>,
    /// `#[table(external)]`.
    pub external: bool,
    /// `#[table(no_primary_key)]`, at the key.
    pub no_primary_key: Option<Ident>,
    /// The table's comment: the struct's doc comment, unless `#[table(no_comments)]`.
    pub comment: Option<String>,
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
    /// The column's comment: the field's doc comment, unless `#[table(no_comments)]`.
    pub comment: Option<String>,
    pub attrs: FieldAttrs,
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
    /// An index's other forms (and a unique constraint's `nulls_not_distinct`).
    pub form: IndexForm,
}

/// What an index may have beyond its name, columns and `unique`; all empty by default.
#[derive(Default)]
pub struct IndexForm {
    /// `columns(a, b)` as written, when an index lists columns (for the conflict with `expr`).
    pub columns_tokens: Option<TokenStream>,
    /// `expr = "lower(email)"`.
    pub expr: Option<SpannedValue<String>>,
    /// `desc(a)`, each resolved like a key column.
    pub desc: Vec<KeyColumn>,
    /// `include(a)`, each resolved like a key column.
    pub include: Vec<KeyColumn>,
    /// `where = "..."`.
    pub predicate: Option<SpannedValue<String>>,
    /// `method = gin`.
    pub method: Option<SpannedValue<IndexMethod>>,
    /// `nulls_not_distinct`, at the key.
    pub nulls_not_distinct: Option<Ident>,
}

/// A CHECK constraint, as declared (`check` requires its name and a non-empty expression).
pub struct Check {
    pub name: Option<SpannedValue<String>>,
    pub expr: Option<SpannedValue<DialectTexts>>,
    /// The attribute, for errors about it as a whole.
    pub tokens: TokenStream,
}

/// A foreign key.
pub struct ForeignKey {
    pub name: SpannedValue<String>,
    pub explicit_name: bool,
    pub columns: Vec<KeyColumn>,
    pub reference: Option<Reference>,
    /// `references` was given but unreadable (already reported).
    pub reference_invalid: bool,
    pub on_delete: Option<SpannedValue<Action>>,
    pub on_update: Option<SpannedValue<Action>>,
    pub tokens: TokenStream,
    pub on_field: Option<usize>,
}

impl<'a> Table<'a> {
    /// Parses the struct and its attributes; `None` (with errors pushed) when it is not a
    /// struct with named fields and no generics. Every attribute is parsed first, even on a
    /// struct refused later, so each mistake is reported.
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Table<'a>> {
        let table_attrs = TableAttrs::from_attrs(cx, &input.attrs, input.ident.to_string());
        let field_attrs = field_attrs(cx, input);
        let named = named_fields(cx, input)?;
        let name = match &table_attrs.name {
            Some(name) => name.clone(),
            None => SpannedValue {
                value: snake_case(&input.ident.to_string()),
                tokens: input.ident.to_token_stream(),
            },
        };
        let comments = table_attrs.no_comments.is_none();
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
                    comment: attrs.doc.clone().filter(|_| comments),
                    attrs,
                })
            })
            .collect();
        let misspelt_primary_key =
            table_attrs.misspelt_primary_key || fields.iter().any(|f| f.attrs.misspelt_primary_key);
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
            checks: Vec::new(),
            schema: table_attrs.schema.clone(),
            external: table_attrs.external.is_some(),
            no_primary_key: table_attrs.no_primary_key.clone(),
            comment: table_attrs.doc.clone().filter(|_| comments),
            misspelt_primary_key,
        };
        table.collect_keys(&table_attrs);
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
}

/// Each field's attributes (of any struct, so a tuple struct's are checked too); errors name
/// `Struct.field`.
fn field_attrs(cx: &Ctxt, input: &DeriveInput) -> Vec<FieldAttrs> {
    let Data::Struct(data) = &input.data else {
        return Vec::new();
    };
    data.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let field = f
                .ident
                .as_ref()
                .map_or_else(|| i.to_string(), |ident| ident.unraw().to_string());
            FieldAttrs::from_attrs(cx, &f.attrs, format!("{}.{field}", input.ident))
        })
        .collect()
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
    fn sees_options() {
        let ty: Type = syn::parse_quote!(Option<uuid::Uuid>);
        assert!(option_inner(&ty).is_some());
        let ty: Type = syn::parse_quote!(std::option::Option<i32>);
        assert!(option_inner(&ty).is_some());
        let ty: Type = syn::parse_quote!(Vec<i32>);
        assert!(option_inner(&ty).is_none());
    }
}
