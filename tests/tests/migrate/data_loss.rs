//! The data-loss guard, on the hub with its fixtures, on every backend: `downgrade base`
//! refuses before its first statement, naming each table with its row count, and leaves the
//! database exactly as it was (catalog and row counts); `--allow-data-loss` then runs it;
//! `upgrade` runs 003, which drops a column whose data it copied first and says so; `reset`
//! without `--yes` refuses.

use ontology_hub::ingest::{ingest, FIXTURES_DIR};
use ontology_hub::migrations::REVISIONS;
use ontology_hub::HUB;
use schema_core::migrate::{Event, MigrateError, Migrator, Options};
use schema_tests::catalog::snapshot;
use schema_tests::{execute, on_each_backend, scalar_i64, TestDb};

fn quiet() -> impl FnMut(&Event) + Send {
    |_| {}
}

/// Each hub table's row count, by name.
async fn row_counts(db: &TestDb) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for table in HUB.tables {
        let sql = format!("SELECT COUNT(*) FROM {}", db.dialect.quote(table.name));
        out.push((table.name.to_owned(), scalar_i64(&db.pool, &sql).await));
    }
    out
}

#[tokio::test(flavor = "current_thread")]
async fn downgrade_base_with_the_fixtures_refuses_naming_tables_and_rows() {
    on_each_backend("loss_guard", |db| async move {
        let d = db.dialect.name();
        let m = Migrator::new(REVISIONS).unwrap();
        m.upgrade(&db.url, "head", &mut quiet()).await.unwrap();
        ingest(&db.pool, std::path::Path::new(FIXTURES_DIR))
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        let (catalog, rows) = (snapshot(&db.pool).await, row_counts(&db).await);
        assert!(
            rows.iter().any(|(_, n)| *n > 0),
            "{d}: the fixtures hold rows"
        );

        let error = m
            .downgrade(&db.url, "base", &mut quiet())
            .await
            .expect_err("dropping every table with rows in it");
        let MigrateError::DataLoss { losses } = &error else {
            panic!("{d}: {error}");
        };
        // Each table with rows is named with its count; no other.
        for (table, count) in &rows {
            let named = losses
                .iter()
                .find(|l| l.table == *table && l.column.is_none());
            match named {
                Some(loss) => assert_eq!(loss.rows, *count, "{d}: {table}"),
                None => assert_eq!(*count, 0, "{d}: {table} has rows but is not named: {error}"),
            }
        }
        assert!(error.to_string().contains("nothing was run"), "{error}");
        // Nothing ran: the catalog, the rows and the version are as they were.
        assert_eq!(snapshot(&db.pool).await, catalog, "{d}");
        assert_eq!(row_counts(&db).await, rows, "{d}");
        assert_eq!(m.status(&db.url).await.unwrap().current, Some("004"));

        let allowed = Migrator::new(REVISIONS).unwrap().with_options(Options {
            allow_data_loss: true,
            ..Options::default()
        });
        allowed
            .downgrade(&db.url, "base", &mut quiet())
            .await
            .unwrap();
        assert_eq!(db.pool.table_names().await.unwrap(), ["schema_migrations"]);
    })
    .await;
}

