//! What the derives emit, as insta snapshots (diesel does this): a reviewer sees a change to
//! the generated code as a diff of `snapshots/*.snap`. Each snapshot records its input in the
//! header's `description`. Read a new or changed snapshot before accepting it.

use proc_macro2::TokenStream;
use syn::DeriveInput;

/// `tokens` as rustfmt-like source, for a readable snapshot. The items inside
/// `::schema_core::__rows! { ... }` (the row impls, behind the feature `rows`) are laid out
/// too, between the macro's first and last line.
fn pretty(tokens: TokenStream) -> String {
    let file = match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => file,
        // Not a file: show the tokens as they are, so the snapshot still says what happened.
        Err(error) => return format!("// not parsable as items: {error}\n{tokens}"),
    };
    let mut out = String::new();
    let mut plain = Vec::new();
    for item in file.items {
        let rows = match &item {
            syn::Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "__rows") =>
            {
                Some(m.mac.tokens.clone())
            }
            _ => None,
        };
        match rows {
            Some(inner) => {
                out += &unparse(std::mem::take(&mut plain));
                out += "::schema_core::__rows! {\n";
                out += &pretty(inner);
                out += "}\n";
            }
            None => plain.push(item),
        }
    }
    out + &unparse(plain)
}

fn unparse(items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

/// Snapshots `expansion` under `name`, with `input` (pretty-printed) as its description.
fn snapshot(name: &str, input: &DeriveInput, expansion: TokenStream) {
    let input = pretty(quote::quote!(#input));
    insta::with_settings!({ description => input, omit_expression => true }, {
        insta::assert_snapshot!(name, pretty(expansion));
    });
}

fn table(name: &str, input: DeriveInput) {
    let expansion = crate::derive::table(&input);
    snapshot(name, &input, expansion);
}

#[test]
fn plain_table() {
    table(
        "plain_table",
        syn::parse_quote! {
            #[table(name = "dashboards")]
            pub struct Dashboard {
                #[column(primary_key)]
                pub id: uuid::Uuid,
                #[column(unique)]
                #[index]
                pub entity_key: String,
                pub canonical_json: Option<serde_json::Value>,
            }
        },
    );
}

#[test]
fn composite_foreign_key() {
    table(
        "composite_foreign_key",
        syn::parse_quote! {
            #[foreign_key(
                columns(module_id, version),
                references = ModuleVersion(module_id, version),
                on_delete = cascade
            )]
            pub struct Release {
                #[column(primary_key)]
                pub id: i64,
                pub module_id: uuid::Uuid,
                pub version: i32,
            }
        },
    );
}

#[test]
fn default_check() {
    table(
        "default_check",
        syn::parse_quote! {
            pub struct Flag {
                #[column(primary_key)]
                pub id: i64,
                #[column(default = "false")]
                pub enabled: bool,
            }
        },
    );
}

#[test]
fn identity_per_dialect_default_on_update() {
    table(
        "identity_per_dialect_default_on_update",
        syn::parse_quote! {
            #[table(primary_key_name = "pk_invoice")]
            pub struct Invoice {
                #[column(primary_key, identity = always)]
                pub invoice_id: i64,
                #[column(default(postgres = "gen_random_uuid()", sqlite = "(randomblob(16))"))]
                pub token: uuid::Uuid,
                #[column(default = "now()", on_update = "CURRENT_TIMESTAMP", on_update_emulated)]
                pub updated_at: chrono::DateTime<chrono::Utc>,
            }
        },
    );
}

#[test]
fn checks_index_forms_comments_collations() {
    table(
        "checks_index_forms_comments_collations",
        syn::parse_quote! {
            #[table(name = "messages", schema = "billing")]
            #[check(name = "messages_size_positive", expr = "size > 0")]
            #[check(name = "messages_kind", expr(postgres = "kind ~ '^[a-z]+$'", sqlite = "kind GLOB '[a-z]*'", mysql = "kind REGEXP '^[a-z]+$'"))]
            #[index(columns(app_id, created_at), desc(created_at), name = "ix_messages_app_created")]
            #[index(columns(uid), unique, where = "uid IS NOT NULL")]
            #[index(expr = "lower(kind)", unique, name = "ix_messages_kind_lower")]
            #[index(columns(tags), method = gin)]
            #[index(columns(app_id), include(created_at))]
            #[unique(columns(app_id, uid), nulls_not_distinct)]
            /// Messages sent to an endpoint.
            pub struct Message {
                #[column(primary_key, identity)]
                pub id: i64,
                pub app_id: i64,
                /// Bytes of the payload.
                pub size: i32,
                pub kind: String,
                #[column(collation = "C")]
                pub uid: Option<String>,
                #[column(collation(postgres = "und-x-icu", mysql = "utf8mb4_0900_ai_ci"))]
                pub label: String,
                pub tags: Vec<String>,
                pub created_at: chrono::DateTime<chrono::Utc>,
            }
        },
    );
}

#[test]
fn external_without_primary_key_or_comments() {
    table(
        "external_without_primary_key_or_comments",
        syn::parse_quote! {
            #[table(name = "users", schema = "auth", external, no_primary_key, no_comments)]
            /// Owned by the auth service.
            pub struct AuthUser {
                /// Not a comment here.
                pub id: uuid::Uuid,
            }
        },
    );
}

#[test]
fn fallback_stub() {
    table(
        "fallback_stub",
        syn::parse_quote! {
            pub struct Dashboard {
                #[column(primary_key)]
                pub id: uuid::Uuid,
                #[column(uniqe)]
                pub label: String,
            }
        },
    );
}

#[test]
fn sql_enum() {
    let input: DeriveInput = syn::parse_quote! {
        #[sql_enum(name = "draft_status")]
        pub enum DraftStatus {
            Draft,
            #[sql_enum(rename = "in_review")]
            Review,
            Published,
        }
    };
    let expansion = crate::sql_enum::derive(&input);
    snapshot("sql_enum", &input, expansion);
}
