//! The migration runner on real databases: a small chain of its own, and its faults. Every
//! body runs on SQLite, PostgreSQL and MariaDB (see `schema_tests::backends`).

use std::time::{Duration, Instant};

use schema_core::migrate::{
    ColumnChange, Event, LeftAt, MigrateError, Migrator, Options, RawSql, Recovery, Revision, Step,
};
use schema_core::{ColumnDef, Dialect, IndexDef, SqlType, Table};
use schema_tests::{execute, on_each_backend, scalar_i64, TestDb};

#[derive(Table)]
#[table(name = "parent")]
struct Parent {
    #[column(primary_key)]
    id: i64,
    name: String,
}

#[derive(Table)]
#[table(name = "child")]
struct Child {
    #[column(primary_key)]
    id: i64,
    #[foreign_key(references = Parent::id, on_delete = cascade)]
    parent_id: i64,
}

#[derive(Table)]
#[table(name = "extra")]
struct Extra {
    #[column(primary_key)]
    id: i64,
}

const NOTE: ColumnDef = ColumnDef {
    nullable: true,
    ..ColumnDef::new("note", SqlType::Varchar(None))
};

const R1: Revision = Revision {
    id: "001",
    parent: None,
    message: "parent",
    up: &[
        Step::CreateTable(&<Parent as Table>::DEF),
        Step::CreateIndex {
            table: "parent",
            index: IndexDef::new("ix_parent_name", &["name"]),
        },
    ],
    down: &[Step::DropTable { table: "parent" }],
};

/// 001 as someone edited it after it was applied.
const R1_EDITED: Revision = Revision {
    up: &[Step::CreateTable(&<Parent as Table>::DEF)],
    ..R1
};

const R2: Revision = Revision {
    id: "002",
    parent: Some("001"),
    message: "child and a note",
    up: &[
        Step::CreateTable(&<Child as Table>::DEF),
        Step::AddColumn {
            table: "parent",
            column: NOTE,
        },
    ],
    down: &[
        Step::DropColumn {
            table: "parent",
            column: "note",
            if_exists: false,
        },
        Step::DropTable { table: "child" },
    ],
};

const FAILING_SQL: &str = "INSERT INTO missing_table (id) VALUES (1)";

/// Its second step fails: `missing_table` does not exist.
const R3_FAILS: Revision = Revision {
    id: "003",
    parent: Some("002"),
    message: "extra, then a failing insert",
    up: &[
        Step::CreateTable(&<Extra as Table>::DEF),
        Step::Sql(RawSql {
            postgres: Some(FAILING_SQL),
            sqlite: Some(FAILING_SQL),
            mysql: Some(FAILING_SQL),
            required: true,
            ..RawSql::new("insert into a missing table")
        }),
        Step::AlterColumn {
            table: "parent",
            column: "note",
            change: ColumnChange::SetDefault(Some(schema_core::DefaultValue::Text("none"))),
        },
    ],
    down: &[Step::DropTable { table: "extra" }],
};

const R3: Revision = Revision {
    id: "003",
    parent: Some("002"),
    message: "extra",
    up: &[Step::CreateTable(&<Extra as Table>::DEF)],
    down: &[Step::DropTable { table: "extra" }],
};

static CHAIN: [Revision; 3] = [R1, R2, R3];
static FAILING: [Revision; 3] = [R1, R2, R3_FAILS];
static SHORT: [Revision; 2] = [R1, R2];
static EDITED: [Revision; 3] = [R1_EDITED, R2, R3];

fn quiet() -> impl FnMut(&Event) + Send {
    |_| {}
}

fn migrator(revisions: &'static [Revision]) -> Migrator {
    Migrator::new(revisions).unwrap_or_else(|e| panic!("{e}"))
}

async fn tables(db: &TestDb) -> Vec<String> {
    db.pool.table_names().await.unwrap()
}

async fn versions(db: &TestDb) -> Vec<String> {
    let d = db.dialect;
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        d.quote("id"),
        d.quote("schema_migrations"),
        d.quote("id")
    );
    schema_tests::strings(&db.pool, &sql)
        .await
        .into_iter()
        .map(|r| r[0].clone())
        .collect()
}

