//! The Rust type a written field gets for a model type, and the `sql_type = "..."` it needs
//! when that Rust type's own SQL type (`ColumnType`) is another one.

use crate::model::{DialectText, SqlType};

use super::convert::leak_str;

/// A field's Rust type, the `sql_type` it needs, and the model type the derive then reads
/// from the two (what the baseline declares, so models and baseline agree).
pub(super) struct FieldType {
    pub(super) rust: String,
    pub(super) sql_type: Option<String>,
    pub(super) derived: SqlType,
    /// A crate the type needs besides the defaults (`ipnetwork`).
    pub(super) needs: Option<&'static str>,
}

/// The Rust type whose `ColumnType` is `t`, if one is.
fn own_type(t: SqlType) -> Option<(&'static str, Option<&'static str>)> {
    Some(match t {
        SqlType::Uuid => ("uuid::Uuid", None),
        SqlType::Varchar(None) => ("String", None),
        SqlType::Boolean => ("bool", None),
        SqlType::SmallInt => ("i16", None),
        SqlType::Integer => ("i32", None),
        SqlType::BigInt => ("i64", None),
        SqlType::TinyIntUnsigned => ("u8", None),
        SqlType::SmallIntUnsigned => ("u16", None),
        SqlType::IntegerUnsigned => ("u32", None),
        SqlType::BigIntUnsigned => ("u64", None),
        SqlType::Real => ("f32", None),
        SqlType::Double => ("f64", None),
        SqlType::Bytes => ("Vec<u8>", None),
        SqlType::Timestamp => ("chrono::NaiveDateTime", None),
        SqlType::TimestampTz => ("chrono::DateTime<chrono::Utc>", None),
        SqlType::Date => ("chrono::NaiveDate", None),
        SqlType::Time => ("chrono::NaiveTime", None),
        SqlType::Json => ("serde_json::Value", None),
        SqlType::Numeric(None) => ("rust_decimal::Decimal", Some("rust_decimal")),
        SqlType::Inet => ("std::net::IpAddr", Some("ipnetwork")),
        SqlType::Interval => ("sqlx::postgres::types::PgInterval", Some("sqlx")),
        _ => return None,
    })
}

/// A type's spelling in `#[column(sql_type = "...")]` (the derive reads it back as `t`).
fn spelling(t: SqlType) -> Option<String> {
    Some(match t {
        SqlType::Text => "TEXT".into(),
        SqlType::Varchar(Some(n)) => format!("VARCHAR({n})"),
        SqlType::Varchar(None) => "VARCHAR".into(),
        SqlType::Char(n) => format!("CHAR({n})"),
        SqlType::Numeric(Some((p, s))) => format!("NUMERIC({p}, {s})"),
        SqlType::Numeric(None) => "NUMERIC".into(),
        SqlType::Jsonb => "JSONB".into(),
        SqlType::Json => "JSON".into(),
        SqlType::Uuid => "UUID".into(),
        SqlType::SmallInt => "SMALLINT".into(),
        SqlType::Integer => "INTEGER".into(),
        SqlType::BigInt => "BIGINT".into(),
        SqlType::Real => "REAL".into(),
        SqlType::Double => "DOUBLE PRECISION".into(),
        SqlType::Boolean => "BOOLEAN".into(),
        SqlType::Bytes => "BYTEA".into(),
        SqlType::Timestamp => "TIMESTAMP".into(),
        SqlType::TimestampTz => "TIMESTAMPTZ".into(),
        SqlType::Date => "DATE".into(),
        SqlType::Time => "TIME".into(),
        SqlType::Custom(text) => text.postgres.or(text.sqlite).or(text.mysql)?.to_owned(),
        _ => return None,
    })
}

/// The Rust base type (text-like types are `String`, numbers `Decimal`, ...) for a type no
/// Rust type has as its own.
fn nearest(t: SqlType) -> (&'static str, Option<&'static str>) {
    match t {
        SqlType::Numeric(_) => ("rust_decimal::Decimal", Some("rust_decimal")),
        SqlType::Jsonb => ("serde_json::Value", None),
        _ => ("String", None),
    }
}

/// The field type for a column of model type `t`, `enum_name` naming enum types.
pub(super) fn field_type(t: SqlType, enum_name: &dyn Fn(&str) -> String) -> FieldType {
    if let SqlType::Enum(e) = t {
        return FieldType {
            rust: enum_name(e.name),
            sql_type: None,
            derived: t,
            needs: None,
        };
    }
    if let Some((rust, needs)) = own_type(t) {
        return FieldType {
            rust: rust.to_owned(),
            sql_type: None,
            derived: t,
            needs,
        };
    }
    if let SqlType::Array(element) = t {
        let inner = field_type(*element, enum_name);
        if inner.sql_type.is_none() {
            return FieldType {
                rust: format!("Vec<{}>", inner.rust),
                derived: t,
                ..inner
            };
        }
        // An array of a type with a spelling of its own (`text[]`) is passed through.
        let written = format!("{}[]", inner.sql_type.as_deref().unwrap_or("TEXT"));
        return FieldType {
            rust: format!("Vec<{}>", inner.rust),
            derived: SqlType::Custom(Box::leak(Box::new(DialectText::everywhere(leak_str(
                &written,
            ))))),
            sql_type: Some(written),
            needs: inner.needs,
        };
    }
    let (rust, needs) = nearest(t);
    FieldType {
        rust: rust.to_owned(),
        sql_type: spelling(t),
        derived: t,
        needs,
    }
}
