//! The data model: what a table, a column, an index, a constraint, a schema, a migration step
//! and a replayed schema state are.
//!
//! Every type here is plain data, most of it `'static` so that `#[derive(Table)]` can build a
//! whole [`TableDef`] as a `const` and a revision's steps are `const` too. This is the first
//! layer: it imports nothing else of the crate. Rendering it into SQL is the job of
//! [`crate::dialect`].

mod check;
mod enums;
mod index;
mod object;
mod schema;
pub mod state;
mod step;
mod table;
mod types;

pub use check::CheckDef;
pub use enums::EnumDef;
pub use index::{IndexDef, IndexMethod};
pub use object::{DialectSet, Object, ObjectKind};
pub use schema::{CreationOrder, Schema};
pub use state::{KnownObject, SchemaState, StateError, TableState};
pub use step::{create_table_with_indexes, ColumnChange, RawSql, Step};
pub use table::{
    qualified, ColumnDef, ForeignKeyDef, PrimaryKeyDef, ReferentialAction, TableDef, TableView,
    UniqueDef,
};
pub use types::{bool_text, DefaultValue, DialectText, Identity, IdentityKind, OnUpdate, SqlType};
