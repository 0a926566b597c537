//! `schema import` on real databases, each written by hand in its own SQL (`import/ddl.rs`).
//! For each one, the written files are the committed copies compiled into this binary
//! (`import/<dialect>/`), so "the written code compiles" is this binary building; then:
//! `stamp head` on the original and `check` is clean; `upgrade` on a fresh database from the
//! baseline gives the original's catalog (read with the suite's own catalog reader, not with
//! `check`); the offline replay of the baseline builds the models.
//!
//! After a deliberate change to the importer, rewrite the copies with
//! `IMPORT_WRITE=1 cargo test -p schema-tests --test import`, and review them.

use schema_core::drift;
use schema_core::import::{import, ImportOptions};
use schema_core::migrate::{Event, Migrator, Revision};
use schema_core::{Dialect, Schema};
use schema_tests::catalog::{snapshot, Snapshot};
use schema_tests::{execute, on_each_backend, TestDb};

#[path = "import/ddl.rs"]
mod ddl;

#[path = "import/postgres/migrations/mod.rs"]
mod postgres_migrations;
#[path = "import/postgres/models.rs"]
mod postgres_models;

#[path = "import/sqlite/migrations/mod.rs"]
mod sqlite_migrations;
#[path = "import/sqlite/models.rs"]
mod sqlite_models;

#[path = "import/mysql/migrations/mod.rs"]
mod mysql_migrations;
#[path = "import/mysql/models.rs"]
mod mysql_models;

/// One imported schema: its DDL, where its copies live, and the compiled copies.
struct Case {
    dialect: Dialect,
    ddl: &'static [&'static str],
    dir: &'static str,
    models: &'static Schema,
    revisions: &'static [Revision],
}

fn cases() -> [Case; 3] {
    [
        Case {
            dialect: Dialect::Postgres,
            ddl: ddl::POSTGRES,
            dir: "postgres",
            models: &postgres_models::SCHEMA,
            revisions: postgres_migrations::REVISIONS,
        },
        Case {
            dialect: Dialect::Sqlite,
            ddl: ddl::SQLITE,
            dir: "sqlite",
            models: &sqlite_models::SCHEMA,
            revisions: sqlite_migrations::REVISIONS,
        },
        Case {
            dialect: Dialect::MySql,
            ddl: ddl::MYSQL,
            dir: "mysql",
            models: &mysql_models::SCHEMA,
            revisions: mysql_migrations::REVISIONS,
        },
    ]
}

/// The catalog without the runner's version table.
async fn catalog(db: &TestDb) -> Snapshot {
    let mut s = snapshot(&db.pool).await;
    s.tables.retain(|t| t != "schema_migrations");
    s.columns.retain(|(t, _)| t != "schema_migrations");
    s.indexes.retain(|i| i.table != "schema_migrations");
    s
}

/// The committed copy of `file` under `import/<dir>/` is what the importer wrote.
fn same_as_committed(dir: &str, file: &str, written: &str) {
    let path = format!("{}/tests/import/{dir}/{file}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("IMPORT_WRITE").is_some() {
        std::fs::write(&path, written).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(
        committed == written,
        "{path} is not what `schema import` writes: rewrite it with IMPORT_WRITE=1 (then \
         rebuild, so the compiled copy follows) and review the change"
    );
}

async fn round_trip(case: &Case, db: TestDb) {
    let d = case.dialect.name();
    for sql in case.ddl {
        execute(&db.pool, sql)
            .await
            .unwrap_or_else(|e| panic!("{d}: `{sql}`: {e}"));
    }
    let imported = import(&db.url, &ImportOptions::default())
        .await
        .unwrap_or_else(|e| panic!("{d}: import: {e}"));
    assert!(
        imported.findings.is_empty(),
        "{d}: {:#?}",
        imported.findings
    );
    assert!(
        imported.report.contains("table album -> Album"),
        "{}",
        imported.report
    );
    same_as_committed(case.dir, "models.rs", &imported.models);
    same_as_committed(case.dir, "migrations/mod.rs", &imported.migrations);
    same_as_committed(case.dir, "migrations/m001.rs", &imported.baseline);

    // The original, stamped at the baseline, is what the models say.
    let m = Migrator::new(case.revisions).unwrap_or_else(|e| panic!("{e}"));
    m.stamp(&db.url, "head", &mut |_: &Event| {})
        .await
        .unwrap_or_else(|e| panic!("{d}: stamp: {e}"));
    let ignore = [m.options().version_table];
    let found = drift::check(&db.url, case.models, &ignore).await.unwrap();
    assert!(found.is_empty(), "{d}: check after stamp: {found:#?}");

    // A fresh database upgraded from the baseline has the original's catalog.
    let fresh = TestDb::create_like(&db, "import_fresh").await;
    let upgraded = m.upgrade(&fresh.url, "head", &mut |_: &Event| {}).await;
    let fresh_catalog = catalog(&fresh).await;
    fresh.destroy().await;
    upgraded.unwrap_or_else(|e| panic!("{d}: upgrade of a fresh database: {e}"));
    assert_eq!(fresh_catalog, catalog(&db).await, "{d}");

    // Offline: the baseline builds the models.
    let offline = drift::check_chain(case.revisions, case.models).unwrap();
    assert!(offline.is_empty(), "{d}: {offline:#?}");
}

#[tokio::test(flavor = "current_thread")]
async fn an_imported_database_checks_clean_and_its_baseline_rebuilds_it() {
    on_each_backend("import_round_trip", |db| async move {
        let cases = cases();
        let case = cases
            .iter()
            .find(|c| c.dialect == db.dialect)
            .unwrap_or_else(|| panic!("no case for {}", db.dialect.name()));
        round_trip(case, db).await;
    })
    .await;
}
