//! Loads a small ontology (modules, bundles, dashboards, resources, categories and the rows
//! linking them) from JSON fixtures into the hub's tables, in one transaction.
//!
//! One file per table, named after it (`modules_v2.json`, `bundle_module.json`, ...), each a
//! JSON array. Entity rows carry their own `id`, so a second run finds them: a row whose
//! primary key is already in the table is skipped, and running the ingest twice is safe.
//! Junction rows name entities by `entity_key` (`{"bundle": "default", "module": "core"}`),
//! resolved against the fixture files. `created_at` and `updated_at` are the time of the
//! ingest. Every row is written with the derived [`Table::insert_sql`] and `BindRow`, through
//! the crate's backend-neutral [`Transaction`].
//!
//! A resource may name a category that does not exist (`category_keys` is not a foreign
//! key): the ingest loads it and reports a warning.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use schema_core::db::{AnyRow, Pool, Transaction, Value as DbValue};
use schema_core::{Dialect, Table};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::models::{
    Bundle, BundleDashboard, BundleModule, Category, Dashboard, Module, ModuleDashboard, Resource,
};

/// The fixtures shipped with this crate.
pub const FIXTURES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

/// Why an ingest failed. Nothing is left applied: the rows go in one transaction.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// A fixture file could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// A fixture file is not the JSON expected (the error gives line and column).
    #[error("`{}` is not a valid fixture file: {source}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// Two rows of one file have the same `id`, `entity_key` or junction pair.
    #[error("`{}` row {row}: `{key}` is already given by row {first}", path.display())]
    Duplicate {
        /// The file.
        path: PathBuf,
        /// The repeated row (from 1).
        row: usize,
        /// The first row with that key (from 1).
        first: usize,
        /// The repeated key.
        key: String,
    },
    /// A junction row names an entity that no fixture file holds.
    #[error("`{}` row {row}: `{field}` is `{key}`, which no row of `{target}` has as `entity_key`", path.display())]
    UnknownKey {
        /// The file.
        path: PathBuf,
        /// The row (from 1).
        row: usize,
        /// The field naming the entity (`module`).
        field: &'static str,
        /// The key it names.
        key: String,
        /// The fixture file that should hold it (`modules_v2.json`).
        target: &'static str,
    },
    /// The database refused a row (a unique `entity_key` held by another `id`, say).
    #[error("`{}` row {row} (`{key}`) into table `{table}`: {source}", path.display())]
    Database {
        /// The fixture file.
        path: PathBuf,
        /// The table.
        table: &'static str,
        /// The row (from 1).
        row: usize,
        /// The row's key (`entity_key`, or the pair of a junction row).
        key: String,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
    /// The transaction could not begin or commit, or a check query failed.
    #[error("cannot {action}: {source}")]
    Transaction {
        /// What failed (`begin the transaction`).
        action: &'static str,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
}

/// Rows inserted and skipped (already there) in one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCount {
    /// The table.
    pub table: &'static str,
    /// Rows inserted.
    pub inserted: usize,
    /// Rows skipped because their primary key was already in the table.
    pub skipped: usize,
}

/// What an ingest did, table by table in the order it loaded them; printed as a small table.
///
/// ```text
/// table             inserted  skipped
/// categories               2        0
/// ...
/// total                   25        0
/// warning: resource `grant_1843` names category `Grant`, which does not exist
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestCounts {
    /// One entry per table, in load order.
    pub tables: Vec<TableCount>,
    /// Things worth knowing that did not stop the ingest.
    pub warnings: Vec<String>,
}

impl IngestCounts {
    /// The counts of `table`.
    pub fn table(&self, table: &str) -> Option<&TableCount> {
        self.tables.iter().find(|t| t.table == table)
    }

    /// Rows inserted, in all tables.
    pub fn inserted(&self) -> usize {
        self.tables.iter().map(|t| t.inserted).sum()
    }

    /// Rows skipped, in all tables.
    pub fn skipped(&self) -> usize {
        self.tables.iter().map(|t| t.skipped).sum()
    }
}

impl fmt::Display for IngestCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self
            .tables
            .iter()
            .map(|t| t.table.len())
            .chain(["table".len(), "total".len()])
            .max()
            .unwrap_or(0);
        writeln!(f, "{:<width$}  inserted  skipped", "table")?;
        for t in &self.tables {
            writeln!(
                f,
                "{:<width$}  {:>8}  {:>7}",
                t.table, t.inserted, t.skipped
            )?;
        }
        write!(
            f,
            "{:<width$}  {:>8}  {:>7}",
            "total",
            self.inserted(),
            self.skipped()
        )?;
        for warning in &self.warnings {
            write!(f, "\nwarning: {warning}")?;
        }
        Ok(())
    }
}

