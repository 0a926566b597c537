//! PostgreSQL: six queries on `pg_catalog` for the current schema and those the model names. Types read as
//! `format_type` spells them, defaults as `pg_get_expr` does, without their trailing casts.

use super::{
    action, next_rows, split, text, Catalog, LiveCheck, LiveColumn, LiveEnum, LiveForeignKey,
    LiveIndex, LiveKey, LiveObject, LiveSchema, Rows, Scope,
};
use crate::dialect::{is_parenthesized, RenderErrorKind};
use crate::model::{Identity, IdentityKind, ObjectKind, SqlType};
use crate::Dialect;

/// The schemas read: the current one, and those the model names (`#[table(schema = ..)]`).
/// Each query's last column is the table's schema, NULL for the current one.
fn in_scope(scope: &Scope, column: &str) -> String {
    let mut names = vec!["current_schema()::text".to_owned()];
    names.extend(
        scope
            .schemas
            .iter()
            .map(|s| Dialect::Postgres.string_literal(s)),
    );
    format!("{column} = ANY(ARRAY[{}])", names.join(", "))
}

const SCHEMA_OF_N: &str =
    "CASE WHEN n.nspname = current_schema() THEN NULL ELSE n.nspname::text END";

const OWNED_BY_EXTENSION: &str = "EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid \
     AND e.classid = 'pg_class'::regclass AND e.deptype = 'e')";

fn tables_sql(scope: &Scope) -> String {
    format!(
        "SELECT c.relname::text, ds.description, {SCHEMA_OF_N} \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass \
           AND ds.objsubid = 0 \
         WHERE {} AND c.relkind IN ('r', 'p') AND NOT {OWNED_BY_EXTENSION} ORDER BY c.relname",
        in_scope(scope, "n.nspname")
    )
}

// `attidentity` (`a` always, `d` by default), and whether a sequence belongs to the column
// (`SERIAL`: its default is that sequence's `nextval`); the comment, and the collation when
// it is not the type's.
fn columns_sql(scope: &Scope) -> String {
    format!(
        "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), \
           CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END, pg_get_expr(d.adbin, d.adrelid), \
           a.attidentity::text, \
           CASE WHEN EXISTS (SELECT 1 FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S' \
             WHERE dep.classid = 'pg_class'::regclass AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum \
               AND dep.deptype = 'a') THEN 'serial' END, \
           ds.description, \
           CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN co.collname::text END, \
           {SCHEMA_OF_N} \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
         JOIN pg_type ty ON ty.oid = a.atttypid \
         LEFT JOIN pg_collation co ON co.oid = a.attcollation \
         LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum \
         LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass \
           AND ds.objsubid = a.attnum \
         WHERE {} AND c.relkind IN ('r', 'p') \
         ORDER BY c.relname, a.attnum",
        in_scope(scope, "n.nspname")
    )
}

/// Keys, foreign keys and CHECKs; a CHECK as `pg_get_constraintdef` prints it.
fn constraints_sql(scope: &Scope) -> String {
    format!(
        "SELECT c.relname::text, k.conname::text, k.contype::text, \
           (SELECT string_agg(a.attname::text, chr(31) ORDER BY x.ord) FROM unnest(k.conkey) WITH ORDINALITY AS x(attnum, ord) \
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum), \
           r.relname::text, \
           (SELECT string_agg(a.attname::text, chr(31) ORDER BY x.ord) FROM unnest(k.confkey) WITH ORDINALITY AS x(attnum, ord) \
              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = x.attnum), \
           k.confdeltype::text, k.confupdtype::text, \
           CASE WHEN k.contype = 'c' THEN pg_get_constraintdef(k.oid) END, \
           CASE WHEN k.contype = 'u' THEN \
             (SELECT to_jsonb(ix) ->> 'indnullsnotdistinct' FROM pg_index ix WHERE ix.indexrelid = k.conindid) END, \
           CASE WHEN rn.nspname = current_schema() THEN NULL ELSE rn.nspname::text END, \
           {SCHEMA_OF_N} \
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         LEFT JOIN pg_class r ON r.oid = k.confrelid LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace \
         WHERE {} AND k.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p') \
         ORDER BY c.relname, k.conname",
        in_scope(scope, "n.nspname")
    )
}

/// Key columns of index `ix` (positions up to `indnkeyatts`) matching `filter`, joined.
fn index_columns(filter: &str) -> String {
    format!(
        "(SELECT string_agg(a.attname::text, chr(31) ORDER BY x.ord) \
           FROM unnest(ix.indkey) WITH ORDINALITY AS x(attnum, ord) \
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.attnum WHERE {filter})"
    )
}

/// Every index not behind a constraint: key columns, the descending ones, expression keys as
/// `pg_get_indexdef` prints them, predicate, access method, INCLUDE columns, NULLS NOT
/// DISTINCT. Also the query reading back the server's normal form of a scratch table's.
pub(super) fn indexes_sql(relations: &str) -> String {
    format!(
        "SELECT t.relname::text, i.relname::text, ix.indisunique::text, {}, \
           pg_get_expr(ix.indpred, ix.indrelid), {}, \
           (SELECT string_agg(pg_get_indexdef(ix.indexrelid, x.ord::int, true), chr(31) ORDER BY x.ord) \
              FROM unnest(ix.indkey) WITH ORDINALITY AS x(attnum, ord) WHERE x.attnum = 0 AND x.ord <= ix.indnkeyatts), \
           am.amname::text, {}, CASE WHEN ix.indisunique THEN to_jsonb(ix) ->> 'indnullsnotdistinct' END, \
           {SCHEMA_OF_N} \
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE {relations} AND t.relkind IN ('r', 'p') \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ix.indexrelid AND k.contype IN ('p', 'u', 'x')) \
         ORDER BY t.relname, i.relname",
        index_columns("x.ord <= ix.indnkeyatts"),
        index_columns("x.ord <= ix.indnkeyatts AND ix.indoption[x.ord - 1] & 1 = 1"),
        index_columns("x.ord > ix.indnkeyatts"),
    )
}

fn enums_sql(scope: &Scope) -> String {
    format!(
        "SELECT t.typname::text, string_agg(e.enumlabel::text, chr(31) ORDER BY e.enumsortorder) \
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE {} GROUP BY t.typname",
        in_scope(scope, "n.nspname")
    )
}

/// Views, materialized views, (user) triggers and extensions (but PL/pgSQL, always there).
fn objects_sql(scope: &Scope) -> String {
    let schemas = in_scope(scope, "n.nspname");
    format!(
        "SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, c.relname::text, NULL \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {schemas} AND c.relkind IN ('v', 'm') AND NOT {OWNED_BY_EXTENSION} \
         UNION ALL \
         SELECT 'trigger', tg.tgname::text, c.relname::text \
         FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {schemas} AND NOT tg.tgisinternal \
         UNION ALL \
         SELECT 'extension', e.extname::text, NULL FROM pg_extension e WHERE e.extname <> 'plpgsql'"
    )
}

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
                _ => return None,
            };
            Some(LiveObject {
                kind,
                name: text(row, 1),
                table: row.get(2).cloned().flatten(),
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
