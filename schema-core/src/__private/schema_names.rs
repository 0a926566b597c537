//! The fast path of `schema!`'s whole-schema rules: one pass over every name the schema
//! declares, into hash sets built at compile time.
//!
//! The rules in `schema_rules` compare each name with every earlier one, so a table's check
//! reports a clash at the later table, which is what the message needs; but the interpreter
//! that evaluates a `const fn` pays for each of those pairs (on the hub's 24 tables, about 5
//! ms of `cargo check` per table). `schema!` evaluates [`schema_rules_hold`] once per schema
//! and runs the per-table rules only when it is false, so a valid schema (nearly every
//! build) costs one pass. It is exact, not a filter: names whose hashes meet are compared
//! in full, so it is true exactly when every rule of [`super::check_schema`] holds.

use super::const_text::str_eq;
use super::schema_rules::{constraint, relation};
use crate::model::Schema;

/// The slots [`schema_rules_hold`] needs for `schema`: a power of two at least twice the
/// names it declares (tables, keys, indexes, constraints, enum columns), so probing stays
/// short.
pub const fn name_slots(schema: &Schema) -> usize {
    let mut names = 0;
    let mut t = 0;
    while t < schema.tables.len() {
        let table = schema.tables[t];
        names += 2
            + table.uniques.len()
            + table.indexes.len()
            + table.foreign_keys.len()
            + table.checks.len()
            + table.columns.len();
        t += 1;
    }
    let mut slots = 8;
    while slots < 2 * names {
        slots *= 2;
    }
    slots
}

/// Whether every rule of [`super::check_schema`] holds for `schema`: relation names (tables,
/// primary keys, unique constraints, indexes) and constraint names (foreign keys, CHECKs)
/// each unique, every foreign key's table listed, one enum per enum type name. `SLOTS` is
/// [`name_slots`] of the same schema.
pub const fn schema_rules_hold<const SLOTS: usize>(schema: &Schema) -> bool {
    let mut relations = NameSet::<SLOTS>::new();
    let mut constraints = NameSet::<SLOTS>::new();
    // Enum type name -> the Rust enum that declares it.
    let mut enums = NameSet::<SLOTS>::new();
    let mut tables = NameSet::<SLOTS>::new();
    let mut t = 0;
    while t < schema.tables.len() {
        let table = schema.tables[t];
        // The names the pairwise rules compare, from the same lists: relations (an empty
        // name is a failed derive's stub, already reported), then constraints.
        let mut n = 0;
        while let Some((_, name)) = relation(table, n) {
            if !name.is_empty() && !relations.insert(name, "") {
                return false;
            }
            n += 1;
        }
        n = 0;
        while let Some((_, name)) = constraint(table, n) {
            if !constraints.insert(name, "") {
                return false;
            }
            n += 1;
        }
        // A stub keeps its table name (only its keys are empty), so keys to it resolve.
        tables.insert(table.name, "");
        let mut i = 0;
        while i < table.columns.len() {
            if let Some(e) = table.columns[i].sql_type.as_enum() {
                if !enums.insert(e.name, e.rust_name) {
                    return false;
                }
            }
            i += 1;
        }
        t += 1;
    }
    // Every table name is in `tables` now: each foreign key's target must be one of them.
    t = 0;
    while t < schema.tables.len() {
        let keys = schema.tables[t].foreign_keys;
        let mut f = 0;
        while f < keys.len() {
            if !tables.contains(keys[f].ref_table) {
                return false;
            }
            f += 1;
        }
        t += 1;
    }
    true
}

