//! Running one revision on a locked session: its transaction (or, without transactional DDL,
//! its progress records), its steps, a rebuild's foreign-key guard, and its version-table row.

use std::time::Instant;

use tracing::Instrument;

use super::error::{db, LeftAt, MigrateError};
use super::history::RevisionState;
use super::rebuild_objects;
use super::session::{Events, Session};
use super::{verify, Direction, Event, Migrator, Revision};
use crate::dialect::Rendered;
use crate::model::{Object, Step};

/// One revision, one way, rendered for the session's dialect.
pub(crate) struct RevisionRun<'a> {
    pub(crate) revision: &'static Revision,
    pub(crate) direction: Direction,
    pub(crate) steps: &'static [Step],
    pub(crate) rendered: &'a [Rendered],
    /// Where a failure that rolls back leaves the database.
    pub(crate) left_at: LeftAt,
    /// Going up: the down steps as rendered now, for the revision's row (see
    /// [`RevisionRun::storing_down`]).
    pub(crate) down_sql: Option<String>,
}

impl<'a> RevisionRun<'a> {
    /// `revision` going `direction`, from a database at `before`.
    pub(crate) fn new(
        revision: &'static Revision,
        direction: Direction,
        rendered: &'a [Rendered],
        before: Option<&'static str>,
    ) -> RevisionRun<'a> {
        RevisionRun {
            revision,
            direction,
            steps: match direction {
                Direction::Up => revision.up,
                Direction::Down => revision.down,
            },
            rendered,
            left_at: LeftAt::Revision(before.map(str::to_owned)),
            down_sql: None,
        }
    }

    fn id(&self) -> &'static str {
        self.revision.id
    }

    /// Whether the revision runs in one transaction: where DDL is transactional, unless a
    /// step cannot run in one (an online form); then it runs as on MySQL, its progress
    /// recorded after each step.
    pub(crate) fn transactional(&self, s: &Session) -> bool {
        s.transactional() && !self.rendered.iter().any(|r| r.outside_transaction)
    }

    /// The state recorded while its steps run, and when one fails (without transactional DDL).
    pub(crate) fn states(&self) -> (RevisionState, RevisionState) {
        match self.direction {
            Direction::Up => (RevisionState::Applying, RevisionState::Failed),
            Direction::Down => (RevisionState::Reverting, RevisionState::RevertFailed),
        }
    }
}

impl Migrator {
    /// Runs one revision's rendered steps and records it. Another runner may have applied it
    /// first (SQLite, whose lock is per revision): then it does nothing.
    pub(crate) async fn run_revision(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
        on: &mut Events<'_>,
    ) -> Result<(), MigrateError> {
        let guard = s
            .backend
            .rebuild_guard()
            .filter(|_| run.rendered.iter().any(|r| r.rebuild));
        let kept = match guard {
            Some(_) => self.keep_objects(s, run).await?,
            None => None,
        };
        let kept_run;
        let run = match &kept {
            Some(rendered) => {
                kept_run = RevisionRun {
                    rendered,
                    left_at: run.left_at.clone(),
                    down_sql: run.down_sql.clone(),
                    ..*run
                };
                &kept_run
            }
            None => run,
        };
        if let Some(guard) = guard {
            s.conn
                .execute(guard.before)
                .await
                .map_err(db("turning foreign keys off for a rebuild"))?;
        }
        let span = tracing::info_span!(
            "revision",
            id = run.id(),
            direction = ?run.direction,
            dialect = s.dialect.name(),
        );
        let result = self.run_revision_guarded(s, run, on).instrument(span).await;
        if let Some(guard) = guard {
            let _ = s.conn.execute(guard.after).await;
        }
        result
    }

    /// The rendered steps with what their rebuilds must keep (see [`rebuild_objects`]).
    async fn keep_objects(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
    ) -> Result<Option<Vec<Rendered>>, MigrateError> {
        let at = self.chain().position(run.id());
        let before = match run.direction {
            Direction::Up => at.and_then(|i| i.checked_sub(1)),
            Direction::Down => at,
        };
        let state = self.chain().replay(before)?;
        let declared: Vec<Object> = self
            .chain()
            .revisions()
            .iter()
            .flat_map(|r| r.up.iter().chain(r.down))
            .filter_map(|step| match step {
                Step::Sql(raw) => Some(raw.creates),
                _ => None,
            })
            .flatten()
            .copied()
            .collect();
        rebuild_objects::keep_objects(&mut s.conn, run.id(), run.rendered, &state, &declared).await
    }

