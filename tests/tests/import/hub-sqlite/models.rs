//! Imported by `schema import` from the live database: one struct per table, as its
//! catalog has it. From now on this file is the schema: edit it, then write the next
//! revision with `revision --autogenerate`.

// Clippy reads two `#[index(.., unique)]` as one attribute given twice
// (rust-lang/rust-clippy#12923).
#![allow(clippy::duplicated_attributes)]

use schema_core::Table;

#[derive(Table)]
#[table(primary_key(bundle_id, dashboard_id))]
pub struct BundleDashboard {
    #[foreign_key(
        references = Bundles::id,
        on_delete = cascade,
        name = "bundle_dashboard_bundle_id_fkey"
    )]
    pub bundle_id: Vec<u8>,
    #[foreign_key(
        references = Dashboards::id,
        on_delete = restrict,
        name = "bundle_dashboard_dashboard_id_fkey"
    )]
    pub dashboard_id: Vec<u8>,
}

#[derive(Table)]
#[table(primary_key(bundle_id, module_id))]
pub struct BundleModule {
    #[foreign_key(references = Bundles::id, name = "bundle_module_bundle_id_fkey")]
    pub bundle_id: Vec<u8>,
    #[foreign_key(references = ModulesV2::id, name = "bundle_module_module_id_fkey")]
    pub module_id: Vec<u8>,
}

#[derive(Table)]
#[unique(columns(entity_key), name = "bundles_entity_key_key")]
#[index(columns(entity_key), name = "ix_bundles_entity_key")]
#[index(columns(label), name = "ix_bundles_label")]
pub struct Bundles {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub entity_key: String,
    pub source_path: String,
    pub label: String,
    pub description: Option<String>,
    pub version: Option<String>,
    #[column(sql_type = "TEXT")]
    pub canonical_json: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Table)]
#[unique(columns(entity_key), name = "categories_entity_key_key")]
#[index(columns(entity_key), name = "ix_categories_entity_key")]
#[index(columns(label), name = "ix_categories_label")]
pub struct Categories {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub entity_key: String,
    pub source_path: String,
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub canonical_json: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Table)]
#[table(primary_key(category_id, parent_id))]
pub struct CategoryParent {
    #[foreign_key(references = Categories::id, name = "category_parent_category_id_fkey")]
    pub category_id: Vec<u8>,
    #[foreign_key(references = Categories::id, name = "category_parent_parent_id_fkey")]
    pub parent_id: Vec<u8>,
}

#[derive(Table)]
#[table(primary_key(category_id, property_id))]
pub struct CategoryProperty {
    #[foreign_key(
        references = Categories::id,
        name = "category_property_category_id_fkey"
    )]
    pub category_id: Vec<u8>,
    #[foreign_key(
        references = Properties::id,
        name = "category_property_property_id_fkey"
    )]
    pub property_id: Vec<u8>,
    #[column(default = "false")]
    pub is_required: bool,
}

#[derive(Table)]
#[table(primary_key(category_id, subobject_id))]
pub struct CategorySubobject {
    #[foreign_key(
        references = Categories::id,
        name = "category_subobject_category_id_fkey"
    )]
    pub category_id: Vec<u8>,
    #[foreign_key(
        references = Subobjects::id,
        name = "category_subobject_subobject_id_fkey"
    )]
    pub subobject_id: Vec<u8>,
    #[column(default = "false")]
    pub is_required: bool,
}

#[derive(Table)]
#[unique(columns(entity_key), name = "dashboards_entity_key_key")]
#[index(columns(entity_key), name = "ix_dashboards_entity_key")]
#[index(columns(label), name = "ix_dashboards_label")]
pub struct Dashboards {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub entity_key: String,
    pub source_path: String,
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub canonical_json: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Table)]
#[unique(columns(capability_hash), name = "draft_capability_hash_key")]
#[index(columns(capability_hash), name = "ix_draft_capability_hash")]
pub struct Draft {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub capability_hash: String,
    pub base_commit_sha: String,
    #[column(sql_type = "TEXT")]
    pub status: String,
    #[column(sql_type = "TEXT")]
    pub source: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub user_comment: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub modified_at: chrono::NaiveDateTime,
    pub validated_at: Option<chrono::NaiveDateTime>,
    pub submitted_at: Option<chrono::NaiveDateTime>,
    pub expires_at: chrono::NaiveDateTime,
    pub rebase_status: Option<String>,
    pub rebase_commit_sha: Option<String>,
    pub pr_url: Option<String>,
}

