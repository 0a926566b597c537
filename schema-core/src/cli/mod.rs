//! The migration CLI. A migrator binary is a few lines:
//!
//! ```no_run
//! # static REVISIONS: &[schema_core::migrate::Revision] = &[];
//! # const MODELS: schema_core::Schema = schema_core::Schema::new(&[]);
//! #[tokio::main]
//! async fn main() -> std::process::ExitCode {
//!     schema_core::cli::main(REVISIONS, Some(&MODELS), None).await
//! }
//! ```
//!
//! The models are what `revision --autogenerate` compares the chain with.
//!
//! An app with verbs of its own flattens [`Command`] into its own clap enum and calls
//! [`execute`] (see `examples/ontology-hub/src/main.rs`).
#![allow(clippy::result_large_err)] // see `migrate`: errors carry their context

mod fleet;
mod progress;
mod team;
mod verbs;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use crate::autogen::{next_id, NewRevision};
pub use verbs::{execute, new_revision};

use crate::autogen::RevisionError;
use crate::migrate::{MigrateError, Revision};
use crate::model::Schema;
use crate::Dialect;

/// Options every verb takes.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// The database: postgres://..., mysql://..., mariadb://... or sqlite:FILE.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// How long to wait for another migration's lock, in seconds.
    #[arg(long, default_value_t = 30, global = true)]
    pub lock_wait: u64,
    /// How long each statement waits for a lock another session holds, in milliseconds
    /// (PostgreSQL `lock_timeout`, MySQL `lock_wait_timeout`).
    #[arg(long, default_value_t = 10_000, global = true)]
    pub lock_timeout_ms: u64,
    /// Run `upgrade`, `downgrade` or `reset` even where it destroys data no revision accepts
    /// to lose (rows of dropped tables, values of dropped or narrowed columns).
    #[arg(long, global = true)]
    pub allow_data_loss: bool,
    /// The URL goes through a pooler in transaction mode (PgBouncer `pool_mode =
    /// transaction`): the lock is held in a transaction of its own, and no session setting
    /// is left behind on the pooled connections.
    #[arg(long, global = true)]
    pub transaction_pooling: bool,
    /// `upgrade` on a database that a newer binary migrated further (a rolling deploy): do
    /// nothing and name the revisions this one does not know, instead of refusing.
    #[arg(long, global = true)]
    pub allow_ahead: bool,
    /// Print progress as one JSON object a line (`{"event": "step", ...}`, ending with
    /// `{"event": "at", "revision": ...}`), for deploy tooling; errors stay on standard error.
    #[arg(long, global = true)]
    pub json: bool,
}

/// What `check` leaves out.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CheckArgs {
    /// A table to leave out (`audit_log`), or a schema (`auth.*`); repeatable.
    #[arg(long = "ignore", value_name = "TABLE")]
    pub ignore: Vec<String>,
    /// Leave table and column comments out.
    #[arg(long)]
    pub ignore_comments: bool,
    /// The CI gate, with no database: exit 1 when the chain has two heads, the models differ
    /// from the replayed chain, or a revision was edited after it was locked (`--lock`).
    #[arg(long)]
    pub offline: bool,
    /// The lock file `lock` writes and `check --offline` reads.
    #[arg(long, value_name = "FILE", default_value = "schema.lock")]
    pub lock: PathBuf,
}

