//! A locked session: the runner's dedicated connection, its backend and its version table.
//! Every verb runs through [`Session::run`]: open and lock, the verb's body, release.

use std::time::{Duration, Instant};

use tracing::Instrument;

use super::backend::{backend, Backend};
use super::error::{db, MigrateError};
use super::history::{AppliedRevision, VersionTable};
use super::{Event, Options};
use crate::db::{Conn, Endpoint};
use crate::Dialect;

/// The progress callback every verb takes.
pub(crate) type Events<'a> = dyn FnMut(&Event) + Send + 'a;

/// A locked connection. Dropping it without [`Session::release`] closes the connection, which
/// releases the lock on the server.
pub(crate) struct Session {
    pub(crate) conn: Conn,
    pub(crate) dialect: Dialect,
    pub(crate) backend: &'static dyn Backend,
    pub(crate) table: VersionTable,
    lock_wait: Duration,
    /// Behind a pooler in transaction mode: the connection whose open transaction holds the
    /// lock ([`Backend::lock_in_transaction`]).
    holder: Option<Conn>,
    /// Behind a pooler in transaction mode: the lock timeout, set per transaction.
    local_lock_timeout: Option<Duration>,
    /// The version table has this crate's layout (see [`Session::prepare_writes`]).
    layout_current: bool,
}

impl Session {
    /// Opens, locks, runs `body`, releases: the lock is released whether `body` succeeds or
    /// fails (and, through the connection's drop, when the future is cancelled).
    pub(crate) async fn run<T>(
        verb: &'static str,
        url: &Endpoint,
        options: &Options,
        on: &mut Events<'_>,
        body: impl AsyncFnOnce(&mut Session, &mut Events<'_>) -> Result<T, MigrateError>,
    ) -> Result<T, MigrateError> {
        // The database as its URL with the password masked.
        let span = tracing::info_span!("migrate", verb, database = %url);
        let result = async {
            let mut session = Session::open(url, options, on).await?;
            let result = body(&mut session, on).await;
            session.release().await;
            result
        }
        .instrument(span.clone())
        .await;
        if let Err(e) = &result {
            span.in_scope(|| tracing::error!(error = %e, "{verb} failed"));
        }
        result
    }

    async fn open(
        url: &Endpoint,
        options: &Options,
        on: &mut Events<'_>,
    ) -> Result<Session, MigrateError> {
        let started = Instant::now();
        let mut conn = Conn::open_endpoint(url, options.lock_wait).await?;
        let dialect = conn.dialect();
        let backend = backend(dialect);
        let mut holder = None;
        if options.transaction_pooling {
            let mut second = Conn::open_endpoint(url, options.lock_wait).await?;
            if backend.lock_in_transaction(&mut second, options).await? {
                holder = Some(second);
            } else {
                second.close().await;
            }
        }
        if holder.is_none() {
            backend.lock(&mut conn, options).await?;
        }
        on(&Event::Locked {
            waited: started.elapsed(),
        });
        Ok(Session {
            conn,
            dialect,
            backend,
            table: VersionTable {
                name: options.version_table,
                dialect,
            },
            lock_wait: options.lock_wait,
            local_lock_timeout: holder.as_ref().map(|_| options.lock_timeout),
            holder,
            layout_current: false,
        })
    }

    async fn release(mut self) {
        match self.holder.take() {
            Some(mut holder) => {
                let _ = holder.execute("ROLLBACK").await;
                holder.close().await;
            }
            None => self.backend.unlock(&mut self.conn).await,
        }
        self.conn.close().await;
    }

    /// Whether the lock is still held (behind a pooler, its transaction may have been
    /// ended under it); checked before every step.
    pub(crate) async fn holds_lock(&mut self) -> bool {
        match &mut self.holder {
            Some(holder) => self.backend.holds_lock(holder).await,
            None => true,
        }
    }

    /// `statement` as it runs outside a transaction: behind a pooler, with its own lock
    /// timeout.
    pub(crate) fn autocommit(&self, statement: &str) -> String {
        match self.local_lock_timeout {
            Some(t) => self.backend.with_local_lock_timeout(statement, t),
            None => statement.to_owned(),
        }
    }

    /// Whether DDL rolls back with a transaction here.
    pub(crate) fn transactional(&self) -> bool {
        self.dialect.caps().transactional_ddl
    }

    /// Begins a transaction; on SQLite, `BEGIN IMMEDIATE` is the lock, and busy means another
    /// runner holds it.
    pub(crate) async fn begin(&mut self) -> Result<(), MigrateError> {
        let begin = self.backend.begin_bounded_sql(self.local_lock_timeout);
        match self.conn.execute(&begin).await {
            Ok(_) => Ok(()),
            Err(e) if self.backend.is_busy(&e) => Err(MigrateError::LockTimeout {
                waited: self.lock_wait,
            }),
            Err(e) => Err(db("beginning a transaction")(e)),
        }
    }

    /// Commits, naming what in the error.
    pub(crate) async fn commit(&mut self, what: &str) -> Result<(), MigrateError> {
        self.conn
            .execute("COMMIT")
            .await
            .map(drop)
            .map_err(db(format!("committing {what}")))
    }

    /// Rolls back (best effort: the error that caused it is the one reported).
    pub(crate) async fn rollback(&mut self) {
        let _ = self.conn.execute("ROLLBACK").await;
    }

    /// Before the first write to the version table, once every refusal has had its say: a
    /// table of an earlier layout gets this one's columns (inside the revision's transaction,
    /// where there is one).
    pub(crate) async fn prepare_writes(&mut self) -> Result<(), MigrateError> {
        if !self.layout_current {
            self.table.upgrade_layout(&mut self.conn).await?;
            self.layout_current = true;
        }
        Ok(())
    }

    /// The version table's rows.
    pub(crate) async fn applied(&mut self) -> Result<Vec<AppliedRevision>, MigrateError> {
        self.table.read(&mut self.conn).await
    }

    /// Creates the version table if missing; `allow_non_empty` for `stamp`. Refuses a
    /// non-empty database without one.
    pub(crate) async fn ensure_version_table(
        &mut self,
        allow_non_empty: bool,
    ) -> Result<(), MigrateError> {
        // Where the lock is a transaction, the check and the creation must share one.
        let in_transaction = self.backend.locks_per_transaction();
        if in_transaction {
            self.begin().await?;
        }
        let result = self.create_version_table(allow_non_empty).await;
        if in_transaction {
            match &result {
                Ok(()) => self.commit("the version table").await?,
                Err(_) => self.rollback().await,
            }
        }
        result
    }

    async fn create_version_table(&mut self, allow_non_empty: bool) -> Result<(), MigrateError> {
        let tables = self
            .conn
            .table_names()
            .await
            .map_err(db("listing tables"))?;
        if tables.iter().any(|t| t == self.table.name) {
            return Ok(());
        }
        if !tables.is_empty() && !allow_non_empty {
            let mut tables = tables;
            tables.sort();
            tables.truncate(8);
            return Err(MigrateError::NotEmpty { tables });
        }
        self.conn
            .execute(&self.table.create_sql())
            .await
            .map_err(db("creating the version table"))?;
        Ok(())
    }
}
