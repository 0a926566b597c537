//! SQLite's table rebuild: its documented 12-step procedure, steps 4-10. Create the table as it
//! will be, copy the rows, drop the old one, rename, recreate its indexes. The runner turns
//! foreign keys off around it (the migrate backend's rebuild guard), so dropping the old
//! table deletes no child row, and runs `PRAGMA foreign_key_check` before committing.

use crate::dialect::ddl;
use crate::dialect::render::{Rendered, StepContext};
use crate::dialect::{Dialect, RenderError, RenderErrorKind};
use crate::model::{StateError, TableState};

/// The rebuild of `table` that carries out the context's step.
pub(super) fn render(cx: &StepContext<'_>, table: &str) -> Result<Rendered, RenderError> {
    let old = cx.table(table)?;
    let after = cx.after()?;
    let new = after.table(table).ok_or_else(|| {
        cx.fail(RenderErrorKind::State(StateError {
            step: cx.step.describe(),
            reason: format!("there is no table `{table}`"),
        }))
    })?;
    Ok(Rendered {
        statements: statements(old, new).map_err(|kind| cx.fail(kind))?,
        notice: None,
        rebuild: true,
        rebuilt: vec![table.to_owned()],
        ..Rendered::default()
    })
}

/// The statements that turn table `old` into `new`, keeping the rows of the columns both have,
/// and (`AUTOINCREMENT`) the largest key ever handed out, so no key is reused.
pub(super) fn statements(
    old: &TableState,
    new: &TableState,
) -> Result<Vec<String>, RenderErrorKind> {
    let dialect = Dialect::Sqlite;
    let table = new.name;
    let temporary = format!("_rebuild_{table}");
    let mut view = new.view();
    view.name = &temporary;
    let copied: Vec<&str> = new
        .columns
        .iter()
        .map(|c| c.name)
        .filter(|name| old.column(name).is_some())
        .collect();
    let create = ddl::create_table_statement(&view, dialect, &[]).map_err(|e| e.kind)?;
    let mut statements = vec![
        create,
        format!(
            "INSERT INTO {} ({cols}) SELECT {cols} FROM {}",
            dialect.quote(&temporary),
            dialect.quote(table),
            cols = dialect.quote_list(&copied)
        ),
    ];
    if new
        .columns
        .iter()
        .any(|c| c.identity.is_some_and(|i| i.autoincrement))
    {
        // The copy set the new table's counter to its largest key; the old one's may be larger
        // (its largest rows deleted). `RENAME` carries the row over to the table's name.
        let lit = |t: &str| dialect.string_literal(t);
        statements.push(format!(
            "DELETE FROM sqlite_sequence WHERE name = {}",
            lit(&temporary)
        ));
        statements.push(format!(
            "INSERT INTO sqlite_sequence (name, seq) SELECT {}, seq FROM sqlite_sequence WHERE name = {}",
            lit(&temporary),
            lit(table)
        ));
    }
    statements.extend([
        ddl::drop_table_statement(None, table, dialect),
        format!(
            "ALTER TABLE {} RENAME TO {}",
            dialect.quote(&temporary),
            dialect.quote(table)
        ),
    ]);
    for index in &new.indexes {
        statements.push(crate::dialect::index::index_sql(
            None, table, index, dialect,
        )?);
    }
    Ok(statements)
}
