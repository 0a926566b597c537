//! `ontology-hub`: the ontology hub's migrator, and its fixture ingest.
//!
//! ```text
//! ontology-hub upgrade [TARGET]          apply revisions (default: head)
//! ontology-hub downgrade TARGET|base     revert revisions
//! ontology-hub current | history         where the database is
//! ontology-hub stamp REV | reset | recover [--forget]
//! ontology-hub sql upgrade [TARGET] --dialect postgres|sqlite|mysql
//! ontology-hub revision --autogenerate -m MESSAGE --dir src/migrations
//!                                        write the next revision: the models' changes
//! ontology-hub ingest [DIR]              load the fixtures, in one transaction
//! options: --database-url URL (or DATABASE_URL); default sqlite:ontology_hub.db
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ontology_hub::ingest::{ingest, FIXTURES_DIR};
use ontology_hub::migrations::REVISIONS;
use schema_core::cli::{self, CliError, Global};
use schema_core::db::Pool;

/// The embedded default: a SQLite file in the current directory, no server needed.
const DEFAULT_URL: &str = "sqlite:ontology_hub.db";

/// The ontology hub's migrator.
#[derive(Debug, Parser)]
#[command(
    name = "ontology-hub",
    about = "Migrate the ontology hub schema and load its fixtures"
)]
struct Args {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Verb,
}

#[derive(Debug, Subcommand)]
enum Verb {
    #[command(flatten)]
    Schema(cli::Command),
    /// Load the fixture set (modules, bundles, dashboards, resources and their junction rows)
    /// in one transaction; rows already there are skipped, so running it twice is safe.
    Ingest {
        /// The fixture directory (default: the one the crate ships).
        dir: Option<PathBuf>,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let result = match &args.command {
        Verb::Schema(command) => {
            cli::execute(
                command,
                &args.global,
                REVISIONS,
                Some(&ontology_hub::HUB),
                Some(DEFAULT_URL),
            )
            .await
        }
        Verb::Ingest { dir } => run_ingest(&args.global, dir.clone()).await,
    };
    cli::report(result)
}

async fn run_ingest(global: &Global, dir: Option<PathBuf>) -> Result<(), CliError> {
    let url = global.database_url.as_deref().unwrap_or(DEFAULT_URL);
    let dir = dir.unwrap_or_else(|| PathBuf::from(FIXTURES_DIR));
    let pool = Pool::connect(url)
        .await
        .map_err(|e| CliError::Other(e.to_string()))?;
    let counts = ingest(&pool, &dir)
        .await
        .map_err(|e| CliError::Other(e.to_string()));
    pool.close().await;
    println!("{}", counts?);
    Ok(())
}
