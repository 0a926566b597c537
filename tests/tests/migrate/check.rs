//! Drift checks: a live database against the models, and the chain replayed offline.

use ontology_hub::migrations::REVISIONS;
use ontology_hub::HUB;
use schema_core::drift::{check, check_chain};
use schema_core::migrate::Migrator;
use schema_core::{Dialect, Schema, TableDef};
use schema_tests::on_each_backend;

const VERSION_TABLE: &[&str] = &["schema_migrations"];

fn lines(differences: &[schema_core::drift::Difference]) -> Vec<String> {
    differences.iter().map(ToString::to_string).collect()
}

#[tokio::test]
async fn a_database_built_from_the_models_has_no_drift() {
    on_each_backend("check_fresh", |db| async move {
        db.pool
            .apply(&HUB.create_sql(db.dialect).unwrap())
            .await
            .unwrap();
        let differences = check(&db.url, &HUB, VERSION_TABLE).await.unwrap();
        assert_eq!(
            lines(&differences),
            Vec::<String>::new(),
            "on {}",
            db.dialect.name()
        );
    })
    .await;
}

#[tokio::test]
async fn a_database_migrated_to_head_has_no_drift() {
    on_each_backend("check_head", |db| async move {
        Migrator::new(REVISIONS)
            .unwrap()
            .upgrade(&db.url, "head", &mut |_| {})
            .await
            .unwrap();
        let differences = check(&db.url, &HUB, VERSION_TABLE).await.unwrap();
        assert_eq!(
            lines(&differences),
            Vec::<String>::new(),
            "on {}",
            db.dialect.name()
        );
    })
    .await;
}

/// The ontology hub's own bug: `module_dashboard` and `bundle_dashboard` created with foreign
/// keys without actions, while the models say CASCADE and RESTRICT.
#[tokio::test]
async fn the_hubs_missing_actions_are_reported() {
    on_each_backend("check_hub_bug", |db| async move {
        let statements: Vec<String> = HUB
            .create_sql(db.dialect).unwrap()
            .into_iter()
            .map(|s| s.replace(" ON DELETE CASCADE", "").replace(" ON DELETE RESTRICT", ""))
            .collect();
        db.pool.apply(&statements).await.unwrap();
        let differences = lines(&check(&db.url, &HUB, VERSION_TABLE).await.unwrap());
        let cascade = [
            "bundle_dashboard.bundle_id: on_delete is NO ACTION in the database, CASCADE in the model",
            "module_dashboard.module_id: on_delete is NO ACTION in the database, CASCADE in the model",
        ];
        let restrict = [
            "bundle_dashboard.dashboard_id: on_delete is NO ACTION in the database, RESTRICT in the model",
            "module_dashboard.dashboard_id: on_delete is NO ACTION in the database, RESTRICT in the model",
        ];
        let mut expected: Vec<String> = Vec::new();
        match db.dialect {
            // InnoDB has no NO ACTION of its own: it is RESTRICT, and MariaDB reports RESTRICT
            // for both, so only the CASCADE side can differ there.
            Dialect::MySql => expected.extend(cascade.iter().map(|s| s.replace("NO ACTION", "RESTRICT"))),
            Dialect::Postgres | Dialect::Sqlite => {
                expected.extend(cascade.iter().chain(&restrict).map(|s| (*s).to_owned()));
            }
        }
        let mut got = differences.clone();
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "on {}", db.dialect.name());
    })
    .await;
}

/// Every kind of difference, read from a real catalog.
#[tokio::test]
async fn each_kind_of_drift_is_named() {
    on_each_backend("check_kinds", |db| async move {
        db.pool
            .apply(&HUB.create_sql(db.dialect).unwrap())
            .await
            .unwrap();
        let d = db.dialect;
        let statements = [
            format!(
                "ALTER TABLE {} ADD COLUMN {} INTEGER",
                d.quote("dashboards"),
                d.quote("extra")
            ),
            match d {
                Dialect::MySql => format!(
                    "DROP INDEX {} ON {}",
                    d.quote("ix_resources_label"),
                    d.quote("resources")
                ),
                _ => format!("DROP INDEX {}", d.quote("ix_resources_label")),
            },
            format!(
                "CREATE TABLE {} ({} INTEGER PRIMARY KEY)",
                d.quote("stray"),
                d.quote("id")
            ),
        ];
        db.pool.apply(&statements).await.unwrap();
        let mut got = lines(&check(&db.url, &HUB, VERSION_TABLE).await.unwrap());
        got.sort();
        assert_eq!(
            got,
            [
                "dashboards.extra: column in the database, not in the model",
                "index ix_resources_label on resources: in the model, missing in the database",
                "table stray: in the database, not in the model",
            ],
            "on {}",
            d.name()
        );
    })
    .await;
}

