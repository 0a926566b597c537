//! What a SQLite table rebuild would lose: the triggers and hand-written indexes on the table
//! (its `DROP TABLE` takes them along) and the views that read it (the `RENAME` that ends the
//! rebuild refuses to run while a view names a missing table). Read from `sqlite_master`
//! before the revision's first statement: those the chain declares (a raw SQL step's
//! `creates`) are dropped before the rebuild where they must be and recreated from their own
//! SQL after it; any other one refuses the revision, naming it, before anything runs.

use crate::db::Conn;
use crate::dialect::{Dialect, Rendered};
use crate::model::{Object, ObjectKind, SchemaState};

use super::error::{db, MigrateError};

/// The query listing the objects a rebuild may drop: kind, name, table, SQL.
const OBJECTS: &str = "SELECT type, name, tbl_name, sql FROM sqlite_master \
     WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL ORDER BY type, name";

/// One object of the live schema.
struct LiveObject {
    kind: ObjectKind,
    name: String,
    table: String,
    sql: String,
}

/// Whether `sql` names `table` as a word (a view's reading of it).
fn names_table(sql: &str, table: &str) -> bool {
    let lower = sql.to_ascii_lowercase();
    let table = table.to_ascii_lowercase();
    lower.match_indices(&table).any(|(at, _)| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + table.len()..].chars().next();
        let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        boundary(before) && boundary(after)
    })
}

/// `rendered` with what each rebuild must keep around it, or the refusal naming what it would
/// lose. `before` is the schema as the chain has it when the revision starts; `declared`
/// every object the chain's raw steps create.
pub(super) async fn keep_objects(
    conn: &mut Conn,
    revision: &str,
    rendered: &[Rendered],
    before: &SchemaState,
    declared: &[Object],
) -> Result<Option<Vec<Rendered>>, MigrateError> {
    if !rendered.iter().any(|r| !r.rebuilt.is_empty()) {
        return Ok(None);
    }
    let rows = conn.text_rows(OBJECTS).await.map_err(db(
        "listing the triggers, indexes and views a table rebuild drops",
    ))?;
    let live: Vec<LiveObject> = rows
        .into_iter()
        .filter_map(|row| {
            let text = |i: usize| row.get(i).cloned().flatten().unwrap_or_default();
            let kind = match text(0).as_str() {
                "index" => ObjectKind::Index,
                "trigger" => ObjectKind::Trigger,
                "view" => ObjectKind::View,
                _ => return None,
            };
            Some(LiveObject {
                kind,
                name: text(1),
                table: text(2),
                sql: text(3),
            })
        })
        .collect();
    let is_declared = |o: &LiveObject| {
        declared
            .iter()
            .any(|d| d.kind == o.kind && d.name.eq_ignore_ascii_case(&o.name))
    };
    let model_index = |table: &str, name: &str| {
        before
            .table(table)
            .is_some_and(|t| t.indexes.iter().any(|i| i.name == name))
    };
    let mut out = rendered.to_vec();
    for r in &mut out {
        for table in r.rebuilt.clone() {
            let lost: Vec<&LiveObject> = live
                .iter()
                .filter(|o| match o.kind {
                    ObjectKind::View => names_table(&o.sql, &table),
                    ObjectKind::Index => o.table == table && !model_index(&table, &o.name),
                    _ => o.table == table,
                })
                .collect();
            let unknown: Vec<String> = lost
                .iter()
                .filter(|o| !is_declared(o))
                .map(|o| format!("{} {}", o.kind.word(), o.name))
                .collect();
            if !unknown.is_empty() {
                return Err(MigrateError::RebuildWouldDrop {
                    revision: revision.to_owned(),
                    table,
                    objects: unknown,
                });
            }
            let views = lost.iter().filter(|o| o.kind == ObjectKind::View);
            let drop_views: Vec<String> = views
                .clone()
                .map(|v| format!("DROP VIEW {}", Dialect::Sqlite.quote(&v.name)))
                .collect();
            r.statements.splice(0..0, drop_views);
            // Indexes and triggers first, views last (a view may read what a trigger writes).
            let mut recreate: Vec<&&LiveObject> = lost.iter().collect();
            recreate.sort_by_key(|o| o.kind == ObjectKind::View);
            r.statements
                .extend(recreate.into_iter().map(|o| o.sql.clone()));
        }
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::names_table;

    #[test]
    fn a_view_names_a_table_as_a_word() {
        assert!(names_table("CREATE VIEW v AS SELECT * FROM notes", "notes"));
        assert!(names_table(
            "CREATE VIEW v AS SELECT * FROM \"Notes\" n",
            "notes"
        ));
        assert!(!names_table(
            "CREATE VIEW v AS SELECT * FROM notes_archive",
            "notes"
        ));
    }
}
