//! The online forms on a big table: a PostgreSQL table of 1,000,000 rows with a writer
//! inserting a row every 5 ms while one revision adds an index, a foreign key, a CHECK, a
//! UNIQUE constraint, a NOT NULL column with a default, or sets NOT NULL on a column; each in
//! its plain form, then (after a downgrade) in its online form ([`Step::Online`]). Prints the
//! longest write stall of each: how long the writer's slowest insert took, from when it was
//! due. Then the SQLite rebuild of a 1,000,000-row table against a plain `INSERT INTO ...
//! SELECT` copy of it. Run it through `bench/online/run.sh`, which starts a PostgreSQL server
//! of its own.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use schema_core::db::Pool;
use schema_core::migrate::{ColumnChange, Migrator, Options, Revision, Step};
use schema_core::{
    CheckDef, ColumnDef, DefaultValue, ForeignKeyDef, IndexDef, PrimaryKeyDef, SqlType, TableDef,
    UniqueDef,
};

const ROWS: i64 = 1_000_000;
const PARENTS: i64 = 1_000;

const PARENT: TableDef = TableDef::new(
    "parent",
    "Parent",
    &[ColumnDef::new("id", SqlType::BigInt)],
    PrimaryKeyDef {
        name: "parent_pkey",
        columns: &["id"],
    },
);
const BIG: TableDef = TableDef::new(
    "big",
    "Big",
    &[
        ColumnDef::new("id", SqlType::BigInt),
        ColumnDef::new("parent_id", SqlType::BigInt),
        ColumnDef::new("qty", SqlType::Integer),
        ColumnDef::new("name", SqlType::Text),
        ColumnDef {
            nullable: true,
            ..ColumnDef::new("note", SqlType::Text)
        },
    ],
    PrimaryKeyDef {
        name: "big_pkey",
        columns: &["id"],
    },
);

const R001: Revision = Revision {
    id: "001",
    parent: None,
    message: "tables",
    up: &[Step::CreateTable(&PARENT), Step::CreateTable(&BIG)],
    down: &[
        Step::DropTable { table: "big" },
        Step::DropTable { table: "parent" },
    ],
};

const INDEX: Step = Step::CreateIndex {
    table: "big",
    index: IndexDef::new("ix_big_qty", &["qty"]),
};
const INDEX_DOWN: Step = Step::DropIndex {
    table: "big",
    name: "ix_big_qty",
    if_exists: false,
};
const FOREIGN_KEY: Step = Step::AddForeignKey {
    table: "big",
    foreign_key: ForeignKeyDef::new("big_parent_fkey", &["parent_id"], "parent", &["id"]),
};
const FOREIGN_KEY_DOWN: Step = Step::DropForeignKey {
    table: "big",
    name: "big_parent_fkey",
};
const CHECK: Step = Step::AddCheck {
    table: "big",
    check: CheckDef::new("big_qty_not_negative", "qty >= 0"),
};
const CHECK_DOWN: Step = Step::DropCheck {
    table: "big",
    name: "big_qty_not_negative",
};
const UNIQUE: Step = Step::AddUnique {
    table: "big",
    unique: UniqueDef::new("uq_big_name", &["name"]),
};
const UNIQUE_DOWN: Step = Step::DropUnique {
    table: "big",
    name: "uq_big_name",
};
const COLUMN: Step = Step::AddColumn {
    table: "big",
    column: ColumnDef {
        default: Some(DefaultValue::Int(0)),
        ..ColumnDef::new("rank", SqlType::Integer)
    },
};
const COLUMN_DOWN: Step = Step::DropColumn {
    table: "big",
    column: "rank",
    if_exists: false,
};
const NOT_NULL: Step = Step::AlterColumn {
    table: "big",
    column: "note",
    change: ColumnChange::SetNullable(false),
};
const NOT_NULL_DOWN: Step = Step::AlterColumn {
    table: "big",
    column: "note",
    change: ColumnChange::SetNullable(true),
};

/// `[001, 002 doing up]`.
macro_rules! chain {
    ($up:expr, $down:expr) => {{
        static CHAIN: [Revision; 2] = [
            R001,
            Revision {
                id: "002",
                parent: Some("001"),
                message: "the change",
                up: &[$up],
                down: &[$down],
            },
        ];
        &CHAIN
    }};
}