#[test]
fn the_chain_replayed_offline_matches_the_models() {
    schema_core::assert_migrations_match_models!(REVISIONS, HUB);
    assert_eq!(check_chain(REVISIONS, &HUB).unwrap(), vec![]);
}

/// A model edited without a revision: the offline check names the difference.
#[test]
fn a_model_edited_without_a_revision_is_caught_offline() {
    use schema_core::Table;
    #[derive(Table)]
    #[table(name = "dashboards")]
    #[unique(columns(entity_key), name = "uq_dashboards_entity_key")]
    #[allow(dead_code)]
    struct EditedDashboard {
        #[column(primary_key)]
        id: uuid::Uuid,
        #[index(name = "ix_dashboards_entity_key")]
        entity_key: String,
        source_path: String,
        #[index(name = "ix_dashboards_label")]
        label: String,
        description: Option<String>,
        canonical_json: Option<serde_json::Value>,
        created_at: chrono::NaiveDateTime,
        updated_at: chrono::NaiveDateTime,
        /// New, without a revision.
        archived: bool,
    }
    let tables: Vec<&'static TableDef> = HUB
        .tables
        .iter()
        .map(|t| {
            if t.name == "dashboards" {
                &<EditedDashboard as Table>::DEF
            } else {
                *t
            }
        })
        .collect();
    let edited = Schema::new(Box::leak(tables.into_boxed_slice()));
    let differences = lines(&check_chain(REVISIONS, &edited).unwrap());
    assert_eq!(
        differences,
        ["dashboards.archived: column in the model, missing in the migrations"]
    );
    let panic = std::panic::catch_unwind(|| {
        schema_core::assert_migrations_match_models!(REVISIONS, edited)
    });
    let message = panic
        .err()
        .and_then(|p| p.downcast::<String>().ok())
        .map(|m| *m)
        .unwrap_or_default();
    assert!(message.contains("dashboards.archived"), "{message}");
}

/// `upgrade --verify`: after an upgrade the database is what the chain says; a change made
/// behind the chain's back is named.
#[tokio::test]
async fn verify_compares_the_database_with_the_chain() {
    on_each_backend("check_verify", |db| async move {
        let m = Migrator::new(REVISIONS).unwrap();
        m.upgrade(&db.url, "002", &mut |_| {}).await.unwrap();
        assert_eq!(lines(&m.verify(&db.url).await.unwrap()), Vec::<String>::new(), "on {}", db.dialect.name());
        let d = db.dialect;
        let drop_index = match d {
            Dialect::MySql => format!("DROP INDEX {} ON {}", d.quote("ix_resources_category_key"), d.quote("resources")),
            _ => format!("DROP INDEX {}", d.quote("ix_resources_category_key")),
        };
        db.pool.apply(&[drop_index]).await.unwrap();
        assert_eq!(
            lines(&m.verify(&db.url).await.unwrap()),
            ["index ix_resources_category_key on resources: in the migrations, missing in the database"]
        );
    })
    .await;
}

/// The CLI verbs: `check` and `upgrade --verify` succeed on an exact database, and fail (exit
/// 1) with a `Drift` error once the database drifts.
#[tokio::test]
async fn check_and_verify_verbs_fail_on_drift() {
    use schema_core::cli::{execute, CheckArgs, CliError, Command, Global};
    on_each_backend("check_cli", |db| async move {
        let global = Global {
            database_url: Some(db.url.clone()),
            lock_wait: 5,
            lock_timeout_ms: 10_000,
            allow_data_loss: false,
            transaction_pooling: false,
            allow_ahead: false,
            json: false,
        };
        let upgrade = Command::Upgrade {
            target: "head".into(),
            verify: true,
            each: None,
            jobs: 4,
        };
        execute(&upgrade, &global, REVISIONS, Some(&HUB), None)
            .await
            .unwrap();
        execute(
            &Command::Check(CheckArgs::default()),
            &global,
            REVISIONS,
            Some(&HUB),
            None,
        )
        .await
        .unwrap();
        let d = db.dialect;
        db.pool
            .apply(&[format!(
                "ALTER TABLE {} ADD COLUMN {} INTEGER",
                d.quote("resources"),
                d.quote("stray")
            )])
            .await
            .unwrap();
        let error = execute(
            &Command::Check(CheckArgs::default()),
            &global,
            REVISIONS,
            Some(&HUB),
            None,
        )
        .await
        .unwrap_err();
        assert!(matches!(error, CliError::Drift { count: 1, .. }), "{error}");
        let error = execute(&upgrade, &global, REVISIONS, Some(&HUB), None)
            .await
            .unwrap_err();
        assert!(
            matches!(error, CliError::Drift { count: 1, what } if what.contains("migrations")),
            "{error}"
        );
    })
    .await;
}
