// Rule: `on_update_emulated` qualifies `on_update`.
use schema_core::Table;

#[derive(Table)]
pub struct Invoice {
    #[column(primary_key)]
    pub id: i64,
    #[column(on_update_emulated)]
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

fn main() {}
