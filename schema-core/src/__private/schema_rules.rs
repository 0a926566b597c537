//! The rules of a whole schema, checked by `schema!` at compile time: one `const fn` per rule,
//! as `schema-macros/src/check.rs` has one `fn` per rule of a single struct.
//!
//! `schema!` emits one `const` per table, spanned at it in the list, that calls
//! [`check_schema_table`]: each rule judges table `t` against the tables before it (and
//! against its own earlier names), so a clash is reported at the later of the two tables.
// Const-evaluated only: the size of `Result<(), ConstMessage>` costs nothing at run time.
#![allow(clippy::result_large_err)]

use super::const_text::{str_eq, ConstMessage};
use crate::model::{Schema, TableDef};

/// The whole-schema rules for table `t` of `schema`, in order; the first broken one's message.
pub const fn check_schema_table(schema: &Schema, t: usize) -> Result<(), ConstMessage> {
    if let Err(message) = relation_names_unique(schema, t) {
        return Err(message);
    }
    if let Err(message) = constraint_names_unique(schema, t) {
        return Err(message);
    }
    if let Err(message) = foreign_key_targets_listed(schema, t) {
        return Err(message);
    }
    one_enum_per_name(schema, t)
}

/// The whole-schema rules, for every table (what `schema!` checks, one table at a time).
pub const fn check_schema(schema: &Schema) -> Result<(), ConstMessage> {
    let mut t = 0;
    while t < schema.tables.len() {
        if let Err(message) = check_schema_table(schema, t) {
            return Err(message);
        }
        t += 1;
    }
    Ok(())
}

/// Rule: table, primary key, unique constraint and index names are unique in a schema
/// (PostgreSQL keeps them all in one namespace): `schema! { [A, A] }` is refused.
const fn relation_names_unique(schema: &Schema, t: usize) -> Result<(), ConstMessage> {
    let table = schema.tables[t];
    let mut n = 0;
    while let Some((kind, name)) = relation(table, n) {
        // An empty name is a failed derive's stub ([`TableDef::is_stub`]): already reported.
        if !name.is_empty() {
            let mut u = 0;
            while u <= t {
                let other = schema.tables[u];
                let mut m = 0;
                // Against every name of an earlier table, and the earlier names of this one.
                while let Some((other_kind, other_name)) = relation(other, m) {
                    if u == t && m >= n {
                        break;
                    }
                    if str_eq(name, other_name) {
                        let this = Entry::of(table, kind, name);
                        return Err(duplicate(this, Entry::of(other, other_kind, other_name)));
                    }
                    m += 1;
                }
                u += 1;
            }
        }
        n += 1;
    }
    Ok(())
}

/// Rule: foreign key and CHECK names are unique in a schema (MySQL keeps them in one
/// namespace per database): two tables each declaring `#[foreign_key(name = "fk", ...)]`, or
/// `#[check(name = "positive", ...)]`, are refused.
const fn constraint_names_unique(schema: &Schema, t: usize) -> Result<(), ConstMessage> {
    let table = schema.tables[t];
    let mut n = 0;
    while let Some((kind, name)) = constraint(table, n) {
        let mut u = 0;
        while u <= t {
            let other = schema.tables[u];
            let mut m = 0;
            // Against every name of an earlier table, and the earlier names of this one.
            while let Some((other_kind, other_name)) = constraint(other, m) {
                if u == t && m >= n {
                    break;
                }
                if str_eq(name, other_name) {
                    let this = Entry::of(table, kind, name);
                    return Err(duplicate(this, Entry::of(other, other_kind, other_name)));
                }
                m += 1;
            }
            u += 1;
        }
        n += 1;
    }
    Ok(())
}

/// Name `n` of `table`'s foreign keys, then of its CHECKs, with what it names; `None` past the
/// last.
pub(super) const fn constraint(table: &TableDef, n: usize) -> Option<(&'static str, &'static str)> {
    if n < table.foreign_keys.len() {
        return Some(("foreign key", table.foreign_keys[n].name));
    }
    let n = n - table.foreign_keys.len();
    if n < table.checks.len() {
        return Some(("check constraint", table.checks[n].name));
    }
    None
}

/// Rule: every foreign key's table is in the schema: `schema! { [ModuleDashboard] }`, whose
/// `references = Dashboard::id` names a table the list leaves out, is refused.
const fn foreign_key_targets_listed(schema: &Schema, t: usize) -> Result<(), ConstMessage> {
    let table = schema.tables[t];
    let mut f = 0;
    while f < table.foreign_keys.len() {
        let target = table.foreign_keys[f].ref_table;
        if !lists_table(schema, target) {
            return Err(ConstMessage::new()
                .push("schema: `")
                .push(table.rust_name)
                .push("` has foreign key `")
                .push(table.foreign_keys[f].name)
                .push("` to table `")
                .push(target)
                .push("`, which this schema does not list: add its struct to the schema"));
        }
        f += 1;
    }
    Ok(())
}

