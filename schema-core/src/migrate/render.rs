//! Steps to SQL, per dialect. A step SQLite cannot `ALTER` becomes a table rebuild, rendered
//! from the replayed schema state.

use super::state::{SchemaState, TableState};
use super::{ColumnChange, Step};
use crate::ddl;
use crate::model::{DefaultValue, EnumDef};
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
        Step::AlterEnum { from, to } => {
            alter_enum(step, from, to, dialect, before).map_err(fail)?
        }
        Step::CreateTable(def) => {
            Rendered::sql(vec![ddl::create_table_statement(&def.view(), dialect, &[])])
        }
        Step::DropTable { table } => Rendered::sql(vec![ddl::drop_table_statement(table, dialect)]),
        Step::CreateIndex { table, index } => {
            let superseded = match dialect {
                Dialect::MySql => mysql_superseded_indexes(before, table, index.columns),
                Dialect::Postgres | Dialect::Sqlite => None,
            };
            Rendered::sql(vec![match superseded {
                Some(drop) => format!(
                    "ALTER TABLE {} ADD {}INDEX {} ({}){drop}",
                    q(table),
                    if index.unique { "UNIQUE " } else { "" },
                    q(index.name),
                    dialect.quote_list(index.columns)
                ),
                None => ddl::create_index_statement(table, &index, dialect),
            }])
        }
        Step::DropIndex {
            table,
            name,
            if_exists,
        } => {
            // MySQL refuses to drop the only index serving a foreign key: another takes its
            // place in the same statement.
            let replacement = match dialect {
                Dialect::MySql => mysql_replacement_indexes(before, table, name),
                Dialect::Postgres | Dialect::Sqlite => None,
            };
            Rendered::sql(vec![match replacement {
                Some(add) => format!("ALTER TABLE {} DROP INDEX {}{add}", q(table), q(name)),
                None => ddl::drop_index_statement(table, name, if_exists, dialect),
            }])
        }
        // SQLite refuses `ADD COLUMN` of a NOT NULL column without a default (even on an empty
        // table) and of a column whose default is an expression: a rebuild does both, and
        // fails as PostgreSQL does when rows have no value for a NOT NULL column.
        Step::AddColumn { table, column }
            if sqlite
                && ((!column.nullable && column.default.is_none())
                    || matches!(column.default, Some(DefaultValue::Expr(_)))) =>
        {
            sqlite_rebuild(step, table, before).map_err(fail)?
        }
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
        Step::AddUnique { table, unique } if !sqlite => {
            let superseded = match dialect {
                Dialect::MySql => mysql_superseded_indexes(before, table, unique.columns),
                Dialect::Postgres | Dialect::Sqlite => None,
            };
            Rendered::sql(vec![format!(
                "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({}){}",
                q(table),
                q(unique.name),
                dialect.quote_list(unique.columns),
                superseded.unwrap_or_default()
            )])
        }
        Step::DropUnique { table, name } if !sqlite => Rendered::sql(vec![if pg {
            format!("ALTER TABLE {} DROP CONSTRAINT {}", q(table), q(name))
        } else {
            // A MySQL unique constraint is its index.
            let add = mysql_replacement_indexes(before, table, name).unwrap_or_default();
            format!("ALTER TABLE {} DROP INDEX {}{add}", q(table), q(name))
        }]),
        Step::AddForeignKey { table, foreign_key } if !sqlite => {
            Rendered::sql(vec![ddl::add_foreign_key_statement(
                table,
                &foreign_key,
                dialect,
            )])
        }
        Step::DropForeignKey { table, name } if !sqlite => {
            let mut sql = ddl::drop_foreign_key_statement(table, name, dialect);
            // MySQL made an index named after the key when no index could serve it, and
            // keeps it when the key goes: drop it too, as a database without the key has none.
            let implicit = before.table(table).is_some_and(|t| {
                t.foreign_keys
                    .iter()
                    .find(|f| f.name == name)
                    .is_some_and(|f| !mysql_has_usable_index(t, f.columns, None))
            });
            if dialect == Dialect::MySql && implicit {
                sql.push_str(&format!(", DROP INDEX {}", q(name)));
            }
            Rendered::sql(vec![sql])
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

/// SQLite's table rebuild of `table` for `step` (see [`rebuild_statements`]).
fn sqlite_rebuild(step: &Step, table: &str, before: &SchemaState) -> Result<Rendered, String> {
    let old = before
        .table(table)
        .ok_or_else(|| format!("there is no table `{table}`"))?;
    let mut after = before.clone();
    after.apply(step).map_err(|e| e.reason)?;
    let new = after
        .table(table)
        .ok_or_else(|| format!("there is no table `{table}`"))?;
    Ok(Rendered {
        statements: rebuild_statements(old, new),
        notice: None,
        rebuild: true,
    })
}

/// SQLite's table rebuild (its documented 12-step procedure, steps 4-10): create the table as it
/// will be, copy the rows, drop the old one, rename, recreate its indexes. The runner turns
/// foreign keys off around it, so dropping the old table deletes no child row.
fn rebuild_statements(old: &TableState, new: &TableState) -> Vec<String> {
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

/// Whether MySQL has an index to serve a foreign key on `columns`: the primary key, a unique
/// constraint or an index (but `except`) whose columns start with them, in order. Without one,
/// MySQL creates an index named after the key.
fn mysql_has_usable_index(table: &TableState, columns: &[&str], except: Option<&str>) -> bool {
    let serves = |name: &str, cols: &[&str]| Some(name) != except && cols.starts_with(columns);
    serves(table.primary_key.name, table.primary_key.columns)
        || table.uniques.iter().any(|u| serves(u.name, u.columns))
        || table.indexes.iter().any(|i| serves(i.name, i.columns))
}

/// MySQL refuses to drop the only index serving a foreign key: `, ADD INDEX fk (...)` for each
/// key that would lose its index, named as MySQL names the index it makes for a key; `None`
/// when no key needs one.
fn mysql_replacement_indexes(before: &SchemaState, table: &str, dropped: &str) -> Option<String> {
    let t = before.table(table)?;
    let d = Dialect::MySql;
    let mut out = String::new();
    let mut covered: Vec<&[&str]> = Vec::new();
    for fk in &t.foreign_keys {
        if !mysql_has_usable_index(t, fk.columns, Some(dropped))
            && !covered.iter().any(|c| c.starts_with(fk.columns))
        {
            out.push_str(&format!(
                ", ADD INDEX {} ({})",
                d.quote(fk.name),
                d.quote_list(fk.columns)
            ));
            covered.push(fk.columns);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The index MySQL keeps for a foreign key with no other index to serve it is named after the
/// key (MySQL made it, or [`mysql_replacement_indexes`] did). A new index on `columns` serves
/// such keys: `, DROP INDEX fk` for each, so the table ends up with the indexes a table created
/// with both has (MySQL drops an index it made itself once another serves the key, but not one
/// made by `ALTER TABLE`). `None` when no key is served.
fn mysql_superseded_indexes(before: &SchemaState, table: &str, columns: &[&str]) -> Option<String> {
    let t = before.table(table)?;
    let d = Dialect::MySql;
    let mut out = String::new();
    for fk in &t.foreign_keys {
        if columns.starts_with(fk.columns) && !mysql_has_usable_index(t, fk.columns, None) {
            out.push_str(&format!(", DROP INDEX {}", d.quote(fk.name)));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// [`Step::AlterEnum`]: see the table on the step.
fn alter_enum(
    step: &Step,
    from: &'static EnumDef,
    to: &'static EnumDef,
    dialect: Dialect,
    before: &SchemaState,
) -> Result<Rendered, String> {
    let mut after = before.clone();
    after.apply(step).map_err(|e| e.reason)?;
    // Every (table before, table after) with a column of the type.
    let uses = |t: &TableState| {
        t.columns
            .iter()
            .any(|c| c.sql_type.as_enum().is_some_and(|e| e.name == from.name))
    };
    let tables: Vec<(&TableState, &TableState)> = before
        .tables
        .iter()
        .filter(|t| uses(t))
        .filter_map(|t| after.table(t.name).map(|a| (t, a)))
        .collect();
    let q = |ident: &str| dialect.quote(ident);
    let lit = |text: &str| dialect.string_literal(text);
    let mut out = Rendered::default();
    match dialect {
        Dialect::Postgres => {
            let kept: Vec<&str> = to
                .values
                .iter()
                .filter(|v| from.values.contains(v))
                .copied()
                .collect();
            let only_added = kept.as_slice() == from.values;
            if only_added {
                let first_kept = kept.first();
                for (i, value) in to.values.iter().enumerate() {
                    if from.values.contains(value) {
                        continue;
                    }
                    let place = match (i, first_kept) {
                        (0, Some(next)) => format!(" BEFORE {}", lit(next)),
                        (0, None) => String::new(),
                        (_, _) => format!(" AFTER {}", lit(to.values[i - 1])),
                    };
                    out.statements.push(format!(
                        "ALTER TYPE {} ADD VALUE {}{place}",
                        q(to.name),
                        lit(value)
                    ));
                }
            } else {
                // A label cannot be dropped from a PostgreSQL enum: make the type anew and
                // convert each column through text.
                let mut old_name = from.name.to_owned();
                while old_name.len() > 59 {
                    old_name.pop();
                }
                old_name.push_str("_old");
                out.statements.push(format!(
                    "ALTER TYPE {} RENAME TO {}",
                    q(from.name),
                    q(&old_name)
                ));
                out.statements
                    .extend(ddl::create_enum_statement(to, dialect));
                for (old, new) in &tables {
                    for column in old
                        .columns
                        .iter()
                        .filter(|c| c.sql_type.as_enum().is_some_and(|e| e.name == from.name))
                    {
                        let alter = format!(
                            "ALTER TABLE {} ALTER COLUMN {}",
                            q(old.name),
                            q(column.name)
                        );
                        // The old default cannot be cast to the new type: drop it, then set
                        // the column's default as the step leaves it.
                        if column.default.is_some() {
                            out.statements.push(format!("{alter} DROP DEFAULT"));
                        }
                        out.statements.push(format!(
                            "{alter} TYPE {ty} USING {}::text::{ty}",
                            q(column.name),
                            ty = q(to.name)
                        ));
                        if let Some(default) = new.column(column.name).and_then(|c| c.default) {
                            out.statements.push(format!(
                                "{alter} SET DEFAULT {}",
                                dialect.default_value(default, crate::SqlType::Enum(to))
                            ));
                        }
                    }
                }
                out.statements.push(format!("DROP TYPE {}", q(&old_name)));
            }
        }
        Dialect::MySql => {
            for (_, new) in &tables {
                let modify: Vec<String> = new
                    .columns
                    .iter()
                    .filter(|c| c.sql_type.as_enum().is_some_and(|e| e.name == to.name))
                    .map(|c| format!("MODIFY COLUMN {}", ddl::column_definition(c, dialect)))
                    .collect();
                out.statements
                    .push(format!("ALTER TABLE {} {}", q(new.name), modify.join(", ")));
            }
        }
        Dialect::Sqlite => {
            for (old, new) in &tables {
                out.statements.extend(rebuild_statements(old, new));
            }
            out.rebuild = !tables.is_empty();
        }
    }
    Ok(out)
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
