//! `downgrade --stored`, on every backend: an older binary (the hub's 001-002) reverts the
//! revisions a newer one applied (003, 004) from the down SQL stored in their rows, leaving
//! the catalog exactly as the newer binary left it at 002; the newer one then upgrades again.
//! A row without stored SQL, or stored SQL that would destroy rows, refuses before the first
//! statement.

use ontology_hub::migrations::REVISIONS;
use schema_core::migrate::{Event, MigrateError, Migrator, Options};
use schema_tests::catalog::snapshot;
use schema_tests::{execute, on_each_backend, strings};

fn quiet() -> impl FnMut(&Event) + Send {
    |_| {}
}

#[tokio::test(flavor = "current_thread")]
async fn an_older_binary_reverts_what_it_does_not_know_from_the_stored_down_sql() {
    on_each_backend("stored_down", |db| async move {
        let d = db.dialect.name();
        let newer = Migrator::new(REVISIONS).unwrap();
        let older = Migrator::new(&REVISIONS[..2]).unwrap();
        newer.upgrade(&db.url, "002", &mut quiet()).await.unwrap();
        let at_002 = snapshot(&db.pool).await;
        newer.upgrade(&db.url, "head", &mut quiet()).await.unwrap();
        let at_head = snapshot(&db.pool).await;

        // Plain `downgrade` knows nothing of 003 and 004.
        let error = older
            .downgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, MigrateError::DatabaseAhead { .. }),
            "{d}: {error}"
        );

        // A row without stored SQL (an earlier crate wrote it): refused, nothing run.
        let table = db.dialect.quote("schema_migrations");
        let id = db.dialect.quote("id");
        let down_sql = db.dialect.quote("down_sql");
        let kept = strings(
            &db.pool,
            &format!("SELECT {down_sql} FROM {table} WHERE {id} = '004'"),
        )
        .await;
        assert!(kept[0][0].contains("\"parent\":\"003\""), "{d}: {kept:?}");
        execute(
            &db.pool,
            &format!("UPDATE {table} SET {down_sql} = NULL WHERE {id} = '004'"),
        )
        .await
        .unwrap();
        let error = older
            .downgrade_stored(&db.url, "head", &mut quiet())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, MigrateError::StoredDown { revision, .. } if revision == "004"),
            "{d}: {error}"
        );
        assert!(error.to_string().contains("nothing was run"), "{error}");
        assert_eq!(snapshot(&db.pool).await, at_head, "{d}: nothing ran");
        execute(
            &db.pool,
            &format!(
                "UPDATE {table} SET {down_sql} = {} WHERE {id} = '004'",
                db.dialect.string_literal(&kept[0][0])
            ),
        )
        .await
        .unwrap();

        let mut notices = Vec::new();
        let at = older
            .downgrade_stored(&db.url, "head", &mut |e: &Event| {
                if let Event::Notice(n) = e {
                    notices.push(n.clone());
                }
            })
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(at, Some("002"), "{d}");
        assert_eq!(notices.len(), 2, "{d}: {notices:?}");
        assert!(
            notices[0].contains("revision 004") && notices[1].contains("revision 003"),
            "{d}: newest first: {notices:?}"
        );
        assert_eq!(snapshot(&db.pool).await, at_002, "{d}: the catalog at 002");
        let ids = strings(&db.pool, &format!("SELECT {id} FROM {table} ORDER BY {id}")).await;
        assert_eq!(ids, [["001"], ["002"]], "{d}");

        // The newer binary goes up again; then nothing is unknown and `--stored` is `downgrade`.
        assert_eq!(
            newer.upgrade(&db.url, "head", &mut quiet()).await.unwrap(),
            Some("004")
        );
        assert_eq!(snapshot(&db.pool).await, at_head, "{d}");
        let at = newer
            .downgrade_stored(&db.url, "003", &mut quiet())
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(at, Some("003"), "{d}");
    })
    .await;
}

#[tokio::test(flavor = "current_thread")]
async fn stored_down_sql_that_destroys_rows_is_refused_unless_allowed() {
    on_each_backend("stored_down_loss", |db| async move {
        let d = db.dialect.name();
        super::migrator(&super::CHAIN)
            .upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap();
        execute(&db.pool, "INSERT INTO extra (id) VALUES (1)")
            .await
            .unwrap();
        let before = snapshot(&db.pool).await;
        let older = super::migrator(&super::SHORT);
        let error = older
            .downgrade_stored(&db.url, "head", &mut quiet())
            .await
            .unwrap_err();
        let MigrateError::DataLoss { losses } = &error else {
            panic!("{d}: {error}");
        };
        assert_eq!(
            (
                losses[0].revision.as_str(),
                losses[0].table.as_str(),
                losses[0].rows
            ),
            ("003", "extra", 1),
            "{d}"
        );
        assert_eq!(snapshot(&db.pool).await, before, "{d}: nothing ran");
        let allowed = Migrator::new(&super::SHORT).unwrap().with_options(Options {
            allow_data_loss: true,
            ..Options::default()
        });
        let at = allowed
            .downgrade_stored(&db.url, "001", &mut quiet())
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(
            at,
            Some("001"),
            "{d}: 003 from its row, then 002 as downgrade does"
        );
        let tables = db.pool.table_names().await.unwrap();
        assert!(
            !tables.iter().any(|t| t == "extra" || t == "child"),
            "{d}: {tables:?}"
        );
    })
    .await;
}
