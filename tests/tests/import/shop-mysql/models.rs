//! Imported by `schema import` from the live database: one struct per table, as its
//! catalog has it. From now on this file is the schema: edit it, then write the next
//! revision with `revision --autogenerate`.

// Clippy reads two `#[index(.., unique)]` as one attribute given twice
// (rust-lang/rust-clippy#12923).
#![allow(clippy::duplicated_attributes)]

use schema_core::Table;

#[derive(Table)]
#[unique(columns(email), name = "customer_email_key")]
pub struct Customer {
    #[column(primary_key, identity)]
    pub id: i64,
    #[column(sql_type = "VARCHAR(320)")]
    pub email: String,
}

#[derive(Table)]
#[table(primary_key(customer_id, number, line))]
#[check(name = "order_item_qty_positive", expr = "qty > 0")]
#[foreign_key(
    columns(customer_id, number),
    references = Orders(customer_id, number),
    on_delete = cascade,
    on_update = restrict,
    name = "order_item_order_fkey"
)]
pub struct OrderItem {
    pub customer_id: i64,
    pub number: i32,
    pub line: i16,
    #[column(sql_type = "CHAR(12)")]
    pub sku: String,
    pub qty: i32,
    #[column(sql_type = "NUMERIC(10, 2)")]
    pub price: rust_decimal::Decimal,
}

#[derive(Table)]
#[table(primary_key(customer_id, number))]
#[index(columns(placed_at), name = "ix_orders_placed", desc(placed_at))]
pub struct Orders {
    #[foreign_key(
        references = Customer::id,
        on_delete = cascade,
        on_update = restrict,
        name = "orders_customer_fkey"
    )]
    pub customer_id: i64,
    pub number: i32,
    #[column(default = "current_timestamp(6)")]
    pub placed_at: chrono::DateTime<chrono::Utc>,
    #[column(sql_type = "NUMERIC(12, 2)", default = "0")]
    pub total: rust_decimal::Decimal,
}

schema_core::schema! {
    /// The imported tables, in dependency order.
    pub const SCHEMA = [Customer, Orders, OrderItem];
}
