//! What a foreign key may reference, judged at compile time against the target's `DEF`.
//!
//! The type half of the check, `ColumnRef` and `ForeignKeyType`, lives in `__private.rs`
//! itself: see there.

use super::const_text::list_eq;
use crate::model::TableDef;

/// `columns` are, in this order, the table's primary key, a unique constraint or a unique
/// index: what a foreign key may reference.
///
/// Anything may reference the stub of a table whose derive failed ([`TableDef::is_stub`]),
/// so its one error is not joined by others.
pub const fn is_referenceable_key(table: &TableDef, columns: &[&str]) -> bool {
    if table.is_stub() {
        return true;
    }
    if list_eq(table.primary_key.columns, columns) {
        return true;
    }
    let mut i = 0;
    while i < table.uniques.len() {
        if list_eq(table.uniques[i].columns, columns) {
            return true;
        }
        i += 1;
    }
    let mut i = 0;
    while i < table.indexes.len() {
        if table.indexes[i].unique && list_eq(table.indexes[i].columns, columns) {
            return true;
        }
        i += 1;
    }
    false
}
