//! The derive on bad input, without a compiler: count the errors it emits (each becomes one
//! `compile_error!`), check what they say, and that nothing panics.

use proc_macro2::{TokenStream, TokenTree};
use syn::DeriveInput;

use crate::derive::table as derive_table;

mod expand;

/// The messages of the `compile_error!`s in `tokens`.
fn errors(tokens: TokenStream) -> Vec<String> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                // `compile_error ! { "message" }`
                if let Some(TokenTree::Group(group)) = tokens.get(i + 2) {
                    if let Ok(lit) = syn::parse2::<syn::LitStr>(group.stream()) {
                        out.push(lit.value());
                    }
                }
            }
            TokenTree::Group(group) => out.extend(errors(group.stream())),
            _ => {}
        }
    }
    out
}

fn derive(input: DeriveInput) -> Vec<String> {
    errors(derive_table(&input))
}

#[test]
fn a_valid_table_has_no_error() {
    let errors = derive(syn::parse_quote! {
        #[table(name = "module_dashboard")]
        pub struct ModuleDashboard {
            #[column(primary_key)]
            #[foreign_key(references = Module::id, on_delete = cascade)]
            pub module_id: Uuid,
            #[column(primary_key)]
            #[foreign_key(references = Dashboard::id, on_delete = restrict)]
            pub dashboard_id: Uuid,
        }
    });
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn errors_accumulate() {
    let errors = derive(syn::parse_quote! {
        pub struct ModuleDashboard {
            #[column(primary_key)]
            pub id: Option<Uuid>,
            #[foreign_key(references = ModuleDashboard::id, on_delete = explode)]
            pub parent_id: Option<Uuid>,
            #[column(uniqe)]
            pub label: String,
        }
    });
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("`ModuleDashboard.parent_id`: unknown action `explode`"));
    assert!(errors[1].contains("did you mean `unique`?"));
    assert!(errors[2].starts_with("`ModuleDashboard.id`: a primary-key column cannot be NULL"));
}

#[test]
fn every_rule_of_one_struct_is_reported() {
    let errors = derive(syn::parse_quote! {
        #[table(primary_key(id, id))]
        #[index(columns(labl))]
        #[index(columns(label), name = "ix")]
        #[unique(columns(label), name = "ix")]
        pub struct Dashboard {
            pub id: Uuid,
            pub label: String,
            #[column(name = "label")]
            pub title: String,
            #[foreign_key(references = Module::id, on_delete = set_null, on_update = set_default)]
            pub module_id: Uuid,
            #[column(sql_type = "VARCHAR(0)", default = "'a")]
            pub code: String,
        }
    });
    // id twice, labl unknown, `ix` twice, `label` twice as a column, set_null on NOT NULL,
    // set_default without default, VARCHAR(0), the open string literal.
    assert_eq!(errors.len(), 8, "{errors:#?}");
}

#[test]
fn a_misspelt_primary_key_is_one_error() {
    let errors = derive(syn::parse_quote! {
        pub struct Dashboard {
            #[column(primray_key)]
            pub id: Uuid,
        }
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("`Dashboard.id`: unknown key `primray_key`"));
    assert!(errors[0].ends_with("did you mean `primary_key`?"));
}

#[test]
fn a_string_for_references_is_one_error() {
    let errors = derive(syn::parse_quote! {
        pub struct Dashboard {
            #[column(primary_key)]
            pub id: Uuid,
            #[foreign_key(references = "Dashboard::id", on_delete = cascade)]
            pub parent_id: Option<Uuid>,
        }
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("write `references = Dashboard::id`"));
}

#[test]
fn attribute_errors_name_their_struct_and_field() {
    let errors = derive(syn::parse_quote! {
        #[table(name = "a", name = "b")]
        pub struct Dashboard {
            #[column(primary_key = "yes")]
            pub id: Uuid,
            #[column(sql_type = "NUMERIC(10, 20)")]
            pub r#type: String,
        }
    });
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].starts_with("`Dashboard`: `name` is given twice"));
    assert!(errors[1].starts_with("`Dashboard.id`: `primary_key` is a flag"));
    assert!(errors[2].starts_with("`Dashboard.type`: `NUMERIC(10, 20)` has a scale"));
}

