//! MySQL/MariaDB: four queries on `information_schema`.
//!
//! Normal forms: integer display widths are dropped (`int(11)` is `int`) but `tinyint(1)` is a
//! boolean; MariaDB's JSON is `longtext` with a `json_valid` check, so both read as `json`;
//! `NO ACTION` reads as `RESTRICT`, because InnoDB treats them alike and MariaDB reports
//! `RESTRICT` for both (so a check cannot tell them apart here); the index MySQL adds by itself
//! for a foreign key (named after it) is not a declared index; a unique index is a unique
//! constraint (MySQL lists both as UNIQUE, and they are one object there).

use super::mysql_text::normal_outside_literals;
use super::{
    action, next_rows, split, text, Catalog, LiveCheck, LiveColumn, LiveForeignKey, LiveIndex,
    LiveKey, LiveSchema, Rows, Scope, SEP,
};
use crate::dialect::RenderErrorKind;
use crate::model::{Identity, OnUpdate, ReferentialAction, SqlType};
use crate::Dialect;

/// Base tables only: `information_schema.columns` lists views' columns too.
const BASE_TABLES: &str = "table_name IN (SELECT table_name FROM information_schema.tables \
     WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE')";

/// Each table's comment and default collation (a column's own collation is the one that
/// differs from it).
fn tables_sql() -> String {
    "SELECT CAST(table_name AS CHAR), CAST(table_comment AS CHAR), CAST(table_collation AS CHAR) \
     FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' \
     ORDER BY table_name"
        .to_owned()
}

fn columns_sql() -> String {
    format!(
        "SELECT CAST(table_name AS CHAR), CAST(column_name AS CHAR), CAST(column_type AS CHAR), \
           CAST(is_nullable AS CHAR), CAST(column_default AS CHAR), CAST(extra AS CHAR), \
           CAST(column_comment AS CHAR), CAST(collation_name AS CHAR) \
         FROM information_schema.columns WHERE table_schema = DATABASE() AND {BASE_TABLES} \
         ORDER BY table_name, ordinal_position"
    )
}

/// Named CHECKs, less the `json_valid` check MariaDB gives a JSON column by itself (named
/// after the column). MySQL 8's `check_constraints` has no table name, so it comes from
/// `table_constraints` (the two share the constraint's name).
fn checks_sql() -> String {
    "SELECT CAST(tc.table_name AS CHAR), CAST(cc.constraint_name AS CHAR), CAST(cc.check_clause AS CHAR) \
     FROM information_schema.table_constraints tc \
     JOIN information_schema.check_constraints cc ON cc.constraint_schema = tc.constraint_schema \
       AND cc.constraint_name = tc.constraint_name \
     WHERE tc.constraint_schema = DATABASE() AND tc.constraint_type = 'CHECK' \
       AND cc.check_clause <> CONCAT('json_valid(`', cc.constraint_name, '`)') \
     ORDER BY tc.table_name, cc.constraint_name"
        .to_owned()
}

fn objects_sql() -> String {
    "SELECT 'view', CAST(table_name AS CHAR), NULL, NULL FROM information_schema.views \
       WHERE table_schema = DATABASE() \
     UNION ALL \
     SELECT 'trigger', CAST(trigger_name AS CHAR), CAST(event_object_table AS CHAR), NULL \
       FROM information_schema.triggers WHERE trigger_schema = DATABASE() \
     UNION ALL \
     SELECT 'function', CAST(routine_name AS CHAR), NULL, NULL FROM information_schema.routines \
       WHERE routine_schema = DATABASE()"
        .to_owned()
}

fn constraints_sql() -> String {
    format!(
        "SELECT CAST(tc.table_name AS CHAR), CAST(tc.constraint_name AS CHAR), CAST(tc.constraint_type AS CHAR), \
           CAST(GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position SEPARATOR '{SEP}') AS CHAR), \
           CAST(MAX(k.referenced_table_name) AS CHAR), \
           CAST(GROUP_CONCAT(k.referenced_column_name ORDER BY k.ordinal_position SEPARATOR '{SEP}') AS CHAR), \
           CAST(MAX(rc.delete_rule) AS CHAR), CAST(MAX(rc.update_rule) AS CHAR) \
         FROM information_schema.table_constraints tc \
         JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema \
           AND k.table_name = tc.table_name AND k.constraint_name = tc.constraint_name \
         LEFT JOIN information_schema.referential_constraints rc ON rc.constraint_schema = tc.constraint_schema \
           AND rc.table_name = tc.table_name AND rc.constraint_name = tc.constraint_name \
         WHERE tc.constraint_schema = DATABASE() AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') \
         GROUP BY tc.table_name, tc.constraint_name, tc.constraint_type \
         ORDER BY tc.table_name, tc.constraint_name"
    )
}

