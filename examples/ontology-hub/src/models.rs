//! The ontology hub's tables at head (revisions 001 to 004 of `shared/spec`), declared once.
//!
//! Names, types, nullability, defaults, constraint and index names and ON DELETE actions are
//! the reference schema's. Where the spec leaves a name to PostgreSQL, the derive's default
//! names are PostgreSQL's own (`{table}_pkey`, `{table}_{col}_key`, `{table}_{col}_fkey`).
//!
//! Every table is `#[table(no_comments)]`: the reference schema has no comments, and the doc
//! comments here are for readers of the Rust, not for the database.

use chrono::NaiveDateTime;
use schema_core::{SqlEnum, Table};
use serde_json::Value;
use uuid::Uuid;

// ---- enum types (001) ----

/// `entitytype`.
#[derive(SqlEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[sql_enum(name = "entitytype")]
pub enum EntityType {
    /// `category`
    Category,
    /// `property`
    Property,
    /// `subobject`
    Subobject,
}

/// `draftstatus` (v1 drafts).
#[derive(SqlEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[sql_enum(name = "draftstatus")]
pub enum DraftStatus {
    /// `pending`
    Pending,
    /// `validated`
    Validated,
    /// `submitted`
    Submitted,
    /// `expired`
    Expired,
}

/// `ingeststatus`.
#[derive(SqlEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[sql_enum(name = "ingeststatus")]
pub enum IngestStatus {
    /// `pending`
    Pending,
    /// `in_progress`
    InProgress,
    /// `completed`
    Completed,
    /// `failed`
    Failed,
}

/// `draftstatus_v2`.
#[derive(SqlEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[sql_enum(name = "draftstatus_v2")]
pub enum DraftStatusV2 {
    /// `draft`
    Draft,
    /// `validated`
    Validated,
    /// `submitted`
    Submitted,
    /// `merged`
    Merged,
    /// `rejected`
    Rejected,
}

/// `changetype`.
#[derive(SqlEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[sql_enum(name = "changetype")]
pub enum ChangeType {
    /// `create`
    Create,
    /// `update`
    Update,
    /// `delete`
    Delete,
}

/// `draftsource`.
#[derive(SqlEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[sql_enum(name = "draftsource")]
pub enum DraftSource {
    /// `hub_ui`
    HubUi,
    /// `mediawiki_push`
    MediawikiPush,
}

// ---- v1 tables (001) ----

/// `entities`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "entities")]
#[unique(columns(entity_id, entity_type), name = "uq_entities_entity_id_type")]
pub struct Entity {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub entity_id: String,
    pub entity_type: EntityType,
    pub label: String,
    pub description: Option<String>,
    pub schema_definition: Option<Value>,
    pub commit_sha: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

/// `modules` (v1; v2 modules are [`Module`]).
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "modules")]
pub struct LegacyModule {
    #[column(primary_key)]
    pub id: Uuid,
    #[column(unique)]
    #[index]
    pub module_id: String,
    pub label: String,
    pub description: Option<String>,
    pub category_ids: Option<Value>,
    pub dependencies: Option<Value>,
    pub commit_sha: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

/// `profiles`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "profiles")]
pub struct Profile {
    #[column(primary_key)]
    pub id: Uuid,
    #[column(unique)]
    #[index]
    pub profile_id: String,
    pub label: String,
    pub description: Option<String>,
    pub module_ids: Option<Value>,
    pub commit_sha: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

/// `drafts` (v1; v2 drafts are [`Draft`]).
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "drafts")]
pub struct LegacyDraft {
    #[column(primary_key)]
    pub id: Uuid,
    #[column(unique)]
    #[index]
    pub capability_hash: String,
    pub status: DraftStatus,
    pub payload: Option<Value>,
    pub source_wiki: Option<String>,
    pub base_commit_sha: Option<String>,
    pub expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub diff_preview: Option<Value>,
    pub validation_results: Option<Value>,
}

