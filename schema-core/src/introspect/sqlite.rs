//! SQLite: three queries over `sqlite_master` joined with its `pragma_*` table functions.
//! SQLite keeps no constraint names, and reports a partial index without its predicate.

use super::{
    action, next_rows, split, text, Catalog, LiveColumn, LiveForeignKey, LiveIndex, LiveKey,
    LiveSchema, Rows,
};
use crate::model::SqlType;
use crate::Dialect;

const COLUMNS: &str =
    "SELECT m.name, p.name, p.type, CAST(p.\"notnull\" AS TEXT), p.dflt_value, CAST(p.pk AS TEXT) \
     FROM sqlite_master m, pragma_table_info(m.name) p \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid";

const INDEXES: &str = "SELECT m.name, il.name, CAST(il.\"unique\" AS TEXT), il.origin, CAST(il.partial AS TEXT), \
       (SELECT group_concat(ii.name, char(31)) FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno) ii) \
     FROM sqlite_master m, pragma_index_list(m.name) il \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, il.name";

const FOREIGN_KEYS: &str = "SELECT m.name, CAST(f.id AS TEXT), f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete \
     FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, f.id, f.seq";

/// The SQLite catalog.
pub(super) struct SqliteCatalog;

impl Catalog for SqliteCatalog {
    fn queries(&self) -> Vec<(&'static str, String)> {
        vec![
            ("columns", COLUMNS.to_owned()),
            ("indexes", INDEXES.to_owned()),
            ("foreign keys", FOREIGN_KEYS.to_owned()),
        ]
    }

    fn assemble(&self, results: Vec<Rows>) -> LiveSchema {
        let mut results = results.into_iter();
        let mut schema = LiveSchema::default();
        read_columns(&mut schema, next_rows(&mut results));
        read_indexes(&mut schema, next_rows(&mut results));
        read_foreign_keys(&mut schema, next_rows(&mut results));
        schema
    }

    /// SQLite reports the declared type as written.
    fn type_name(&self, sql_type: SqlType) -> String {
        Dialect::Sqlite.column_type(sql_type)
    }

    fn normal_default(&self, rendered: &str) -> Option<String> {
        (!rendered.eq_ignore_ascii_case("null")).then(|| rendered.to_owned())
    }
}

/// Columns, and the primary key from their `pk` positions.
fn read_columns(schema: &mut LiveSchema, rows: Rows) {
    let mut keys: Vec<(String, i64, String)> = Vec::new();
    for row in rows {
        let table_name = text(&row, 0);
        let pk: i64 = text(&row, 5).parse().unwrap_or(0);
        if pk > 0 {
            keys.push((table_name.clone(), pk, text(&row, 1)));
        }
        schema.table_mut(&table_name).columns.push(LiveColumn {
            name: text(&row, 1),
            sql_type: text(&row, 2),
            nullable: text(&row, 3) == "0",
            default: row
                .get(4)
                .cloned()
                .flatten()
                .filter(|d| !d.eq_ignore_ascii_case("null")),
        });
    }
    keys.sort();
    for (table, _, column) in keys {
        let t = schema.table_mut(&table);
        t.primary_key
            .get_or_insert(LiveKey {
                name: None,
                columns: Vec::new(),
            })
            .columns
            .push(column);
    }
}

fn read_indexes(schema: &mut LiveSchema, rows: Rows) {
    for row in rows {
        let table = schema.table_mut(&text(&row, 0));
        let columns = split(row[5].as_deref());
        match text(&row, 3).as_str() {
            "c" => table.indexes.push(LiveIndex {
                name: text(&row, 1),
                unique: text(&row, 2) == "1",
                columns,
                predicate: (text(&row, 4) == "1").then(String::new),
            }),
            "u" => table.uniques.push(LiveKey {
                name: None,
                columns,
            }),
            _ => {}
        }
    }
}

/// One row per column of each key, keys numbered per table.
fn read_foreign_keys(schema: &mut LiveSchema, rows: Rows) {
    let mut current: Option<(String, String)> = None;
    for row in rows {
        let (table_name, id) = (text(&row, 0), text(&row, 1));
        let table = schema.table_mut(&table_name);
        if current.as_ref() != Some(&(table_name.clone(), id.clone())) {
            table.foreign_keys.push(LiveForeignKey {
                name: None,
                columns: Vec::new(),
                ref_table: text(&row, 2),
                ref_columns: Vec::new(),
                on_delete: action(&text(&row, 6)),
                on_update: action(&text(&row, 5)),
            });
            current = Some((table_name, id));
        }
        if let Some(fk) = table.foreign_keys.last_mut() {
            fk.columns.push(text(&row, 3));
            fk.ref_columns.push(text(&row, 4));
        }
    }
}
