//! `revision [--autogenerate]`: names the revision after the chain's head, plans it (the diff
//! between the replayed chain and the models), and writes it as `m<id>.rs`. Nothing here
//! prints: the CLI reports what [`write_revision`] returns.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::codegen::revision_source;
use super::{diff_with, Diff, DiffOptions};
use crate::migrate::{Chain, ChainError, ReplayError, Revision};
use crate::model::{Schema, SchemaState};

/// What `revision` was asked for.
#[derive(Debug, Clone, Copy)]
pub struct NewRevision<'a> {
    /// Fill it with the difference between the chain and the models.
    pub autogenerate: bool,
    /// Its message.
    pub message: &'a str,
    /// Where to write `m<id>.rs`.
    pub dir: &'a Path,
    /// Its id, if given.
    pub id: Option<&'a str>,
    /// Write the steps on existing tables in their online form ([`super::DiffOptions`]).
    pub online: bool,
    /// Write a merge revision of the chain's heads instead (see [`super::merge`]).
    pub merge: bool,
    /// Write a squash of this revision and every one before it instead (see
    /// [`super::squash`]).
    pub squash: Option<&'a str>,
}

/// What [`write_revision`] did.
#[derive(Debug, Clone)]
pub enum Written {
    /// The chain already builds the models: nothing written.
    NoChanges {
        /// The chain's head (`None`: an empty chain).
        at: Option<&'static str>,
    },
    /// A revision file was written.
    Revision {
        /// Its id.
        id: String,
        /// Its parent (`None`: the first revision, or a squash; a merge's parents joined with
        /// `+`).
        parent: Option<String>,
        /// The module name (`m005`).
        module: String,
        /// The file.
        path: PathBuf,
        /// Its steps (empty without `autogenerate`) and notes.
        diff: Diff,
    },
}

/// Why `revision` cannot name or write the new revision.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RevisionError {
    /// The chain is broken.
    #[error("broken migration chain: {0}")]
    Chain(#[from] ChainError),
    /// The chain's steps do not replay.
    #[error(transparent)]
    Replay(#[from] ReplayError),
    /// The head's id is not a number to count on from.
    #[error("the head revision `{0}` is not a number: give the new one an id with --id")]
    HeadNotNumbered(String),
    /// The id cannot name a module.
    #[error("the id `{0}` is not usable in a module name (`m{0}`): use letters, digits and `_`")]
    BadId(String),
    /// The id is taken.
    #[error("the chain already has a revision `{0}`")]
    Taken(String),
    /// Autogenerate without the models.
    #[error("--autogenerate needs the models: pass the schema to `cli::execute`")]
    NoModels,
    /// `--merge` on a chain with one head.
    #[error("nothing to merge: the chain has one head ({})", .0.as_deref().unwrap_or("none"))]
    NothingToMerge(Option<String>),
    /// The branches a merge would join conflict.
    #[error("the branches cannot be merged as they are; nothing written:\n{}", .0.iter().map(|c| format!("  {c}")).collect::<Vec<_>>().join("\n"))]
    MergeConflicts(Vec<super::merge::MergeConflict>),
    /// `--squash` on a chain that has a squash.
    #[error("the chain has a squash already (`{0}`): a chain has one")]
    AlreadySquashed(String),
    /// A revision id the chain does not have.
    #[error("the chain has no revision `{0}`")]
    UnknownRevision(String),
    /// The file exists.
    #[error("{} exists: not overwriting it (pass another --id, or remove the file)", .0.display())]
    Exists(PathBuf),
    /// Writing the file failed.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// The id after `parent`: `004` -> `005` (the width kept), `9` -> `10`; `None` when it is not a
/// number. The first revision is `001`.
pub fn next_id(parent: Option<&str>) -> Option<String> {
    let Some(parent) = parent else {
        return Some("001".to_owned());
    };
    if parent.is_empty() || !parent.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let next = parent.parse::<u128>().ok()?.checked_add(1)?;
    Some(format!("{next:0width$}", width = parent.len()))
}

/// Names, plans and writes the next revision (never over an existing file). With
/// `autogenerate` and nothing to change, writes nothing.
pub fn write_revision(
    request: &NewRevision<'_>,
    revisions: &'static [Revision],
    schema: Option<&Schema>,
) -> Result<Written, RevisionError> {
    if request.merge {
        return super::merge::write_merge(request, revisions);
    }
    if let Some(upto) = request.squash {
        return super::squash::write_squash(request, revisions, upto);
    }
    // An empty list is a chain yet to start; anything else must be a valid chain.
    let chain = if revisions.is_empty() {
        None
    } else {
        Some(Chain::new(revisions)?)
    };
    let parent = chain.as_ref().map(|c| c.head().id);
    let id = revision_id(request, chain.as_ref())?;
    let planned = if request.autogenerate {
        let schema = schema.ok_or(RevisionError::NoModels)?;
        let replayed = match &chain {
            Some(chain) => chain.replay_all()?,
            None => SchemaState::default(),
        };
        let options = DiffOptions {
            online: request.online,
        };
        let planned = diff_with(&replayed, &SchemaState::from_schema(schema), options);
        if planned.is_empty() {
            return Ok(Written::NoChanges { at: parent });
        }
        planned
    } else {
        Diff::default()
    };
    write_file(request, &id, parent, &planned)
}

/// Writes revision `id` as `m<id>.rs` in the request's directory.
pub(super) fn write_file(
    request: &NewRevision<'_>,
    id: &str,
    parent: Option<&str>,
    planned: &Diff,
) -> Result<Written, RevisionError> {
    let module = format!("m{id}");
    let path = request.dir.join(format!("{module}.rs"));
    let source = revision_source(id, parent, request.message, planned);
    create_new(&path, &source)?;
    Ok(Written::Revision {
        id: id.to_owned(),
        parent: parent.map(str::to_owned),
        module,
        path,
        diff: planned.clone(),
    })
}

/// An id usable in a module name and not taken by any of `revisions`.
pub(super) fn check_id(id: &str, revisions: &[Revision]) -> Result<(), RevisionError> {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(RevisionError::BadId(id.to_owned()));
    }
    if revisions.iter().any(|r| r.id == id) {
        return Err(RevisionError::Taken(id.to_owned()));
    }
    Ok(())
}

/// The new revision's id: the one asked for, or the one after the head; usable and not taken.
fn revision_id(request: &NewRevision<'_>, chain: Option<&Chain>) -> Result<String, RevisionError> {
    let parent = chain.map(|c| c.head().id);
    let id = match request.id {
        Some(id) => id.to_owned(),
        None => next_id(parent)
            .ok_or_else(|| RevisionError::HeadNotNumbered(parent.unwrap_or_default().to_owned()))?,
    };
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(RevisionError::BadId(id));
    }
    if chain.is_some_and(|c| c.get(&id).is_some()) {
        return Err(RevisionError::Taken(id));
    }
    Ok(id)
}

/// Writes `source` to a new file at `path`.
fn create_new(path: &Path, source: &str) -> Result<(), RevisionError> {
    let io = |source| RevisionError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => RevisionError::Exists(path.to_owned()),
            _ => io(e),
        })?;
    file.write_all(source.as_bytes()).map_err(io)
}
