//! The runner: applies a checked chain to a live database, one locked session at a time.

use std::time::{Duration, Instant};

use super::conn::{version_table_sql, AppliedRevision, Conn};
use super::error::{db, LeftAt, MigrateError};
use super::render::{render_steps, Rendered};
use super::state::SchemaState;
use super::{Chain, Revision};
use crate::Dialect;

/// How the runner behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// The version table's name.
    pub version_table: &'static str,
    /// How long to wait for another runner's lock before giving up.
    pub lock_wait: Duration,
    /// PostgreSQL `lock_timeout` for every statement: DDL never queues forever behind a long
    /// transaction on the table it alters.
    pub lock_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            version_table: "schema_migrations",
            lock_wait: Duration::from_secs(30),
            lock_timeout: Duration::from_secs(10),
        }
    }
}

/// Up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Applying `up` steps.
    Up,
    /// Applying `down` steps.
    Down,
}

/// Progress, reported as it happens.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Event {
    /// The lock is held.
    Locked {
        /// How long it took to get.
        waited: Duration,
    },
    /// A revision starts.
    RevisionStart {
        /// Its id.
        id: &'static str,
        /// Its message.
        message: &'static str,
        /// Which way.
        direction: Direction,
    },
    /// A step ran.
    Step {
        /// Its position (from 0).
        index: usize,
        /// The revision's step count.
        total: usize,
        /// What it did.
        description: String,
        /// How long it took.
        elapsed: Duration,
        /// It destroys data.
        destructive: bool,
    },
    /// Something skipped (a raw SQL step without this dialect's variant).
    Notice(String),
    /// A revision is committed.
    RevisionDone {
        /// Its id.
        id: &'static str,
        /// How long it took.
        elapsed: Duration,
    },
    /// Nothing to do.
    UpToDate {
        /// The current revision.
        current: Option<&'static str>,
    },
}

/// What `recover` does with a failed revision (MySQL/MariaDB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Run the revision's remaining steps, from the one that failed (after fixing its cause).
    Resume,
    /// Forget the partial run: the database is taken to be where it was before the revision.
    /// Undo its applied steps by hand first.
    Forget,
}

/// The database's position in the chain.
#[derive(Debug, Clone)]
pub struct Status {
    /// The version table's rows, in chain order.
    pub applied: Vec<AppliedRevision>,
    /// The current revision (`None`: base).
    pub current: Option<&'static str>,
    /// Revisions not applied yet.
    pub pending: Vec<&'static str>,
}

/// Applies a chain of revisions to databases.
#[derive(Debug, Clone)]
pub struct Migrator {
    chain: Chain,
    options: Options,
}

const APPLIED: &str = "applied";
const APPLYING: &str = "applying";
const FAILED: &str = "failed";
const REVERTING: &str = "reverting";
const REVERT_FAILED: &str = "revert_failed";

/// A locked connection. Dropping it without [`Session::release`] closes the connection, which
/// releases the lock on the server.
struct Session {
    conn: Conn,
    dialect: Dialect,
    table: &'static str,
    lock_wait: Duration,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn is_lock_table_full(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.code().as_deref() == Some("53200"))
}

fn is_busy(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if matches!(e.code().as_deref(), Some("5") | Some("6") | Some("517")))
}