#[test]
fn the_new_column_keys_parse_without_error() {
    let errors = derive(syn::parse_quote! {
        #[table(primary_key_name = "pk_invoice")]
        pub struct Invoice {
            #[column(primary_key, identity = always, autoincrement)]
            pub invoice_id: i64,
            #[column(sql_type = "NUMERIC(10, 2)")]
            pub total: Decimal,
            #[column(sql_type = "CITEXT")]
            pub email: String,
            #[column(sql_type(postgres = "CITEXT", sqlite = "TEXT", mysql = "VARCHAR(255)"))]
            pub handle: String,
            #[column(default(postgres = "gen_random_uuid()", sqlite = "(randomblob(16))"))]
            pub token: Uuid,
            #[column(default = "now()", on_update = "CURRENT_TIMESTAMP", on_update_emulated)]
            pub updated_at: DateTime<Utc>,
        }
    });
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_identity_and_on_update_rule_is_reported() {
    let errors = derive(syn::parse_quote! {
        pub struct Invoice {
            #[column(primary_key, identity, default = "1")]
            pub id: i64,
            #[column(identity = serial)]
            pub number: Option<i32>,
            #[column(identity, sql_type = "TEXT")]
            pub code: String,
            #[column(autoincrement)]
            pub other: i64,
            #[column(on_update_emulated)]
            pub touched: DateTime<Utc>,
            #[column(on_update = "CURRENT_TIMESTAMP", sql_type = "DATE")]
            pub day: NaiveDate,
        }
    });
    // identity on TEXT, a second and a third identity column, a NULL-able one, identity with
    // default (at both keys), autoincrement and on_update_emulated alone, on_update on DATE.
    assert_eq!(errors.len(), 9, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("`Invoice.number`: `Invoice` already has an identity column, `id`"))
    );
    assert!(errors.iter().any(|e| e.starts_with(
        "`Invoice.code`: `identity` needs an integer column, but `sql_type = \"TEXT\"`"
    )));
}

#[test]
fn per_dialect_lists_are_checked() {
    let errors = derive(syn::parse_quote! {
        pub struct Account {
            #[column(primary_key)]
            pub id: i64,
            #[column(sql_type(postgresql = "CITEXT"))]
            pub email: String,
            #[column(sql_type())]
            pub name: String,
            #[column(default(sqlite = 1, mysql = "1"))]
            pub rank: i32,
            #[column(sql_type = "TEXT", sql_type(postgres = "CITEXT"))]
            pub handle: String,
            #[column(identity = sometimes)]
            pub number: i64,
        }
    });
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(errors[0].starts_with("`Account.email`: unknown dialect `postgresql` in `sql_type(...)`; expected `postgres`, `sqlite` or `mysql`"));
    assert!(errors[0].ends_with("did you mean `postgres`?"));
    assert!(errors[1].starts_with("`Account.name`: `sql_type()` names no dialect"));
    assert!(errors[2].starts_with("`Account.rank`: `sqlite` takes a string literal"));
    assert!(errors[3].starts_with("`Account.handle`: `sql_type` is given twice"));
    assert!(errors[4].starts_with("`Account.number`: unknown kind `sometimes` for `identity`"));
}

#[test]
fn only_plain_structs() {
    for input in [
        syn::parse_quote!(
            enum Status {
                Draft,
            }
        ),
        syn::parse_quote!(
            struct Pair(i64, String);
        ),
        syn::parse_quote!(
            struct Nothing;
        ),
        syn::parse_quote!(
            struct Boxed<T> {
                #[column(primary_key)]
                id: T,
            }
        ),
    ] {
        let errors = derive(input);
        assert_eq!(errors.len(), 1, "{errors:#?}");
    }
}

