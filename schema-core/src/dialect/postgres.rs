//! PostgreSQL: the reference dialect; type names match what the ontology hub's schema uses.

use crate::model::SqlType;

pub(super) fn column_type(sql_type: SqlType) -> String {
    match sql_type {
        SqlType::Uuid => "UUID".into(),
        SqlType::Varchar(None) => "VARCHAR".into(),
        SqlType::Varchar(Some(n)) => format!("VARCHAR({n})"),
        SqlType::Text => "TEXT".into(),
        SqlType::SmallInt => "SMALLINT".into(),
        SqlType::Integer => "INTEGER".into(),
        SqlType::BigInt => "BIGINT".into(),
        SqlType::Real => "REAL".into(),
        SqlType::Double => "DOUBLE PRECISION".into(),
        SqlType::Boolean => "BOOLEAN".into(),
        SqlType::Bytes => "BYTEA".into(),
        SqlType::Timestamp => "TIMESTAMP WITHOUT TIME ZONE".into(),
        SqlType::TimestampTz => "TIMESTAMP WITH TIME ZONE".into(),
        SqlType::Date => "DATE".into(),
        SqlType::Json => "JSON".into(),
        SqlType::Jsonb => "JSONB".into(),
        SqlType::Enum(e) => crate::Dialect::Postgres.quote(e.name),
    }
}