#[tokio::test]
async fn up_to_head_down_to_base_and_back() {
    on_each_backend("mig_roundtrip", |db| async move {
        let m = migrator(&CHAIN);
        let mut events = Vec::new();
        let at = m
            .upgrade(&db.url, "head", &mut |e: &Event| {
                events.push(format!("{e:?}"))
            })
            .await
            .unwrap();
        assert_eq!(at, Some("003"));
        assert_eq!(
            tables(&db).await,
            ["child", "extra", "parent", "schema_migrations"]
        );
        assert_eq!(versions(&db).await, ["001", "002", "003"]);
        assert_eq!(
            events.iter().filter(|e| e.starts_with("Step {")).count(),
            5,
            "{events:#?}"
        );
        // Each step's start comes right before its end; PostgreSQL and SQLite send a
        // revision's statements together (001 and 002 have two each), MySQL one at a time.
        let starts: Vec<usize> = (0..events.len())
            .filter(|i| events[*i].starts_with("StepStart"))
            .collect();
        let batched = events
            .iter()
            .filter(|e| e.contains("batched: true"))
            .count();
        let expected = match db.dialect {
            Dialect::MySql => (5, 0),
            _ => (3, 4),
        };
        assert_eq!((starts.len(), batched), expected, "{events:#?}");
        assert!(
            starts.iter().all(|i| events[i + 1].starts_with("Step {")),
            "{events:#?}"
        );

        assert_eq!(
            m.downgrade(&db.url, "001", &mut quiet()).await.unwrap(),
            Some("001")
        );
        assert_eq!(tables(&db).await, ["parent", "schema_migrations"]);
        let columns: Vec<String> = schema_tests::catalog::columns(&db.pool, "parent")
            .await
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(columns, ["id", "name"]);

        assert_eq!(
            m.downgrade(&db.url, "base", &mut quiet()).await.unwrap(),
            None
        );
        assert_eq!(tables(&db).await, ["schema_migrations"]);
        assert!(versions(&db).await.is_empty());

        assert_eq!(
            m.upgrade(&db.url, "002", &mut quiet()).await.unwrap(),
            Some("002")
        );
        assert_eq!(
            m.upgrade(&db.url, "head", &mut quiet()).await.unwrap(),
            Some("003")
        );
        let status = m.status(&db.url).await.unwrap();
        assert_eq!((status.current, status.pending.len()), (Some("003"), 0));
        // Nothing to do is not an error.
        assert_eq!(
            m.upgrade(&db.url, "head", &mut quiet()).await.unwrap(),
            Some("003")
        );
    })
    .await;
}

/// A failing step: PostgreSQL and SQLite roll the revision back whole; MariaDB (DDL commits
/// by itself) records the revision as failed at that step and refuses to go on until
/// `recover`.
#[tokio::test]
async fn a_failing_step_leaves_nothing_half_done() {
    on_each_backend("mig_fail", |db| async move {
        let m = migrator(&FAILING);
        m.upgrade(&db.url, "002", &mut quiet()).await.unwrap();
        execute(&db.pool, &format!("INSERT INTO {} (id, name) VALUES (1, 'kept')", db.dialect.quote("parent"))).await.unwrap();
        let error = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
        let message = error.to_string();
        let MigrateError::Step { revision, index, sql, left_at, .. } = error else { panic!("{message}") };
        assert_eq!((revision.as_str(), index, sql.as_str()), ("003", 1, FAILING_SQL));
        assert!(message.contains("step 2 of 3"), "{message}");
        match db.dialect {
            Dialect::Postgres | Dialect::Sqlite => {
                assert_eq!(left_at, LeftAt::Revision(Some("002".into())));
                assert!(!tables(&db).await.contains(&"extra".to_owned()), "rolled back");
                assert_eq!(versions(&db).await, ["001", "002"]);
                assert!(message.contains("still at revision 002"), "{message}");
            }
            Dialect::MySql => {
                assert_eq!(left_at, LeftAt::FailedRevision { revision: "003".into(), steps_done: 1 });
                assert!(tables(&db).await.contains(&"extra".to_owned()), "step 1 committed");
                // Refused until recovered, before any SQL.
                let refused = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
                assert!(matches!(refused, MigrateError::FailedRevision { ref revision, steps_done: 1, .. } if revision == "003"), "{refused}");
                // Fix the cause, then resume from the failed step.
                execute(&db.pool, "CREATE TABLE missing_table (id INT)").await.unwrap();
                assert_eq!(m.recover(&db.url, Recovery::Resume, &mut quiet()).await.unwrap(), Some("003"));
                assert_eq!(versions(&db).await, ["001", "002", "003"]);
            }
        }
        // The lock was released: another run gets it at once.
        let quick = Migrator::new(&FAILING).unwrap().with_options(Options { lock_wait: Duration::from_millis(500), ..Options::default() });
        quick.status(&db.url).await.unwrap();
        let current = quick.upgrade(&db.url, "002", &mut quiet()).await.unwrap();
        assert!(current.is_some());
        assert_eq!(scalar_i64(&db.pool, &format!("SELECT COUNT(*) FROM {}", db.dialect.quote("parent"))).await, 1);
    })
    .await;
}

