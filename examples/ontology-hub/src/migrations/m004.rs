//! Revision 004 (`draft_change_unique_constraint`): one change per (draft, entity) in
//! `draft_change`. The non-unique `ix_draft_change_draft_id` stays.

use schema_core::migrate::{Revision, Step};
use schema_core::UniqueDef;

/// Revision 004.
pub const REVISION: Revision = Revision {
    id: "004",
    parent: Some("003"),
    message: "Unique (draft_id, entity_type, entity_key) on draft_change",
    up: &[Step::AddUnique {
        table: "draft_change",
        unique: UniqueDef::new(
            "uq_draft_change_draft_entity",
            &["draft_id", "entity_type", "entity_key"],
        ),
    }],
    down: &[Step::DropUnique {
        table: "draft_change",
        name: "uq_draft_change_draft_entity",
    }],
};
