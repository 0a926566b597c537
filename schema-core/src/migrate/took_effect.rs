//! Whether a step already took effect, read off the live schema: a runner killed between a
//! step's DDL (which MySQL commits at once) and the record of its progress leaves the step
//! done but not recorded, and `recover` must not run it again (H5).

use crate::introspect::LiveSchema;
use crate::model::Step;

/// `Some(true)`: what `step` makes is there (and what it removes is gone); `Some(false)`:
/// it is not; `None`: the catalog cannot tell (a type change, raw SQL): run it.
pub(super) fn took_effect(live: &LiveSchema, step: &Step) -> Option<bool> {
    let table = |name: &str| live.tables.iter().find(|t| t.name == name);
    let has_column =
        |t: &str, c: &str| table(t).is_some_and(|t| t.columns.iter().any(|x| x.name == c));
    let has_index = |t: &str, name: &str| {
        table(t).is_some_and(|t| {
            t.indexes.iter().any(|i| i.name == name)
                || t.uniques.iter().any(|u| u.name.as_deref() == Some(name))
        })
    };
    let has_foreign_key = |t: &str, name: &str| {
        table(t).is_some_and(|t| {
            t.foreign_keys
                .iter()
                .any(|f| f.name.as_deref() == Some(name))
        })
    };
    let has_check = |t: &str, name: &str| {
        table(t).is_some_and(|t| t.checks.iter().any(|c| c.name.as_deref() == Some(name)))
    };
    Some(match *step.plain() {
        Step::CreateTable(def) => table(def.name).is_some(),
        Step::DropTable { table: t } => table(t).is_none(),
        Step::AddColumn { table: t, column } => has_column(t, column.name),
        Step::DropColumn {
            table: t, column, ..
        } => table(t).is_some() && !has_column(t, column),
        Step::CreateIndex { table: t, index } => has_index(t, index.name),
        Step::DropIndex { table: t, name, .. } => table(t).is_some() && !has_index(t, name),
        Step::AddUnique { table: t, unique } => has_index(t, unique.name),
        Step::DropUnique { table: t, name } => table(t).is_some() && !has_index(t, name),
        Step::AddForeignKey {
            table: t,
            foreign_key,
        } => has_foreign_key(t, foreign_key.name),
        Step::DropForeignKey { table: t, name } => table(t).is_some() && !has_foreign_key(t, name),
        Step::AddCheck { table: t, check } => has_check(t, check.name),
        Step::DropCheck { table: t, name } => table(t).is_some() && !has_check(t, name),
        Step::RenameTable { from, to } => table(from).is_none() && table(to).is_some(),
        Step::RenameColumn { table: t, from, to } => !has_column(t, from) && has_column(t, to),
        _ => return None,
    })
}