#[tokio::test]
async fn recover_forget_after_undoing_by_hand() {
    on_each_backend("mig_forget", |db| async move {
        if db.dialect != Dialect::MySql {
            // Transactional backends never leave a failed revision behind.
            let m = migrator(&FAILING);
            m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
            assert!(matches!(
                m.recover(&db.url, Recovery::Forget, &mut quiet()).await,
                Err(MigrateError::NothingToRecover)
            ));
            return;
        }
        let m = migrator(&FAILING);
        m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
        execute(&db.pool, "DROP TABLE extra").await.unwrap();
        assert_eq!(
            m.recover(&db.url, Recovery::Forget, &mut quiet())
                .await
                .unwrap(),
            Some("002")
        );
        assert_eq!(versions(&db).await, ["001", "002"]);
        // With the revision fixed in code, the upgrade goes through.
        assert_eq!(
            migrator(&CHAIN)
                .upgrade(&db.url, "head", &mut quiet())
                .await
                .unwrap(),
            Some("003")
        );
    })
    .await;
}

/// Eight runners at once on an empty database: each revision is applied exactly once.
#[tokio::test]
async fn eight_concurrent_runners_apply_each_revision_once() {
    on_each_backend("mig_concurrent", |db| async move {
        let m = migrator(&CHAIN);
        let url = db.url.as_str();
        let run = || async {
            let mut events = Vec::new();
            let mut on = |e: &Event| {
                if let Event::RevisionDone { id, .. } = e {
                    events.push(*id);
                }
            };
            let at = m.upgrade(url, "head", &mut on).await;
            (at, events)
        };
        let results = tokio::join!(run(), run(), run(), run(), run(), run(), run(), run());
        let results = [
            results.0, results.1, results.2, results.3, results.4, results.5, results.6, results.7,
        ];
        let mut applied: Vec<&str> = Vec::new();
        for (at, events) in &results {
            assert_eq!(at.as_ref().map_err(ToString::to_string), Ok(&Some("003")));
            applied.extend(events);
        }
        applied.sort();
        assert_eq!(
            applied,
            ["001", "002", "003"],
            "each revision applied by exactly one runner"
        );
        assert_eq!(versions(&db).await, ["001", "002", "003"]);
    })
    .await;
}

/// A connection holding the migration lock the way a runner does.
#[allow(dead_code)]
enum Holder {
    Postgres(sqlx::PgConnection),
    MySql(sqlx::MySqlConnection),
    Sqlite(sqlx::SqliteConnection),
}

/// Takes the migration lock as another runner would hold it (the runner's own SQL).
async fn hold_lock(db: &TestDb) -> Holder {
    use schema_core::migrate::hold_lock_sql;
    use sqlx::Connection;
    match db.dialect {
        Dialect::Postgres => {
            let mut c = sqlx::PgConnection::connect(&db.url).await.unwrap();
            let sql = hold_lock_sql(Dialect::Postgres).unwrap();
            sqlx::raw_sql(&sql).execute(&mut c).await.unwrap();
            Holder::Postgres(c)
        }
        Dialect::MySql => {
            let mut c = sqlx::MySqlConnection::connect(&db.url).await.unwrap();
            let sql = hold_lock_sql(Dialect::MySql).unwrap();
            sqlx::raw_sql(&sql).execute(&mut c).await.unwrap();
            Holder::MySql(c)
        }
        Dialect::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
            sqlx::raw_sql("BEGIN IMMEDIATE")
                .execute(&mut c)
                .await
                .unwrap();
            Holder::Sqlite(c)
        }
    }
}

#[tokio::test]
async fn a_held_lock_makes_a_runner_fail_within_its_bound() {
    on_each_backend("mig_lock", |db| async move {
        let _holder = hold_lock(&db).await;
        let m = Migrator::new(&CHAIN).unwrap().with_options(Options {
            lock_wait: Duration::from_secs(1),
            ..Options::default()
        });
        let started = Instant::now();
        let error = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
        let waited = started.elapsed();
        assert!(matches!(error, MigrateError::LockTimeout { .. }), "{error}");
        assert!(
            waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
            "{waited:?}"
        );
        // Untouched: not even the version table.
        let check = schema_core::db::Pool::connect(&db.url).await.unwrap();
        if db.dialect != Dialect::Sqlite {
            assert!(check.table_names().await.unwrap().is_empty());
        }
    })
    .await;
}