impl Session {
    async fn open(
        url: &str,
        options: &Options,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<Session, MigrateError> {
        let started = Instant::now();
        let mut conn = Conn::open(url, options.lock_wait).await?;
        let dialect = conn.dialect();
        match dialect {
            Dialect::Postgres => {
                // Advisory locks are per database; the key spells "schema".
                loop {
                    let got = conn
                        .scalar("SELECT CAST(CASE WHEN pg_try_advisory_lock(7306916238223081833) THEN 1 ELSE 0 END AS BIGINT)")
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
                let ms = options.lock_timeout.as_millis();
                conn.execute(&format!("SET lock_timeout = '{ms}ms'"))
                    .await
                    .map_err(db("setting lock_timeout"))?;
            }
            Dialect::MySql => {
                let secs = options.lock_wait.as_secs_f64().ceil() as u64;
                let got = conn
                    .scalar(&format!(
                        "SELECT GET_LOCK(CONCAT('schema-core:', DATABASE()), {secs})"
                    ))
                    .await
                    .map_err(db("taking the migration lock (GET_LOCK)"))?;
                match got {
                    Some(1) => {}
                    Some(_) => {
                        return Err(MigrateError::LockTimeout {
                            waited: started.elapsed(),
                        })
                    }
                    None => {
                        return Err(MigrateError::Database {
                            context: "GET_LOCK returned NULL (an error on the server)".into(),
                            source: sqlx::Error::RowNotFound,
                        })
                    }
                }
            }
            // SQLite's lock is each revision's `BEGIN IMMEDIATE`, bounded by the busy timeout.
            Dialect::Sqlite => {}
        }
        on(&Event::Locked {
            waited: started.elapsed(),
        });
        Ok(Session {
            conn,
            dialect,
            table: options.version_table,
            lock_wait: options.lock_wait,
        })
    }

    async fn release(mut self) {
        let sql = match self.dialect {
            Dialect::Postgres => Some("SELECT pg_advisory_unlock(7306916238223081833)"),
            Dialect::MySql => Some("SELECT RELEASE_LOCK(CONCAT('schema-core:', DATABASE()))"),
            Dialect::Sqlite => None,
        };
        if let Some(sql) = sql {
            let _ = self.conn.execute(sql).await;
        }
        self.conn.close().await;
    }

    async fn begin(&mut self) -> Result<(), MigrateError> {
        let sql = if self.dialect == Dialect::Sqlite {
            "BEGIN IMMEDIATE"
        } else {
            "BEGIN"
        };
        match self.conn.execute(sql).await {
            Ok(_) => Ok(()),
            Err(e) if self.dialect == Dialect::Sqlite && is_busy(&e) => {
                Err(MigrateError::LockTimeout {
                    waited: self.lock_wait,
                })
            }
            Err(e) => Err(db("beginning a transaction")(e)),
        }
    }

    async fn rollback(&mut self) {
        let _ = self.conn.execute("ROLLBACK").await;
    }

    /// Creates the version table if missing; `allow_non_empty` for `stamp`. Refuses a
    /// non-empty database without one.
    async fn ensure_version_table(&mut self, allow_non_empty: bool) -> Result<(), MigrateError> {
        let transactional = self.dialect == Dialect::Sqlite;
        if transactional {
            self.begin().await?;
        }
        let result = async {
            let tables = self
                .conn
                .table_names()
                .await
                .map_err(db("listing tables"))?;
            if !tables.iter().any(|t| t == self.table) {
                if !tables.is_empty() && !allow_non_empty {
                    let mut tables = tables;
                    tables.sort();
                    tables.truncate(8);
                    return Err(MigrateError::NotEmpty { tables });
                }
                let sql = version_table_sql(self.dialect, self.table);
                self.conn
                    .execute(&sql)
                    .await
                    .map_err(db("creating the version table"))?;
            }
            Ok(())
        }
        .await;
        if transactional {
            match &result {
                Ok(()) => {
                    self.conn
                        .execute("COMMIT")
                        .await
                        .map_err(db("creating the version table"))?;
                }
                Err(_) => self.rollback().await,
            }
        }
        result
    }

    fn quote(&self, ident: &str) -> String {
        self.dialect.quote(ident)
    }

    fn literal(&self, text: &str) -> String {
        self.dialect.string_literal(text)
    }

    async fn insert_row(
        &mut self,
        revision: &Revision,
        state: &str,
        steps_done: usize,
        duration: Duration,
    ) -> Result<(), sqlx::Error> {
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({}, {}, {}, {steps_done}, {}, {}, NULL)",
            self.quote(self.table),
            self.dialect.quote_list(&[
                "id",
                "checksum",
                "state",
                "steps_done",
                "applied_at",
                "duration_ms",
                "error"
            ]),
            self.literal(revision.id),
            self.literal(&revision.checksum()),
            self.literal(state),
            self.literal(&now()),
            duration.as_millis()
        );
        self.conn.execute(&sql).await.map(drop)
    }

    async fn update_row(
        &mut self,
        id: &str,
        state: &str,
        steps_done: usize,
        error: Option<&str>,
        duration: Option<Duration>,
    ) -> Result<(), sqlx::Error> {
        let error = error.map_or("NULL".to_owned(), |e| self.literal(e));
        let duration = duration.map_or(String::new(), |d| {
            format!(", {} = {}", self.quote("duration_ms"), d.as_millis())
        });
        let sql = format!(
            "UPDATE {} SET {} = {}, {} = {steps_done}, {} = {error}{duration} WHERE {} = {}",
            self.quote(self.table),
            self.quote("state"),
            self.literal(state),
            self.quote("steps_done"),
            self.quote("error"),
            self.quote("id"),
            self.literal(id)
        );
        self.conn.execute(&sql).await.map(drop)
    }

    async fn delete_row(&mut self, id: &str) -> Result<(), sqlx::Error> {
        let sql = format!(
            "DELETE FROM {} WHERE {} = {}",
            self.quote(self.table),
            self.quote("id"),
            self.literal(id)
        );
        self.conn.execute(&sql).await.map(drop)
    }
}

/// Renders a revision's steps, naming the revision in the error.
fn render(
    revision: &Revision,
    steps: &[super::Step],
    dialect: Dialect,
    state: &mut SchemaState,
) -> Result<Vec<Rendered>, MigrateError> {
    render_steps(steps, dialect, state).map_err(|source| MigrateError::Render {
        revision: revision.id.to_owned(),
        source,
    })
}

impl Migrator {
    /// Checks the chain (before anything connects).
    pub fn new(revisions: &'static [Revision]) -> Result<Migrator, MigrateError> {
        Ok(Migrator {
            chain: Chain::new(revisions)?,
            options: Options::default(),
        })
    }

