//! Revisions and the graph they form, checked before anything connects: one first revision,
//! one head, merge revisions (several parents) joining branches, and at most one squash (a
//! baseline standing, for new databases, for a revision and every one before it). A
//! [`Chain`] is the graph in the order a database runs it (`chain.rs`), arranged per database
//! (`order.rs`).

use crate::model::Step;

mod chain;
mod order;

pub use chain::{heads, lineage, Chain};
pub(crate) use order::Toward;

/// Joins the parents of a merge revision in its `parent` (`Some("005a+005b")`).
pub const MERGE_SEPARATOR: char = '+';

/// One revision: an id, its parent, and its steps up and down. A `const`.
///
/// ```
/// use schema_core::migrate::{Revision, Step};
/// pub const R001: Revision = Revision {
///     id: "001",
///     parent: None,
///     message: "empty start",
///     up: &[],
///     down: &[],
/// };
/// // A merge of two branches names both parents.
/// pub const R006: Revision = Revision {
///     id: "006",
///     parent: Some("005a+005b"),
///     message: "merge",
///     up: &[],
///     down: &[],
/// };
/// assert_eq!(R006.parents().collect::<Vec<_>>(), ["005a", "005b"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    /// The id (`"002"`).
    pub id: &'static str,
    /// The parent's id, `None` for the first revision (and a squash); a merge revision names
    /// each of its parents, joined with `+`.
    pub parent: Option<&'static str>,
    /// What it does.
    pub message: &'static str,
    /// Steps from the parent to this revision.
    pub up: &'static [Step],
    /// Steps from this revision back to the parent.
    pub down: &'static [Step],
}

impl Revision {
    /// The checksum of the revision's canonical encoding (see [`super::checksum`]).
    pub fn checksum(&self) -> String {
        super::checksum::checksum(self)
    }

    /// Its parents: none, one, or (a merge) several.
    pub fn parents(&self) -> impl Iterator<Item = &'static str> {
        self.parent
            .into_iter()
            .flat_map(|p| p.split(MERGE_SEPARATOR))
    }

    /// The revision this one squashes, with every one before it ([`Step::Squashes`]).
    pub fn squashes(&self) -> Option<&'static str> {
        self.up.iter().find_map(|s| match *s {
            Step::Squashes { through } => Some(through),
            _ => None,
        })
    }
}

/// A broken chain, naming the revisions involved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChainError {
    /// No revisions at all.
    #[error("the migration chain is empty")]
    Empty,
    /// Two revisions share an id.
    #[error("two revisions have the id `{0}`")]
    DuplicateId(String),
    /// An id with the character that joins a merge's parents.
    #[error("the revision id `{0}` has a `+`, which joins the parents of a merge revision")]
    BadId(String),
    /// A parent that no revision has as id.
    #[error("revision `{revision}` names parent `{parent}`, which is not in the chain")]
    MissingParent {
        /// The revision.
        revision: String,
        /// Its missing parent.
        parent: String,
    },
    /// More than one revision without a parent.
    #[error("the chain has several first revisions (no parent): {}", .0.join(", "))]
    SeveralBases(Vec<String>),
    /// Branches that no merge revision joins.
    #[error("the chain has several heads ({}): two branches each added revisions; join them with `revision --merge -m MESSAGE`", .heads.join(", "))]
    SeveralHeads {
        /// The heads, in the chain's order.
        heads: Vec<String>,
    },
    /// Revisions that cannot be reached from the head: they form a cycle.
    #[error("revisions {} form a cycle (none leads back to the first revision)", .0.join(", "))]
    Cycle(Vec<String>),
    /// A squash revision that cannot stand for what it names.
    #[error("squash revision `{revision}`: {problem}")]
    Squash {
        /// The squash revision.
        revision: String,
        /// What is wrong.
        problem: String,
    },
}

#[cfg(test)]
mod tests;
