//! Steps to SQL, per dialect. A step SQLite cannot `ALTER` becomes a table rebuild, rendered
//! from the replayed schema state.

use super::state::SchemaState;
use super::{ColumnChange, Step};
use crate::ddl;
use crate::Dialect;

/// A step as statements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Statements, in order (empty: nothing to do on this dialect).
    pub statements: Vec<String>,
    /// Why a step does nothing here (a raw SQL step without this dialect's variant).
    pub notice: Option<String>,
    /// A SQLite table rebuild: the runner turns foreign-key enforcement off around the
    /// revision's transaction (so dropping the old table fires no `ON DELETE CASCADE`) and runs
    /// `PRAGMA foreign_key_check` before committing.
    pub rebuild: bool,
}

impl Rendered {
    fn sql(statements: Vec<String>) -> Rendered {
        Rendered {
            statements,
            ..Rendered::default()
        }
    }
}

/// A step that cannot run on a dialect, or does not fit the schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot render `{step}` for {dialect}: {reason}")]
pub struct RenderError {
    /// The step, described.
    pub step: String,
    /// The dialect's name.
    pub dialect: &'static str,
    /// Why.
    pub reason: String,
}

/// The statements for `step` on `dialect`, given the schema as the steps before it left it.
pub fn render_step(
    step: &Step,
    dialect: Dialect,
    before: &SchemaState,
) -> Result<Rendered, RenderError> {
    let fail = |reason: String| RenderError {
        step: step.describe(),
        dialect: dialect.name(),
        reason,
    };
    let q = |ident: &str| dialect.quote(ident);
    let pg = dialect == Dialect::Postgres;
    let sqlite = dialect == Dialect::Sqlite;
    let rendered = match *step {
        Step::CreateEnum(e) => {
            Rendered::sql(ddl::create_enum_statement(e, dialect).into_iter().collect())
        }
        Step::DropEnum(e) => {
            Rendered::sql(ddl::drop_enum_statement(e, dialect).into_iter().collect())
        }
        Step::CreateTable(def) => {
            Rendered::sql(vec![ddl::create_table_statement(&def.view(), dialect, &[])])
        }
        Step::DropTable { table } => Rendered::sql(vec![ddl::drop_table_statement(table, dialect)]),
        Step::CreateIndex { table, index } => {
            Rendered::sql(vec![ddl::create_index_statement(table, &index, dialect)])
        }
        Step::DropIndex {
            table,
            name,
            if_exists,
        } => Rendered::sql(vec![ddl::drop_index_statement(
            table, name, if_exists, dialect,
        )]),
        Step::AddColumn { table, column } => Rendered::sql(vec![format!(
            "ALTER TABLE {} ADD COLUMN {}",
            q(table),
            ddl::column_definition(&column, dialect)
        )]),
        Step::DropColumn {
            table,
            column,
            if_exists,
        } => {
            if sqlite {
                // SQLite has no `IF EXISTS` here: the replayed state says whether it is there.
                let exists = before.table(table).and_then(|t| t.column(column)).is_some();
                if !exists && if_exists {
                    return Ok(Rendered::default());
                }
            }
            let if_exists = if if_exists && !sqlite {
                "IF EXISTS "
            } else {
                ""
            };
            Rendered::sql(vec![format!(
                "ALTER TABLE {} DROP COLUMN {if_exists}{}",
                q(table),
                q(column)
            )])
        }
        Step::AlterColumn {
            table,
            column,
            change,
        } if !sqlite => {
            let clause = match (dialect, change) {
                (Dialect::MySql, ColumnChange::SetType(_) | ColumnChange::SetNullable(_)) => {
                    let mut after = before.clone();
                    after.apply(step).map_err(|e| fail(e.reason))?;
                    let def = after
                        .table(table)
                        .and_then(|t| t.column(column))
                        .ok_or_else(|| fail(format!("no column {table}.{column}")))?;
                    format!("MODIFY COLUMN {}", ddl::column_definition(def, dialect))
                }
                (_, ColumnChange::SetType(t)) => {
                    let ty = dialect.column_type(t);
                    format!(
                        "ALTER COLUMN {} TYPE {ty} USING {}::{ty}",
                        q(column),
                        q(column)
                    )
                }
                (_, ColumnChange::SetNullable(true)) => {
                    format!("ALTER COLUMN {} DROP NOT NULL", q(column))
                }
                (_, ColumnChange::SetNullable(false)) => {
                    format!("ALTER COLUMN {} SET NOT NULL", q(column))
                }
                (_, ColumnChange::SetDefault(Some(d))) => {
                    let ty = before
                        .table(table)
                        .and_then(|t| t.column(column))
                        .map(|c| c.sql_type)
                        .ok_or_else(|| fail(format!("no column {table}.{column}")))?;
                    format!(
                        "ALTER COLUMN {} SET DEFAULT {}",
                        q(column),
                        dialect.default_value(d, ty)
                    )
                }
                (_, ColumnChange::SetDefault(None)) => {
                    format!("ALTER COLUMN {} DROP DEFAULT", q(column))
                }
            };
            Rendered::sql(vec![format!("ALTER TABLE {} {clause}", q(table))])
        }
        Step::AddUnique { table, unique } if !sqlite => Rendered::sql(vec![format!(
            "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({})",
            q(table),
            q(unique.name),
            dialect.quote_list(unique.columns)
        )]),
        Step::DropUnique { table, name } if !sqlite => Rendered::sql(vec![if pg {
            format!("ALTER TABLE {} DROP CONSTRAINT {}", q(table), q(name))
        } else {
            // A MySQL unique constraint is its index.
            format!("ALTER TABLE {} DROP INDEX {}", q(table), q(name))
        }]),
        Step::AddForeignKey { table, foreign_key } if !sqlite => {
            Rendered::sql(vec![ddl::add_foreign_key_statement(
                table,
                &foreign_key,
                dialect,
            )])
        }
        Step::DropForeignKey { table, name } if !sqlite => {
            Rendered::sql(vec![ddl::drop_foreign_key_statement(table, name, dialect)])
        }
        Step::AlterColumn { table, .. }
        | Step::AddUnique { table, .. }
        | Step::DropUnique { table, .. }
        | Step::AddForeignKey { table, .. }
        | Step::DropForeignKey { table, .. } => {
            sqlite_rebuild(step, table, before).map_err(fail)?
        }
        Step::RenameTable { from, to } => {
            Rendered::sql(vec![format!("ALTER TABLE {} RENAME TO {}", q(from), q(to))])
        }
        Step::RenameColumn { table, from, to } => Rendered::sql(vec![format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {}",
            q(table),
            q(from),
            q(to)
        )]),
        Step::Sql(raw) => match raw.for_dialect(dialect) {
            Some(sql) => Rendered::sql(vec![sql.trim().trim_end_matches(';').to_owned()]),
            None if raw.required => {
                return Err(fail(
                    "the step is required and has no variant for this dialect".into(),
                ))
            }
            None => Rendered {
                notice: Some(format!(
                    "skipped on {}: {} (no {} variant)",
                    dialect.name(),
                    raw.description,
                    dialect.name()
                )),
                ..Rendered::default()
            },
        },
    };
    Ok(rendered)
}

/// SQLite's table rebuild (its documented 12-step procedure, steps 4-10): create the table as it
/// will be, copy the rows, drop the old one, rename, recreate its indexes.
fn sqlite_rebuild(step: &Step, table: &str, before: &SchemaState) -> Result<Rendered, String> {
    let dialect = Dialect::Sqlite;
    let old = before
        .table(table)
        .ok_or_else(|| format!("there is no table `{table}`"))?;
    let mut after = before.clone();
    after.apply(step).map_err(|e| e.reason)?;
    let new = after
        .table(table)
        .ok_or_else(|| format!("there is no table `{table}`"))?;
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
    Ok(Rendered {
        statements,
        notice: None,
        rebuild: true,
    })
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
            reason: e.reason,
        })?;
    }
    Ok(out)
}