/// Loads the fixtures in `dir` into the hub's tables on `pool`, in one transaction, skipping
/// rows whose primary key is already there. The schema must exist (at head).
///
/// ```no_run
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// use ontology_hub::ingest::{ingest, FIXTURES_DIR};
/// let pool = schema_core::db::Pool::connect("sqlite:ontology_hub.db").await?;
/// let counts = ingest(&pool, std::path::Path::new(FIXTURES_DIR)).await?;
/// println!("{counts}");
/// # Ok(()) }
/// ```
pub async fn ingest(pool: &Pool, dir: &Path) -> Result<IngestCounts, IngestError> {
    let fixtures = Fixtures::load(dir, chrono::Utc::now().naive_utc())?;
    let transaction = |action| move |source| IngestError::Transaction { action, source };
    let mut tx = pool
        .begin()
        .await
        .map_err(transaction("begin the transaction"))?;
    let tables = vec![
        load(&mut tx, &fixtures.categories).await?,
        load(&mut tx, &fixtures.modules).await?,
        load(&mut tx, &fixtures.bundles).await?,
        load(&mut tx, &fixtures.dashboards).await?,
        load(&mut tx, &fixtures.resources).await?,
        load(&mut tx, &fixtures.bundle_modules).await?,
        load(&mut tx, &fixtures.module_dashboards).await?,
        load(&mut tx, &fixtures.bundle_dashboards).await?,
    ];
    let warnings = missing_categories(&mut tx, &fixtures.resources).await?;
    tx.commit()
        .await
        .map_err(transaction("commit the transaction"))?;
    Ok(IngestCounts { tables, warnings })
}

/// Inserts the rows of `batch` that are not there yet.
async fn load<T: Fixture + AnyRow>(
    tx: &mut Transaction,
    batch: &Batch<T>,
) -> Result<TableCount, IngestError> {
    let exists = exists_sql::<T>(tx.dialect());
    let mut count = TableCount {
        table: T::NAME,
        inserted: 0,
        skipped: 0,
    };
    for row in &batch.rows {
        let key: Vec<DbValue> = row.value.key().into_iter().map(DbValue::from).collect();
        let found = tx
            .rows(&exists, &key)
            .await
            .map_err(|e| batch.database_error(row, e))?;
        if !found.is_empty() {
            count.skipped += 1;
            continue;
        }
        tx.insert(&row.value)
            .await
            .map_err(|e| batch.database_error(row, e))?;
        count.inserted += 1;
    }
    Ok(count)
}

/// A warning for each category a resource names that is not in `categories`.
async fn missing_categories(
    tx: &mut Transaction,
    resources: &Batch<Resource>,
) -> Result<Vec<String>, IngestError> {
    let sql = category_exists_sql(tx.dialect());
    let mut warnings = Vec::new();
    for row in &resources.rows {
        let keys = row.value.category_keys.as_array().into_iter().flatten();
        for key in keys.filter_map(Value::as_str) {
            let found = tx
                .rows(&sql, &[DbValue::from(key)])
                .await
                .map_err(|source| IngestError::Transaction {
                    action: "look up a resource's categories",
                    source,
                })?;
            if found.is_empty() {
                warnings.push(format!(
                    "resource `{}` names category `{key}`, which does not exist",
                    row.name
                ));
            }
        }
    }
    Ok(warnings)
}

// ---- the fixture files ----

/// A category or a dashboard.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityFixture {
    id: Uuid,
    entity_key: String,
    source_path: String,
    label: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    canonical_json: Option<Value>,
}

