//! `check --offline`, an application's CI gate, with no database: it fails when the chain
//! does not check (two heads: a merge revision is missing), when the models differ from the
//! replayed chain (a revision is missing), or when a revision was edited after it was locked
//! (the lock file, committed beside the revisions, holds each checksum; see
//! [`LockFile`]). Each failure says which command fixes it.

use std::fmt;
use std::path::Path;

use super::{check_chain, CheckError, Difference};
use crate::migrate::{Chain, ChainError, LockFile, LockProblem, Revision};
use crate::model::Schema;

/// Why the gate fails.
#[derive(Debug)]
#[non_exhaustive]
pub enum GateFailure {
    /// The chain does not check: two heads, a missing parent, ...
    Chain(ChainError),
    /// The chain does not replay, or cannot be compared.
    Check(CheckError),
    /// The models and the replayed chain differ.
    Models(Vec<Difference>),
    /// There is no lock file at the path.
    NoLockFile(String),
    /// The lock file cannot be read.
    BadLockFile(String),
    /// The lock file and the chain disagree.
    Lock(Vec<LockProblem>),
}

impl fmt::Display for GateFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GateFailure::Chain(e @ ChainError::SeveralHeads { .. }) => write!(f, "{e}"),
            GateFailure::Chain(e) => write!(f, "the migration chain is broken: {e}"),
            GateFailure::Check(e) => write!(f, "{e}"),
            GateFailure::Models(differences) => {
                writeln!(
                    f,
                    "{} difference(s) between the models and the migrations:",
                    differences.len()
                )?;
                for d in differences {
                    writeln!(f, "  {d}")?;
                }
                write!(
                    f,
                    "write the revision that makes them agree: `revision --autogenerate -m MESSAGE --dir DIR`"
                )
            }
            GateFailure::NoLockFile(path) => write!(
                f,
                "no lock file at {path}: run `lock --lock {path}` and commit the file"
            ),
            GateFailure::BadLockFile(reason) => write!(f, "the lock file cannot be read: {reason}"),
            GateFailure::Lock(problems) => {
                let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
        }
    }
}

/// Runs the gate: every failure found (empty: it passes). `schema` `None` leaves the models
/// out.
pub fn gate(
    revisions: &'static [Revision],
    schema: Option<&Schema>,
    lock: &Path,
) -> Vec<GateFailure> {
    let chain = match Chain::new(revisions) {
        Ok(chain) => chain,
        Err(e) => return vec![GateFailure::Chain(e)],
    };
    let mut failures = Vec::new();
    if let Some(schema) = schema {
        match check_chain(revisions, schema) {
            Ok(differences) if differences.is_empty() => {}
            Ok(differences) => failures.push(GateFailure::Models(differences)),
            Err(e) => failures.push(GateFailure::Check(e)),
        }
    }
    match read_lock(lock) {
        Ok(locked) => {
            let problems = locked.problems(&chain);
            if !problems.is_empty() {
                failures.push(GateFailure::Lock(problems));
            }
        }
        Err(failure) => failures.push(failure),
    }
    failures
}

fn read_lock(path: &Path) -> Result<LockFile, GateFailure> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(GateFailure::NoLockFile(path.display().to_string()))
        }
        Err(e) => return Err(GateFailure::BadLockFile(format!("{}: {e}", path.display()))),
    };
    LockFile::parse(&text).map_err(|e| GateFailure::BadLockFile(format!("{}: {e}", path.display())))
}

/// What [`write_lock`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    /// Revisions the file did not have before.
    pub added: Vec<String>,
    /// Revisions whose recorded checksum it replaced (only with `force`).
    pub replaced: Vec<String>,
}

/// Writes the lock file of `revisions` at `path`. Refuses, unless `force`, to change the
/// checksum of a revision already locked or to drop one: that is what the gate is for.
pub fn write_lock(
    revisions: &'static [Revision],
    path: &Path,
    force: bool,
) -> Result<Locked, GateFailure> {
    let chain = Chain::new(revisions).map_err(GateFailure::Chain)?;
    let before = match read_lock(path) {
        Ok(locked) => locked,
        Err(GateFailure::NoLockFile(_)) => LockFile::default(),
        Err(other) => return Err(other),
    };
    let problems = before.problems(&chain);
    let (new, changed): (Vec<LockProblem>, Vec<LockProblem>) = problems
        .into_iter()
        .partition(|p| matches!(p, LockProblem::NotLocked { .. }));
    if !changed.is_empty() && !force {
        return Err(GateFailure::Lock(changed));
    }
    let name = |p: &LockProblem| match p {
        LockProblem::Edited { revision }
        | LockProblem::NotLocked { revision }
        | LockProblem::Removed { revision } => revision.clone(),
    };
    std::fs::write(path, LockFile::of(&chain).render())
        .map_err(|e| GateFailure::BadLockFile(format!("writing {}: {e}", path.display())))?;
    Ok(Locked {
        added: new.iter().map(name).collect(),
        replaced: changed.iter().map(name).collect(),
    })
}
