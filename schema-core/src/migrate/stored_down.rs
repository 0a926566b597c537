//! A revision's down steps as rendered when it was applied, kept in its version-table row, so
//! that a binary that does not know the revision (an older one, in a rolling deploy) can still
//! revert it (`downgrade --stored`; sqlx#2943). JSON, with the revision's parent (the order
//! the unknown revisions revert in) and the data-loss guard's count queries.

use serde::{Deserialize, Serialize};

use super::apply::RevisionRun;
use super::data_loss;
use super::Revision;
use crate::dialect::{render_steps, Dialect};
use crate::model::SchemaState;

/// The `format` this crate writes.
const FORMAT: &str = "schema-core/down/1";

/// A revision's down steps, rendered for one dialect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredDown {
    pub(crate) format: String,
    /// The revision's parent: where reverting it leaves the database.
    pub(crate) parent: Option<String>,
    /// The steps can run in one transaction where DDL is transactional (no online form).
    pub(crate) transactional: bool,
    /// A step rebuilds a table (SQLite): foreign keys are off while it runs, checked after.
    pub(crate) rebuild: bool,
    pub(crate) steps: Vec<StoredStep>,
    /// What the steps would destroy, weighed before the first statement.
    pub(crate) weighed: Vec<StoredLoss>,
}

/// One rendered down step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredStep {
    pub(crate) description: String,
    pub(crate) destructive: bool,
    pub(crate) statements: Vec<String>,
}

/// A table (or a column) a down step destroys, and the query counting what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StoredLoss {
    pub(crate) table: String,
    pub(crate) column: Option<String>,
    pub(crate) count: String,
}

impl StoredDown {
    /// `revision`'s down steps rendered on `dialect` from `after`, the schema it leaves.
    /// `None` when there is nothing a binary could run: the revision cannot be reverted (no
    /// down steps for its up steps), or its down steps do not render there.
    pub(crate) fn render(
        revision: &Revision,
        after: &SchemaState,
        dialect: Dialect,
    ) -> Option<StoredDown> {
        if revision.down.is_empty() && !revision.up.is_empty() {
            return None;
        }
        let rendered = render_steps(revision.down, dialect, &mut after.clone()).ok()?;
        let steps = revision
            .down
            .iter()
            .zip(&rendered)
            .map(|(step, r)| StoredStep {
                description: step.describe(),
                destructive: step.is_destructive(),
                statements: r.statements.clone(),
            })
            .collect();
        let weighed = data_loss::weighed(revision.down, after, dialect)
            .into_iter()
            .filter(|(table, column, _)| {
                !data_loss::accepted(revision.down, table, column.as_deref())
            })
            .map(|(table, column, count)| StoredLoss {
                table,
                column,
                count,
            })
            .collect();
        Some(StoredDown {
            format: FORMAT.to_owned(),
            parent: revision.parent.map(str::to_owned),
            transactional: !rendered.iter().any(|r| r.outside_transaction),
            rebuild: rendered.iter().any(|r| r.rebuild),
            steps,
            weighed,
        })
    }

    /// The text stored.
    pub(crate) fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the stored text; why not, when it is not this crate's format.
    pub(crate) fn decode(text: &str) -> Result<StoredDown, String> {
        let stored: StoredDown = serde_json::from_str(text)
            .map_err(|e| format!("its stored down SQL is not readable ({e})"))?;
        if stored.format != FORMAT {
            return Err(format!(
                "its stored down SQL is of format `{}`, which this runner does not know",
                stored.format
            ));
        }
        Ok(stored)
    }
}

impl RevisionRun<'_> {
    /// Going up, keeps the revision's down steps rendered from `after` for its row.
    pub(crate) fn storing_down(mut self, after: &SchemaState, dialect: Dialect) -> Self {
        self.down_sql = StoredDown::render(self.revision, after, dialect).map(|d| d.encode());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate::Step;
    use crate::model::{ColumnDef, PrimaryKeyDef, SqlType, TableDef};

    const ID: [ColumnDef; 1] = [ColumnDef::new("id", SqlType::Integer)];
    const T: TableDef = TableDef::new(
        "t",
        "T",
        &ID,
        PrimaryKeyDef {
            name: "t_pkey",
            columns: &["id"],
        },
    );
    static DOWN: &[Step] = &[Step::DropTable { table: "t" }];

    fn with_t() -> SchemaState {
        let mut state = SchemaState::default();
        state
            .apply_all(&[Step::CreateTable(&T)])
            .expect("creates t");
        state
    }

    #[test]
    fn a_stored_down_round_trips_and_refuses_another_format() {
        let revision = Revision {
            id: "002",
            parent: Some("001"),
            message: "",
            up: &[],
            down: DOWN,
        };
        let stored = StoredDown::render(&revision, &with_t(), Dialect::Postgres).expect("renders");
        assert_eq!(stored.parent.as_deref(), Some("001"));
        assert_eq!(
            stored.steps[0].statements,
            vec!["DROP TABLE \"t\"".to_owned()]
        );
        assert_eq!(stored.weighed[0].table, "t");
        assert_eq!(StoredDown::decode(&stored.encode()), Ok(stored.clone()));
        let other = stored.encode().replace(FORMAT, "schema-core/down/9");
        assert!(StoredDown::decode(&other)
            .unwrap_err()
            .contains("`schema-core/down/9`"));
        let irreversible = Revision {
            up: DOWN,
            down: &[],
            ..revision
        };
        assert_eq!(
            StoredDown::render(&irreversible, &with_t(), Dialect::Sqlite),
            None
        );
    }
}