#[tokio::test]
async fn an_edited_revision_is_refused_before_any_sql() {
    on_each_backend("mig_checksum", |db| async move {
        migrator(&CHAIN)
            .upgrade(&db.url, "002", &mut quiet())
            .await
            .unwrap();
        let error = migrator(&EDITED)
            .upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, MigrateError::ChecksumMismatch { revision, .. } if revision == "001"),
            "{error}"
        );
        assert!(error.to_string().contains("revision 001"), "{error}");
        assert!(
            !tables(&db).await.contains(&"extra".to_owned()),
            "003 did not run"
        );
        assert_eq!(versions(&db).await, ["001", "002"]);
    })
    .await;
}

#[tokio::test]
async fn a_database_ahead_is_refused() {
    on_each_backend("mig_ahead", |db| async move {
        migrator(&CHAIN)
            .upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap();
        let error = migrator(&SHORT)
            .upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, MigrateError::DatabaseAhead { revisions } if revisions == &["003"]),
            "{error}"
        );
        let error = migrator(&SHORT)
            .downgrade(&db.url, "base", &mut quiet())
            .await
            .unwrap_err();
        assert!(matches!(error, MigrateError::DatabaseAhead { .. }));
        assert_eq!(versions(&db).await, ["001", "002", "003"]);
    })
    .await;
}

#[tokio::test]
async fn a_non_empty_database_needs_a_stamp() {
    on_each_backend("mig_stamp", |db| async move {
        db.pool
            .apply(&Parent::create_sql(db.dialect).unwrap())
            .await
            .unwrap();
        let error = migrator(&CHAIN)
            .upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, MigrateError::NotEmpty { tables } if tables == &["parent"]),
            "{error}"
        );
        assert_eq!(
            tables(&db).await,
            ["parent"],
            "not even the version table was created"
        );
        migrator(&CHAIN)
            .stamp(&db.url, "001", &mut quiet())
            .await
            .unwrap();
        assert_eq!(
            migrator(&CHAIN)
                .upgrade(&db.url, "head", &mut quiet())
                .await
                .unwrap(),
            Some("003")
        );
        assert_eq!(versions(&db).await, ["001", "002", "003"]);
    })
    .await;
}

/// 002 with the step that alters `parent` first.
static NOTE_FIRST: [Revision; 2] = [
    R1,
    Revision {
        up: &[
            Step::AddColumn {
                table: "parent",
                column: NOTE,
            },
            Step::CreateTable(&<Child as Table>::DEF),
        ],
        ..R2
    },
];

/// A reader's open transaction on `parent`, which ALTER TABLE parent must wait for.
enum Blocker {
    Postgres(sqlx::PgConnection),
    MySql(sqlx::MySqlConnection),
}

impl Blocker {
    async fn hold(db: &TestDb) -> Blocker {
        use sqlx::Connection;
        match db.dialect {
            Dialect::Postgres => {
                let mut c = sqlx::PgConnection::connect(&db.url).await.unwrap();
                sqlx::raw_sql("BEGIN; LOCK TABLE parent IN ACCESS SHARE MODE")
                    .execute(&mut c)
                    .await
                    .unwrap();
                Blocker::Postgres(c)
            }
            _ => {
                let mut c = sqlx::MySqlConnection::connect(&db.url).await.unwrap();
                sqlx::raw_sql("BEGIN").execute(&mut c).await.unwrap();
                sqlx::raw_sql("SELECT COUNT(*) FROM parent")
                    .execute(&mut c)
                    .await
                    .unwrap();
                Blocker::MySql(c)
            }
        }
    }

    async fn release(self) {
        match self {
            Blocker::Postgres(mut c) => sqlx::raw_sql("ROLLBACK")
                .execute(&mut c)
                .await
                .map(drop)
                .unwrap(),
            Blocker::MySql(mut c) => sqlx::raw_sql("ROLLBACK")
                .execute(&mut c)
                .await
                .map(drop)
                .unwrap(),
        }
    }
}

