// Rule: a CHECK's name fits PostgreSQL's 63 bytes (it would be cut silently).
use schema_core::Table;

#[derive(Table)]
#[check(
    name = "messages_size_is_positive_and_a_lot_more_words_to_go_past_the_limit",
    expr = "size > 0"
)]
pub struct Message {
    #[column(primary_key)]
    pub id: i64,
    pub size: i32,
}

fn main() {}
