//! Online forms ([`Step::Online`]), on every backend: the revision that adds an index, a
//! foreign key, a CHECK, a UNIQUE constraint and NOT NULL in their online forms builds the
//! same catalog as the plain forms do (PostgreSQL: concurrently, constraints validated apart,
//! outside a transaction; elsewhere the plain steps). On PostgreSQL a failed concurrent build
//! leaves no INVALID index, the revision is marked failed at that step, and `recover` (which
//! first takes away an INVALID index a killed runner left) finishes it; a second runner
//! waiting on the lock while an index builds does not deadlock with it (T22).

use std::time::{Duration, Instant};

use schema_core::migrate::{
    ColumnChange, Direction, Event, LeftAt, MigrateError, Migrator, Options, Recovery, Revision,
    Step,
};
use schema_core::{
    CheckDef, ColumnDef, Dialect, ForeignKeyDef, IndexDef, PrimaryKeyDef, SqlType, TableDef,
    UniqueDef,
};
use schema_tests::catalog::snapshot;
use schema_tests::kill::PARENT;
use schema_tests::{execute, on_each_backend, strings, TestDb};

const ITEM: TableDef = TableDef::new(
    "item",
    "Item",
    &[
        ColumnDef::new("id", SqlType::BigInt),
        ColumnDef {
            nullable: true,
            ..ColumnDef::new("name", SqlType::Varchar(Some(40)))
        },
        ColumnDef {
            nullable: true,
            ..ColumnDef::new("parent_id", SqlType::BigInt)
        },
        ColumnDef::new("qty", SqlType::Integer),
    ],
    PrimaryKeyDef {
        name: "item_pkey",
        columns: &["id"],
    },
);

const R001: Revision = Revision {
    id: "001",
    parent: None,
    message: "tables",
    up: &[Step::CreateTable(&PARENT), Step::CreateTable(&ITEM)],
    down: &[
        Step::DropTable { table: "item" },
        Step::DropTable { table: "parent" },
    ],
};

const INDEX: Step = Step::CreateIndex {
    table: "item",
    index: IndexDef::new("ix_item_qty", &["qty"]),
};
const FOREIGN_KEY: Step = Step::AddForeignKey {
    table: "item",
    foreign_key: ForeignKeyDef::new("item_parent_fkey", &["parent_id"], "parent", &["id"]),
};
const CHECK: Step = Step::AddCheck {
    table: "item",
    check: CheckDef::new("item_qty_not_negative", "qty >= 0"),
};
const UNIQUE: Step = Step::AddUnique {
    table: "item",
    unique: UniqueDef::new("uq_item_name", &["name"]),
};
const NOT_NULL: Step = Step::AlterColumn {
    table: "item",
    column: "name",
    change: ColumnChange::SetNullable(false),
};
const DOWN: &[Step] = &[
    Step::AlterColumn {
        table: "item",
        column: "name",
        change: ColumnChange::SetNullable(true),
    },
    Step::DropUnique {
        table: "item",
        name: "uq_item_name",
    },
    Step::DropCheck {
        table: "item",
        name: "item_qty_not_negative",
    },
    Step::DropForeignKey {
        table: "item",
        name: "item_parent_fkey",
    },
    Step::Online(&Step::DropIndex {
        table: "item",
        name: "ix_item_qty",
        if_exists: false,
    }),
];

static ONLINE: [Revision; 2] = [
    R001,
    Revision {
        id: "002",
        parent: Some("001"),
        message: "constraints on a big table",
        up: &[
            Step::Online(&INDEX),
            Step::Online(&FOREIGN_KEY),
            Step::Online(&CHECK),
            Step::Online(&UNIQUE),
            Step::Online(&NOT_NULL),
        ],
        down: DOWN,
    },
];
static PLAIN: [Revision; 2] = [
    R001,
    Revision {
        id: "002",
        parent: Some("001"),
        message: "constraints on a big table",
        up: &[INDEX, FOREIGN_KEY, CHECK, UNIQUE, NOT_NULL],
        down: DOWN,
    },
];