/// A module or a bundle.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionedFixture {
    id: Uuid,
    entity_key: String,
    source_path: String,
    label: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    canonical_json: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceFixture {
    id: Uuid,
    entity_key: String,
    source_path: String,
    label: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    canonical_json: Option<Value>,
    #[serde(default)]
    category_keys: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleModuleFixture {
    bundle: String,
    module: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModuleDashboardFixture {
    module: String,
    dashboard: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleDashboardFixture {
    bundle: String,
    dashboard: String,
}

/// A model row loaded from a fixture file.
trait Fixture: Table {
    /// The primary key's values, in the key's column order.
    fn key(&self) -> Vec<Uuid>;
}

/// `Fixture` for each model: its primary-key fields, in key order.
macro_rules! fixture_keys {
    ($($model:ty => $($field:ident),+;)*) => {
        $(impl Fixture for $model {
            fn key(&self) -> Vec<Uuid> {
                vec![$(self.$field),+]
            }
        })*
    };
}

fixture_keys! {
    Category => id;
    Module => id;
    Bundle => id;
    Dashboard => id;
    Resource => id;
    BundleModule => bundle_id, module_id;
    ModuleDashboard => module_id, dashboard_id;
    BundleDashboard => bundle_id, dashboard_id;
}

/// One row of a fixture file, as the model row it becomes.
struct Row<T> {
    /// Position in the file, from 1.
    number: usize,
    /// What names it in errors: the `entity_key`, or `bundle/module` for a junction row.
    name: String,
    value: T,
}

/// One fixture file, as rows of its table.
struct Batch<T> {
    path: PathBuf,
    rows: Vec<Row<T>>,
}

impl<T: Fixture> Batch<T> {
    /// Refuses a file in which two rows share a primary key or a name (the second would be
    /// skipped, or fail on a unique constraint, far from its cause).
    fn check_unique(&self) -> Result<(), IngestError> {
        let mut keys: HashMap<Vec<Uuid>, usize> = HashMap::new();
        let mut names: HashMap<&str, usize> = HashMap::new();
        for row in &self.rows {
            let duplicate = |first: usize, key: String| IngestError::Duplicate {
                path: self.path.clone(),
                row: row.number,
                first,
                key,
            };
            if let Some(first) = keys.insert(row.value.key(), row.number) {
                let key = row
                    .value
                    .key()
                    .iter()
                    .map(Uuid::to_string)
                    .collect::<Vec<_>>();
                return Err(duplicate(first, key.join("/")));
            }
            if let Some(first) = names.insert(&row.name, row.number) {
                return Err(duplicate(first, row.name.clone()));
            }
        }
        Ok(())
    }

    fn database_error(&self, row: &Row<T>, source: sqlx::Error) -> IngestError {
        IngestError::Database {
            path: self.path.clone(),
            table: T::NAME,
            row: row.number,
            key: row.name.clone(),
            source,
        }
    }

    /// `entity_key` to `id`, for resolving junction rows.
    fn ids(&self, id: impl Fn(&T) -> Uuid) -> HashMap<&str, Uuid> {
        self.rows
            .iter()
            .map(|r| (r.name.as_str(), id(&r.value)))
            .collect()
    }
}

/// Every fixture file, parsed, resolved and checked, in the order the tables are loaded
/// (referenced tables first).
struct Fixtures {
    categories: Batch<Category>,
    modules: Batch<Module>,
    bundles: Batch<Bundle>,
    dashboards: Batch<Dashboard>,
    resources: Batch<Resource>,
    bundle_modules: Batch<BundleModule>,
    module_dashboards: Batch<ModuleDashboard>,
    bundle_dashboards: Batch<BundleDashboard>,
}

/// Reads `dir/file` as a JSON array of `F`, each made into a row by `make`.
fn read<F: DeserializeOwned, T: Fixture>(
    dir: &Path,
    file: &str,
    mut make: impl FnMut(usize, F) -> Result<Row<T>, IngestError>,
) -> Result<Batch<T>, IngestError> {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).map_err(|source| IngestError::Read {
        path: path.clone(),
        source,
    })?;
    let fixtures: Vec<F> = serde_json::from_str(&text).map_err(|source| IngestError::Parse {
        path: path.clone(),
        source,
    })?;
    let rows = fixtures
        .into_iter()
        .enumerate()
        .map(|(i, f)| make(i + 1, f))
        .collect::<Result<Vec<_>, _>>()?;
    let batch = Batch { path, rows };
    batch.check_unique()?;
    Ok(batch)
}

/// Looks up the entity a junction row names.
struct Resolver<'a> {
    path: PathBuf,
    ids: HashMap<&'a str, Uuid>,
    field: &'static str,
    target: &'static str,
}

impl Resolver<'_> {
    fn new<'a, T: Fixture>(
        dir: &Path,
        file: &str,
        batch: &'a Batch<T>,
        id: impl Fn(&T) -> Uuid,
        field: &'static str,
        target: &'static str,
    ) -> Resolver<'a> {
        Resolver {
            path: dir.join(file),
            ids: batch.ids(id),
            field,
            target,
        }
    }

    fn id(&self, row: usize, key: &str) -> Result<Uuid, IngestError> {
        self.ids
            .get(key)
            .copied()
            .ok_or_else(|| IngestError::UnknownKey {
                path: self.path.clone(),
                row,
                field: self.field,
                key: key.to_owned(),
                target: self.target,
            })
    }
}

