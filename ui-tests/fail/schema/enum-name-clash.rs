// Rule: an SQL enum type name belongs to one Rust enum.
use schema_core::{SqlEnum, Table};
use uuid::Uuid;

#[derive(SqlEnum)]
#[sql_enum(name = "status")]
pub enum DraftStatus {
    Pending,
    Submitted,
}

#[derive(SqlEnum)]
#[sql_enum(name = "status")]
pub enum IngestStatus {
    Pending,
    Failed,
}

#[derive(Table)]
pub struct Draft {
    #[column(primary_key)]
    pub id: Uuid,
    pub status: DraftStatus,
}

#[derive(Table)]
pub struct Ingest {
    #[column(primary_key)]
    pub id: Uuid,
    pub status: IngestStatus,
}

schema_core::schema! {
    pub const HUB = [Draft, Ingest];
}

fn main() {}
