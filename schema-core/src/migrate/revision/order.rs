//! A chain arranged for one database: a chain with merges or a squash runs, on each
//! database, in an order that puts what it has applied first, so positions count as on a line.

use std::collections::HashSet;

use super::{Chain, Revision};
use crate::migrate::MigrateError;

/// What a verb arranges the chain for (see [`Chain::arranged`]).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Toward<'a> {
    /// The database as it is.
    Applied,
    /// Up to a target (`head` or an id): its ancestors come right after what is applied.
    Up(&'a str),
    /// Down to a target (`base` or an id): what stays comes first.
    Down(&'a str),
    /// Recording a target: its ancestors first, whatever is applied.
    Stamp(&'a str),
}

impl Chain {
    /// The parents of `revision` on this chain's path (through a squash, the squash stands
    /// for the revision it squashes).
    pub fn parents_of(&self, revision: &Revision) -> Vec<&'static str> {
        revision
            .parents()
            .map(|p| match &self.squash {
                Some(s) if self.through_squash && s.replaced.contains(p) => s.revision.id,
                _ => p,
            })
            .collect()
    }

    /// `id` and every revision before it on this chain's path.
    pub(super) fn ancestry(&self, id: &str) -> HashSet<&'static str> {
        let mut found = HashSet::new();
        let mut todo: Vec<&'static str> = self.get(id).map(|r| r.id).into_iter().collect();
        while let Some(next) = todo.pop() {
            if let Some(r) = self.get(next) {
                if found.insert(r.id) {
                    todo.extend(self.parents_of(r));
                }
            }
        }
        found
    }

    /// The applied revisions no applied revision descends from: the database's revision on
    /// each branch.
    pub fn applied_heads(&self, applied: &[&str]) -> Vec<&'static str> {
        let done = |id: &str| applied.contains(&id);
        self.revisions
            .iter()
            .filter(|r| done(r.id))
            .filter(|r| {
                !self
                    .revisions
                    .iter()
                    .any(|c| done(c.id) && self.parents_of(c).contains(&r.id))
            })
            .map(|r| r.id)
            .collect()
    }

    /// The chain in the order a database with `applied` revisions runs it toward `toward`:
    /// the path it is on (through a squash or through what it replaces), what is applied
    /// first (so positions count as on a line), then what the verb reaches, then the rest.
    /// Refuses applied revisions whose parents are not.
    pub(crate) fn arranged(
        &self,
        applied: &[&str],
        toward: Toward<'_>,
    ) -> Result<Chain, MigrateError> {
        let mut chain = self.clone();
        if let Some(s) = &self.squash {
            let old: Vec<&str> = applied
                .iter()
                .copied()
                .filter(|a| s.replaced.contains(a))
                .collect();
            // A new database takes the squash, unless the verb's target is one it replaces.
            let squashed = applied.contains(&s.revision.id);
            let old_path = match toward {
                Toward::Stamp(target) => s.replaced.contains(target),
                Toward::Up(target) => !old.is_empty() || (!squashed && s.replaced.contains(target)),
                _ => !old.is_empty(),
            };
            if !old.is_empty() && squashed {
                return Err(MigrateError::Inconsistent {
                    missing: format!(
                        "{} (the squash stands for {} and before)",
                        s.revision.id, s.through
                    ),
                    later: old.join(", "),
                });
            }
            chain.take_path(!old_path);
        }
        let done: HashSet<&str> = applied
            .iter()
            .copied()
            .filter(|a| chain.position(a).is_some())
            .collect();
        if !matches!(toward, Toward::Stamp(_)) {
            for r in chain.revisions.iter().filter(|r| done.contains(r.id)) {
                if let Some(p) = chain.parents_of(r).into_iter().find(|p| !done.contains(p)) {
                    return Err(MigrateError::Inconsistent {
                        missing: p.to_owned(),
                        later: r.id.to_owned(),
                    });
                }
            }
        }
        let reach = |target: &str| match target {
            "head" => chain.ancestry(chain.head().id),
            "base" => HashSet::new(),
            id => chain.ancestry(id),
        };
        let (first, second): (HashSet<&str>, HashSet<&str>) = match toward {
            Toward::Applied => (done.clone(), HashSet::new()),
            Toward::Up(target) => (done.clone(), reach(target)),
            Toward::Down(target) => (&reach(target) & &done, done.clone()),
            Toward::Stamp(target) => (reach(target), HashSet::new()),
        };
        // A stable sort: within each group, parents still come first.
        let mut revisions = chain.revisions.clone();
        revisions.sort_by_key(|r| {
            if first.contains(r.id) {
                0
            } else if second.contains(r.id) {
                1
            } else {
                2
            }
        });
        chain.revisions = revisions;
        Ok(chain)
    }
}
