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

/// The committed copies of one import: `import/<dir>/models.rs` and its migrations.
macro_rules! imported {
    ($models:ident, $migrations:ident, $models_path:literal, $migrations_path:literal) => {
        #[path = $migrations_path]
        mod $migrations;
        #[path = $models_path]
        mod $models;
    };
}

imported!(
    music_postgres_models,
    music_postgres_migrations,
    "import/postgres/models.rs",
    "import/postgres/migrations/mod.rs"
);
imported!(
    music_sqlite_models,
    music_sqlite_migrations,
    "import/sqlite/models.rs",
    "import/sqlite/migrations/mod.rs"
);
imported!(
    music_mysql_models,
    music_mysql_migrations,
    "import/mysql/models.rs",
    "import/mysql/migrations/mod.rs"
);
imported!(
    shop_postgres_models,
    shop_postgres_migrations,
    "import/shop-postgres/models.rs",
    "import/shop-postgres/migrations/mod.rs"
);
imported!(
    shop_sqlite_models,
    shop_sqlite_migrations,
    "import/shop-sqlite/models.rs",
    "import/shop-sqlite/migrations/mod.rs"
);
imported!(
    shop_mysql_models,
    shop_mysql_migrations,
    "import/shop-mysql/models.rs",
    "import/shop-mysql/migrations/mod.rs"
);
imported!(
    blog_postgres_models,
    blog_postgres_migrations,
    "import/blog-postgres/models.rs",
    "import/blog-postgres/migrations/mod.rs"
);
imported!(
    blog_sqlite_models,
    blog_sqlite_migrations,
    "import/blog-sqlite/models.rs",
    "import/blog-sqlite/migrations/mod.rs"
);
imported!(
    blog_mysql_models,
    blog_mysql_migrations,
    "import/blog-mysql/models.rs",
    "import/blog-mysql/migrations/mod.rs"
);
imported!(
    legacy_postgres_models,
    legacy_postgres_migrations,
    "import/legacy-postgres/models.rs",
    "import/legacy-postgres/migrations/mod.rs"
);
imported!(
    legacy_sqlite_models,
    legacy_sqlite_migrations,
    "import/legacy-sqlite/models.rs",
    "import/legacy-sqlite/migrations/mod.rs"
);
imported!(
    legacy_mysql_models,
    legacy_mysql_migrations,
    "import/legacy-mysql/models.rs",
    "import/legacy-mysql/migrations/mod.rs"
);
imported!(
    findings_models,
    findings_migrations,
    "import/findings/models.rs",
    "import/findings/migrations/mod.rs"
);
imported!(
    schemas_postgres_models,
    schemas_postgres_migrations,
    "import/schemas-postgres/models.rs",
    "import/schemas-postgres/migrations/mod.rs"
);
imported!(
    hub_postgres_models,
    hub_postgres_migrations,
    "import/hub-postgres/models.rs",
    "import/hub-postgres/migrations/mod.rs"
);
imported!(
    hub_sqlite_models,
    hub_sqlite_migrations,
    "import/hub-sqlite/models.rs",
    "import/hub-sqlite/migrations/mod.rs"
);
imported!(
    hub_mysql_models,
    hub_mysql_migrations,
    "import/hub-mysql/models.rs",
    "import/hub-mysql/migrations/mod.rs"
);

/// One imported schema: its DDL, where its copies live, and the compiled copies.
struct Case {
    dialect: Dialect,
    ddl: &'static [&'static str],
    dir: &'static str,
    models: &'static Schema,
    revisions: &'static [Revision],
    /// PostgreSQL schemas to import besides the current one.
    schemas: &'static [&'static str],
}

/// `Case { .. }` for a dialect's DDL and its committed copies.
macro_rules! case {
    ($dialect:ident, $ddl:ident, $dir:literal, $models:ident, $migrations:ident) => {
        Case {
            dialect: Dialect::$dialect,
            ddl: ddl::$ddl,
            dir: $dir,
            models: &$models::SCHEMA,
            revisions: $migrations::REVISIONS,
            schemas: &[],
        }
    };
}

