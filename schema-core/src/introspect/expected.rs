//! What a live database would hold for a schema model, in each dialect's normal form: the
//! side of a drift check that comes from the code.

use super::{
    mysql, postgres, LiveColumn, LiveEnum, LiveForeignKey, LiveIndex, LiveKey, LiveSchema,
    LiveTable,
};
use crate::migrate::state::SchemaState;
use crate::model::{ColumnDef, SqlType};
use crate::Dialect;

/// PostgreSQL's `format_type` spelling of a type.
fn postgres_type(t: SqlType) -> String {
    match t {
        SqlType::Uuid => "uuid".into(),
        SqlType::Varchar(None) => "character varying".into(),
        SqlType::Varchar(Some(n)) => format!("character varying({n})"),
        SqlType::Text => "text".into(),
        SqlType::SmallInt => "smallint".into(),
        SqlType::Integer => "integer".into(),
        SqlType::BigInt => "bigint".into(),
        SqlType::Real => "real".into(),
        SqlType::Double => "double precision".into(),
        SqlType::Boolean => "boolean".into(),
        SqlType::Bytes => "bytea".into(),
        SqlType::Timestamp => "timestamp without time zone".into(),
        SqlType::TimestampTz => "timestamp with time zone".into(),
        SqlType::Date => "date".into(),
        SqlType::Json => "json".into(),
        SqlType::Jsonb => "jsonb".into(),
        SqlType::Enum(e) => {
            let plain = e
                .name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                && e.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if plain {
                e.name.to_owned()
            } else {
                Dialect::Postgres.quote(e.name)
            }
        }
    }
}

fn column_type(dialect: Dialect, t: SqlType) -> String {
    match dialect {
        Dialect::Postgres => postgres_type(t),
        Dialect::Sqlite => dialect.column_type(t),
        Dialect::MySql => {
            let rendered = mysql::normalize_type(&dialect.column_type(t));
            match rendered.as_str() {
                "boolean" => "tinyint(1)".to_owned(),
                // MySQL lists enum labels without a space after the comma.
                _ if rendered.starts_with("enum(") => rendered.replace("', '", "','"),
                _ => rendered,
            }
        }
    }
}

fn default(dialect: Dialect, column: &ColumnDef) -> Option<String> {
    let rendered = dialect.default_value(column.default?, column.sql_type);
    match dialect {
        Dialect::Postgres => postgres::normalize_default(&rendered),
        Dialect::Sqlite => (!rendered.eq_ignore_ascii_case("null")).then_some(rendered),
        Dialect::MySql => mysql::normalize_default(&rendered),
    }
}

/// The schema `state` describes, as `dialect`'s catalog would report it.
pub fn expected(state: &SchemaState, dialect: Dialect) -> LiveSchema {
    let keeps_names = dialect != Dialect::Sqlite;
    let name = |n: &str| keeps_names.then(|| n.to_owned());
    let strings = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let action = |a| match dialect {
        Dialect::MySql => mysql::normalize_action(a),
        Dialect::Postgres | Dialect::Sqlite => a,
    };
    let mut schema = LiveSchema {
        tables: state
            .tables
            .iter()
            .map(|t| LiveTable {
                name: t.name.to_owned(),
                columns: t
                    .columns
                    .iter()
                    .map(|c| LiveColumn {
                        name: c.name.to_owned(),
                        sql_type: column_type(dialect, c.sql_type),
                        nullable: c.nullable,
                        default: default(dialect, c),
                    })
                    .collect(),
                primary_key: Some(LiveKey {
                    name: (dialect == Dialect::Postgres).then(|| t.primary_key.name.to_owned()),
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
                        on_delete: action(f.on_delete),
                        on_update: action(f.on_update),
                    })
                    .collect(),
            })
            .collect(),
        enums: if dialect == Dialect::Postgres {
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
    if dialect == Dialect::MySql {
        // MySQL has no unique index apart from a unique constraint: it lists both as UNIQUE.
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
