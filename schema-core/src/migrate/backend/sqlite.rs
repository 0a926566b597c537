//! SQLite: the lock is each revision's `BEGIN IMMEDIATE` (the database's write lock), bounded
//! by the connection's busy timeout; a table rebuild runs with foreign keys off around its
//! transaction and checks them before committing.

use super::{has_code, Backend, BoxFuture, RebuildGuard};
use crate::db::Conn;
use crate::migrate::error::MigrateError;
use crate::migrate::Options;

/// SQLite.
pub(super) struct SqliteBackend;

impl Backend for SqliteBackend {
    fn lock<'a>(
        &'a self,
        _conn: &'a mut Conn,
        _options: &'a Options,
    ) -> BoxFuture<'a, Result<(), MigrateError>> {
        Box::pin(async { Ok(()) })
    }

    fn unlock<'a>(&'a self, _conn: &'a mut Conn) -> BoxFuture<'a, ()> {
        Box::pin(async {})
    }

    fn begin_sql(&self) -> &'static str {
        "BEGIN IMMEDIATE"
    }

    /// `SQLITE_BUSY`, `SQLITE_LOCKED`, `SQLITE_BUSY_SNAPSHOT`.
    fn is_busy(&self, error: &sqlx::Error) -> bool {
        has_code(error, &["5", "6", "517"])
    }

    fn locks_per_transaction(&self) -> bool {
        true
    }

    // Outside the transaction, where SQLite honours it: a rebuild drops and recreates a table,
    // which must not fire ON DELETE CASCADE on its children.
    fn batches_statements(&self) -> bool {
        true
    }

    fn rebuild_guard(&self) -> Option<RebuildGuard> {
        Some(RebuildGuard {
            before: "PRAGMA foreign_keys = OFF",
            check: "PRAGMA foreign_key_check",
            after: "PRAGMA foreign_keys = ON",
        })
    }

    fn hold_lock_sql(&self) -> Option<String> {
        None
    }

    fn column_names_sql(&self, table: &str) -> String {
        format!("SELECT name FROM pragma_table_info({table})")
    }
}
