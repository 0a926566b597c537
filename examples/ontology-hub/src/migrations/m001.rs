//! Revision 001 (`full_schema`): the six enum types, the twenty tables of v1.0 and v2.0 with
//! their indexes, and (PostgreSQL only) the materialized view `category_property_effective`.

use schema_core::migrate::{Object, RawSql, Revision, Step};
use schema_core::{SqlEnum, Table};

use super::index;

/// The enum types and tables as 001 created them. Frozen: never edit these to follow the
/// models (see [`crate::migrations`]). `#[table(no_comments)]`: 001 created no comments.
pub(crate) mod frozen {
    use chrono::NaiveDateTime;
    use schema_core::{SqlEnum, Table};
    use serde_json::Value;
    use uuid::Uuid;

    // ---- enum types ----

    /// `entitytype`.
    #[derive(SqlEnum, Debug, Clone, Copy)]
    #[sql_enum(name = "entitytype")]
    pub enum EntityType {
        Category,
        Property,
        Subobject,
    }

    /// `draftstatus`.
    #[derive(SqlEnum, Debug, Clone, Copy)]
    #[sql_enum(name = "draftstatus")]
    pub enum DraftStatus {
        Pending,
        Validated,
        Submitted,
        Expired,
    }

    /// `ingeststatus`.
    #[derive(SqlEnum, Debug, Clone, Copy)]
    #[sql_enum(name = "ingeststatus")]
    pub enum IngestStatus {
        Pending,
        InProgress,
        Completed,
        Failed,
    }

    /// `draftstatus_v2`.
    #[derive(SqlEnum, Debug, Clone, Copy)]
    #[sql_enum(name = "draftstatus_v2")]
    pub enum DraftStatusV2 {
        Draft,
        Validated,
        Submitted,
        Merged,
        Rejected,
    }

    /// `changetype`.
    #[derive(SqlEnum, Debug, Clone, Copy)]
    #[sql_enum(name = "changetype")]
    pub enum ChangeType {
        Create,
        Update,
        Delete,
    }

    /// `draftsource`.
    #[derive(SqlEnum, Debug, Clone, Copy)]
    #[sql_enum(name = "draftsource")]
    pub enum DraftSource {
        HubUi,
        MediawikiPush,
    }

    // ---- v1 tables ----

