//! A database's order of the chain. A chain with merges or a squash runs, on each database,
//! in the order that puts what it has applied first ([`Chain::arranged`]), so that the runner
//! counts positions as on a line; every verb takes the migrator arranged for its database.

use super::history::AppliedRevision;
use super::session::Session;
use super::{Chain, MigrateError, Migrator, Toward};

impl Migrator {
    /// This migrator, its chain in the order the database `s` runs it toward `toward`.
    pub(crate) async fn arranged(
        &self,
        s: &mut Session,
        toward: Toward<'_>,
    ) -> Result<Migrator, MigrateError> {
        if self.chain().is_linear() {
            return Ok(self.clone());
        }
        s.ensure_version_table(matches!(toward, Toward::Stamp(_)))
            .await?;
        let applied = s.applied().await?;
        self.arranged_for(&applied, toward)
    }

    /// [`Migrator::arranged`] for a database with the version-table rows `applied`.
    pub(crate) fn arranged_for(
        &self,
        applied: &[AppliedRevision],
        toward: Toward<'_>,
    ) -> Result<Migrator, MigrateError> {
        if self.chain().is_linear() {
            return Ok(self.clone());
        }
        let ids: Vec<&str> = applied.iter().map(|a| a.id.as_str()).collect();
        Ok(self.with_chain(self.chain().arranged(&ids, toward)?))
    }

    /// The chain a database runs, in its order: see [`Chain::arranged`].
    pub(crate) fn chain_for(&self, applied: &[AppliedRevision]) -> Result<Chain, MigrateError> {
        Ok(self.arranged_for(applied, Toward::Applied)?.chain().clone())
    }
}
