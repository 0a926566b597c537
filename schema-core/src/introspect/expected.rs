//! What a live database would hold for a schema model, in each dialect's normal form: the
//! side of a drift check that comes from the code. What a catalog keeps is the dialect's
//! [`Caps`](crate::dialect::Caps); how it spells types and defaults is its [`super::Catalog`].

use super::{
    catalog, LiveCheck, LiveColumn, LiveEnum, LiveForeignKey, LiveIndex, LiveKey, LiveObject,
    LiveSchema, LiveTable,
};
use crate::dialect::{RenderError, RenderErrorKind};
use crate::model::{ColumnDef, IndexMethod, SchemaState, TableState};
use crate::Dialect;

/// The schema `state` describes, as `dialect`'s catalog would report it; an error names what
/// `dialect` cannot store.
pub fn expected(state: &SchemaState, dialect: Dialect) -> Result<LiveSchema, RenderError> {
    let caps = dialect.caps();
    let mut schema = LiveSchema {
        tables: state
            .tables
            .iter()
            .map(|t| table(t, dialect))
            .collect::<Result<_, _>>()?,
        enums: if caps.enum_types {
            state
                .enums
                .iter()
                .map(|e| LiveEnum {
                    name: e.name.to_owned(),
                    values: strings(e.values),
                })
                .collect()
        } else {
            Vec::new()
        },
        objects: state
            .objects
            .iter()
            .filter(|o| o.on.contains(dialect))
            .map(|o| LiveObject {
                kind: o.object.kind,
                name: o.object.name.to_owned(),
                table: o.object.table.map(str::to_owned),
                definition: None,
            })
            .collect(),
    };
    if caps.unique_index_is_constraint {
        // A unique index is a unique constraint there: the catalog lists both as UNIQUE.
        for table in &mut schema.tables {
            let (unique, plain): (Vec<LiveIndex>, Vec<LiveIndex>) =
                table.indexes.drain(..).partition(|i| i.unique);
            table.indexes = plain;
            table.uniques.extend(
                unique
                    .into_iter()
                    .map(|i| LiveKey::new(Some(i.name), i.columns)),
            );
        }
    }
    schema.sort();
    Ok(schema)
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// One column as `dialect`'s catalog reports it.
fn column(c: &ColumnDef, dialect: Dialect) -> Result<LiveColumn, RenderErrorKind> {
    let reader = catalog(dialect);
    let default = match c.default {
        Some(d) => reader.normal_default(&dialect.default_value(d, c.sql_type)?),
        None => None,
    };
    let on_update = match c.on_update {
        Some(o) => reader.on_update_name(o, c.sql_type)?,
        None => None,
    };
    let collation = match c.collation {
        Some(text) => {
            let name = text.for_dialect(dialect).ok_or_else(|| {
                RenderErrorKind::Unsupported(format!(
                    "its `collation(...)` has no {} variant",
                    dialect.name()
                ))
            })?;
            reader.collation_name(name)
        }
        None => None,
    };
    Ok(LiveColumn {
        name: c.name.to_owned(),
        sql_type: reader.column_type_name(c)?,
        nullable: c.nullable,
        default,
        identity: c.identity.map(|i| reader.identity_name(i)),
        on_update,
        comment: c
            .comment
            .filter(|_| dialect.caps().comments)
            .map(str::to_owned),
        collation,
    })
}

/// One table as `dialect`'s catalog reports it.
fn table(t: &TableState, dialect: Dialect) -> Result<LiveTable, RenderError> {
    let caps = dialect.caps();
    let reader = catalog(dialect);
    let name = |n: &str| caps.keeps_constraint_names.then(|| n.to_owned());
    let columns = t
        .columns
        .iter()
        .map(|c| {
            column(c, dialect).map_err(|kind| RenderError {
                step: format!("column {}.{}", t.name, c.name),
                dialect: dialect.name(),
                kind,
            })
        })
        .collect::<Result<_, _>>()?;
    let failed = |what: String| {
        move |kind| RenderError {
            step: what,
            dialect: dialect.name(),
            kind,
        }
    };
    let checks = t
        .checks
        .iter()
        .map(|c| {
            let expr = c.expr.for_dialect(dialect).ok_or_else(|| {
                failed(format!("check {} on {}", c.name, t.name))(RenderErrorKind::Unsupported(
                    format!("its `expr(...)` has no {} variant", dialect.name()),
                ))
            })?;
            Ok(LiveCheck {
                name: Some(c.name.to_owned()),
                expr: reader.check_text(expr),
            })
        })
        .collect::<Result<_, RenderError>>()?;
    let mut live = LiveTable {
        name: t.name.to_owned(),
        columns,
        primary_key: t.primary_key.exists().then(|| {
            LiveKey::new(
                caps.keeps_primary_key_name
                    .then(|| t.primary_key.name.to_owned()),
                strings(t.primary_key.columns),
            )
        }),
        uniques: t
            .uniques
            .iter()
            .map(|u| LiveKey {
                nulls_not_distinct: u.nulls_not_distinct,
                ..LiveKey::new(name(u.name), strings(u.columns))
            })
            .collect(),
        indexes: t
            .indexes
            .iter()
            .map(|i| LiveIndex {
                name: i.name.to_owned(),
                columns: strings(i.columns),
                unique: i.unique,
                predicate: i.predicate.map(|p| reader.predicate_text(p)),
                descending: strings(i.descending),
                expr: i.expr.map(str::to_owned),
                method: (i.method != IndexMethod::BTree).then(|| i.method.sql().to_owned()),
                include: strings(i.include),
                nulls_not_distinct: i.nulls_not_distinct,
            })
            .collect(),
        foreign_keys: t
            .foreign_keys
            .iter()
            .map(|f| LiveForeignKey {
                name: name(f.name),
                columns: strings(f.columns),
                ref_table: f.ref_table.to_owned(),
                ref_schema: f.ref_schema.map(str::to_owned),
                ref_columns: strings(f.ref_columns),
                on_delete: reader.normal_action(f.on_delete),
                on_update: reader.normal_action(f.on_update),
            })
            .collect(),
        checks,
        comment: t.comment.filter(|_| caps.comments).map(str::to_owned),
        schema: t.schema.map(str::to_owned),
        external: t.external,
    };
    reader.expected_table(&mut live, t);
    Ok(live)
}