fn indexes_sql() -> String {
    format!(
        "SELECT CAST(table_name AS CHAR), CAST(index_name AS CHAR), CAST(MAX(non_unique) AS CHAR), \
           CAST(GROUP_CONCAT(column_name ORDER BY seq_in_index SEPARATOR '{SEP}') AS CHAR), \
           CAST(GROUP_CONCAT(CASE WHEN collation = 'D' THEN column_name END ORDER BY seq_in_index SEPARATOR '{SEP}') AS CHAR), \
           CAST(MAX(index_type) AS CHAR) \
         FROM information_schema.statistics WHERE table_schema = DATABASE() \
         GROUP BY table_name, index_name ORDER BY table_name, index_name"
    )
}

/// `int(11)` -> `int`, `longtext` -> `json`, lowercase; `tinyint(1)` stays (a boolean).
fn normalize_type(column_type: &str) -> String {
    let t = column_type.trim().to_ascii_lowercase();
    // `tinyint(1)` is a boolean, `tinyint(3) unsigned` a small counter.
    if t.starts_with("tinyint(") && t.ends_with(" unsigned") {
        return "tinyint unsigned".to_owned();
    }
    for int in ["smallint", "mediumint", "int", "bigint"] {
        if t.starts_with(&format!("{int}(")) {
            return format!("{int}{}", t.split_once(')').map_or("", |(_, rest)| rest));
        }
    }
    match t.as_str() {
        "longtext" => "json".to_owned(),
        _ => t,
    }
}

/// `'[]'` stays; `NULL` is none; an expression default `('[]')` loses its parentheses;
/// outside quotes, case is MariaDB's (lowercase), and the functions it renames read as it
/// reports them (`CURRENT_TIMESTAMP` is `current_timestamp()`, `CURRENT_DATE` `curdate()`).
fn normalize_default(default: &str) -> Option<String> {
    let mut d = default.trim();
    while d.starts_with('(') && d.ends_with(')') && d.len() > 1 {
        d = d[1..d.len() - 1].trim();
    }
    if d.eq_ignore_ascii_case("null") {
        return None;
    }
    if let Some(number) = plain_number(d) {
        return Some(number);
    }
    let lower = normal_outside_literals(d);
    let renamed = match lower.as_str() {
        "current_timestamp" | "now()" => "current_timestamp()".to_owned(),
        "current_date" | "current_date()" => "curdate()".to_owned(),
        "current_time" | "current_time()" => "curtime()".to_owned(),
        other => match other.strip_prefix("current_time(") {
            Some(rest) => format!("curtime({rest}"),
            None => other.to_owned(),
        },
    };
    Some(renamed)
}

/// A decimal literal without the zeros a `DECIMAL(p, s)` column pads it with (`0.000` is `0`,
/// `1.50` is `1.5`).
fn plain_number(text: &str) -> Option<String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let numeric = !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit());
    if !numeric {
        return None;
    }
    let fraction = fraction.trim_end_matches('0');
    let sign = if text.starts_with('-') { "-" } else { "" };
    Some(if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    })
}

/// InnoDB has no NO ACTION of its own: it is RESTRICT.
fn normalize_action(a: ReferentialAction) -> ReferentialAction {
    match a {
        ReferentialAction::NoAction => ReferentialAction::Restrict,
        other => other,
    }
}

/// The MySQL/MariaDB catalog.
pub(super) struct MySqlCatalog;

impl Catalog for MySqlCatalog {
    fn queries(&self, _scope: &Scope) -> Vec<(&'static str, String)> {
        vec![
            ("tables", tables_sql()),
            ("columns", columns_sql()),
            ("constraints", constraints_sql()),
            ("indexes", indexes_sql()),
            ("checks", checks_sql()),
            ("views and triggers", objects_sql()),
        ]
    }

    fn assemble(&self, results: Vec<Rows>) -> LiveSchema {
        let mut results = results.into_iter();
        let mut schema = LiveSchema::default();
        let mut collations = Vec::new();
        for row in next_rows(&mut results) {
            let table = schema.table_mut(&text(&row, 0));
            table.comment = Some(text(&row, 1)).filter(|c| !c.is_empty());
            collations.push((text(&row, 0), text(&row, 2)));
        }
        read_columns(&mut schema, next_rows(&mut results), &collations);
        let named = read_constraints(&mut schema, next_rows(&mut results));
        read_indexes(&mut schema, next_rows(&mut results), &named);
        for row in next_rows(&mut results) {
            schema.table_mut(&text(&row, 0)).checks.push(LiveCheck {
                name: Some(text(&row, 1)),
                expr: normal_check(&text(&row, 2)),
            });
        }
        schema.objects = super::postgres::read_objects(next_rows(&mut results));
        schema
    }

