//! Revision 002 (`dashboard_resource`): dashboards and resources, and the junction tables
//! linking dashboards to modules and bundles.

use schema_core::migrate::{Revision, Step};
use schema_core::Table;

use super::index;

/// The tables as 002 created them. Frozen: never edit these to follow the models (see
/// [`crate::migrations`]).
pub(crate) mod frozen {
    use chrono::NaiveDateTime;
    use schema_core::Table;
    use serde_json::Value;
    use uuid::Uuid;

    use crate::migrations::m001::frozen::{Bundle, Module};

    /// `dashboards`.
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "dashboards")]
    #[unique(columns(entity_key), name = "uq_dashboards_entity_key")]
    pub struct Dashboard {
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

    /// `resources` with its one `category_key` (003 turns it into `category_keys`).
    #[derive(Table)]
    #[table(no_comments)]
    #[table(name = "resources")]
    #[unique(columns(entity_key), name = "uq_resources_entity_key")]
    pub struct Resource {
        #[column(primary_key)]
        pub id: Uuid,
        pub entity_key: String,
        pub source_path: String,
        pub label: String,
        pub description: Option<String>,
        pub category_key: String,
        pub canonical_json: Option<Value>,
        pub created_at: NaiveDateTime,
        pub updated_at: NaiveDateTime,
    }

    /// `module_dashboard`.
    #[derive(Table)]
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

    /// `bundle_dashboard`.
    #[derive(Table)]
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
}

use frozen::*;

/// Revision 002.
pub const REVISION: Revision = Revision {
    id: "002",
    parent: Some("001"),
    message: "Dashboard and Resource tables with module/bundle junction tables",
    up: &[
        Step::CreateTable(&<Dashboard as Table>::DEF),
        index("dashboards", "ix_dashboards_entity_key", &["entity_key"]),
        index("dashboards", "ix_dashboards_label", &["label"]),
        Step::CreateTable(&<Resource as Table>::DEF),
        index("resources", "ix_resources_entity_key", &["entity_key"]),
        index("resources", "ix_resources_label", &["label"]),
        index("resources", "ix_resources_category_key", &["category_key"]),
        Step::CreateTable(&<ModuleDashboard as Table>::DEF),
        Step::CreateTable(&<BundleDashboard as Table>::DEF),
    ],
    // `DROP TABLE` takes each table's indexes along (see 001's downgrade).
    down: &[
        Step::DropTable {
            table: "bundle_dashboard",
        },
        Step::DropTable {
            table: "module_dashboard",
        },
        Step::DropTable { table: "resources" },
        Step::DropTable {
            table: "dashboards",
        },
    ],
};
