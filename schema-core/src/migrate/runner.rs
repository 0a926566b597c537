//! The runner: applies a checked chain to a live database, one locked session at a time. Each
//! verb is "open a [`Session`], do its part, release", through [`Session::run`]; running a
//! revision is `apply.rs`, recovering one `recover.rs`, the offline script `offline.rs`.

use std::time::Duration;

use super::apply::RevisionRun;
use super::data_loss::{self, Planned};
use super::error::{db, MigrateError, ReplayError};
use super::history::{AppliedRevision, RevisionState};
use super::pre_check;
use super::session::{Events, Session};
use super::{verify, Chain, Direction, Event, Revision, Toward};
use crate::db::{Conn, Endpoint};
use crate::dialect::render_steps;
use crate::dialect::Rendered;
use crate::model::{SchemaState, Step};

/// How the runner behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// The version table's name.
    pub version_table: &'static str,
    /// How long to wait for another runner's lock before giving up.
    pub lock_wait: Duration,
    /// How long one statement waits for a lock another session holds on what it alters
    /// (PostgreSQL `lock_timeout`; MySQL `lock_wait_timeout` and `innodb_lock_wait_timeout`,
    /// in whole seconds, at least 1): DDL never queues forever behind a long transaction, and
    /// gives up with [`MigrateError::StepLockTimeout`].
    pub lock_timeout: Duration,
    /// Run a range whose steps would destroy data (rows of a table dropped, values of a
    /// column dropped or narrowed) that no revision accepts to lose; without it the runner
    /// refuses before the first statement ([`MigrateError::DataLoss`]).
    pub allow_data_loss: bool,
    /// The URL goes through a pooler in transaction mode (PgBouncer `pool_mode =
    /// transaction`), where a session outlives no transaction. PostgreSQL: the migration lock
    /// is a transaction-scoped advisory lock held in an open transaction on a second
    /// connection (it goes when that connection does: it cannot be orphaned on a pooled
    /// server connection), checked before every step; `lock_timeout` is set per transaction
    /// (`SET LOCAL`), never for the session, so nothing leaks to the pooler's other clients.
    /// Nothing is prepared, pooled or not.
    pub transaction_pooling: bool,
    /// An older binary meeting a database a newer one migrated (a rolling deploy): when the
    /// database has every revision of this chain and more, completely applied, `upgrade` is a
    /// no-op that names the revisions it does not know ([`Event::Notice`]) instead of
    /// refusing with [`MigrateError::DatabaseAhead`].
    pub allow_ahead: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            version_table: "schema_migrations",
            lock_wait: Duration::from_secs(30),
            lock_timeout: Duration::from_secs(10),
            allow_data_loss: false,
            transaction_pooling: false,
            allow_ahead: false,
        }
    }
}

/// What `recover` does with a failed revision (MySQL/MariaDB).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Run the revision's remaining steps, from the one that failed (after fixing its cause
    /// in the database). Refused when the revision's code changed since it started.
    Resume,
    /// Like `Resume`, for a revision whose code was fixed after it failed: its applied steps
    /// are taken as done, the rest run as the code now says, and the new checksum is stored.
    ResumeChanged,
    /// Forget the partial run: the database is taken to be where it was before the revision.
    /// Undo its applied steps by hand first.
    Forget,
}

/// The database's position in the chain.
#[derive(Debug, Clone)]
pub struct Status {
    /// The version table's rows, in chain order.
    pub applied: Vec<AppliedRevision>,
    /// The current revision (`None`: base): the last applied, in the order this database
    /// runs the chain.
    pub current: Option<&'static str>,
    /// The applied revision on each branch (one on a chain without merges).
    pub heads: Vec<&'static str>,
    /// Revisions not applied yet.
    pub pending: Vec<&'static str>,
}

