//! Imported by `schema import` from the live database: one struct per table, as its
//! catalog has it. From now on this file is the schema: edit it, then write the next
//! revision with `revision --autogenerate`.

// Clippy reads two `#[index(.., unique)]` as one attribute given twice
// (rust-lang/rust-clippy#12923).
#![allow(clippy::duplicated_attributes)]

use schema_core::Table;

#[derive(Table)]
pub struct Account {
    #[column(primary_key)]
    pub id: i64,
    #[column(sql_type = "TEXT")]
    pub name: String,
}

#[derive(Table)]
#[table(schema = "billing")]
pub struct Invoice {
    #[column(primary_key, identity)]
    pub id: i64,
    #[foreign_key(
        references = Account::id,
        on_delete = restrict,
        name = "invoice_account_id_fkey"
    )]
    pub account_id: i64,
    #[column(sql_type = "NUMERIC(12, 2)")]
    pub amount: rust_decimal::Decimal,
}

schema_core::schema! {
    /// The imported tables, in dependency order.
    pub const SCHEMA = [Account, Invoice];
}
