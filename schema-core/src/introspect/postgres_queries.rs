//! PostgreSQL's catalog queries: six set-based reads of `pg_catalog`, for the current schema
//! and those the model names.

use super::Scope;
use crate::Dialect;

/// The schemas read: the current one, and those the model names (`#[table(schema = ..)]`).
/// Each query's last column is the table's schema, NULL for the current one.
pub(super) fn in_scope(scope: &Scope, column: &str) -> String {
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

pub(super) fn tables_sql(scope: &Scope) -> String {
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
pub(super) fn columns_sql(scope: &Scope) -> String {
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
pub(super) fn constraints_sql(scope: &Scope) -> String {
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

pub(super) fn enums_sql(scope: &Scope) -> String {
    format!(
        "SELECT t.typname::text, string_agg(e.enumlabel::text, chr(31) ORDER BY e.enumsortorder) \
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE {} GROUP BY t.typname",
        in_scope(scope, "n.nspname")
    )
}

/// Views, materialized views, (user) triggers, extensions (but PL/pgSQL, always there),
/// functions, the sequences no column owns (a `SERIAL` or identity column's is part of it),
/// domains and collations.
pub(super) fn objects_sql(scope: &Scope) -> String {
    let schemas = in_scope(scope, "n.nspname");
    format!(
        "SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, c.relname::text, NULL, NULL \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {schemas} AND c.relkind IN ('v', 'm') AND NOT {OWNED_BY_EXTENSION} \
         UNION ALL \
         SELECT 'trigger', tg.tgname::text, c.relname::text, NULL \
         FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {schemas} AND NOT tg.tgisinternal \
         UNION ALL \
         SELECT 'extension', e.extname::text, NULL, NULL FROM pg_extension e WHERE e.extname <> 'plpgsql' \
         UNION ALL \
         SELECT 'function', p.proname::text, NULL, NULL \
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
         WHERE {schemas} AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid \
           AND e.classid = 'pg_proc'::regclass AND e.deptype = 'e') \
         UNION ALL \
         SELECT 'sequence', c.relname::text, NULL, NULL \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {schemas} AND c.relkind = 'S' AND NOT {OWNED_BY_EXTENSION} \
           AND NOT EXISTS (SELECT 1 FROM pg_depend o WHERE o.objid = c.oid \
             AND o.classid = 'pg_class'::regclass AND o.deptype IN ('a', 'i')) \
         UNION ALL \
         {DOMAINS} \
         UNION ALL \
         {COLLATIONS}"
    )
}

/// Each domain, with the `CREATE DOMAIN` that makes it again.
const DOMAINS: &str = "SELECT 'domain', t.typname::text, NULL, \
       'CREATE DOMAIN ' || quote_ident(t.typname) || ' AS ' || format_type(t.typbasetype, t.typtypmod) \
       || COALESCE(' DEFAULT ' || t.typdefault, '') || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END \
       || COALESCE((SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid), '' \
            ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid), '') \
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
     WHERE n.nspname = current_schema() AND t.typtype = 'd' \
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = t.oid AND e.classid = 'pg_type'::regclass \
         AND e.deptype = 'e')";

/// Each collation made in the schema, with the `CREATE COLLATION` that makes it again (its
/// locale column is `colliculocale` on PostgreSQL 15 and 16, `colllocale` after).
const COLLATIONS: &str = "SELECT 'collation', c.collname::text, NULL, \
       'CREATE COLLATION ' || quote_ident(c.collname) || ' (provider = ' \
       || CASE c.collprovider WHEN 'i' THEN 'icu' ELSE 'libc' END || ', locale = ' \
       || quote_literal(COALESCE(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale', c.collcollate)) \
       || CASE WHEN c.collisdeterministic THEN '' ELSE ', deterministic = false' END || ')' \
     FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace \
     WHERE n.nspname = current_schema()";
