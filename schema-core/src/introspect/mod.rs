//! Reading a live database into a schema model: tables, columns (type, nullability, default),
//! primary keys, unique constraints, indexes (with a partial predicate where the dialect has
//! one), foreign keys with their actions, and enum types.
//!
//! Each dialect reads its whole schema in a few set-based catalog queries, never one query per
//! table: PostgreSQL through `pg_catalog`, SQLite through its `pragma_*` table functions,
//! MySQL/MariaDB through `information_schema`.
//!
//! Names the catalog does not keep are `None`: SQLite keeps no constraint names, MySQL names
//! every primary key `PRIMARY`. Types and defaults are kept in one normal form per dialect
//! (see [`expected`]), so a model and a live database compare as text.

mod expected;
mod live;
mod model_type;
mod mysql;
mod mysql_text;
mod postgres;
mod postgres_queries;
mod server;
mod sql_text;
mod sqlite;

pub use expected::expected;
pub use live::{
    LiveCheck, LiveColumn, LiveEnum, LiveForeignKey, LiveIndex, LiveKey, LiveObject, LiveSchema,
    LiveTable,
};
pub use model_type::{model_type, pass_through};

use crate::db::{Conn, ConnectError, SQLITE_BUSY_TIMEOUT};
use crate::dialect::PerDialect;
use crate::dialect::{RenderError, RenderErrorKind};
use crate::model::{
    ColumnDef, Identity, OnUpdate, ReferentialAction, SchemaState, SqlType, TableState,
};
use crate::Dialect;

