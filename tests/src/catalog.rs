//! What a live database holds, read with each database's own catalog queries.
//!
//! An independent reader on purpose: a test oracle that shares no code with `schema_core::introspect`,
//! so a bug there cannot hide itself in the tests that compare catalogs.

use schema_core::db::Pool;
use schema_core::Dialect;

use crate::strings;

/// One column as the catalog reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub sql_type: String,
    pub nullable: bool,
    pub default: String,
    /// What else the catalog says of the column: PostgreSQL's precision, scale, length and
    /// identity; MySQL's `extra` (`auto_increment`, `on update ...`); SQLite's primary-key
    /// position and whether its table says `AUTOINCREMENT`.
    pub detail: String,
}

/// One index (including those behind primary keys and unique constraints).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Index {
    pub table: String,
    pub name: String,
    pub columns: Vec<String>,
    pub unique: bool,
    /// The rest of its form: PostgreSQL's `pg_get_indexdef` (expression, order, predicate,
    /// method, INCLUDE); SQLite's keys from `index_xinfo` (expression or column, order,
    /// collation) and whether it is partial; MySQL's key order.
    pub definition: String,
}

/// One foreign key. SQLite keeps no constraint names: `name` is empty there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    pub table: String,
    pub name: String,
    pub columns: Vec<String>,
    pub ref_table: String,
    pub on_delete: String,
    pub on_update: String,
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Columns of `table`, in order.
pub async fn columns(pool: &Pool, table: &str) -> Vec<Column> {
    let sql = match pool.dialect() {
        Dialect::Postgres => format!(
            "SELECT column_name::text, data_type::text, is_nullable::text, coalesce(column_default, '')::text, \
               concat_ws(' ', numeric_precision, numeric_scale, character_maximum_length, udt_name, \
                 'identity=' || is_identity, identity_generation) \
             FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' \
             ORDER BY ordinal_position"
        ),
        Dialect::Sqlite => format!(
            // The rowid alias (the one `INTEGER` key column) is never NULL, declared so or not.
            "SELECT name, type, CASE WHEN \"notnull\" OR (pk = 1 AND upper(type) = 'INTEGER' \
                 AND (SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE pk > 0) = 1) \
                 THEN 'NO' ELSE 'YES' END, coalesce(dflt_value, ''), \
               'pk=' || pk || CASE WHEN (SELECT upper(sql) FROM sqlite_master WHERE name = '{table}') \
                 LIKE '%AUTOINCREMENT%' THEN ' autoincrement' ELSE '' END \
             FROM pragma_table_info('{table}') ORDER BY cid"
        ),
        Dialect::MySql => format!(
            "SELECT CAST(column_name AS CHAR), CAST(column_type AS CHAR), CAST(is_nullable AS CHAR), \
             CAST(coalesce(column_default, '') AS CHAR), CAST(extra AS CHAR) FROM information_schema.columns \
             WHERE table_schema = DATABASE() AND table_name = '{table}' ORDER BY ordinal_position"
        ),
    };
    strings(pool, &sql)
        .await
        .into_iter()
        .map(|r| Column {
            name: r[0].clone(),
            sql_type: r[1].clone(),
            nullable: r[2] == "YES",
            default: r[3].clone(),
            detail: r[4].clone(),
        })
        .collect()
}

/// Every index of the schema, sorted.
pub async fn indexes(pool: &Pool) -> Vec<Index> {
    let sql = match pool.dialect() {
        Dialect::Postgres => "SELECT t.relname::text, i.relname::text, \
               COALESCE((SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
                 FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum), ''), \
               CASE WHEN ix.indisunique THEN '1' ELSE '0' END, pg_get_indexdef(ix.indexrelid) \
             FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             WHERE n.nspname = current_schema()"
            .to_owned(),
        Dialect::Sqlite => "SELECT m.name, il.name, \
               COALESCE((SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)), ''), \
               CAST(il.\"unique\" AS TEXT), \
               COALESCE((SELECT group_concat(COALESCE(x.name, '<expr>') || ' ' || x.\"desc\" || ' ' || x.coll, ',') \
                 FROM (SELECT * FROM pragma_index_xinfo(il.name) WHERE \"key\" = 1 ORDER BY seqno) x), '') \
                 || ' partial ' || il.partial \
             FROM sqlite_master m, pragma_index_list(m.name) il WHERE m.type = 'table'"
            .to_owned(),
        Dialect::MySql => "SELECT CAST(table_name AS CHAR), CAST(index_name AS CHAR), \
               CAST(GROUP_CONCAT(column_name ORDER BY seq_in_index) AS CHAR), CAST(1 - non_unique AS CHAR), \
               CAST(GROUP_CONCAT(CONCAT(column_name, ' ', COALESCE(collation, '-'), ' ', index_type) \
                 ORDER BY seq_in_index) AS CHAR) \
             FROM information_schema.statistics WHERE table_schema = DATABASE() \
             GROUP BY table_name, index_name, non_unique"
            .to_owned(),
    };
    let mut out: Vec<Index> = strings(pool, &sql)
        .await
        .into_iter()
        .map(|r| Index {
            table: r[0].clone(),
            name: r[1].clone(),
            columns: split(&r[2]),
            unique: r[3] == "1",
            definition: r[4].clone(),
        })
        .collect();
    out.sort();
    out
}

