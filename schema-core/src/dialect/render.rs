//! Steps to SQL, per dialect: [`render_step`] is the one `match` over [`Step`]; what a step
//! becomes on each database is the dialect's (`SqlDialect`'s) method for it.

use super::{ddl, Dialect};
use crate::model::{ColumnDef, RawSql, SchemaState, StateError, Step, TableState};

/// A step as statements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Statements, in order (empty: nothing to do on this dialect).
    pub statements: Vec<String>,
    /// Why a step does nothing here (a raw SQL step without this dialect's variant).
    pub notice: Option<String>,
    /// A table rebuild (SQLite): the runner turns foreign-key enforcement off around the
    /// revision's transaction (so dropping the old table fires no `ON DELETE CASCADE`) and runs
    /// `PRAGMA foreign_key_check` before committing.
    pub rebuild: bool,
    /// The tables a rebuild recreates (SQLite): the runner keeps their triggers, hand-written
    /// indexes and the views that read them.
    pub rebuilt: Vec<String>,
    /// The step cannot run inside a transaction (an online form, `CREATE INDEX
    /// CONCURRENTLY`): its revision runs one statement at a time, its progress recorded.
    pub outside_transaction: bool,
    /// What takes away what a failed attempt at the step left behind (an INVALID index, a
    /// constraint not validated), each a no-op when there is nothing: run after the step
    /// fails and before it is retried.
    pub leftovers: Vec<String>,
}

impl Rendered {
    /// These statements, nothing else.
    pub(crate) fn sql(statements: Vec<String>) -> Rendered {
        Rendered {
            statements,
            ..Rendered::default()
        }
    }
}

/// A step that cannot run on a dialect, or does not fit the schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot render `{step}` for {dialect}: {kind}")]
pub struct RenderError {
    /// The step, described.
    pub step: String,
    /// The dialect's name.
    pub dialect: &'static str,
    /// Why.
    pub kind: RenderErrorKind,
}

/// Why a step cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderErrorKind {
    /// The dialect cannot do what the step asks.
    #[error("{0}")]
    Unsupported(String),
    /// A required raw SQL step has no variant for the dialect.
    #[error("the step is required and has no variant for this dialect")]
    MissingVariant,
    /// The step does not fit the schema the steps before it left.
    #[error("{}", .0.reason)]
    State(StateError),
}

/// What a dialect's step method knows: the step (for errors), the dialect, and the schema as
/// the steps before it left it (SQLite's rebuilds and MySQL's index rules read it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StepContext<'a> {
    /// The step being rendered.
    pub(crate) step: &'a Step,
    /// The dialect rendering it.
    pub(crate) dialect: Dialect,
    /// The schema before the step.
    pub(crate) before: &'a SchemaState,
}

impl StepContext<'_> {
    /// An error about this step.
    pub(crate) fn fail(&self, kind: RenderErrorKind) -> RenderError {
        RenderError {
            step: self.step.describe(),
            dialect: self.dialect.name(),
            kind,
        }
    }

    /// The schema after the step.
    pub(crate) fn after(&self) -> Result<SchemaState, RenderError> {
        let mut after = self.before.clone();
        after
            .apply(self.step)
            .map_err(|e| self.fail(RenderErrorKind::State(e)))?;
        Ok(after)
    }

    /// Table `name` before the step, or an error naming it.
    pub(crate) fn table(&self, name: &str) -> Result<&TableState, RenderError> {
        self.before.table(name).ok_or_else(|| {
            self.fail(RenderErrorKind::State(StateError {
                step: self.step.describe(),
                reason: format!("there is no table `{name}`"),
            }))
        })
    }

    /// The schema of table `table` (`None`: the current one), as the step or the steps before
    /// it say.
    pub(crate) fn schema_of(&self, table: &str) -> Option<&'static str> {
        match self.step {
            Step::CreateTable(def) if def.name == table => def.schema,
            _ => self.before.table(table).and_then(|t| t.schema),
        }
    }

    /// Table `table` as a statement names it (`"billing"."invoices"`).
    pub(crate) fn table_sql(&self, table: &str) -> String {
        ddl::table_ident(self.schema_of(table), table, self.dialect)
    }

    /// Column `table.column` before the step, if it is there.
    pub(crate) fn column(&self, table: &str, column: &str) -> Option<&ColumnDef> {
        self.before.table(table).and_then(|t| t.column(column))
    }

    /// Column `table.column` before the step, or an error naming it.
    pub(crate) fn existing_column(
        &self,
        table: &str,
        column: &str,
    ) -> Result<&ColumnDef, RenderError> {
        self.column(table, column).ok_or_else(|| {
            self.fail(RenderErrorKind::State(StateError {
                step: self.step.describe(),
                reason: format!("no column {table}.{column}"),
            }))
        })
    }
}

