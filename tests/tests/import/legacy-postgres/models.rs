//! Imported by `schema import` from the live database: one struct per table, as its
//! catalog has it. From now on this file is the schema: edit it, then write the next
//! revision with `revision --autogenerate`.

// Clippy reads two `#[index(.., unique)]` as one attribute given twice
// (rust-lang/rust-clippy#12923).
#![allow(clippy::duplicated_attributes)]

use schema_core::Table;

#[derive(Table)]
#[table(name = "Order")]
pub struct Order {
    #[column(primary_key, identity = always)]
    pub select: i32,
    #[column(name = "Group", sql_type = "VARCHAR(20)")]
    pub group: String,
    pub token: uuid::Uuid,
    pub ratio: Option<f32>,
    #[column(default = "1.5")]
    pub score: f64,
    pub born: Option<chrono::NaiveDate>,
    pub opens: chrono::NaiveTime,
    pub blob: Option<Vec<u8>>,
}

#[derive(Table)]
#[table(no_primary_key)]
pub struct AuditTrail {
    pub at: chrono::NaiveDateTime,
    #[column(sql_type = "TEXT")]
    pub what: String,
}

schema_core::schema! {
    /// The imported tables, in dependency order.
    pub const SCHEMA = [Order, AuditTrail];
}