/// 002 building an index on `parent`, then the unique constraint on `item`.
static TWO_TABLES: [Revision; 2] = [
    R001,
    Revision {
        id: "002",
        parent: Some("001"),
        message: "an index there, a unique constraint here",
        up: &[
            Step::Online(&Step::CreateIndex {
                table: "parent",
                index: IndexDef::new("ix_parent_id", &["id"]),
            }),
            Step::Online(&UNIQUE),
        ],
        down: &[
            Step::DropUnique {
                table: "item",
                name: "uq_item_name",
            },
            Step::DropIndex {
                table: "parent",
                name: "ix_parent_id",
                if_exists: false,
            },
        ],
    },
];

fn quiet() -> impl FnMut(&Event) + Send {
    |_| {}
}

async fn rows(db: &TestDb) {
    for sql in [
        "INSERT INTO parent (id) VALUES (1), (2)",
        "INSERT INTO item (id, name, parent_id, qty) VALUES (1, 'a', 1, 5), (2, 'b', 2, 0), (3, 'c', NULL, 7)",
    ] {
        execute(&db.pool, sql).await.unwrap();
    }
}

#[tokio::test(flavor = "current_thread")]
async fn online_forms_build_what_the_plain_forms_build() {
    on_each_backend("online_same", |db| async move {
        let d = db.dialect.name();
        let plain = TestDb::create_like(&db, "online_plain").await;
        for (chain, at) in [(&ONLINE, &db), (&PLAIN, &plain)] {
            let m = Migrator::new(chain).unwrap();
            m.upgrade(&at.url, "001", &mut quiet()).await.unwrap();
            rows(at).await;
            m.upgrade(&at.url, "head", &mut quiet())
                .await
                .unwrap_or_else(|e| panic!("{d}: {e}"));
        }
        let (online_catalog, plain_catalog) =
            (snapshot(&db.pool).await, snapshot(&plain.pool).await);
        plain.destroy().await;
        assert_eq!(online_catalog, plain_catalog, "{d}");
        if db.dialect == Dialect::Postgres {
            let invalid = "SELECT CAST(COUNT(*) AS TEXT) FROM pg_index WHERE NOT indisvalid";
            assert_eq!(strings(&db.pool, invalid).await, [["0"]]);
            let unvalidated =
                "SELECT CAST(COUNT(*) AS TEXT) FROM pg_constraint WHERE NOT convalidated";
            assert_eq!(strings(&db.pool, unvalidated).await, [["0"]]);
        }
        // The constraints hold, as the plain ones would.
        for bad in [
            "INSERT INTO item (id, name, parent_id, qty) VALUES (9, 'a', NULL, 1)",
            "INSERT INTO item (id, name, parent_id, qty) VALUES (9, 'z', 99, 1)",
            "INSERT INTO item (id, name, parent_id, qty) VALUES (9, 'z', NULL, -1)",
            "INSERT INTO item (id, name, parent_id, qty) VALUES (9, NULL, NULL, 1)",
        ] {
            assert!(execute(&db.pool, bad).await.is_err(), "{d}: {bad}");
        }
        let m = Migrator::new(&ONLINE).unwrap();
        m.downgrade(&db.url, "001", &mut quiet())
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(m.status(&db.url).await.unwrap().current, Some("001"), "{d}");
    })
    .await;
}

/// PostgreSQL's online script: concurrent builds, constraints NOT VALID then validated, a
/// lock timeout, and not meant for `psql -1`.
#[test]
fn the_online_script_says_how_it_runs() {
    let sql = Migrator::new(&ONLINE)
        .unwrap()
        .offline_sql(Dialect::Postgres, Direction::Up, "001", "head")
        .unwrap();
    for expected in [
        "not -1",
        "SET lock_timeout = '10000ms';",
        "CREATE INDEX CONCURRENTLY \"ix_item_qty\" ON \"item\" (\"qty\");",
        "ADD CONSTRAINT \"item_parent_fkey\" FOREIGN KEY (\"parent_id\") REFERENCES \"parent\" (\"id\") NOT VALID;",
        "VALIDATE CONSTRAINT \"item_parent_fkey\";",
        "CREATE UNIQUE INDEX CONCURRENTLY \"uq_item_name\" ON \"item\" (\"name\");",
        "ADD CONSTRAINT \"uq_item_name\" UNIQUE USING INDEX \"uq_item_name\";",
        "ADD CONSTRAINT \"item_name_not_null\" CHECK (\"name\" IS NOT NULL) NOT VALID;",
        "ALTER COLUMN \"name\" SET NOT NULL;",
    ] {
        assert!(sql.contains(expected), "{expected}\n{sql}");
    }
    assert!(!sql.contains("psql -1"), "{sql}");
}

