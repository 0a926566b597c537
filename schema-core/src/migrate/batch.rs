//! A revision's statements sent to the server together (PostgreSQL and SQLite, inside the
//! revision's transaction): one round trip instead of one a statement. A savepoint opens the
//! batch; when a statement in it fails, the batch is rolled back to the savepoint and the
//! steps run again one at a time, so the failing step is found and named as before, and the
//! revision's transaction then leaves the database at its parent. MySQL/MariaDB keep one
//! step a round trip: their progress is recorded after each.
//!
//! A batch that gave up waiting for a lock has waited `lock_timeout` already: its steps run
//! again with a short one, so the step that waits is named without waiting twice.

use std::time::{Duration, Instant};

use tracing::Instrument;

use super::apply::RevisionRun;
use super::error::{db, MigrateError};
use super::session::{Events, Session};
use super::{Event, Migrator};

/// Opens every batch: what a failure rolls back to.
const SAVEPOINT: &str = "schema_core_batch";

/// The lock timeout of the step-by-step run after a batch that gave up waiting for a lock.
const AFTER_A_LOCK_TIMEOUT: Duration = Duration::from_millis(100);

impl Migrator {
    /// Runs the revision's steps as one batch where that can be done; `false` when it was
    /// not (a backend without batches, a revision outside a transaction, one statement, or a
    /// statement that failed, which the caller's step-by-step run will name).
    pub(crate) async fn run_batch(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
        on: &mut Events<'_>,
    ) -> Result<bool, MigrateError> {
        let statements: Vec<&str> = run
            .rendered
            .iter()
            .flat_map(|r| r.statements.iter().map(String::as_str))
            .collect();
        if !s.backend.batches_statements() || !run.transactional(s) || statements.len() < 2 {
            return Ok(false);
        }
        if !s.holds_lock().await {
            s.rollback().await;
            return Err(MigrateError::LockLost {
                revision: run.revision.id.to_owned(),
                index: 0,
            });
        }
        let total = run.steps.len();
        on(&Event::StepStart {
            index: 0,
            total,
            description: match run.steps {
                [only] => only.describe(),
                steps => format!("{} steps, sent together", steps.len()),
            },
        });
        let started = Instant::now();
        // Each statement on lines of its own: a raw statement's trailing `--` comment cannot
        // swallow the separator.
        let batch = format!("SAVEPOINT {SAVEPOINT};\n{}\n", statements.join("\n;\n"));
        let span = tracing::info_span!(
            "batch",
            revision = run.revision.id,
            steps = total,
            statements = statements.len(),
            dialect = s.dialect.name(),
            rows = tracing::field::Empty,
        );
        let sent = s.conn.execute(&batch).instrument(span.clone()).await;
        let rows = match sent {
            Ok(rows) => rows,
            Err(source) => {
                span.in_scope(|| {
                    tracing::debug!(error = %source, "batch failed; running its steps one at a time")
                });
                self.after_a_failed_batch(s, run, &source).await?;
                return Ok(false);
            }
        };
        span.record("rows", rows);
        let elapsed = started.elapsed();
        for (index, (step, rendered)) in run.steps.iter().zip(run.rendered).enumerate() {
            // Each step's span, for what it did; its time is the batch's.
            let _ = tracing::info_span!(
                parent: &span,
                "step",
                revision = run.revision.id,
                index,
                kind = %step.describe(),
                dialect = s.dialect.name(),
                batched = true,
                elapsed_ms = tracing::field::Empty,
            )
            .record("elapsed_ms", elapsed.as_millis() as u64);
            if let Some(notice) = &rendered.notice {
                on(&Event::Notice(format!(
                    "revision {}: {notice}",
                    run.revision.id
                )));
            }
            on(&Event::Step {
                index,
                total,
                description: step.describe(),
                elapsed,
                destructive: step.is_destructive(),
                batched: true,
            });
        }
        Ok(true)
    }

    /// Back to the savepoint, for the step-by-step run; after a lock timeout, with a short
    /// one for the rest of the transaction.
    async fn after_a_failed_batch(
        &self,
        s: &mut Session,
        run: &RevisionRun<'_>,
        source: &sqlx::Error,
    ) -> Result<(), MigrateError> {
        let mut undo = vec![format!("ROLLBACK TO SAVEPOINT {SAVEPOINT}")];
        if s.backend.is_lock_timeout(source) {
            undo.extend(s.backend.transaction_lock_timeout_sql(AFTER_A_LOCK_TIMEOUT));
        }
        for sql in undo {
            if let Err(e) = s.conn.execute(&sql).await {
                s.rollback().await;
                return Err(db(format!(
                    "rolling back the batch of revision {} (the revision is rolled back)",
                    run.revision.id
                ))(e));
            }
        }
        Ok(())
    }
}
