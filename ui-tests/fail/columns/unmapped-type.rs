// Rule: a field's type has an SQL mapping (`schema_core::ColumnType`) or a `sql_type`.
use std::collections::HashMap;

use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
pub struct Dashboard {
    #[column(primary_key)]
    pub id: Uuid,
    pub labels: HashMap<String, String>,
}

fn main() {}
