// Rule: every table has a primary key.
use schema_core::Table;

#[derive(Table)]
pub struct AuditLog {
    pub message: String,
}

fn main() {}
