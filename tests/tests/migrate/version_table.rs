//! An honest version table, on every backend: a `schema_migrations` that belongs to another
//! tool (Rails' one column, golang-migrate's `version` and `dirty`) is recognised and never
//! written to; ours with a revision recorded twice, a column from a newer crate, a checksum of
//! another format, a row left `applying`, or dropped under its schema cannot be trusted. Each
//! is a typed error with nothing run. A table of the earliest layout (no `checksum_format`, no
//! `down_sql`) is read as it is and upgraded at the first write; `recover` stores a fixed
//! revision's new checksum only when told to.

use ontology_hub::migrations::REVISIONS;
use schema_core::migrate::{Event, MigrateError, Migrator, Recovery};
use schema_tests::catalog::snapshot;
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
             duration_ms BIGINT NOT NULL, error TEXT, checksum_format VARCHAR(255) NOT NULL)",
        )
        .await
        .unwrap();
        let m = Migrator::new(REVISIONS).unwrap();
        let checksum = REVISIONS[0].checksum();
        for _ in 0..2 {
            let row = format!(
                "INSERT INTO schema_migrations VALUES ('001', '{checksum}', 'applied', 0, '2024-01-01', 0, NULL, 'schema-core/revision/1')"
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

/// The version table's rows, as text: id, state, steps done, checksum, checksum format.
async fn version_rows(db: &schema_tests::TestDb) -> Vec<Vec<String>> {
    strings(
        &db.pool,
        "SELECT id, state, CAST(steps_done AS CHAR(20)), checksum, checksum_format \
         FROM schema_migrations ORDER BY id",
    )
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn a_version_table_of_the_earlier_layout_is_read_and_upgraded_at_the_first_write() {
    on_each_backend("version_layout", |db| async move {
        let d = db.dialect.name();
        let m = Migrator::new(REVISIONS).unwrap();
        m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
        // As a crate before `checksum_format` and `down_sql` wrote it.
        for column in ["checksum_format", "down_sql"] {
            let sql = format!("ALTER TABLE schema_migrations DROP COLUMN {column}");
            execute(&db.pool, &sql).await.unwrap();
        }
        let before = snapshot(&db.pool).await;
        let status = m.status(&db.url).await.unwrap();
        assert_eq!(status.current, Some("001"), "{d}");
        assert_eq!(status.applied[0].down_sql, None, "{d}");
        assert_eq!(
            status.applied[0].checksum_format, "schema-core/revision/1",
            "{d}"
        );
        assert_eq!(
            snapshot(&db.pool).await,
            before,
            "{d}: a read writes nothing"
        );
        m.upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        let rows = version_rows(&db).await;
        assert_eq!(rows.len(), REVISIONS.len(), "{d}");
        for (row, revision) in rows.iter().zip(REVISIONS) {
            assert_eq!(row[0], revision.id, "{d}");
            assert_eq!(row[3], revision.checksum(), "{d}");
            assert_eq!(row[4], schema_core::migrate::checksum::FORMAT, "{d}");
        }
        // The rows written since store their down SQL; 001's, written before, has none.
        let stored = m.status(&db.url).await.unwrap().applied;
        assert_eq!(stored[0].down_sql, None, "{d}");
        assert!(
            stored[1..].iter().all(|a| a.down_sql.is_some()),
            "{d}: {stored:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_checksum_of_another_format_and_a_row_left_applying_refuse_every_run() {
    on_each_backend("version_refusals", |db| async move {
        let d = db.dialect.name();
        let m = Migrator::new(REVISIONS).unwrap();
        m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();

        execute(&db.pool, "UPDATE schema_migrations SET checksum_format = 'schema-core/revision/0'")
            .await
            .unwrap();
        let before = (snapshot(&db.pool).await, version_rows(&db).await);
        for error in [
            m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err(),
            m.downgrade(&db.url, "base", &mut quiet()).await.unwrap_err(),
        ] {
            assert!(
                matches!(&error, MigrateError::ChecksumFormat { revision, recorded, .. }
                    if revision == "001" && recorded == "schema-core/revision/0"),
                "{d}: {error}"
            );
            assert!(error.to_string().ends_with("nothing was run"), "{error}");
        }
        assert_eq!((snapshot(&db.pool).await, version_rows(&db).await), before, "{d}");
        execute(&db.pool, "UPDATE schema_migrations SET checksum_format = 'schema-core/revision/1'")
            .await
            .unwrap();

        // A row left `applying`: a runner stopped while it applied 002.
        let row = format!(
            "INSERT INTO schema_migrations VALUES ('002', '{}', 'applying', 1, '2026-01-01', 0, NULL, 'schema-core/revision/1', NULL)",
            REVISIONS[1].checksum()
        );
        execute(&db.pool, &row).await.unwrap();
        let before = (snapshot(&db.pool).await, version_rows(&db).await);
        for error in [
            m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err(),
            m.downgrade(&db.url, "base", &mut quiet()).await.unwrap_err(),
        ] {
            assert!(
                matches!(&error, MigrateError::FailedRevision { revision, steps_done: 1, error }
                    if revision == "002" && error == "interrupted while applying"),
                "{d}: {error}"
            );
        }
        assert_eq!((snapshot(&db.pool).await, version_rows(&db).await), before, "{d}");
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_version_table_dropped_under_its_schema_refuses_to_start_over() {
    on_each_backend("version_dropped", |db| async move {
        let d = db.dialect.name();
        let m = Migrator::new(REVISIONS).unwrap();
        m.upgrade(&db.url, "head", &mut quiet()).await.unwrap();
        execute(&db.pool, "DROP TABLE schema_migrations")
            .await
            .unwrap();
        let before = snapshot(&db.pool).await;
        let error = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
        assert!(
            matches!(&error, MigrateError::NotEmpty { tables } if !tables.is_empty()),
            "{d}: {error}"
        );
        assert!(error.to_string().ends_with("nothing was run"), "{error}");
        assert_eq!(
            snapshot(&db.pool).await,
            before,
            "{d}: no version table, nothing replayed"
        );
    })
    .await;
}

/// `recover` of a revision whose code changed since it started refuses; told to accept the
/// change, it resumes and stores the new checksum, saying so.
#[tokio::test(flavor = "current_thread")]
async fn recover_stores_a_fixed_revisions_new_checksum_only_when_told() {
    on_each_backend("version_recover", |db| async move {
        let d = db.dialect.name();
        let m = Migrator::new(REVISIONS).unwrap();
        m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
        // 002 failed before its first step, under code whose checksum was another.
        let old = "0".repeat(64);
        let row = format!(
            "INSERT INTO schema_migrations VALUES ('002', '{old}', 'failed', 0, '2026-01-01', 0, 'boom', 'schema-core/revision/1', NULL)"
        );
        execute(&db.pool, &row).await.unwrap();
        let before = (snapshot(&db.pool).await, version_rows(&db).await);
        let error = m
            .recover(&db.url, Recovery::Resume, &mut quiet())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, MigrateError::RecoverChanged { revision, recorded, steps_done: 0, .. }
                if revision == "002" && *recorded == old),
            "{d}: {error}"
        );
        assert!(error.to_string().contains("--accept-changed"), "{error}");
        assert_eq!((snapshot(&db.pool).await, version_rows(&db).await), before, "{d}");

        let mut notices = Vec::new();
        let at = m
            .recover(&db.url, Recovery::ResumeChanged, &mut |e: &Event| {
                if let Event::Notice(n) = e {
                    notices.push(n.clone());
                }
            })
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(at, Some("002"), "{d}");
        assert!(
            notices.iter().any(|n| n.contains("002 changed") && n.contains(&old)),
            "{d}: {notices:?}"
        );
        let rows = version_rows(&db).await;
        assert_eq!(rows[1][..2], ["002", "applied"], "{d}");
        assert_eq!(rows[1][3], REVISIONS[1].checksum(), "{d}");
        m.upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
    })
    .await;
}

/// A trigger that refuses the version-table row of revision 002, in each database's SQL.
fn refuse_002(dialect: schema_core::Dialect) -> &'static str {
    match dialect {
        schema_core::Dialect::Postgres => {
            "CREATE FUNCTION refuse_002() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN IF NEW.id = '002' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$; \
             CREATE TRIGGER refuse_002 BEFORE INSERT ON schema_migrations \
             FOR EACH ROW EXECUTE FUNCTION refuse_002()"
        }
        schema_core::Dialect::Sqlite => {
            "CREATE TRIGGER refuse_002 BEFORE INSERT ON schema_migrations WHEN NEW.id = '002' \
             BEGIN SELECT RAISE(ABORT, 'refused'); END"
        }
        schema_core::Dialect::MySql => {
            "CREATE TRIGGER refuse_002 BEFORE INSERT ON schema_migrations FOR EACH ROW \
             BEGIN IF NEW.id = '002' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'; END IF; END"
        }
    }
}

/// T08: when the version-table write of a revision fails, its DDL does not stay behind
/// (PostgreSQL and SQLite roll it back with the row; MySQL writes the row first, so nothing
/// ran); and `stamp` writes its rows in one transaction, so a failure keeps the rows it found.
#[tokio::test(flavor = "current_thread")]
async fn a_failed_version_table_write_leaves_nothing_behind() {
    on_each_backend("version_write_fails", |db| async move {
        let d = db.dialect.name();
        let m = Migrator::new(REVISIONS).unwrap();
        m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
        db.pool
            .execute(refuse_002(db.dialect))
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        let before = (snapshot(&db.pool).await, version_rows(&db).await);

        let error = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
        assert!(error.to_string().contains("refused"), "{d}: {error}");
        assert_eq!(
            (snapshot(&db.pool).await, version_rows(&db).await),
            before,
            "{d}: revision 002 left nothing"
        );
        assert_eq!(m.status(&db.url).await.unwrap().current, Some("001"), "{d}");

        // The row's time too: a stamp that cleared and rewrote 001 would change it.
        let applied_at = "SELECT applied_at FROM schema_migrations";
        let at = strings(&db.pool, applied_at).await;
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        let error = m.stamp(&db.url, "head", &mut quiet()).await.unwrap_err();
        assert_eq!(strings(&db.pool, applied_at).await, at, "{d}");
        assert!(error.to_string().contains("refused"), "{d}: {error}");
        assert_eq!(
            (snapshot(&db.pool).await, version_rows(&db).await),
            before,
            "{d}: the stamp kept the rows it found"
        );
    })
    .await;
}
