// Rule: a key is given once.
use schema_core::Table;
use uuid::Uuid;

#[derive(Table)]
#[table(name = "dashboards", name = "boards")]
pub struct Dashboard {
    #[column(primary_key, primary_key)]
    pub id: Uuid,
}

fn main() {}
