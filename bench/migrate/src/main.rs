//! `upgrade` against `psql -1 -f` of the same offline SQL, on the ontology hub copied K times
//! (K = 1, 10, 50: 24, 240 and 1,200 tables, every name prefixed per copy). Run it through
//! `bench/migrate/run.sh`, which starts a PostgreSQL server of its own.
//!
//! Each figure is the whole command: connect, lock, replay and render, run, record. Runs
//! alternate between the two tools on fresh databases; the median is kept.

use std::process::Command;
use std::time::{Duration, Instant};

use ontology_hub::migrations::REVISIONS;
use ontology_hub::scale::scaled;
use schema_core::db::Pool;
use schema_core::migrate::{Direction, Migrator};
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
        "upgrade (schema-core) vs psql -1 -f (same offline SQL), PostgreSQL, median of {runs}"
    );
    println!(
        "{:>4} {:>7} {:>12} {:>12} {:>7}",
        "K", "tables", "upgrade s", "psql -1 s", "ratio"
    );
    for k in copies {
        let migrator = Migrator::new(scaled(REVISIONS, k)).unwrap_or_else(|e| panic!("{e}"));
        let sql = migrator
            .offline_sql(Dialect::Postgres, Direction::Up, "base", "head")
            .unwrap_or_else(|e| panic!("{e}"));
        let file = std::env::temp_dir().join(format!("migrate_bench_{k}.sql"));
        std::fs::write(&file, sql).unwrap_or_else(|e| panic!("{e}"));
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for run in 0..runs {
            for tool in [run % 2, (run + 1) % 2] {
                let db = format!("migrate_bench_{k}_{run}_{tool}");
                admin(&pool, &format!("DROP DATABASE IF EXISTS {db}")).await;
                admin(&pool, &format!("CREATE DATABASE {db}")).await;
                let url = with_database(&admin_url, &db);
                let started = Instant::now();
                if tool == 0 {
                    migrator
                        .upgrade(&url, "head", &mut |_| {})
                        .await
                        .unwrap_or_else(|e| panic!("upgrade K={k}: {e}"));
                    ours.push(started.elapsed());
                } else {
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
                    theirs.push(started.elapsed());
                }
                admin(&pool, &format!("DROP DATABASE {db}")).await;
            }
        }
        let (a, b) = (median(ours), median(theirs));
        println!(
            "{k:>4} {:>7} {:>12.3} {:>12.3} {:>7.2}",
            24 * k,
            a.as_secs_f64(),
            b.as_secs_f64(),
            a.as_secs_f64() / b.as_secs_f64()
        );
        let _ = std::fs::remove_file(&file);
    }
    pool.close().await;
}
