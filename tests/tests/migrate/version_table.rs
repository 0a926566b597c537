//! An honest version table, on every backend: a `schema_migrations` that belongs to another
//! tool (Rails' one column, golang-migrate's `version` and `dirty`) is recognised and never
//! written to; ours with a revision recorded twice cannot be trusted. Both are typed errors,
//! with nothing run.

use ontology_hub::migrations::REVISIONS;
use schema_core::migrate::{Event, MigrateError, Migrator};
use schema_tests::{execute, on_each_backend, strings};

fn quiet() -> impl FnMut(&Event) + Send {
    |_| {}
}

#[tokio::test(flavor = "current_thread")]
async fn another_tools_version_table_is_never_written_to() {
    on_each_backend("version_foreign", |db| async move {
        let d = db.dialect.name();
        for (create, row) in [
            (
                "CREATE TABLE schema_migrations (version VARCHAR(255) NOT NULL PRIMARY KEY)",
                "INSERT INTO schema_migrations (version) VALUES ('20240101000000')",
            ),
            (
                "CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL)",
                "INSERT INTO schema_migrations (version, dirty) VALUES (20240101, FALSE)",
            ),
        ] {
            execute(&db.pool, create).await.unwrap();
            execute(&db.pool, row).await.unwrap();
            let m = Migrator::new(REVISIONS).unwrap();
            let error = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
            assert!(
                matches!(&error, MigrateError::ForeignVersionTable { table } if table == "schema_migrations"),
                "{d}: {error}"
            );
            assert!(error.to_string().contains("nothing was run"), "{error}");
            assert_eq!(db.pool.table_names().await.unwrap(), ["schema_migrations"], "{d}");
            let rows = strings(&db.pool, "SELECT CAST(version AS CHAR(20)) FROM schema_migrations").await;
            assert_eq!(rows.len(), 1, "{d}: the other tool's row is untouched");
            execute(&db.pool, "DROP TABLE schema_migrations").await.unwrap();
        }
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_revision_recorded_twice_is_a_corrupt_version_table() {
    on_each_backend("version_twice", |db| async move {
        let d = db.dialect.name();
        // Our columns, without the key that keeps an id once.
        execute(
            &db.pool,
            "CREATE TABLE schema_migrations (id VARCHAR(255) NOT NULL, checksum VARCHAR(255) NOT NULL, \
             state VARCHAR(255) NOT NULL, steps_done BIGINT NOT NULL, applied_at VARCHAR(255) NOT NULL, \
             duration_ms BIGINT NOT NULL, error TEXT)",
        )
        .await
        .unwrap();
        let m = Migrator::new(REVISIONS).unwrap();
        let checksum = REVISIONS[0].checksum();
        for _ in 0..2 {
            let row = format!(
                "INSERT INTO schema_migrations VALUES ('001', '{checksum}', 'applied', 0, '2024-01-01', 0, NULL)"
            );
            execute(&db.pool, &row).await.unwrap();
        }
        let error = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
        assert!(
            matches!(&error, MigrateError::VersionTableCorrupt { problem, .. } if problem == "revision 001 is recorded twice"),
            "{d}: {error}"
        );
        assert_eq!(
            db.pool.table_names().await.unwrap(),
            ["schema_migrations"],
            "{d}: nothing ran"
        );
        // A column this runner does not know: a newer crate wrote the table.
        execute(&db.pool, "DELETE FROM schema_migrations").await.unwrap();
        execute(&db.pool, "ALTER TABLE schema_migrations ADD COLUMN format_version INTEGER")
            .await
            .unwrap();
        let error = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
        assert!(
            matches!(&error, MigrateError::VersionTableCorrupt { problem, .. } if problem.contains("format_version") && problem.contains("newer")),
            "{d}: {error}"
        );
        assert_eq!(db.pool.table_names().await.unwrap(), ["schema_migrations"], "{d}");
    })
    .await;
}
