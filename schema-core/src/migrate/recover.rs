//! `recover`: a revision left part-way (MySQL/MariaDB, whose DDL commits step by step) is
//! resumed from the step that failed, or forgotten.

use std::time::Instant;

use super::apply::RevisionRun;
use super::error::{db, LeftAt, MigrateError};
use super::history::{AppliedRevision, RevisionState};
use super::runner::render;
use super::session::{Events, Session};
use super::took_effect::took_effect;
use super::verify;
use super::{Direction, Event, Migrator, Recovery};

impl Migrator {
    pub(crate) async fn recover_in(
        &self,
        s: &mut Session,
        recovery: Recovery,
        on: &mut Events<'_>,
    ) -> Result<Option<&'static str>, MigrateError> {
        s.ensure_version_table(false).await?;
        let applied = s.applied().await?;
        let failed = applied
            .iter()
            .find(|a| a.state != RevisionState::Applied)
            .cloned()
            .ok_or(MigrateError::NothingToRecover)?;
        let position =
            self.chain()
                .position(&failed.id)
                .ok_or_else(|| MigrateError::DatabaseAhead {
                    revisions: vec![failed.id.clone()],
                })?;
        let direction = if failed.state.is_reverting() {
            Direction::Down
        } else {
            Direction::Up
        };
        // The other rows are checked as any run checks them; the failed one's checksum is
        // weighed here.
        let others: Vec<AppliedRevision> = applied
            .iter()
            .filter(|a| a.id != failed.id)
            .cloned()
            .collect();
        verify::position(self.chain(), &others)?;
        let revision = self.chain().revisions()[position];
        let changed = failed.checksum != revision.checksum();
        if !(recovery == Recovery::Resume && changed) {
            s.prepare_writes().await?;
        }
        match recovery {
            Recovery::Forget => self.forget(s, position, direction).await,
            Recovery::Resume if changed => Err(MigrateError::RecoverChanged {
                revision: failed.id.clone(),
                recorded: failed.checksum.clone(),
                expected: revision.checksum(),
                steps_done: usize::try_from(failed.steps_done).unwrap_or(0),
            }),
            Recovery::Resume | Recovery::ResumeChanged => {
                self.resume(s, &failed, position, direction, on).await
            }
        }
    }

    /// Takes the database to be where it was before the revision started.
    async fn forget(
        &self,
        s: &mut Session,
        position: usize,
        direction: Direction,
    ) -> Result<Option<&'static str>, MigrateError> {
        let revision = self.chain().revisions()[position];
        let forgotten = match direction {
            Direction::Up => s.table.delete(&mut s.conn, revision.id).await,
            Direction::Down => {
                let (state, done) = (RevisionState::Applied, revision.up.len());
                s.table
                    .update(&mut s.conn, revision.id, state, done, None, None)
                    .await
            }
        };
        forgotten.map_err(db("forgetting the failed revision"))?;
        Ok(match direction {
            Direction::Up => self.id_at(position.checked_sub(1)),
            Direction::Down => self.id_at(Some(position)),
        })
    }

    /// Runs the revision's remaining steps and records it done.
    async fn resume(
        &self,
        s: &mut Session,
        failed: &AppliedRevision,
        position: usize,
        direction: Direction,
        on: &mut Events<'_>,
    ) -> Result<Option<&'static str>, MigrateError> {
        let revision = self.chain().revisions()[position];
        let (steps, mut state) = match direction {
            Direction::Up => (revision.up, self.state_at(position.checked_sub(1))?),
            Direction::Down => (revision.down, self.state_at(Some(position))?),
        };
        let rendered = render(revision, steps, s.dialect, &mut state)?;
        let mut done = usize::try_from(failed.steps_done).unwrap_or(0);
        let mut run = RevisionRun::new(revision, direction, &rendered, None);
        // Killed after a step's DDL committed and before its record (H5): the step is done.
        let unrecorded = steps
            .get(done)
            .filter(|_| !run.transactional(s))
            .filter(|_| rendered[done].leftovers.is_empty());
        if let Some(step) = unrecorded {
            let live = crate::introspect::introspect_in(&mut s.conn, &[s.table.name], &[])
                .await
                .map_err(|source| MigrateError::Introspect {
                    context: format!(
                        "reading the schema before resuming revision {}",
                        revision.id
                    ),
                    source,
                })?;
            if took_effect(&live, step) == Some(true) {
                on(&Event::Notice(format!(
                    "revision {}: step {} ({}) had run, but not been recorded, when the run stopped: it is not run again",
                    revision.id,
                    done + 1,
                    step.describe()
                )));
                done += 1;
                let (running, _) = run.states();
                s.table
                    .update(&mut s.conn, revision.id, running, done, None, None)
                    .await
                    .map_err(db("recording the step that had run"))?;
            }
        }
        run.left_at = LeftAt::FailedRevision {
            revision: revision.id.to_owned(),
            steps_done: done,
        };
        on(&Event::RevisionStart {
            id: revision.id,
            message: revision.message,
            direction,
        });
        let started = Instant::now();
        let transactional = run.transactional(s);
        if transactional {
            s.begin().await?;
        }
        // What the failed step left behind (an INVALID index, a constraint not validated).
        if let Some(failed_step) = rendered.get(done) {
            for leftover in &failed_step.leftovers {
                s.conn
                    .execute(leftover)
                    .await
                    .map_err(db(format!("taking away what step {} left", done + 1)))?;
            }
        }
        self.run_steps(s, &run, done, on).await?;
        let record = match direction {
            Direction::Up => {
                let elapsed = Some(started.elapsed());
                let state = RevisionState::Applied;
                let checksum = revision.checksum();
                if checksum != failed.checksum {
                    on(&Event::Notice(format!(
                        "revision {} changed since it started: its checksum {checksum} replaces {}",
                        revision.id, failed.checksum
                    )));
                    s.table
                        .set_checksum(&mut s.conn, revision.id, checksum)
                        .await
                        .map_err(db("storing the recovered revision's new checksum"))?;
                }
                s.table
                    .update(&mut s.conn, revision.id, state, steps.len(), None, elapsed)
                    .await
            }
            Direction::Down => s.table.delete(&mut s.conn, revision.id).await,
        };
        record.map_err(db("recording the recovered revision"))?;
        if transactional {
            s.commit("the recovery").await?;
        }
        on(&Event::RevisionDone {
            id: revision.id,
            elapsed: started.elapsed(),
        });
        Ok(match direction {
            Direction::Up => self.id_at(Some(position)),
            Direction::Down => self.id_at(position.checked_sub(1)),
        })
    }
}
