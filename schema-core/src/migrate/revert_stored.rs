//! `downgrade --stored`: an older binary reverting revisions a newer one applied, from the
//! down SQL stored in their rows ([`StoredDown`]), newest first, down to this chain's head;
//! then on as `downgrade` goes. Refused before the first statement when a row has no stored
//! SQL, is not completely applied, or its revisions do not lead back to this chain's head.

use std::time::Instant;

use super::data_loss::Loss;
use super::error::{db, LeftAt, MigrateError};
use super::history::{AppliedRevision, RevisionState};
use super::session::{Events, Session};
use super::stored_down::StoredDown;
use super::{verify, Event, Migrator, Toward};
use crate::db::Endpoint;

impl Migrator {
    /// Reverts the revisions the database has and this chain does not know (a newer binary
    /// applied them) from the down SQL stored when they were applied, newest first; then, as
    /// [`Migrator::downgrade`], down to `target` (`head`: this chain's head, nothing more).
    pub async fn downgrade_stored(
        &self,
        url: impl Into<Endpoint>,
        target: &str,
        on: &mut Events<'_>,
    ) -> Result<Option<&'static str>, MigrateError> {
        self.resolve(target)?;
        Session::run(
            "downgrade",
            &url.into(),
            self.options(),
            on,
            async |s, on| {
                self.arranged(s, Toward::Applied)
                    .await?
                    .revert_unknown(s, on)
                    .await?;
                let m = self.arranged(s, Toward::Down(target)).await?;
                let position = m.resolve(target)?;
                m.downgrade_in(s, position, on).await
            },
        )
        .await
    }

    /// The unknown revisions, newest first, each with its stored steps; every refusal first.
    async fn unknown_revisions(
        &self,
        s: &mut Session,
    ) -> Result<Vec<(AppliedRevision, StoredDown)>, MigrateError> {
        s.ensure_version_table(false).await?;
        let (known, unknown): (Vec<AppliedRevision>, Vec<AppliedRevision>) = s
            .applied()
            .await?
            .into_iter()
            .partition(|a| self.chain().position(&a.id).is_some());
        let refuse = |revision: &str, problem: String| MigrateError::StoredDown {
            revision: revision.to_owned(),
            problem,
        };
        let mut decoded = Vec::new();
        for row in unknown {
            let stored = match (&row.state, &row.down_sql) {
                (RevisionState::Applied, Some(text)) => {
                    StoredDown::decode(text).map_err(|p| refuse(&row.id, p))?
                }
                (RevisionState::Applied, None) => return Err(refuse(
                    &row.id,
                    "its row has no stored down SQL (an earlier schema-core or `stamp` wrote it, or it cannot be reverted)".into(),
                )),
                (state, _) => return Err(refuse(&row.id, format!("it is {state}, not applied"))),
            };
            decoded.push((row, stored));
        }
        if decoded.is_empty() {
            return Ok(decoded);
        }
        let head = self.chain().revisions().len().checked_sub(1);
        if verify::position(self.chain(), &known)? != head {
            return Err(refuse(
                &decoded[0].0.id,
                format!(
                    "the database is not at this code's head ({}) below the revisions it does not know",
                    self.id_at(head).unwrap_or("base")
                ),
            ));
        }
        // From this chain's head, each unknown revision's child in turn.
        let mut ordered = Vec::with_capacity(decoded.len());
        let mut tip = self.id_at(head).map(str::to_owned);
        while let Some(i) = decoded.iter().position(|(_, d)| d.parent == tip) {
            let next = decoded.swap_remove(i);
            tip = Some(next.0.id.clone());
            ordered.push(next);
        }
        if let Some((row, stored)) = decoded.first() {
            return Err(refuse(
                &row.id,
                format!(
                    "its parent {} is neither this code's head nor another revision the database has",
                    stored.parent.as_deref().unwrap_or("(none)")
                ),
            ));
        }
        ordered.reverse();
        Ok(ordered)
    }

    async fn revert_unknown(
        &self,
        s: &mut Session,
        on: &mut Events<'_>,
    ) -> Result<(), MigrateError> {
        let ordered = self.unknown_revisions(s).await?;
        if !self.options().allow_data_loss {
            guard(s, &ordered).await?;
        }
        for (row, stored) in &ordered {
            on(&Event::Notice(format!(
                "revision {}: this code does not know it; reverting it from the down SQL stored when it was applied",
                row.id
            )));
            let fk_guard = s.backend.rebuild_guard().filter(|_| stored.rebuild);
            if let Some(g) = fk_guard {
                s.conn
                    .execute(g.before)
                    .await
                    .map_err(db("turning foreign keys off for a rebuild"))?;
            }
            let result = revert_one(s, &row.id, stored, on).await;
            if let Some(g) = fk_guard {
                let _ = s.conn.execute(g.after).await;
            }
            result?;
        }
        Ok(())
    }
}