/// Applies a chain of revisions to databases.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), schema_core::migrate::MigrateError> {
/// use schema_core::migrate::{create_table_with_indexes, Migrator, Revision, Step};
/// use schema_core::Table;
///
/// #[derive(Table)]
/// pub struct Note {
///     #[column(primary_key)]
///     pub id: i64,
///     pub body: String,
/// }
///
/// static REVISIONS: &[Revision] = &[Revision {
///     id: "001",
///     parent: None,
///     message: "notes",
///     up: &[Step::CreateTable(&<Note as Table>::DEF)],
///     down: &[Step::DropTable { table: "note" }],
/// }];
///
/// let url = format!("sqlite:{}", std::env::temp_dir().join("migrator-doc.db").display());
/// # let _ = std::fs::remove_file(std::env::temp_dir().join("migrator-doc.db"));
/// let migrator = Migrator::new(REVISIONS)?;
/// let at = migrator.upgrade(&url, "head", &mut |event| println!("{event}")).await?;
/// assert_eq!(at, Some("001"));
/// assert_eq!(migrator.status(&url).await?.pending, Vec::<&str>::new());
/// migrator.downgrade(&url, "base", &mut |_| {}).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Migrator {
    chain: Chain,
    options: Options,
}

/// Renders a revision's steps, naming the revision in the error.
pub(crate) fn render(
    revision: &Revision,
    steps: &[Step],
    dialect: crate::Dialect,
    state: &mut SchemaState,
) -> Result<Vec<Rendered>, MigrateError> {
    render_steps(steps, dialect, state).map_err(|source| MigrateError::Render {
        revision: revision.id.to_owned(),
        source,
    })
}