/// PostgreSQL: the unique constraint's concurrent build gives up on a lock another session
/// holds; the revision is marked failed after its first step. A killed runner would have left
/// an INVALID index: `recover` takes it away and builds it again.
#[tokio::test(flavor = "current_thread")]
async fn a_failed_concurrent_build_is_marked_and_recovered() {
    on_each_backend("online_recover", |db| async move {
        if db.dialect != Dialect::Postgres {
            return;
        }
        let m = Migrator::new(&TWO_TABLES).unwrap().with_options(Options {
            lock_timeout: Duration::from_millis(500),
            ..Options::default()
        });
        m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
        rows(&db).await;
        use sqlx::Connection;
        let mut blocker = sqlx::PgConnection::connect(&db.url).await.unwrap();
        sqlx::raw_sql("BEGIN; LOCK TABLE item IN SHARE UPDATE EXCLUSIVE MODE")
            .execute(&mut blocker)
            .await
            .unwrap();
        let error = m.upgrade(&db.url, "head", &mut quiet()).await.unwrap_err();
        sqlx::raw_sql("ROLLBACK").execute(&mut blocker).await.unwrap();
        assert!(
            matches!(&error, MigrateError::StepLockTimeout { index: 1, left_at: LeftAt::FailedRevision { steps_done: 1, .. }, .. }),
            "{error}"
        );
        assert!(matches!(
            m.upgrade(&db.url, "head", &mut quiet()).await,
            Err(MigrateError::FailedRevision { steps_done: 1, .. })
        ));
        // As a runner killed during the build would leave it: an INVALID index of that name
        // (a concurrent build that met duplicates).
        execute(&db.pool, "UPDATE item SET name = 'a'").await.unwrap();
        let build = "CREATE UNIQUE INDEX CONCURRENTLY uq_item_name ON item (name)";
        assert!(db.pool.execute(build).await.is_err());
        let invalid = "SELECT CAST(COUNT(*) AS TEXT) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
                       WHERE c.relname = 'uq_item_name' AND NOT i.indisvalid";
        assert_eq!(strings(&db.pool, invalid).await, [["1"]]);
        execute(&db.pool, "UPDATE item SET name = CAST(id AS VARCHAR(40))").await.unwrap();

        let at = m
            .recover(&db.url, Recovery::Resume, &mut quiet())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(at, Some("002"));
        assert_eq!(strings(&db.pool, invalid).await, [["0"]]);
        let unique = "SELECT CAST(COUNT(*) AS TEXT) FROM pg_constraint WHERE conname = 'uq_item_name' AND contype = 'u'";
        assert_eq!(strings(&db.pool, unique).await, [["1"]]);
        assert_eq!(m.upgrade(&db.url, "head", &mut quiet()).await.unwrap(), Some("002"));
    })
    .await;
}

