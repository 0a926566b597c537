//! The data model: what a table, a column, an index, a constraint and a schema are.
//!
//! Every type here is plain `'static` data so that `#[derive(Table)]` can build a whole
//! [`TableDef`] as a `const`; rendering it into SQL is the job of [`crate::dialect`].

mod enums;
mod schema;
mod table;
mod types;

pub use enums::EnumDef;
pub use schema::Schema;
pub use table::{
    ColumnDef, ForeignKeyDef, IndexDef, PrimaryKeyDef, ReferentialAction, TableDef, UniqueDef,
};
pub use types::{bool_text, DefaultValue, SqlType};