/// Every foreign key of the schema, sorted.
pub async fn foreign_keys(pool: &Pool) -> Vec<ForeignKey> {
    let sql = match pool.dialect() {
        Dialect::Postgres => "SELECT t.relname::text, c.conname::text, \
               (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) \
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), \
               r.relname::text, \
               CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' \
                 WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END, \
               CASE c.confupdtype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' \
                 WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END \
             FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid \
             JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()"
            .to_owned(),
        Dialect::Sqlite => "SELECT m.name, '', group_concat(f.\"from\", ','), f.\"table\", f.on_delete, f.on_update \
             FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' \
             GROUP BY m.name, f.id"
            .to_owned(),
        Dialect::MySql => "SELECT CAST(rc.table_name AS CHAR), CAST(rc.constraint_name AS CHAR), \
               CAST(GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position) AS CHAR), \
               CAST(rc.referenced_table_name AS CHAR), CAST(rc.delete_rule AS CHAR), CAST(rc.update_rule AS CHAR) \
             FROM information_schema.referential_constraints rc JOIN information_schema.key_column_usage k \
               ON k.constraint_schema = rc.constraint_schema AND k.constraint_name = rc.constraint_name \
               AND k.table_name = rc.table_name \
             WHERE rc.constraint_schema = DATABASE() \
             GROUP BY rc.table_name, rc.constraint_name, rc.referenced_table_name, rc.delete_rule, rc.update_rule"
            .to_owned(),
    };
    let mut out: Vec<ForeignKey> = strings(pool, &sql)
        .await
        .into_iter()
        .map(|r| ForeignKey {
            table: r[0].clone(),
            name: r[1].clone(),
            columns: split(&r[2]),
            ref_table: r[3].clone(),
            on_delete: r[4].clone(),
            on_update: r[5].clone(),
        })
        .collect();
    out.sort();
    out
}

/// PostgreSQL's enum types in the current schema (other dialects have none), sorted.
pub async fn enum_types(pool: &Pool) -> Vec<String> {
    if pool.dialect() != Dialect::Postgres {
        return Vec::new();
    }
    let mut out: Vec<String> = strings(
        pool,
        "SELECT t.typname::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE n.nspname = current_schema() AND t.typtype = 'e'",
    )
    .await
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    out.sort();
    out
}

/// PostgreSQL's enum types with their labels in order (`status:draft,published`), sorted;
/// other dialects have none (MySQL's labels are in the column type).
pub async fn enum_labels(pool: &Pool) -> Vec<String> {
    if pool.dialect() != Dialect::Postgres {
        return Vec::new();
    }
    let mut out: Vec<String> = strings(
        pool,
        "SELECT t.typname::text || ':' || string_agg(e.enumlabel::text, ',' ORDER BY e.enumsortorder) \
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid \
         WHERE n.nspname = current_schema() GROUP BY t.typname",
    )
    .await
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    out.sort();
    out
}

/// Everything the catalog says about the schema, in an order-independent form: what "the
/// catalog equals" means in the tests. Columns are compared by name (a column re-added by a
/// downgrade comes back last: no database can put it back in place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub tables: Vec<String>,
    pub columns: Vec<(String, Vec<Column>)>,
    pub indexes: Vec<Index>,
    pub foreign_keys: Vec<ForeignKey>,
    pub enum_types: Vec<String>,
    /// PostgreSQL enum labels (see [`enum_labels`]).
    pub enum_labels: Vec<String>,
    /// PostgreSQL materialized views.
    pub views: Vec<String>,
}

/// The whole schema's catalog.
pub async fn snapshot(pool: &Pool) -> Snapshot {
    let tables = pool
        .table_names()
        .await
        .unwrap_or_else(|e| panic!("listing tables: {e}"));
    let mut columns_by_table = Vec::new();
    for table in &tables {
        let mut cols = columns(pool, table).await;
        cols.sort_by(|a, b| a.name.cmp(&b.name));
        columns_by_table.push((table.clone(), cols));
    }
    let views = if pool.dialect() == Dialect::Postgres {
        let mut v: Vec<String> = strings(
            pool,
            "SELECT matviewname::text FROM pg_matviews WHERE schemaname = current_schema()",
        )
        .await
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
        v.sort();
        v
    } else {
        Vec::new()
    };
    Snapshot {
        tables,
        columns: columns_by_table,
        indexes: indexes(pool).await,
        foreign_keys: foreign_keys(pool).await,
        enum_types: enum_types(pool).await,
        enum_labels: enum_labels(pool).await,
        views,
    }
}

impl Snapshot {
    /// The first difference, readable, or `None`.
    pub fn difference(&self, other: &Snapshot) -> Option<String> {
        if self.tables != other.tables {
            return Some(format!("tables: {:?} vs {:?}", self.tables, other.tables));
        }
        for ((t, a), (_, b)) in self.columns.iter().zip(&other.columns) {
            if a != b {
                return Some(format!("columns of {t}:\n{a:#?}\nvs\n{b:#?}"));
            }
        }
        if self.indexes != other.indexes {
            let only_a: Vec<&Index> = self
                .indexes
                .iter()
                .filter(|i| !other.indexes.contains(i))
                .collect();
            let only_b: Vec<&Index> = other
                .indexes
                .iter()
                .filter(|i| !self.indexes.contains(i))
                .collect();
            return Some(format!(
                "indexes only in the first: {only_a:#?}\nonly in the second: {only_b:#?}"
            ));
        }
        if self.foreign_keys != other.foreign_keys {
            return Some(format!(
                "foreign keys: {:#?} vs {:#?}",
                self.foreign_keys, other.foreign_keys
            ));
        }
        if self.enum_labels != other.enum_labels {
            return Some(format!(
                "enum labels: {:?} vs {:?}",
                self.enum_labels, other.enum_labels
            ));
        }
        if self.enum_types != other.enum_types || self.views != other.views {
            return Some(format!(
                "types/views: {:?} {:?} vs {:?} {:?}",
                self.enum_types, self.views, other.enum_types, other.views
            ));
        }
        None
    }
}
