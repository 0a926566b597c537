//! The ontology hub, the reference workload of `schema-core`: its tables declared once as
//! Rust structs, from which the DDL for PostgreSQL, SQLite and MySQL/MariaDB is derived.

pub mod models;

pub use models::HUB;