    /// `entities`.
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "entities")]
    #[unique(columns(entity_id, entity_type), name = "uq_entities_entity_id_type")]
    pub struct Entity {
        #[column(primary_key)]
        pub id: Uuid,
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

    /// `modules` (v1).
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "modules")]
    pub struct LegacyModule {
        #[column(primary_key)]
        pub id: Uuid,
        #[column(unique)]
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
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "profiles")]
    pub struct Profile {
        #[column(primary_key)]
        pub id: Uuid,
        #[column(unique)]
        pub profile_id: String,
        pub label: String,
        pub description: Option<String>,
        pub module_ids: Option<Value>,
        pub commit_sha: Option<String>,
        pub created_at: NaiveDateTime,
        pub updated_at: NaiveDateTime,
        pub deleted_at: Option<NaiveDateTime>,
    }

    /// `drafts` (v1).
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "drafts")]
    pub struct LegacyDraft {
        #[column(primary_key)]
        pub id: Uuid,
        #[column(unique)]
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
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "ontology_version")]
    pub struct OntologyVersion {
        #[column(primary_key)]
        pub id: Uuid,
        pub commit_sha: String,
        pub ingest_status: IngestStatus,
        pub entity_counts: Option<Value>,
        pub warnings: Option<Value>,
        pub errors: Option<Value>,
        pub ingested_at: Option<NaiveDateTime>,
        pub created_at: NaiveDateTime,
    }

    // ---- v2 entity tables ----

    /// `categories`.
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "categories")]
    #[unique(columns(entity_key), name = "uq_categories_entity_key")]
    pub struct Category {
        #[column(primary_key)]
        pub id: Uuid,
        pub entity_key: String,
        pub source_path: String,
        pub label: String,
        pub description: Option<String>,
        pub canonical_json: Option<Value>,
        pub created_at: NaiveDateTime,
        pub updated_at: NaiveDateTime,
    }

    /// `properties`.
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "properties")]
    #[unique(columns(entity_key), name = "uq_properties_entity_key")]
    pub struct Property {
        #[column(primary_key)]
        pub id: Uuid,
        pub entity_key: String,
        pub source_path: String,
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
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "subobjects")]
    #[unique(columns(entity_key), name = "uq_subobjects_entity_key")]
    pub struct Subobject {
        #[column(primary_key)]
        pub id: Uuid,
        pub entity_key: String,
        pub source_path: String,
        pub label: String,
        pub description: Option<String>,
        pub canonical_json: Option<Value>,
        pub created_at: NaiveDateTime,
        pub updated_at: NaiveDateTime,
    }

    /// `modules_v2`.
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "modules_v2")]
    #[unique(columns(entity_key), name = "uq_modules_v2_entity_key")]
    pub struct Module {
        #[column(primary_key)]
        pub id: Uuid,
        pub entity_key: String,
        pub source_path: String,
        pub label: String,
        pub description: Option<String>,
        pub version: Option<String>,
        pub canonical_json: Option<Value>,
        pub created_at: NaiveDateTime,
        pub updated_at: NaiveDateTime,
    }

    /// `bundles`.
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "bundles")]
    #[unique(columns(entity_key), name = "uq_bundles_entity_key")]
    pub struct Bundle {
        #[column(primary_key)]
        pub id: Uuid,
        pub entity_key: String,
        pub source_path: String,
        pub label: String,
        pub description: Option<String>,
        pub version: Option<String>,
        pub canonical_json: Option<Value>,
        pub created_at: NaiveDateTime,
        pub updated_at: NaiveDateTime,
    }

    /// `templates`.
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "templates")]
    #[unique(columns(entity_key), name = "uq_templates_entity_key")]
    pub struct Template {
        #[column(primary_key)]
        pub id: Uuid,
        pub entity_key: String,
        pub source_path: String,
        pub label: String,
        pub description: Option<String>,
        #[column(sql_type = "TEXT")]
        pub wikitext: Option<String>,
        pub canonical_json: Option<Value>,
        pub created_at: NaiveDateTime,
        pub updated_at: NaiveDateTime,
    }

    // ---- v2 relationship tables ----

    /// `category_parent`.
    #[derive(Table)]
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
    #[derive(Table)]
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
    #[derive(Table)]
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
    #[derive(Table)]
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
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "module_entity")]
    pub struct ModuleEntity {
        #[column(primary_key)]
        pub id: Uuid,
        #[foreign_key(references = Module::id)]
        pub module_id: Uuid,
        pub entity_type: String,
        pub entity_key: String,
    }

    /// `bundle_module`.
    #[derive(Table)]
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
    #[derive(Table)]
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

    // ---- drafts v2 ----

    /// `draft`.
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "draft")]
    #[unique(columns(capability_hash), name = "uq_draft_capability_hash")]
    pub struct Draft {
        #[column(primary_key)]
        pub id: Uuid,
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

    /// `draft_change` (without 004's unique constraint).
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "draft_change")]
    pub struct DraftChange {
        #[column(primary_key)]
        pub id: Uuid,
        #[foreign_key(references = Draft::id)]
        pub draft_id: Uuid,
        pub change_type: ChangeType,
        pub entity_type: String,
        pub entity_key: String,
        pub patch: Option<Value>,
        pub replacement_json: Option<Value>,
        pub created_at: NaiveDateTime,
    }
}

use frozen::*;

