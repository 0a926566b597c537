//! The SQL `upgrade` or `downgrade` would run, as a script to review or apply by hand.

use super::error::MigrateError;
use super::history::VersionTable;
use super::runner::render;
use super::{Direction, Migrator};
use crate::dialect::Rendered;
use crate::model::{ObjectKind, SchemaState, Step};
use crate::Dialect;

impl Migrator {
    /// The SQL `upgrade` would run from `from` (`base` for an empty database) to `to`, for
    /// review or to apply by hand. A dialect with transactional DDL gets no `BEGIN`/`COMMIT`:
    /// apply PostgreSQL's with `psql -1 -f FILE` so it runs in one transaction.
    pub fn offline_sql(
        &self,
        dialect: Dialect,
        direction: Direction,
        from: &str,
        to: &str,
    ) -> Result<String, MigrateError> {
        let (from, to) = (self.resolve(from)?, self.resolve(to)?);
        let table = VersionTable {
            name: self.options().version_table,
            dialect,
        };
        let mut body = String::new();
        let online = match direction {
            Direction::Up => self.offline_up(&mut body, &table, from, to)?,
            Direction::Down => self.offline_down(&mut body, &table, from, to)?,
        };
        let mut out = format!(
            "-- schema-core: {} from {} to {} on {}\n",
            direction.verb(),
            self.id_at(from).unwrap_or("base"),
            self.id_at(to).unwrap_or("base"),
            dialect.name()
        );
        match dialect.sql().script_hint() {
            Some(_) if online => out.push_str(
                "-- it has online steps, which cannot run inside a transaction: apply with psql -f FILE, not -1\n",
            ),
            Some(hint) => out.push_str(&format!("-- {hint}\n")),
            None => {}
        }
        // What the runner's connections set, so the script's literals read the same.
        let settings = dialect.session_settings();
        if !settings.is_empty() {
            out.push_str(&format!("{settings};\n"));
        }
        if let Some(sql) = dialect.lock_timeout_statement(self.options().lock_timeout) {
            out.push_str(&format!("{sql};\n"));
        }
        out.push_str(&body);
        Ok(out)
    }

    fn offline_up(
        &self,
        out: &mut String,
        table: &VersionTable,
        from: Option<usize>,
        to: Option<usize>,
    ) -> Result<bool, MigrateError> {
        out.push_str(&format!("\n{};\n", table.create_sql()));
        let mut online = false;
        let Some(last) = to else {
            return Ok(online);
        };
        let mut state = self.state_at(from)?;
        for position in from.map_or(0, |f| f + 1)..=last {
            let revision = self.chain().revisions()[position];
            let known = state.clone();
            let rendered = render(revision, revision.up, table.dialect, &mut state)?;
            refuse_lost_objects(revision.id, &known, &rendered)?;
            online |= rendered.iter().any(|r| r.outside_transaction);
            out.push_str(&format!(
                "\n-- Revision {}: {}\n",
                revision.id, revision.message
            ));
            write_rendered(out, revision.up, &rendered);
            out.push_str(&format!("{};\n", table.offline_insert(revision)));
        }
        Ok(online)
    }

    fn offline_down(
        &self,
        out: &mut String,
        table: &VersionTable,
        from: Option<usize>,
        to: Option<usize>,
    ) -> Result<bool, MigrateError> {
        let mut online = false;
        let mut position = from;
        while let Some(p) = position.filter(|p| to.is_none_or(|t| *p > t)) {
            let revision = self.chain().revisions()[p];
            let mut state = self.state_at(Some(p))?;
            let known = state.clone();
            let rendered = render(revision, revision.down, table.dialect, &mut state)?;
            refuse_lost_objects(revision.id, &known, &rendered)?;
            online |= rendered.iter().any(|r| r.outside_transaction);
            out.push_str(&format!(
                "\n-- Revert {}: {}\n",
                revision.id, revision.message
            ));
            write_rendered(out, revision.down, &rendered);
            out.push_str(&format!("{};\n", table.offline_delete(revision.id)));
            position = p.checked_sub(1);
        }
        Ok(online)
    }
}

/// A rebuild of a table on which the chain knows triggers or hand-written indexes (or while it
/// knows views, which the rebuild must drop and recreate): the script cannot say their SQL.
fn refuse_lost_objects(
    revision: &str,
    known: &SchemaState,
    rendered: &[Rendered],
) -> Result<(), MigrateError> {
    for table in rendered.iter().flat_map(|r| &r.rebuilt) {
        let objects: Vec<String> = known
            .objects
            .iter()
            .filter(|o| o.on.sqlite)
            .filter(|o| o.object.table == Some(table.as_str()) || o.object.kind == ObjectKind::View)
            .map(|o| o.object.to_string())
            .collect();
        if !objects.is_empty() {
            return Err(MigrateError::OfflineRebuild {
                revision: revision.to_owned(),
                table: table.clone(),
                objects,
            });
        }
    }
    Ok(())
}

fn write_rendered(out: &mut String, steps: &[Step], rendered: &[Rendered]) {
    for (step, r) in steps.iter().zip(rendered) {
        let mark = if step.is_destructive() {
            " (destructive)"
        } else {
            ""
        };
        out.push_str(&format!("-- {}{mark}\n", step.describe()));
        if let Some(notice) = &r.notice {
            out.push_str(&format!("-- {notice}\n"));
        }
        if r.rebuild {
            out.push_str("-- SQLite table rebuild: run with PRAGMA foreign_keys = OFF, then PRAGMA foreign_key_check\n");
        }
        for sql in &r.statements {
            out.push_str(sql);
            out.push_str(";\n");
        }
    }
}
