//! `upgrade` against `psql -1 -f` of the same offline SQL and against sqlx's migrator
//! (`sqlx::migrate::Migrator`) running the same revisions as SQL files, on the ontology hub
//! copied K times (K = 1, 10, 50: 24, 240 and 1,200 tables, every name prefixed per copy). Run
//! it through `bench/migrate/run.sh`, which starts a PostgreSQL server of its own.
//!
//! Each figure is the whole command: connect, lock, replay and render, run, record. Runs
//! rotate among the tools on fresh databases; the median is kept. A fourth figure is the
//! floor: the same offline SQL sent as one simple query on one connection (no round trip
//! per statement or revision, nothing checked or recorded but what the SQL records), what
//! the server alone takes to execute it.

use std::process::Command;
use std::time::{Duration, Instant};

use ontology_hub::migrations::REVISIONS;
use ontology_hub::scale::scaled;
use schema_core::db::Pool;
use schema_core::dialect::render_steps;
use schema_core::migrate::{Direction, Migrator};
use schema_core::model::SchemaState;
use schema_core::Dialect;

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

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

async fn admin(pool: &Pool, sql: &str) {
    if let Err(e) = pool.execute_all(&[sql.to_owned()]).await {
        panic!("{sql}: {e}");
    }
}

/// Each revision's PostgreSQL statements as an sqlx migration file (`0001_r001.sql`) in a
/// directory of its own; sqlx runs each file in a transaction and records it.
fn sqlx_migrations(migrator: &Migrator, k: usize) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("migrate_bench_sqlx_{k}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut state = SchemaState::default();
    for (n, revision) in migrator.chain().revisions().iter().enumerate() {
        let rendered = render_steps(revision.up, Dialect::Postgres, &mut state)
            .unwrap_or_else(|e| panic!("{e}"));
        let sql: Vec<String> = rendered
            .iter()
            .flat_map(|r| r.statements.iter().map(|s| format!("{s};\n")))
            .collect();
        let file = dir.join(format!("{:04}_r{}.sql", n + 1, revision.id));
        std::fs::write(file, sql.concat()).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

#[tokio::main]
async fn main() {
    let admin_url =
        arg("--url").unwrap_or_else(|| "postgres://postgres@127.0.0.1:54329/postgres".into());
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(3);
    let copies: Vec<usize> = arg("--copies")
        .unwrap_or_else(|| "1,10,50".into())
        .split(',')
        .filter_map(|k| k.trim().parse().ok())
        .collect();
    let pool = Pool::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "upgrade (schema-core) vs psql -1 -f (same offline SQL) vs sqlx's migrator (same revisions as SQL files), PostgreSQL, median of {runs}"
    );
    println!(
        "{:>4} {:>7} {:>12} {:>12} {:>9} {:>13} {:>11} {:>11} {:>13}",
        "K",
        "tables",
        "upgrade s",
        "psql -1 s",
        "sqlx s",
        "one query s",
        "upg/psql",
        "upg/sqlx",
        "upg/one query"
    );
    for k in copies {
        let migrator = Migrator::new(scaled(REVISIONS, k)).unwrap_or_else(|e| panic!("{e}"));
        let sql = migrator
            .offline_sql(Dialect::Postgres, Direction::Up, "base", "head")
            .unwrap_or_else(|e| panic!("{e}"));
        let file = std::env::temp_dir().join(format!("migrate_bench_{k}.sql"));
        std::fs::write(&file, &sql).unwrap_or_else(|e| panic!("{e}"));
        let files = sqlx_migrations(&migrator, k);
        let sqlx_migrator = sqlx::migrate::Migrator::new(files.as_path())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let mut times: [Vec<Duration>; 4] = Default::default();
        for run in 0..runs {
            for tool in (0..4).map(|t| (run + t) % 4) {
                let db = format!("migrate_bench_{k}_{run}_{tool}");
                admin(&pool, &format!("DROP DATABASE IF EXISTS {db}")).await;
                admin(&pool, &format!("CREATE DATABASE {db}")).await;
                let url = with_database(&admin_url, &db);
                let started = Instant::now();
                match tool {
                    0 => {
                        migrator
                            .upgrade(&url, "head", &mut |_| {})
                            .await
                            .unwrap_or_else(|e| panic!("upgrade K={k}: {e}"));
                    }
                    1 => {
                        let out = Command::new("psql")
                            .args(["-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f"])
                            .arg(&file)
                            .arg(&url)
                            .output()
                            .unwrap_or_else(|e| panic!("psql: {e}"));
                        assert!(
                            out.status.success(),
                            "psql K={k}: {}",
                            String::from_utf8_lossy(&out.stderr)
                        );
                    }
                    3 => {
                        use sqlx::Connection;
                        let mut target = sqlx::PgConnection::connect(&url)
                            .await
                            .unwrap_or_else(|e| panic!("{e}"));
                        sqlx::raw_sql(&sql)
                            .execute(&mut target)
                            .await
                            .unwrap_or_else(|e| panic!("one query K={k}: {e}"));
                        let _ = target.close().await;
                    }
                    _ => {
                        let target = sqlx::PgPool::connect(&url)
                            .await
                            .unwrap_or_else(|e| panic!("{e}"));
                        sqlx_migrator
                            .run(&target)
                            .await
                            .unwrap_or_else(|e| panic!("sqlx K={k}: {e}"));
                        target.close().await;
                    }
                }
                times[tool].push(started.elapsed());
                admin(&pool, &format!("DROP DATABASE {db}")).await;
            }
        }
        let [ours, psql, sqlx, one] = times.map(median);
        println!(
            "{k:>4} {:>7} {:>12.3} {:>12.3} {:>9.3} {:>13.3} {:>11.2} {:>11.2} {:>13.2}",
            24 * k,
            ours.as_secs_f64(),
            psql.as_secs_f64(),
            sqlx.as_secs_f64(),
            one.as_secs_f64(),
            ours.as_secs_f64() / psql.as_secs_f64(),
            ours.as_secs_f64() / sqlx.as_secs_f64(),
            ours.as_secs_f64() / one.as_secs_f64()
        );
        let _ = std::fs::remove_file(&file);
        let _ = std::fs::remove_dir_all(&files);
    }
    pool.close().await;
}