/// 003 moves `resources.category_key` into `category_keys` before dropping it, and says so
/// (`Step::AcceptDataLoss`): with rows in `resources` it runs without the flag, and the keys
/// are in their new column.
#[tokio::test(flavor = "current_thread")]
async fn an_accepted_loss_runs_without_the_flag() {
    on_each_backend("loss_accepted", |db| async move {
        let d = db.dialect.name();
        let m = Migrator::new(REVISIONS).unwrap();
        m.upgrade(&db.url, "002", &mut quiet()).await.unwrap();
        let id = match db.dialect {
            schema_core::Dialect::Postgres => "'00000000-0000-0000-0000-000000000001'",
            _ => "X'00000000000000000000000000000001'",
        };
        let insert = format!(
            "INSERT INTO resources (id, entity_key, source_path, label, category_key, created_at, \
             updated_at) VALUES ({id}, 'r1', 'p', 'R', 'cat', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        );
        execute(&db.pool, &insert)
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        m.upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_or_else(|e| panic!("{d}: 003 with rows: {e}"));
        let kept = scalar_i64(
            &db.pool,
            "SELECT COUNT(*) FROM resources WHERE category_keys IS NOT NULL",
        )
        .await;
        assert_eq!(kept, 1, "{d}");
    })
    .await;
}

/// `reset` drops everything: without `--yes` (and no terminal to ask at) it refuses and runs
/// nothing.
#[tokio::test(flavor = "current_thread")]
async fn reset_without_yes_refuses() {
    use schema_core::cli::{execute, CliError, Command, Global};
    on_each_backend("loss_reset", |db| async move {
        let m = Migrator::new(REVISIONS).unwrap();
        m.upgrade(&db.url, "head", &mut quiet()).await.unwrap();
        let global = Global {
            database_url: Some(db.url.clone()),
            lock_wait: 5,
            lock_timeout_ms: 10_000,
            allow_data_loss: false,
            transaction_pooling: false,
            allow_ahead: false,
            json: false,
        };
        let error = execute(&Command::Reset { yes: false }, &global, REVISIONS, Some(&HUB), None)
            .await
            .expect_err("reset without --yes");
        assert!(
            matches!(&error, CliError::Other(m) if m.contains("--yes") && m.contains("nothing was run")),
            "{error}"
        );
        assert_eq!(m.status(&db.url).await.unwrap().current, Some("004"));
        execute(&Command::Reset { yes: true }, &global, REVISIONS, Some(&HUB), None)
            .await
            .unwrap();
        assert_eq!(m.status(&db.url).await.unwrap().current, Some("004"));
    })
    .await;
}

/// A revision with steps up and none down cannot be downgraded past: a typed error naming
/// it, nothing run; one whose down says there is nothing to undo can.
#[tokio::test(flavor = "current_thread")]
async fn an_irreversible_revision_is_not_reverted() {
    use schema_core::migrate::{RawSql, Revision, Step};
    use schema_core::{ColumnDef, PrimaryKeyDef, SqlType, TableDef};
    const T: TableDef = TableDef::new(
        "one_way",
        "OneWay",
        &[ColumnDef::new("id", SqlType::BigInt)],
        PrimaryKeyDef {
            name: "one_way_pkey",
            columns: &["id"],
        },
    );
    static CHAIN: [Revision; 3] = [
        Revision {
            id: "001",
            parent: None,
            message: "a table",
            up: &[Step::CreateTable(&T)],
            down: &[Step::DropTable { table: "one_way" }],
        },
        Revision {
            id: "002",
            parent: Some("001"),
            message: "a data fix, nothing to undo",
            up: &[Step::Sql(RawSql {
                postgres: Some("UPDATE one_way SET id = id"),
                sqlite: Some("UPDATE one_way SET id = id"),
                mysql: Some("UPDATE one_way SET id = id"),
                ..RawSql::new("touch every row")
            })],
            down: &[Step::Sql(RawSql::new(
                "nothing to undo: the rows are the same",
            ))],
        },
        Revision {
            id: "003",
            parent: Some("002"),
            message: "forgot the down",
            up: &[Step::DropTable { table: "one_way" }],
            down: &[],
        },
    ];
    on_each_backend("loss_irreversible", |db| async move {
        let m = Migrator::new(&CHAIN).unwrap();
        m.upgrade(&db.url, "head", &mut quiet()).await.unwrap();
        let error = m.downgrade(&db.url, "001", &mut quiet()).await.unwrap_err();
        assert!(
            matches!(&error, MigrateError::Irreversible { revision } if revision == "003"),
            "{error}"
        );
        assert!(error.to_string().contains("nothing was run"), "{error}");
        assert_eq!(m.status(&db.url).await.unwrap().current, Some("003"));
        let reversible = Migrator::new(&CHAIN[..2]).unwrap();
        reversible
            .stamp(&db.url, "002", &mut quiet())
            .await
            .unwrap();
        execute(&db.pool, "CREATE TABLE one_way (id BIGINT PRIMARY KEY)")
            .await
            .unwrap();
        reversible
            .downgrade(&db.url, "001", &mut quiet())
            .await
            .unwrap();
        assert_eq!(
            reversible.status(&db.url).await.unwrap().current,
            Some("001")
        );
    })
    .await;
}
