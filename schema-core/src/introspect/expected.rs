//! What a live database would hold for a schema model, in each dialect's normal form: the
//! side of a drift check that comes from the code. What a catalog keeps is the dialect's
//! [`Caps`](crate::dialect::Caps); how it spells types and defaults is its [`super::Catalog`].

use super::{
    catalog, LiveColumn, LiveEnum, LiveForeignKey, LiveIndex, LiveKey, LiveSchema, LiveTable,
};
use crate::model::{SchemaState, TableState};
use crate::Dialect;

/// The schema `state` describes, as `dialect`'s catalog would report it.
pub fn expected(state: &SchemaState, dialect: Dialect) -> LiveSchema {
    let caps = dialect.caps();
    let mut schema = LiveSchema {
        tables: state.tables.iter().map(|t| table(t, dialect)).collect(),
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
    };
    if caps.unique_index_is_constraint {
        // A unique index is a unique constraint there: the catalog lists both as UNIQUE.
        for table in &mut schema.tables {
            let (unique, plain): (Vec<LiveIndex>, Vec<LiveIndex>) =
                table.indexes.drain(..).partition(|i| i.unique);
            table.indexes = plain;
            table.uniques.extend(unique.into_iter().map(|i| LiveKey {
                name: Some(i.name),
                columns: i.columns,
            }));
        }
    }
    schema.sort();
    schema
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// One table as `dialect`'s catalog reports it.
fn table(t: &TableState, dialect: Dialect) -> LiveTable {
    let caps = dialect.caps();
    let reader = catalog(dialect);
    let name = |n: &str| caps.keeps_constraint_names.then(|| n.to_owned());
    LiveTable {
        name: t.name.to_owned(),
        columns: t
            .columns
            .iter()
            .map(|c| LiveColumn {
                name: c.name.to_owned(),
                sql_type: reader.type_name(c.sql_type),
                nullable: c.nullable,
                default: c
                    .default
                    .and_then(|d| reader.normal_default(&dialect.default_value(d, c.sql_type))),
            })
            .collect(),
        primary_key: Some(LiveKey {
            name: caps
                .keeps_primary_key_name
                .then(|| t.primary_key.name.to_owned()),
            columns: strings(t.primary_key.columns),
        }),
        uniques: t
            .uniques
            .iter()
            .map(|u| LiveKey {
                name: name(u.name),
                columns: strings(u.columns),
            })
            .collect(),
        indexes: t
            .indexes
            .iter()
            .map(|i| LiveIndex {
                name: i.name.to_owned(),
                columns: strings(i.columns),
                unique: i.unique,
                predicate: None,
            })
            .collect(),
        foreign_keys: t
            .foreign_keys
            .iter()
            .map(|f| LiveForeignKey {
                name: name(f.name),
                columns: strings(f.columns),
                ref_table: f.ref_table.to_owned(),
                ref_columns: strings(f.ref_columns),
                on_delete: reader.normal_action(f.on_delete),
                on_update: reader.normal_action(f.on_update),
            })
            .collect(),
    }
}
