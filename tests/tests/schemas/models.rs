//! The declarations of the real-schema tests: every form of part 1 (identity keys, NUMERIC,
//! CHAR(n), TIME, unsigned integers, pass-through types, defaults per dialect, `ON UPDATE`).
//! Each is `#[table(no_comments)]`: the hand-written databases they are checked against have no
//! comments, and the doc comments say what each table tests.

use chrono::{DateTime, NaiveTime, Utc};
use schema_core::Table;
use uuid::Uuid;

/// A generated key, a legacy `CHAR(36)` reference, a time of day, and two timestamps the
/// database fills (`updated_at` is MySQL's `ON UPDATE`, emulated elsewhere).
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "invoice", primary_key_name = "pk_invoice")]
pub struct Invoice {
    #[column(primary_key, identity)]
    pub invoice_id: i64,
    #[index]
    pub customer: String,
    #[column(sql_type = "CHAR(36)")]
    pub legacy_ref: String,
    pub opens_at: NaiveTime,
    #[column(default = "now()")]
    pub created_at: DateTime<Utc>,
    #[column(
        default = "CURRENT_TIMESTAMP",
        on_update = "CURRENT_TIMESTAMP",
        on_update_emulated
    )]
    pub updated_at: DateTime<Utc>,
}

/// Money: `NUMERIC(10, 2)` and an unconstrained decimal (sqlx reads decimals on PostgreSQL
/// and MySQL; SQLite has no decimal type for sqlx).
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "ledger_line")]
pub struct LedgerLine {
    #[column(primary_key, identity = always)]
    pub id: i64,
    #[column(sql_type = "NUMERIC(10, 2)")]
    pub amount: rust_decimal::Decimal,
    #[column(default = "0")]
    pub tax: rust_decimal::Decimal,
}

/// The older sequence-default key (`SERIAL`), SQLite's `AUTOINCREMENT`, unsigned counters,
/// and a type passed through per dialect.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "legacy_counter")]
pub struct LegacyCounter {
    #[column(primary_key, identity = serial, autoincrement)]
    pub id: i32,
    pub hits: u32,
    pub small: u16,
    #[column(sql_type(postgres = "CITEXT", sqlite = "TEXT", mysql = "VARCHAR(255)"))]
    pub email: String,
    #[column(default(
        postgres = "gen_random_uuid()",
        sqlite = "(randomblob(16))",
        mysql = "(unhex(replace(uuid(), '-', '')))"
    ))]
    pub token: Uuid,
}

/// PostgreSQL's own types: an array, an address, a span.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "pg_only")]
pub struct PgOnly {
    #[column(primary_key, identity)]
    pub id: i64,
    pub tags: Vec<String>,
    pub scores: Vec<i32>,
    pub peer: std::net::IpAddr,
    pub ttl: sqlx::postgres::types::PgInterval,
    /// An expression PostgreSQL rewrites when it stores it.
    #[column(default = "now() + INTERVAL '90 day'")]
    pub expires_at: DateTime<Utc>,
}

/// A default from a sequence the column does not own: a plain default, not `SERIAL`.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "ticket")]
pub struct Ticket {
    #[column(primary_key)]
    pub id: i64,
    #[column(default = "nextval('ticket_no_seq'::regclass)")]
    pub no: i64,
}

schema_core::schema! {
    /// Every form of part 1 that all three dialects store.
    pub const FORMS = [Invoice, LedgerLine, LegacyCounter];
}

schema_core::schema! {
    /// The PostgreSQL-only forms.
    pub const PG_FORMS = [PgOnly, Ticket];
}

/// The `time` crate's types, which sqlx reads and writes on all three backends.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "time_types")]
pub struct TimeTypes {
    #[column(primary_key, identity)]
    pub id: i64,
    pub at: time::OffsetDateTime,
    pub local: time::PrimitiveDateTime,
    pub day: time::Date,
    pub clock: time::Time,
}

/// Unsigned integers, which sqlx writes on SQLite (up to `u32`) and MySQL.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "unsigned_counts")]
pub struct UnsignedCounts {
    #[column(primary_key)]
    pub id: i64,
    pub tiny: u8,
    pub small: u16,
    pub normal: u32,
}

/// Decimals of both crates, which sqlx reads on PostgreSQL and MySQL.
#[derive(Table, Debug, Clone, PartialEq)]
#[table(no_comments)]
#[table(name = "decimals")]
pub struct Decimals {
    #[column(primary_key)]
    pub id: i64,
    #[column(sql_type = "DECIMAL(12, 4)")]
    pub fixed: rust_decimal::Decimal,
    pub big: bigdecimal::BigDecimal,
}

schema_core::schema! {
    /// The types whose round trip depends on the backend.
    pub const TYPES = [TimeTypes, UnsignedCounts, Decimals];
}