impl Fixtures {
    fn load(dir: &Path, now: NaiveDateTime) -> Result<Fixtures, IngestError> {
        let categories = read(dir, "categories.json", |number, f: EntityFixture| {
            Ok(Row {
                number,
                name: f.entity_key.clone(),
                value: Category {
                    id: f.id,
                    entity_key: f.entity_key,
                    source_path: f.source_path,
                    label: f.label,
                    description: f.description,
                    canonical_json: f.canonical_json,
                    created_at: now,
                    updated_at: now,
                },
            })
        })?;
        let modules = read(dir, "modules_v2.json", |number, f: VersionedFixture| {
            Ok(Row {
                number,
                name: f.entity_key.clone(),
                value: Module {
                    id: f.id,
                    entity_key: f.entity_key,
                    source_path: f.source_path,
                    label: f.label,
                    description: f.description,
                    version: f.version,
                    canonical_json: f.canonical_json,
                    created_at: now,
                    updated_at: now,
                },
            })
        })?;
        let bundles = read(dir, "bundles.json", |number, f: VersionedFixture| {
            Ok(Row {
                number,
                name: f.entity_key.clone(),
                value: Bundle {
                    id: f.id,
                    entity_key: f.entity_key,
                    source_path: f.source_path,
                    label: f.label,
                    description: f.description,
                    version: f.version,
                    canonical_json: f.canonical_json,
                    created_at: now,
                    updated_at: now,
                },
            })
        })?;
        let dashboards = read(dir, "dashboards.json", |number, f: EntityFixture| {
            Ok(Row {
                number,
                name: f.entity_key.clone(),
                value: Dashboard {
                    id: f.id,
                    entity_key: f.entity_key,
                    source_path: f.source_path,
                    label: f.label,
                    description: f.description,
                    canonical_json: f.canonical_json,
                    created_at: now,
                    updated_at: now,
                },
            })
        })?;
        let resources = read(dir, "resources.json", |number, f: ResourceFixture| {
            Ok(Row {
                number,
                name: f.entity_key.clone(),
                value: Resource {
                    id: f.id,
                    entity_key: f.entity_key,
                    source_path: f.source_path,
                    label: f.label,
                    description: f.description,
                    canonical_json: f.canonical_json,
                    created_at: now,
                    updated_at: now,
                    category_keys: Value::Array(
                        f.category_keys.into_iter().map(Value::String).collect(),
                    ),
                },
            })
        })?;

        const BUNDLE_MODULE: &str = "bundle_module.json";
        const MODULE_DASHBOARD: &str = "module_dashboard.json";
        const BUNDLE_DASHBOARD: &str = "bundle_dashboard.json";
        let module_id = |m: &Module| m.id;
        let bundle_id = |b: &Bundle| b.id;
        let dashboard_id = |d: &Dashboard| d.id;

        let bundle = Resolver::new(
            dir,
            BUNDLE_MODULE,
            &bundles,
            bundle_id,
            "bundle",
            "bundles.json",
        );
        let module = Resolver::new(
            dir,
            BUNDLE_MODULE,
            &modules,
            module_id,
            "module",
            "modules_v2.json",
        );
        let bundle_modules = read(dir, BUNDLE_MODULE, |number, f: BundleModuleFixture| {
            Ok(Row {
                number,
                name: format!("{}/{}", f.bundle, f.module),
                value: BundleModule {
                    bundle_id: bundle.id(number, &f.bundle)?,
                    module_id: module.id(number, &f.module)?,
                },
            })
        })?;

        let module = Resolver::new(
            dir,
            MODULE_DASHBOARD,
            &modules,
            module_id,
            "module",
            "modules_v2.json",
        );
        let dashboard = Resolver::new(
            dir,
            MODULE_DASHBOARD,
            &dashboards,
            dashboard_id,
            "dashboard",
            "dashboards.json",
        );
        let module_dashboards = read(
            dir,
            MODULE_DASHBOARD,
            |number, f: ModuleDashboardFixture| {
                Ok(Row {
                    number,
                    name: format!("{}/{}", f.module, f.dashboard),
                    value: ModuleDashboard {
                        module_id: module.id(number, &f.module)?,
                        dashboard_id: dashboard.id(number, &f.dashboard)?,
                    },
                })
            },
        )?;

        let bundle = Resolver::new(
            dir,
            BUNDLE_DASHBOARD,
            &bundles,
            bundle_id,
            "bundle",
            "bundles.json",
        );
        let dashboard = Resolver::new(
            dir,
            BUNDLE_DASHBOARD,
            &dashboards,
            dashboard_id,
            "dashboard",
            "dashboards.json",
        );
        let bundle_dashboards = read(
            dir,
            BUNDLE_DASHBOARD,
            |number, f: BundleDashboardFixture| {
                Ok(Row {
                    number,
                    name: format!("{}/{}", f.bundle, f.dashboard),
                    value: BundleDashboard {
                        bundle_id: bundle.id(number, &f.bundle)?,
                        dashboard_id: dashboard.id(number, &f.dashboard)?,
                    },
                })
            },
        )?;

        Ok(Fixtures {
            categories,
            modules,
            bundles,
            dashboards,
            resources,
            bundle_modules,
            module_dashboards,
            bundle_dashboards,
        })
    }
}

