//! A schema that is only migrated and checked: schema-core without the feature `rows`, so the
//! derives emit no sqlx impls (the cheaper build; see the README's "Compile cost").
//!
//!     cargo run -p schema-core --example schema_only
//!
//! Run alone, schema-core has its default features and the example checks that `Note` has no
//! `BindRow`. In `cargo test --workspace` the tests crate turns `rows` on for everyone, and the
//! example checks the opposite: the feature decides, nothing else.

use std::marker::PhantomData;

use schema_core::{BindRow, Dialect, SqlEnum, Table};

/// A note's state.
#[derive(SqlEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteState {
    /// Being written.
    Draft,
    /// Shown to readers.
    Published,
}

/// A note.
#[derive(Table, Debug)]
#[table(name = "note")]
pub struct Note {
    #[column(primary_key)]
    pub id: i64,
    pub body: String,
    pub state: NoteState,
}

schema_core::schema! {
    /// The example's schema.
    pub const NOTES = [Note];
}

/// Whether `T` implements `BindRow` for SQLite, read at compile time: the inherent `BINDS`
/// exists only when the bound holds, and otherwise the trait's `false` is found instead.
struct Probe<T>(PhantomData<T>);

// Unused where the bound holds (with `rows`).
#[allow(dead_code)]
trait DoesNotBind {
    const BINDS: bool = false;
}

impl<T> DoesNotBind for Probe<T> {}

impl<T: for<'q> BindRow<'q, sqlx::Sqlite>> Probe<T> {
    // Unused where the bound fails (without `rows`).
    #[allow(dead_code)]
    const BINDS: bool = true;
}

fn main() {
    let expected = cfg!(feature = "rows");
    assert_eq!(
        Probe::<Note>::BINDS,
        expected,
        "the row impls follow the feature `rows` (on: {expected})"
    );
    assert_eq!(NOTES.tables.len(), 1);
    match Note::create_sql(Dialect::Sqlite) {
        Ok(statements) => statements.iter().for_each(|s| println!("{s};")),
        Err(error) => panic!("{error}"),
    }
    println!("-- rows: {}", if expected { "on" } else { "off" });
}