    /// With these options.
    pub fn with_options(mut self, options: Options) -> Migrator {
        self.options = options;
        self
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The checked chain.
    pub fn chain(&self) -> &Chain {
        &self.chain
    }

    /// `head`, `base` or a revision id, as a position (`None`: base).
    pub fn resolve(&self, target: &str) -> Result<Option<usize>, MigrateError> {
        match target {
            "head" => Ok(Some(self.chain.revisions().len() - 1)),
            "base" => Ok(None),
            id => self
                .chain
                .position(id)
                .map(Some)
                .ok_or_else(|| MigrateError::UnknownRevision(id.to_owned())),
        }
    }

    /// The schema as the chain leaves it at `position` (`None`: empty), replayed offline.
    pub fn state_at(&self, position: Option<usize>) -> Result<SchemaState, MigrateError> {
        let mut state = SchemaState::default();
        let Some(last) = position else {
            return Ok(state);
        };
        for revision in &self.chain.revisions()[..=last] {
            state
                .apply_all(revision.up)
                .map_err(|source| MigrateError::Replay {
                    revision: revision.id.to_owned(),
                    source,
                })?;
        }
        Ok(state)
    }

    fn id_at(&self, position: Option<usize>) -> Option<&'static str> {
        position.map(|p| self.chain.revisions()[p].id)
    }

