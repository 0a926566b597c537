//! The migration CLI. A migrator binary is a few lines:
//!
//! ```no_run
//! # static REVISIONS: &[schema_core::migrate::Revision] = &[];
//! #[tokio::main]
//! async fn main() -> std::process::ExitCode {
//!     schema_core::cli::main(REVISIONS, None).await
//! }
//! ```
//!
//! An app with verbs of its own flattens [`Command`] into its own clap enum and calls
//! [`execute`] (see `examples/ontology-hub/src/main.rs`).
#![allow(clippy::result_large_err)] // see `migrate`: errors carry their context

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::migrate::{Direction, Event, MigrateError, Migrator, Options, Recovery, Revision};
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
    /// PostgreSQL `lock_timeout` for each statement, in milliseconds.
    #[arg(long, default_value_t = 10_000, global = true)]
    pub lock_timeout_ms: u64,
}

/// The migration verbs.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Apply revisions up to TARGET (a revision id, or `head`).
    Upgrade {
        /// Where to stop.
        #[arg(default_value = "head")]
        target: String,
    },
    /// Revert revisions down to TARGET (which stays applied), or `base` to revert them all.
    Downgrade {
        /// Where to stop.
        target: String,
    },
    /// Print the current revision.
    Current,
    /// Print the chain, with what is applied.
    History,
    /// Record that the database is at REVISION without running anything.
    Stamp {
        /// A revision id, `head` or `base`.
        revision: String,
    },
    /// Revert everything, then apply everything.
    Reset,
    /// Print the SQL of an upgrade or downgrade without a database.
    Sql {
        /// `upgrade` or `downgrade`.
        #[command(subcommand)]
        direction: SqlDirection,
    },
    /// Deal with a revision that failed part-way (MySQL/MariaDB): resume it from the failed
    /// step, or (`--forget`) forget it once its applied steps were undone by hand.
    Recover {
        /// Forget the partial run instead of resuming it.
        #[arg(long)]
        forget: bool,
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
}

/// Parses the process's arguments and runs the verb; prints errors; the exit code.
pub async fn main(revisions: &'static [Revision], default_url: Option<&str>) -> ExitCode {
    let cli = Cli::parse();
    report(execute(&cli.command, &cli.global, revisions, default_url).await)
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

fn progress() -> impl FnMut(&Event) + Send {
    move |event| {
        let mut out = std::io::stdout();
        let _ = match event {
            Event::Locked { waited } if *waited > Duration::from_millis(100) => {
                writeln!(out, "lock taken after {:.1} s", waited.as_secs_f64())
            }
            Event::Locked { .. } => Ok(()),
            Event::RevisionStart {
                id,
                message,
                direction,
            } => {
                let verb = if *direction == Direction::Up {
                    "upgrade"
                } else {
                    "downgrade"
                };
                writeln!(out, "{verb} {id}: {message}")
            }
            Event::Step {
                index,
                total,
                description,
                elapsed,
                destructive,
            } => {
                let mark = if *destructive { "  (destructive)" } else { "" };
                writeln!(
                    out,
                    "  [{}/{total}] {description}{mark}  {:.1} ms",
                    index + 1,
                    elapsed.as_secs_f64() * 1000.0
                )
            }
            Event::Notice(text) => writeln!(out, "  note: {text}"),
            Event::RevisionDone { id, elapsed } => {
                writeln!(
                    out,
                    "  done {id} in {:.1} ms",
                    elapsed.as_secs_f64() * 1000.0
                )
            }
            Event::UpToDate { current } => {
                writeln!(out, "at {}: nothing to do", current.unwrap_or("base"))
            }
        };
    }
}

/// Runs one verb against `global.database_url` (or `default_url`), printing progress to
/// standard output.
pub async fn execute(
    command: &Command,
    global: &Global,
    revisions: &'static [Revision],
    default_url: Option<&str>,
) -> Result<(), CliError> {
    let migrator = Migrator::new(revisions)?.with_options(Options {
        lock_wait: Duration::from_secs(global.lock_wait),
        lock_timeout: Duration::from_millis(global.lock_timeout_ms),
        ..Options::default()
    });
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Command::Sql { direction } = command {
        let sql = match direction {
            SqlDirection::Upgrade {
                target,
                from,
                dialect,
            } => migrator.offline_sql((*dialect).into(), Direction::Up, from, target)?,
            SqlDirection::Downgrade {
                target,
                from,
                dialect,
            } => migrator.offline_sql((*dialect).into(), Direction::Down, from, target)?,
        };
        out.write_all(sql.as_bytes())?;
        return Ok(());
    }
    let url = global
        .database_url
        .as_deref()
        .or(default_url)
        .ok_or(CliError::NoDatabase)?;
    match command {
        Command::Upgrade { target } => {
            let at = migrator.upgrade(url, target, &mut progress()).await?;
            writeln!(out, "database at {}", at.unwrap_or("base"))?;
        }
        Command::Downgrade { target } => {
            let at = migrator.downgrade(url, target, &mut progress()).await?;
            writeln!(out, "database at {}", at.unwrap_or("base"))?;
        }
        Command::Reset => {
            migrator.downgrade(url, "base", &mut progress()).await?;
            let at = migrator.upgrade(url, "head", &mut progress()).await?;
            writeln!(out, "database at {}", at.unwrap_or("base"))?;
        }
        Command::Current => {
            let status = migrator.status(url).await?;
            writeln!(out, "{}", status.current.unwrap_or("base"))?;
            for failed in status.applied.iter().filter(|a| a.state != "applied") {
                writeln!(
                    out,
                    "revision {} is {} after {} step(s): {}",
                    failed.id,
                    failed.state,
                    failed.steps_done,
                    failed.error.as_deref().unwrap_or("")
                )?;
            }
        }
        Command::History => {
            let status = migrator.status(url).await?;
            for revision in migrator.chain().revisions().iter().rev() {
                let state = match status.applied.iter().find(|a| a.id == revision.id) {
                    Some(a) if a.state == "applied" => {
                        format!("applied {} ({} ms)", a.applied_at, a.duration_ms)
                    }
                    Some(a) => format!("{} after {} step(s)", a.state, a.steps_done),
                    None => "pending".to_owned(),
                };
                let head = if revision.id == migrator.chain().head().id {
                    " (head)"
                } else {
                    ""
                };
                writeln!(
                    out,
                    "{} -> {}{head}: {}  [{state}]",
                    revision.parent.unwrap_or("base"),
                    revision.id,
                    revision.message
                )?;
            }
        }
        Command::Stamp { revision } => {
            migrator.stamp(url, revision, &mut progress()).await?;
            writeln!(out, "stamped {revision}")?;
        }
        Command::Recover { forget } => {
            let recovery = if *forget {
                Recovery::Forget
            } else {
                Recovery::Resume
            };
            let at = migrator.recover(url, recovery, &mut progress()).await?;
            writeln!(out, "database at {}", at.unwrap_or("base"))?;
        }
        Command::Sql { .. } => {}
    }
    Ok(())
}
