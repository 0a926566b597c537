//! Where a database is in the chain, from its version table alone: a pure function, tested
//! without a database.

use super::checksum::FORMAT;
use super::error::MigrateError;
use super::history::{AppliedRevision, RevisionState};
use super::Chain;

/// Checks the version table's rows against the chain and returns the current position
/// (`None`: base). Refuses, before anything runs: revisions the chain does not know
/// (`DatabaseAhead`), an applied revision whose code changed (`ChecksumMismatch`), a revision
/// left part-way (`FailedRevision`), and applied revisions that are not a prefix of the chain
/// (`Inconsistent`).
pub(crate) fn position(
    chain: &Chain,
    applied: &[AppliedRevision],
) -> Result<Option<usize>, MigrateError> {
    let unknown: Vec<String> = applied
        .iter()
        .filter(|a| chain.position(&a.id).is_none())
        .map(|a| a.id.clone())
        .collect();
    if !unknown.is_empty() {
        return Err(MigrateError::DatabaseAhead { revisions: unknown });
    }
    for a in applied {
        if a.checksum_format != FORMAT {
            return Err(MigrateError::ChecksumFormat {
                revision: a.id.clone(),
                recorded: a.checksum_format.clone(),
                current: FORMAT,
            });
        }
        if let Some(revision) = chain.get(&a.id) {
            let expected = revision.checksum();
            if a.checksum != expected {
                return Err(MigrateError::ChecksumMismatch {
                    revision: a.id.clone(),
                    recorded: a.checksum.clone(),
                    expected,
                });
            }
        }
        if a.state != RevisionState::Applied {
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
    prefix_end(chain, applied)
}

/// The last applied revision, when the applied ones are a prefix of the chain.
fn prefix_end(chain: &Chain, applied: &[AppliedRevision]) -> Result<Option<usize>, MigrateError> {
    let mut current = None;
    let mut gap: Option<&str> = None;
    for (i, revision) in chain.revisions().iter().enumerate() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate::Revision;

    static REVISIONS: [Revision; 3] = [
        Revision {
            id: "001",
            parent: None,
            message: "",
            up: &[],
            down: &[],
        },
        Revision {
            id: "002",
            parent: Some("001"),
            message: "",
            up: &[],
            down: &[],
        },
        Revision {
            id: "003",
            parent: Some("002"),
            message: "",
            up: &[],
            down: &[],
        },
    ];

    fn chain() -> Chain {
        Chain::new(&REVISIONS).expect("a valid chain")
    }

    fn row(id: &str, state: RevisionState) -> AppliedRevision {
        let checksum = chain()
            .get(id)
            .map_or_else(|| "unknown".to_owned(), |r| r.checksum());
        AppliedRevision {
            id: id.to_owned(),
            checksum,
            state,
            steps_done: 0,
            applied_at: String::new(),
            duration_ms: 0,
            error: None,
            checksum_format: FORMAT.to_owned(),
            down_sql: None,
        }
    }

    #[test]
    fn an_applied_prefix_is_the_current_position() {
        assert_eq!(position(&chain(), &[]).ok(), Some(None));
        let applied = [
            row("002", RevisionState::Applied),
            row("001", RevisionState::Applied),
        ];
        assert_eq!(position(&chain(), &applied).ok(), Some(Some(1)));
    }

    #[test]
    fn an_unknown_revision_means_the_database_is_ahead() {
        let applied = [
            row("001", RevisionState::Applied),
            row("004", RevisionState::Applied),
        ];
        assert!(matches!(
            position(&chain(), &applied),
            Err(MigrateError::DatabaseAhead { revisions }) if revisions == ["004"]
        ));
    }

    #[test]
    fn an_edited_revision_is_refused() {
        let mut edited = row("001", RevisionState::Applied);
        edited.checksum = "0000".into();
        assert!(matches!(
            position(&chain(), &[edited]),
            Err(MigrateError::ChecksumMismatch { revision, recorded, .. })
                if revision == "001" && recorded == "0000"
        ));
    }

    #[test]
    fn a_checksum_of_another_format_is_refused_not_compared() {
        let mut older = row("001", RevisionState::Applied);
        older.checksum_format = "schema-core/revision/0".into();
        assert!(matches!(
            position(&chain(), &[older]),
            Err(MigrateError::ChecksumFormat { revision, recorded, current: FORMAT })
                if revision == "001" && recorded == "schema-core/revision/0"
        ));
    }

    #[test]
    fn a_gap_is_inconsistent() {
        let applied = [
            row("001", RevisionState::Applied),
            row("003", RevisionState::Applied),
        ];
        assert!(matches!(
            position(&chain(), &applied),
            Err(MigrateError::Inconsistent { missing, later }) if missing == "002" && later == "003"
        ));
    }

    #[test]
    fn a_revision_left_part_way_blocks_every_run() {
        let mut failed = row("002", RevisionState::Failed);
        failed.steps_done = 2;
        failed.error = Some("step 3 (add column): boom".into());
        let applied = [row("001", RevisionState::Applied), failed];
        assert!(matches!(
            position(&chain(), &applied),
            Err(MigrateError::FailedRevision { revision, steps_done: 2, error })
                if revision == "002" && error.contains("boom")
        ));
        let interrupted = [row("001", RevisionState::Reverting)];
        assert!(matches!(
            position(&chain(), &interrupted),
            Err(MigrateError::FailedRevision { error, .. }) if error == "interrupted while reverting"
        ));
    }
}