/// The materialized view: each category's effective properties (its own at depth 0, then its
/// ancestors' through `category_parent`, the nearest declaration winning).
const CREATE_CATEGORY_PROPERTY_EFFECTIVE: &str = "\
CREATE MATERIALIZED VIEW IF NOT EXISTS category_property_effective AS
WITH RECURSIVE ancestry (category_id, ancestor_id, depth, seen) AS (
        SELECT edge.category_id, edge.parent_id, 1, ARRAY[edge.parent_id]
        FROM category_parent AS edge
    UNION ALL
        SELECT up.category_id, edge.parent_id, up.depth + 1, up.seen || edge.parent_id
        FROM ancestry AS up
        JOIN category_parent AS edge ON edge.category_id = up.ancestor_id
        WHERE edge.parent_id <> ALL (up.seen)
),
candidate (category_id, property_id, source_category_id, depth, is_required) AS (
        SELECT own.category_id, own.property_id, own.category_id, 0, own.is_required
        FROM category_property AS own
    UNION ALL
        SELECT up.category_id, inherited.property_id, inherited.category_id, up.depth, inherited.is_required
        FROM ancestry AS up
        JOIN category_property AS inherited ON inherited.category_id = up.ancestor_id
)
SELECT DISTINCT ON (category_id, property_id)
       category_id, property_id, source_category_id, depth, is_required
FROM candidate
ORDER BY category_id, property_id, depth";

/// PostgreSQL only: SQLite and MySQL have no materialized views, so elsewhere these steps are
/// skipped with a notice (not required).
const fn postgres_only(description: &'static str, sql: &'static str) -> Step {
    Step::Sql(RawSql {
        postgres: Some(sql),
        ..RawSql::new(description)
    })
}

/// The materialized view, declared on the steps that make and remove it, so the replay knows
/// it and `check` / `upgrade --verify` do not report it.
const VIEW: &[Object] = &[Object::materialized_view("category_property_effective")];

const fn postgres_view(description: &'static str, sql: &'static str, creates: bool) -> Step {
    Step::Sql(RawSql {
        postgres: Some(sql),
        creates: if creates { VIEW } else { &[] },
        drops: if creates { &[] } else { VIEW },
        ..RawSql::new(description)
    })
}