struct Case {
    what: &'static str,
    plain: &'static [Revision],
    online: &'static [Revision],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            what: "index",
            plain: chain!(INDEX, INDEX_DOWN),
            online: chain!(Step::Online(&INDEX), INDEX_DOWN),
        },
        Case {
            what: "foreign key",
            plain: chain!(FOREIGN_KEY, FOREIGN_KEY_DOWN),
            online: chain!(Step::Online(&FOREIGN_KEY), FOREIGN_KEY_DOWN),
        },
        Case {
            what: "check",
            plain: chain!(CHECK, CHECK_DOWN),
            online: chain!(Step::Online(&CHECK), CHECK_DOWN),
        },
        Case {
            what: "unique",
            plain: chain!(UNIQUE, UNIQUE_DOWN),
            online: chain!(Step::Online(&UNIQUE), UNIQUE_DOWN),
        },
        Case {
            what: "NOT NULL column, default",
            plain: chain!(COLUMN, COLUMN_DOWN),
            online: chain!(Step::Online(&COLUMN), COLUMN_DOWN),
        },
        Case {
            what: "SET NOT NULL",
            plain: chain!(NOT_NULL, NOT_NULL_DOWN),
            online: chain!(Step::Online(&NOT_NULL), NOT_NULL_DOWN),
        },
    ]
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn with_database(admin: &str, database: &str) -> String {
    let (base, _) = admin.rsplit_once('/').unwrap_or((admin, ""));
    format!("{base}/{database}")
}

async fn run(pool: &Pool, sql: &str) {
    if let Err(e) = pool.execute(sql).await {
        panic!("{sql}: {e}");
    }
}

/// Inserts a row every 5 ms until `stop`; the longest an insert took from when it was due.
async fn writer(url: String, stop: Arc<AtomicBool>, first_id: i64) -> Duration {
    let pool = Pool::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
    let mut worst = Duration::ZERO;
    let mut id = first_id;
    let mut due = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        let sql = format!(
            "INSERT INTO big (id, parent_id, qty, name, note) VALUES ({id}, 1, 1, 'w{id}', 'n')"
        );
        run(&pool, &sql).await;
        worst = worst.max(due.elapsed());
        id += 1;
        due += Duration::from_millis(5);
        let now = Instant::now();
        if due > now {
            tokio::time::sleep(due - now).await;
        } else {
            due = now;
        }
    }
    pool.close().await;
    worst
}

/// Runs `chain` up to head with the writer going; the longest stall and the time it took.
async fn measure(url: &str, chain: &'static [Revision], first_id: i64) -> (Duration, Duration) {
    let stop = Arc::new(AtomicBool::new(false));
    let writing = tokio::spawn(writer(url.to_owned(), stop.clone(), first_id));
    tokio::time::sleep(Duration::from_millis(200)).await;
    let options = Options {
        lock_timeout: Duration::from_secs(60),
        ..Options::default()
    };
    let migrator = Migrator::new(chain)
        .unwrap_or_else(|e| panic!("{e}"))
        .with_options(options);
    let started = Instant::now();
    migrator
        .upgrade(url, "head", &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let took = started.elapsed();
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    let stall = writing.await.unwrap_or_else(|e| panic!("{e}"));
    (stall, took)
}

async fn postgres(admin_url: &str) -> bool {
    let admin = Pool::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "PostgreSQL, a table of {ROWS} rows, a writer inserting every 5 ms: the longest write stall"
    );
    println!(
        "{:<26} {:>12} {:>12} {:>10} {:>10}",
        "step", "plain stall", "online stall", "plain s", "online s"
    );
    let mut all_under = true;
    for case in cases() {
        let db = "online_bench";
        run(
            &admin,
            &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
        )
        .await;
        run(&admin, &format!("CREATE DATABASE {db}")).await;
        let url = with_database(admin_url, db);
        // The downgrade between the two drops what the plain form added (a column too).
        let plain = Migrator::new(case.plain)
            .unwrap_or_else(|e| panic!("{e}"))
            .with_options(Options {
                allow_data_loss: true,
                ..Options::default()
            });
        plain
            .upgrade(&url, "001", &mut |_| {})
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let pool = Pool::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
        run(
            &pool,
            &format!("INSERT INTO parent (id) SELECT g FROM generate_series(1, {PARENTS}) g"),
        )
        .await;
        run(&pool, &format!(
            "INSERT INTO big (id, parent_id, qty, name, note) SELECT g, g % {PARENTS} + 1, g % 100, 'n' || g, 'x' FROM generate_series(1, {ROWS}) g"
        ))
        .await;
        run(&pool, "VACUUM ANALYZE big").await;
        let (plain_stall, plain_took) = measure(&url, case.plain, ROWS + 1).await;
        plain
            .downgrade(&url, "001", &mut |_| {})
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let (online_stall, online_took) = measure(&url, case.online, ROWS + 100_000).await;
        pool.close().await;
        all_under &= online_stall < Duration::from_millis(100);
        println!(
            "{:<26} {:>9.0} ms {:>9.0} ms {:>10.2} {:>10.2}",
            case.what,
            plain_stall.as_secs_f64() * 1000.0,
            online_stall.as_secs_f64() * 1000.0,
            plain_took.as_secs_f64(),
            online_took.as_secs_f64()
        );
        run(
            &admin,
            &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"),
        )
        .await;
    }
    admin.close().await;
    println!(
        "every online form under 100 ms: {}",
        if all_under { "yes" } else { "NO" }
    );
    all_under
}