/// Malformed attributes: each is an error, none is a panic.
#[test]
fn never_panics() {
    let inputs: Vec<DeriveInput> = vec![
        syn::parse_quote!(
            struct T {
                #[column]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column()]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(name)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(name = )]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(name = "")]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(a::b = 1)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key(x))]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, default = "")]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, sql_type = "VARCHAR(")]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, sql_type = "VARCHAR(99999999999)")]
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[table(primary_key())]
            struct T {
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[table(primary_key)]
            struct T {
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[table]
            struct T {
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[index]
            struct T {
                #[column(primary_key)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[index(columns())]
            struct T {
                #[column(primary_key)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[foreign_key(references = U(a))]
            struct T {
                #[column(primary_key)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[foreign_key(columns(id), references = U())]
            struct T {
                #[column(primary_key)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key)]
                #[foreign_key]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key)]
                #[foreign_key(references = )]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key)]
                #[foreign_key(references = U)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key)]
                #[foreign_key(references = ::U::)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key)]
                #[foreign_key(references = U::id, on_delete)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key)]
                #[foreign_key(references = U::id, on_delete = 1)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key)]
                #[unique]
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[column(primary_key)]
            struct T {
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, identity(always))]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, identity = )]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, sql_type(postgres))]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, default(postgres = ""))]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, default(a::b = "x"))]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, on_update(mysql = "x"))]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, on_update = "")]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, sql_type = "NUMERIC(99999999999, 2)")]
                id: i64,
            }
        ),
        syn::parse_quote!(
            struct T {
                #[column(primary_key, sql_type = "CHAR())")]
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[table(primary_key_name)]
            struct T {
                #[column(primary_key)]
                id: i64,
            }
        ),
        syn::parse_quote!(
            #[table(primary_key_name = "")]
            struct T {
                #[column(primary_key)]
                id: i64,
            }
        ),
        syn::parse_quote!(union T { id: i64 }),
        syn::parse_quote!(
            struct T {}
        ),
    ];
    for input in inputs {
        let tokens = quote::quote!(#input).to_string();
        let errors = derive(input);
        assert!(!errors.is_empty(), "no error for {tokens}");
    }
}

#[test]
fn a_dialect_without_a_value_says_what_to_write() {
    let errors = derive(syn::parse_quote! {
        pub struct Account {
            #[column(primary_key, sql_type(postgres, mysql = "TEXT"))]
            pub id: String,
        }
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0],
        "`Account.id`: `postgres` takes a string literal: `postgres = \"...\"`"
    );
}

#[test]
fn a_dialect_given_twice_is_one_error() {
    let errors = derive(syn::parse_quote! {
        pub struct Account {
            #[column(primary_key, default(postgres = "1", postgres = "2"))]
            pub id: i64,
        }
    });
    assert_eq!(
        errors,
        ["`Account.id`: `postgres` is given twice; keep one"]
    );
}

