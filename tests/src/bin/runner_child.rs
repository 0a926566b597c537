//! A runner in a process of its own, for the tests that kill one (T05):
//! `runner_child URL blocked|slow_sqlite` upgrades that chain to head, printing `step N` as
//! each step is done.

use std::io::Write;
use std::time::Duration;

use schema_core::migrate::{Event, Migrator, Options};
use schema_tests::kill::{BLOCKED, SLOW_SQLITE};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(chain)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: runner_child URL blocked|slow_sqlite");
        std::process::exit(2);
    };
    let chain = match chain.as_str() {
        "slow_sqlite" => &SLOW_SQLITE[..],
        _ => &BLOCKED[..],
    };
    let m = Migrator::new(chain)
        .unwrap_or_else(|e| panic!("{e}"))
        .with_options(Options {
            lock_timeout: Duration::from_secs(60),
            ..Options::default()
        });
    let result = m
        .upgrade(url, "head", &mut |e: &Event| {
            match e {
                Event::StepStart { index, .. } => println!("start {index}"),
                Event::Step { index, .. } => println!("step {index}"),
                _ => {}
            }
            let _ = std::io::stdout().flush();
        })
        .await;
    match result {
        Ok(at) => println!("at {}", at.unwrap_or("base")),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