/// Why introspection failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IntrospectError {
    /// No connection.
    #[error(transparent)]
    Connect(#[from] ConnectError),
    /// A catalog query failed.
    #[error("reading the {dialect} catalog ({what}): {source}")]
    Query {
        /// The dialect.
        dialect: &'static str,
        /// Which query.
        what: &'static str,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
    /// The model has what this dialect cannot store (the check cannot say what it would be).
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// Separates list items inside one catalog value (a character no identifier holds).
pub(crate) const SEP: char = '\u{1f}';

pub(crate) fn split(list: Option<&str>) -> Vec<String> {
    list.map(|l| {
        l.split(SEP)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

pub(crate) type Rows = Vec<Vec<Option<String>>>;

pub(crate) fn text(row: &[Option<String>], i: usize) -> String {
    row.get(i).cloned().flatten().unwrap_or_default()
}

/// How one database's catalog is read, and how it spells what it reports: the per-database
/// half of introspection (`postgres.rs`, `sqlite.rs`, `mysql.rs`), kept as plain functions of
/// rows so that reading stays one set-based query per kind of object.
pub(crate) trait Catalog: Sync {
    /// The catalog queries, each with what it reads (for errors), run in this order.
    fn queries(&self, scope: &Scope) -> Vec<(&'static str, String)>;

    /// A CHECK expression as rendered for this dialect, in the catalog's normal form (what
    /// the server prints is then read back where it can: [`server`]).
    fn check_text(&self, expr: &str) -> String {
        expr.to_owned()
    }

    /// A CHECK as this catalog prints it, as a model's expression.
    fn model_check(&self, printed: &str) -> String {
        printed.to_owned()
    }

    /// A partial index's predicate, in the catalog's normal form.
    fn predicate_text(&self, predicate: &str) -> String {
        predicate.to_owned()
    }

    /// A collation as the catalog reports it (`None`: the default, which it does not list).
    fn collation_name(&self, declared: &str) -> Option<String> {
        Some(declared.to_owned())
    }

    /// The schema, from the rows of [`Catalog::queries`], in the same order.
    fn assemble(&self, results: Vec<Rows>) -> LiveSchema;

    /// A model type as this catalog reports it.
    fn type_name(&self, sql_type: SqlType) -> Result<String, RenderErrorKind>;

    /// A column's type as this catalog reports it (SQLite's rowid is `INTEGER` whatever its
    /// Rust type).
    fn column_type_name(&self, column: &ColumnDef) -> Result<String, RenderErrorKind> {
        self.type_name(column.sql_type)
    }

    /// A default as rendered for this dialect, in the catalog's normal form (`None`: none).
    fn normal_default(&self, rendered: &str) -> Option<String>;

    /// A referential action in the catalog's normal form.
    fn normal_action(&self, action: ReferentialAction) -> ReferentialAction {
        action
    }

    /// How this catalog reports an identity column.
    fn identity_name(&self, identity: Identity) -> String;

    /// What the catalog would add to the model's `table` by itself (SQLite's rowid).
    fn expected_table(&self, _table: &mut LiveTable, _model: &TableState) {}

    /// How this catalog reports an `ON UPDATE` value (`None`: it keeps none).
    fn on_update_name(
        &self,
        _on_update: OnUpdate,
        _sql_type: SqlType,
    ) -> Result<Option<String>, RenderErrorKind> {
        Ok(None)
    }

    /// Whether the server itself must normalise declared expressions and pass-through types
    /// before they compare (PostgreSQL rewrites `now() + INTERVAL '90 day'`): see
    /// [`server`]. The three methods after it say how.
    fn normalizes_on_server(&self) -> bool {
        false
    }

    /// The query that reads back the columns `c0`, `c1`, ... of the temporary table `scratch`.
    fn scratch_read_sql(&self, _scratch: &str) -> String {
        String::new()
    }

    /// Its rows as `(type, default)` for each of the `columns` columns, in order.
    fn parse_scratch(&self, _rows: Rows, columns: usize) -> Vec<Option<(String, Option<String>)>> {
        vec![None; columns]
    }

    /// Drops the temporary table.
    fn scratch_drop_sql(&self, scratch: &str) -> String {
        format!("DROP TABLE IF EXISTS {scratch}")
    }

    /// The query that lists the CHECKs of the temporary table `scratch` (empty: the server
    /// does not print them, and the check compares [`Catalog::check_text`]).
    fn scratch_checks_sql(&self, _scratch: &str) -> String {
        String::new()
    }

    /// Its rows as `(name, expression)`, in this catalog's normal form.
    fn parse_scratch_checks(&self, _rows: Rows) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The query that lists the indexes of the temporary table `scratch`, as
    /// [`Catalog::queries`] reads them (empty: the server prints no index expressions).
    fn scratch_indexes_sql(&self, _scratch: &str) -> String {
        String::new()
    }

    /// One of its rows.
    fn parse_scratch_index(&self, _row: &[Option<String>]) -> Option<LiveIndex> {
        None
    }

    /// A type as the server reported it, in this catalog's normal form.
    fn normal_type(&self, reported: &str) -> String {
        reported.to_owned()
    }
}

/// What a catalog read covers besides the current schema.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    /// Other PostgreSQL schemas, those the model's tables are in.
    pub(crate) schemas: Vec<String>,
}

impl Scope {
    /// The schemas `state`'s tables name.
    pub(crate) fn of(state: &SchemaState) -> Scope {
        let mut schemas: Vec<String> = state
            .tables
            .iter()
            .filter_map(|t| t.schema.map(str::to_owned))
            .collect();
        schemas.sort();
        schemas.dedup();
        Scope { schemas }
    }
}

/// Each database's catalog reader.
const CATALOGS: PerDialect<&'static dyn Catalog> = PerDialect {
    postgres: &postgres::PostgresCatalog,
    sqlite: &sqlite::SqliteCatalog,
    mysql: &mysql::MySqlCatalog,
};

/// The catalog reader of `dialect`.
pub(crate) fn catalog(dialect: Dialect) -> &'static dyn Catalog {
    *CATALOGS.get(dialect)
}

/// The schema of the database at `url` (leaving out `ignore`), and what `state` would be in
/// it, read in one session: where the catalog rewrites declared expressions (PostgreSQL), the
/// server normalises the model's own in that session, so the two compare exactly.
pub async fn live_and_expected(
    url: &str,
    state: &SchemaState,
    ignore: &[&str],
) -> Result<(LiveSchema, LiveSchema), IntrospectError> {
    let mut conn = Conn::open(url, SQLITE_BUSY_TIMEOUT).await?;
    let result = async {
        let live = introspect_conn(&mut conn, ignore, &Scope::of(state)).await?;
        let mut wanted = expected(state, conn.dialect())?;
        if catalog(conn.dialect()).normalizes_on_server() {
            server::normalize(&mut conn, state, &mut wanted).await;
            server::normalize_expressions(&mut conn, state, &mut wanted).await;
        }
        Ok((live, wanted))
    }
    .await;
    conn.close().await;
    result
}

/// Reads the schema of the database at `url`, leaving out `ignore` (the version table).
pub async fn introspect(url: &str, ignore: &[&str]) -> Result<LiveSchema, IntrospectError> {
    let mut conn = Conn::open(url, SQLITE_BUSY_TIMEOUT).await?;
    let result = introspect_conn(&mut conn, ignore, &Scope::default()).await;
    conn.close().await;
    result
}

/// Reads the schema on `conn`, leaving out `ignore`, with the PostgreSQL `schemas` besides the
/// current one (for `schema import`).
pub(crate) async fn introspect_in(
    conn: &mut Conn,
    ignore: &[&str],
    schemas: &[String],
) -> Result<LiveSchema, IntrospectError> {
    let scope = Scope {
        schemas: schemas.to_vec(),
    };
    introspect_conn(conn, ignore, &scope).await
}

/// A CHECK as the catalog prints it, as the expression a model declares (PostgreSQL's
/// `CHECK ((size > 0))` is `(size > 0)`).
pub fn model_check(dialect: Dialect, printed: &str) -> String {
    catalog(dialect).model_check(printed)
}

pub(crate) async fn introspect_conn(
    conn: &mut Conn,
    ignore: &[&str],
    scope: &Scope,
) -> Result<LiveSchema, IntrospectError> {
    let dialect = conn.dialect();
    let reader = catalog(dialect);
    let mut results = Vec::new();
    for (what, sql) in reader.queries(scope) {
        let rows = conn
            .text_rows(&sql)
            .await
            .map_err(|source| IntrospectError::Query {
                dialect: dialect.name(),
                what,
                source,
            })?;
        results.push(rows);
    }
    let mut schema = reader.assemble(results);
    schema.tables.retain(|t| !ignore.contains(&t.name.as_str()));
    schema.sort();
    Ok(schema)
}

/// The next query's rows (none when a reader asked for fewer).
pub(crate) fn next_rows(results: &mut std::vec::IntoIter<Rows>) -> Rows {
    results.next().unwrap_or_default()
}

/// A referential action from its SQL words (`NO ACTION`, `SET NULL`, ...).
pub(crate) fn action(words: &str) -> ReferentialAction {
    match words.to_ascii_uppercase().as_str() {
        "RESTRICT" => ReferentialAction::Restrict,
        "CASCADE" => ReferentialAction::Cascade,
        "SET NULL" => ReferentialAction::SetNull,
        "SET DEFAULT" => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}
