//! What can go wrong in a migration run, each error saying what failed, where, and what state
//! the database was left in.

use std::time::Duration;

use super::ChainError;
use crate::db::ConnectError;
use crate::dialect::RenderError;
use crate::model::StateError;

/// A chain whose own steps do not replay (a step on a missing table, say), naming the
/// revision: shared by the runner, drift and autogenerate, which all replay the chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("revision {revision}: {source}")]
pub struct ReplayError {
    /// The revision whose steps do not apply.
    pub revision: String,
    /// Why.
    #[source]
    pub source: StateError,
}

/// Where a failure left the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftAt {
    /// Untouched by the failed revision: at this revision (`None`: base, nothing applied).
    Revision(Option<String>),
    /// MySQL/MariaDB (DDL commits implicitly): the revision is recorded as failed after its
    /// first `steps_done` steps; runs are refused until `recover`.
    FailedRevision {
        /// The failed revision.
        revision: String,
        /// How many of its steps were applied.
        steps_done: usize,
    },
}

impl std::fmt::Display for LeftAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LeftAt::Revision(Some(id)) => write!(f, "the database is still at revision {id}"),
            LeftAt::Revision(None) => write!(f, "the database is still at base (no revision applied)"),
            LeftAt::FailedRevision { revision, steps_done } => write!(
                f,
                "revision {revision} is recorded as failed after {steps_done} applied step(s); run `recover` to resume it (or `recover --forget` once you have undone those steps)"
            ),
        }
    }
}