    async fn run_revision_guarded(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
        on: &mut Events<'_>,
    ) -> Result<(), MigrateError> {
        let started = Instant::now();
        if !self.begin_revision(s, run).await? {
            return Ok(());
        }
        on(&Event::RevisionStart {
            id: run.id(),
            message: run.revision.message,
            direction: run.direction,
        });
        self.run_steps(s, run, 0, on).await?;
        self.check_rebuild(s, run).await?;
        self.finish_revision(s, run, started).await?;
        on(&Event::RevisionDone {
            id: run.id(),
            elapsed: started.elapsed(),
        });
        Ok(())
    }

    /// Opens the revision's transaction, or records it as started. `false` when another
    /// runner already did it.
    async fn begin_revision(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
    ) -> Result<bool, MigrateError> {
        if !run.transactional(s) {
            s.prepare_writes().await?;
            let recorded = match run.direction {
                Direction::Up => {
                    s.table
                        .insert(
                            &mut s.conn,
                            run.revision,
                            RevisionState::Applying,
                            0,
                            std::time::Duration::ZERO,
                            run.down_sql.as_deref(),
                        )
                        .await
                }
                Direction::Down => {
                    let state = RevisionState::Reverting;
                    s.table
                        .update(&mut s.conn, run.id(), state, 0, None, None)
                        .await
                }
            };
            recorded.map_err(db(format!("recording revision {} as started", run.id())))?;
            return Ok(true);
        }
        s.begin().await?;
        if s.backend.locks_per_transaction() {
            // The lock is this transaction: another runner may have gone first.
            let applied = s.applied().await?;
            verify::position(self.chain(), &applied)?;
            let is_applied = applied.iter().any(|a| a.id == run.id());
            if is_applied != (run.direction == Direction::Down) {
                s.rollback().await;
                return Ok(false);
            }
        }
        s.prepare_writes().await?;
        Ok(true)
    }

    /// Runs the steps from `from`; on failure rolls back (transactional DDL) or records the
    /// failure, and says where that left the database.
    pub(crate) async fn run_steps(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
        from: usize,
        on: &mut Events<'_>,
    ) -> Result<(), MigrateError> {
        if from == 0 && self.run_batch(s, run, on).await? {
            return Ok(());
        }
        let transactional = run.transactional(s);
        for (index, (step, r)) in run.steps.iter().zip(run.rendered).enumerate().skip(from) {
            let step_started = Instant::now();
            if !s.holds_lock().await {
                if transactional {
                    s.rollback().await;
                }
                return Err(MigrateError::LockLost {
                    revision: run.id().to_owned(),
                    index,
                });
            }
            if let Some(notice) = &r.notice {
                on(&Event::Notice(format!("revision {}: {notice}", run.id())));
            }
            on(&Event::StepStart {
                index,
                total: run.steps.len(),
                description: step.describe(),
            });
            let span = tracing::info_span!(
                "step",
                revision = run.id(),
                index,
                kind = %step.describe(),
                dialect = s.dialect.name(),
                rows = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
            );
            let rows = self
                .run_statements(s, run, index, transactional)
                .instrument(span.clone())
                .await?;
            span.record("rows", rows);
            span.record("elapsed_ms", step_started.elapsed().as_millis() as u64);
            if !transactional {
                let (running, _) = run.states();
                s.table
                    .update(&mut s.conn, run.id(), running, index + 1, None, None)
                    .await
                    .map_err(db(format!(
                        "recording step {} of revision {}",
                        index + 1,
                        run.id()
                    )))?;
            }
            on(&Event::Step {
                index,
                total: run.steps.len(),
                description: step.describe(),
                elapsed: step_started.elapsed(),
                destructive: step.is_destructive(),
                batched: false,
            });
        }
        Ok(())
    }

    /// The statements of step `index`; the rows they touched. A failure is recorded (or
    /// rolled back) by [`Migrator::step_failed`].
    async fn run_statements(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
        index: usize,
        transactional: bool,
    ) -> Result<u64, MigrateError> {
        let mut rows = 0;
        for (k, sql) in run.rendered[index].statements.iter().enumerate() {
            let statement = if transactional {
                sql.clone()
            } else {
                s.autocommit(sql)
            };
            match s.conn.execute(&statement).await {
                Ok(n) => rows += n,
                Err(source) => {
                    if !transactional && statement != *sql {
                        // Its own transaction failed: end it, or the connection stays in it.
                        let _ = s.conn.execute("ROLLBACK").await;
                    }
                    tracing::error!(error = %source, statement = k, "step failed");
                    // Nothing of a fresh run committed yet: the revision did not start.
                    let untouched =
                        index == 0 && k == 0 && matches!(run.left_at, LeftAt::Revision(_));
                    return Err(self
                        .step_failed(s, run, index, sql, source, untouched)
                        .await);
                }
            }
        }
        Ok(rows)
    }

