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

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::diff::{diff, Diff};
use crate::migrate::codegen::revision_source;
use crate::migrate::state::SchemaState;
use crate::migrate::{
    Chain, Direction, Event, MigrateError, Migrator, Options, Recovery, Revision,
};
use crate::{Dialect, Schema};

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
        /// Then compare the live database with what the chain says it should be.
        #[arg(long)]
        verify: bool,
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
    /// Compare the live database with the models: exit 0 when they agree, else print one line
    /// per difference and exit 1.
    Check,
    /// Deal with a revision that failed part-way (MySQL/MariaDB): resume it from the failed
    /// step, or (`--forget`) forget it once its applied steps were undone by hand.
    Recover {
        /// Forget the partial run instead of resuming it.
        #[arg(long)]
        forget: bool,
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
    Check(#[from] crate::check::CheckError),
    /// `revision` cannot name or write the new revision.
    #[error("revision: {0}")]
    Revision(String),
}

/// Parses the process's arguments and runs the verb; prints errors; the exit code. `schema`
/// is the models, for `revision --autogenerate`.
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
/// standard output. `schema` is the models, which `revision --autogenerate` compares the chain
/// with (`None`: an app without models can still run every other verb).
pub async fn execute(
    command: &Command,
    global: &Global,
    revisions: &'static [Revision],
    schema: Option<&Schema>,
    default_url: Option<&str>,
) -> Result<(), CliError> {
    if let Command::Revision {
        autogenerate,
        message,
        dir,
        id,
    } = command
    {
        let stdout = std::io::stdout();
        let request = NewRevision {
            autogenerate: *autogenerate,
            message,
            dir,
            id: id.as_deref(),
        };
        return new_revision(&request, revisions, schema, &mut stdout.lock());
    }
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
        Command::Upgrade { target, verify } => {
            let at = migrator.upgrade(url, target, &mut progress()).await?;
            writeln!(out, "database at {}", at.unwrap_or("base"))?;
            if *verify {
                let differences = migrator.verify(url).await?;
                report_drift(&mut out, &differences, "the database and the migrations")?;
            }
        }
        Command::Check => {
            let schema = schema.ok_or_else(|| {
                CliError::Other(
                    "`check` needs the models: pass the schema to schema_core::cli".into(),
                )
            })?;
            let differences =
                crate::check::check(url, schema, &[migrator.options().version_table]).await?;
            report_drift(&mut out, &differences, "the database and the models")?;
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
        Command::Sql { .. } | Command::Revision { .. } => {}
    }
    Ok(())
}

/// Prints one line per difference; an error (exit 1) when there is any.
fn report_drift(
    out: &mut impl Write,
    differences: &[crate::check::Difference],
    what: &'static str,
) -> Result<(), CliError> {
    if differences.is_empty() {
        writeln!(out, "no differences between {what}")?;
        return Ok(());
    }
    for difference in differences {
        writeln!(out, "{difference}")?;
    }
    Err(CliError::Drift {
        count: differences.len(),
        what,
    })
}

/// What `revision` was asked for.
#[derive(Debug, Clone, Copy)]
pub struct NewRevision<'a> {
    /// Fill it with the difference between the chain and the models.
    pub autogenerate: bool,
    /// Its message.
    pub message: &'a str,
    /// Where to write `m<id>.rs`.
    pub dir: &'a Path,
    /// Its id, if given.
    pub id: Option<&'a str>,
}

/// The id after `parent`: `004` -> `005` (the width kept), `9` -> `10`; `None` when it is not a
/// number. The first revision is `001`.
pub fn next_id(parent: Option<&str>) -> Option<String> {
    let Some(parent) = parent else {
        return Some("001".to_owned());
    };
    if parent.is_empty() || !parent.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let next = parent.parse::<u128>().ok()?.checked_add(1)?;
    Some(format!("{next:0width$}", width = parent.len()))
}

/// `revision`: names the revision after the chain's head, plans it (the diff between the
/// replayed chain and `schema`, with `autogenerate`), writes `dir/m<id>.rs` (never over an
/// existing file) and prints its steps. With `autogenerate` and nothing to change, writes
/// nothing and says so.
pub fn new_revision(
    request: &NewRevision<'_>,
    revisions: &'static [Revision],
    schema: Option<&Schema>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // An empty list is a chain yet to start; anything else must be a valid chain.
    let (parent, chain) = if revisions.is_empty() {
        (None, None)
    } else {
        let chain = Chain::new(revisions).map_err(MigrateError::from)?;
        (Some(chain.head().id), Some(chain))
    };
    let id = match request.id {
        Some(id) => id.to_owned(),
        None => next_id(parent).ok_or_else(|| {
            CliError::Revision(format!(
                "the head revision `{}` is not a number: give the new one an id with --id",
                parent.unwrap_or_default()
            ))
        })?,
    };
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(CliError::Revision(format!(
            "the id `{id}` is not usable in a module name (`m{id}`): use letters, digits and `_`"
        )));
    }
    if chain.as_ref().is_some_and(|c| c.get(&id).is_some()) {
        return Err(CliError::Revision(format!(
            "the chain already has a revision `{id}`"
        )));
    }
    let planned = if request.autogenerate {
        let schema = schema.ok_or_else(|| {
            CliError::Revision(
                "--autogenerate needs the models: pass the schema to `cli::execute`".to_owned(),
            )
        })?;
        let mut replayed = SchemaState::default();
        if let Some(chain) = &chain {
            for revision in chain.revisions() {
                replayed
                    .apply_all(revision.up)
                    .map_err(|source| MigrateError::Replay {
                        revision: revision.id.to_owned(),
                        source,
                    })?;
            }
        }
        let planned = diff(&replayed, &SchemaState::from_schema(schema));
        if planned.is_empty() {
            writeln!(
                out,
                "no changes: the chain at {} matches the models; nothing written",
                parent.unwrap_or("base")
            )?;
            return Ok(());
        }
        planned
    } else {
        Diff::default()
    };
    let module = format!("m{id}");
    let path = request.dir.join(format!("{module}.rs"));
    let source = revision_source(&id, parent, request.message, &planned);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => CliError::Revision(format!(
                "{} exists: not overwriting it (pass another --id, or remove the file)",
                path.display()
            )),
            _ => CliError::Revision(format!("cannot create {}: {e}", path.display())),
        })?;
    file.write_all(source.as_bytes())
        .map_err(|e| CliError::Revision(format!("cannot write {}: {e}", path.display())))?;
    writeln!(
        out,
        "revision {id} (parent {}): {}",
        parent.unwrap_or("base"),
        request.message
    )?;
    print_steps(out, "up", &planned.up)?;
    print_steps(out, "down", &planned.down)?;
    for note in &planned.notes {
        writeln!(out, "  note: {note}")?;
    }
    writeln!(out, "wrote {}", path.display())?;
    writeln!(
        out,
        "next: review it, then add `pub mod {module};` to the revisions module and \
         `{module}::REVISION` to the end of your REVISIONS list"
    )?;
    Ok(())
}

fn print_steps(
    out: &mut dyn Write,
    title: &str,
    steps: &[crate::migrate::Step],
) -> std::io::Result<()> {
    writeln!(out, "  {title}:")?;
    if steps.is_empty() {
        writeln!(out, "    (nothing)")?;
    }
    for step in steps {
        let mark = if step.is_destructive() {
            "  (DESTRUCTIVE)"
        } else {
            ""
        };
        writeln!(out, "    {}{mark}", step.describe())?;
    }
    Ok(())
}
