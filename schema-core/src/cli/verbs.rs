//! One function per verb: argument handling and printing only; the work is the library's.

use std::io::Write;

use super::progress::progress;
use super::team;
use std::time::Duration;

use super::{CliError, Command, Global, SqlDirection};
use crate::autogen::{write_revision, NewRevision, Written};
use crate::drift::{self, Difference};
use crate::migrate::{Direction, Migrator, Options, Recovery, Revision, RevisionState, Step};
use crate::model::Schema;

/// Prints each event worth showing on standard output.
/// Runs one verb against `global.database_url` (or `default_url`), printing progress to
/// standard output. `schema` is the models, which `check` and `revision --autogenerate` compare
/// with (`None`: an app without models can still run every other verb).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), schema_core::cli::CliError> {
/// use clap::Parser;
/// use schema_core::cli::{execute, Cli};
/// use schema_core::migrate::{Revision, Step};
/// # #[derive(schema_core::Table)] pub struct Note { #[column(primary_key)] pub id: i64 }
/// static REVISIONS: &[Revision] = &[Revision { id: "001", parent: None, message: "notes",
///     up: &[Step::CreateTable(&<Note as schema_core::Table>::DEF)],
///     down: &[Step::DropTable { table: "note" }] }];
///
/// let db = std::env::temp_dir().join("cli-execute-doc.db");
/// # let _ = std::fs::remove_file(&db);
/// let url = format!("sqlite:{}", db.display());
/// let cli = Cli::parse_from(["app", "upgrade", "--database-url", &url]);
/// execute(&cli.command, &cli.global, REVISIONS, None, None).await?;
/// let cli = Cli::parse_from(["app", "current", "--database-url", &url]);
/// execute(&cli.command, &cli.global, REVISIONS, None, None).await?; // prints `001`
/// # Ok(()) }
/// ```
pub async fn execute(
    command: &Command,
    global: &Global,
    revisions: &'static [Revision],
    schema: Option<&Schema>,
    default_url: Option<&str>,
) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Command::Revision {
        autogenerate,
        message,
        dir,
        id,
        online,
        merge,
        squash,
    } = command
    {
        let request = NewRevision {
            autogenerate: *autogenerate,
            message,
            dir,
            id: id.as_deref(),
            online: *online,
            merge: *merge,
            squash: squash.as_deref(),
        };
        return new_revision(&request, revisions, schema, &mut out);
    }
    match command {
        Command::Heads => return team::print_heads(revisions, &mut out),
        Command::Lock { lock, force } => return team::lock(revisions, lock, *force, &mut out),
        Command::Check(options) if options.offline => {
            return team::check_offline(revisions, schema, &options.lock, &mut out)
        }
        _ => {}
    }
    let migrator = Migrator::new(revisions)?.with_options(Options {
        lock_wait: Duration::from_secs(global.lock_wait),
        lock_timeout: Duration::from_millis(global.lock_timeout_ms),
        allow_data_loss: global.allow_data_loss,
        transaction_pooling: global.transaction_pooling,
        allow_ahead: global.allow_ahead,
        ..Options::default()
    });
    if let Command::Sql { direction } = command {
        return sql(&migrator, direction, &mut out);
    }
    if let Command::Upgrade {
        target,
        each: Some(file),
        jobs,
        ..
    } = command
    {
        return super::fleet::upgrade_each(&migrator, file, target, *jobs, &mut out).await;
    }
    let url = global
        .database_url
        .as_deref()
        .or(default_url)
        .ok_or(CliError::NoDatabase)?;
    on_database(&migrator, command, url, schema, global.json, &mut out).await
}

/// The verbs that need a database.
async fn on_database(
    migrator: &Migrator,
    command: &Command,
    url: &str,
    schema: Option<&Schema>,
    json: bool,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let at = match command {
        Command::Upgrade { target, verify, .. } => {
            return upgrade(migrator, url, target, *verify, json, out).await
        }
        Command::Check(options) => return check(migrator, url, schema, options, out).await,
        Command::Current => return current(migrator, url, out).await,
        Command::History => return team::history(migrator, url, out).await,
        Command::Stamp { revision } => {
            migrator.stamp(url, revision, &mut progress(json)).await?;
            writeln!(out, "stamped {revision}")?;
            return Ok(());
        }
        Command::Downgrade { target, stored } => {
            let on = &mut progress(json);
            match stored {
                true => migrator.downgrade_stored(url, target, on).await?,
                false => migrator.downgrade(url, target, on).await?,
            }
        }
        Command::Reset { yes } => {
            confirm_reset(*yes, url)?;
            migrator.downgrade(url, "base", &mut progress(json)).await?;
            migrator.upgrade(url, "head", &mut progress(json)).await?
        }
        Command::Recover {
            forget,
            accept_changed,
        } => {
            let recovery = match (*forget, *accept_changed) {
                (true, _) => Recovery::Forget,
                (false, true) => Recovery::ResumeChanged,
                (false, false) => Recovery::Resume,
            };
            migrator.recover(url, recovery, &mut progress(json)).await?
        }
        // Run before a database is needed (see `execute`).
        Command::Sql { .. } | Command::Revision { .. } | Command::Heads | Command::Lock { .. } => {
            return Ok(())
        }
    };
    report_at(out, at, json)
}

