// Rule: `#[table(no_primary_key)]` and a declared primary key contradict: refused at both.
use schema_core::Table;

#[derive(Table)]
#[table(no_primary_key)]
pub struct AuditLog {
    #[column(primary_key)]
    pub id: i64,
    pub message: String,
}

#[derive(Table)]
#[table(no_primary_key, primary_key(day, message))]
pub struct DailyLog {
    pub day: i32,
    pub message: String,
}

fn main() {}
