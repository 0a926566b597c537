//! The checked graph: what [`Chain::new`] refuses, the order a new database runs it in, its
//! one replay.

use std::collections::HashSet;

use super::{ChainError, Revision, MERGE_SEPARATOR};
use crate::migrate::ReplayError;
use crate::model::SchemaState;

/// A squash revision and the ids it stands for.
#[derive(Debug, Clone)]
pub(super) struct Squash {
    pub(super) revision: &'static Revision,
    pub(super) through: &'static str,
    pub(super) replaced: HashSet<&'static str>,
}

/// A checked graph of revisions, in the order a database runs them: parents before children,
/// each branch of a merge in turn (the first parent's first), and, when a squash stands for
/// the start of the chain, through the squash.
#[derive(Debug, Clone)]
pub struct Chain {
    /// First to head.
    pub(super) revisions: Vec<&'static Revision>,
    /// Every revision but the squash, parents before children.
    pub(super) graph: Vec<&'static Revision>,
    pub(super) squash: Option<Squash>,
    /// `revisions` goes through the squash.
    pub(super) through_squash: bool,
}

/// The heads of `revisions` (a revision no other names as parent), squashes left out, in the
/// order given: one for a valid chain, more for branches not merged yet.
pub fn heads(revisions: &'static [Revision]) -> Vec<&'static str> {
    let graph: Vec<&'static Revision> = revisions
        .iter()
        .filter(|r| r.squashes().is_none())
        .collect();
    graph
        .iter()
        .filter(|r| !graph.iter().any(|c| c.parents().any(|p| p == r.id)))
        .map(|r| r.id)
        .collect()
}

/// `id` and every revision it descends from, in `revisions`.
pub fn lineage(revisions: &[&'static Revision], id: &str) -> HashSet<&'static str> {
    let mut found = HashSet::new();
    let start = revisions.iter().find(|r| r.id == id).map(|r| r.id);
    let mut todo: Vec<&'static str> = start.into_iter().collect();
    while let Some(next) = todo.pop() {
        if let Some(r) = revisions.iter().find(|r| r.id == next) {
            if found.insert(r.id) {
                todo.extend(r.parents());
            }
        }
    }
    found
}

/// Parents before children, each parent's ancestry in turn, from `head`; the revisions on a
/// cycle when there is one.
fn parents_first(
    head: &'static Revision,
    graph: &[&'static Revision],
) -> Result<Vec<&'static Revision>, Vec<String>> {
    fn visit(
        r: &'static Revision,
        graph: &[&'static Revision],
        visiting: &mut Vec<&'static str>,
        out: &mut Vec<&'static Revision>,
    ) -> Result<(), Vec<String>> {
        if out.iter().any(|o| o.id == r.id) {
            return Ok(());
        }
        if let Some(at) = visiting.iter().position(|v| *v == r.id) {
            return Err(visiting[at..].iter().map(|s| (*s).to_owned()).collect());
        }
        visiting.push(r.id);
        for parent in r.parents() {
            if let Some(p) = graph.iter().find(|g| g.id == parent) {
                visit(p, graph, visiting, out)?;
            }
        }
        visiting.pop();
        out.push(r);
        Ok(())
    }
    let mut out = Vec::with_capacity(graph.len());
    visit(head, graph, &mut Vec::new(), &mut out)?;
    Ok(out)
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
            if r.id.contains(MERGE_SEPARATOR) {
                return Err(ChainError::BadId(r.id.to_owned()));
            }
        }
        let squashes: Vec<&'static Revision> = revisions
            .iter()
            .filter(|r| r.squashes().is_some())
            .collect();
        if let Some(second) = squashes.get(1) {
            return Err(ChainError::Squash {
                revision: second.id.to_owned(),
                problem: format!("a chain has one squash, and `{}` is one", squashes[0].id),
            });
        }
        let graph: Vec<&'static Revision> = revisions
            .iter()
            .filter(|r| r.squashes().is_none())
            .collect();
        for r in &graph {
            if let Some(parent) = r.parents().find(|p| !graph.iter().any(|o| o.id == *p)) {
                return Err(ChainError::MissingParent {
                    revision: r.id.to_owned(),
                    parent: parent.to_owned(),
                });
            }
        }
        let bases: Vec<String> = graph
            .iter()
            .filter(|r| r.parent.is_none())
            .map(|r| r.id.to_owned())
            .collect();
        if bases.len() > 1 {
            return Err(ChainError::SeveralBases(bases));
        }
        let tops = heads(revisions);
        if tops.len() > 1 {
            return Err(ChainError::SeveralHeads {
                heads: tops.iter().map(|h| (*h).to_owned()).collect(),
            });
        }
        let everything = || graph.iter().map(|r| r.id.to_owned()).collect();
        let Some(head) = tops.first().and_then(|h| graph.iter().find(|r| r.id == *h)) else {
            return Err(ChainError::Cycle(everything()));
        };
        let ordered = parents_first(head, &graph).map_err(ChainError::Cycle)?;
        if ordered.len() != graph.len() || bases.is_empty() {
            let stranded = graph
                .iter()
                .filter(|r| !ordered.iter().any(|o| o.id == r.id))
                .map(|r| r.id.to_owned())
                .collect();
            return Err(ChainError::Cycle(stranded));
        }
        let squash = match squashes.first() {
            Some(s) => Some(Chain::check_squash(s, &ordered)?),
            None => None,
        };
        let mut chain = Chain {
            revisions: ordered.clone(),
            graph: ordered,
            squash,
            through_squash: false,
        };
        chain.take_path(true);
        Ok(chain)
    }

    fn check_squash(
        s: &'static Revision,
        graph: &[&'static Revision],
    ) -> Result<Squash, ChainError> {
        let problem = |problem: String| ChainError::Squash {
            revision: s.id.to_owned(),
            problem,
        };
        if s.parent.is_some() {
            return Err(problem(
                "a squash has no parent (it starts new databases)".into(),
            ));
        }
        let through = s.squashes().unwrap_or_default();
        if !graph.iter().any(|r| r.id == through) {
            return Err(problem(format!(
                "it squashes `{through}`, which is not in the chain"
            )));
        }
        let replaced = lineage(graph, through);
        for r in graph.iter().filter(|r| !replaced.contains(r.id)) {
            if let Some(p) = r.parents().find(|p| replaced.contains(p) && *p != through) {
                return Err(problem(format!(
                    "revision `{}` has parent `{p}`, which it replaces: after a squash of `{through}`, only `{through}` may be a parent",
                    r.id
                )));
            }
        }
        Ok(Squash {
            revision: s,
            through,
            replaced,
        })
    }

    /// Orders the chain through the squash (new databases) or through the revisions it
    /// replaces (databases that applied them).
    pub(super) fn take_path(&mut self, through_squash: bool) {
        self.through_squash = through_squash && self.squash.is_some();
        self.revisions = match (&self.squash, self.through_squash) {
            (Some(s), true) => std::iter::once(s.revision)
                .chain(
                    self.graph
                        .iter()
                        .copied()
                        .filter(|r| !s.replaced.contains(r.id)),
                )
                .collect(),
            _ => self.graph.clone(),
        };
    }

    /// The revisions, first to head.
    pub fn revisions(&self) -> &[&'static Revision] {
        &self.revisions
    }

    /// Every revision given, the ones a squash replaces and the squash too.
    pub fn every_revision(&self) -> Vec<&'static Revision> {
        let mut every = self.graph.clone();
        every.extend(self.squash.as_ref().map(|s| s.revision));
        every
    }

    /// Whether the chain is one line of revisions: no merge, no squash.
    pub fn is_linear(&self) -> bool {
        self.squash.is_none() && self.graph.iter().all(|r| r.parents().count() <= 1)
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
        let Some(last) = upto else {
            return Ok(SchemaState::default());
        };
        replay_revisions(self.revisions.iter().take(last + 1).copied())
    }

    /// The schema at the head revision.
    pub fn replay_all(&self) -> Result<SchemaState, ReplayError> {
        self.replay(Some(self.revisions.len() - 1))
    }

    /// The schema at revision `id`: it and its ancestors replayed, through the revisions a
    /// squash replaces (what `revision --squash` freezes). `None` for an id not in the chain.
    pub fn replay_lineage(&self, id: &str) -> Option<Result<SchemaState, ReplayError>> {
        let mut old = self.clone();
        old.take_path(false);
        old.get(id)?;
        let lineage = old.ancestry(id);
        Some(replay_revisions(
            old.revisions
                .iter()
                .copied()
                .filter(|r| lineage.contains(r.id)),
        ))
    }
}

fn replay_revisions(
    revisions: impl Iterator<Item = &'static Revision>,
) -> Result<SchemaState, ReplayError> {
    let mut state = SchemaState::default();
    for revision in revisions {
        state.apply_all(revision.up).map_err(|source| ReplayError {
            revision: revision.id.to_owned(),
            source,
        })?;
    }
    Ok(state)
}
