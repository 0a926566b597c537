//! PostgreSQL: six queries on `pg_catalog` for the current schema and those the model names. Types read as
//! `format_type` spells them, defaults as `pg_get_expr` does, without their trailing casts.

use super::{
    action, next_rows, split, text, Catalog, LiveCheck, LiveColumn, LiveEnum, LiveForeignKey,
    LiveIndex, LiveKey, LiveObject, LiveSchema, Rows, Scope,
};
use crate::dialect::{is_parenthesized, RenderErrorKind};
use crate::model::{Identity, IdentityKind, ObjectKind, SqlType};
use crate::Dialect;

use super::postgres_queries::{
    columns_sql, constraints_sql, enums_sql, in_scope, indexes_sql, objects_sql, tables_sql,
};

fn pg_action(code: &str) -> crate::model::ReferentialAction {
    action(match code {
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => "NO ACTION",
    })
}

/// `'[]'::jsonb` -> `'[]'`, `'-5'::integer` -> `-5`, `NULL::character varying` -> none.
pub(crate) fn normalize_default(expr: &str) -> Option<String> {
    let mut value = expr.trim().to_owned();
    // Strip the casts that end the whole expression (`'[]'::jsonb`), not one inside it
    // (`(now() + '90 days'::interval)` keeps its own).
    while let Some(i) = trailing_cast(&value) {
        value.truncate(i);
        value = value.trim().to_owned();
    }
    while is_parenthesized(&value) {
        value = value[1..value.len() - 1].trim().to_owned();
    }
    if value.eq_ignore_ascii_case("null") {
        return None;
    }
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        if !inner.is_empty() && inner.parse::<f64>().is_ok() {
            return Some(inner.to_owned());
        }
    }
    Some(value)
}

/// Where the last `::type` of `value` starts, when it casts the whole expression: outside
/// quotes and parentheses, with only a type name (and its modifier) after it.
fn trailing_cast(value: &str) -> Option<usize> {
    let (mut depth, mut quoted, mut last) = (0i32, false, None);
    let bytes = value.as_bytes();
    for (i, c) in value.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ':' if !quoted && depth == 0 && bytes.get(i + 1) == Some(&b':') => last = Some(i),
            _ => {}
        }
    }
    let i = last?;
    let tail = &value[i + 2..];
    let is_type = tail
        .chars()
        .all(|c| c.is_alphanumeric() || " _\"[](),".contains(c));
    is_type.then_some(i)
}

/// The PostgreSQL catalog.
pub(super) struct PostgresCatalog;

impl Catalog for PostgresCatalog {
    fn queries(&self, scope: &Scope) -> Vec<(&'static str, String)> {
        vec![
            ("tables", tables_sql(scope)),
            ("columns", columns_sql(scope)),
            ("constraints", constraints_sql(scope)),
            ("indexes", indexes_sql(&in_scope(scope, "n.nspname"))),
            ("enum types", enums_sql(scope)),
            ("views and triggers", objects_sql(scope)),
        ]
    }

    fn assemble(&self, results: Vec<Rows>) -> LiveSchema {
        let mut results = results.into_iter();
        let mut schema = LiveSchema::default();
        // The tables query alone leaves out an extension's tables: the others follow it.
        let mut tables = Vec::new();
        for row in next_rows(&mut results) {
            let table = schema.table_in_mut(row[2].as_deref(), &text(&row, 0));
            table.comment = row.get(1).cloned().flatten();
            tables.push((row[2].clone(), text(&row, 0)));
        }
        read_columns(&mut schema, next_rows(&mut results));
        read_constraints(&mut schema, next_rows(&mut results));
        for row in next_rows(&mut results) {
            let index = read_index(&row);
            let table = schema.table_in_mut(row[10].as_deref(), &text(&row, 0));
            table.indexes.push(index);
        }
        for row in next_rows(&mut results) {
            schema.enums.push(LiveEnum {
                name: text(&row, 0),
                values: split(row[1].as_deref()),
            });
        }
        schema.objects = read_objects(next_rows(&mut results));
        schema
            .tables
            .retain(|t| tables.iter().any(|(s, n)| *n == t.name && *s == t.schema));
        schema
    }

    fn check_text(&self, expr: &str) -> String {
        format!("CHECK (({expr}))")
    }

    /// `CHECK ((size > 0))` -> `(size > 0)` (`NOT VALID` dropped).
    fn model_check(&self, printed: &str) -> String {
        let text = printed.trim().trim_end_matches(" NOT VALID");
        text.strip_prefix("CHECK (")
            .and_then(|t| t.strip_suffix(')'))
            .unwrap_or(text)
            .to_owned()
    }