#[derive(Table)]
#[unique(
    columns(draft_id, entity_type, entity_key),
    name = "draft_change_draft_id_entity_type_entity_key_key"
)]
#[index(columns(draft_id), name = "ix_draft_change_draft_id")]
#[index(columns(entity_key), name = "ix_draft_change_entity_key")]
pub struct DraftChange {
    #[column(primary_key)]
    pub id: Vec<u8>,
    #[foreign_key(references = Draft::id, name = "draft_change_draft_id_fkey")]
    pub draft_id: Vec<u8>,
    #[column(sql_type = "TEXT")]
    pub change_type: String,
    pub entity_type: String,
    pub entity_key: String,
    #[column(sql_type = "TEXT")]
    pub patch: Option<String>,
    #[column(sql_type = "TEXT")]
    pub replacement_json: Option<String>,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Table)]
#[unique(columns(capability_hash), name = "drafts_capability_hash_key")]
#[index(columns(capability_hash), name = "ix_drafts_capability_hash")]
pub struct Drafts {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub capability_hash: String,
    #[column(sql_type = "TEXT")]
    pub status: String,
    #[column(sql_type = "TEXT")]
    pub payload: Option<String>,
    pub source_wiki: Option<String>,
    pub base_commit_sha: Option<String>,
    pub expires_at: chrono::NaiveDateTime,
    pub created_at: chrono::NaiveDateTime,
    #[column(sql_type = "TEXT")]
    pub diff_preview: Option<String>,
    #[column(sql_type = "TEXT")]
    pub validation_results: Option<String>,
}

#[derive(Table)]
#[unique(
    columns(entity_id, entity_type),
    name = "entities_entity_id_entity_type_key"
)]
#[index(columns(entity_id), name = "ix_entities_entity_id")]
pub struct Entities {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub entity_id: String,
    #[column(sql_type = "TEXT")]
    pub entity_type: String,
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub schema_definition: Option<String>,
    pub commit_sha: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub deleted_at: Option<chrono::NaiveDateTime>,
}

#[derive(Table)]
#[table(primary_key(module_id, dashboard_id))]
pub struct ModuleDashboard {
    #[foreign_key(
        references = ModulesV2::id,
        on_delete = cascade,
        name = "module_dashboard_module_id_fkey"
    )]
    pub module_id: Vec<u8>,
    #[foreign_key(
        references = Dashboards::id,
        on_delete = restrict,
        name = "module_dashboard_dashboard_id_fkey"
    )]
    pub dashboard_id: Vec<u8>,
}

#[derive(Table)]
#[table(primary_key(module_id, dependency_id))]
pub struct ModuleDependency {
    #[foreign_key(references = ModulesV2::id, name = "module_dependency_module_id_fkey")]
    pub module_id: Vec<u8>,
    #[foreign_key(
        references = ModulesV2::id,
        name = "module_dependency_dependency_id_fkey"
    )]
    pub dependency_id: Vec<u8>,
}

#[derive(Table)]
#[index(columns(entity_key), name = "ix_module_entity_entity_key")]
#[index(columns(module_id), name = "ix_module_entity_module_id")]
pub struct ModuleEntity {
    #[column(primary_key)]
    pub id: Vec<u8>,
    #[foreign_key(references = ModulesV2::id, name = "module_entity_module_id_fkey")]
    pub module_id: Vec<u8>,
    pub entity_type: String,
    pub entity_key: String,
}

#[derive(Table)]
#[unique(columns(module_id), name = "modules_module_id_key")]
#[index(columns(module_id), name = "ix_modules_module_id")]
pub struct Modules {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub module_id: String,
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub category_ids: Option<String>,
    #[column(sql_type = "TEXT")]
    pub dependencies: Option<String>,
    pub commit_sha: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub deleted_at: Option<chrono::NaiveDateTime>,
}

#[derive(Table)]
#[unique(columns(entity_key), name = "modules_v2_entity_key_key")]
#[index(columns(entity_key), name = "ix_modules_v2_entity_key")]
#[index(columns(label), name = "ix_modules_v2_label")]
pub struct ModulesV2 {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub entity_key: String,
    pub source_path: String,
    pub label: String,
    pub description: Option<String>,
    pub version: Option<String>,
    #[column(sql_type = "TEXT")]
    pub canonical_json: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Table)]