    /// Checks the version table against the chain; the current position.
    fn verify_applied(&self, applied: &[AppliedRevision]) -> Result<Option<usize>, MigrateError> {
        let unknown: Vec<String> = applied
            .iter()
            .filter(|a| self.chain.position(&a.id).is_none())
            .map(|a| a.id.clone())
            .collect();
        if !unknown.is_empty() {
            return Err(MigrateError::DatabaseAhead { revisions: unknown });
        }
        for a in applied {
            if let Some(revision) = self.chain.get(&a.id) {
                let expected = revision.checksum();
                if a.checksum != expected {
                    return Err(MigrateError::ChecksumMismatch {
                        revision: a.id.clone(),
                        recorded: a.checksum.clone(),
                        expected,
                    });
                }
            }
            if a.state != APPLIED {
                return Err(MigrateError::FailedRevision {
                    revision: a.id.clone(),
                    steps_done: usize::try_from(a.steps_done).unwrap_or(0),
                    error: a
                        .error
                        .clone()
                        .unwrap_or_else(|| format!("interrupted while {}", a.state)),
                });
            }
        }
        // Applied revisions must be a prefix of the chain.
        let mut current = None;
        let mut gap: Option<&str> = None;
        for (i, revision) in self.chain.revisions().iter().enumerate() {
            let is_applied = applied.iter().any(|a| a.id == revision.id);
            match (is_applied, gap) {
                (true, Some(missing)) => {
                    return Err(MigrateError::Inconsistent {
                        missing: missing.to_owned(),
                        later: revision.id.to_owned(),
                    })
                }
                (true, None) => current = Some(i),
                (false, None) => gap = Some(revision.id),
                (false, Some(_)) => {}
            }
        }
        Ok(current)
    }

    /// Creates the version table if needed, reads it, checks it against the chain: the
    /// current position.
    async fn current_position(&self, s: &mut Session) -> Result<Option<usize>, MigrateError> {
        s.ensure_version_table(false).await?;
        let applied = s
            .conn
            .applied(s.table)
            .await
            .map_err(db("reading the version table"))?;
        self.verify_applied(&applied)
    }

    /// Where the database is.
    pub async fn status(&self, url: &str) -> Result<Status, MigrateError> {
        let mut conn = Conn::open(url, self.options.lock_wait).await?;
        let tables = conn.table_names().await.map_err(db("listing tables"))?;
        let mut applied = if tables.iter().any(|t| t == self.options.version_table) {
            conn.applied(self.options.version_table)
                .await
                .map_err(db("reading the version table"))?
        } else {
            Vec::new()
        };
        conn.close().await;
        applied.sort_by_key(|a| self.chain.position(&a.id).unwrap_or(usize::MAX));
        let done = |id: &str| applied.iter().any(|a| a.id == id && a.state == APPLIED);
        let current = self
            .chain
            .revisions()
            .iter()
            .rev()
            .find(|r| done(r.id))
            .map(|r| r.id);
        let pending = self
            .chain
            .revisions()
            .iter()
            .filter(|r| !done(r.id))
            .map(|r| r.id)
            .collect();
        Ok(Status {
            applied,
            current,
            pending,
        })
    }

    /// Applies revisions up to `target` (`head` or an id).
    pub async fn upgrade(
        &self,
        url: &str,
        target: &str,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<Option<&'static str>, MigrateError> {
        let target = self.resolve(target)?;
        let mut session = Session::open(url, &self.options, on).await?;
        let result = self.upgrade_in(&mut session, target, on).await;
        session.release().await;
        result
    }

    async fn upgrade_in(
        &self,
        s: &mut Session,
        target: Option<usize>,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<Option<&'static str>, MigrateError> {
        let mut current = self.current_position(s).await?;
        let first = current.map_or(0, |c| c + 1);
        let Some(last) = target.filter(|t| *t >= first) else {
            on(&Event::UpToDate {
                current: self.id_at(current),
            });
            return Ok(self.id_at(current));
        };
        let mut state = self.state_at(current)?;
        for position in first..=last {
            let revision = self.chain.revisions()[position];
            let rendered = render(revision, revision.up, s.dialect, &mut state)?;
            // Applied here, or (SQLite) by a runner that went first: either way it is applied.
            self.run_revision(
                s,
                revision,
                Direction::Up,
                &rendered,
                self.id_at(current),
                on,
            )
            .await?;
            current = Some(position);
        }
        Ok(self.id_at(current))
    }

    /// Reverts revisions down to `target` (an id, which stays applied, or `base`).
    pub async fn downgrade(
        &self,
        url: &str,
        target: &str,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<Option<&'static str>, MigrateError> {
        let target = self.resolve(target)?;
        let mut session = Session::open(url, &self.options, on).await?;
        let result = self.downgrade_in(&mut session, target, on).await;
        session.release().await;
        result
    }