/// `SELECT 1 FROM table WHERE pk1 = ? AND ...`: is the row already there?
fn exists_sql<T: Table>(dialect: Dialect) -> String {
    let conditions: Vec<String> = T::DEF
        .primary_key
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| format!("{} = {}", dialect.quote(column), dialect.placeholder(i + 1)))
        .collect();
    format!(
        "SELECT 1 FROM {} WHERE {}",
        dialect.quote(T::NAME),
        conditions.join(" AND ")
    )
}

/// Is there a category with this `entity_key`?
fn category_exists_sql(dialect: Dialect) -> String {
    format!(
        "SELECT 1 FROM {} WHERE {} = {}",
        dialect.quote(Category::NAME),
        dialect.quote("entity_key"),
        dialect.placeholder(1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HUB;

    async fn hub_in_memory() -> Pool {
        let pool = Pool::connect("sqlite::memory:").await.unwrap();
        pool.apply(&HUB.create_sql(Dialect::Sqlite).unwrap())
            .await
            .unwrap();
        pool
    }

    async fn count_rows(pool: &Pool, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM \"{table}\"");
        pool.scalar_i64(&sql).await.unwrap().unwrap()
    }

    const EXPECTED: [(&str, usize); 8] = [
        ("categories", 2),
        ("modules_v2", 4),
        ("bundles", 2),
        ("dashboards", 3),
        ("resources", 3),
        ("bundle_module", 5),
        ("module_dashboard", 3),
        ("bundle_dashboard", 3),
    ];

    /// The first run inserts every row; the second finds them all and inserts nothing.
    #[tokio::test]
    async fn ingesting_twice_inserts_once() {
        let pool = hub_in_memory().await;
        let dir = Path::new(FIXTURES_DIR);

        let first = ingest(&pool, dir).await.unwrap();
        let inserted: Vec<(&str, usize)> =
            first.tables.iter().map(|t| (t.table, t.inserted)).collect();
        assert_eq!(inserted, EXPECTED);
        assert_eq!(first.skipped(), 0);
        assert_eq!(
            first.warnings,
            ["resource `grant_1843` names category `Grant`, which does not exist"]
        );
        for (table, n) in EXPECTED {
            assert_eq!(count_rows(&pool, table).await, n as i64, "{table}");
        }

        let second = ingest(&pool, dir).await.unwrap();
        assert_eq!(second.inserted(), 0, "{second}");
        let skipped: Vec<(&str, usize)> =
            second.tables.iter().map(|t| (t.table, t.skipped)).collect();
        assert_eq!(skipped, EXPECTED);
        for (table, n) in EXPECTED {
            assert_eq!(count_rows(&pool, table).await, n as i64, "{table}");
        }

        // The rows read back through the derived `FromRow`, the JSON array intact.
        let resources: Vec<Resource> = pool
            .fetch_all("SELECT * FROM resources WHERE entity_key = 'ada_lovelace'")
            .await
            .unwrap();
        assert_eq!(resources[0].category_keys, serde_json::json!(["Person"]));
    }

    /// A row the database refuses fails the whole ingest, naming file, table and row, and
    /// leaves nothing inserted.
    #[tokio::test]
    async fn a_refused_row_rolls_everything_back() {
        let pool = hub_in_memory().await;
        // Another id already holds the second resource's entity_key.
        let squatter = Resource {
            id: Uuid::nil(),
            entity_key: "analytical_engines_ltd".into(),
            source_path: "elsewhere.json".into(),
            label: "Squatter".into(),
            description: None,
            canonical_json: None,
            created_at: NaiveDateTime::default(),
            updated_at: NaiveDateTime::default(),
            category_keys: serde_json::json!([]),
        };
        pool.insert(&squatter).await.unwrap();

        let error = ingest(&pool, Path::new(FIXTURES_DIR)).await.unwrap_err();
        match &error {
            IngestError::Database {
                path,
                table,
                row,
                key,
                ..
            } => {
                assert!(path.ends_with("resources.json"), "{error}");
                assert_eq!(
                    (*table, *row, key.as_str()),
                    ("resources", 2, "analytical_engines_ltd")
                );
            }
            other => panic!("expected a database error, got {other}"),
        }
        assert!(
            error
                .to_string()
                .contains("row 2 (`analytical_engines_ltd`) into table `resources`"),
            "{error}"
        );
        assert_eq!(count_rows(&pool, "categories").await, 0);
        assert_eq!(count_rows(&pool, "modules_v2").await, 0);
        assert_eq!(count_rows(&pool, "resources").await, 1);
    }

    /// A fixture directory under the system's temp directory, removed on drop.
    struct TempFixtures(PathBuf);

    impl TempFixtures {
        /// A copy of the shipped fixtures with `file` replaced by `contents`.
        fn with(name: &str, file: &str, contents: &str) -> TempFixtures {
            let dir =
                std::env::temp_dir().join(format!("ontology-hub-{name}-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            for entry in std::fs::read_dir(FIXTURES_DIR).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
            }
            std::fs::write(dir.join(file), contents).unwrap();
            TempFixtures(dir)
        }
    }

    impl Drop for TempFixtures {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// Bad fixtures are refused before anything touches the database, naming file and row.
    #[test]
    fn bad_fixtures_name_file_and_row() {
        let now = NaiveDateTime::default();
        let unknown = TempFixtures::with(
            "unknown",
            "bundle_module.json",
            r#"[{"bundle": "default", "module": "core"}, {"bundle": "default", "module": "nope"}]"#,
        );
        let error = Fixtures::load(&unknown.0, now).err().unwrap();
        assert!(
            matches!(&error, IngestError::UnknownKey { row: 2, field: "module", key, .. } if key == "nope"),
            "{error}"
        );
        assert!(error.to_string().ends_with(
            "bundle_module.json` row 2: `module` is `nope`, which no row of `modules_v2.json` has as `entity_key`"
        ), "{error}");

        let duplicate = TempFixtures::with(
            "duplicate",
            "module_dashboard.json",
            r#"[{"module": "people", "dashboard": "overview"}, {"module": "people", "dashboard": "overview"}]"#,
        );
        let error = Fixtures::load(&duplicate.0, now).err().unwrap();
        assert!(
            matches!(
                error,
                IngestError::Duplicate {
                    row: 2,
                    first: 1,
                    ..
                }
            ),
            "{error}"
        );

        let typo = TempFixtures::with(
            "typo",
            "dashboards.json",
            r#"[{"id": "3f6a9e4c-7d8b-4cae-9f20-4b5c6d7e8f01", "entity_key": "x", "source_path": "x", "lable": "x"}]"#,
        );
        let error = Fixtures::load(&typo.0, now).err().unwrap();
        assert!(matches!(error, IngestError::Parse { .. }), "{error}");
        assert!(
            error.to_string().contains("unknown field `lable`"),
            "{error}"
        );

        let error = Fixtures::load(Path::new("/nonexistent/fixtures"), now)
            .err()
            .unwrap();
        assert!(matches!(error, IngestError::Read { .. }), "{error}");
    }

    #[test]
    fn counts_print_as_a_table() {
        let counts = IngestCounts {
            tables: vec![
                TableCount {
                    table: "categories",
                    inserted: 2,
                    skipped: 0,
                },
                TableCount {
                    table: "bundle_dashboard",
                    inserted: 1,
                    skipped: 2,
                },
            ],
            warnings: vec!["resource `x` names category `Y`, which does not exist".into()],
        };
        assert_eq!(
            counts.to_string(),
            "\
table             inserted  skipped
categories               2        0
bundle_dashboard         1        2
total                    3        2
warning: resource `x` names category `Y`, which does not exist"
        );
    }
}