    /// Step `index` failed with `source`: roll back, or record the failure; the error.
    async fn step_failed(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
        index: usize,
        sql: &str,
        source: sqlx::Error,
        untouched: bool,
    ) -> MigrateError {
        let step = &run.steps[index];
        let transactional = run.transactional(s);
        if !transactional {
            // What the failed step left behind (an INVALID index) goes at once; `recover`
            // tries again before its retry, in case this never ran.
            for leftover in &run.rendered[index].leftovers {
                let _ = s.conn.execute(leftover).await;
            }
        }
        let left_at = if transactional {
            s.rollback().await;
            run.left_at.clone()
        } else if untouched && self.unrecord(s, run).await {
            run.left_at.clone()
        } else {
            let (_, failed) = run.states();
            let message = format!("step {} ({}): {source}", index + 1, step.describe());
            let _ = s
                .table
                .update(&mut s.conn, run.id(), failed, index, Some(&message), None)
                .await;
            LeftAt::FailedRevision {
                revision: run.id().to_owned(),
                steps_done: index,
            }
        };
        if s.backend.is_lock_timeout(&source) {
            return MigrateError::StepLockTimeout {
                revision: run.id().to_owned(),
                index,
                total: run.steps.len(),
                step: step.describe(),
                waited: self.options().lock_timeout,
                left_at,
                source,
            };
        }
        if s.backend.is_lock_table_full(&source) {
            return MigrateError::LockTableFull {
                revision: run.id().to_owned(),
                left_at,
                source,
            };
        }
        MigrateError::Step {
            revision: run.id().to_owned(),
            index,
            total: run.steps.len(),
            step: step.describe(),
            sql: sql.to_owned(),
            source,
            left_at,
        }
    }

    /// Takes back the record of a revision whose first statement failed (no transactional
    /// DDL): nothing of it ran, so there is nothing to recover. Whether that worked.
    async fn unrecord(&self, s: &mut Session, run: &RevisionRun<'_>) -> bool {
        let undone = match run.direction {
            Direction::Up => s.table.delete(&mut s.conn, run.id()).await,
            Direction::Down => {
                let done = run.revision.up.len();
                s.table
                    .update(
                        &mut s.conn,
                        run.id(),
                        RevisionState::Applied,
                        done,
                        None,
                        None,
                    )
                    .await
            }
        };
        undone.is_ok()
    }

    /// After a rebuild, every foreign key must still hold, or the revision rolls back.
    async fn check_rebuild(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
    ) -> Result<(), MigrateError> {
        let guard = s
            .backend
            .rebuild_guard()
            .filter(|_| run.rendered.iter().any(|r| r.rebuild));
        let Some(guard) = guard else {
            return Ok(());
        };
        let violations = s
            .conn
            .count_rows(guard.check)
            .await
            .map_err(db("checking foreign keys"))?;
        if violations == 0 {
            return Ok(());
        }
        s.rollback().await;
        Err(MigrateError::ForeignKeyCheck {
            revision: run.id().to_owned(),
            violations,
            left_at: run.left_at.clone(),
        })
    }

    /// Records the revision as applied (or removes its row, going down) and commits.
    async fn finish_revision(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
        started: Instant,
    ) -> Result<(), MigrateError> {
        let transactional = run.transactional(s);
        let done = run.steps.len();
        let record = match (run.direction, transactional) {
            (Direction::Up, true) => {
                let state = RevisionState::Applied;
                s.table
                    .insert(
                        &mut s.conn,
                        run.revision,
                        state,
                        done,
                        started.elapsed(),
                        run.down_sql.as_deref(),
                    )
                    .await
            }
            (Direction::Up, false) => {
                let (state, elapsed) = (RevisionState::Applied, Some(started.elapsed()));
                s.table
                    .update(&mut s.conn, run.id(), state, done, None, elapsed)
                    .await
            }
            (Direction::Down, _) => s.table.delete(&mut s.conn, run.id()).await,
        };
        if let Err(e) = record {
            if transactional {
                s.rollback().await;
            }
            return Err(db(format!("recording revision {}", run.id()))(e));
        }
        if transactional {
            s.commit(&format!("revision {}", run.id())).await?;
        }
        Ok(())
    }
}
