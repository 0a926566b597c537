//! The ontology hub, the reference workload of `schema-core`: its tables declared once as
//! Rust structs, from which the DDL for PostgreSQL, SQLite and MySQL/MariaDB is derived; its
//! revisions 001-004 as a migration chain; and a small fixture set to ingest.

pub mod ingest;
pub mod migrations;
pub mod models;
pub mod scale;

pub use models::HUB;
