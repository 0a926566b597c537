//! Killed runners (T05, T23). A runner in a child process is SIGKILLed while a step runs (a
//! step held up by a lock another session holds, or on SQLite a slow one), or its server
//! session is killed (`pg_terminate_backend`, MariaDB `KILL`). PostgreSQL and SQLite are left
//! exactly at the previous revision with no lock held, and the next run applies it. MariaDB is
//! left marked at the exact step; `recover` finishes it and does not run again a step that
//! had committed before its record (H5).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use schema_core::migrate::{Event, MigrateError, Migrator, Options, Recovery};
use schema_core::Dialect;
use schema_tests::kill::{BLOCKED, SLOW_SQLITE};
use schema_tests::{scalar_i64, TestDb};

use super::{on_each_backend, quiet, versions, Blocker};

/// The query that finds the held-up `ALTER TABLE parent` on the server: its session id.
fn held_up_sql(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            // The ALTER is in the revision's batch of statements; an idle session's last query
            // (this one, run on another of the pool's connections) is not it.
            "SELECT CAST(pid AS BIGINT) FROM pg_stat_activity WHERE datname = current_database() \
             AND state = 'active' AND query LIKE '%ALTER TABLE%parent%' AND pid <> pg_backend_pid()"
        }
        _ => {
            "SELECT CAST(id AS SIGNED) FROM information_schema.processlist \
             WHERE db = DATABASE() AND info LIKE 'ALTER TABLE%parent%'"
        }
    }
}