/// A 1,000,000-row SQLite table: the runner's rebuild (a NOT NULL set on a column) against
/// the same copy done by hand.
async fn sqlite() -> f64 {
    static REBUILD: [Revision; 2] = [
        Revision {
            id: "001",
            parent: None,
            message: "big",
            up: &[Step::CreateTable(&BIG)],
            down: &[Step::DropTable { table: "big" }],
        },
        Revision {
            id: "002",
            parent: Some("001"),
            message: "note NOT NULL",
            up: &[NOT_NULL],
            down: &[NOT_NULL_DOWN],
        },
    ];
    let dir = std::env::temp_dir();
    let load = format!(
        "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {ROWS}) \
         INSERT INTO big (id, parent_id, qty, name, note) SELECT n, n % {PARENTS} + 1, n % 100, 'n' || n, 'x' FROM g"
    );
    let fresh = |name: &str| {
        let path = dir.join(name);
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        format!("sqlite:{}", path.display())
    };
    let migrator = Migrator::new(&REBUILD).unwrap_or_else(|e| panic!("{e}"));
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for round in 0..3 {
        let url = fresh(&format!("online_bench_runner_{round}.db"));
        migrator
            .upgrade(&url, "001", &mut |_| {})
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let pool = Pool::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
        run(&pool, &load).await;
        pool.close().await;
        let started = Instant::now();
        migrator
            .upgrade(&url, "head", &mut |_| {})
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        ours.push(started.elapsed());

        let url = fresh(&format!("online_bench_copy_{round}.db"));
        let pool = Pool::connect(&url).await.unwrap_or_else(|e| panic!("{e}"));
        run(&pool, "CREATE TABLE big (id BIGINT NOT NULL PRIMARY KEY, parent_id BIGINT NOT NULL, qty INTEGER NOT NULL, name TEXT NOT NULL, note TEXT)").await;
        run(&pool, &load).await;
        let started = Instant::now();
        run(&pool, "BEGIN; CREATE TABLE big_new (id BIGINT NOT NULL PRIMARY KEY, parent_id BIGINT NOT NULL, qty INTEGER NOT NULL, name TEXT NOT NULL, note TEXT NOT NULL); \
                    INSERT INTO big_new SELECT id, parent_id, qty, name, note FROM big; DROP TABLE big; ALTER TABLE big_new RENAME TO big; COMMIT").await;
        theirs.push(started.elapsed());
        pool.close().await;
    }
    ours.sort();
    theirs.sort();
    let (ours, theirs) = (ours[1], theirs[1]);
    let ratio = ours.as_secs_f64() / theirs.as_secs_f64();
    println!();
    println!("SQLite, a table of {ROWS} rows rebuilt (median of 3)");
    println!(
        "runner's rebuild {:.2} s, INSERT INTO ... SELECT copy {:.2} s, ratio {ratio:.2}",
        ours.as_secs_f64(),
        theirs.as_secs_f64()
    );
    ratio
}

#[tokio::main]
async fn main() {
    let admin_url =
        arg("--url").unwrap_or_else(|| "postgres://postgres@127.0.0.1:54329/postgres".into());
    let under = postgres(&admin_url).await;
    let ratio = sqlite().await;
    println!(
        "SQLite rebuild within 1.3x: {}",
        if ratio <= 1.3 { "yes" } else { "NO" }
    );
    if !under || ratio > 1.3 {
        std::process::exit(1);
    }
}