/// DDL behind another transaction's lock gives up after `lock_timeout` instead of queueing
/// forever (T21): PostgreSQL's `lock_timeout` and MariaDB's `lock_wait_timeout` come from the
/// same option; a typed error within the bound plus a second. Blocked at a revision's first
/// step, the database is still at 001 on both (MariaDB too: nothing of it committed). Blocked
/// at its second, PostgreSQL rolls back and MariaDB marks it failed after one step, which
/// `recover` finishes once the lock is gone.
#[tokio::test]
async fn ddl_gives_up_after_lock_timeout() {
    on_each_backend("mig_lock_timeout", |db| async move {
        if db.dialect == Dialect::Sqlite {
            return; // one writer at a time: its lock is the runner's own (lock_wait)
        }
        let d = db.dialect.name();
        let bound = Duration::from_secs(1);
        let options = Options {
            lock_timeout: bound,
            ..Options::default()
        };
        for (chain, blocked_step) in [(&NOTE_FIRST[..], 0), (&CHAIN[..], 1)] {
            let db = TestDb::create_like(&db, "mig_lock_timeout_run").await;
            let m = Migrator::new(chain).unwrap().with_options(options.clone());
            m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
            let blocker = Blocker::hold(&db).await;
            let started = Instant::now();
            let error = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
            let took = started.elapsed();
            blocker.release().await;
            let message = error.to_string();
            let MigrateError::StepLockTimeout {
                revision,
                index,
                waited,
                left_at,
                ..
            } = &error
            else {
                panic!("{d}: {message}");
            };
            assert!(took < bound + Duration::from_secs(1), "{d}: {took:?}");
            assert_eq!(
                (revision.as_str(), *index, *waited),
                ("002", blocked_step, bound),
                "{d}"
            );
            assert!(message.contains("add column parent.note"), "{message}");
            let partial = db.dialect == Dialect::MySql && blocked_step > 0;
            if partial {
                assert_eq!(
                    left_at,
                    &LeftAt::FailedRevision {
                        revision: "002".into(),
                        steps_done: 1
                    },
                    "{d}"
                );
                assert_eq!(
                    m.recover(&db.url, Recovery::Resume, &mut quiet())
                        .await
                        .unwrap(),
                    Some("002"),
                    "{d}"
                );
            } else {
                assert_eq!(
                    left_at,
                    &LeftAt::Revision(Some("001".into())),
                    "{d}: {message}"
                );
                assert_eq!(versions(&db).await, ["001"], "{d}");
            }
            let head = chain.last().map(|r| r.id);
            assert_eq!(
                m.upgrade(&db.url, "head", &mut quiet()).await.unwrap(),
                head,
                "{d}"
            );
            db.destroy().await;
        }
    })
    .await;
}

/// H8: a run cancelled (here by a timeout around it) while its statement waits on the
/// server: the server stops that statement too, and lets go of its locks, within seconds;
/// it does not wait on until the blocker is gone.
#[tokio::test]
async fn a_cancelled_run_stops_its_statement_on_the_server() {
    on_each_backend("mig_cancel_server", |db| async move {
        if db.dialect != Dialect::Postgres {
            return;
        }
        migrator(&NOTE_FIRST)
            .upgrade(&db.url, "001", &mut quiet())
            .await
            .unwrap();
        let blocker = Blocker::hold(&db).await;
        let m = Migrator::new(&NOTE_FIRST[..])
            .unwrap()
            .with_options(Options {
                lock_timeout: Duration::from_secs(60),
                ..Options::default()
            });
        let cancelled = tokio::time::timeout(
            Duration::from_secs(1),
            m.upgrade(&db.url, "head", &mut quiet()),
        )
        .await;
        assert!(
            cancelled.is_err(),
            "the upgrade should still be waiting: {cancelled:?}"
        );
        let waiting = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
                       AND query LIKE 'ALTER TABLE%parent%'";
        let started = Instant::now();
        while scalar_i64(&db.pool, waiting).await > 0 {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "the server still runs the cancelled ALTER"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        blocker.release().await;
        assert_eq!(versions(&db).await, ["001"]);
        assert_eq!(
            m.upgrade(&db.url, "head", &mut quiet()).await.unwrap(),
            Some("002")
        );
    })
    .await;
}

/// A service migrates at start-up on the pool it already has (`Migrator::run(&pool)`), on
/// each backend's sqlx pool, and goes on with that pool; the crate's `Pool` is an endpoint too.
#[tokio::test]
async fn a_service_migrates_on_its_own_pool() {
    on_each_backend("mig_app_pool", |db| async move {
        let d = db.dialect.name();
        let m = Migrator::new(ontology_hub::migrations::REVISIONS).unwrap();
        let (at, tables) = match db.dialect {
            Dialect::Postgres => {
                let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
                let at = m.run(&pool).await;
                let tables: Vec<String> = sqlx::query_scalar("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
                    .fetch_all(&pool)
                    .await
                    .unwrap();
                pool.close().await;
                (at, tables)
            }
            Dialect::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&db.url).await.unwrap();
                let at = m.run(&pool).await;
                let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .fetch_all(&pool)
                    .await
                    .unwrap();
                pool.close().await;
                (at, tables)
            }
            Dialect::MySql => {
                let pool = sqlx::MySqlPool::connect(&db.url).await.unwrap();
                let at = m.run(&pool).await;
                let tables: Vec<String> = sqlx::query_scalar("SELECT CAST(table_name AS CHAR) FROM information_schema.tables WHERE table_schema = DATABASE()")
                    .fetch_all(&pool)
                    .await
                    .unwrap();
                pool.close().await;
                (at, tables)
            }
        };
        assert_eq!(at.unwrap_or_else(|e| panic!("{d}: {e}")), Some("004"), "{d}");
        for table in ontology_hub::HUB.tables {
            assert!(tables.iter().any(|t| t == table.name), "{d}: {} not seen by the pool", table.name);
        }
        assert_eq!(m.status(&db.pool).await.unwrap().current, Some("004"), "{d}");
        assert_eq!(m.run(&db.pool).await.unwrap(), Some("004"), "{d}: again, nothing to do");
    })
    .await;
}

