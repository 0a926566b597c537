//! Revision 003 (`resource_multi_category`): `resources.category_key` (one key) becomes
//! `resources.category_keys` (a JSON array of keys), the data moved along both ways.

use schema_core::migrate::{ColumnChange, RawSql, Revision, Step};
use schema_core::{ColumnDef, DefaultValue, IndexDef, SqlType};

/// `category_keys := [category_key]` where there is a key. The data migration is `required`:
/// skipping it on some dialect would silently lose every resource's category.
const KEY_TO_KEYS: RawSql = RawSql {
    postgres: Some(
        "UPDATE resources SET category_keys = jsonb_build_array(category_key) \
         WHERE category_key IS NOT NULL AND category_key <> ''",
    ),
    sqlite: Some(
        "UPDATE resources SET category_keys = json_array(category_key) \
         WHERE category_key IS NOT NULL AND category_key <> ''",
    ),
    mysql: Some(
        "UPDATE resources SET category_keys = JSON_ARRAY(category_key) \
         WHERE category_key IS NOT NULL AND category_key <> ''",
    ),
    required: true,
    ..RawSql::new("resources.category_keys := [category_key] where category_key is set")
};

/// `category_key := category_keys[0]` (as text) where the array is not empty. PostgreSQL
/// compares `jsonb` values; SQLite and MySQL store JSON as text, where `'[]'` could also be
/// written `'[ ]'`, so they ask for the array's length instead.
const KEYS_TO_KEY: RawSql = RawSql {
    postgres: Some(
        "UPDATE resources SET category_key = category_keys ->> 0 \
         WHERE category_keys <> '[]'::jsonb",
    ),
    sqlite: Some(
        "UPDATE resources SET category_key = json_extract(category_keys, '$[0]') \
         WHERE json_array_length(category_keys) > 0",
    ),
    mysql: Some(
        "UPDATE resources SET category_key = JSON_UNQUOTE(JSON_EXTRACT(category_keys, '$[0]')) \
         WHERE JSON_LENGTH(category_keys) > 0",
    ),
    required: true,
    ..RawSql::new("resources.category_key := first element of category_keys where there is one")
};

/// Revision 003.
pub const REVISION: Revision = Revision {
    id: "003",
    parent: Some("002"),
    message: "resources.category_key (VARCHAR) -> resources.category_keys (JSONB array)",
    up: &[
        Step::AddColumn {
            table: "resources",
            column: ColumnDef {
                default: Some(DefaultValue::Text("[]")),
                ..ColumnDef::new("category_keys", SqlType::Jsonb)
            },
        },
        Step::Sql(KEY_TO_KEYS),
        // `IF EXISTS`, as the original: running over a half-migrated table is harmless.
        Step::DropIndex {
            table: "resources",
            name: "ix_resources_category_key",
            if_exists: true,
        },
        // KEY_TO_KEYS copied every key into category_keys first.
        Step::AcceptDataLoss {
            table: "resources",
            column: Some("category_key"),
        },
        Step::DropColumn {
            table: "resources",
            column: "category_key",
            if_exists: true,
        },
    ],
    // The original re-adds `category_key` with `DEFAULT ''`, which 002 never had. Here the
    // default only serves to fill the existing rows, and is dropped at the end, so the
    // downgrade leaves the column as 002 created it (except its position: it comes back last).
    down: &[
        Step::AddColumn {
            table: "resources",
            column: ColumnDef {
                default: Some(DefaultValue::Text("")),
                ..ColumnDef::new("category_key", SqlType::Varchar(None))
            },
        },
        Step::CreateIndex {
            table: "resources",
            index: IndexDef::new("ix_resources_category_key", &["category_key"]),
        },
        Step::Sql(KEYS_TO_KEY),
        // KEYS_TO_KEY copied the first key back (the others are lost, as the spec's downgrade
        // loses them).
        Step::AcceptDataLoss {
            table: "resources",
            column: Some("category_keys"),
        },
        Step::DropColumn {
            table: "resources",
            column: "category_keys",
            if_exists: false,
        },
        Step::AlterColumn {
            table: "resources",
            column: "category_key",
            change: ColumnChange::SetDefault(None),
        },
    ],
};