/// Refuses, before anything runs, what the stored steps would destroy.
async fn guard(
    s: &mut Session,
    ordered: &[(AppliedRevision, StoredDown)],
) -> Result<(), MigrateError> {
    let tables = s.conn.table_names().await.map_err(db("listing tables"))?;
    let mut losses = Vec::new();
    for (row, stored) in ordered {
        for weighed in stored.weighed.iter().filter(|w| tables.contains(&w.table)) {
            let rows = s
                .conn
                .scalar(&weighed.count)
                .await
                .map_err(db(format!(
                    "counting what revision {} would destroy",
                    row.id
                )))?
                .unwrap_or(0);
            if rows > 0 {
                losses.push(Loss {
                    revision: row.id.clone(),
                    table: weighed.table.clone(),
                    column: weighed.column.clone(),
                    rows,
                });
            }
        }
    }
    if losses.is_empty() {
        Ok(())
    } else {
        Err(MigrateError::DataLoss { losses })
    }
}

/// Runs one revision's stored steps and removes its row: in one transaction where DDL is
/// transactional, otherwise recording progress after each step.
async fn revert_one(
    s: &mut Session,
    id: &str,
    stored: &StoredDown,
    on: &mut Events<'_>,
) -> Result<(), MigrateError> {
    let transactional = s.transactional() && stored.transactional;
    let total = stored.steps.len();
    if transactional {
        s.begin().await?;
    }
    s.prepare_writes().await?;
    if !transactional {
        s.table
            .update(&mut s.conn, id, RevisionState::Reverting, 0, None, None)
            .await
            .map_err(db(format!("recording revision {id} as being reverted")))?;
    }
    for (index, step) in stored.steps.iter().enumerate() {
        let started = Instant::now();
        if !s.holds_lock().await {
            if transactional {
                s.rollback().await;
            }
            return Err(MigrateError::LockLost {
                revision: id.to_owned(),
                index,
            });
        }
        on(&Event::StepStart {
            index,
            total,
            description: step.description.clone(),
        });
        for sql in &step.statements {
            let statement = if transactional {
                sql.clone()
            } else {
                s.autocommit(sql)
            };
            let Err(source) = s.conn.execute(&statement).await else {
                continue;
            };
            let left_at = if transactional {
                s.rollback().await;
                LeftAt::Revision(Some(id.to_owned()))
            } else {
                if statement != *sql {
                    let _ = s.conn.execute("ROLLBACK").await;
                }
                let message = format!("step {} ({}): {source}", index + 1, step.description);
                let failed = RevisionState::RevertFailed;
                let _ = s
                    .table
                    .update(&mut s.conn, id, failed, index, Some(&message), None)
                    .await;
                LeftAt::FailedRevision {
                    revision: id.to_owned(),
                    steps_done: index,
                }
            };
            return Err(MigrateError::Step {
                revision: id.to_owned(),
                index,
                total,
                step: step.description.clone(),
                sql: sql.clone(),
                source,
                left_at,
            });
        }
        if !transactional {
            s.table
                .update(
                    &mut s.conn,
                    id,
                    RevisionState::Reverting,
                    index + 1,
                    None,
                    None,
                )
                .await
                .map_err(db(format!("recording step {} of revision {id}", index + 1)))?;
        }
        on(&Event::Step {
            index,
            total,
            description: step.description.clone(),
            elapsed: started.elapsed(),
            destructive: step.destructive,
            batched: false,
        });
    }
    if let Some(g) = s.backend.rebuild_guard().filter(|_| stored.rebuild) {
        let violations = s
            .conn
            .count_rows(g.check)
            .await
            .map_err(db("checking foreign keys"))?;
        if violations > 0 {
            s.rollback().await;
            return Err(MigrateError::ForeignKeyCheck {
                revision: id.to_owned(),
                violations,
                left_at: LeftAt::Revision(Some(id.to_owned())),
            });
        }
    }
    if let Err(e) = s.table.delete(&mut s.conn, id).await {
        if transactional {
            s.rollback().await;
        }
        return Err(db(format!("removing revision {id} from the version table"))(e));
    }
    if transactional {
        s.commit(&format!("revision {id}")).await?;
    }
    Ok(())
}
