//! Where an `upgrade` of the hub copied K times spends its time before and around the SQL,
//! with no database: the chain check, the replay, the rendering, the checksums and the stored
//! down SQL, each timed alone (median of runs). Prints seconds per phase.

use std::time::{Duration, Instant};

use ontology_hub::migrations::REVISIONS;
use ontology_hub::scale::scaled;
use schema_core::dialect::render_steps;
use schema_core::migrate::Migrator;
use schema_core::model::SchemaState;
use schema_core::Dialect;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> f64 {
    let times = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    median(times).as_secs_f64()
}

fn main() {
    let k: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let revisions = scaled(REVISIONS, k);
    println!("K = {k}: seconds per phase, median of 5");
    let check = time(5, || {
        Migrator::new(revisions).unwrap_or_else(|e| panic!("{e}"));
    });
    let migrator = Migrator::new(revisions).unwrap_or_else(|e| panic!("{e}"));
    let replay = time(5, || {
        migrator
            .chain()
            .replay_all()
            .unwrap_or_else(|e| panic!("{e}"));
    });
    let render = time(5, || {
        let mut state = SchemaState::default();
        for r in migrator.chain().revisions() {
            render_steps(r.up, Dialect::Postgres, &mut state).unwrap_or_else(|e| panic!("{e}"));
        }
    });
    let checksums = time(5, || {
        for r in migrator.chain().revisions() {
            std::hint::black_box(r.checksum());
        }
    });
    println!("chain check {check:.4}  replay {replay:.4}  render up {render:.4}  checksums {checksums:.4}");
}
