//! MySQL/MariaDB: a named `GET_LOCK` per database, which waits on the server up to
//! `lock_wait`. DDL commits statement by statement (`Caps::transactional_ddl` is false), so
//! the runner records each step's progress instead of opening a transaction.

use std::time::Instant;

use super::{Backend, BoxFuture};
use crate::db::Conn;
use crate::migrate::error::{db, MigrateError};
use crate::migrate::Options;

/// The lock's name: one per database, 52 characters whatever its name (MySQL 8 refuses a
/// lock name over 64; a database name alone may be 64).
const LOCK_NAME: &str = "CONCAT('schema-core:', SHA1(DATABASE()))";

/// MySQL and MariaDB.
pub(super) struct MySqlBackend;

impl Backend for MySqlBackend {
    fn lock<'a>(
        &'a self,
        conn: &'a mut Conn,
        options: &'a Options,
    ) -> BoxFuture<'a, Result<(), MigrateError>> {
        Box::pin(async move {
            let started = Instant::now();
            let secs = options.lock_wait.as_secs_f64().ceil() as u64;
            let got = conn
                .scalar(&format!("SELECT GET_LOCK({LOCK_NAME}, {secs})"))
                .await
                .map_err(db("taking the migration lock (GET_LOCK)"))?;
            match got {
                Some(1) => {
                    if let Some(sql) = conn.dialect().lock_timeout_statement(options.lock_timeout) {
                        conn.execute(&sql)
                            .await
                            .map_err(db("setting lock_wait_timeout"))?;
                    }
                    Ok(())
                }
                Some(_) => Err(MigrateError::LockTimeout {
                    waited: started.elapsed(),
                }),
                None => Err(MigrateError::Database {
                    context: "GET_LOCK returned NULL (an error on the server)".into(),
                    source: sqlx::Error::RowNotFound,
                }),
            }
        })
    }

    fn unlock<'a>(&'a self, conn: &'a mut Conn) -> BoxFuture<'a, ()> {
        Box::pin(async move {
            let _ = conn
                .execute(&format!("SELECT RELEASE_LOCK({LOCK_NAME})"))
                .await;
        })
    }

    /// 1205: lock wait timeout exceeded (SQLSTATE HY000, so by its number).
    fn is_lock_timeout(&self, error: &sqlx::Error) -> bool {
        #[cfg(feature = "mysql")]
        if let sqlx::Error::Database(e) = error {
            if let Some(e) = e.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
                return e.number() == 1205;
            }
        }
        let _ = error;
        false
    }

    fn hold_lock_sql(&self) -> Option<String> {
        Some(format!("SELECT GET_LOCK({LOCK_NAME}, 1)"))
    }

    fn column_names_sql(&self, table: &str) -> String {
        format!(
            "SELECT CAST(column_name AS CHAR) FROM information_schema.columns \
             WHERE table_schema = DATABASE() AND table_name = {table}"
        )
    }
}
