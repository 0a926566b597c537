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
use schema_core::import::{diff_databases, import, ImportOptions};
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

#[path = "import/findings/migrations/mod.rs"]
mod findings_migrations;
#[path = "import/findings/models.rs"]
mod findings_models;

#[path = "import/hub-mysql/migrations/mod.rs"]
mod hub_mysql_migrations;
#[path = "import/hub-mysql/models.rs"]
mod hub_mysql_models;
#[path = "import/hub-postgres/migrations/mod.rs"]
mod hub_postgres_migrations;
#[path = "import/hub-postgres/models.rs"]
mod hub_postgres_models;
#[path = "import/hub-sqlite/migrations/mod.rs"]
mod hub_sqlite_migrations;
#[path = "import/hub-sqlite/models.rs"]
mod hub_sqlite_models;

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

/// A schema breaking rules the derive enforces: the report names each finding, the written
/// models compile (the committed copy is this binary), and `check` reports exactly the
/// findings.
#[tokio::test(flavor = "current_thread")]
async fn findings_are_reported_written_and_checked() {
    let db = TestDb::create(&schema_tests::Backend::Sqlite, "import_findings").await;
    for sql in ddl::SQLITE_FINDINGS {
        execute(&db.pool, sql).await.unwrap();
    }
    let imported = import(&db.url, &ImportOptions::default()).await.unwrap();
    assert_eq!(imported.findings.len(), 2, "{:#?}", imported.findings);
    assert!(imported.findings[0].starts_with("owner: FINDING: the primary key column id"));
    assert!(imported.findings[1]
        .starts_with("pet: FINDING: the foreign key (owner_id) is ON DELETE SET NULL"));
    for f in &imported.findings {
        assert!(imported.report.contains(f.as_str()), "{}", imported.report);
    }
    same_as_committed("findings", "models.rs", &imported.models);
    same_as_committed("findings", "migrations/mod.rs", &imported.migrations);
    same_as_committed("findings", "migrations/m001.rs", &imported.baseline);
    let m = Migrator::new(findings_migrations::REVISIONS).unwrap();
    m.stamp(&db.url, "head", &mut |_: &Event| {}).await.unwrap();
    let found: Vec<String> = drift::check(
        &db.url,
        &findings_models::SCHEMA,
        &[m.options().version_table],
    )
    .await
    .unwrap()
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        found,
        [
            "owner.id: NULL-able in the database, NOT NULL in the model",
            "pet.owner_id: on_delete is SET NULL in the database, NO ACTION in the model",
        ]
    );
    db.destroy().await;
}

/// Statements changing, in database B, an index, a foreign key's action and a default.
fn changes(dialect: Dialect) -> &'static [&'static str] {
    match dialect {
        Dialect::Postgres => &[
            "DROP INDEX ix_album_title",
            "ALTER TABLE play DROP CONSTRAINT play_track_fkey, ADD CONSTRAINT play_track_fkey \
             FOREIGN KEY (album_id, no) REFERENCES track (album_id, no) ON DELETE CASCADE ON UPDATE CASCADE",
            "ALTER TABLE play ALTER COLUMN played_at SET DEFAULT now()",
        ],
        Dialect::Sqlite => &[
            "DROP INDEX ix_album_title",
            "ALTER TABLE play RENAME TO play_old",
            "CREATE TABLE play (id BLOB NOT NULL PRIMARY KEY, album_id INTEGER NOT NULL, \
             no INTEGER NOT NULL, played_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, \
             FOREIGN KEY (album_id, no) REFERENCES track (album_id, no) ON DELETE CASCADE ON UPDATE CASCADE)",
            "DROP TABLE play_old",
        ],
        Dialect::MySql => &[
            "DROP INDEX ix_album_title ON album",
            "ALTER TABLE album DROP FOREIGN KEY album_parent_fkey",
            "ALTER TABLE album ADD CONSTRAINT album_parent_fkey FOREIGN KEY (parent_id) \
             REFERENCES album (id) ON DELETE CASCADE",
            "ALTER TABLE album ALTER COLUMN price SET DEFAULT 1",
        ],
    }
}

/// `schema diff`: nothing between two databases built from one baseline; then a dropped
/// index, a changed action and a changed default in one of them, each reported.
#[tokio::test(flavor = "current_thread")]
async fn diff_between_two_databases_reports_what_changed() {
    on_each_backend("import_diff_a", |a| async move {
        let d = a.dialect.name();
        let cases = cases();
        let case = cases.iter().find(|c| c.dialect == a.dialect).unwrap();
        let b = TestDb::create_like(&a, "import_diff_b").await;
        let m = Migrator::new(case.revisions).unwrap();
        for db in [&a, &b] {
            m.upgrade(&db.url, "head", &mut |_: &Event| {})
                .await
                .unwrap();
        }
        let same = diff_databases(&a.url, &b.url).await.unwrap();
        for sql in changes(a.dialect) {
            execute(&b.pool, sql)
                .await
                .unwrap_or_else(|e| panic!("{d}: `{sql}`: {e}"));
        }
        let changed: Vec<String> = diff_databases(&a.url, &b.url)
            .await
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        b.destroy().await;
        assert!(same.is_empty(), "{d}: {same:#?}");
        for expected in [
            "index ix_album_title on album: in A, missing in B",
            "on_delete is CASCADE in B,",
            "default is ",
        ] {
            assert!(
                changed.iter().any(|line| line.contains(expected)),
                "{d}: `{expected}` not in {changed:#?}"
            );
        }
    })
    .await;
}

