//! Migrations: revisions of steps in a checked chain, applied by a runner that keeps a version
//! table, checksums every revision and locks the database.
//!
//! Shaped like sqlx's `migrate` module: the data ([`Revision`], [`Step`], which lives in
//! [`crate::model`]), the chain and its one replay ([`Chain`]), the checksum ([`checksum`]),
//! the version table (`history.rs`), the per-database part (`backend/`), the locked session
//! (`session.rs`), the pure "where is this database" check (`verify.rs`), and the runner
//! ([`Migrator`]: `runner.rs`, `apply.rs`, `recover.rs`, `offline.rs`). This file only
//! re-exports.

// A failed migration is rare and the runner waits on the database: carrying the failed SQL,
// the step and where the database was left in the error matters more than its size.
#![allow(clippy::result_large_err)]

mod apply;
mod arrange;
mod backend;
mod batch;
pub mod checksum;
mod data_loss;
mod error;
mod event;
mod fleet;
mod history;
mod lock_file;
mod offline;
mod pre_check;
mod rebuild_objects;
mod recover;
mod revert_stored;
mod revision;
mod runner;
mod session;
mod stamp;
mod stored_down;
mod took_effect;
mod verify;

pub use data_loss::Loss;
pub use error::{LeftAt, MigrateError, ReplayError};
pub use event::{Direction, Event};
pub use fleet::{Fleet, FleetReport, FleetResult};
pub use history::{AppliedRevision, RevisionState, UnknownState};
pub use lock_file::{LockFile, LockProblem};
pub(crate) use revision::Toward;
pub use revision::{heads, lineage, Chain, ChainError, Revision, MERGE_SEPARATOR};
pub use runner::{Migrator, Options, Recovery, Status};

pub use crate::model::{create_table_with_indexes, ColumnChange, Object, ObjectKind, RawSql, Step};

/// A statement that takes the migration lock on `dialect` the way a runner holds it (`None`:
/// SQLite, whose lock is a revision's transaction). For tests that make a runner wait.
#[doc(hidden)]
pub fn hold_lock_sql(dialect: crate::Dialect) -> Option<String> {
    backend::backend(dialect).hold_lock_sql()
}

/// Moved to [`crate::dialect::render`].
#[deprecated(
    since = "0.2.0",
    note = "moved to `schema_core::dialect` (render_step, render_steps, Rendered, RenderError)"
)]
pub mod render {
    pub use crate::dialect::render::*;
}

/// Moved to [`crate::model`].
#[deprecated(
    since = "0.2.0",
    note = "moved to `schema_core::model` (SchemaState, TableState, StateError)"
)]
pub mod state {
    pub use crate::model::state::*;
}

/// Moved to [`crate::autogen::codegen`].
#[deprecated(since = "0.2.0", note = "moved to `schema_core::autogen::codegen`")]
pub mod codegen {
    pub use crate::autogen::codegen::*;
}