    fn check_text(&self, expr: &str) -> String {
        normal_check(expr)
    }

    /// `C` and `POSIX` (byte order) are `utf8mb4_bin`, as the DDL declares them.
    fn collation_name(&self, declared: &str) -> Option<String> {
        Some(if crate::dialect::is_byte_order(declared) {
            "utf8mb4_bin".to_owned()
        } else {
            declared.to_ascii_lowercase()
        })
    }

    fn type_name(&self, sql_type: SqlType) -> Result<String, RenderErrorKind> {
        let rendered = normalize_type(&Dialect::MySql.column_type(sql_type)?);
        Ok(match rendered.as_str() {
            "boolean" => "tinyint(1)".to_owned(),
            // MySQL lists enum labels without a space after the comma.
            _ if rendered.starts_with("enum(") => rendered.replace("', '", "','"),
            _ => rendered.replace(", ", ","),
        })
    }

    fn normal_default(&self, rendered: &str) -> Option<String> {
        normalize_default(rendered)
    }

    fn identity_name(&self, _identity: Identity) -> String {
        "auto_increment".to_owned()
    }

    fn on_update_name(
        &self,
        on_update: OnUpdate,
        sql_type: SqlType,
    ) -> Result<Option<String>, RenderErrorKind> {
        let value = Dialect::MySql.default_value(on_update.value, sql_type)?;
        Ok(normalize_default(&value))
    }

    fn normalizes_on_server(&self) -> bool {
        true
    }

    /// A temporary table is not in `information_schema`: its `SHOW CREATE TABLE` is.
    fn scratch_read_sql(&self, scratch: &str) -> String {
        format!("SHOW CREATE TABLE {}", Dialect::MySql.quote(scratch))
    }

    /// One line per column: `` `c0` binary(16) DEFAULT unhex(...),``.
    fn parse_scratch(&self, rows: Rows, columns: usize) -> Vec<Option<(String, Option<String>)>> {
        let mut out = vec![None; columns];
        let create = rows.first().map(|row| text(row, 1)).unwrap_or_default();
        for line in create.lines() {
            let line = line.trim().trim_end_matches(',');
            let Some(rest) = line.strip_prefix("`c") else {
                continue;
            };
            let Some((n, definition)) = rest.split_once("` ") else {
                continue;
            };
            let Some(slot) = n.parse::<usize>().ok().and_then(|i| out.get_mut(i)) else {
                continue;
            };
            *slot = Some(match definition.split_once(" DEFAULT ") {
                Some((sql_type, default)) => (sql_type.to_owned(), Some(default.to_owned())),
                None => (definition.to_owned(), None),
            });
        }
        out
    }

    fn scratch_drop_sql(&self, scratch: &str) -> String {
        format!(
            "DROP TEMPORARY TABLE IF EXISTS {}",
            Dialect::MySql.quote(scratch)
        )
    }

    /// A temporary table's CHECKs are only in its `SHOW CREATE TABLE`.
    fn scratch_checks_sql(&self, scratch: &str) -> String {
        format!("SHOW CREATE TABLE {}", Dialect::MySql.quote(scratch))
    }

    /// Lines `` CONSTRAINT `name` CHECK (...) ``.
    fn parse_scratch_checks(&self, rows: Rows) -> Vec<(String, String)> {
        let create = rows.first().map(|row| text(row, 1)).unwrap_or_default();
        create
            .lines()
            .filter_map(|line| {
                let line = line.trim().trim_end_matches(',');
                let rest = line.strip_prefix("CONSTRAINT `")?;
                let (name, rest) = rest.split_once("` CHECK ")?;
                Some((name.replace("``", "`"), normal_check(rest)))
            })
            .collect()
    }

    fn normal_type(&self, reported: &str) -> String {
        normalize_type(reported)
    }

    fn normal_action(&self, action: ReferentialAction) -> ReferentialAction {
        normalize_action(action)
    }
}