/// The migration verbs.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Apply revisions up to TARGET (a revision id, or `head`).
    Upgrade {
        /// Where to stop.
        #[arg(default_value = "head")]
        target: String,
        /// Then compare the live database with what the chain says it should be.
        #[arg(long)]
        verify: bool,
        /// Upgrade every database in FILE (one URL a line; `-`: standard input; blank lines
        /// and `#` comments left out) instead of `--database-url`: a database per tenant.
        /// One failing does not stop the others; a summary ends it, and the exit is non-zero
        /// if any failed. Run it again to do what is left.
        #[arg(long, value_name = "FILE", conflicts_with = "verify")]
        each: Option<PathBuf>,
        /// With `--each`: how many databases at once.
        #[arg(long, default_value_t = 4, requires = "each")]
        jobs: usize,
    },
    /// Revert revisions down to TARGET (which stays applied), or `base` to revert them all.
    Downgrade {
        /// Where to stop.
        target: String,
        /// First revert the revisions this binary does not know (a newer one applied them)
        /// from the down SQL stored in their rows, newest first.
        #[arg(long)]
        stored: bool,
    },
    /// Print the current revision (on a chain with merges, the applied revision of each
    /// branch, one a line).
    Current,
    /// Print the chain newest first, each revision with its parents, head, mergepoints and
    /// branchpoints marked, with what is applied.
    History,
    /// Print the chain's heads (no database): more than one means a merge revision is due.
    Heads,
    /// Write the lock file (each revision's checksum) that `check --offline` holds the chain
    /// to; commit it beside the revisions. Refuses to change a locked checksum without
    /// `--force`.
    Lock {
        /// The file.
        #[arg(long, value_name = "FILE", default_value = "schema.lock")]
        lock: PathBuf,
        /// Rewrite checksums already locked (for revisions no database has applied).
        #[arg(long)]
        force: bool,
    },
    /// Record that the database is at REVISION without running anything.
    Stamp {
        /// A revision id, `head` or `base`.
        revision: String,
    },
    /// Revert everything, then apply everything. Asks first (type `yes`) when standard input
    /// is a terminal; elsewhere refuses without `--yes`.
    Reset {
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
    /// Print the SQL of an upgrade or downgrade without a database.
    Sql {
        /// `upgrade` or `downgrade`.
        #[command(subcommand)]
        direction: SqlDirection,
    },
    /// Compare the live database with the models: exit 0 when they agree, else print one line
    /// per difference and exit 1. Other tools' version tables are left out, and the views and
    /// triggers the chain's raw SQL steps declare are known.
    Check(CheckArgs),
    /// Deal with a revision that failed part-way (MySQL/MariaDB): resume it from the failed
    /// step, or (`--forget`) forget it once its applied steps were undone by hand.
    Recover {
        /// Forget the partial run instead of resuming it.
        #[arg(long)]
        forget: bool,
        /// Resume a revision whose code was changed (fixed) after it failed: its applied steps
        /// are taken as done, and its new checksum is stored.
        #[arg(long, conflicts_with = "forget")]
        accept_changed: bool,
    },
    /// Write the next revision, `DIR/m<ID>.rs`: empty, or (`--autogenerate`) with the steps
    /// from the chain's head to the models. No database is needed. Review the file, then add
    /// the module to the revision list.
    Revision {
        /// Fill the revision with the difference between the replayed chain and the models.
        #[arg(long)]
        autogenerate: bool,
        /// What the revision does.
        #[arg(short, long)]
        message: String,
        /// The directory of the revision modules.
        #[arg(long)]
        dir: PathBuf,
        /// The revision id (default: the head's id plus one, when it is a number).
        #[arg(long)]
        id: Option<String>,
        /// Write steps on existing tables in their online form (PostgreSQL: `CREATE INDEX
        /// CONCURRENTLY`, constraints `NOT VALID` then validated), for tables with many rows.
        #[arg(long, requires = "autogenerate")]
        online: bool,
        /// Write a merge revision joining the chain's heads (refused when their branches
        /// touch the same columns or tables in ways that cannot both hold).
        #[arg(long, conflicts_with_all = ["autogenerate", "squash"])]
        merge: bool,
        /// Write one baseline revision equal to the chain at UPTO, which new databases run
        /// instead of UPTO and every revision before it; keep those for the databases that
        /// applied them.
        #[arg(long, value_name = "UPTO", conflicts_with = "autogenerate")]
        squash: Option<String>,
    },
}

/// `sql upgrade` / `sql downgrade`.
#[derive(Debug, Clone, Subcommand)]
pub enum SqlDirection {
    /// From FROM (default `base`) up to TARGET (default `head`).
    Upgrade {
        /// Where to stop.
        #[arg(default_value = "head")]
        target: String,
        /// Where the database is.
        #[arg(long, default_value = "base")]
        from: String,
        /// postgres, sqlite or mysql.
        #[arg(long)]
        dialect: DialectArg,
    },
    /// From FROM (default `head`) down to TARGET.
    Downgrade {
        /// Where to stop.
        target: String,
        /// Where the database is.
        #[arg(long, default_value = "head")]
        from: String,
        /// postgres, sqlite or mysql.
        #[arg(long)]
        dialect: DialectArg,
    },
}