    fn predicate_text(&self, predicate: &str) -> String {
        format!("({predicate})")
    }

    fn type_name(&self, sql_type: SqlType) -> Result<String, RenderErrorKind> {
        format_type(sql_type)
    }

    fn normal_default(&self, rendered: &str) -> Option<String> {
        normalize_default(rendered)
    }

    fn identity_name(&self, identity: Identity) -> String {
        match identity.kind {
            IdentityKind::ByDefault => "by default",
            IdentityKind::Always => "always",
            IdentityKind::Serial => "serial",
        }
        .to_owned()
    }

    fn normalizes_on_server(&self) -> bool {
        true
    }

    fn scratch_read_sql(&self, scratch: &str) -> String {
        let name = Dialect::Postgres.string_literal(&Dialect::Postgres.quote(scratch));
        format!(
            "SELECT a.attnum::text, format_type(a.atttypid, a.atttypmod), \
               pg_get_expr(ad.adbin, ad.adrelid) \
             FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum \
             WHERE a.attrelid = {name}::regclass AND a.attnum > 0 ORDER BY a.attnum"
        )
    }

    fn parse_scratch(&self, rows: Rows, columns: usize) -> Vec<Option<(String, Option<String>)>> {
        let mut out = vec![None; columns];
        for row in rows {
            let Some(slot) = text(&row, 0)
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| out.get_mut(i))
            else {
                continue;
            };
            *slot = Some((text(&row, 1), row.get(2).cloned().flatten()));
        }
        out
    }

    fn scratch_checks_sql(&self, scratch: &str) -> String {
        let name = Dialect::Postgres.string_literal(&Dialect::Postgres.quote(scratch));
        format!(
            "SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE conrelid = {name}::regclass AND contype = 'c'"
        )
    }

    fn parse_scratch_checks(&self, rows: Rows) -> Vec<(String, String)> {
        rows.iter().map(|r| (text(r, 0), text(r, 1))).collect()
    }

    fn scratch_indexes_sql(&self, scratch: &str) -> String {
        let name = Dialect::Postgres.string_literal(&Dialect::Postgres.quote(scratch));
        indexes_sql(&format!("t.oid = {name}::regclass"))
    }

    fn parse_scratch_index(&self, row: &[Option<String>]) -> Option<LiveIndex> {
        Some(read_index(row))
    }

    fn scratch_drop_sql(&self, scratch: &str) -> String {
        format!("DROP TABLE IF EXISTS {}", Dialect::Postgres.quote(scratch))
    }
}

/// One row of [`indexes_sql`].
pub(super) fn read_index(row: &[Option<String>]) -> LiveIndex {
    let method = text(row, 7);
    LiveIndex {
        name: text(row, 1),
        unique: text(row, 2) == "true",
        columns: split(row[3].as_deref()),
        predicate: row.get(4).cloned().flatten(),
        descending: split(row[5].as_deref()),
        expr: row[6].as_deref().map(|e| split(Some(e)).join(", ")),
        method: (method != "btree").then_some(method),
        include: split(row[8].as_deref()),
        nulls_not_distinct: text(row, 9) == "true",
    }
}

pub(super) fn read_objects(rows: Rows) -> Vec<LiveObject> {
    rows.iter()
        .filter_map(|row| {
            let kind = match text(row, 0).as_str() {
                "view" => ObjectKind::View,
                "materialized view" => ObjectKind::MaterializedView,
                "trigger" => ObjectKind::Trigger,
                "extension" => ObjectKind::Extension,
                "function" => ObjectKind::Function,
                "sequence" => ObjectKind::Sequence,
                "domain" => ObjectKind::Domain,
                "collation" => ObjectKind::Collation,
                _ => return None,
            };
            Some(LiveObject {
                kind,
                name: text(row, 1),
                table: row.get(2).cloned().flatten(),
                definition: row.get(3).cloned().flatten(),
            })
        })
        .collect()
}

fn read_columns(schema: &mut LiveSchema, rows: Rows) {
    for row in rows {
        let table = schema.table_in_mut(row[9].as_deref(), &text(&row, 0));
        let default = row.get(4).cloned().flatten();
        let serial = text(&row, 6) == "serial"
            && default
                .as_deref()
                .is_some_and(|d| d.starts_with("nextval("));
        let identity = match text(&row, 5).as_str() {
            "a" => Some("always"),
            "d" => Some("by default"),
            _ if serial => Some("serial"),
            _ => None,
        };
        let mut column = LiveColumn::new(
            text(&row, 1),
            text(&row, 2),
            text(&row, 3) == "YES",
            // A serial column's default is its sequence: part of the identity, not a default.
            default
                .filter(|_| !serial)
                .and_then(|d| normalize_default(&d)),
        );
        column.identity = identity.map(str::to_owned);
        column.comment = row.get(7).cloned().flatten();
        column.collation = row.get(8).cloned().flatten();
        table.columns.push(column);
    }
}

