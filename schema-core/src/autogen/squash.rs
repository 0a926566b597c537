//! `revision --squash UPTO`: one baseline revision equal to the chain replayed at UPTO (it and
//! its ancestors), frozen like import's baseline and marked [`Step::Squashes`], that new
//! databases run instead of the revisions it stands for. Databases that applied those keep
//! them: the runner recognises them and goes on from where they are.

use super::diff;
use super::revision::{check_id, write_file, NewRevision, RevisionError, Written};
use crate::migrate::{Chain, Revision, Step};
use crate::model::SchemaState;

/// Writes the squash of `revisions` through `upto`.
pub(super) fn write_squash(
    request: &NewRevision<'_>,
    revisions: &'static [Revision],
    upto: &str,
) -> Result<Written, RevisionError> {
    let chain = Chain::new(revisions)?;
    if let Some(existing) = revisions.iter().find(|r| r.squashes().is_some()) {
        return Err(RevisionError::AlreadySquashed(existing.id.to_owned()));
    }
    let through = chain
        .get(upto)
        .ok_or_else(|| RevisionError::UnknownRevision(upto.to_owned()))?;
    let state = chain
        .replay_lineage(through.id)
        .ok_or_else(|| RevisionError::UnknownRevision(upto.to_owned()))??;
    let mut planned = diff(&SchemaState::default(), &state);
    planned.up.insert(
        0,
        Step::Squashes {
            through: through.id,
        },
    );
    // What a state replay does not keep: raw SQL (data, views, triggers) in what it replaces.
    let lineage = crate::migrate::lineage(chain.revisions(), through.id);
    for revision in chain.revisions().iter().filter(|r| lineage.contains(r.id)) {
        for step in revision.up.iter().filter(|s| matches!(s, Step::Sql(_))) {
            planned.notes.push(format!(
                "revision {} runs raw SQL ({}), which the squash does not carry: copy it in if new databases need it",
                revision.id,
                step.describe()
            ));
        }
    }
    let id = match request.id {
        Some(id) => id.to_owned(),
        None => format!("{}_squash", through.id),
    };
    check_id(&id, revisions)?;
    write_file(request, &id, None, &planned)
}