/// An in-memory SQLite pool: the runner's connection reaches the database the pool holds.
#[tokio::test]
async fn an_in_memory_sqlite_pool_is_migrated_where_its_application_sees_it() {
    let pool = schema_core::db::Pool::connect("sqlite::memory:")
        .await
        .unwrap();
    let m = Migrator::new(ontology_hub::migrations::REVISIONS).unwrap();
    assert_eq!(m.run(&pool).await.unwrap(), Some("004"));
    let tables = pool.table_names().await.unwrap();
    for table in ontology_hub::HUB.tables {
        assert!(
            tables.iter().any(|t| t == table.name),
            "{} not in the pool's database",
            table.name
        );
    }
    pool.close().await;
}

/// A rolling deploy: an older binary (001-002) meets a database a newer one took to 003. By
/// default it refuses; with `allow_ahead` its `upgrade` is a no-op that names 003.
#[tokio::test]
async fn an_older_binary_on_a_newer_database_refuses_or_with_allow_ahead_does_nothing() {
    on_each_backend("mig_ahead", |db| async move {
        let d = db.dialect.name();
        migrator(&CHAIN)
            .upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap();
        let before = schema_tests::catalog::snapshot(&db.pool).await;
        let older = migrator(&SHORT);
        let error = older
            .upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, MigrateError::DatabaseAhead { revisions } if revisions == &["003"]),
            "{d}: {error}"
        );
        let tolerant = Migrator::new(&SHORT).unwrap().with_options(Options {
            allow_ahead: true,
            ..Options::default()
        });
        let mut notices = Vec::new();
        let at = tolerant
            .upgrade(&db.url, "head", &mut |e: &Event| {
                if let Event::Notice(n) = e {
                    notices.push(n.clone());
                }
            })
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(at, Some("002"), "{d}");
        assert!(
            notices.iter().any(|n| n.contains("003")),
            "{d}: {notices:?}"
        );
        assert_eq!(
            schema_tests::catalog::snapshot(&db.pool).await,
            before,
            "{d}: nothing ran"
        );
        assert_eq!(versions(&db).await, ["001", "002", "003"], "{d}");
        // Not when the database lacks one of this chain's revisions: that is no rolling deploy.
        let edited = Migrator::new(&EDITED).unwrap().with_options(Options {
            allow_ahead: true,
            ..Options::default()
        });
        assert!(
            edited.upgrade(&db.url, "head", &mut quiet()).await.is_err(),
            "{d}"
        );
    })
    .await;
}

