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
//! let sql = APP.create_sql(Dialect::Postgres);
//! assert!(sql[0].starts_with("CREATE TABLE \"dashboards\""));
//! assert_eq!(Dashboard::create_sql(Dialect::Sqlite).len(), 2);
//! ```
//!
//! See the README for the attribute grammar; every attribute key is listed on
//! [`derive@Table`].
#![warn(missing_docs)]

pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
mod column_type;
pub mod connect;
pub mod ddl;
pub mod dialect;
pub mod diff;
pub mod introspect;
pub mod migrate;
pub mod model;
mod schema_macro;
mod sqlx_enum;
mod table;

#[doc(hidden)]
pub mod __private;

pub use column_type::ColumnType;
pub use dialect::Dialect;
pub use model::{
    ColumnDef, DefaultValue, EnumDef, ForeignKeyDef, IndexDef, PrimaryKeyDef, ReferentialAction,
    Schema, SqlType, TableDef, UniqueDef,
};
pub use table::{BindRow, SqlEnum, Table};

pub use schema_macros::{SqlEnum, Table};