    async fn downgrade_in(
        &self,
        s: &mut Session,
        target: Option<usize>,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<Option<&'static str>, MigrateError> {
        let mut current = self.current_position(s).await?;
        if current.is_none_or(|c| target.is_some_and(|t| c <= t)) {
            on(&Event::UpToDate {
                current: self.id_at(current),
            });
        }
        while let Some(position) = current.filter(|c| target.is_none_or(|t| *c > t)) {
            let revision = self.chain.revisions()[position];
            let mut state = self.state_at(Some(position))?;
            let rendered = render(revision, revision.down, s.dialect, &mut state)?;
            let parent = position.checked_sub(1);
            self.run_revision(
                s,
                revision,
                Direction::Down,
                &rendered,
                self.id_at(Some(position)),
                on,
            )
            .await?;
            current = parent;
        }
        if current == target {
            on(&Event::UpToDate {
                current: self.id_at(current),
            });
        }
        Ok(self.id_at(current))
    }

    /// Runs one revision's rendered steps and records it. `false` when another runner applied
    /// it first (SQLite, whose lock is per revision).
    async fn run_revision(
        &self,
        s: &mut Session,
        revision: &'static Revision,
        direction: Direction,
        rendered: &[Rendered],
        before: Option<&'static str>,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<bool, MigrateError> {
        let steps = match direction {
            Direction::Up => revision.up,
            Direction::Down => revision.down,
        };
        let started = Instant::now();
        let transactional = s.dialect != Dialect::MySql;
        let rebuild = s.dialect == Dialect::Sqlite && rendered.iter().any(|r| r.rebuild);
        let left_at = LeftAt::Revision(before.map(str::to_owned));
        if rebuild {
            // Outside the transaction, where SQLite honours it: a rebuild drops and recreates
            // a table, which must not fire ON DELETE CASCADE on its children.
            s.conn
                .execute("PRAGMA foreign_keys = OFF")
                .await
                .map_err(db("turning foreign keys off for a rebuild"))?;
        }
        let result = async {
            if transactional {
                s.begin().await?;
                if s.dialect == Dialect::Sqlite {
                    // The lock is this transaction: another runner may have gone first.
                    let applied = s
                        .conn
                        .applied(s.table)
                        .await
                        .map_err(db("reading the version table"))?;
                    self.verify_applied(&applied)?;
                    let is_applied = applied.iter().any(|a| a.id == revision.id);
                    if is_applied != (direction == Direction::Down) {
                        s.rollback().await;
                        return Ok(false);
                    }
                }
            } else {
                let recorded = match direction {
                    Direction::Up => s.insert_row(revision, APPLYING, 0, Duration::ZERO).await,
                    Direction::Down => s.update_row(revision.id, REVERTING, 0, None, None).await,
                };
                recorded.map_err(db(format!("recording revision {} as started", revision.id)))?;
            }
            on(&Event::RevisionStart {
                id: revision.id,
                message: revision.message,
                direction,
            });
            self.run_steps(s, revision, direction, steps, rendered, 0, &left_at, on)
                .await?;
            if rebuild {
                let violations = s
                    .conn
                    .count_rows("PRAGMA foreign_key_check")
                    .await
                    .map_err(db("checking foreign keys"))?;
                if violations > 0 {
                    s.rollback().await;
                    return Err(MigrateError::ForeignKeyCheck {
                        revision: revision.id.to_owned(),
                        violations,
                        left_at: left_at.clone(),
                    });
                }
            }
            let record = match (direction, transactional) {
                (Direction::Up, true) => {
                    s.insert_row(revision, APPLIED, steps.len(), started.elapsed())
                        .await
                }
                (Direction::Up, false) => {
                    s.update_row(
                        revision.id,
                        APPLIED,
                        steps.len(),
                        None,
                        Some(started.elapsed()),
                    )
                    .await
                }
                (Direction::Down, _) => s.delete_row(revision.id).await,
            };
            if let Err(e) = record {
                if transactional {
                    s.rollback().await;
                }
                return Err(db(format!("recording revision {}", revision.id))(e));
            }
            if transactional {
                s.conn
                    .execute("COMMIT")
                    .await
                    .map_err(db(format!("committing revision {}", revision.id)))?;
            }
            Ok(true)
        }
        .await;
        if rebuild {
            let _ = s.conn.execute("PRAGMA foreign_keys = ON").await;
        }
        if let Ok(true) = result {
            on(&Event::RevisionDone {
                id: revision.id,
                elapsed: started.elapsed(),
            });
        }
        result
    }