/// T22: a second runner waits on the migration lock while the first builds an index
/// concurrently (held up by a writer's open transaction); neither deadlocks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_runner_does_not_deadlock_with_a_concurrent_build() {
    on_each_backend("online_t22", |db| async move {
        if db.dialect != Dialect::Postgres {
            return;
        }
        let options = Options {
            lock_wait: Duration::from_secs(20),
            ..Options::default()
        };
        let m = Migrator::new(&ONLINE)
            .unwrap()
            .with_options(options.clone());
        m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
        rows(&db).await;
        use sqlx::Connection;
        let mut writer = sqlx::PgConnection::connect(&db.url).await.unwrap();
        sqlx::raw_sql("BEGIN; INSERT INTO item (id, name, qty) VALUES (100, 'w', 1)")
            .execute(&mut writer)
            .await
            .unwrap();
        let started = Instant::now();
        let (first_url, second_url) = (db.url.clone(), db.url.clone());
        let first = tokio::spawn(async move {
            let m = Migrator::new(&ONLINE).unwrap();
            m.upgrade(&first_url, "head", &mut |_| {}).await
        });
        tokio::time::sleep(Duration::from_millis(300)).await;
        let second = tokio::spawn(async move {
            let m = Migrator::new(&ONLINE).unwrap().with_options(options);
            m.upgrade(&second_url, "head", &mut |_| {}).await
        });
        tokio::time::sleep(Duration::from_millis(700)).await;
        sqlx::raw_sql("COMMIT").execute(&mut writer).await.unwrap();
        let (first, second) = (first.await.unwrap(), second.await.unwrap());
        assert_eq!(first.unwrap(), Some("002"));
        assert_eq!(second.unwrap(), Some("002"));
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "{:?}",
            started.elapsed()
        );
    })
    .await;
}

/// Squawk's lock rules: each a way a migration blocks a big table's writes.
const LOCK_RULES: [&str; 5] = [
    "require-concurrent-index-creation",
    "constraint-missing-not-valid",
    "disallowed-unique-constraint",
    "adding-not-nullable-field",
    "require-lock-timeout",
];

/// The rules squawk finds broken in `sql` (`None`: squawk is not installed, outside CI).
fn squawk(sql: &str) -> Option<Vec<String>> {
    if std::process::Command::new("squawk")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "squawk is not installed: under CI it must be (pip install squawk-cli)"
        );
        eprintln!("note: squawk is not installed; this run leaves the lint out");
        return None;
    }
    let path =
        std::env::temp_dir().join(format!("online-{}-{}.sql", std::process::id(), sql.len()));
    std::fs::write(&path, sql).unwrap();
    let output = std::process::Command::new("squawk")
        .env("NO_COLOR", "1")
        .arg("--pg-version=15.0")
        .arg(&path)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains("checked 1 source file"),
        "squawk did not run: {report}"
    );
    let mut rules: Vec<String> = report
        .split("squawkhq.com/docs/")
        .skip(1)
        .filter_map(|rest| {
            rest.split(|c: char| !(c.is_ascii_lowercase() || c == '-'))
                .next()
        })
        .filter(|rule| !rule.is_empty() && *rule != "rules")
        .map(str::to_owned)
        .collect();
    rules.sort();
    rules.dedup();
    Some(rules)
}

/// The online script passes squawk's lock rules (a PostgreSQL migration linter, `pip install
/// squawk-cli`; `.ci/run` installs it), which the plain script and the online one without its
/// lock timeout break: the lint can fail.
#[test]
fn the_online_script_passes_squawks_lock_rules() {
    let script = |chain: &'static [Revision]| {
        Migrator::new(chain)
            .unwrap()
            .offline_sql(Dialect::Postgres, Direction::Up, "001", "head")
            .unwrap()
    };
    let online = script(&ONLINE);
    let Some(found) = squawk(&online) else {
        return;
    };
    let broken: Vec<&&str> = LOCK_RULES
        .iter()
        .filter(|r| found.iter().any(|f| f == *r))
        .collect();
    assert!(broken.is_empty(), "{broken:?}\n{online}");

    let plain = squawk(&script(&PLAIN)).unwrap_or_default();
    for rule in &LOCK_RULES[..3] {
        assert!(
            plain.iter().any(|f| f == rule),
            "the plain script breaks {rule}: {plain:?}"
        );
    }
    let without_timeout = online.replace("SET lock_timeout = '10000ms';\n", "");
    let found = squawk(&without_timeout).unwrap_or_default();
    assert!(found.iter().any(|f| f == LOCK_RULES[4]), "{found:?}");
}
