//! SQLite: three queries over `sqlite_master` joined with its `pragma_*` table functions.
//! SQLite keeps no constraint names, and reports a partial index without its predicate. A
//! rowid alias (`INTEGER PRIMARY KEY`) is its identity column, `AUTOINCREMENT` read from the
//! table's SQL.

pub(crate) use super::sql_text::normal_expression;
use super::sql_text::{column_collations, index_parts, key_expression, named_checks};
use super::{
    action, next_rows, split, text, Catalog, LiveCheck, LiveColumn, LiveForeignKey, LiveIndex,
    LiveKey, LiveSchema, LiveTable, Rows, Scope,
};
use crate::dialect::{is_byte_order, is_parenthesized, RenderErrorKind};
use crate::model::{ColumnDef, Identity, SqlType, TableState};
use crate::Dialect;

const COLUMNS: &str =
    "SELECT m.name, p.name, p.type, CAST(p.\"notnull\" AS TEXT), p.dflt_value, CAST(p.pk AS TEXT) \
     FROM sqlite_master m, pragma_table_info(m.name) p \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid";

// Key columns (an expression key has no name, and `group_concat` skips it), the descending
// ones, and the index's own SQL (its expression keys and predicate are only there).
const INDEXES: &str = "SELECT m.name, il.name, CAST(il.\"unique\" AS TEXT), il.origin, CAST(il.partial AS TEXT), \
       (SELECT group_concat(ii.name, char(31)) FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno) ii), \
       (SELECT group_concat(x.name, char(31)) FROM (SELECT name FROM pragma_index_xinfo(il.name) \
          WHERE \"key\" = 1 AND \"desc\" = 1 ORDER BY seqno) x), \
       (SELECT s.sql FROM sqlite_master s WHERE s.type = 'index' AND s.name = il.name) \
     FROM sqlite_master m, pragma_index_list(m.name) il \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, il.name";

/// Each table's own SQL: its CHECKs and collations are kept only there.
const TABLE_SQL: &str = "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
     AND name NOT LIKE 'sqlite_%' ORDER BY name";

const OBJECTS: &str = "SELECT type, name, CASE WHEN type = 'trigger' THEN tbl_name END \
     FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY type, name";

/// Tables declared with `AUTOINCREMENT` (SQLite keeps the keyword only in the table's SQL).
const AUTOINCREMENT: &str = "SELECT name FROM sqlite_master WHERE type = 'table' \
     AND name NOT LIKE 'sqlite_%' AND upper(sql) LIKE '%AUTOINCREMENT%'";

const FOREIGN_KEYS: &str = "SELECT m.name, CAST(f.id AS TEXT), f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete \
     FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, f.id, f.seq";

/// The SQLite catalog.
pub(super) struct SqliteCatalog;

impl Catalog for SqliteCatalog {
    fn queries(&self, _scope: &Scope) -> Vec<(&'static str, String)> {
        vec![
            ("columns", COLUMNS.to_owned()),
            ("indexes", INDEXES.to_owned()),
            ("foreign keys", FOREIGN_KEYS.to_owned()),
            ("autoincrement tables", AUTOINCREMENT.to_owned()),
            ("table sql", TABLE_SQL.to_owned()),
            ("views and triggers", OBJECTS.to_owned()),
        ]
    }

    fn check_text(&self, expr: &str) -> String {
        normal_expression(expr)
    }

    fn predicate_text(&self, predicate: &str) -> String {
        normal_expression(predicate)
    }

    /// `BINARY` is the default (and what byte order, `C`, is here): it is not listed.
    fn collation_name(&self, declared: &str) -> Option<String> {
        let name = declared.to_ascii_uppercase();
        (!is_byte_order(&name) && name != "BINARY").then_some(name)
    }

    fn assemble(&self, results: Vec<Rows>) -> LiveSchema {
        let mut results = results.into_iter();
        let mut schema = LiveSchema::default();
        read_columns(&mut schema, next_rows(&mut results));
        read_indexes(&mut schema, next_rows(&mut results));
        read_foreign_keys(&mut schema, next_rows(&mut results));
        let autoincrement: Vec<String> = next_rows(&mut results)
            .iter()
            .map(|row| text(row, 0))
            .collect();
        mark_rowid(&mut schema, &autoincrement);
        for row in next_rows(&mut results) {
            read_table_sql(&mut schema, &text(&row, 0), &text(&row, 1));
        }
        schema.objects = super::postgres::read_objects(next_rows(&mut results));
        schema
    }