/// Rule: one enum type per enum name: two Rust enums both declared
/// `#[sql_enum(name = "status")]` and used by tables of one schema are refused.
const fn one_enum_per_name(schema: &Schema, t: usize) -> Result<(), ConstMessage> {
    let columns = schema.tables[t].columns;
    let mut c = 0;
    while c < columns.len() {
        if let Some(e) = columns[c].sql_type.as_enum() {
            // Against the enum columns of earlier tables, and the earlier ones of this table.
            let mut u = 0;
            while u <= t {
                let others = schema.tables[u].columns;
                let mut d = 0;
                while d < others.len() && !(u == t && d >= c) {
                    if let Some(other) = others[d].sql_type.as_enum() {
                        if str_eq(e.name, other.name) && !str_eq(e.rust_name, other.rust_name) {
                            return Err(ConstMessage::new()
                                .push("schema: enum type `")
                                .push(e.name)
                                .push("` is declared by two enums, `")
                                .push(other.rust_name)
                                .push("` and `")
                                .push(e.rust_name)
                                .push("`: give one another `#[sql_enum(name = \"...\")]`"));
                        }
                    }
                    d += 1;
                }
                u += 1;
            }
        }
        c += 1;
    }
    Ok(())
}

/// Whether a table of `schema` has the SQL name `name`.
const fn lists_table(schema: &Schema, name: &str) -> bool {
    let mut u = 0;
    while u < schema.tables.len() {
        if str_eq(schema.tables[u].name, name) {
            return true;
        }
        u += 1;
    }
    false
}

/// One name a table declares, for the name rules' messages.
#[derive(Clone, Copy)]
struct Entry {
    /// What it names: `"table"`, `"unique constraint"`, ...
    kind: &'static str,
    name: &'static str,
    /// The declaring table's Rust name.
    rust_name: &'static str,
}

impl Entry {
    const fn of(table: &TableDef, kind: &'static str, name: &'static str) -> Entry {
        Entry {
            kind,
            name,
            rust_name: table.rust_name,
        }
    }
}

// The rules are plain nested loops over plain values: the interpreter that evaluates a `const
// fn` pays for every call, `match` and struct it builds, and the innermost loop runs once per
// pair of names in the schema. Const evaluation is about 60% of `cargo check` on a derived
// schema; building a struct and testing for a stub on every call here cost 17% more
// instructions on 240 tables (callgrind), this shape 9% fewer than one long `const fn`.

/// Name `n` of `table` among PostgreSQL's relations (the table, the indexes behind its primary
/// key and unique constraints, its indexes), with what it names; `None` past the last. A
/// stub's primary key name is empty.
pub(super) const fn relation(table: &TableDef, n: usize) -> Option<(&'static str, &'static str)> {
    if n == 0 {
        return Some(("table", table.name));
    }
    if n == 1 {
        return Some(("primary key", table.primary_key.name));
    }
    let n = n - 2;
    if n < table.uniques.len() {
        return Some(("unique constraint", table.uniques[n].name));
    }
    let n = n - table.uniques.len();
    if n < table.indexes.len() {
        return Some(("index", table.indexes[n].name));
    }
    None
}

