//! The lock file (like Atlas's `atlas.sum`): each revision's checksum as it was when it was
//! locked, committed beside the revisions. `lock` writes it; `check --offline` refuses a
//! chain whose locked revisions were edited, or that has revisions the file lacks, before a
//! database ever sees them.

use std::fmt;

use super::{Chain, Revision};

/// The first line of a lock file.
const HEADER: &str = "# schema-core migration lock: each revision's checksum when it was locked. Written by `lock`, checked by `check --offline`; commit it beside the revisions.";

/// A lock file's entries: revision id and checksum, in the chain's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LockFile {
    /// `(id, checksum)`, one per revision.
    pub entries: Vec<(String, String)>,
}

/// What a lock file says of a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockProblem {
    /// A locked revision's checksum changed: it was edited after it was locked.
    Edited {
        /// The revision.
        revision: String,
    },
    /// A revision the file does not have.
    NotLocked {
        /// The revision.
        revision: String,
    },
    /// A locked revision the chain no longer has.
    Removed {
        /// The revision.
        revision: String,
    },
}

impl fmt::Display for LockProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockProblem::Edited { revision } => write!(
                f,
                "revision {revision} was edited after it was locked (databases that applied it would refuse it): undo the edit and put the change in a new revision"
            ),
            LockProblem::NotLocked { revision } => write!(
                f,
                "revision {revision} is not in the lock file: run `lock` and commit the file"
            ),
            LockProblem::Removed { revision } => write!(
                f,
                "revision {revision} is locked but no longer in the chain: put it back (databases may have applied it)"
            ),
        }
    }
}

impl LockFile {
    /// The entries for every revision of `chain` (a squash and what it replaces included).
    pub fn of(chain: &Chain) -> LockFile {
        LockFile {
            entries: chain
                .every_revision()
                .into_iter()
                .map(|r: &Revision| (r.id.to_owned(), r.checksum()))
                .collect(),
        }
    }

    /// Reads the text of a lock file; the line that is not `ID CHECKSUM`, when one is not.
    pub fn parse(text: &str) -> Result<LockFile, String> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_whitespace().collect::<Vec<_>>()[..] {
                [id, checksum] if checksum.len() == 64 => {
                    entries.push((id.to_owned(), checksum.to_owned()))
                }
                _ => return Err(format!("line {}: `{line}` is not `ID CHECKSUM`", n + 1)),
            }
        }
        Ok(LockFile { entries })
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut text = format!("{HEADER}\n");
        for (id, checksum) in &self.entries {
            text.push_str(&format!("{id} {checksum}\n"));
        }
        text
    }

    /// What is wrong with `chain` against this file, in the chain's order.
    pub fn problems(&self, chain: &Chain) -> Vec<LockProblem> {
        let now = LockFile::of(chain);
        let mut problems = Vec::new();
        for (id, checksum) in &now.entries {
            match self.entries.iter().find(|(locked, _)| locked == id) {
                Some((_, locked)) if locked != checksum => problems.push(LockProblem::Edited {
                    revision: id.clone(),
                }),
                Some(_) => {}
                None => problems.push(LockProblem::NotLocked {
                    revision: id.clone(),
                }),
            }
        }
        for (id, _) in &self.entries {
            if !now.entries.iter().any(|(current, _)| current == id) {
                problems.push(LockProblem::Removed {
                    revision: id.clone(),
                });
            }
        }
        problems
    }
}