/// `schema_core::testing`: a test gets a fresh database at head on each server (SQLite in
/// memory without one), dropped afterwards, also when the test panics.
#[tokio::test]
async fn a_test_gets_a_fresh_database_at_head_dropped_afterwards() {
    use schema_core::testing::{with_test_database_on, TestDatabase};
    let mut servers: Vec<Option<String>> = vec![None];
    for backend in schema_tests::backends() {
        match backend {
            schema_tests::Backend::Postgres(url) | schema_tests::Backend::MySql(url) => {
                servers.push(Some(url))
            }
            schema_tests::Backend::Sqlite => {}
        }
    }
    for server in &servers {
        let s = server.as_deref();
        let (dialect, tables) =
            with_test_database_on(s, ontology_hub::migrations::REVISIONS, |db| async move {
                let m = Migrator::new(ontology_hub::migrations::REVISIONS).unwrap();
                assert_eq!(m.status(db.endpoint()).await.unwrap().current, Some("004"));
                (db.dialect, db.pool.table_names().await.unwrap())
            })
            .await;
        assert!(
            tables.iter().any(|t| t == "dashboards"),
            "{dialect:?}: {tables:?}"
        );
        // A panicking test: its database goes too.
        let made: std::sync::Arc<std::sync::Mutex<Option<TestDatabase>>> = Default::default();
        let seen = made.clone();
        let panicked = schema_tests::catch_unwind(with_test_database_on(
            s,
            ontology_hub::migrations::REVISIONS,
            |db| async move {
                *seen.lock().unwrap() = Some(db);
                panic!("the test fails");
            },
        ))
        .await;
        assert!(panicked.is_err());
        let db = made.lock().unwrap().take().unwrap();
        if let (Some(server), Some(name)) = (s, db.name()) {
            let admin = schema_core::db::Pool::connect(server).await.unwrap();
            let list = match db.dialect {
                Dialect::Postgres => "SELECT datname::text FROM pg_database",
                _ => "SELECT CAST(schema_name AS CHAR) FROM information_schema.schemata",
            };
            let names: Vec<String> = admin
                .text_rows(list)
                .await
                .unwrap()
                .into_iter()
                .filter_map(|r| r.into_iter().next().flatten())
                .collect();
            admin.close().await;
            assert!(
                !names.iter().any(|n| n == name),
                "{dialect:?}: {name} was not dropped"
            );
            assert!(
                names.iter().any(|n| n == "test"),
                "{dialect:?}: the listing works: {names:?}"
            );
        }
    }
}

/// TLS (the test server has `ssl = on`): with `sslmode=require` the runner's and the pool's
/// connections are encrypted, and the hub migrates to head over them; with `verify-full` the
/// certificate is checked against the root given and the host's name, and either failing is
/// a connect error that says so.
#[tokio::test]
async fn the_runner_migrates_over_tls_with_require_and_verify_full() {
    on_each_backend("mig_tls", |db| async move {
        if db.dialect != Dialect::Postgres {
            return;
        }
        let url = format!("{}?sslmode=require", db.url);
        let m = Migrator::new(ontology_hub::migrations::REVISIONS).unwrap();
        assert_eq!(
            m.upgrade(&url, "head", &mut quiet()).await.unwrap(),
            Some("004")
        );
        let pool = schema_core::db::Pool::connect(&url).await.unwrap();
        let ssl =
            "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl";
        assert_eq!(
            pool.scalar_i64(ssl).await.unwrap(),
            Some(1),
            "the connection is encrypted"
        );
        pool.close().await;
        let plain = format!("{}?sslmode=disable", db.url);
        let pool = schema_core::db::Pool::connect(&plain).await.unwrap();
        assert_eq!(
            pool.scalar_i64(ssl).await.unwrap(),
            Some(0),
            "the check can tell"
        );
        pool.close().await;

        // verify-full: the server's certificate (self-signed, for `localhost`) checked against
        // the root given, and its name against the host's.
        let root = "/etc/ssl/certs/ssl-cert-snakeoil.pem";
        let by_name = db.url.replacen("@127.0.0.1:", "@localhost:", 1);
        assert_ne!(by_name, db.url, "the test server is 127.0.0.1");
        let verified = format!("{by_name}?sslmode=verify-full&sslrootcert={root}");
        let status = m.status(&verified).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(status.current, Some("004"));
        m.downgrade(&verified, "003", &mut quiet()).await.unwrap();
        assert_eq!(
            m.upgrade(&verified, "head", &mut quiet()).await.unwrap(),
            Some("004")
        );
        // The same certificate does not name 127.0.0.1; without the root it is unknown.
        for (url, why) in [
            (
                format!("{}?sslmode=verify-full&sslrootcert={root}", db.url),
                "a name the certificate does not hold",
            ),
            (
                format!("{by_name}?sslmode=verify-full"),
                "no root that signed it",
            ),
        ] {
            let error = m.status(&url).await.unwrap_err();
            let text = error.to_string();
            assert!(text.contains("cannot connect"), "{why}: {text}");
            assert!(text.to_lowercase().contains("certificate"), "{why}: {text}");
        }
    })
    .await;
}

