//! A whole schema: the tables of one database, and the order they can be created in.

use super::{EnumDef, ForeignKeyDef, TableDef};

/// A set of tables declared together with [`schema!`](crate::schema!).
///
/// ```
/// # use schema_core::{Dialect, Schema};
/// const EMPTY: Schema = Schema::new(&[]);
/// assert!(EMPTY.create_sql(Dialect::Postgres).unwrap().is_empty());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// The tables, in declaration order.
    pub tables: &'static [&'static TableDef],
}

/// Tables in an order that creates every referenced table before the tables referencing it.
#[derive(Debug)]
pub struct CreationOrder {
    /// Tables in creation order.
    pub tables: Vec<&'static TableDef>,
    /// Foreign keys that point forward in a reference cycle: they are added after all tables
    /// exist (`ALTER TABLE ... ADD CONSTRAINT`), except on SQLite where a declaration may
    /// name a table created later.
    pub deferred: Vec<(&'static TableDef, &'static ForeignKeyDef)>,
}

impl Schema {
    /// A schema of these tables.
    pub const fn new(tables: &'static [&'static TableDef]) -> Self {
        Schema { tables }
    }

    /// The table with this SQL name.
    pub fn table(&self, name: &str) -> Option<&'static TableDef> {
        self.tables.iter().copied().find(|t| t.name == name)
    }

    /// The enum types the tables use, each once, in order of first use.
    pub fn enums(&self) -> Vec<&'static EnumDef> {
        let mut out: Vec<&'static EnumDef> = Vec::new();
        for column in self.tables.iter().flat_map(|t| t.columns) {
            if let Some(e) = column.sql_type.as_enum() {
                if !out.iter().any(|seen| seen.name == e.name) {
                    out.push(e);
                }
            }
        }
        out
    }

    /// Tables in dependency order: declaration order, except that a table comes after the
    /// tables it references. A reference cycle is broken at the first table declared.
    pub fn creation_order(&self) -> CreationOrder {
        let mut placed: Vec<&'static TableDef> = Vec::with_capacity(self.tables.len());
        let mut deferred = Vec::new();
        let mut pending: Vec<&'static TableDef> = self.tables.to_vec();
        let is_placed = |placed: &[&TableDef], name: &str| placed.iter().any(|t| t.name == name);
        while !pending.is_empty() {
            // The first pending table whose references are all placed (or outside the schema).
            let ready = pending.iter().position(|t| {
                t.foreign_keys.iter().all(|fk| {
                    fk.ref_table == t.name
                        || is_placed(&placed, fk.ref_table)
                        || !pending.iter().any(|p| p.name == fk.ref_table)
                })
            });
            let index = ready.unwrap_or(0);
            let table = pending.remove(index);
            if ready.is_none() {
                for fk in table.foreign_keys {
                    if fk.ref_table != table.name && pending.iter().any(|p| p.name == fk.ref_table)
                    {
                        deferred.push((table, fk));
                    }
                }
            }
            placed.push(table);
        }
        CreationOrder {
            tables: placed,
            deferred,
        }
    }
}
