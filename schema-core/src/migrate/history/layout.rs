//! The version table's columns, spelled once, and its layouts: a table an earlier crate wrote
//! lacks the columns added since, is read as it is, and gets them at its first write.

use super::VersionTable;
use crate::db::Conn;
use crate::migrate::error::{db, MigrateError};

/// The version table's columns, in order: the one place they are spelled.
pub(super) const COLUMNS: [&str; 9] = [
    "id",
    "checksum",
    "state",
    "steps_done",
    "applied_at",
    "duration_ms",
    "error",
    CHECKSUM_FORMAT,
    DOWN_SQL,
];

/// How `checksum` was computed.
pub(super) const CHECKSUM_FORMAT: &str = "checksum_format";
/// The revision's down steps as rendered when it was applied ([`super::StoredDown`]).
pub(super) const DOWN_SQL: &str = "down_sql";
/// The format of every row written before `checksum_format` was stored.
const FIRST_FORMAT: &str = "schema-core/revision/1";

/// A column added after the first layout.
struct AddedLater {
    name: &'static str,
    /// What a row of a table without it reads as, and the value it is added with.
    earlier_rows: Option<&'static str>,
}

const ADDED_LATER: [AddedLater; 2] = [
    AddedLater {
        name: CHECKSUM_FORMAT,
        earlier_rows: Some(FIRST_FORMAT),
    },
    AddedLater {
        name: DOWN_SQL,
        earlier_rows: None,
    },
];

/// What the version table's columns say of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// There is no such table.
    Missing,
    /// Ours; `lacking[i]` when it lacks the i-th column added later (an earlier crate
    /// wrote it).
    Ours { lacking: [bool; ADDED_LATER.len()] },
}

impl Layout {
    fn lacks(self, column: &str) -> bool {
        match self {
            Layout::Missing => false,
            Layout::Ours { lacking } => ADDED_LATER
                .iter()
                .zip(lacking)
                .any(|(a, lacks)| lacks && a.name == column),
        }
    }
}

impl VersionTable {
    /// `CREATE TABLE IF NOT EXISTS` for the table (the same on every dialect but the long
    /// text: short text is `VARCHAR(255)`, which MySQL can key; timestamps are RFC 3339 text,
    /// read alike everywhere).
    pub(crate) fn create_sql(&self) -> String {
        let types = [
            "VARCHAR(255) NOT NULL",
            "VARCHAR(255) NOT NULL",
            "VARCHAR(255) NOT NULL",
            "BIGINT NOT NULL",
            "VARCHAR(255) NOT NULL",
            "BIGINT NOT NULL",
            "TEXT",
            "VARCHAR(255) NOT NULL",
            self.dialect.long_text_type(),
        ];
        let columns: Vec<String> = COLUMNS
            .iter()
            .zip(types)
            .map(|(c, t)| format!("    {} {t},\n", self.q(c)))
            .collect();
        format!(
            "CREATE TABLE IF NOT EXISTS {} (\n{}    PRIMARY KEY ({})\n)",
            self.q(self.name),
            columns.concat(),
            self.q("id")
        )
    }

    /// The table is ours: lacking our first columns it is another tool's (Rails' and
    /// golang-migrate's are also `schema_migrations`), never to be written to; with columns we
    /// do not know, a newer crate wrote it.
    pub(crate) async fn check_columns(&self, conn: &mut Conn) -> Result<Layout, MigrateError> {
        let sql = crate::migrate::backend::backend(self.dialect)
            .column_names_sql(&self.dialect.string_literal(self.name));
        let rows = conn
            .text_rows(&sql)
            .await
            .map_err(db("reading the version table's columns"))?;
        let found: Vec<String> = rows
            .into_iter()
            .filter_map(|r| r.into_iter().next().flatten())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if found.is_empty() {
            return Ok(Layout::Missing);
        }
        let lacks = |c: &&str| !found.iter().any(|f| f == c);
        let added_later = |c: &&str| ADDED_LATER.iter().any(|a| a.name == *c);
        if COLUMNS.iter().filter(|c| !added_later(c)).any(lacks) {
            return Err(MigrateError::ForeignVersionTable {
                table: self.name.to_owned(),
            });
        }
        let unknown: Vec<&str> = found
            .iter()
            .map(String::as_str)
            .filter(|f| !COLUMNS.contains(f))
            .collect();
        if !unknown.is_empty() {
            return Err(MigrateError::VersionTableCorrupt {
                table: self.name.to_owned(),
                problem: format!(
                    "it has columns this runner does not know ({}): a newer schema-core wrote it",
                    unknown.join(", ")
                ),
            });
        }
        Ok(Layout::Ours {
            lacking: ADDED_LATER.map(|a| lacks(&a.name)),
        })
    }

    /// Brings a version table of an earlier layout to this one (before anything is written to
    /// it): each column added since, its earlier rows given the value they are read as.
    pub(crate) async fn upgrade_layout(&self, conn: &mut Conn) -> Result<(), MigrateError> {
        let layout = self.check_columns(conn).await?;
        for added in ADDED_LATER.iter().filter(|a| layout.lacks(a.name)) {
            let definition = match added.earlier_rows {
                Some(value) => format!(
                    "VARCHAR(255) NOT NULL DEFAULT {}",
                    self.dialect.string_literal(value)
                ),
                None => self.dialect.long_text_type().to_owned(),
            };
            let sql = format!(
                "ALTER TABLE {} ADD COLUMN {} {definition}",
                self.q(self.name),
                self.q(added.name),
            );
            conn.execute(&sql)
                .await
                .map_err(db(format!("adding {} to the version table", added.name)))?;
        }
        Ok(())
    }

    /// The select list that reads every column of a table of `layout`: a column it lacks is
    /// the value its earlier rows are read as.
    pub(super) fn select_list(&self, layout: Layout) -> String {
        let columns: Vec<String> = COLUMNS
            .iter()
            .map(|c| {
                if !layout.lacks(c) {
                    return self.q(c);
                }
                match ADDED_LATER.iter().find(|a| a.name == *c) {
                    Some(AddedLater {
                        earlier_rows: Some(value),
                        ..
                    }) => self.dialect.string_literal(value),
                    _ => "NULL".to_owned(),
                }
            })
            .collect();
        columns.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Dialect;

    #[test]
    fn the_create_statement_spells_every_column_once() {
        let table = VersionTable {
            name: "schema_migrations",
            dialect: Dialect::Postgres,
        };
        let sql = table.create_sql();
        for column in COLUMNS {
            assert_eq!(
                sql.matches(&format!("\"{column}\"")).count(),
                if column == "id" { 2 } else { 1 },
                "{sql}"
            );
        }
        assert!(sql.starts_with("CREATE TABLE IF NOT EXISTS \"schema_migrations\" (\n    \"id\" VARCHAR(255) NOT NULL,\n"));
        assert!(sql.contains("\"down_sql\" TEXT,\n"), "{sql}");
    }

    #[test]
    fn an_earlier_table_reads_its_missing_columns_as_their_earlier_values() {
        let table = VersionTable {
            name: "v",
            dialect: Dialect::Sqlite,
        };
        let earliest = Layout::Ours {
            lacking: [true, true],
        };
        let list = table.select_list(earliest);
        assert!(
            list.ends_with("\"error\", 'schema-core/revision/1', NULL"),
            "{list}"
        );
        let current = Layout::Ours {
            lacking: [false, false],
        };
        assert!(table.select_list(current).ends_with("\"down_sql\""));
    }
}