    /// SQLite reports the declared type as written.
    fn type_name(&self, sql_type: SqlType) -> Result<String, RenderErrorKind> {
        Dialect::Sqlite.column_type(sql_type)
    }

    /// The rowid alias is declared `INTEGER`, whatever its Rust type.
    fn column_type_name(&self, column: &ColumnDef) -> Result<String, RenderErrorKind> {
        match column.identity {
            Some(_) => Ok("INTEGER".to_owned()),
            None => self.type_name(column.sql_type),
        }
    }

    /// As written, less the parentheses an expression default is declared in.
    fn normal_default(&self, rendered: &str) -> Option<String> {
        if rendered.eq_ignore_ascii_case("null") {
            return None;
        }
        let inner = rendered
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .filter(|_| is_parenthesized(rendered));
        Some(inner.unwrap_or(rendered).to_owned())
    }

    fn identity_name(&self, identity: Identity) -> String {
        if identity.autoincrement {
            "rowid autoincrement".to_owned()
        } else {
            "rowid".to_owned()
        }
    }

    /// The model's table gets the rowid the database would give it.
    fn expected_table(&self, table: &mut LiveTable, model: &TableState) {
        let autoincrement = model
            .columns
            .iter()
            .any(|c| c.identity.is_some_and(|i| i.autoincrement));
        rowid(table, autoincrement);
    }
}

/// Every table's rowid alias (see [`rowid`]).
fn mark_rowid(schema: &mut LiveSchema, autoincrement: &[String]) {
    for table in &mut schema.tables {
        let auto = autoincrement.contains(&table.name);
        rowid(table, auto);
    }
}

/// A single-column primary key declared `INTEGER` is the rowid, whether the declaration meant
/// it or not (an `i32` key is one): the database generates it and it is never NULL (a NULL
/// inserted is a new key).
fn rowid(table: &mut LiveTable, autoincrement: bool) {
    let Some([key]) = table.primary_key.as_ref().map(|k| k.columns.as_slice()) else {
        return;
    };
    let key = key.clone();
    if let Some(column) = table.columns.iter_mut().find(|c| c.name == key) {
        if column.sql_type.eq_ignore_ascii_case("INTEGER") {
            let name = if autoincrement {
                "rowid autoincrement"
            } else {
                "rowid"
            };
            column.identity = Some(name.to_owned());
            column.nullable = false;
        }
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
        schema.table_mut(&table_name).columns.push(LiveColumn::new(
            text(&row, 1),
            text(&row, 2),
            text(&row, 3) == "0",
            row.get(4)
                .cloned()
                .flatten()
                .filter(|d| !d.eq_ignore_ascii_case("null")),
        ));
    }
    keys.sort();
    for (table, _, column) in keys {
        let t = schema.table_mut(&table);
        t.primary_key
            .get_or_insert(LiveKey::default())
            .columns
            .push(column);
    }
}

/// The CHECKs and column collations of a table, from its SQL.
fn read_table_sql(schema: &mut LiveSchema, table: &str, sql: &str) {
    let t = schema.table_mut(table);
    t.checks = named_checks(sql)
        .into_iter()
        .map(|(name, expr)| LiveCheck {
            name: Some(name),
            expr: normal_expression(&expr),
        })
        .collect();
    for (column, collation) in column_collations(sql) {
        let name = collation.to_ascii_uppercase();
        if let Some(c) = t.columns.iter_mut().find(|c| c.name == column) {
            c.collation = (name != "BINARY").then_some(name);
        }
    }
}

fn read_indexes(schema: &mut LiveSchema, rows: Rows) {
    for row in rows {
        let table = schema.table_mut(&text(&row, 0));
        let columns = split(row[5].as_deref());
        match text(&row, 3).as_str() {
            "c" => {
                let (keys, predicate) = index_parts(&text(&row, 7));
                let expressions: Vec<String> = keys
                    .iter()
                    .filter_map(|k| key_expression(k))
                    .map(|e| normal_expression(&e))
                    .collect();
                table.indexes.push(LiveIndex {
                    name: text(&row, 1),
                    unique: text(&row, 2) == "1",
                    columns,
                    predicate: predicate.map(|p| normal_expression(&p)),
                    descending: split(row[6].as_deref()),
                    expr: (!expressions.is_empty()).then(|| expressions.join(", ")),
                    ..LiveIndex::default()
                });
            }
            "u" => table.uniques.push(LiveKey::new(None, columns)),
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
                ref_schema: None,
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
