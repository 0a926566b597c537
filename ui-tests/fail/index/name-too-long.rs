// Rule: an index name fits PostgreSQL's 63 bytes, given or generated.
use schema_core::Table;

#[derive(Table)]
#[index(
    columns(app_id, created_at),
    name = "ix_messages_app_id_created_at_and_a_lot_more_words_past_the_limit"
)]
#[index(columns(a_rather_long_column_name_for_an_app, another_long_column_name_too))]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    pub app_id: i64,
    pub created_at: i64,
    pub a_rather_long_column_name_for_an_app: i64,
    pub another_long_column_name_too: i64,
}

fn main() {}
