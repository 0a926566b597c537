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
    if let Err(message) = foreign_key_names_unique(schema, t) {
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
    match first_clash(schema, t, Namespace::Relations) {
        Some((this, earlier)) => Err(duplicate(this, earlier)),
        None => Ok(()),
    }
}

/// Rule: foreign key names are unique in a schema (MySQL keeps constraint names per
/// database): two tables each declaring `#[foreign_key(name = "fk", ...)]` are refused.
const fn foreign_key_names_unique(schema: &Schema, t: usize) -> Result<(), ConstMessage> {
    match first_clash(schema, t, Namespace::ForeignKeys) {
        Some((this, earlier)) => Err(duplicate(this, earlier)),
        None => Ok(()),
    }
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
    match first_clash(schema, t, Namespace::Enums) {
        Some((this, earlier)) => Err(ConstMessage::new()
            .push("schema: enum type `")
            .push(this.name)
            .push("` is declared by two enums, `")
            .push(earlier.rust_name)
            .push("` and `")
            .push(this.rust_name)
            .push("`: give one another `#[sql_enum(name = \"...\")]`")),
        None => Ok(()),
    }
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

/// A set of names that must not repeat across a schema; each table has slots in it.
#[derive(Clone, Copy)]
enum Namespace {
    /// PostgreSQL's relations: the table, the indexes behind its primary key and unique
    /// constraints, and its indexes.
    Relations,
    /// Foreign key constraint names.
    ForeignKeys,
    /// Enum type names, one slot per column (empty for a column that is not an enum).
    Enums,
}

/// One name in a [`Namespace`].
#[derive(Clone, Copy)]
struct Entry {
    /// What it names, for messages: `"table"`, `"unique constraint"`, ...
    kind: &'static str,
    name: &'static str,
    /// Who declared it: the table's Rust name, or for an enum type the enum's Rust path
    /// (one enum used by two tables is one declaration).
    rust_name: &'static str,
}

impl Namespace {
    /// How many slots `table` has here.
    const fn slots(self, table: &TableDef) -> usize {
        match self {
            Namespace::Relations => 2 + table.uniques.len() + table.indexes.len(),
            Namespace::ForeignKeys => table.foreign_keys.len(),
            Namespace::Enums => table.columns.len(),
        }
    }

    /// What slot `n` of `table` names here, if anything.
    const fn entry(self, table: &TableDef, n: usize) -> Option<Entry> {
        let (kind, name) = match self {
            Namespace::Relations => match relation(table, n) {
                Some(relation) => relation,
                None => return None,
            },
            Namespace::ForeignKeys => ("foreign key", table.foreign_keys[n].name),
            Namespace::Enums => {
                return match table.columns[n].sql_type.as_enum() {
                    Some(e) => Some(Entry {
                        kind: "enum type",
                        name: e.name,
                        rust_name: e.rust_name,
                    }),
                    None => None,
                }
            }
        };
        Some(Entry {
            kind,
            name,
            rust_name: table.rust_name,
        })
    }

    /// `this` and `earlier` cannot both be declared: the same name, and for an enum type, a
    /// different enum.
    const fn clash(self, this: Entry, earlier: Entry) -> bool {
        str_eq(this.name, earlier.name)
            && match self {
                Namespace::Enums => !str_eq(this.rust_name, earlier.rust_name),
                Namespace::Relations | Namespace::ForeignKeys => true,
            }
    }
}

/// The first name of table `t` in `namespace` that clashes with one declared before it, by
/// an earlier table or earlier in `t`, and that earlier name. The one loop the name rules
/// share (`const fn` has no iterators or closures to pass a comparison in).
const fn first_clash(schema: &Schema, t: usize, namespace: Namespace) -> Option<(Entry, Entry)> {
    let table = schema.tables[t];
    let mut n = 0;
    while n < namespace.slots(table) {
        if let Some(this) = namespace.entry(table, n) {
            let mut u = 0;
            while u <= t {
                let other = schema.tables[u];
                let before = if u == t { n } else { namespace.slots(other) };
                let mut m = 0;
                while m < before {
                    if let Some(earlier) = namespace.entry(other, m) {
                        if namespace.clash(this, earlier) {
                            return Some((this, earlier));
                        }
                    }
                    m += 1;
                }
                u += 1;
            }
        }
        n += 1;
    }
    None
}

/// Slot `n` of `table` among PostgreSQL's relations (the table, the indexes behind its
/// primary key and unique constraints, its indexes), with what it names.
const fn relation(table: &TableDef, n: usize) -> Option<(&'static str, &'static str)> {
    if table.is_stub() {
        // A failed derive's stub ([`TableDef::is_stub`]) names only its table, and not even
        // that when the name is what failed (`name = ""`): its error is already reported.
        return if n == 0 && !table.name.is_empty() {
            Some(("table", table.name))
        } else {
            None
        };
    }
    if n == 0 {
        Some(("table", table.name))
    } else if n == 1 {
        Some(("primary key", table.primary_key.name))
    } else if n - 2 < table.uniques.len() {
        Some(("unique constraint", table.uniques[n - 2].name))
    } else {
        Some(("index", table.indexes[n - 2 - table.uniques.len()].name))
    }
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
    } else if str_eq(this.kind, "foreign key") {
        message.push("foreign key names are unique in a schema (MySQL keeps constraint names per database); rename one with `name = \"...\"`")
    } else {
        message.push("PostgreSQL keeps tables, indexes and key constraints in one namespace, so their names are unique in a schema; rename one with `name = \"...\"`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IndexDef, PrimaryKeyDef, UniqueDef};

    const fn table(name: &'static str, rust_name: &'static str) -> TableDef {
        TableDef {
            name,
            rust_name,
            columns: &[],
            primary_key: PrimaryKeyDef {
                name: "pk",
                columns: &[],
            },
            uniques: &[],
            indexes: &[],
            foreign_keys: &[],
        }
    }

    fn error(tables: &'static [&'static TableDef]) -> Option<String> {
        check_schema(&Schema::new(tables))
            .err()
            .map(|message| message.as_str().to_owned())
    }

    #[test]
    fn a_name_clashes_with_an_earlier_one_of_the_same_table() {
        const T: TableDef = TableDef {
            uniques: &[UniqueDef {
                name: "t_label",
                columns: &["label"],
            }],
            indexes: &[IndexDef {
                name: "t_label",
                columns: &["label"],
                unique: false,
            }],
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
}