/// `this` repeats the name of `earlier`: the message, with the fix for its namespace.
const fn duplicate(this: Entry, earlier: Entry) -> ConstMessage {
    let message = ConstMessage::new()
        .push("schema: `")
        .push(this.rust_name)
        .push("` declares the ")
        .push(this.kind)
        .push(" `")
        .push(this.name)
        .push("`, but `")
        .push(earlier.rust_name)
        .push("` already declares the ")
        .push(earlier.kind)
        .push(" of that name: ");
    if str_eq(this.kind, "table") && str_eq(earlier.kind, "table") {
        message
            .push("table names are unique in a schema; rename one with `#[table(name = \"...\")]`")
    } else if str_eq(this.kind, "foreign key") && str_eq(earlier.kind, "foreign key") {
        message.push("foreign key names are unique in a schema (MySQL keeps constraint names per database); rename one with `name = \"...\"`")
    } else if str_eq(this.kind, "foreign key") || str_eq(this.kind, "check constraint") {
        message.push("CHECK and foreign key names are unique in a schema (MySQL keeps them in one namespace per database); rename one with `name = \"...\"`")
    } else if str_eq(this.kind, "primary key") {
        message.push("PostgreSQL keeps tables, indexes and key constraints in one namespace, so their names are unique in a schema; rename one, this one with `#[table(primary_key_name = \"...\")]`")
    } else {
        message.push("PostgreSQL keeps tables, indexes and key constraints in one namespace, so their names are unique in a schema; rename one with `name = \"...\"`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        CheckDef, ColumnDef, ForeignKeyDef, IndexDef, PrimaryKeyDef, SqlType, UniqueDef,
    };

    const fn table(name: &'static str, rust_name: &'static str) -> TableDef {
        const ID: [ColumnDef; 1] = [ColumnDef::new("id", SqlType::Integer)];
        TableDef::new(
            name,
            rust_name,
            &ID,
            PrimaryKeyDef {
                name: "pk",
                columns: &["id"],
            },
        )
    }

    fn error(tables: &'static [&'static TableDef]) -> Option<String> {
        check_schema(&Schema::new(tables))
            .err()
            .map(|message| message.as_str().to_owned())
    }

    #[test]
    fn a_name_clashes_with_an_earlier_one_of_the_same_table() {
        const T: TableDef = TableDef {
            uniques: &[UniqueDef::new("t_label", &["label"])],
            indexes: &[IndexDef::new("t_label", &["label"])],
            ..table("t", "T")
        };
        let message = error(&[&T]).unwrap_or_default();
        assert!(
            message.starts_with("schema: `T` declares the index `t_label`, but `T` already declares the unique constraint of that name"),
            "{message}"
        );
    }

    #[test]
    fn a_stub_passes_but_keeps_its_table_name() {
        const STUB: TableDef = TableDef::stub("a", "A");
        const B: TableDef = table("b", "B");
        const ALSO_A: TableDef = table("a", "AlsoA");
        assert!(STUB.is_stub() && !B.is_stub());
        assert_eq!(error(&[&STUB, &B]), None);
        assert!(super::super::is_referenceable_key(&STUB, &["anything"]));
        let message = error(&[&STUB, &ALSO_A]).unwrap_or_default();
        assert!(message.starts_with("schema: `AlsoA` declares the table `a`, but `A` already declares the table of that name"), "{message}");
    }

    /// [`table`] with its own primary key name, so tables differ in more than their name.
    const fn keyed(name: &'static str, rust_name: &'static str, pk: &'static str) -> TableDef {
        TableDef {
            primary_key: PrimaryKeyDef {
                name: pk,
                columns: &["id"],
            },
            ..table(name, rust_name)
        }
    }

    #[test]
    fn a_check_name_clashes_across_tables() {
        const A: TableDef = TableDef {
            checks: &[CheckDef::new("positive", "n > 0")],
            ..keyed("a", "A", "a_pkey")
        };
        const B: TableDef = TableDef {
            checks: &[CheckDef::new("positive", "m > 0")],
            ..keyed("b", "B", "b_pkey")
        };
        const C: TableDef = TableDef {
            foreign_keys: &[ForeignKeyDef::new("positive", &["id"], "a", &["id"])],
            ..keyed("c", "C", "c_pkey")
        };
        let message = error(&[&A, &B]).unwrap_or_default();
        assert!(
            message.starts_with("schema: `B` declares the check constraint `positive`, but `A` already declares the check constraint of that name: CHECK and foreign key names are unique in a schema"),
            "{message}"
        );
        let message = error(&[&A, &C]).unwrap_or_default();
        assert!(
            message.starts_with("schema: `C` declares the foreign key `positive`, but `A` already declares the check constraint of that name"),
            "{message}"
        );
        // The same CHECK name in one table is the derive's to refuse; here, other names pass.
        const D: TableDef = TableDef {
            checks: &[CheckDef::new("d_positive", "n > 0")],
            ..keyed("d", "D", "d_pkey")
        };
        assert_eq!(error(&[&A, &D]), None);
    }

    #[test]
    fn an_index_name_clashes_across_tables() {
        const A: TableDef = TableDef {
            indexes: &[IndexDef {
                expr: Some("lower(label)"),
                ..IndexDef::new("ix_label", &[])
            }],
            ..keyed("a", "A", "a_pkey")
        };
        const B: TableDef = TableDef {
            indexes: &[IndexDef::new("ix_label", &["label"])],
            ..keyed("b", "B", "b_pkey")
        };
        let message = error(&[&A, &B]).unwrap_or_default();
        assert!(
            message.starts_with("schema: `B` declares the index `ix_label`, but `A` already declares the index of that name"),
            "{message}"
        );
    }
}
