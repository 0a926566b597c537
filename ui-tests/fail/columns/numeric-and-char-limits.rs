// Rule: `NUMERIC(p, s)` and `CHAR(n)` fit every dialect: 1 <= p <= 65, s <= p, s <= 30 and
// 1 <= n <= 255 (MySQL's limits); parentheses are balanced, whatever the type.
use schema_core::Table;

#[derive(Table)]
pub struct Price {
    #[column(primary_key)]
    pub id: i64,
    #[column(sql_type = "NUMERIC(0)")]
    pub nothing: f64,
    #[column(sql_type = "NUMERIC(66, 2)")]
    pub too_precise: f64,
    #[column(sql_type = "DECIMAL(40, 31)")]
    pub too_fine: f64,
    #[column(sql_type = "NUMERIC(ten, 2)")]
    pub unreadable: f64,
    #[column(sql_type = "CHAR(0)")]
    pub empty_code: String,
    #[column(sql_type = "CHAR(256)")]
    pub long_code: String,
    #[column(sql_type = "GEOMETRY(Point, 4326")]
    pub place: String,
}

fn main() {}
