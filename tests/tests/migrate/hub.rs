//! The ontology hub's own chain (revisions 001-004) on every backend.

use chrono::NaiveDateTime;
use ontology_hub::migrations::REVISIONS;
use ontology_hub::models::{Bundle, BundleDashboard, Dashboard, Module, ModuleDashboard};
use schema_core::migrate::{Direction, Migrator};
use schema_core::Dialect;
use schema_tests::catalog::{self, snapshot, Snapshot};
use schema_tests::{execute, insert, on_each_backend, scalar_i64, strings, TestDb};
use uuid::Uuid;

fn hub() -> Migrator {
    Migrator::new(REVISIONS).unwrap_or_else(|e| panic!("{e}"))
}

fn quiet() -> impl FnMut(&schema_core::migrate::Event) + Send {
    |_| {}
}

fn assert_same(a: &Snapshot, b: &Snapshot, what: &str) {
    if let Some(difference) = a.difference(b) {
        panic!("{what}: {difference}");
    }
}

/// 001 -> head -> base -> head; after each `downgrade` the catalog equals what it was before
/// the matching `upgrade`.
#[tokio::test]
async fn up_and_down_restore_each_catalog() {
    on_each_backend("hub_updown", |db| async move {
        let m = hub();
        m.upgrade(&db.url, "base", &mut quiet()).await.unwrap();
        let mut before = vec![snapshot(&db.pool).await];
        for id in ["001", "002", "003", "004"] {
            m.upgrade(&db.url, id, &mut quiet()).await.unwrap();
            before.push(snapshot(&db.pool).await);
        }
        assert_eq!(
            before[4].tables.len(),
            25,
            "24 tables and the version table"
        );
        for (i, target) in [(3, "003"), (2, "002"), (1, "001"), (0, "base")] {
            m.downgrade(&db.url, target, &mut quiet()).await.unwrap();
            let what = format!("after downgrade to {target} on {}", db.dialect.name());
            assert_same(&snapshot(&db.pool).await, &before[i], &what);
        }
        m.upgrade(&db.url, "head", &mut quiet()).await.unwrap();
        assert_same(&snapshot(&db.pool).await, &before[4], "head again");
        if db.dialect == Dialect::Postgres {
            assert_eq!(before[1].views, ["category_property_effective"]);
        }
    })
    .await;
}

/// The catalog the chain builds equals the one the models' `create_sql` builds (plus the
/// version table and PostgreSQL's materialized view).
#[tokio::test]
async fn the_chain_builds_what_the_models_declare() {
    on_each_backend("hub_vs_models", |db| async move {
        hub().upgrade(&db.url, "head", &mut quiet()).await.unwrap();
        let mut migrated = snapshot(&db.pool).await;
        migrated.tables.retain(|t| t != "schema_migrations");
        migrated.columns.retain(|(t, _)| t != "schema_migrations");
        migrated
            .indexes
            .retain(|i| i.table != "schema_migrations" && i.table != "category_property_effective");
        migrated.views.clear();
        let other = TestDb::create_like(&db, "hub_vs_models_b").await;
        other
            .pool
            .apply(&ontology_hub::HUB.create_sql(other.dialect).unwrap())
            .await
            .unwrap();
        let declared = snapshot(&other.pool).await;
        other.destroy().await;
        assert_same(
            &migrated,
            &declared,
            &format!("chain vs models on {}", db.dialect.name()),
        );
    })
    .await;
}

fn ts() -> NaiveDateTime {
    chrono::DateTime::from_timestamp(1_706_000_000, 0)
        .map(|t| t.naive_utc())
        .unwrap_or_default()
}

fn uuid_literal(dialect: Dialect, id: Uuid) -> String {
    match dialect {
        Dialect::Postgres => format!("'{id}'"),
        Dialect::Sqlite | Dialect::MySql => format!("X'{}'", id.simple()),
    }
}

fn cast_text(d: Dialect, column: &str) -> String {
    match d {
        Dialect::Postgres => format!("{}::text", d.quote(column)),
        Dialect::Sqlite => d.quote(column),
        Dialect::MySql => format!("CAST({} AS CHAR)", d.quote(column)),
    }
}