impl Migrator {
    /// This migrator on `chain` (the same revisions in another order).
    pub(crate) fn with_chain(&self, chain: Chain) -> Migrator {
        Migrator {
            chain,
            options: self.options.clone(),
        }
    }

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
        Ok(self.chain.replay(position)?)
    }

    /// The schema after each revision of `range`, replayed once from `start`, the schema
    /// before the range (one pass, where a replay per revision would be quadratic).
    fn states_after(
        &self,
        mut state: SchemaState,
        range: std::ops::RangeInclusive<usize>,
    ) -> Result<Vec<SchemaState>, MigrateError> {
        let mut out = Vec::new();
        for position in range {
            let revision = self.chain.revisions()[position];
            state.apply_all(revision.up).map_err(|source| ReplayError {
                revision: revision.id.to_owned(),
                source,
            })?;
            out.push(state.clone());
        }
        Ok(out)
    }

    pub(crate) fn id_at(&self, position: Option<usize>) -> Option<&'static str> {
        self.chain.id_at(position)
    }

    /// Creates the version table if needed, reads it, checks it against the chain: the
    /// current position.
    pub(crate) async fn current_position(
        &self,
        s: &mut Session,
    ) -> Result<Option<usize>, MigrateError> {
        s.ensure_version_table(false).await?;
        let applied = s.applied().await?;
        verify::position(&self.chain, &applied)
    }

    /// Where the database is (no lock taken, nothing written).
    pub async fn status(&self, url: impl Into<Endpoint>) -> Result<Status, MigrateError> {
        let mut conn = Conn::open_endpoint(&url.into(), self.options.lock_wait).await?;
        let result = self.read_status(&mut conn).await;
        conn.close().await;
        let mut applied = result?;
        let chain = self.chain_for(&applied)?;
        applied.sort_by_key(|a| chain.position(&a.id).unwrap_or(usize::MAX));
        let done = |id: &str| {
            applied
                .iter()
                .any(|a| a.id == id && a.state == RevisionState::Applied)
        };
        let revisions = chain.revisions();
        let ids: Vec<&str> = revisions
            .iter()
            .map(|r| r.id)
            .filter(|id| done(id))
            .collect();
        Ok(Status {
            current: revisions.iter().rev().find(|r| done(r.id)).map(|r| r.id),
            heads: chain.applied_heads(&ids),
            pending: revisions
                .iter()
                .filter(|r| !done(r.id))
                .map(|r| r.id)
                .collect(),
            applied,
        })
    }

    async fn read_status(&self, conn: &mut Conn) -> Result<Vec<AppliedRevision>, MigrateError> {
        let tables = conn.table_names().await.map_err(db("listing tables"))?;
        if !tables.iter().any(|t| t == self.options.version_table) {
            return Ok(Vec::new());
        }
        let table = super::history::VersionTable {
            name: self.options.version_table,
            dialect: conn.dialect(),
        };
        table.read(conn).await
    }

    /// Applies every revision not yet applied: what a service runs at start-up, on the pool
    /// it already has (`&sqlx::PgPool`, `&SqlitePool`, `&MySqlPool`, the crate's
    /// [`Pool`](crate::db::Pool)) or a URL. The lock is held on a connection of the runner's
    /// own, opened with the pool's connect options. The database's revision after it.
    ///
    /// ```no_run
    /// # use schema_core::migrate::{Migrator, Revision};
    /// # static REVISIONS: &[Revision] = &[];
    /// #[tokio::main]
    /// async fn main() -> Result<(), Box<dyn std::error::Error>> {
    ///     let pool = sqlx::PgPool::connect(&std::env::var("DATABASE_URL")?).await?;
    ///     Migrator::new(REVISIONS)?.run(&pool).await?;
    ///     // ... serve, on the same pool
    ///     Ok(())
    /// }
    /// ```
    pub async fn run(
        &self,
        url: impl Into<Endpoint>,
    ) -> Result<Option<&'static str>, MigrateError> {
        self.upgrade(url, "head", &mut |_| {}).await
    }

    /// Applies revisions up to `target` (`head` or an id).
    pub async fn upgrade(
        &self,
        url: impl Into<Endpoint>,
        target: &str,
        on: &mut Events<'_>,
    ) -> Result<Option<&'static str>, MigrateError> {
        self.resolve(target)?;
        Session::run("upgrade", &url.into(), &self.options, on, async |s, on| {
            let m = self.arranged(s, Toward::Up(target)).await?;
            let position = m.resolve(target)?;
            m.upgrade_in(s, position, on).await
        })
        .await
    }

    async fn upgrade_in(
        &self,
        s: &mut Session,
        target: Option<usize>,
        on: &mut Events<'_>,
    ) -> Result<Option<&'static str>, MigrateError> {
        let mut current = match self.current_position(s).await {
            Err(MigrateError::DatabaseAhead { revisions }) if self.options.allow_ahead => {
                return self.ahead(s, revisions, on).await;
            }
            other => other?,
        };
        let first = current.map_or(0, |c| c + 1);
        let Some(last) = target.filter(|t| *t >= first) else {
            on(&Event::UpToDate {
                current: self.id_at(current),
            });
            return Ok(self.id_at(current));
        };
        let mut state = self.state_at(current)?;
        // The schema before each revision: the start, then the state after each but the last.
        let mut states = vec![state.clone()];
        states.extend(self.states_after(state.clone(), first..=last)?);
        states.pop();
        let plan: Vec<Planned<'_>> = (first..=last)
            .zip(&states)
            .map(|(p, before)| Planned {
                revision: self.chain.revisions()[p],
                steps: self.chain.revisions()[p].up,
                before,
            })
            .collect();
        pre_check::pre_check(&mut s.conn, &plan, &state).await?;
        if !self.options.allow_data_loss {
            data_loss::guard(&mut s.conn, &plan, &state).await?;
        }
        for position in first..=last {
            let revision = self.chain.revisions()[position];
            let rendered = render(revision, revision.up, s.dialect, &mut state)?;
            // Applied here, or (SQLite) by a runner that went first: either way it is applied.
            let run = RevisionRun::new(revision, Direction::Up, &rendered, self.id_at(current))
                .storing_down(&state, s.dialect);
            self.run_revision(s, &run, on).await?;
            current = Some(position);
        }
        Ok(self.id_at(current))
    }

    /// `upgrade` with [`Options::allow_ahead`] on a database that has revisions this chain
    /// does not know: a no-op when it has all of this chain's too, each completely applied.
    async fn ahead(
        &self,
        s: &mut Session,
        unknown: Vec<String>,
        on: &mut Events<'_>,
    ) -> Result<Option<&'static str>, MigrateError> {
        let applied = s.applied().await?;
        let (known, newer): (Vec<AppliedRevision>, Vec<AppliedRevision>) = applied
            .into_iter()
            .partition(|a| self.chain.position(&a.id).is_some());
        let head = self.chain.revisions().len().checked_sub(1);
        let all_applied = newer.iter().all(|a| a.state == RevisionState::Applied);
        if !all_applied || verify::position(&self.chain, &known)? != head {
            return Err(MigrateError::DatabaseAhead { revisions: unknown });
        }
        on(&Event::Notice(format!(
            "the database is ahead of this code: it has revision(s) {} that this code does not know; nothing was run (allow_ahead)",
            unknown.join(", ")
        )));
        on(&Event::UpToDate {
            current: self.id_at(head),
        });
        Ok(self.id_at(head))
    }

    /// Reverts revisions down to `target` (an id, which stays applied, or `base`).
    pub async fn downgrade(
        &self,
        url: impl Into<Endpoint>,
        target: &str,
        on: &mut Events<'_>,
    ) -> Result<Option<&'static str>, MigrateError> {
        self.resolve(target)?;
        Session::run(
            "downgrade",
            &url.into(),
            &self.options,
            on,
            async |s, on| {
                let m = self.arranged(s, Toward::Down(target)).await?;
                let position = m.resolve(target)?;
                m.downgrade_in(s, position, on).await
            },
        )
        .await
    }

    pub(super) async fn downgrade_in(
        &self,
        s: &mut Session,
        target: Option<usize>,
        on: &mut Events<'_>,
    ) -> Result<Option<&'static str>, MigrateError> {
        let mut current = self.current_position(s).await?;
        if current.is_none_or(|c| target.is_some_and(|t| c <= t)) {
            on(&Event::UpToDate {
                current: self.id_at(current),
            });
        }
        let positions: Vec<usize> = std::iter::successors(current, |p| p.checked_sub(1))
            .take_while(|c| target.is_none_or(|t| *c > t))
            .collect();
        // A revision that does something up and nothing down cannot be reverted: the schema
        // would stay while the version table says otherwise.
        if let Some(p) = positions.iter().find(|p| {
            let r = self.chain.revisions()[**p];
            !r.up.is_empty() && r.down.is_empty()
        }) {
            return Err(MigrateError::Irreversible {
                revision: self.chain.revisions()[*p].id.to_owned(),
            });
        }
        // The schema at each revision reverted (the one before its down steps), replayed once
        // forward from the target.
        let mut states = match (positions.last(), positions.first()) {
            (Some(lowest), Some(highest)) => {
                self.states_after(self.state_at(target)?, *lowest..=*highest)?
            }
            _ => Vec::new(),
        };
        states.reverse();
        if let (false, Some(start)) = (self.options.allow_data_loss, states.first()) {
            let plan: Vec<Planned<'_>> = positions
                .iter()
                .zip(&states)
                .map(|(p, before)| Planned {
                    revision: self.chain.revisions()[*p],
                    steps: self.chain.revisions()[*p].down,
                    before,
                })
                .collect();
            data_loss::guard(&mut s.conn, &plan, start).await?;
        }
        for (position, mut state) in positions.into_iter().zip(states) {
            let revision = self.chain.revisions()[position];
            let rendered = render(revision, revision.down, s.dialect, &mut state)?;
            let run = RevisionRun::new(revision, Direction::Down, &rendered, Some(revision.id));
            self.run_revision(s, &run, on).await?;
            current = position.checked_sub(1);
        }
        if current == target {
            on(&Event::UpToDate {
                current: self.id_at(current),
            });
        }
        Ok(self.id_at(current))
    }

    /// Deals with a revision recorded as failed (MySQL/MariaDB, whose DDL commits step by step).
    pub async fn recover(
        &self,
        url: impl Into<Endpoint>,
        recovery: Recovery,
        on: &mut Events<'_>,
    ) -> Result<Option<&'static str>, MigrateError> {
        Session::run("recover", &url.into(), &self.options, on, async |s, on| {
            let m = self.arranged(s, Toward::Applied).await?;
            m.recover_in(s, recovery, on).await
        })
        .await
    }
}