/// A migration failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MigrateError {
    /// The chain is broken (checked before connecting).
    #[error("broken migration chain: {0}")]
    Chain(#[from] ChainError),
    /// No connection.
    #[error(transparent)]
    Connect(#[from] ConnectError),
    /// A target that is not in the chain.
    #[error("unknown revision `{0}`: it is not in the migration chain")]
    UnknownRevision(String),
    /// An applied revision was edited after it was applied.
    #[error("checksum mismatch: revision {revision} was applied with checksum {recorded}, but the code now has {expected}; an applied revision must not be edited (write a new revision instead); nothing was run")]
    ChecksumMismatch {
        /// The revision.
        revision: String,
        /// The checksum in the version table.
        recorded: String,
        /// The code's checksum.
        expected: String,
    },
    /// A revision's checksum was computed in a format this crate does not compute.
    #[error("revision {revision}'s checksum is of format `{recorded}`, and this schema-core computes `{current}`: the two cannot be compared. If the revisions are unchanged since they were applied, `stamp` the current revision to record them again in this format; nothing was run")]
    ChecksumFormat {
        /// The revision.
        revision: String,
        /// The format in the version table.
        recorded: String,
        /// The format this crate computes.
        current: &'static str,
    },
    /// The database holds revisions this code does not know.
    #[error("the database is ahead of this code: it has revision(s) {} that the chain does not know; nothing was run", .revisions.join(", "))]
    DatabaseAhead {
        /// The unknown revisions.
        revisions: Vec<String>,
    },
    /// Applied revisions that are not a prefix of the chain.
    #[error("the version table is inconsistent: revision {missing} is not applied but {later} after it is; nothing was run")]
    Inconsistent {
        /// The missing revision.
        missing: String,
        /// A later applied one.
        later: String,
    },
    /// A non-empty database without a version table.
    #[error("the database is not empty ({}) but has no version table: `stamp` the revision it is at before upgrading; nothing was run", .tables.join(", "))]
    NotEmpty {
        /// Some of its tables.
        tables: Vec<String>,
    },
    /// A revision recorded as failed (MySQL) blocks every run until recovered.
    #[error("revision {revision} failed earlier after {steps_done} applied step(s) ({error}); run `recover` to resume it, or `recover --forget` once you have undone its applied steps; nothing was run")]
    FailedRevision {
        /// The revision.
        revision: String,
        /// Steps it applied.
        steps_done: usize,
        /// The recorded error.
        error: String,
    },
    /// `recover` of a revision whose code changed since it started.
    #[error("revision {revision} changed since it started (checksum {recorded}, now {expected}): its first {steps_done} step(s) ran as the old code said. If they are what the new code says too, resume with `recover --accept-changed` (`Recovery::ResumeChanged`), which stores the new checksum; nothing was run")]
    RecoverChanged {
        /// The revision.
        revision: String,
        /// The checksum it started with.
        recorded: String,
        /// The code's checksum.
        expected: String,
        /// The steps it applied.
        steps_done: usize,
    },
    /// Nothing to recover.
    #[error("no failed revision to recover")]
    NothingToRecover,
    /// Another runner holds the lock.
    #[error("another migration holds the lock on this database; gave up after {waited:?}; nothing was run")]
    LockTimeout {
        /// How long it waited.
        waited: Duration,
    },
    /// A SQLite table rebuild would drop a trigger, index or view no revision declares.
    #[error("revision {revision} rebuilds table {table} (SQLite), which would drop {} that no revision declares: declare each in the raw SQL step that creates it (`creates: &[Object::trigger(\"name\", \"{table}\")]`) so the rebuild recreates it, or drop it first; nothing was run", .objects.join(", "))]
    RebuildWouldDrop {
        /// The revision.
        revision: String,
        /// The table rebuilt.
        table: String,
        /// What it would drop (`trigger touch_notes`).
        objects: Vec<String>,
    },
    /// An offline script cannot keep what a SQLite rebuild drops (the runner reads their SQL
    /// from the database).
    #[error("revision {revision} rebuilds table {table} (SQLite), and a script cannot recreate {} around it (the runner reads their SQL from the database): run `upgrade` on the database instead; nothing was written", .objects.join(", "))]
    OfflineRebuild {
        /// The revision.
        revision: String,
        /// The table rebuilt.
        table: String,
        /// What the rebuild would drop (`view active_notes`).
        objects: Vec<String>,
    },
    /// A downgrade would pass a revision with steps up and none down.
    #[error("revision {revision} has steps up and none down: it cannot be reverted; if undoing it needs nothing, say so with a down step (`Step::Sql(RawSql::new(\"nothing to undo: ...\"))`); nothing was run")]
    Irreversible {
        /// The revision.
        revision: String,
    },
    /// The rows in the database would make a step fail, or (MariaDB) be filled in silently.
    #[error("the rows in the database would break the run: {}; nothing was run", .refusals.join("; "))]
    PreCheck {
        /// Each step the rows would break, with the count.
        refusals: Vec<String>,
    },
    /// The version table's name is taken by another tool's table (Rails', golang-migrate's).
    #[error("the table {table} is not this crate's version table (its columns are another tool's, such as Rails' or golang-migrate's `schema_migrations`): pick another version table name (`Options::version_table`); nothing was run")]
    ForeignVersionTable {
        /// The table.
        table: String,
    },
    /// The version table's rows contradict each other.
    #[error("the version table {table} cannot be trusted: {problem}; repair it by hand; nothing was run")]
    VersionTableCorrupt {
        /// The table.
        table: String,
        /// What is wrong.
        problem: String,
    },
    /// `downgrade --stored` cannot revert a revision this code does not know from its row.
    #[error(
        "cannot revert revision {revision} from its stored down SQL: {problem}; nothing was run"
    )]
    StoredDown {
        /// The revision.
        revision: String,
        /// Why not.
        problem: String,
    },
    /// The run would destroy data that no revision accepts to lose.
    #[error("the run would destroy data: {}; nothing was run. Copy what must stay first and say so in the revision (`Step::AcceptDataLoss`), or run it anyway with `--allow-data-loss` (`Options::allow_data_loss`)", .losses.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    DataLoss {
        /// Each table or column that holds data the run would destroy.
        losses: Vec<super::data_loss::Loss>,
    },
    /// A step cannot be rendered for this dialect.
    #[error("revision {revision}: {source}; nothing of it was run")]
    Render {
        /// The revision.
        revision: String,
        /// Why.
        #[source]
        source: RenderError,
    },
    /// The chain's own steps do not replay (a step on a missing table, say).
    #[error(transparent)]
    Replay(#[from] ReplayError),
    /// A version table row this runner cannot read (a state it does not know, a column of the
    /// wrong type); nothing was run.
    #[error(
        "the version table `{table}` has a row this runner cannot read: {reason}; nothing was run"
    )]
    VersionTable {
        /// The version table.
        table: String,
        /// What is wrong with the row.
        reason: String,
    },
    /// A step failed.
    #[error("revision {revision}, step {} of {total} ({step}) failed: {source}\n  SQL: {sql}\n  {left_at}", index + 1)]
    Step {
        /// The revision.
        revision: String,
        /// The step's position (from 0).
        index: usize,
        /// How many steps the revision has.
        total: usize,
        /// The step, described.
        step: String,
        /// The failed statement.
        sql: String,
        /// The database's error.
        #[source]
        source: sqlx::Error,
        /// Where this left the database.
        left_at: LeftAt,
    },
    /// The migration lock was gone before a step (behind a pooler, its transaction was ended
    /// under it: `idle_in_transaction_session_timeout`, an administrator): nothing more runs.
    #[error("the migration lock was lost before step {} of revision {revision} (the connection holding it was closed); that step did not run: the revision is rolled back (PostgreSQL) or recorded with the steps it ran, see `status`", index + 1)]
    LockLost {
        /// The revision.
        revision: String,
        /// The step that did not run (from 0).
        index: usize,
    },
    /// A step waited longer than the lock timeout for a lock another session holds.
    #[error("revision {revision}, step {} of {total} ({step}) waited longer than the lock timeout ({waited:?}) for a lock another session holds, and gave up: find the transaction holding it (pg_stat_activity, SHOW PROCESSLIST) or raise `Options::lock_timeout`; {left_at}", index + 1)]
    StepLockTimeout {
        /// The revision.
        revision: String,
        /// The step's position (from 0).
        index: usize,
        /// How many steps the revision has.
        total: usize,
        /// The step, described.
        step: String,
        /// The lock timeout.
        waited: Duration,
        /// Where this left the database.
        left_at: LeftAt,
        /// The database's error.
        #[source]
        source: sqlx::Error,
    },
    /// PostgreSQL ran out of lock slots in one transaction.
    #[error("revision {revision} needs more locks in one transaction than PostgreSQL allows (\"out of shared memory\"): raise `max_locks_per_transaction` in postgresql.conf (and restart), or split the revision; {left_at}")]
    LockTableFull {
        /// The revision.
        revision: String,
        /// Where this left the database.
        left_at: LeftAt,
        /// The database's error.
        #[source]
        source: sqlx::Error,
    },
    /// A SQLite table rebuild left rows whose foreign keys point nowhere.
    #[error("revision {revision}: `PRAGMA foreign_key_check` found {violations} row(s) violating foreign keys after a table rebuild; rolled back; {left_at}")]
    ForeignKeyCheck {
        /// The revision.
        revision: String,
        /// Violating rows.
        violations: usize,
        /// Where this left the database.
        left_at: LeftAt,
    },
    /// Reading the live schema failed (before `recover` resumes a revision).
    #[error("{context}: {source}; nothing was run")]
    Introspect {
        /// What was being done.
        context: String,
        /// Why.
        #[source]
        source: crate::introspect::IntrospectError,
    },
    /// Bookkeeping (version table, lock) failed.
    #[error("{context}: {source}")]
    Database {
        /// What was being done.
        context: String,
        /// The database's error.
        #[source]
        source: sqlx::Error,
    },
}

pub(crate) fn db(context: impl Into<String>) -> impl FnOnce(sqlx::Error) -> MigrateError {
    let context = context.into();
    move |source| MigrateError::Database { context, source }
}