#[index(columns(commit_sha), name = "ix_ontology_version_commit_sha")]
pub struct OntologyVersion {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub commit_sha: String,
    #[column(sql_type = "TEXT")]
    pub ingest_status: String,
    #[column(sql_type = "TEXT")]
    pub entity_counts: Option<String>,
    #[column(sql_type = "TEXT")]
    pub warnings: Option<String>,
    #[column(sql_type = "TEXT")]
    pub errors: Option<String>,
    pub ingested_at: Option<chrono::NaiveDateTime>,
    pub created_at: chrono::NaiveDateTime,
}

#[derive(Table)]
#[unique(columns(profile_id), name = "profiles_profile_id_key")]
#[index(columns(profile_id), name = "ix_profiles_profile_id")]
pub struct Profiles {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub profile_id: String,
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub module_ids: Option<String>,
    pub commit_sha: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub deleted_at: Option<chrono::NaiveDateTime>,
}

#[derive(Table)]
#[unique(columns(entity_key), name = "properties_entity_key_key")]
#[index(columns(entity_key), name = "ix_properties_entity_key")]
#[index(columns(label), name = "ix_properties_label")]
pub struct Properties {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub entity_key: String,
    pub source_path: String,
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub canonical_json: Option<String>,
    pub datatype: Option<String>,
    pub cardinality: Option<String>,
    #[column(sql_type = "TEXT")]
    pub allowed_values: Option<String>,
    pub allowed_pattern: Option<String>,
    pub allowed_value_list: Option<String>,
    #[column(sql_type = "TEXT")]
    pub display_units: Option<String>,
    pub display_precision: Option<i32>,
    #[column(default = "false")]
    pub unique_values: bool,
    pub has_display_template_key: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Table)]
#[unique(columns(entity_key), name = "resources_entity_key_key")]
#[index(columns(entity_key), name = "ix_resources_entity_key")]
#[index(columns(label), name = "ix_resources_label")]
pub struct Resources {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub entity_key: String,
    pub source_path: String,
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub canonical_json: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    #[column(sql_type = "TEXT", default = "'[]'")]
    pub category_keys: String,
}

#[derive(Table)]
#[table(primary_key(subobject_id, property_id))]
pub struct SubobjectProperty {
    #[foreign_key(
        references = Subobjects::id,
        name = "subobject_property_subobject_id_fkey"
    )]
    pub subobject_id: Vec<u8>,
    #[foreign_key(
        references = Properties::id,
        name = "subobject_property_property_id_fkey"
    )]
    pub property_id: Vec<u8>,
    #[column(default = "false")]
    pub is_required: bool,
}

#[derive(Table)]
#[unique(columns(entity_key), name = "subobjects_entity_key_key")]
#[index(columns(entity_key), name = "ix_subobjects_entity_key")]
#[index(columns(label), name = "ix_subobjects_label")]
pub struct Subobjects {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub entity_key: String,
    pub source_path: String,
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub canonical_json: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

#[derive(Table)]
#[unique(columns(entity_key), name = "templates_entity_key_key")]
#[index(columns(entity_key), name = "ix_templates_entity_key")]
#[index(columns(label), name = "ix_templates_label")]
pub struct Templates {
    #[column(primary_key)]
    pub id: Vec<u8>,
    pub entity_key: String,
    pub source_path: String,
    pub label: String,
    pub description: Option<String>,
    #[column(sql_type = "TEXT")]
    pub wikitext: Option<String>,
    #[column(sql_type = "TEXT")]
    pub canonical_json: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

schema_core::schema! {
    /// The imported tables, in dependency order.
    pub const SCHEMA = [
        Bundles,
        Categories,
        CategoryParent,
        Dashboards,
        BundleDashboard,
        Draft,
        DraftChange,
        Drafts,
        Entities,
        Modules,
        ModulesV2,
        BundleModule,
        ModuleDashboard,
        ModuleDependency,
        ModuleEntity,
        OntologyVersion,
        Profiles,
        Properties,
        CategoryProperty,
        Resources,
        Subobjects,
        CategorySubobject,
        SubobjectProperty,
        Templates,
    ];
}