/// MySQL 8 refuses a lock name over 64 characters, and a database name may be 64 (H15): the
/// migration lock's name has one length whatever the database's.
#[tokio::test]
async fn the_mysql_lock_name_fits_for_a_64_character_database_name() {
    on_each_backend("mig_lock_name", |db| async move {
        if db.dialect != Dialect::MySql {
            return;
        }
        let long = format!("{:x<64}", format!("st_{}_", std::process::id()));
        assert_eq!(long.len(), 64);
        db.pool
            .execute(&format!("CREATE DATABASE `{long}`"))
            .await
            .unwrap();
        let url = format!("{}/{long}", db.url.rsplit_once('/').unwrap().0);
        let hold = schema_core::migrate::hold_lock_sql(Dialect::MySql).unwrap();
        let name = hold
            .trim_start_matches("SELECT GET_LOCK(")
            .trim_end_matches(", 1)");
        let pool = schema_core::db::Pool::connect(&url).await.unwrap();
        let length = schema_tests::scalar_i64(&pool, &format!("SELECT CHAR_LENGTH({name})")).await;
        pool.close().await;
        let upgraded = migrator(&CHAIN).upgrade(&url, "head", &mut quiet()).await;
        db.pool
            .execute(&format!("DROP DATABASE `{long}`"))
            .await
            .unwrap();
        assert!(length <= 64, "{length}");
        assert_eq!(upgraded.unwrap(), Some("003"));
    })
    .await;
}

/// A runner cancelled mid-way (its future dropped) leaves the lock free and the database at a
/// revision boundary (PostgreSQL, SQLite) or recorded as interrupted (MySQL).
#[tokio::test]
async fn a_cancelled_runner_releases_the_lock() {
    on_each_backend("mig_cancel", |db| async move {
        let m = migrator(&CHAIN);
        // Cancel right after the first step ran, in the middle of revision 001.
        let (first_step, stepped) = tokio::sync::oneshot::channel::<()>();
        let mut first_step = Some(first_step);
        let mut on = |e: &Event| {
            if matches!(e, Event::Step { .. }) {
                if let Some(tx) = first_step.take() {
                    let _ = tx.send(());
                }
            }
        };
        let upgrade = Box::pin(m.upgrade(&db.url, "head", &mut on));
        tokio::select! {
            result = upgrade => panic!("the upgrade finished before it could be cancelled: {result:?}"),
            _ = stepped => {}
        }
        // The upgrade future is dropped here: its connection closes with it.
        let polled = "cancelled after one step";
        let quick = Migrator::new(&CHAIN).unwrap().with_options(Options { lock_wait: Duration::from_secs(3), ..Options::default() });
        match quick.upgrade(&db.url, "head", &mut quiet()).await {
            Ok(at) => assert_eq!(at, Some("003")),
            // MySQL: a revision interrupted part-way is recorded and refused until recovered.
            Err(MigrateError::FailedRevision { .. }) if db.dialect == Dialect::MySql => {}
            Err(other) => panic!("after cancellation ({polled:?}): {other}"),
        }
    })
    .await;
}

#[test]
fn a_broken_chain_is_refused_before_connecting() {
    static FORK: [Revision; 3] = [R1, R2, Revision { id: "002b", ..R2 }];
    let error = Migrator::new(&FORK).unwrap_err();
    assert_eq!(error.to_string(), "broken migration chain: the chain has several heads (002, 002b): two branches each added revisions; join them with `revision --merge -m MESSAGE`");
}

#[test]
fn checksums_ignore_the_message_and_line_endings_but_not_steps() {
    assert_eq!(
        R1.checksum(),
        Revision {
            message: "reworded",
            ..R1
        }
        .checksum()
    );
    assert_ne!(R1.checksum(), R1_EDITED.checksum());
    const LF: RawSql = RawSql {
        postgres: Some("SELECT 1\nFROM t"),
        ..RawSql::new("x")
    };
    const CRLF: RawSql = RawSql {
        postgres: Some("SELECT 1\r\nFROM t\r\n"),
        ..LF
    };
    const A: Revision = Revision {
        up: &[Step::Sql(LF)],
        ..R1
    };
    const B: Revision = Revision {
        up: &[Step::Sql(CRLF)],
        ..R1
    };
    assert_eq!(A.checksum(), B.checksum());
    assert_eq!(R1.checksum().len(), 64);
}

#[path = "migrate/hub.rs"]
mod hub;

#[path = "migrate/check.rs"]
mod check;
#[path = "migrate/data_loss.rs"]
mod data_loss;
#[path = "migrate/fleet.rs"]
mod fleet;
#[path = "migrate/killed.rs"]
mod killed;
#[path = "migrate/online.rs"]
mod online;
#[path = "migrate/pgbouncer.rs"]
mod pgbouncer;
#[path = "migrate/pre_check.rs"]
mod pre_check;
#[path = "migrate/rebuild_objects.rs"]
mod rebuild_objects;
#[path = "migrate/stored_down.rs"]
mod stored_down;
#[path = "migrate/team.rs"]
mod team;
#[path = "migrate/traced.rs"]
mod traced;
#[path = "migrate/version_table.rs"]
mod version_table;
