//! A fleet run: the ontology hub's chain on 1,000 SQLite tenant databases, one at a time and
//! eight at a time (`Fleet::jobs`). Prints seconds and databases per second for each. Run it
//! through `bench/fleet/run.sh`.

use std::time::Instant;

use ontology_hub::migrations::REVISIONS;
use schema_core::migrate::{Fleet, Migrator};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() {
    let tenants: usize = arg("--tenants")
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let migrator = Migrator::new(REVISIONS).unwrap_or_else(|e| panic!("{e}"));
    println!("the hub's chain (4 revisions, 24 tables) on {tenants} SQLite databases");
    println!("{:>6} {:>10} {:>14}", "jobs", "seconds", "databases/s");
    for jobs in [1, 8] {
        let dir = std::env::temp_dir().join(format!("fleet_bench_{jobs}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let urls: Vec<String> = (0..tenants)
            .map(|i| format!("sqlite:{}", dir.join(format!("tenant_{i}.db")).display()))
            .collect();
        let started = Instant::now();
        let report = Fleet::new(&migrator).jobs(jobs).upgrade(urls, "head").await;
        let took = started.elapsed().as_secs_f64();
        assert!(report.all_succeeded(), "{:?}", report.failed().next());
        println!("{jobs:>6} {took:>10.2} {:>14.1}", tenants as f64 / took);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
