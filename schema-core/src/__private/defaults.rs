//! `#[column(default = "...")]` against the column's SQL type, judged at compile time (the
//! derive cannot see what SQL type a field's Rust type maps to).

use super::const_text::{char_count, is_integer, is_number, is_uuid, str_eq};
use crate::model::{bool_text, DefaultValue, EnumDef, SqlType};

/// The SQL type's name as PostgreSQL writes it, for messages.
pub const fn sql_type_name(sql_type: SqlType) -> &'static str {
    match sql_type {
        SqlType::Uuid => "UUID",
        SqlType::Varchar(_) => "VARCHAR",
        SqlType::Text => "TEXT",
        SqlType::SmallInt => "SMALLINT",
        SqlType::Integer => "INTEGER",
        SqlType::BigInt => "BIGINT",
        SqlType::Real => "REAL",
        SqlType::Double => "DOUBLE PRECISION",
        SqlType::Boolean => "BOOLEAN",
        SqlType::Bytes => "BYTEA",
        SqlType::Timestamp => "TIMESTAMP",
        SqlType::TimestampTz => "TIMESTAMPTZ",
        SqlType::Date => "DATE",
        SqlType::Json => "JSON",
        SqlType::Jsonb => "JSONB",
        SqlType::Enum(e) => e.name,
        SqlType::Numeric(_) => "NUMERIC",
        SqlType::Char(_) => "CHAR",
        SqlType::Time => "TIME",
        SqlType::TinyIntUnsigned => "TINYINT UNSIGNED",
        SqlType::SmallIntUnsigned => "SMALLINT UNSIGNED",
        SqlType::IntegerUnsigned => "INT UNSIGNED",
        SqlType::BigIntUnsigned => "BIGINT UNSIGNED",
        SqlType::Array(_) => "an array",
        SqlType::Inet => "INET",
        SqlType::Interval => "INTERVAL",
        SqlType::Custom(text) => match text.postgres {
            Some(name) => name,
            None => "a pass-through type",
        },
    }
}

/// Whether `default` can be a value of `sql_type` (a literal only; an expression is the
/// database's to judge).
pub const fn default_fits(sql_type: SqlType, default: DefaultValue) -> bool {
    // A pass-through type is the database's to judge.
    if matches!(sql_type, SqlType::Custom(_)) {
        return true;
    }
    match default {
        DefaultValue::Null | DefaultValue::Expr(_) | DefaultValue::PerDialect(_) => true,
        DefaultValue::Bool(_) => matches!(sql_type, SqlType::Boolean),
        DefaultValue::Int(_) => {
            sql_type.is_integer()
                || matches!(
                    sql_type,
                    SqlType::Real
                        | SqlType::Double
                        | SqlType::Numeric(_)
                        | SqlType::Varchar(_)
                        | SqlType::Char(_)
                        | SqlType::Text
                )
        }
        DefaultValue::Number(_) => matches!(
            sql_type,
            SqlType::Real
                | SqlType::Double
                | SqlType::Numeric(_)
                | SqlType::Varchar(_)
                | SqlType::Char(_)
                | SqlType::Text
        ),
        DefaultValue::Text(text) => text_fits(sql_type, text),
    }
}

/// A string literal `'text'` as a value of `sql_type`: what PostgreSQL would cast it to.
const fn text_fits(sql_type: SqlType, text: &str) -> bool {
    match sql_type {
        SqlType::Boolean => bool_text(text).is_some(),
        SqlType::SmallInt
        | SqlType::Integer
        | SqlType::BigInt
        | SqlType::TinyIntUnsigned
        | SqlType::SmallIntUnsigned
        | SqlType::IntegerUnsigned
        | SqlType::BigIntUnsigned => is_integer(text),
        SqlType::Real | SqlType::Double | SqlType::Numeric(_) => is_number(text),
        SqlType::Uuid => is_uuid(text),
        SqlType::Varchar(Some(max)) | SqlType::Char(max) => char_count(text) <= max,
        SqlType::Enum(e) => is_label(e, text),
        SqlType::Varchar(None)
        | SqlType::Text
        | SqlType::Bytes
        | SqlType::Timestamp
        | SqlType::TimestampTz
        | SqlType::Date
        | SqlType::Time
        | SqlType::Json
        | SqlType::Jsonb
        | SqlType::Array(_)
        | SqlType::Inet
        | SqlType::Interval
        | SqlType::Custom(_) => true,
    }
}

/// `text` is one of the enum's labels.
const fn is_label(e: &EnumDef, text: &str) -> bool {
    let mut i = 0;
    while i < e.values.len() {
        if str_eq(e.values[i], text) {
            return true;
        }
        i += 1;
    }
    false
}