#[test]
fn the_forms_of_real_schemas_parse_without_error() {
    let errors = derive(syn::parse_quote! {
        #[table(name = "messages", schema = "billing")]
        #[check(name = "messages_size_positive", expr = "size > 0")]
        #[check(name = "messages_kind", expr(postgres = "kind ~ '^[a-z]+$'", sqlite = "kind GLOB '[a-z]*'"))]
        #[index(columns(app_id, created_at), desc(created_at), name = "ix_messages_app_created")]
        #[index(columns(uid), unique, nulls_not_distinct, where = "uid IS NOT NULL AND \"size\" > 0")]
        #[index(expr = "lower(kind)", unique, name = "ix_messages_kind_lower")]
        #[index(columns(tags), method = gin)]
        #[index(columns(app_id), include(created_at))]
        #[unique(columns(app_id, uid), nulls_not_distinct)]
        /// Messages.
        pub struct Message {
            #[column(primary_key, identity)]
            pub id: i64,
            pub app_id: i64,
            /// Bytes.
            pub size: i32,
            pub kind: String,
            #[column(collation = "C")]
            pub uid: Option<String>,
            pub tags: Vec<String>,
            pub created_at: DateTime<Utc>,
        }
    });
    assert!(errors.is_empty(), "{errors:#?}");
    let errors = derive(syn::parse_quote! {
        #[table(external, no_primary_key, no_comments)]
        pub struct Log {
            pub line: String,
        }
    });
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_rule_of_the_new_forms_is_reported() {
    let long = "c".repeat(64);
    let errors = derive(syn::parse_quote! {
        #[table(schema = "", no_primary_key)]
        #[check(expr = "size > 0")]
        #[check(name = #long, expr = "size > 0")]
        #[check(name = "c_empty", expr = " ")]
        #[check(name = "c_no_expr")]
        #[check(name = "ix_dup", expr = "size > 1")]
        #[index(columns(size), name = "ix_dup")]
        #[index(columns(size), expr = "size + 1", name = "ix_both")]
        #[index(expr = "lower(kind)")]
        #[index(expr = "", name = "ix_empty")]
        #[index(columns(size), desc(kind, nope), include(size, nope), name = "ix_lists")]
        #[index(columns(size), where = "sise > 0 AND lower(kind) = 'a'", name = "ix_where")]
        #[index(columns(size), nulls_not_distinct, name = "ix_nnd")]
        #[index(columns(size), method = gni, name = "ix_method")]
        pub struct Message {
            #[column(primary_key)]
            pub size: i32,
            #[column(collation = "C", sql_type = "BIGINT")]
            pub kind: String,
        }
    });
    // schema empty; no_primary_key with a key (both sides); check without name; name over 63;
    // empty check expr; check without expr; check name clashing with an index; columns and
    // expr (both sides); expression index without name; empty index expr; desc of a column
    // not in the key; desc and include of a missing column; include of a key column; where
    // naming a missing column; nulls_not_distinct on a non-unique index; unknown method;
    // collation on BIGINT.
    assert_eq!(errors.len(), 20, "{errors:#?}");
    for expected in [
        "`Message`: the schema name is empty",
        "`Message`: `#[table(no_primary_key)]` says the table has no primary key",
        "`Message`: `#[check(...)]` needs `name = \"...\"`",
        "`Message`: the name of this `check` `ccc",
        "`Message`: an empty `expr` in `#[check(...)]`",
        "`Message`: `#[check(...)]` needs `expr = \"...\"`",
        "`Message`: a check constraint is named `ix_dup`, which is already the name of an index",
        "`Message`: an index has `columns(...)` or one `expr = \"...\"` as its key, not both",
        "`Message`: an expression index needs `name = \"...\"`",
        "`Message`: an empty `expr` in `#[index(...)]`",
        "`Message`: `desc(kind)` names a column that is not in this index's `columns(...)`",
        "`Message`: `#[index(desc(...))]` names `nope`",
        "`Message`: `#[index(include(...))]` names `nope`",
        "`Message`: `include(size)` names a column already in this index's key",
        "`Message`: `where` names `sise`, which is not a column of `message`\n\nhelp: did you mean `size`?",
        "`Message`: `nulls_not_distinct` says how a unique index treats NULLs",
        "`Message`: unknown method `gni` for `method`",
        "`Message.kind`: `collation` orders text, but `sql_type = \"BIGINT\"` is not a text type",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(expected)),
            "{expected}\n{errors:#?}"
        );
    }
}

#[test]
fn a_struct_without_fields_is_one_error() {
    let errors = derive(syn::parse_quote! {
        pub struct Empty {}
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("`Empty` has no fields"),
        "{errors:#?}"
    );
}