    /// Runs steps from `from`; on failure rolls back (transactional) or records the failure
    /// (MySQL) and says where that left the database.
    #[allow(clippy::too_many_arguments)]
    async fn run_steps(
        &self,
        s: &mut Session,
        revision: &'static Revision,
        direction: Direction,
        steps: &[super::Step],
        rendered: &[Rendered],
        from: usize,
        left_at: &LeftAt,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<(), MigrateError> {
        let transactional = s.dialect != Dialect::MySql;
        for (index, (step, r)) in steps.iter().zip(rendered).enumerate().skip(from) {
            let step_started = Instant::now();
            if let Some(notice) = &r.notice {
                on(&Event::Notice(format!(
                    "revision {}: {notice}",
                    revision.id
                )));
            }
            for sql in &r.statements {
                if let Err(source) = s.conn.execute(sql).await {
                    let left_at = if transactional {
                        s.rollback().await;
                        left_at.clone()
                    } else {
                        let state = if direction == Direction::Up {
                            FAILED
                        } else {
                            REVERT_FAILED
                        };
                        let message = format!("step {} ({}): {source}", index + 1, step.describe());
                        let _ = s
                            .update_row(revision.id, state, index, Some(&message), None)
                            .await;
                        LeftAt::FailedRevision {
                            revision: revision.id.to_owned(),
                            steps_done: index,
                        }
                    };
                    if is_lock_table_full(&source) {
                        return Err(MigrateError::LockTableFull {
                            revision: revision.id.to_owned(),
                            left_at,
                            source,
                        });
                    }
                    return Err(MigrateError::Step {
                        revision: revision.id.to_owned(),
                        index,
                        total: steps.len(),
                        step: step.describe(),
                        sql: sql.clone(),
                        source,
                        left_at,
                    });
                }
            }
            if !transactional {
                let state = if direction == Direction::Up {
                    APPLYING
                } else {
                    REVERTING
                };
                s.update_row(revision.id, state, index + 1, None, None)
                    .await
                    .map_err(db(format!(
                        "recording step {} of revision {}",
                        index + 1,
                        revision.id
                    )))?;
            }
            on(&Event::Step {
                index,
                total: steps.len(),
                description: step.describe(),
                elapsed: step_started.elapsed(),
                destructive: step.is_destructive(),
            });
        }
        Ok(())
    }

    /// The live database against what the chain says it should be at its current revision
    /// (`upgrade --verify`): one [`Difference`](crate::check::Difference) per drift.
    pub async fn verify(
        &self,
        url: &str,
    ) -> Result<Vec<crate::check::Difference>, crate::check::CheckError> {
        let status = self
            .status(url)
            .await
            .map_err(|e| crate::check::CheckError::Replay {
                revision: "(current)".into(),
                reason: e.to_string(),
            })?;
        let position = status.current.and_then(|id| self.chain.position(id));
        let state = self
            .state_at(position)
            .map_err(|e| crate::check::CheckError::Replay {
                revision: self.id_at(position).unwrap_or("base").to_owned(),
                reason: e.to_string(),
            })?;
        crate::check::check_state(
            url,
            &state,
            &[self.options.version_table],
            crate::check::DATABASE_VS_MIGRATIONS,
        )
        .await
    }

    /// Records that the database is at `target` without running anything (for a database
    /// built by other means). Replaces the version table's rows.
    pub async fn stamp(
        &self,
        url: &str,
        target: &str,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<(), MigrateError> {
        let target = self.resolve(target)?;
        let mut s = Session::open(url, &self.options, on).await?;
        let result = async {
            s.ensure_version_table(true).await?;
            let transactional = s.dialect != Dialect::MySql;
            if transactional {
                s.begin().await?;
            }
            let sql = format!("DELETE FROM {}", s.quote(s.table));
            s.conn
                .execute(&sql)
                .await
                .map_err(db("clearing the version table"))?;
            if let Some(last) = target {
                for revision in &self.chain.revisions()[..=last] {
                    s.insert_row(revision, APPLIED, revision.up.len(), Duration::ZERO)
                        .await
                        .map_err(db(format!("stamping revision {}", revision.id)))?;
                }
            }
            if transactional {
                s.conn
                    .execute("COMMIT")
                    .await
                    .map_err(db("committing the stamp"))?;
            }
            Ok(())
        }
        .await;
        s.release().await;
        result
    }

    /// Deals with a revision recorded as failed (MySQL/MariaDB, whose DDL commits step by step).
    pub async fn recover(
        &self,
        url: &str,
        recovery: Recovery,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<Option<&'static str>, MigrateError> {
        let mut s = Session::open(url, &self.options, on).await?;
        let result = self.recover_in(&mut s, recovery, on).await;
        s.release().await;
        result
    }

    async fn recover_in(
        &self,
        s: &mut Session,
        recovery: Recovery,
        on: &mut (dyn FnMut(&Event) + Send),
    ) -> Result<Option<&'static str>, MigrateError> {
        s.ensure_version_table(false).await?;
        let applied = s
            .conn
            .applied(s.table)
            .await
            .map_err(db("reading the version table"))?;
        let failed = applied
            .iter()
            .find(|a| a.state != APPLIED)
            .cloned()
            .ok_or(MigrateError::NothingToRecover)?;
        let position =
            self.chain
                .position(&failed.id)
                .ok_or_else(|| MigrateError::DatabaseAhead {
                    revisions: vec![failed.id.clone()],
                })?;
        let revision = self.chain.revisions()[position];
        let direction = if matches!(failed.state.as_str(), REVERTING | REVERT_FAILED) {
            Direction::Down
        } else {
            Direction::Up
        };
        let done = usize::try_from(failed.steps_done).unwrap_or(0);
        match recovery {
            Recovery::Forget => {
                let forgotten = match direction {
                    Direction::Up => s.delete_row(revision.id).await,
                    Direction::Down => {
                        s.update_row(revision.id, APPLIED, revision.up.len(), None, None)
                            .await
                    }
                };
                forgotten.map_err(db("forgetting the failed revision"))?;
                let at = if direction == Direction::Up {
                    position.checked_sub(1)
                } else {
                    Some(position)
                };
                Ok(self.id_at(at))
            }
            Recovery::Resume => {
                let (steps, mut state) = match direction {
                    Direction::Up => (revision.up, self.state_at(position.checked_sub(1))?),
                    Direction::Down => (revision.down, self.state_at(Some(position))?),
                };
                let rendered = render(revision, steps, s.dialect, &mut state)?;
                let left_at = LeftAt::FailedRevision {
                    revision: revision.id.to_owned(),
                    steps_done: done,
                };
                on(&Event::RevisionStart {
                    id: revision.id,
                    message: revision.message,
                    direction,
                });
                let started = Instant::now();
                let transactional = s.dialect != Dialect::MySql;
                if transactional {
                    s.begin().await?;
                }
                self.run_steps(s, revision, direction, steps, &rendered, done, &left_at, on)
                    .await?;
                let record = match direction {
                    Direction::Up => {
                        s.update_row(
                            revision.id,
                            APPLIED,
                            steps.len(),
                            None,
                            Some(started.elapsed()),
                        )
                        .await
                    }
                    Direction::Down => s.delete_row(revision.id).await,
                };
                record.map_err(db("recording the recovered revision"))?;
                if transactional {
                    s.conn
                        .execute("COMMIT")
                        .await
                        .map_err(db("committing the recovery"))?;
                }
                on(&Event::RevisionDone {
                    id: revision.id,
                    elapsed: started.elapsed(),
                });
                let at = if direction == Direction::Up {
                    Some(position)
                } else {
                    position.checked_sub(1)
                };
                Ok(self.id_at(at))
            }
        }
    }

    /// The SQL `upgrade` would run from `from` (`base` for an empty database) to `to`, for
    /// review or to apply by hand. PostgreSQL's has no `BEGIN`/`COMMIT`: apply it with
    /// `psql -1 -f FILE` so it runs in one transaction.
    pub fn offline_sql(
        &self,
        dialect: Dialect,
        direction: Direction,
        from: &str,
        to: &str,
    ) -> Result<String, MigrateError> {
        let (from, to) = (self.resolve(from)?, self.resolve(to)?);
        let mut out = format!(
            "-- schema-core: {} from {} to {} on {}\n",
            if direction == Direction::Up {
                "upgrade"
            } else {
                "downgrade"
            },
            self.id_at(from).unwrap_or("base"),
            self.id_at(to).unwrap_or("base"),
            dialect.name()
        );
        if dialect == Dialect::Postgres {
            out.push_str("-- apply in one transaction: psql -1 -f FILE\n");
        }
        let table = self.options.version_table;
        let q = |i: &str| dialect.quote(i);
        let lit = |t: &str| dialect.string_literal(t);
        if direction == Direction::Up {
            out.push_str(&format!("\n{};\n", version_table_sql(dialect, table)));
            let first = from.map_or(0, |f| f + 1);
            let mut state = self.state_at(from)?;
            for position in first..=to.unwrap_or(0) {
                if to.is_none() {
                    break;
                }
                let revision = self.chain.revisions()[position];
                let rendered = render(revision, revision.up, dialect, &mut state)?;
                out.push_str(&format!(
                    "\n-- Revision {}: {}\n",
                    revision.id, revision.message
                ));
                write_rendered(&mut out, revision.up, &rendered);
                out.push_str(&format!(
                    "INSERT INTO {} ({}) VALUES ({}, {}, {}, {}, {}, 0, NULL);\n",
                    q(table),
                    dialect.quote_list(&[
                        "id",
                        "checksum",
                        "state",
                        "steps_done",
                        "applied_at",
                        "duration_ms",
                        "error"
                    ]),
                    lit(revision.id),
                    lit(&revision.checksum()),
                    lit(APPLIED),
                    revision.up.len(),
                    lit(&now())
                ));
            }
        } else {
            let mut position = from;
            while let Some(p) = position.filter(|p| to.is_none_or(|t| *p > t)) {
                let revision = self.chain.revisions()[p];
                let mut state = self.state_at(Some(p))?;
                let rendered = render(revision, revision.down, dialect, &mut state)?;
                out.push_str(&format!(
                    "\n-- Revert {}: {}\n",
                    revision.id, revision.message
                ));
                write_rendered(&mut out, revision.down, &rendered);
                out.push_str(&format!(
                    "DELETE FROM {} WHERE {} = {};\n",
                    q(table),
                    q("id"),
                    lit(revision.id)
                ));
                position = p.checked_sub(1);
            }
        }
        Ok(out)
    }
}

fn write_rendered(out: &mut String, steps: &[super::Step], rendered: &[Rendered]) {
    for (step, r) in steps.iter().zip(rendered) {
        let mark = if step.is_destructive() {
            " (destructive)"
        } else {
            ""
        };
        out.push_str(&format!("-- {}{mark}\n", step.describe()));
        if let Some(notice) = &r.notice {
            out.push_str(&format!("-- {notice}\n"));
        }
        if r.rebuild {
            out.push_str("-- SQLite table rebuild: run with PRAGMA foreign_keys = OFF, then PRAGMA foreign_key_check\n");
        }
        for sql in &r.statements {
            out.push_str(sql);
            out.push_str(";\n");
        }
    }
}
