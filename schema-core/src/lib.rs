//! Database tables declared once, as Rust structs; DDL, constraints and checks derived from
//! them, for PostgreSQL, SQLite and MySQL/MariaDB.
//!
//! ```
//! use schema_core::{Dialect, Table};
//!
//! #[derive(Table)]
//! #[table(name = "dashboards")]
//! pub struct Dashboard {
//!     #[column(primary_key)]
//!     pub id: uuid::Uuid,
//!     #[column(unique)]
//!     #[index]
//!     pub entity_key: String,
//!     pub canonical_json: Option<serde_json::Value>,
//! }
//!
//! schema_core::schema! {
//!     /// Everything.
//!     pub const APP = [Dashboard];
//! }
//!
//! let sql = APP.create_sql(Dialect::Postgres).unwrap();
//! assert!(sql[0].starts_with("CREATE TABLE \"dashboards\""));
//! assert_eq!(Dashboard::create_sql(Dialect::Sqlite).unwrap().len(), 2);
//! ```
//!
//! See the README for the attribute grammar; every attribute key is listed on
//! [`derive@Table`].
//!
//! # Layers
//!
//! Data flows one way: each module imports only from the layers before it (a test in `tests/`
//! reads the `use crate::...` lines and fails on one that runs back up).
//!
//! | layer | owns |
//! |---|---|
//! | [`model`] | the data: tables, columns, keys, enum types, schemas, migration steps, the replayed schema state |
//! | [`dialect`] | everything that differs between databases: SQL text for every model part and step, capabilities |
//! | [`db`] | connections: [`db::Pool`], transactions, the runner's connection; the one dispatch over the drivers |
//! | [`introspect`] | reading a live catalog into a [`introspect::LiveSchema`] |
//! | [`migrate`] | revisions, the chain and its replay, the version table, the locking runner |
//! | [`autogen`] | the diff between two schema states, and the revision source it writes |
//! | [`drift`] | differences between models, chain and live database |
//! | [`import`] | a live database written out as models and a baseline revision (`schema import`) |
//! | [`cli`] | the migrator's command line (feature `cli`) |
#![warn(missing_docs)]

pub mod model;

pub mod dialect;

pub mod db;

pub mod introspect;

pub mod migrate;

pub mod autogen;

pub mod drift;

pub mod import;

#[cfg(feature = "cli")]
pub mod cli;
/// A database per test: see [`testing::with_test_database`].
#[cfg(feature = "testing")]
pub mod testing;

mod column_type;
mod schema_macro;
mod sqlx_enum;
mod table;

/// Moved to [`drift`].
#[deprecated(since = "0.2.0", note = "renamed `schema_core::drift`")]
pub mod check {
    pub use crate::drift::*;
}

/// Moved to [`db`].
#[deprecated(since = "0.2.0", note = "renamed `schema_core::db`")]
pub mod connect {
    pub use crate::db::*;
}

/// Moved to [`dialect::ddl`].
#[deprecated(since = "0.2.0", note = "moved to `schema_core::dialect::ddl`")]
pub mod ddl {
    pub use crate::dialect::ddl::*;
}

/// Moved to [`autogen`].
#[deprecated(since = "0.2.0", note = "moved to `schema_core::autogen`")]
pub mod diff {
    pub use crate::autogen::{diff, Diff};
}

#[doc(hidden)]
pub mod __private;

pub use column_type::ColumnType;
pub use dialect::Dialect;
pub use model::{
    CheckDef, ColumnDef, DefaultValue, DialectSet, DialectText, EnumDef, ForeignKeyDef, Identity,
    IdentityKind, IndexDef, IndexMethod, OnUpdate, PrimaryKeyDef, ReferentialAction, Schema,
    SqlType, TableDef, UniqueDef,
};
pub use table::{BindRow, SqlEnum, Table};

pub use schema_macros::{SqlEnum, Table};
