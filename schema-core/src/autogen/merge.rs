//! `revision --merge`: one revision joining the chain's heads, written only when the
//! branches it joins do not touch the same things in ways that cannot both hold: both add (or
//! change, or drop) the same column, one drops or renames a table the other changes, both
//! create the same table or name the same index or constraint. Reported before anything
//! runs; each branch is the revisions one head has and the others do not.

use std::fmt;

use super::revision::{check_id, next_id, write_file, NewRevision, RevisionError, Written};
use super::Diff;
use crate::migrate::{heads, lineage, Revision, Step, MERGE_SEPARATOR};

/// What a step does to a table: the table, and the part of it (`None`: the whole table).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Touch {
    table: &'static str,
    part: Option<String>,
    whole: Whole,
    revision: &'static str,
    what: String,
}

/// How a step touches a whole table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Whole {
    /// Creates, drops or renames it.
    Replaces,
    /// Changes a part of it.
    Changes,
}

/// Two branches that cannot both be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeConflict {
    /// The table.
    pub table: String,
    /// The column, index or constraint (`None`: the table itself).
    pub part: Option<String>,
    /// One branch's revision and what it does.
    pub ours: (String, String),
    /// The other's.
    pub theirs: (String, String),
}

impl fmt::Display for MergeConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.part {
            Some(part) => format!("{}.{part}", self.table),
            None => format!("table {}", self.table),
        };
        write!(
            f,
            "both branches touch {what}: revision {} ({}) and revision {} ({})",
            self.ours.0, self.ours.1, self.theirs.0, self.theirs.1
        )
    }
}

fn touches(revision: &'static Revision) -> Vec<Touch> {
    let mut out = Vec::new();
    let mut add = |table: &'static str, part: Option<String>, whole: Whole, step: &Step| {
        out.push(Touch {
            table,
            part,
            whole,
            revision: revision.id,
            what: step.describe(),
        })
    };
    for step in revision.up {
        match *step.plain() {
            Step::CreateTable(t) => add(t.name, None, Whole::Replaces, step),
            Step::DropTable { table } => add(table, None, Whole::Replaces, step),
            Step::RenameTable { from, to } => {
                add(from, None, Whole::Replaces, step);
                add(to, None, Whole::Replaces, step);
            }
            Step::AddColumn { table, column } => {
                add(table, Some(column.name.to_owned()), Whole::Changes, step)
            }
            Step::DropColumn { table, column, .. } | Step::AlterColumn { table, column, .. } => {
                add(table, Some(column.to_owned()), Whole::Changes, step)
            }
            Step::RenameColumn { table, from, to } => {
                add(table, Some(from.to_owned()), Whole::Changes, step);
                add(table, Some(to.to_owned()), Whole::Changes, step);
            }
            Step::CreateIndex { table, index } => add(
                table,
                Some(format!("index {}", index.name)),
                Whole::Changes,
                step,
            ),
            Step::DropIndex { table, name, .. } => {
                add(table, Some(format!("index {name}")), Whole::Changes, step)
            }
            Step::AddUnique { table, unique } => add(
                table,
                Some(format!("constraint {}", unique.name)),
                Whole::Changes,
                step,
            ),
            Step::AddForeignKey { table, foreign_key } => add(
                table,
                Some(format!("constraint {}", foreign_key.name)),
                Whole::Changes,
                step,
            ),
            Step::AddCheck { table, check } => add(
                table,
                Some(format!("constraint {}", check.name)),
                Whole::Changes,
                step,
            ),
            Step::DropUnique { table, name }
            | Step::DropForeignKey { table, name }
            | Step::DropCheck { table, name } => add(
                table,
                Some(format!("constraint {name}")),
                Whole::Changes,
                step,
            ),
            Step::SetTableComment { table, .. } => {
                add(table, Some("comment".to_owned()), Whole::Changes, step)
            }
            _ => {}
        }
    }
    out
}

/// Whether `a` and `b`, on two branches, cannot both hold.
fn clash(a: &Touch, b: &Touch) -> bool {
    a.table == b.table
        && (a.whole == Whole::Replaces || b.whole == Whole::Replaces || a.part == b.part)
}

/// The heads `revisions` has, and what their branches do that cannot be merged.
pub fn merge_conflicts(revisions: &'static [Revision]) -> (Vec<&'static str>, Vec<MergeConflict>) {
    let tops = heads(revisions);
    let all: Vec<&'static Revision> = revisions
        .iter()
        .filter(|r| r.squashes().is_none())
        .collect();
    let lineages: Vec<_> = tops.iter().map(|h| lineage(&all, h)).collect();
    let branch = |i: usize| -> Vec<Touch> {
        // Its own: this head has them and some other head does not.
        all.iter()
            .filter(|r| lineages[i].contains(r.id))
            .filter(|r| {
                !lineages
                    .iter()
                    .enumerate()
                    .all(|(j, other)| j == i || other.contains(r.id))
            })
            .flat_map(|r| touches(r))
            .collect()
    };
    let branches: Vec<Vec<Touch>> = (0..tops.len()).map(branch).collect();
    let mut conflicts = Vec::new();
    for i in 0..branches.len() {
        for j in i + 1..branches.len() {
            for a in &branches[i] {
                for b in branches[j]
                    .iter()
                    .filter(|b| b.revision != a.revision && clash(a, b))
                {
                    let conflict = MergeConflict {
                        table: a.table.to_owned(),
                        part: if a.whole == Whole::Replaces || b.whole == Whole::Replaces {
                            None
                        } else {
                            a.part.clone()
                        },
                        ours: (a.revision.to_owned(), a.what.clone()),
                        theirs: (b.revision.to_owned(), b.what.clone()),
                    };
                    if !conflicts.contains(&conflict) {
                        conflicts.push(conflict);
                    }
                }
            }
        }
    }
    (tops, conflicts)
}

/// Writes the merge revision of `revisions`' heads: no steps, its parents the heads joined
/// with `+`; refused when there is one head, or the branches conflict.
pub(super) fn write_merge(
    request: &NewRevision<'_>,
    revisions: &'static [Revision],
) -> Result<Written, RevisionError> {
    let (tops, conflicts) = merge_conflicts(revisions);
    if tops.len() < 2 {
        return Err(RevisionError::NothingToMerge(
            tops.first().map(|h| (*h).to_owned()),
        ));
    }
    if !conflicts.is_empty() {
        return Err(RevisionError::MergeConflicts(conflicts));
    }
    let id = match request.id {
        Some(id) => id.to_owned(),
        None => {
            after_heads(&tops).ok_or_else(|| RevisionError::HeadNotNumbered(tops.join(", ")))?
        }
    };
    check_id(&id, revisions)?;
    let parent = tops.join(&MERGE_SEPARATOR.to_string());
    write_file(request, &id, Some(&parent), &Diff::default())
}

/// The id after the highest numbered head: `005a`, `006` -> `007` (the number a head's id
/// starts with).
fn after_heads(tops: &[&str]) -> Option<String> {
    let numbered = tops
        .iter()
        .map(|h| h.bytes().take_while(u8::is_ascii_digit).count())
        .zip(tops)
        .filter(|(digits, _)| *digits > 0)
        .map(|(digits, h)| &h[..digits])
        .max_by_key(|n| (n.len(), n.to_string()))?;
    next_id(Some(numbered))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_is_numbered_after_its_highest_head() {
        assert_eq!(after_heads(&["005a", "006"]).as_deref(), Some("007"));
        assert_eq!(after_heads(&["009b", "010a"]).as_deref(), Some("011"));
        assert_eq!(after_heads(&["x", "y"]), None);
    }
}
