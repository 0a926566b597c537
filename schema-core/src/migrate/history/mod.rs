//! The version table: one row per applied (or interrupted) revision. Its columns are spelled
//! once, here; the live runner writes it with bound queries, the offline script with literals.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

mod layout;

use layout::{CHECKSUM_FORMAT, COLUMNS};

use super::checksum::FORMAT;
use super::error::{db, MigrateError};
use super::Revision;
use crate::db::{Conn, Value};
use crate::Dialect;

/// Where a revision stands in the version table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RevisionState {
    /// Applied completely.
    Applied,
    /// Being applied (MySQL, step by step), or interrupted while it was.
    Applying,
    /// Stopped part-way through its `up` steps (MySQL); runs are refused until `recover`.
    Failed,
    /// Being reverted (MySQL), or interrupted while it was.
    Reverting,
    /// Stopped part-way through its `down` steps (MySQL).
    RevertFailed,
}

impl RevisionState {
    /// The text stored in the version table.
    pub const fn as_str(self) -> &'static str {
        match self {
            RevisionState::Applied => "applied",
            RevisionState::Applying => "applying",
            RevisionState::Failed => "failed",
            RevisionState::Reverting => "reverting",
            RevisionState::RevertFailed => "revert_failed",
        }
    }

    /// Whether the revision was left part-way while being reverted (so `recover` goes on down).
    pub const fn is_reverting(self) -> bool {
        matches!(self, RevisionState::Reverting | RevisionState::RevertFailed)
    }
}

impl fmt::Display for RevisionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A version-table state this crate does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown revision state `{0}`")]
pub struct UnknownState(pub String);

impl FromStr for RevisionState {
    type Err = UnknownState;

    fn from_str(text: &str) -> Result<RevisionState, UnknownState> {
        [
            RevisionState::Applied,
            RevisionState::Applying,
            RevisionState::Failed,
            RevisionState::Reverting,
            RevisionState::RevertFailed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
        .ok_or_else(|| UnknownState(text.to_owned()))
    }
}

/// One row of the version table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedRevision {
    /// Revision id.
    pub id: String,
    /// Checksum when it was applied.
    pub checksum: String,
    /// Where it stands.
    pub state: RevisionState,
    /// Steps applied.
    pub steps_done: i64,
    /// When (RFC 3339, UTC).
    pub applied_at: String,
    /// How long it took, in milliseconds.
    pub duration_ms: i64,
    /// The error of a failed revision.
    pub error: Option<String>,
    /// How `checksum` was computed ([`super::checksum::FORMAT`] when this crate wrote it).
    pub checksum_format: String,
    /// Its down steps as rendered when it was applied, for a binary that does not know it
    /// (`downgrade --stored`); `None` when an earlier crate or `stamp` wrote the row.
    pub down_sql: Option<String>,
}

/// The version table `name` on `dialect`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VersionTable {
    pub(crate) name: &'static str,
    pub(crate) dialect: Dialect,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

impl VersionTable {
    fn q(&self, ident: &str) -> String {
        self.dialect.quote(ident)
    }

    fn placeholders(&self, n: usize) -> String {
        let list: Vec<String> = (1..=n).map(|i| self.dialect.placeholder(i)).collect();
        list.join(", ")
    }

    /// Every row.
    pub(crate) async fn read(&self, conn: &mut Conn) -> Result<Vec<AppliedRevision>, MigrateError> {
        // A table of the earlier layout is read as it is (a read writes nothing).
        let layout = self.check_columns(conn).await?;
        let sql = format!(
            "SELECT {} FROM {}",
            self.select_list(layout),
            self.q(self.name)
        );
        let rows = conn
            .rows(&sql)
            .await
            .map_err(db("reading the version table"))?;
        let applied: Vec<AppliedRevision> = rows
            .iter()
            .map(|row| self.parse(row))
            .collect::<Result<_, _>>()?;
        if let Some(twice) = applied
            .iter()
            .enumerate()
            .find(|(i, a)| applied[..*i].iter().any(|b| b.id == a.id))
        {
            return Err(MigrateError::VersionTableCorrupt {
                table: self.name.to_owned(),
                problem: format!("revision {} is recorded twice", twice.1.id),
            });
        }
        Ok(applied)
    }

    fn parse(&self, row: &[Value]) -> Result<AppliedRevision, MigrateError> {
        let bad = |reason: String| MigrateError::VersionTable {
            table: self.name.to_owned(),
            reason,
        };
        let text = |i: usize| match row.get(i) {
            Some(Value::Text(s)) => Ok(s.clone()),
            other => Err(bad(format!("`{}` is {other:?}, not text", COLUMNS[i]))),
        };
        let int = |i: usize| match row.get(i) {
            Some(Value::Int(n)) => Ok(*n),
            other => Err(bad(format!(
                "`{}` is {other:?}, not an integer",
                COLUMNS[i]
            ))),
        };
        let nullable_text = |i: usize| match row.get(i) {
            Some(Value::Null) | None => Ok(None),
            Some(_) => text(i).map(Some),
        };
        Ok(AppliedRevision {
            id: text(0)?,
            checksum: text(1)?,
            state: text(2)?
                .parse()
                .map_err(|e: UnknownState| bad(format!("{e} (written by a newer schema-core?)")))?,
            steps_done: int(3)?,
            applied_at: text(4)?,
            duration_ms: int(5)?,
            error: nullable_text(6)?,
            checksum_format: text(7)?,
            down_sql: nullable_text(8)?,
        })
    }

