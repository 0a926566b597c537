//! Imported by `schema import` from the live database: one struct per table, as its
//! catalog has it. From now on this file is the schema: edit it, then write the next
//! revision with `revision --autogenerate`.

// Clippy reads two `#[index(.., unique)]` as one attribute given twice
// (rust-lang/rust-clippy#12923).
#![allow(clippy::duplicated_attributes)]

use schema_core::Table;

// FINDING: the primary key column id is not NOT NULL (SQLite lets a NULL into a key that is not an
//   INTEGER rowid): rows can share a NULL key; declared NOT NULL
#[derive(Table)]
pub struct Owner {
    #[column(primary_key)]
    pub id: Vec<u8>,
    #[column(sql_type = "TEXT")]
    pub name: String,
}

// FINDING: the foreign key (owner_id) is ON DELETE SET NULL on a NOT NULL column: deleting the
//   referenced row fails instead of clearing it; declared NO ACTION
#[derive(Table)]
pub struct Pet {
    #[column(primary_key, identity)]
    pub id: i32,
    #[foreign_key(references = Owner::id, name = "pet_owner_id_fkey")]
    pub owner_id: Vec<u8>,
}

schema_core::schema! {
    /// The imported tables, in dependency order.
    pub const SCHEMA = [Owner, Pet];
}