/// A CHECK's text in one form for MariaDB and MySQL 8, which print it differently (`` `size` >
/// 0 `` and ``(`size` > 0)``): no backquotes, no outer parentheses, lowercase outside quotes,
/// single spaces.
pub(crate) fn normal_check(clause: &str) -> String {
    let mut text = clause.replace('`', "");
    loop {
        let trimmed = text.trim();
        if crate::dialect::is_parenthesized(trimmed) {
            text = trimmed[1..trimmed.len() - 1].to_owned();
        } else {
            break;
        }
    }
    let lower = normal_outside_literals(text.trim());
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_columns(schema: &mut LiveSchema, rows: Rows, collations: &[(String, String)]) {
    for row in rows {
        let table_name = text(&row, 0);
        let table_collation = collations
            .iter()
            .find(|(t, _)| *t == table_name)
            .map(|(_, c)| c.as_str());
        let table = schema.table_mut(&table_name);
        // `auto_increment`, `on update current_timestamp(6)` (MySQL 8 adds `DEFAULT_GENERATED`).
        let extra = text(&row, 5).to_ascii_lowercase();
        let mut column = LiveColumn::new(
            text(&row, 1),
            normalize_type(&text(&row, 2)),
            text(&row, 3) == "YES",
            row.get(4)
                .cloned()
                .flatten()
                .and_then(|d| normalize_default(&d)),
        );
        if extra.contains("auto_increment") {
            column.identity = Some("auto_increment".to_owned());
        }
        column.on_update = extra
            .split_once("on update ")
            .and_then(|(_, value)| normalize_default(value.trim()));
        column.comment = Some(text(&row, 6)).filter(|c| !c.is_empty());
        // MariaDB's JSON is `utf8mb4_bin` by itself.
        column.collation = row
            .get(7)
            .cloned()
            .flatten()
            .filter(|c| Some(c.as_str()) != table_collation && column.sql_type != "json");
        table.columns.push(column);
    }
}

/// Primary keys, unique constraints and foreign keys; the `(table, name)` of each unique
/// constraint and foreign key, whose indexes are not indexes of their own.
fn read_constraints(schema: &mut LiveSchema, rows: Rows) -> Vec<(String, String)> {
    let mut named = Vec::new();
    for row in rows {
        let (table_name, name) = (text(&row, 0), text(&row, 1));
        let columns = split(row[3].as_deref());
        let table = schema.table_mut(&table_name);
        match text(&row, 2).as_str() {
            "PRIMARY KEY" => table.primary_key = Some(LiveKey::new(None, columns)),
            "UNIQUE" => {
                named.push((table_name, name.clone()));
                table.uniques.push(LiveKey::new(Some(name), columns));
            }
            _ => {
                named.push((table_name, name.clone()));
                table.foreign_keys.push(LiveForeignKey {
                    name: Some(name),
                    columns,
                    ref_table: text(&row, 4),
                    ref_schema: None,
                    ref_columns: split(row[5].as_deref()),
                    on_delete: normalize_action(action(&text(&row, 6))),
                    on_update: normalize_action(action(&text(&row, 7))),
                });
            }
        }
    }
    named
}

fn read_indexes(schema: &mut LiveSchema, rows: Rows, named: &[(String, String)]) {
    for row in rows {
        let (table_name, name) = (text(&row, 0), text(&row, 1));
        let key = (table_name.clone(), name.clone());
        if name == "PRIMARY" || named.contains(&key) {
            continue;
        }
        let method = text(&row, 5).to_ascii_lowercase();
        schema.table_mut(&table_name).indexes.push(LiveIndex {
            name,
            unique: text(&row, 2) == "0",
            columns: split(row[3].as_deref()),
            descending: split(row[4].as_deref()),
            method: (method != "btree").then_some(method),
            ..LiveIndex::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_defaults_normalise() {
        assert_eq!(normalize_type("int(11)"), "int");
        assert_eq!(normalize_type("bigint(20) unsigned"), "bigint unsigned");
        assert_eq!(normalize_type("tinyint(1)"), "tinyint(1)");
        assert_eq!(normalize_type("LONGTEXT"), "json");
        assert_eq!(normalize_type("tinyint(3) unsigned"), "tinyint unsigned");
        assert_eq!(normalize_type("decimal(10,2)"), "decimal(10,2)");
        assert_eq!(normalize_default("('[]')").as_deref(), Some("'[]'"));
        assert_eq!(normalize_default("NULL"), None);
        assert_eq!(normalize_default("0.000000").as_deref(), Some("0"));
        assert_eq!(normalize_default("1.50").as_deref(), Some("1.5"));
        assert_eq!(normalize_default("-7").as_deref(), Some("-7"));
        assert_eq!(
            normalize_default("CURRENT_TIMESTAMP").as_deref(),
            Some("current_timestamp()")
        );
        assert_eq!(
            normalize_default("CURRENT_DATE").as_deref(),
            Some("curdate()")
        );
        assert_eq!(
            normalize_default("concat('A','b')").as_deref(),
            Some("concat('A','b')")
        );
    }
}