/// Where the verb left the database: `database at 004`, or with `--json`
/// `{"event": "at", "revision": "004"}` (`null`: base).
fn report_at(out: &mut impl Write, at: Option<&str>, json: bool) -> Result<(), CliError> {
    if json {
        writeln!(
            out,
            "{}",
            serde_json::json!({"event": "at", "revision": at})
        )?;
    } else {
        writeln!(out, "database at {}", at.unwrap_or("base"))?;
    }
    Ok(())
}

/// `sql upgrade|downgrade`: the script, no database.
fn sql(
    migrator: &Migrator,
    direction: &SqlDirection,
    out: &mut impl Write,
) -> Result<(), CliError> {
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
    Ok(())
}

/// `upgrade [--verify]`.
async fn upgrade(
    migrator: &Migrator,
    url: &str,
    target: &str,
    verify: bool,
    json: bool,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let at = migrator.upgrade(url, target, &mut progress(json)).await?;
    report_at(out, at, json)?;
    if verify {
        let differences = migrator.verify(url).await?;
        report_drift(out, &differences, "the database and the migrations")?;
    }
    Ok(())
}

/// `check`: the live database against the models.
async fn check(
    migrator: &Migrator,
    url: &str,
    schema: Option<&Schema>,
    options: &super::CheckArgs,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let schema = schema.ok_or_else(|| {
        CliError::Other("`check` needs the models: pass the schema to schema_core::cli".into())
    })?;
    let mut ignore = vec![migrator.options().version_table.to_owned()];
    ignore.extend(options.ignore.iter().cloned());
    let check = drift::CheckOptions {
        ignore,
        ignore_comments: options.ignore_comments,
        known_objects: Some(
            migrator
                .chain()
                .replay_all()
                .map_err(drift::CheckError::from)?
                .objects,
        ),
    };
    let differences = drift::check_with(url, schema, &check).await?;
    report_drift(out, &differences, "the database and the models")
}

/// `current`: the revision, and any left part-way.
async fn current(migrator: &Migrator, url: &str, out: &mut impl Write) -> Result<(), CliError> {
    let status = migrator.status(url).await?;
    if status.heads.is_empty() {
        writeln!(out, "base")?;
    }
    for head in &status.heads {
        writeln!(out, "{head}")?;
    }
    for failed in status
        .applied
        .iter()
        .filter(|a| a.state != RevisionState::Applied)
    {
        writeln!(
            out,
            "revision {} is {} after {} step(s): {}",
            failed.id,
            failed.state,
            failed.steps_done,
            failed.error.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}

/// Prints one line per difference; an error (exit 1) when there is any.
fn report_drift(
    out: &mut impl Write,
    differences: &[Difference],
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

/// `revision`: writes the next revision file ([`write_revision`]) and prints its steps.
pub fn new_revision(
    request: &NewRevision<'_>,
    revisions: &'static [Revision],
    schema: Option<&Schema>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (id, parent, module, path, planned) = match write_revision(request, revisions, schema)? {
        Written::NoChanges { at } => {
            writeln!(
                out,
                "no changes: the chain at {} matches the models; nothing written",
                at.unwrap_or("base")
            )?;
            return Ok(());
        }
        Written::Revision {
            id,
            parent,
            module,
            path,
            diff,
        } => (id, parent, module, path, diff),
    };
    writeln!(
        out,
        "revision {id} (parent {}): {}",
        parent.as_deref().unwrap_or("base"),
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

fn print_steps(out: &mut dyn Write, title: &str, steps: &[Step]) -> std::io::Result<()> {
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

/// `reset` drops everything: `--yes`, or `yes` typed at a terminal.
fn confirm_reset(yes: bool, url: &str) -> Result<(), CliError> {
    use std::io::{BufRead, IsTerminal};
    if yes {
        return Ok(());
    }
    let refused = || {
        CliError::Other(format!(
            "`reset` reverts every revision of {} and applies them again, dropping every table: \
             pass `--yes` to do it; nothing was run",
            crate::dialect::mask_password(url)
        ))
    };
    if !std::io::stdin().is_terminal() {
        return Err(refused());
    }
    eprint!("reset drops every table of the database, then builds it again. Type `yes` to go on: ");
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(CliError::from)?;
    if answer.trim() == "yes" {
        Ok(())
    } else {
        Err(refused())
    }
}