/// An open-addressing hash set of names (linear probing), each with a value: the Rust enum
/// for an enum type name, empty otherwise.
struct NameSet<const SLOTS: usize> {
    hashes: [u64; SLOTS],
    names: [&'static str; SLOTS],
    values: [&'static str; SLOTS],
}

impl<const SLOTS: usize> NameSet<SLOTS> {
    const fn new() -> Self {
        NameSet {
            hashes: [0; SLOTS],
            names: [""; SLOTS],
            values: [""; SLOTS],
        }
    }

    /// Adds `name` with `value`; false when `name` is already there with a value other than
    /// `value`, or at all when `value` is empty (a name that may appear once).
    const fn insert(&mut self, name: &'static str, value: &'static str) -> bool {
        let hash = hash(name);
        let mut slot = (hash as usize) & (SLOTS - 1);
        loop {
            if self.hashes[slot] == 0 {
                self.hashes[slot] = hash;
                self.names[slot] = name;
                self.values[slot] = value;
                return true;
            }
            if self.hashes[slot] == hash && str_eq(self.names[slot], name) {
                return !value.is_empty() && str_eq(self.values[slot], value);
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }

    /// Whether `name` is in the set.
    const fn contains(&self, name: &str) -> bool {
        let hash = hash(name);
        let mut slot = (hash as usize) & (SLOTS - 1);
        while self.hashes[slot] != 0 {
            if self.hashes[slot] == hash && str_eq(self.names[slot], name) {
                return true;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        false
    }
}

/// FNV-1a of `name`, never 0 (an empty slot).
const fn hash(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash | 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::__private::check_schema;
    use crate::model::{
        CheckDef, ColumnDef, EnumDef, ForeignKeyDef, IndexDef, PrimaryKeyDef, SqlType, TableDef,
        UniqueDef,
    };

    const fn table(name: &'static str, pk: &'static str) -> TableDef {
        const ID: [ColumnDef; 1] = [ColumnDef::new("id", SqlType::Integer)];
        TableDef::new(
            name,
            name,
            &ID,
            PrimaryKeyDef {
                name: pk,
                columns: &["id"],
            },
        )
    }

    /// The fast path against the exact rules: the same verdict, and the verdict expected.
    fn verdict(tables: &'static [&'static TableDef]) -> bool {
        const SLOTS: usize = 64;
        let schema = Schema::new(tables);
        assert!(name_slots(&schema) <= SLOTS);
        let fast = schema_rules_hold::<SLOTS>(&schema);
        assert_eq!(fast, check_schema(&schema).is_ok(), "{tables:?}");
        fast
    }

    const A: TableDef = table("a", "a_pkey");
    const B: TableDef = TableDef {
        uniques: &[UniqueDef::new("b_label_key", &["label"])],
        indexes: &[IndexDef::new("ix_b_label", &["label"])],
        foreign_keys: &[ForeignKeyDef::new("b_a_fkey", &["a_id"], "a", &["id"])],
        checks: &[CheckDef::new("b_positive", "id > 0")],
        ..table("b", "b_pkey")
    };

    #[test]
    fn a_valid_schema_holds() {
        assert!(verdict(&[&A, &B]));
        assert!(verdict(&[]));
    }

    #[test]
    fn every_broken_rule_is_found() {
        // A relation name twice: a table, then an index named like another table.
        assert!(!verdict(&[&A, &A]));
        const INDEX_NAMED_A: TableDef = TableDef {
            indexes: &[IndexDef::new("a", &["id"])],
            ..table("c", "c_pkey")
        };
        assert!(!verdict(&[&A, &INDEX_NAMED_A]));
        // A constraint name twice, across the foreign key and CHECK namespaces' one set.
        const CHECK_NAMED_LIKE_B_FK: TableDef = TableDef {
            checks: &[CheckDef::new("b_a_fkey", "id > 0")],
            ..table("c", "c_pkey")
        };
        assert!(!verdict(&[&A, &B, &CHECK_NAMED_LIKE_B_FK]));
        // A foreign key to a table the schema leaves out (B without A), or to a name that is
        // only an index (`ix_b_label`).
        assert!(!verdict(&[&B]));
        const TO_AN_INDEX: TableDef = TableDef {
            foreign_keys: &[ForeignKeyDef::new("c_fk", &["id"], "ix_b_label", &["id"])],
            ..table("c", "c_pkey")
        };
        assert!(!verdict(&[&A, &B, &TO_AN_INDEX]));
    }

    #[test]
    fn one_enum_per_name() {
        const ONE: EnumDef = EnumDef {
            name: "status",
            rust_name: "app::Status",
            values: &["on", "off"],
        };
        const OTHER: EnumDef = EnumDef {
            name: "status",
            rust_name: "app::OtherStatus",
            values: &["on"],
        };
        const USES_ONE: [ColumnDef; 2] = [
            ColumnDef::new("id", SqlType::Integer),
            ColumnDef::new("status", SqlType::Enum(&ONE)),
        ];
        const USES_OTHER: [ColumnDef; 2] = [
            ColumnDef::new("id", SqlType::Integer),
            ColumnDef::new("status", SqlType::Enum(&OTHER)),
        ];
        const C: TableDef = TableDef {
            columns: &USES_ONE,
            ..table("c", "c_pkey")
        };
        const D: TableDef = TableDef {
            columns: &USES_ONE,
            ..table("d", "d_pkey")
        };
        const E: TableDef = TableDef {
            columns: &USES_OTHER,
            ..table("e", "e_pkey")
        };
        // One enum used by two tables is fine; two enums of one name are not.
        assert!(verdict(&[&C, &D]));
        assert!(!verdict(&[&C, &D, &E]));
    }
}
