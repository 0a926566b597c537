//! What the runner does differently per database (sqlx's `Migrate` seam): how the migration
//! lock is taken and released, how a revision's transaction begins, and what a table rebuild
//! needs around it. One unit struct per database, chosen through a [`PerDialect`] table.

mod mysql;
mod postgres;
mod sqlite;

use std::future::Future;
use std::pin::Pin;

use super::error::MigrateError;
use super::Options;
use crate::db::Conn;
use crate::dialect::PerDialect;
use crate::Dialect;

/// A boxed future: the backend trait is used as `dyn`, which async methods cannot be.
pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// SQL run around a SQLite table rebuild, outside and inside the revision's transaction.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RebuildGuard {
    /// Before `BEGIN`, where SQLite honours it.
    pub(crate) before: &'static str,
    /// Before `COMMIT`: a query whose rows are the violations.
    pub(crate) check: &'static str,
    /// After the transaction, on every path.
    pub(crate) after: &'static str,
}

/// The per-database part of the runner.
pub(crate) trait Backend: Sync {
    /// Takes the migration lock on `conn`, waiting up to `options.lock_wait`, and sets the
    /// session up for DDL.
    fn lock<'a>(
        &'a self,
        conn: &'a mut Conn,
        options: &'a Options,
    ) -> BoxFuture<'a, Result<(), MigrateError>>;

    /// Releases the lock (best effort: closing the connection releases it too).
    fn unlock<'a>(&'a self, conn: &'a mut Conn) -> BoxFuture<'a, ()>;

    /// Behind a pooler in transaction mode ([`Options::transaction_pooling`]): takes the lock
    /// in a transaction left open on `holder`, a connection of its own, waiting up to
    /// `options.lock_wait` without holding a pooled connection meanwhile. `false`: this
    /// database keeps its session lock ([`Backend::lock`]) there too.
    fn lock_in_transaction<'a>(
        &'a self,
        _holder: &'a mut Conn,
        _options: &'a Options,
    ) -> BoxFuture<'a, Result<bool, MigrateError>> {
        Box::pin(async { Ok(false) })
    }

    /// Whether the transaction on `holder` still holds the lock.
    fn holds_lock<'a>(&'a self, _holder: &'a mut Conn) -> BoxFuture<'a, bool> {
        Box::pin(async { true })
    }

    /// `statement` bounded by `timeout` without a session setting (behind a pooler, a
    /// session setting stays on the server connection for its next client).
    fn with_local_lock_timeout(&self, statement: &str, _timeout: std::time::Duration) -> String {
        statement.to_owned()
    }

    /// The statement that begins a revision's transaction.
    fn begin_sql(&self) -> &'static str {
        "BEGIN"
    }

    /// [`Backend::begin_sql`], and the transaction's lock timeout set for it alone (`None`:
    /// the session's, set when the lock was taken).
    fn begin_bounded_sql(&self, timeout: Option<std::time::Duration>) -> String {
        let _ = timeout;
        self.begin_sql().to_owned()
    }

    /// Whether `error` from [`Backend::begin_sql`] means another runner holds the lock.
    fn is_busy(&self, _error: &sqlx::Error) -> bool {
        false
    }

    /// The lock is each revision's transaction (SQLite): another runner may have applied a
    /// revision between two of ours, so each transaction re-reads the version table, and the
    /// version table is created inside one.
    fn locks_per_transaction(&self) -> bool {
        false
    }

    /// Whether a revision's statements can go to the server together, in its transaction (a
    /// multi-statement simple query on PostgreSQL; SQLite runs a string's statements in turn).
    fn batches_statements(&self) -> bool {
        false
    }

    /// The statement that bounds the rest of the open transaction's lock waits by `timeout`
    /// (`None`: no such setting).
    fn transaction_lock_timeout_sql(&self, _timeout: std::time::Duration) -> Option<String> {
        None
    }

    /// What a table rebuild needs around its transaction (SQLite).
    fn rebuild_guard(&self) -> Option<RebuildGuard> {
        None
    }

    /// Whether `error` says the server ran out of lock slots in one transaction.
    fn is_lock_table_full(&self, _error: &sqlx::Error) -> bool {
        false
    }

    /// Whether `error` means a statement gave up waiting for a lock (the session's lock
    /// timeout).
    fn is_lock_timeout(&self, _error: &sqlx::Error) -> bool {
        false
    }

    /// A statement that takes the migration lock the way a runner holds it, for tests that
    /// make a runner wait (`None`: the lock is a transaction).
    fn hold_lock_sql(&self) -> Option<String>;

    /// The query listing the columns of `table` (a string literal), one name per row: the
    /// version table's are checked before it is read or written.
    fn column_names_sql(&self, table: &str) -> String;
}

/// Each database's backend.
const BACKENDS: PerDialect<&'static dyn Backend> = PerDialect {
    postgres: &postgres::PostgresBackend,
    sqlite: &sqlite::SqliteBackend,
    mysql: &mysql::MySqlBackend,
};

/// The backend of `dialect`.
pub(crate) fn backend(dialect: Dialect) -> &'static dyn Backend {
    *BACKENDS.get(dialect)
}

/// Whether `error` is the database's error with one of `codes`.
fn has_code(error: &sqlx::Error, codes: &[&str]) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.code().is_some_and(|c| codes.contains(&c.as_ref())))
}
