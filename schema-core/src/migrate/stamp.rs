//! `stamp`: record that the database is at a revision without running anything (a database
//! built by other means, or one moved onto a squash's path).

use std::time::Duration;

use super::error::{db, MigrateError};
use super::history::RevisionState;
use super::session::{Events, Session};
use super::{Migrator, Toward};
use crate::db::Endpoint;

impl Migrator {
    /// Records that the database is at `target` without running anything (for a database
    /// built by other means). Replaces the version table's rows: those of `target` and the
    /// revisions before it (through a squash, when one stands for them).
    pub async fn stamp(
        &self,
        url: impl Into<Endpoint>,
        target: &str,
        on: &mut Events<'_>,
    ) -> Result<(), MigrateError> {
        self.resolve(target)?;
        Session::run("stamp", &url.into(), self.options(), on, async |s, _| {
            s.ensure_version_table(true).await?;
            let m = self.arranged(s, Toward::Stamp(target)).await?;
            let position = m.resolve(target)?;
            m.stamp_in(s, position).await
        })
        .await
    }

    async fn stamp_in(&self, s: &mut Session, target: Option<usize>) -> Result<(), MigrateError> {
        // The layout first (an ALTER commits on MySQL); then the rows in one transaction on
        // every backend (it is DML), so a crash cannot leave the table emptied beside a schema.
        s.prepare_writes().await?;
        s.begin().await?;
        s.table
            .clear(&mut s.conn)
            .await
            .map_err(db("clearing the version table"))?;
        let stamped = target.map_or(&[][..], |last| &self.chain().revisions()[..=last]);
        for revision in stamped {
            s.table
                .insert(
                    &mut s.conn,
                    revision,
                    RevisionState::Applied,
                    revision.up.len(),
                    Duration::ZERO,
                    None,
                )
                .await
                .map_err(db(format!("stamping revision {}", revision.id)))?;
        }
        s.commit("the stamp").await
    }
}
