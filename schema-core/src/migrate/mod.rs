//! Migrations: revisions of steps in a checked chain, rendered per dialect, applied by a
//! runner that keeps a version table, checksums every revision and locks the database.
//!
//! Shaped like sqlx's `migrate` module: the data ([`Revision`], [`Step`]), the chain check
//! ([`Chain`]), rendering ([`render`]), the replayed schema ([`state`]), the checksum
//! ([`checksum`]), and the runner.

// A failed migration is rare and the runner waits on the database: carrying the failed SQL,
// the step and where the database was left in the error matters more than its size.
#![allow(clippy::result_large_err)]

pub mod checksum;
pub mod codegen;
pub mod render;
mod revision;
pub mod state;
mod step;

pub use revision::{Chain, ChainError, Revision};
pub use step::{create_table_with_indexes, ColumnChange, RawSql, Step};

pub(crate) mod conn;
mod error;
mod runner;

pub use conn::AppliedRevision;
pub use error::{LeftAt, MigrateError};
pub use runner::{Direction, Event, Migrator, Options, Recovery, Status};
