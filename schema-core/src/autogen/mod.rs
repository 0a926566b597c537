//! Autogenerate: the steps from one schema state to another, both ways.
//!
//! [`diff`] compares two [`SchemaState`]s (typically the migration chain replayed, and
//! [`SchemaState::from_schema`] of the models) and plans the [`Step`]s that take the first to
//! the second (`up`) and back (`down`). [`codegen::revision_source`] writes them
//! out as a revision file to review and commit.
//!
//! ```
//! use schema_core::autogen::diff;
//! use schema_core::model::SchemaState;
//! use schema_core::migrate::Step;
//! use schema_core::Table;
//!
//! #[derive(Table)]
//! #[table(name = "tags")]
//! pub struct Tag {
//!     #[column(primary_key)]
//!     pub id: i64,
//!     #[index]
//!     pub label: String,
//! }
//!
//! schema_core::schema! {
//!     /// The models.
//!     pub const APP = [Tag];
//! }
//!
//! let d = diff(&SchemaState::default(), &SchemaState::from_schema(&APP));
//! assert!(matches!(d.up[0], Step::CreateTable(t) if t.name == "tags"));
//! assert!(matches!(d.up[1], Step::CreateIndex { .. }));
//! assert_eq!(d.down, [Step::DropTable { table: "tags" }]);
//! ```
//!
//! What it does not do:
//! - guess renames: a table or column that disappears while a similar one appears is a drop
//!   and an add (which loses the data), with a note saying how to write the rename instead;
//! - change a primary key (it says so in a note: write those steps by hand);
//! - keep column order: `ADD COLUMN` appends, and column order is not part of what it compares
//!   (see [`SchemaState::normalized`]).
//!
//! The layer has three parts: `plan/` (the planner that orders steps so they apply on
//! every dialect), [`codegen`] (a [`Diff`] as a frozen revision's Rust source) and `revision.rs`
//! (naming, replaying and writing the next revision file, for `revision --autogenerate`).

pub mod codegen;
pub mod merge;
mod plan;
mod revision;
mod squash;

pub use revision::{next_id, write_revision, NewRevision, RevisionError, Written};

use crate::model::SchemaState;
use crate::model::Step;

/// The steps between two schema states.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// From the first state to the second.
    pub up: Vec<Step>,
    /// From the second state back to the first.
    pub down: Vec<Step>,
    /// What a reviewer should know: possible renames, steps that fail on a table with rows,
    /// changes autogenerate cannot express. Notes on `down` start with `down: `.
    pub notes: Vec<String>,
}

impl Diff {
    /// No change either way.
    pub fn is_empty(&self) -> bool {
        self.up.is_empty() && self.down.is_empty()
    }
}

/// The steps that take `from` to `to` (`up`) and `to` back to `from` (`down`), in an order that
/// applies on every dialect: foreign keys are dropped before what they reference and added after
/// it, tables are created in dependency order, indexes and constraints go before the columns
/// they cover and come after them.
///
/// Replaying `up` on `from` gives a state whose [`SchemaState::normalized`] form equals `to`'s
/// (and `down` on `to` gives `from`), unless a note says a change could not be expressed.
///
/// External tables (`#[table(external)]`) are not the chain's to change, and the objects raw
/// SQL steps made are not the models' to declare: both sides keep `from`'s objects.
pub fn diff(from: &SchemaState, to: &SchemaState) -> Diff {
    diff_with(from, to, DiffOptions::default())
}

/// How [`diff_with`] writes the steps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Each step that has an online form and works on a table already there (one that may
    /// be big) is written as [`Step::Online`]: indexes, foreign keys, checks, unique
    /// constraints, SET NOT NULL. Steps on a table the revision creates stay plain.
    pub online: bool,
}

/// [`diff`], written as `options` say.
pub fn diff_with(from: &SchemaState, to: &SchemaState, options: DiffOptions) -> Diff {
    let mut planned = plain_diff(from, to);
    if options.online {
        planned.up = online_steps(planned.up, from);
        planned.down = online_steps(planned.down, to);
    }
    planned
}

/// Each step of `steps` that has an online form and is on a table of `start`, as
/// [`Step::Online`]. The wrapped steps are leaked: a diff is made once per `revision` run.
fn online_steps(steps: Vec<Step>, start: &SchemaState) -> Vec<Step> {
    use crate::model::ColumnChange;
    steps
        .into_iter()
        .map(|step| {
            let table = match step {
                Step::CreateIndex { table, .. }
                | Step::DropIndex { table, .. }
                | Step::AddForeignKey { table, .. }
                | Step::AddCheck { table, .. }
                | Step::AddUnique { table, .. }
                | Step::AlterColumn {
                    table,
                    change: ColumnChange::SetNullable(false),
                    ..
                } => table,
                _ => return step,
            };
            if start.table(table).is_some() {
                Step::Online(Box::leak(Box::new(step)))
            } else {
                step
            }
        })
        .collect()
}

fn plain_diff(from: &SchemaState, to: &SchemaState) -> Diff {
    let from = from.owned();
    let mut to = to.owned();
    to.objects.clone_from(&from.objects);
    let (up, mut notes) = plan::Planner::new(&from, &to, false).run();
    let (down, down_notes) = plan::Planner::new(&to, &from, true).run();
    notes.extend(down_notes.into_iter().map(|n| format!("down: {n}")));
    Diff { up, down, notes }
}