/// At 002, the seed's verification holds; rows survive 002 -> 003 -> 002.
#[tokio::test]
async fn at_002_the_seed_holds_and_rows_survive_003_and_back() {
    on_each_backend("hub_seed_002", |db| async move {
        let m = hub();
        m.upgrade(&db.url, "002", &mut quiet()).await.unwrap();
        let d = db.dialect;
        // Tables, columns, indexes as 002 made them.
        let resources: Vec<String> = catalog::columns(&db.pool, "resources").await.into_iter().map(|c| c.name).collect();
        assert_eq!(
            resources,
            ["id", "entity_key", "source_path", "label", "description", "category_key", "canonical_json", "created_at", "updated_at"]
        );
        let indexes = catalog::indexes(&db.pool).await;
        for name in ["ix_dashboards_entity_key", "ix_dashboards_label", "ix_resources_entity_key", "ix_resources_label", "ix_resources_category_key"] {
            assert!(indexes.iter().any(|i| i.name == name), "{name} on {}", d.name());
        }

        // CASCADE and RESTRICT on real rows (these tables are the same at 002 and at head).
        let module = Module {
            id: Uuid::new_v4(),
            entity_key: "M".into(),
            source_path: "m".into(),
            label: "M".into(),
            description: None,
            version: None,
            canonical_json: None,
            created_at: ts(),
            updated_at: ts(),
        };
        let bundle = Bundle {
            id: Uuid::new_v4(),
            entity_key: "B".into(),
            source_path: "b".into(),
            label: "B".into(),
            description: None,
            version: None,
            canonical_json: None,
            created_at: ts(),
            updated_at: ts(),
        };
        let dashboard = Dashboard {
            id: Uuid::new_v4(),
            entity_key: "D".into(),
            source_path: "d".into(),
            label: "D".into(),
            description: None,
            canonical_json: None,
            created_at: ts(),
            updated_at: ts(),
        };
        insert(&db.pool, &module).await.unwrap();
        insert(&db.pool, &bundle).await.unwrap();
        insert(&db.pool, &dashboard).await.unwrap();
        insert(&db.pool, &ModuleDashboard { module_id: module.id, dashboard_id: dashboard.id }).await.unwrap();
        insert(&db.pool, &BundleDashboard { bundle_id: bundle.id, dashboard_id: dashboard.id }).await.unwrap();
        let delete = |table: &str, id: Uuid| format!("DELETE FROM {} WHERE {} = {}", d.quote(table), d.quote("id"), uuid_literal(d, id));
        assert!(execute(&db.pool, &delete("dashboards", dashboard.id)).await.is_err(), "RESTRICT");
        execute(&db.pool, &delete("modules_v2", module.id)).await.unwrap();
        let count = |table: &str| format!("SELECT COUNT(*) FROM {}", d.quote(table));
        assert_eq!(scalar_i64(&db.pool, &count("module_dashboard")).await, 0, "CASCADE");
        assert_eq!(scalar_i64(&db.pool, &count("bundle_dashboard")).await, 1);

        // Resources with a category, with none ('') and one with a quote.
        for (key, category) in [("r1", "Person"), ("r2", ""), ("r3", "O'Brien")] {
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({}, '{key}', 'p', '{key}', {}, '2024-01-01 00:00:00', '2024-01-01 00:00:00')",
                d.quote("resources"),
                d.quote_list(&["id", "entity_key", "source_path", "label", "category_key", "created_at", "updated_at"]),
                uuid_literal(d, Uuid::new_v4()),
                d.string_literal(category)
            );
            execute(&db.pool, &sql).await.unwrap();
        }
        m.upgrade(&db.url, "003", &mut quiet()).await.unwrap();
        let keys_sql = format!(
            "SELECT {}, {} FROM {} ORDER BY {}",
            d.quote("entity_key"),
            cast_text(d, "category_keys"),
            d.quote("resources"),
            d.quote("entity_key")
        );
        let at_003: Vec<(String, serde_json::Value)> = strings(&db.pool, &keys_sql)
            .await
            .into_iter()
            .map(|r| (r[0].clone(), serde_json::from_str(&r[1]).unwrap_or_default()))
            .collect();
        assert_eq!(
            at_003,
            [
                ("r1".to_owned(), serde_json::json!(["Person"])),
                ("r2".to_owned(), serde_json::json!([])),
                ("r3".to_owned(), serde_json::json!(["O'Brien"]))
            ]
        );
        m.downgrade(&db.url, "002", &mut quiet()).await.unwrap();
        let back_sql = format!(
            "SELECT {}, {} FROM {} ORDER BY {}",
            d.quote("entity_key"),
            d.quote("category_key"),
            d.quote("resources"),
            d.quote("entity_key")
        );
        let back = strings(&db.pool, &back_sql).await;
        assert_eq!(back, [["r1", "Person"], ["r2", ""], ["r3", "O'Brien"]].map(|r| r.map(str::to_owned).to_vec()));
        // Untouched tables kept their rows through 003 and back.
        assert_eq!(scalar_i64(&db.pool, &count("dashboards")).await, 1);
        assert_eq!(scalar_i64(&db.pool, &count("bundle_dashboard")).await, 1);
    })
    .await;
}

