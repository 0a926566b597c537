// Rule: CHECK names are unique in a schema (MySQL keeps CHECK and foreign key names in one
// namespace per database).
use schema_core::Table;

#[derive(Table)]
#[check(name = "positive", expr = "price > 0")]
pub struct Product {
    #[column(primary_key)]
    pub id: i64,
    pub price: i64,
}

#[derive(Table)]
#[check(name = "positive", expr = "quantity > 0")]
pub struct OrderLine {
    #[column(primary_key)]
    pub id: i64,
    pub quantity: i64,
}

schema_core::schema! {
    pub const SHOP = [Product, OrderLine];
}

fn main() {}