fn read_constraints(schema: &mut LiveSchema, rows: Rows) {
    for row in rows {
        let table = schema.table_in_mut(row[11].as_deref(), &text(&row, 0));
        let mut key = LiveKey::new(Some(text(&row, 1)), split(row[3].as_deref()));
        match text(&row, 2).as_str() {
            "p" => table.primary_key = Some(key),
            "u" => {
                key.nulls_not_distinct = text(&row, 9) == "true";
                table.uniques.push(key);
            }
            "c" => table.checks.push(LiveCheck {
                name: key.name,
                expr: text(&row, 8),
            }),
            _ => table.foreign_keys.push(LiveForeignKey {
                name: key.name,
                columns: key.columns,
                ref_table: text(&row, 4),
                ref_schema: row.get(10).cloned().flatten(),
                ref_columns: split(row[5].as_deref()),
                on_delete: pg_action(&text(&row, 6)),
                on_update: pg_action(&text(&row, 7)),
            }),
        }
    }
}

/// PostgreSQL's `format_type` spelling of a type (a pass-through type is normalised by the
/// server: see [`super::server`]).
fn format_type(t: SqlType) -> Result<String, RenderErrorKind> {
    Ok(match t {
        SqlType::Uuid => "uuid".into(),
        SqlType::Varchar(None) => "character varying".into(),
        SqlType::Varchar(Some(n)) => format!("character varying({n})"),
        SqlType::Text => "text".into(),
        SqlType::SmallInt => "smallint".into(),
        SqlType::Integer => "integer".into(),
        SqlType::BigInt => "bigint".into(),
        SqlType::Real => "real".into(),
        SqlType::Double => "double precision".into(),
        SqlType::Boolean => "boolean".into(),
        SqlType::Bytes => "bytea".into(),
        SqlType::Timestamp => "timestamp without time zone".into(),
        SqlType::TimestampTz => "timestamp with time zone".into(),
        SqlType::Date => "date".into(),
        SqlType::Json => "json".into(),
        SqlType::Jsonb => "jsonb".into(),
        SqlType::Numeric(None) => "numeric".into(),
        SqlType::Numeric(Some((p, s))) => format!("numeric({p},{s})"),
        SqlType::Char(n) => format!("character({n})"),
        SqlType::Time => "time without time zone".into(),
        SqlType::TinyIntUnsigned => "smallint".into(),
        SqlType::SmallIntUnsigned => "integer".into(),
        SqlType::IntegerUnsigned => "bigint".into(),
        SqlType::BigIntUnsigned => "numeric(20,0)".into(),
        SqlType::Array(element) => format!("{}[]", format_type(*element)?),
        SqlType::Inet => "inet".into(),
        SqlType::Interval => "interval".into(),
        SqlType::Custom(_) => Dialect::Postgres.column_type(t)?,
        SqlType::Enum(e) => {
            // `format_type` quotes a name only when it must.
            let plain = e
                .name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                && e.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if plain {
                e.name.to_owned()
            } else {
                Dialect::Postgres.quote(e.name)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::normalize_default;

    #[test]
    fn defaults_lose_their_casts() {
        assert_eq!(normalize_default("'[]'::jsonb").as_deref(), Some("'[]'"));
        assert_eq!(
            normalize_default("''::character varying").as_deref(),
            Some("''")
        );
        assert_eq!(normalize_default("'-5'::integer").as_deref(), Some("-5"));
        assert_eq!(normalize_default("false").as_deref(), Some("false"));
        assert_eq!(normalize_default("NULL::character varying"), None);
        assert_eq!(normalize_default("'a::b'::text").as_deref(), Some("'a::b'"));
        assert_eq!(normalize_default("now()").as_deref(), Some("now()"));
        assert_eq!(
            normalize_default("(now() + '90 days'::interval)").as_deref(),
            Some("now() + '90 days'::interval")
        );
        assert_eq!(
            normalize_default("nextval('seq'::regclass)").as_deref(),
            Some("nextval('seq'::regclass)")
        );
        assert_eq!(
            normalize_default("('a'::text || 'b'::text)").as_deref(),
            Some("'a'::text || 'b'::text")
        );
    }
}