/// `sql upgrade head --dialect postgres`, applied with `psql -1 -f` to an empty database,
/// gives the catalog the runner gives.
#[tokio::test]
async fn offline_sql_through_psql_matches_the_runner() {
    on_each_backend("hub_offline", |db| async move {
        if db.dialect != Dialect::Postgres {
            return;
        }
        let m = hub();
        m.upgrade(&db.url, "head", &mut quiet()).await.unwrap();
        let by_runner = snapshot(&db.pool).await;

        let other = TestDb::create_like(&db, "hub_offline_psql").await;
        let sql = m
            .offline_sql(Dialect::Postgres, Direction::Up, "base", "head")
            .unwrap();
        let file = std::env::temp_dir().join(format!("hub_offline_{}.sql", std::process::id()));
        std::fs::write(&file, &sql).unwrap();
        let output = std::process::Command::new("psql")
            .args(["-v", "ON_ERROR_STOP=1", "-q", "-1", "-f"])
            .arg(&file)
            .arg(&other.url)
            .output()
            .expect("psql runs");
        let _ = std::fs::remove_file(&file);
        let by_psql = snapshot(&other.pool).await;
        let status = m.status(&other.url).await.unwrap();
        other.destroy().await;
        assert!(
            output.status.success(),
            "psql: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.stderr.is_empty(),
            "psql warned: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_same(&by_psql, &by_runner, "psql -1 -f vs the runner");
        // The offline script records the revisions too: the runner sees the database at head.
        assert_eq!(status.current, Some("004"));
    })
    .await;
}

/// At K = 50 (1,200 tables) dropping revision 001 takes about 16,000 locks in one
/// transaction, more than PostgreSQL's default `max_locks_per_transaction` allows: the runner
/// says so, naming the revision and the setting, and the database stays at 001. Alone: the
/// lock table is the server's, and the tests beside it would run out too.
#[tokio::test]
async fn running_out_of_lock_slots_is_a_clear_error() {
    schema_tests::on_each_backend_alone("hub_locks", |db| async move {
        if db.dialect != Dialect::Postgres {
            return;
        }
        let setting = strings(&db.pool, "SHOW max_locks_per_transaction").await;
        if setting[0][0] != "64" {
            panic!("this test needs the default max_locks_per_transaction (64), the server has {}", setting[0][0]);
        }
        let m = Migrator::new(ontology_hub::scale::scaled(REVISIONS, 50)).unwrap();
        m.upgrade(&db.url, "head", &mut quiet()).await.unwrap();
        let error = m.downgrade(&db.url, "base", &mut quiet()).await.unwrap_err();
        let message = error.to_string();
        assert!(
            matches!(&error, schema_core::migrate::MigrateError::LockTableFull { revision, .. } if revision == "001"),
            "{message}"
        );
        assert!(message.contains("max_locks_per_transaction") && message.contains("still at revision 001"), "{message}");
        let status = m.status(&db.url).await.unwrap();
        assert_eq!(status.current, Some("001"));
        assert_eq!(db.pool.table_names().await.unwrap().len(), 20 * 50 + 1, "001's tables are all there");
    })
    .await;
}