/// `ontology_version`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "ontology_version")]
pub struct OntologyVersion {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub commit_sha: String,
    pub ingest_status: IngestStatus,
    pub entity_counts: Option<Value>,
    pub warnings: Option<Value>,
    pub errors: Option<Value>,
    pub ingested_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

// ---- v2 entity tables (001) ----

/// `categories`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "categories")]
#[unique(columns(entity_key), name = "uq_categories_entity_key")]
pub struct Category {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub entity_key: String,
    pub source_path: String,
    #[index]
    pub label: String,
    pub description: Option<String>,
    pub canonical_json: Option<Value>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// `properties`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "properties")]
#[unique(columns(entity_key), name = "uq_properties_entity_key")]
pub struct Property {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub entity_key: String,
    pub source_path: String,
    #[index]
    pub label: String,
    pub description: Option<String>,
    pub canonical_json: Option<Value>,
    pub datatype: Option<String>,
    pub cardinality: Option<String>,
    pub allowed_values: Option<Value>,
    pub allowed_pattern: Option<String>,
    pub allowed_value_list: Option<String>,
    pub display_units: Option<Value>,
    pub display_precision: Option<i32>,
    #[column(default = "'false'")]
    pub unique_values: bool,
    pub has_display_template_key: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// `subobjects`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "subobjects")]
#[unique(columns(entity_key), name = "uq_subobjects_entity_key")]
pub struct Subobject {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub entity_key: String,
    pub source_path: String,
    #[index]
    pub label: String,
    pub description: Option<String>,
    pub canonical_json: Option<Value>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// `modules_v2`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "modules_v2")]
#[unique(columns(entity_key), name = "uq_modules_v2_entity_key")]
pub struct Module {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub entity_key: String,
    pub source_path: String,
    #[index]
    pub label: String,
    pub description: Option<String>,
    pub version: Option<String>,
    pub canonical_json: Option<Value>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// `bundles`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "bundles")]
#[unique(columns(entity_key), name = "uq_bundles_entity_key")]
pub struct Bundle {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub entity_key: String,
    pub source_path: String,
    #[index]
    pub label: String,
    pub description: Option<String>,
    pub version: Option<String>,
    pub canonical_json: Option<Value>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// `templates`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "templates")]
#[unique(columns(entity_key), name = "uq_templates_entity_key")]
pub struct Template {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub entity_key: String,
    pub source_path: String,
    #[index]
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub wikitext: Option<String>,
    pub canonical_json: Option<Value>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

// ---- v2 relationship tables (001) ----

/// `category_parent`: two foreign keys to the same table.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "category_parent")]
pub struct CategoryParent {
    #[column(primary_key)]
    #[foreign_key(references = Category::id)]
    pub category_id: Uuid,
    #[column(primary_key)]
    #[foreign_key(references = Category::id)]
    pub parent_id: Uuid,
}

/// `category_property`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "category_property")]
pub struct CategoryProperty {
    #[column(primary_key)]
    #[foreign_key(references = Category::id)]
    pub category_id: Uuid,
    #[column(primary_key)]
    #[foreign_key(references = Property::id)]
    pub property_id: Uuid,
    #[column(default = "'false'")]
    pub is_required: bool,
}

/// `category_subobject`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "category_subobject")]
pub struct CategorySubobject {
    #[column(primary_key)]
    #[foreign_key(references = Category::id)]
    pub category_id: Uuid,
    #[column(primary_key)]
    #[foreign_key(references = Subobject::id)]
    pub subobject_id: Uuid,
    #[column(default = "'false'")]
    pub is_required: bool,
}

/// `subobject_property`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "subobject_property")]
pub struct SubobjectProperty {
    #[column(primary_key)]
    #[foreign_key(references = Subobject::id)]
    pub subobject_id: Uuid,
    #[column(primary_key)]
    #[foreign_key(references = Property::id)]
    pub property_id: Uuid,
    #[column(default = "'false'")]
    pub is_required: bool,
}

/// `module_entity`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "module_entity")]
pub struct ModuleEntity {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    #[foreign_key(references = Module::id)]
    pub module_id: Uuid,
    pub entity_type: String,
    #[index]
    pub entity_key: String,
}

/// `bundle_module`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "bundle_module")]
pub struct BundleModule {
    #[column(primary_key)]
    #[foreign_key(references = Bundle::id)]
    pub bundle_id: Uuid,
    #[column(primary_key)]
    #[foreign_key(references = Module::id)]
    pub module_id: Uuid,
}

/// `module_dependency`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "module_dependency")]
pub struct ModuleDependency {
    #[column(primary_key)]
    #[foreign_key(references = Module::id)]
    pub module_id: Uuid,
    #[column(primary_key)]
    #[foreign_key(references = Module::id)]
    pub dependency_id: Uuid,
}

// ---- drafts v2 (001, unique constraint from 004) ----

/// `draft`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "draft")]
#[unique(columns(capability_hash), name = "uq_draft_capability_hash")]
pub struct Draft {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub capability_hash: String,
    pub base_commit_sha: String,
    pub status: DraftStatusV2,
    pub source: DraftSource,
    pub title: Option<String>,
    pub description: Option<String>,
    pub user_comment: Option<String>,
    pub created_at: NaiveDateTime,
    pub modified_at: NaiveDateTime,
    pub validated_at: Option<NaiveDateTime>,
    pub submitted_at: Option<NaiveDateTime>,
    pub expires_at: NaiveDateTime,
    pub rebase_status: Option<String>,
    pub rebase_commit_sha: Option<String>,
    pub pr_url: Option<String>,
}

/// `draft_change`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "draft_change")]
#[unique(
    columns(draft_id, entity_type, entity_key),
    name = "uq_draft_change_draft_entity"
)]
pub struct DraftChange {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    #[foreign_key(references = Draft::id)]
    pub draft_id: Uuid,
    pub change_type: ChangeType,
    pub entity_type: String,
    #[index]
    pub entity_key: String,
    pub patch: Option<Value>,
    pub replacement_json: Option<Value>,
    pub created_at: NaiveDateTime,
}

// ---- dashboards and resources (002; resources.category_keys from 003) ----

/// `dashboards`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "dashboards")]
#[unique(columns(entity_key), name = "uq_dashboards_entity_key")]
pub struct Dashboard {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub entity_key: String,
    pub source_path: String,
    #[index]
    pub label: String,
    pub description: Option<String>,
    pub canonical_json: Option<Value>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// `resources`. `category_keys` is a JSON array of category keys, not a foreign key: a
/// resource may name a category that does not exist (yet).
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "resources")]
#[unique(columns(entity_key), name = "uq_resources_entity_key")]
pub struct Resource {
    #[column(primary_key)]
    pub id: Uuid,
    #[index]
    pub entity_key: String,
    pub source_path: String,
    #[index]
    pub label: String,
    pub description: Option<String>,
    pub canonical_json: Option<Value>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    #[column(sql_type = "JSONB", default = "'[]'")]
    pub category_keys: Value,
}

/// `module_dashboard`: deleting a module deletes its rows; a referenced dashboard cannot be
/// deleted.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "module_dashboard")]
pub struct ModuleDashboard {
    #[column(primary_key)]
    #[foreign_key(references = Module::id, on_delete = cascade)]
    pub module_id: Uuid,
    #[column(primary_key)]
    #[foreign_key(references = Dashboard::id, on_delete = restrict)]
    pub dashboard_id: Uuid,
}

/// `bundle_dashboard`: as [`ModuleDashboard`], for bundles.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "bundle_dashboard")]
pub struct BundleDashboard {
    #[column(primary_key)]
    #[foreign_key(references = Bundle::id, on_delete = cascade)]
    pub bundle_id: Uuid,
    #[column(primary_key)]
    #[foreign_key(references = Dashboard::id, on_delete = restrict)]
    pub dashboard_id: Uuid,
}

schema_core::schema! {
    /// The ontology hub at head: the 24 tables of revisions 001 to 004, in the order 001 and
    /// 002 create them.
    pub const HUB = [
        Entity, LegacyModule, Profile, LegacyDraft, OntologyVersion,
        Category, Property, Subobject, Module, Bundle, Template,
        CategoryParent, CategoryProperty, CategorySubobject, SubobjectProperty,
        ModuleEntity, BundleModule, ModuleDependency,
        Draft, DraftChange,
        Dashboard, Resource, ModuleDashboard, BundleDashboard,
    ];
}