/// Waits (up to 10 s) until the held-up ALTER is on the server; its session id.
async fn held_up(db: &TestDb) -> i64 {
    let started = Instant::now();
    loop {
        let rows = db.pool.rows(held_up_sql(db.dialect), &[]).await.unwrap();
        if let Some(id) = rows
            .first()
            .and_then(|r| r.first())
            .and_then(|v| v.as_i64())
        {
            return id;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the ALTER never showed up"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Starts the runner child on `db`'s URL with `chain`.
fn child(db: &TestDb, chain: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_runner_child"))
        .args([&db.url, chain])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the runner child starts")
}

async fn tables(db: &TestDb) -> Vec<String> {
    let mut names = db.pool.table_names().await.unwrap();
    names.sort();
    names
}

/// Whether `parent.note` is there.
async fn has_note(db: &TestDb) -> bool {
    let sql = match db.dialect {
        Dialect::Sqlite => "SELECT COUNT(*) FROM pragma_table_info('parent') WHERE name = 'note'",
        Dialect::Postgres => {
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'parent' AND column_name = 'note'"
        }
        Dialect::MySql => {
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() \
             AND table_name = 'parent' AND column_name = 'note'"
        }
    };
    scalar_i64(&db.pool, sql).await > 0
}

/// What the database looks like after the kill, and the run after it. `committed`: MariaDB
/// went on with the killed runner's ALTER once the lock was free (it does not notice a
/// client gone while a statement waits), so the step is done but not recorded (H5).
async fn after_the_kill(db: &TestDb, committed: bool) {
    let d = db.dialect.name();
    let quick = Migrator::new(match db.dialect {
        Dialect::Sqlite => &SLOW_SQLITE[..],
        _ => &BLOCKED[..],
    })
    .unwrap()
    .with_options(Options {
        lock_wait: Duration::from_secs(2),
        ..Options::default()
    });
    if db.dialect == Dialect::MySql {
        // Marked at the exact step: `child` was made; `parent.note` only if MariaDB went on.
        assert_eq!(
            tables(db).await,
            ["child", "parent", "schema_migrations"],
            "{d}"
        );
        assert_eq!(has_note(db).await, committed, "{d}");
        let error = quick
            .upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, MigrateError::FailedRevision { revision, steps_done: 1, .. } if revision == "002"),
            "{d}: {error}"
        );
        let mut notices = Vec::new();
        let at = quick
            .recover(&db.url, Recovery::Resume, &mut |e: &Event| {
                if let Event::Notice(n) = e {
                    notices.push(n.clone());
                }
            })
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(at, Some("002"), "{d}");
        let skipped = notices
            .iter()
            .any(|n| n.contains("step 2 (add column parent.note)") && n.contains("not run again"));
        assert_eq!(skipped, committed, "{d}: {notices:?}");
    } else {
        // Exactly at 001: nothing of 002, and no lock: the next run gets it at once (SQLite's
        // lock is the revision's transaction, which would wait out `lock_wait` and fail).
        assert_eq!(versions(db).await, ["001"], "{d}");
        assert_eq!(tables(db).await, ["parent", "schema_migrations"], "{d}");
        assert!(!has_note(db).await, "{d}");
        let mut waited = None;
        let at = quick
            .upgrade(&db.url, "head", &mut |e: &Event| {
                if let Event::Locked { waited: w } = e {
                    waited = Some(*w);
                }
            })
            .await;
        assert_eq!(
            at.unwrap_or_else(|e| panic!("{d}: {e}")),
            Some("002"),
            "{d}"
        );
        assert!(
            waited.is_some_and(|w| w < Duration::from_secs(1)),
            "{d}: {waited:?}"
        );
    }
    assert_eq!(
        tables(db).await,
        ["child", "extra", "parent", "schema_migrations"],
        "{d}"
    );
}

/// Waits (up to 10 s) until no statement of the killed runner is left on the server.
async fn gone_from_the_server(db: &TestDb) {
    let started = Instant::now();
    while !db
        .pool
        .rows(held_up_sql(db.dialect), &[])
        .await
        .unwrap()
        .is_empty()
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the ALTER stays on the server"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// T05: SIGKILL while a step runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runner_killed_mid_step_leaves_a_revision_or_a_marked_step() {
    on_each_backend("killed_process", |db| async move {
        let chain = if db.dialect == Dialect::Sqlite {
            "slow_sqlite"
        } else {
            "blocked"
        };
        let first = Migrator::new(&BLOCKED).unwrap();
        first.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
        let blocker = match db.dialect {
            Dialect::Sqlite => None,
            _ => Some(Blocker::hold(&db).await),
        };
        let mut runner = child(&db, chain);
        match db.dialect {
            Dialect::Sqlite => {
                // Into its batch (the first step is instant, the second slow).
                let mut lines = BufReader::new(runner.stdout.take().unwrap()).lines();
                let line = tokio::task::spawn_blocking(move || lines.next())
                    .await
                    .unwrap();
                assert_eq!(line.map(|l| l.unwrap()), Some("start 0".to_owned()));
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            _ => {
                held_up(&db).await;
            }
        }
        runner.kill().unwrap();
        let status = runner.wait().unwrap();
        assert!(!status.success(), "{status:?}");
        if let Some(blocker) = blocker {
            blocker.release().await;
            gone_from_the_server(&db).await;
        }
        after_the_kill(&db, db.dialect == Dialect::MySql).await;
    })
    .await;
}

/// T23: the runner's server session is killed while its step waits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_runner_whose_session_is_killed_leaves_a_revision_or_a_marked_step() {
    on_each_backend("killed_session", |db| async move {
        if db.dialect == Dialect::Sqlite {
            return; // no server session to kill
        }
        let d = db.dialect.name();
        let m = Migrator::new(&BLOCKED).unwrap().with_options(Options {
            lock_timeout: Duration::from_secs(60),
            ..Options::default()
        });
        m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
        let blocker = Blocker::hold(&db).await;
        let url = db.url.clone();
        let runner = tokio::spawn(async move {
            let m = Migrator::new(&BLOCKED).unwrap().with_options(Options {
                lock_timeout: Duration::from_secs(60),
                ..Options::default()
            });
            m.upgrade(&url, "head", &mut |_| {}).await
        });
        let session = held_up(&db).await;
        let kill = match db.dialect {
            Dialect::Postgres => format!("SELECT pg_terminate_backend({session})"),
            _ => format!("KILL {session}"),
        };
        db.pool.execute(&kill).await.unwrap();
        let result = runner.await.unwrap();
        assert!(result.is_err(), "{d}: {result:?}");
        blocker.release().await;
        gone_from_the_server(&db).await;
        after_the_kill(&db, false).await;
        // No lock is left: `after_the_kill`'s next run took it within a second (MariaDB:
        // within its 2 s wait, else `LockTimeout` instead of `FailedRevision`).
    })
    .await;
}