/// Revision 001.
pub const REVISION: Revision = Revision {
    id: "001",
    parent: None,
    message: "Full schema for v1.0 and v2.0 (enums, entity tables, relationship tables, \
              materialized view, draft tables)",
    up: &[
        Step::CreateEnum(&<EntityType as SqlEnum>::DEF),
        Step::CreateEnum(&<DraftStatus as SqlEnum>::DEF),
        Step::CreateEnum(&<IngestStatus as SqlEnum>::DEF),
        Step::CreateEnum(&<DraftStatusV2 as SqlEnum>::DEF),
        Step::CreateEnum(&<ChangeType as SqlEnum>::DEF),
        Step::CreateEnum(&<DraftSource as SqlEnum>::DEF),
        // v1
        Step::CreateTable(&<Entity as Table>::DEF),
        index("entities", "ix_entities_entity_id", &["entity_id"]),
        Step::CreateTable(&<LegacyModule as Table>::DEF),
        index("modules", "ix_modules_module_id", &["module_id"]),
        Step::CreateTable(&<Profile as Table>::DEF),
        index("profiles", "ix_profiles_profile_id", &["profile_id"]),
        Step::CreateTable(&<LegacyDraft as Table>::DEF),
        index("drafts", "ix_drafts_capability_hash", &["capability_hash"]),
        Step::CreateTable(&<OntologyVersion as Table>::DEF),
        index("ontology_version", "ix_ontology_version_commit_sha", &["commit_sha"]),
        // v2 entities
        Step::CreateTable(&<Category as Table>::DEF),
        index("categories", "ix_categories_entity_key", &["entity_key"]),
        index("categories", "ix_categories_label", &["label"]),
        Step::CreateTable(&<Property as Table>::DEF),
        index("properties", "ix_properties_entity_key", &["entity_key"]),
        index("properties", "ix_properties_label", &["label"]),
        Step::CreateTable(&<Subobject as Table>::DEF),
        index("subobjects", "ix_subobjects_entity_key", &["entity_key"]),
        index("subobjects", "ix_subobjects_label", &["label"]),
        Step::CreateTable(&<Module as Table>::DEF),
        index("modules_v2", "ix_modules_v2_entity_key", &["entity_key"]),
        index("modules_v2", "ix_modules_v2_label", &["label"]),
        Step::CreateTable(&<Bundle as Table>::DEF),
        index("bundles", "ix_bundles_entity_key", &["entity_key"]),
        index("bundles", "ix_bundles_label", &["label"]),
        Step::CreateTable(&<Template as Table>::DEF),
        index("templates", "ix_templates_entity_key", &["entity_key"]),
        index("templates", "ix_templates_label", &["label"]),
        // v2 relationships
        Step::CreateTable(&<CategoryParent as Table>::DEF),
        Step::CreateTable(&<CategoryProperty as Table>::DEF),
        Step::CreateTable(&<CategorySubobject as Table>::DEF),
        Step::CreateTable(&<SubobjectProperty as Table>::DEF),
        Step::CreateTable(&<ModuleEntity as Table>::DEF),
        index("module_entity", "ix_module_entity_module_id", &["module_id"]),
        index("module_entity", "ix_module_entity_entity_key", &["entity_key"]),
        Step::CreateTable(&<BundleModule as Table>::DEF),
        Step::CreateTable(&<ModuleDependency as Table>::DEF),
        postgres_view(
            "create materialized view category_property_effective (PostgreSQL only)",
            CREATE_CATEGORY_PROPERTY_EFFECTIVE,
            true,
        ),
        postgres_only(
            "create unique index idx_cpe_category_property on category_property_effective (PostgreSQL only)",
            "CREATE UNIQUE INDEX IF NOT EXISTS idx_cpe_category_property \
             ON category_property_effective (category_id, property_id)",
        ),
        // drafts v2
        Step::CreateTable(&<Draft as Table>::DEF),
        index("draft", "ix_draft_capability_hash", &["capability_hash"]),
        Step::CreateTable(&<DraftChange as Table>::DEF),
        index("draft_change", "ix_draft_change_draft_id", &["draft_id"]),
        index("draft_change", "ix_draft_change_entity_key", &["entity_key"]),
    ],
    // The spec's downgrade drops each table's indexes before the table. Here `DROP TABLE`
    // takes them along: MySQL refuses to drop an index that backs a foreign key (error 1553),
    // and the end state is the same.
    down: &[
        Step::DropTable { table: "draft_change" },
        Step::DropTable { table: "draft" },
        postgres_only(
            "drop index idx_cpe_category_property (PostgreSQL only)",
            "DROP INDEX IF EXISTS idx_cpe_category_property",
        ),
        postgres_view(
            "drop materialized view category_property_effective (PostgreSQL only)",
            "DROP MATERIALIZED VIEW IF EXISTS category_property_effective",
            false,
        ),
        Step::DropTable { table: "module_dependency" },
        Step::DropTable { table: "bundle_module" },
        Step::DropTable { table: "module_entity" },
        Step::DropTable { table: "subobject_property" },
        Step::DropTable { table: "category_subobject" },
        Step::DropTable { table: "category_property" },
        Step::DropTable { table: "category_parent" },
        Step::DropTable { table: "templates" },
        Step::DropTable { table: "bundles" },
        Step::DropTable { table: "modules_v2" },
        Step::DropTable { table: "subobjects" },
        Step::DropTable { table: "properties" },
        Step::DropTable { table: "categories" },
        Step::DropTable { table: "ontology_version" },
        Step::DropTable { table: "drafts" },
        Step::DropTable { table: "profiles" },
        Step::DropTable { table: "modules" },
        Step::DropTable { table: "entities" },
        Step::DropEnum(&<DraftSource as SqlEnum>::DEF),
        Step::DropEnum(&<ChangeType as SqlEnum>::DEF),
        Step::DropEnum(&<DraftStatusV2 as SqlEnum>::DEF),
        Step::DropEnum(&<IngestStatus as SqlEnum>::DEF),
        Step::DropEnum(&<DraftStatus as SqlEnum>::DEF),
        Step::DropEnum(&<EntityType as SqlEnum>::DEF),
    ],
};
