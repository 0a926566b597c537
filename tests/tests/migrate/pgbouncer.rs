//! The runner through PgBouncer in transaction mode (`.ci/run` starts one on port 6432 with
//! a pool of 3 server connections): nothing prepared collides across the pool's clients, the
//! lock is held in a transaction of its own and verified before each step, concurrent runners
//! apply each revision once (T01), a failure or a cancellation leaves no lock behind (T02,
//! T03), and no session setting is left on the pooled connections.

use std::time::{Duration, Instant};

use schema_core::migrate::{Event, Migrator, Options, RawSql, Revision, Step};
use schema_core::{ColumnDef, IndexDef, PrimaryKeyDef, SqlType, TableDef};
use schema_tests::{on_each_backend, scalar_i64, strings, TestDb};

const APPLIED: TableDef = TableDef::new(
    "applied",
    "Applied",
    &[
        ColumnDef::new("id", SqlType::BigInt),
        ColumnDef::new("n", SqlType::Integer),
    ],
    PrimaryKeyDef {
        name: "applied_pkey",
        columns: &["id"],
    },
);

const fn insert(sql: &'static str) -> Step {
    Step::Sql(RawSql {
        postgres: Some(sql),
        required: true,
        ..RawSql::new("record that it ran")
    })
}

static CHAIN: [Revision; 3] = [
    Revision {
        id: "001",
        parent: None,
        message: "a table",
        up: &[Step::CreateTable(&APPLIED)],
        down: &[Step::DropTable { table: "applied" }],
    },
    Revision {
        id: "002",
        parent: Some("001"),
        message: "an index, online",
        up: &[
            insert("INSERT INTO applied (id, n) VALUES (2, 1)"),
            Step::Online(&Step::CreateIndex {
                table: "applied",
                index: IndexDef::new("ix_applied_n", &["n"]),
            }),
        ],
        down: &[
            Step::DropIndex {
                table: "applied",
                name: "ix_applied_n",
                if_exists: false,
            },
            insert("DELETE FROM applied WHERE id = 2"),
        ],
    },
    Revision {
        id: "003",
        parent: Some("002"),
        message: "a row",
        up: &[insert("INSERT INTO applied (id, n) VALUES (3, 1)")],
        down: &[insert("DELETE FROM applied WHERE id = 3")],
    },
];

static FAILING: [Revision; 2] = [
    CHAIN[0],
    Revision {
        id: "002",
        parent: Some("001"),
        message: "fails",
        up: &[insert("INSERT INTO missing_table (id) VALUES (1)")],
        down: &[],
    },
];

fn pooled(lock_wait: Duration) -> Options {
    Options {
        transaction_pooling: true,
        lock_wait,
        allow_data_loss: true,
        ..Options::default()
    }
}

fn quiet() -> impl FnMut(&Event) + Send {
    |_| {}
}

/// `SHOW lock_timeout` on `n` fresh connections through the pooler (psql: nothing prepared).
fn lock_timeouts(url: &str, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let out = std::process::Command::new("psql")
                .args([url, "-Atc", "SHOW lock_timeout"])
                .output()
                .expect("psql runs");
            String::from_utf8_lossy(&out.stdout).trim().to_owned()
        })
        .collect()
}

async fn rows(db: &TestDb) -> Vec<Vec<String>> {
    strings(&db.pool, "SELECT CAST(id AS TEXT) FROM applied ORDER BY id").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_runner_works_through_pgbouncer_in_transaction_mode() {
    on_each_backend("bouncer_runs", |db| async move {
        let Some(url) = db.through_pgbouncer() else {
            return;
        };
        let m = Migrator::new(&CHAIN)
            .unwrap()
            .with_options(pooled(Duration::from_secs(20)));
        // Round after round, on server connections other clients used before.
        for round in 0..3 {
            assert_eq!(
                m.upgrade(&url, "head", &mut quiet()).await.unwrap(),
                Some("003"),
                "round {round}"
            );
            assert_eq!(m.status(&url).await.unwrap().current, Some("003"));
            assert_eq!(rows(&db).await, [["2"], ["3"]]);
            assert_eq!(
                m.downgrade(&url, "001", &mut quiet()).await.unwrap(),
                Some("001"),
                "round {round}"
            );
        }
        assert_eq!(
            lock_timeouts(&url, 6),
            vec!["0".to_owned(); 6],
            "no lock_timeout left behind"
        );
        let advisory = "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' \
                        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        assert_eq!(
            scalar_i64(&db.pool, advisory).await,
            0,
            "no lock left on a pooled connection"
        );

        // T01: four runners at once apply each revision once.
        let runs: Vec<_> = (0..4)
            .map(|_| {
                let url = url.clone();
                tokio::spawn(async move {
                    let m = Migrator::new(&CHAIN)
                        .unwrap()
                        .with_options(pooled(Duration::from_secs(30)));
                    m.upgrade(&url, "head", &mut |_| {}).await
                })
            })
            .collect();
        for run in runs {
            assert_eq!(run.await.unwrap().unwrap(), Some("003"));
        }
        assert_eq!(rows(&db).await, [["2"], ["3"]]);
        assert_eq!(
            scalar_i64(&db.pool, "SELECT COUNT(*) FROM schema_migrations").await,
            3
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_or_a_cancellation_through_pgbouncer_leaves_no_lock() {
    on_each_backend("bouncer_lock", |db| async move {
        let Some(url) = db.through_pgbouncer() else {
            return;
        };
        // T02: a failing revision, then the next runner gets the lock at once.
        let failing = Migrator::new(&FAILING).unwrap().with_options(pooled(Duration::from_secs(5)));
        let error = failing.upgrade(&url, "head", &mut quiet()).await.unwrap_err();
        assert!(error.to_string().contains("missing_table"), "{error}");
        let quick = Migrator::new(&CHAIN).unwrap().with_options(pooled(Duration::from_secs(1)));
        let started = Instant::now();
        assert_eq!(quick.upgrade(&url, "002", &mut quiet()).await.unwrap(), Some("002"));
        assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());

        // T03: a runner cancelled after the first step of 001 (one transaction); the lock and
        // the transaction go with it.
        let m = Migrator::new(&CHAIN).unwrap().with_options(pooled(Duration::from_secs(5)));
        m.downgrade(&url, "base", &mut quiet()).await.unwrap();
        let (first_step, stepped) = tokio::sync::oneshot::channel::<()>();
        let mut first_step = Some(first_step);
        let mut on = |e: &Event| {
            if matches!(e, Event::Step { .. }) {
                if let Some(tx) = first_step.take() {
                    let _ = tx.send(());
                }
            }
        };
        let upgrade = Box::pin(m.upgrade(&url, "head", &mut on));
        tokio::select! {
            result = upgrade => panic!("the upgrade finished before it could be cancelled: {result:?}"),
            _ = stepped => {}
        }
        let started = Instant::now();
        let quick = Migrator::new(&CHAIN).unwrap().with_options(pooled(Duration::from_secs(2)));
        let at = quick.upgrade(&url, "head", &mut quiet()).await;
        assert_eq!(at.unwrap(), Some("003"));
        assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
        assert_eq!(rows(&db).await, [["2"], ["3"]]);
    })
    .await;
}