/// Every hand-written schema, for every dialect.
fn cases() -> Vec<Case> {
    vec![
        case!(
            Postgres,
            POSTGRES,
            "postgres",
            music_postgres_models,
            music_postgres_migrations
        ),
        case!(
            Sqlite,
            SQLITE,
            "sqlite",
            music_sqlite_models,
            music_sqlite_migrations
        ),
        case!(
            MySql,
            MYSQL,
            "mysql",
            music_mysql_models,
            music_mysql_migrations
        ),
        case!(
            Postgres,
            SHOP_POSTGRES,
            "shop-postgres",
            shop_postgres_models,
            shop_postgres_migrations
        ),
        case!(
            Sqlite,
            SHOP_SQLITE,
            "shop-sqlite",
            shop_sqlite_models,
            shop_sqlite_migrations
        ),
        case!(
            MySql,
            SHOP_MYSQL,
            "shop-mysql",
            shop_mysql_models,
            shop_mysql_migrations
        ),
        case!(
            Postgres,
            BLOG_POSTGRES,
            "blog-postgres",
            blog_postgres_models,
            blog_postgres_migrations
        ),
        case!(
            Sqlite,
            BLOG_SQLITE,
            "blog-sqlite",
            blog_sqlite_models,
            blog_sqlite_migrations
        ),
        case!(
            MySql,
            BLOG_MYSQL,
            "blog-mysql",
            blog_mysql_models,
            blog_mysql_migrations
        ),
        case!(
            Postgres,
            LEGACY_POSTGRES,
            "legacy-postgres",
            legacy_postgres_models,
            legacy_postgres_migrations
        ),
        case!(
            Sqlite,
            LEGACY_SQLITE,
            "legacy-sqlite",
            legacy_sqlite_models,
            legacy_sqlite_migrations
        ),
        case!(
            MySql,
            LEGACY_MYSQL,
            "legacy-mysql",
            legacy_mysql_models,
            legacy_mysql_migrations
        ),
        Case {
            schemas: &["billing"],
            ..case!(
                Postgres,
                SCHEMAS_POSTGRES,
                "schemas-postgres",
                schemas_postgres_models,
                schemas_postgres_migrations
            )
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

/// `IMPORT_WRITE` is set: the copies are rewritten, and checked on the next run (this one
/// compiled the old ones).
fn rewriting() -> bool {
    std::env::var_os("IMPORT_WRITE").is_some()
}

/// The committed copy of `file` under `import/<dir>/` is what the importer wrote.
fn same_as_committed(dir: &str, file: &str, written: &str) {
    let path = format!("{}/tests/import/{dir}/{file}", env!("CARGO_MANIFEST_DIR"));
    if rewriting() {
        if let Some(parent) = std::path::Path::new(&path).parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
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
    let options = ImportOptions {
        schemas: case.schemas.iter().map(|s| (*s).to_owned()).collect(),
        ..ImportOptions::default()
    };
    let imported = import(&db.url, &options)
        .await
        .unwrap_or_else(|e| panic!("{d}: import: {e}"));
    assert!(
        imported.findings.is_empty(),
        "{d}: {:#?}",
        imported.findings
    );
    let count = case
        .ddl
        .iter()
        .filter(|s| s.starts_with("CREATE TABLE"))
        .count();
    assert!(
        imported
            .report
            .starts_with(&format!("imported {count} table(s)")),
        "{}",
        imported.report
    );
    if case.dir == "postgres" {
        for object in [
            "  function touch\n",
            "  sequence invoice_numbers\n",
            "  trigger artist_touch on Artist\n",
            "  view artist_names\n",
            "  extension citext: created by the baseline\n",
            "  collation ci: created by the baseline\n",
            "  domain cents: created by the baseline\n",
        ] {
            assert!(
                imported.report.contains(object),
                "{object} in {}",
                imported.report
            );
        }
    }
    same_as_committed(case.dir, "models.rs", &imported.models);
    same_as_committed(case.dir, "migrations/mod.rs", &imported.migrations);
    same_as_committed(case.dir, "migrations/m001.rs", &imported.baseline);
    if rewriting() {
        return;
    }

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
    // The suite's reader sees the current schema only: `check` covers the others.
    let fresh_check = drift::check(&fresh.url, case.models, &ignore).await;
    fresh.destroy().await;
    upgraded.unwrap_or_else(|e| panic!("{d}: upgrade of a fresh database: {e}"));
    assert_eq!(fresh_catalog, catalog(&db).await, "{d}");
    let fresh_check = fresh_check.unwrap();
    assert!(
        fresh_check.is_empty(),
        "{d}: check of the fresh database: {fresh_check:#?}"
    );

    // Offline: the baseline builds the models.
    let offline = drift::check_chain(case.revisions, case.models).unwrap();
    assert!(offline.is_empty(), "{d}: {offline:#?}");
}

#[tokio::test(flavor = "current_thread")]
async fn an_imported_database_checks_clean_and_its_baseline_rebuilds_it() {
    on_each_backend("import_round_trip", |db| async move {
        let cases = cases();
        let mine: Vec<&Case> = cases.iter().filter(|c| c.dialect == db.dialect).collect();
        assert!(
            mine.len() >= 4,
            "{}: at least four hand-written schemas",
            db.dialect.name()
        );
        for case in mine {
            let each = TestDb::create_like(&db, "import_case").await;
            let result = schema_tests::catch_unwind(round_trip(case, each.clone())).await;
            each.destroy().await;
            if let Err(panic) = result {
                eprintln!("case {} failed", case.dir);
                std::panic::resume_unwind(panic);
            }
        }
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
    if rewriting() {
        db.destroy().await;
        return;
    }
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
        if rewriting() {
            return;
        }
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
