//! The drift check on the ontology hub copied K times (K = 1, 10, 50: 24, 240 and 1,200
//! tables) on PostgreSQL: the whole check, in process (connect, introspect, compare, format
//! the report), median of several runs. Also times the catalog read alone, the floor, and
//! `schema import` (read, convert, write `models.rs` and the baseline) of the same database,
//! and what `revision --autogenerate` does with no database (replay the chain, diff it with
//! models that change one column in every table, write the revision's code).

use std::time::{Duration, Instant};

use ontology_hub::migrations::REVISIONS;
use ontology_hub::scale::scaled;
use schema_core::autogen::codegen::revision_source;
use schema_core::autogen::diff;
use schema_core::db::Pool;
use schema_core::drift::{check_state, DATABASE_VS_MODEL};
use schema_core::import::{import, ImportOptions};
use schema_core::introspect::introspect;
use schema_core::migrate::Migrator;
use schema_core::model::SchemaState;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[tokio::main]
async fn main() {
    let admin_url =
        arg("--url").unwrap_or_else(|| "postgres://postgres@127.0.0.1:54329/postgres".into());
    let runs: usize = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(5);
    let copies: Vec<usize> = arg("--copies")
        .unwrap_or_else(|| "1,10,50".into())
        .split(',')
        .filter_map(|k| k.trim().parse().ok())
        .collect();
    let admin = Pool::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let (base, _) = admin_url.rsplit_once('/').unwrap_or((&admin_url, ""));
    println!("check (connect, introspect, compare, report) on PostgreSQL, median of {runs}");
    println!(
        "{:>4} {:>7} {:>10} {:>14} {:>9} {:>12} {:>15} {:>7}",
        "K",
        "tables",
        "check s",
        "catalog read s",
        "import s",
        "differences",
        "autogenerate s",
        "steps"
    );
    for k in copies {
        let migrator = Migrator::new(scaled(REVISIONS, k)).unwrap_or_else(|e| panic!("{e}"));
        let db = format!("check_bench_{k}");
        admin
            .execute_all(&[
                format!("DROP DATABASE IF EXISTS {db}"),
                format!("CREATE DATABASE {db}"),
            ])
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let url = format!("{base}/{db}");
        migrator
            .upgrade(&url, "head", &mut |_| {})
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let state = migrator
            .state_at(migrator.resolve("head").unwrap_or(None))
            .unwrap_or_else(|e| panic!("{e}"));
        let (mut whole, mut read, mut imports, mut found) = (Vec::new(), Vec::new(), Vec::new(), 0);
        for _ in 0..runs {
            let started = Instant::now();
            let differences = check_state(&url, &state, &["schema_migrations"], DATABASE_VS_MODEL)
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            let report: String = differences.iter().map(|d| format!("{d}\n")).collect();
            whole.push(started.elapsed());
            found = report.lines().count();
            let started = Instant::now();
            introspect(&url, &["schema_migrations"])
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            read.push(started.elapsed());
            let started = Instant::now();
            let imported = import(&url, &ImportOptions::default())
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            imports.push(started.elapsed());
            assert!(imported.models.contains("#[derive(Table)]"));
        }
        let (autogenerate, steps) = time_autogenerate(&migrator, &state, runs);
        println!(
            "{k:>4} {:>7} {:>10.3} {:>14.3} {:>9.3} {:>12} {:>15.3} {:>7}",
            24 * k,
            median(whole).as_secs_f64(),
            median(read).as_secs_f64(),
            median(imports).as_secs_f64(),
            found,
            autogenerate.as_secs_f64(),
            steps
        );
        // `--keep`: leave the database for a closer look (`EXPLAIN ANALYZE` of the catalog reads).
        if !std::env::args().any(|a| a == "--keep") {
            admin
                .execute_all(&[format!("DROP DATABASE {db} WITH (FORCE)")])
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    admin.close().await;
}

/// The models at `head` with one column changed in every table (its last column's
/// nullability flipped).
fn one_column_changed(head: &SchemaState) -> SchemaState {
    let mut models = head.clone();
    for table in &mut models.tables {
        if let Some(column) = table
            .columns
            .iter_mut()
            .rev()
            .find(|c| !table.primary_key.columns.contains(&c.name))
        {
            column.nullable = !column.nullable;
        }
    }
    models
}

/// `revision --autogenerate` against those models, median of `runs`: replay the chain, diff,
/// write the code to a file. The time and the steps written.
fn time_autogenerate(migrator: &Migrator, head: &SchemaState, runs: usize) -> (Duration, usize) {
    let models = one_column_changed(head);
    let path = std::env::temp_dir().join("autogenerate-bench.rs");
    let mut times = Vec::new();
    let mut steps = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let replayed = migrator
            .chain()
            .replay_all()
            .unwrap_or_else(|e| panic!("{e}"));
        let planned = diff(&replayed, &models);
        let source = revision_source("005", Some("004"), "one column in every table", &planned);
        std::fs::write(&path, source).unwrap_or_else(|e| panic!("{e}"));
        times.push(started.elapsed());
        steps = planned.up.len();
    }
    let _ = std::fs::remove_file(&path);
    (median(times), steps)
}