/// A dialect on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DialectArg {
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
    /// MySQL/MariaDB.
    #[value(alias = "mariadb")]
    Mysql,
}

impl From<DialectArg> for Dialect {
    fn from(d: DialectArg) -> Dialect {
        match d {
            DialectArg::Postgres => Dialect::Postgres,
            DialectArg::Sqlite => Dialect::Sqlite,
            DialectArg::Mysql => Dialect::MySql,
        }
    }
}

/// A whole migrator command line.
#[derive(Debug, Parser)]
#[command(about = "Apply, revert and inspect schema migrations")]
pub struct Cli {
    /// Options.
    #[command(flatten)]
    pub global: Global,
    /// The verb.
    #[command(subcommand)]
    pub command: Command,
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    /// The migration failed.
    #[error(transparent)]
    Migrate(#[from] MigrateError),
    /// No database URL.
    #[error("no database: pass --database-url or set DATABASE_URL")]
    NoDatabase,
    /// A failure of an app's own verb (`ingest`, say), as its message.
    #[error("{0}")]
    Other(String),
    /// Writing output failed.
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    /// Some databases of an `upgrade --each` failed (the summary was printed).
    #[error("{failed} of {total} database(s) failed")]
    Fleet {
        /// How many failed.
        failed: usize,
        /// How many there were.
        total: usize,
    },
    /// The database differs from what it should be (the lines were printed).
    #[error("{count} difference(s) between {what}")]
    Drift {
        /// How many.
        count: usize,
        /// Between what (`the database and the models`).
        what: &'static str,
    },
    /// A drift check could not run.
    #[error(transparent)]
    Check(#[from] crate::drift::CheckError),
    /// `revision` cannot name or write the new revision.
    #[error("revision: {0}")]
    Revision(#[from] RevisionError),
    /// `check --offline` failed (the failures were printed).
    #[error("check --offline: {failures} failure(s)")]
    Gate {
        /// How many.
        failures: usize,
    },
}

/// Parses the process's arguments and runs the verb; prints errors; the exit code. `schema`
/// is the models, for `check` and `revision --autogenerate`; `default_url` the database when
/// neither `--database-url` nor `DATABASE_URL` names one. A migrator's whole `main`:
///
/// ```no_run
/// # static REVISIONS: &[schema_core::migrate::Revision] = &[];
/// # const MODELS: schema_core::Schema = schema_core::Schema::new(&[]);
/// #[tokio::main]
/// async fn main() -> std::process::ExitCode {
///     schema_core::cli::main(REVISIONS, Some(&MODELS), Some("sqlite:app.db")).await
/// }
/// ```
///
/// What it does with `app upgrade` then `app check`, run here on SQLite:
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), schema_core::cli::CliError> {
/// use clap::Parser;
/// use schema_core::cli::{execute, report, Cli};
/// use schema_core::migrate::{Revision, Step};
/// use schema_core::Table;
///
/// #[derive(Table)]
/// pub struct Note {
///     #[column(primary_key)]
///     pub id: i64,
/// }
/// schema_core::schema! { pub const MODELS = [Note]; }
/// static REVISIONS: &[Revision] = &[Revision { id: "001", parent: None, message: "notes",
///     up: &[Step::CreateTable(&<Note as Table>::DEF)],
///     down: &[Step::DropTable { table: "note" }] }];
///
/// let db = std::env::temp_dir().join("cli-main-doc.db");
/// # let _ = std::fs::remove_file(&db);
/// let url = format!("sqlite:{}", db.display());
/// for verb in ["upgrade", "check"] {
///     let cli = Cli::parse_from(["app", verb]);
///     let result = execute(&cli.command, &cli.global, REVISIONS, Some(&MODELS), Some(&url)).await;
///     assert_eq!(report(result), std::process::ExitCode::SUCCESS);
/// }
/// # Ok(()) }
/// ```
pub async fn main(
    revisions: &'static [Revision],
    schema: Option<&Schema>,
    default_url: Option<&str>,
) -> ExitCode {
    let cli = Cli::parse();
    report(execute(&cli.command, &cli.global, revisions, schema, default_url).await)
}

/// Prints an error, if any, and turns the result into an exit code.
pub fn report(result: Result<(), CliError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
