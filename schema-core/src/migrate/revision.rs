//! Revisions and the chain they form, checked before anything connects.

use super::ReplayError;
use crate::model::{SchemaState, Step};

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
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    /// The id (`"002"`).
    pub id: &'static str,
    /// The parent's id, `None` for the first revision.
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
    /// A revision with two children: the chain forks.
    #[error("the chain forks: revisions {} all have parent `{parent}`, so there are two heads", .children.join(", "))]
    SeveralHeads {
        /// The shared parent.
        parent: String,
        /// Its children.
        children: Vec<String>,
    },
    /// Revisions that cannot be reached from the first one: they form a cycle.
    #[error("revisions {} form a cycle (none leads back to the first revision)", .0.join(", "))]
    Cycle(Vec<String>),
}

/// A checked, linear chain of revisions, first to head.
#[derive(Debug, Clone)]
pub struct Chain {
    revisions: Vec<&'static Revision>,
}

impl Chain {
    /// Checks `revisions` (in any order) and orders them from the first to the head.
    pub fn new(revisions: &'static [Revision]) -> Result<Chain, ChainError> {
        if revisions.is_empty() {
            return Err(ChainError::Empty);
        }
        for (i, r) in revisions.iter().enumerate() {
            if revisions[..i].iter().any(|o| o.id == r.id) {
                return Err(ChainError::DuplicateId(r.id.to_owned()));
            }
        }
        for r in revisions {
            if let Some(parent) = r.parent {
                if !revisions.iter().any(|o| o.id == parent) {
                    return Err(ChainError::MissingParent {
                        revision: r.id.to_owned(),
                        parent: parent.to_owned(),
                    });
                }
            }
        }
        for r in revisions {
            let children: Vec<String> = revisions
                .iter()
                .filter(|c| c.parent == Some(r.id))
                .map(|c| c.id.to_owned())
                .collect();
            if children.len() > 1 {
                return Err(ChainError::SeveralHeads {
                    parent: r.id.to_owned(),
                    children,
                });
            }
        }
        let bases: Vec<&'static Revision> =
            revisions.iter().filter(|r| r.parent.is_none()).collect();
        if bases.len() > 1 {
            return Err(ChainError::SeveralBases(
                bases.iter().map(|r| r.id.to_owned()).collect(),
            ));
        }
        let mut ordered: Vec<&'static Revision> = Vec::with_capacity(revisions.len());
        let mut next = bases.first().copied();
        while let Some(r) = next {
            ordered.push(r);
            next = revisions.iter().find(|c| c.parent == Some(r.id));
        }
        if ordered.len() != revisions.len() {
            let stranded = revisions
                .iter()
                .filter(|r| !ordered.iter().any(|o| o.id == r.id))
                .map(|r| r.id.to_owned())
                .collect();
            return Err(ChainError::Cycle(stranded));
        }
        Ok(Chain { revisions: ordered })
    }

    /// The revisions, first to head.
    pub fn revisions(&self) -> &[&'static Revision] {
        &self.revisions
    }

    /// The head (last) revision.
    pub fn head(&self) -> &'static Revision {
        self.revisions[self.revisions.len() - 1]
    }

    /// The position of revision `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.revisions.iter().position(|r| r.id == id)
    }

    /// The revision `id`.
    pub fn get(&self, id: &str) -> Option<&'static Revision> {
        self.revisions.iter().copied().find(|r| r.id == id)
    }

    /// The id of the revision at `position` (`None`: base).
    pub fn id_at(&self, position: Option<usize>) -> Option<&'static str> {
        position.and_then(|p| self.revisions.get(p)).map(|r| r.id)
    }

    /// The schema as the chain leaves it after the revision at `upto` (`None`: empty), replayed
    /// in memory with no database. The one replay of the chain: the runner, drift,
    /// autogenerate and the SQL it renders all start here.
    ///
    /// ```
    /// use schema_core::migrate::{Chain, Revision, Step};
    /// static R: [Revision; 1] = [Revision { id: "001", parent: None, message: "",
    ///     up: &[Step::DropTable { table: "missing" }], down: &[] }];
    /// let chain = Chain::new(&R).unwrap();
    /// assert!(chain.replay(None).unwrap().tables.is_empty());
    /// let error = chain.replay(Some(0)).unwrap_err();
    /// assert_eq!(error.revision, "001");
    /// ```
    pub fn replay(&self, upto: Option<usize>) -> Result<SchemaState, ReplayError> {
        let mut state = SchemaState::default();
        let Some(last) = upto else {
            return Ok(state);
        };
        for revision in self.revisions.iter().take(last + 1) {
            state.apply_all(revision.up).map_err(|source| ReplayError {
                revision: revision.id.to_owned(),
                source,
            })?;
        }
        Ok(state)
    }

    /// The schema at the head revision.
    pub fn replay_all(&self) -> Result<SchemaState, ReplayError> {
        self.replay(Some(self.revisions.len() - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn rev(id: &'static str, parent: Option<&'static str>) -> Revision {
        Revision {
            id,
            parent,
            message: "",
            up: &[],
            down: &[],
        }
    }

    #[test]
    fn orders_a_shuffled_chain() {
        static R: [Revision; 3] = [
            rev("003", Some("002")),
            rev("001", None),
            rev("002", Some("001")),
        ];
        let chain = Chain::new(&R).map_err(|e| e.to_string());
        let ids: Vec<&str> = chain
            .iter()
            .flat_map(|c| c.revisions().iter().map(|r| r.id))
            .collect();
        assert_eq!(ids, ["001", "002", "003"]);
    }

    #[test]
    fn names_what_is_broken() {
        static DUP: [Revision; 2] = [rev("001", None), rev("001", None)];
        assert_eq!(
            Chain::new(&DUP).err(),
            Some(ChainError::DuplicateId("001".into()))
        );
        static MISSING: [Revision; 2] = [rev("001", None), rev("003", Some("002"))];
        assert_eq!(
            Chain::new(&MISSING).err(),
            Some(ChainError::MissingParent {
                revision: "003".into(),
                parent: "002".into()
            })
        );
        static FORK: [Revision; 3] = [
            rev("001", None),
            rev("002a", Some("001")),
            rev("002b", Some("001")),
        ];
        assert_eq!(
            Chain::new(&FORK).err(),
            Some(ChainError::SeveralHeads {
                parent: "001".into(),
                children: vec!["002a".into(), "002b".into()]
            })
        );
        static TWO_BASES: [Revision; 2] = [rev("001", None), rev("x", None)];
        assert_eq!(
            Chain::new(&TWO_BASES).err(),
            Some(ChainError::SeveralBases(vec!["001".into(), "x".into()]))
        );
        static CYCLE: [Revision; 3] = [rev("001", None), rev("a", Some("b")), rev("b", Some("a"))];
        assert_eq!(
            Chain::new(&CYCLE).err(),
            Some(ChainError::Cycle(vec!["a".into(), "b".into()]))
        );
        assert_eq!(Chain::new(&[]).err(), Some(ChainError::Empty));
    }
}