/// Runs `script` with the database's own command-line client, as someone applying the output
/// of `sql upgrade head` by hand would.
fn run_with_client(db: &TestDb, script: &str) {
    let file = std::env::temp_dir().join(format!("import-hub-{}.sql", db.dialect.name()));
    std::fs::write(&file, script).unwrap();
    let file = file.display().to_string();
    let output = match db.dialect {
        Dialect::Postgres => std::process::Command::new("psql")
            .args(["-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", &file, &db.url])
            .output(),
        Dialect::Sqlite => std::process::Command::new("sqlite3")
            .args([
                db.url.trim_start_matches("sqlite:"),
                &format!(".read {file}"),
            ])
            .output(),
        Dialect::MySql => {
            let (rest, database) = db.url.rsplit_once('/').unwrap();
            let host = rest
                .trim_start_matches("mysql://")
                .trim_start_matches("root@");
            let (host, port) = host.split_once(':').unwrap_or((host, "3306"));
            std::process::Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "mariadb -h {host} -P {port} -u root {database} < {file}"
                ))
                .output()
        }
    }
    .unwrap_or_else(|e| panic!("running the {} client: {e}", db.dialect.name()));
    assert!(
        output.status.success(),
        "{}: {}",
        db.dialect.name(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The hub at head, built by its own offline SQL applied with each database's client (its
/// version table then dropped, as if another tool had built it): imported, the written code
/// compiled, stamped, checked clean, and rebuilt from the baseline with the same catalog (less
/// the PostgreSQL materialized view, which the report names as not imported).
#[tokio::test(flavor = "current_thread")]
async fn the_hub_built_by_raw_sql_is_imported() {
    on_each_backend("import_hub", |db| async move {
        let d = db.dialect.name();
        let hub = Migrator::new(ontology_hub::migrations::REVISIONS).unwrap();
        let script = hub
            .offline_sql(
                db.dialect,
                schema_core::migrate::Direction::Up,
                "base",
                "head",
            )
            .unwrap();
        run_with_client(&db, &script);
        execute(&db.pool, "DROP TABLE schema_migrations")
            .await
            .unwrap();
        let imported = import(&db.url, &ImportOptions::default())
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        let (dir, models, revisions): (&str, &Schema, &'static [Revision]) = match db.dialect {
            Dialect::Postgres => (
                "hub-postgres",
                &hub_postgres_models::SCHEMA,
                hub_postgres_migrations::REVISIONS,
            ),
            Dialect::Sqlite => (
                "hub-sqlite",
                &hub_sqlite_models::SCHEMA,
                hub_sqlite_migrations::REVISIONS,
            ),
            Dialect::MySql => (
                "hub-mysql",
                &hub_mysql_models::SCHEMA,
                hub_mysql_migrations::REVISIONS,
            ),
        };
        same_as_committed(dir, "models.rs", &imported.models);
        same_as_committed(dir, "migrations/mod.rs", &imported.migrations);
        same_as_committed(dir, "migrations/m001.rs", &imported.baseline);
        assert_eq!(models.tables.len(), ontology_hub::HUB.tables.len(), "{d}");
        if db.dialect == Dialect::Postgres {
            assert!(
                imported
                    .report
                    .contains("materialized view category_property_effective"),
                "{}",
                imported.report
            );
        }
        let m = Migrator::new(revisions).unwrap();
        m.stamp(&db.url, "head", &mut |_: &Event| {}).await.unwrap();
        let found = drift::check(&db.url, models, &[m.options().version_table])
            .await
            .unwrap();
        assert!(found.is_empty(), "{d}: {found:#?}");
        let fresh = TestDb::create_like(&db, "import_hub_fresh").await;
        let upgraded = m.upgrade(&fresh.url, "head", &mut |_: &Event| {}).await;
        let mut fresh_catalog = catalog(&fresh).await;
        fresh.destroy().await;
        upgraded.unwrap_or_else(|e| panic!("{d}: {e}"));
        let mut original = catalog(&db).await;
        original.views.clear();
        original
            .indexes
            .retain(|i| i.table != "category_property_effective");
        fresh_catalog.views.clear();
        assert_eq!(fresh_catalog, original, "{d}");
    })
    .await;
}
