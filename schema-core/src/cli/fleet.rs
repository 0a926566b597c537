//! `upgrade --each FILE`: a [`Fleet`] run over the URLs in FILE, and its summary.

use std::io::{Read, Write};
use std::path::Path;

use super::CliError;
use crate::migrate::{Fleet, Migrator};

/// The URLs in `file` (`-`: standard input): one a line, blank lines and `#` comments left out.
fn urls(file: &Path) -> Result<Vec<String>, CliError> {
    let mut text = String::new();
    if file == Path::new("-") {
        std::io::stdin().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(file)
            .map_err(|e| CliError::Other(format!("cannot read {}: {e}", file.display())))?;
    }
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

/// Upgrades each database in `file`, `jobs` at a time; one line per database, then a summary.
pub(super) async fn upgrade_each(
    migrator: &Migrator,
    file: &Path,
    target: &str,
    jobs: usize,
    out: &mut impl Write,
) -> Result<(), CliError> {
    let urls = urls(file)?;
    let started = std::time::Instant::now();
    let report = Fleet::new(migrator).jobs(jobs).upgrade(urls, target).await;
    let at = |r: Option<&str>| r.unwrap_or("base").to_owned();
    for r in &report.results {
        match &r.error {
            None => writeln!(
                out,
                "ok      {}  {} -> {}  {:.2} s",
                r.database,
                at(r.from),
                at(r.to),
                r.elapsed.as_secs_f64()
            )?,
            Some(e) => writeln!(
                out,
                "FAILED  {}  at {}  {:.2} s: {e}",
                r.database,
                at(r.from),
                r.elapsed.as_secs_f64()
            )?,
        }
    }
    let failed = report.failed().count();
    let total = report.results.len();
    writeln!(
        out,
        "{} database(s): {} ok, {failed} failed, in {:.2} s ({jobs} at a time)",
        total,
        total - failed,
        started.elapsed().as_secs_f64()
    )?;
    if failed > 0 {
        return Err(CliError::Fleet { failed, total });
    }
    Ok(())
}