    /// Adds the row of `revision`.
    pub(crate) async fn insert(
        &self,
        conn: &mut Conn,
        revision: &Revision,
        state: RevisionState,
        steps_done: usize,
        duration: Duration,
        down_sql: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.q(self.name),
            self.dialect.quote_list(&COLUMNS),
            self.placeholders(COLUMNS.len())
        );
        let values = [
            Value::from(revision.id),
            Value::Text(revision.checksum()),
            Value::from(state.as_str()),
            Value::Int(steps_done as i64),
            Value::Text(now()),
            Value::Int(millis(duration)),
            Value::Null,
            Value::from(FORMAT),
            Value::from(down_sql),
        ];
        conn.execute_with(&sql, &values).await.map(drop)
    }

    /// Sets the state, steps done and error (and the duration, when given) of row `id`.
    pub(crate) async fn update(
        &self,
        conn: &mut Conn,
        id: &str,
        state: RevisionState,
        steps_done: usize,
        error: Option<&str>,
        duration: Option<Duration>,
    ) -> Result<(), sqlx::Error> {
        let mut set = vec!["state", "steps_done", "error"];
        let mut values = vec![
            Value::from(state.as_str()),
            Value::Int(steps_done as i64),
            Value::from(error),
        ];
        if let Some(d) = duration {
            set.push("duration_ms");
            values.push(Value::Int(millis(d)));
        }
        let assignments: Vec<String> = set
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} = {}", self.q(c), self.dialect.placeholder(i + 1)))
            .collect();
        let sql = format!(
            "UPDATE {} SET {} WHERE {} = {}",
            self.q(self.name),
            assignments.join(", "),
            self.q("id"),
            self.dialect.placeholder(set.len() + 1)
        );
        values.push(Value::from(id));
        conn.execute_with(&sql, &values).await.map(drop)
    }

    /// Records `checksum` (of this crate's format) for row `id`: a revision resumed after its
    /// code was fixed.
    pub(crate) async fn set_checksum(
        &self,
        conn: &mut Conn,
        id: &str,
        checksum: String,
    ) -> Result<(), sqlx::Error> {
        let sql = format!(
            "UPDATE {} SET {} = {}, {} = {} WHERE {} = {}",
            self.q(self.name),
            self.q("checksum"),
            self.dialect.placeholder(1),
            self.q(CHECKSUM_FORMAT),
            self.dialect.placeholder(2),
            self.q("id"),
            self.dialect.placeholder(3)
        );
        let values = [Value::Text(checksum), Value::from(FORMAT), Value::from(id)];
        conn.execute_with(&sql, &values).await.map(drop)
    }

    /// Removes row `id`.
    pub(crate) async fn delete(&self, conn: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
        let sql = format!(
            "DELETE FROM {} WHERE {} = {}",
            self.q(self.name),
            self.q("id"),
            self.dialect.placeholder(1)
        );
        conn.execute_with(&sql, &[Value::from(id)]).await.map(drop)
    }

    /// Removes every row.
    pub(crate) async fn clear(&self, conn: &mut Conn) -> Result<(), sqlx::Error> {
        conn.execute(&format!("DELETE FROM {}", self.q(self.name)))
            .await
            .map(drop)
    }

    /// The `INSERT` of an applied `revision` with literal values, for an offline script.
    pub(crate) fn offline_insert(&self, revision: &Revision) -> String {
        let lit = |t: &str| self.dialect.string_literal(t);
        format!(
            "INSERT INTO {} ({}) VALUES ({}, {}, {}, {}, {}, 0, NULL, {}, NULL)",
            self.q(self.name),
            self.dialect.quote_list(&COLUMNS),
            lit(revision.id),
            lit(&revision.checksum()),
            lit(RevisionState::Applied.as_str()),
            revision.up.len(),
            lit(&now()),
            lit(FORMAT)
        )
    }

    /// The `DELETE` of row `id` with a literal value, for an offline script.
    pub(crate) fn offline_delete(&self, id: &str) -> String {
        format!(
            "DELETE FROM {} WHERE {} = {}",
            self.q(self.name),
            self.q("id"),
            self.dialect.string_literal(id)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_round_trip_through_their_text() {
        for state in [
            RevisionState::Applied,
            RevisionState::Applying,
            RevisionState::Failed,
            RevisionState::Reverting,
            RevisionState::RevertFailed,
        ] {
            assert_eq!(state.as_str().parse::<RevisionState>(), Ok(state));
        }
        assert_eq!(
            "running".parse::<RevisionState>(),
            Err(UnknownState("running".into()))
        );
    }
}
