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
        statements: statements(old, new),
        notice: None,
        rebuild: true,
    })
}

/// The statements that turn table `old` into `new`, keeping the rows of the columns both have.
pub(super) fn statements(old: &TableState, new: &TableState) -> Vec<String> {
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
    let mut statements = vec![
        ddl::create_table_statement(&view, dialect, &[]),
        format!(
            "INSERT INTO {} ({cols}) SELECT {cols} FROM {}",
            dialect.quote(&temporary),
            dialect.quote(table),
            cols = dialect.quote_list(&copied)
        ),
        ddl::drop_table_statement(table, dialect),
        format!(
            "ALTER TABLE {} RENAME TO {}",
            dialect.quote(&temporary),
            dialect.quote(table)
        ),
    ];
    statements.extend(
        new.indexes
            .iter()
            .map(|i| ddl::create_index_statement(table, i, dialect)),
    );
    statements
}
