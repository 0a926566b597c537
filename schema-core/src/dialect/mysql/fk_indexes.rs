//! The index InnoDB needs for every foreign key. MySQL creates one, named after the key, when no
//! index serves the key; refuses to drop the only index that serves one; and keeps an index it
//! made after the key goes. These rules keep a migrated table's indexes equal to those of a
//! table created with the same declaration.

use crate::dialect::Dialect;
use crate::model::{SchemaState, TableState};

/// Whether MySQL has an index to serve a foreign key on `columns`: the primary key, a unique
/// constraint or an index (but `except`) whose columns start with them, in order. Without one,
/// MySQL creates an index named after the key.
fn has_usable_index(table: &TableState, columns: &[&str], except: Option<&str>) -> bool {
    let serves = |name: &str, cols: &[&str]| Some(name) != except && cols.starts_with(columns);
    serves(table.primary_key.name, table.primary_key.columns)
        || table.uniques.iter().any(|u| serves(u.name, u.columns))
        || table.indexes.iter().any(|i| serves(i.name, i.columns))
}

/// Whether foreign key `name` of `table` is served by the index MySQL made for it (no other
/// index serves it), which outlives the key unless dropped with it.
pub(super) fn has_implicit_index(before: &SchemaState, table: &str, name: &str) -> bool {
    before.table(table).is_some_and(|t| {
        t.foreign_keys
            .iter()
            .find(|f| f.name == name)
            .is_some_and(|f| !has_usable_index(t, f.columns, None))
    })
}

/// MySQL refuses to drop the only index serving a foreign key: `, ADD INDEX fk (...)` for each
/// key that would lose its index, named as MySQL names the index it makes for a key; `None`
/// when no key needs one.
pub(super) fn replacements(before: &SchemaState, table: &str, dropped: &str) -> Option<String> {
    let t = before.table(table)?;
    let d = Dialect::MySql;
    let mut out = String::new();
    let mut covered: Vec<&[&str]> = Vec::new();
    for fk in &t.foreign_keys {
        if !has_usable_index(t, fk.columns, Some(dropped))
            && !covered.iter().any(|c| c.starts_with(fk.columns))
        {
            out.push_str(&format!(
                ", ADD INDEX {} ({})",
                d.quote(fk.name),
                d.quote_list(fk.columns)
            ));
            covered.push(fk.columns);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The index MySQL keeps for a foreign key with no other index to serve it is named after the
/// key (MySQL made it, or [`replacements`] did). A new index on `columns` serves such keys:
/// `, DROP INDEX fk` for each, so the table ends up with the indexes a table created with both
/// has (MySQL drops an index it made itself once another serves the key, but not one made by
/// `ALTER TABLE`). `None` when no key is served.
pub(super) fn superseded(before: &SchemaState, table: &str, columns: &[&str]) -> Option<String> {
    let t = before.table(table)?;
    let d = Dialect::MySql;
    let mut out = String::new();
    for fk in &t.foreign_keys {
        if columns.starts_with(fk.columns) && !has_usable_index(t, fk.columns, None) {
            out.push_str(&format!(", DROP INDEX {}", d.quote(fk.name)));
        }
    }
    (!out.is_empty()).then_some(out)
}
