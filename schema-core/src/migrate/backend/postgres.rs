//! PostgreSQL: a session advisory lock, polled until `lock_wait`; `lock_timeout` on every
//! statement so DDL never queues forever behind a long transaction on the table it alters.

use std::time::{Duration, Instant};

use super::{has_code, Backend, BoxFuture};
use crate::db::Conn;
use crate::migrate::error::{db, MigrateError};
use crate::migrate::Options;

/// The advisory lock key: the bytes of "schema" read as a number.
pub(crate) const LOCK_KEY: i64 = 7306916238223081833;

/// PostgreSQL.
pub(super) struct PostgresBackend;

impl Backend for PostgresBackend {
    fn lock<'a>(
        &'a self,
        conn: &'a mut Conn,
        options: &'a Options,
    ) -> BoxFuture<'a, Result<(), MigrateError>> {
        Box::pin(async move {
            let started = Instant::now();
            let try_lock = format!(
                "SELECT CAST(CASE WHEN pg_try_advisory_lock({LOCK_KEY}) THEN 1 ELSE 0 END AS BIGINT)"
            );
            loop {
                let got = conn
                    .scalar(&try_lock)
                    .await
                    .map_err(db("taking the migration lock"))?;
                if got == Some(1) {
                    break;
                }
                if started.elapsed() >= options.lock_wait {
                    return Err(MigrateError::LockTimeout {
                        waited: started.elapsed(),
                    });
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            if let Some(sql) = conn.dialect().lock_timeout_statement(options.lock_timeout) {
                conn.execute(&sql)
                    .await
                    .map_err(db("setting lock_timeout"))?;
            }
            // A runner cancelled or killed mid-statement closes its connection; without this
            // the server goes on running (or waiting on) the statement, holding its locks.
            // PostgreSQL 14+; an older server does without.
            let _ = conn
                .execute("SET client_connection_check_interval = '1s'")
                .await;
            Ok(())
        })
    }

    fn lock_in_transaction<'a>(
        &'a self,
        holder: &'a mut Conn,
        options: &'a Options,
    ) -> BoxFuture<'a, Result<bool, MigrateError>> {
        Box::pin(async move {
            let started = Instant::now();
            // Each try is a transaction of its own, given back to the pool when it fails; the
            // one that gets the lock stays open (and no timeout may close it).
            let try_lock = format!(
                "BEGIN; SET LOCAL idle_in_transaction_session_timeout = 0; \
                 SELECT CAST(CASE WHEN pg_try_advisory_xact_lock({LOCK_KEY}) THEN 1 ELSE 0 END AS BIGINT)"
            );
            loop {
                let got = holder
                    .scalar(&try_lock)
                    .await
                    .map_err(db("taking the migration lock"))?;
                if got == Some(1) {
                    return Ok(true);
                }
                holder
                    .execute("ROLLBACK")
                    .await
                    .map_err(db("waiting for the migration lock"))?;
                if started.elapsed() >= options.lock_wait {
                    return Err(MigrateError::LockTimeout {
                        waited: started.elapsed(),
                    });
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    }

    fn holds_lock<'a>(&'a self, holder: &'a mut Conn) -> BoxFuture<'a, bool> {
        Box::pin(async move {
            // Taken again in the same transaction: true at once while it is held.
            let sql = format!(
                "SELECT CAST(CASE WHEN pg_try_advisory_xact_lock({LOCK_KEY}) THEN 1 ELSE 0 END AS BIGINT)"
            );
            matches!(holder.scalar(&sql).await, Ok(Some(1)))
        })
    }

    fn batches_statements(&self) -> bool {
        true
    }

    fn transaction_lock_timeout_sql(&self, timeout: Duration) -> Option<String> {
        Some(format!(
            "SET LOCAL lock_timeout = '{}ms'",
            timeout.as_millis()
        ))
    }

    fn begin_bounded_sql(&self, timeout: Option<Duration>) -> String {
        match timeout {
            Some(t) => format!("BEGIN; SET LOCAL lock_timeout = '{}ms'", t.as_millis()),
            None => "BEGIN".to_owned(),
        }
    }

    /// In a transaction of its own with `SET LOCAL`; a concurrent build cannot run in one,
    /// so it goes as it is.
    fn with_local_lock_timeout(&self, statement: &str, timeout: Duration) -> String {
        if statement.contains("CONCURRENTLY") {
            return statement.to_owned();
        }
        format!(
            "BEGIN; SET LOCAL lock_timeout = '{}ms'; {statement}; COMMIT",
            timeout.as_millis()
        )
    }

    fn unlock<'a>(&'a self, conn: &'a mut Conn) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let _ = conn
                .execute(&format!("SELECT pg_advisory_unlock({LOCK_KEY})"))
                .await;
        })
    }

    /// `55P03`: lock not available (`lock_timeout`).
    fn is_lock_timeout(&self, error: &sqlx::Error) -> bool {
        has_code(error, &["55P03"])
    }

    /// `53200`: out of shared memory (the lock table is full).
    fn is_lock_table_full(&self, error: &sqlx::Error) -> bool {
        has_code(error, &["53200"])
    }

    fn hold_lock_sql(&self) -> Option<String> {
        Some(format!("SELECT pg_advisory_lock({LOCK_KEY})"))
    }

    fn column_names_sql(&self, table: &str) -> String {
        format!(
            "SELECT column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = {table}"
        )
    }
}