/// The statements for `step` on `dialect`, given the schema as the steps before it left it.
pub fn render_step(
    step: &Step,
    dialect: Dialect,
    before: &SchemaState,
) -> Result<Rendered, RenderError> {
    let d = dialect.sql();
    let cx = StepContext {
        step,
        dialect,
        before,
    };
    let q = |ident: &str| dialect.quote(ident);
    match *step {
        Step::CreateEnum(e) => Ok(Rendered::sql(
            ddl::create_enum_statement(e, dialect).into_iter().collect(),
        )),
        Step::DropEnum(e) => Ok(Rendered::sql(
            ddl::drop_enum_statement(e, dialect).into_iter().collect(),
        )),
        Step::AlterEnum { from, to } => d.alter_enum(&cx, from, to),
        Step::CreateTable(def) => {
            let view = def.view();
            let mut statements = vec![ddl::create_table_statement(&view, dialect, &[])?];
            statements.extend(ddl::comment_statements(&view, dialect));
            Ok(Rendered::sql(statements))
        }
        Step::DropTable { table } => Ok(Rendered::sql(vec![ddl::drop_table_statement(
            cx.schema_of(table),
            table,
            dialect,
        )])),
        Step::CreateIndex { table, index } => d.create_index(&cx, table, &index),
        Step::DropIndex {
            table,
            name,
            if_exists,
        } => d.drop_index(&cx, table, name, if_exists),
        Step::AddColumn { table, column } => d.add_column(&cx, table, &column),
        Step::DropColumn {
            table,
            column,
            if_exists,
        } => d.drop_column(&cx, table, column, if_exists),
        Step::AlterColumn {
            table,
            column,
            change,
        } => d.alter_column(&cx, table, column, change),
        Step::AddUnique { table, unique } => d.add_unique(&cx, table, &unique),
        Step::DropUnique { table, name } => d.drop_unique(&cx, table, name),
        Step::AddForeignKey { table, foreign_key } => d.add_foreign_key(&cx, table, &foreign_key),
        Step::DropForeignKey { table, name } => d.drop_foreign_key(&cx, table, name),
        Step::RenameTable { from, to } => Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} RENAME TO {}",
            cx.table_sql(from),
            q(to)
        )])),
        Step::RenameColumn { table, from, to } => Ok(Rendered::sql(vec![format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {}",
            cx.table_sql(table),
            q(from),
            q(to)
        )])),
        Step::AddCheck { table, check } => d.add_check(&cx, table, &check),
        Step::DropCheck { table, name } => d.drop_check(&cx, table, name),
        Step::SetTableComment { table, comment } => d.set_table_comment(&cx, table, comment),
        Step::CreateSchema { name } => Ok(Rendered::sql(vec![ddl::schema_statement(
            "CREATE", name, dialect,
        )
        .map_err(|k| cx.fail(k))?])),
        Step::DropSchema { name } => Ok(Rendered::sql(vec![ddl::schema_statement(
            "DROP", name, dialect,
        )
        .map_err(|k| cx.fail(k))?])),
        Step::Sql(raw) => raw_sql(&cx, &raw),
        Step::AcceptDataLoss { .. } | Step::Squashes { .. } => Ok(Rendered::default()),
        Step::Online(inner) => d.online(&cx, inner),
    }
}

/// A raw SQL step: its variant for the dialect; without one, a notice (or an error when the
/// step is required).
fn raw_sql(cx: &StepContext<'_>, raw: &RawSql) -> Result<Rendered, RenderError> {
    let dialect = cx.dialect;
    match raw.for_dialect(dialect) {
        Some(sql) => Ok(Rendered::sql(vec![sql
            .trim()
            .trim_end_matches(';')
            .to_owned()])),
        None if raw.required => Err(cx.fail(RenderErrorKind::MissingVariant)),
        None => Ok(Rendered {
            notice: Some(format!(
                "skipped on {}: {} (no {} variant)",
                dialect.name(),
                raw.description,
                dialect.name()
            )),
            ..Rendered::default()
        }),
    }
}

/// Every step of `steps` rendered in order, replaying them on `state` as it goes.
pub fn render_steps(
    steps: &[Step],
    dialect: Dialect,
    state: &mut SchemaState,
) -> Result<Vec<Rendered>, RenderError> {
    let mut out = Vec::with_capacity(steps.len());
    for step in steps {
        out.push(render_step(step, dialect, state)?);
        state.apply(step).map_err(|e| RenderError {
            step: step.describe(),
            dialect: dialect.name(),
            kind: RenderErrorKind::State(e),
        })?;
    }
    Ok(out)
}
