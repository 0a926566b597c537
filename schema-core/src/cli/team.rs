//! The verbs of a team's workflow: `heads`, `history` (the graph, as Alembic shows it),
//! `lock` and `check --offline` (the CI gate). `heads`, `lock` and the gate need no database;
//! `heads` works on a chain with several heads, which is when it is wanted.

use std::io::Write;
use std::path::Path;

use super::CliError;
use crate::drift::{gate, write_lock, GateFailure};
use crate::migrate::{heads, Migrator, Revision, RevisionState};
use crate::model::Schema;

/// `heads`: one line per head; more than one means a merge revision is due.
pub(super) fn print_heads(
    revisions: &'static [Revision],
    out: &mut impl Write,
) -> Result<(), CliError> {
    let tops = heads(revisions);
    for head in &tops {
        let message = revisions
            .iter()
            .find(|r| r.id == *head)
            .map_or("", |r| r.message);
        writeln!(out, "{head} (head): {message}")?;
    }
    if tops.len() > 1 {
        writeln!(
            out,
            "{} heads: join them with `revision --merge -m MESSAGE --dir DIR`",
            tops.len()
        )?;
    }
    Ok(())
}

/// `history`: the chain newest first, each revision with its parents and what it is (head,
/// mergepoint, branchpoint, squash), and whether the database has it.
pub(super) async fn history(
    migrator: &Migrator,
    url: &str,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let status = migrator.status(url).await?;
    let every = migrator.chain().every_revision();
    let chain = migrator.chain_for(&status.applied)?;
    let head = chain.head().id;
    for revision in chain.revisions().iter().rev() {
        let state = match status.applied.iter().find(|a| a.id == revision.id) {
            Some(a) if a.state == RevisionState::Applied => {
                format!("applied {} ({} ms)", a.applied_at, a.duration_ms)
            }
            Some(a) => format!("{} after {} step(s)", a.state, a.steps_done),
            None => "pending".to_owned(),
        };
        let parents = chain.parents_of(revision);
        let children = every
            .iter()
            .filter(|c| c.parents().any(|p| p == revision.id))
            .count();
        let mut marks = String::new();
        if revision.id == head {
            marks.push_str(" (head)");
        }
        if parents.len() > 1 {
            marks.push_str(" (mergepoint)");
        }
        if children > 1 {
            marks.push_str(" (branchpoint)");
        }
        if let Some(through) = revision.squashes() {
            marks.push_str(&format!(" (squash of {through} and before)"));
        }
        let from = if parents.is_empty() {
            "base".to_owned()
        } else {
            parents.join(", ")
        };
        writeln!(
            out,
            "{from} -> {}{marks}: {}  [{state}]",
            revision.id, revision.message
        )?;
    }
    Ok(())
}

/// `lock`: writes the lock file.
pub(super) fn lock(
    revisions: &'static [Revision],
    path: &Path,
    force: bool,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let locked = write_lock(revisions, path, force).map_err(|failure| match failure {
        GateFailure::Lock(problems) => CliError::Other(format!(
            "{}\n(the lock file is unchanged; `lock --force` rewrites it, for a revision no database has applied yet)",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )),
        other => CliError::Other(other.to_string()),
    })?;
    writeln!(
        out,
        "wrote {}: {} revision(s) added{}",
        path.display(),
        locked.added.len(),
        if locked.replaced.is_empty() {
            String::new()
        } else {
            format!(", checksum replaced for {}", locked.replaced.join(", "))
        }
    )?;
    Ok(())
}

/// `check --offline`: the gate; exit 1 with every failure when it fails.
pub(super) fn check_offline(
    revisions: &'static [Revision],
    schema: Option<&Schema>,
    lock: &Path,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let failures = gate(revisions, schema, lock);
    if failures.is_empty() {
        writeln!(
            out,
            "ok: one head, the models match the migrations, every revision is locked unchanged"
        )?;
        return Ok(());
    }
    for failure in &failures {
        writeln!(out, "{failure}")?;
    }
    Err(CliError::Gate {
        failures: failures.len(),
    })
}
