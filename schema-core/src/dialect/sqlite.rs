//! SQLite: declared types chosen for the affinity sqlx's encoding needs (JSON is `TEXT`, so a
//! JSON number is not coerced to an integer; a `Uuid` is 16 bytes, a `BLOB`).

use crate::model::SqlType;
use crate::Dialect;

pub(super) fn column_type(sql_type: SqlType) -> String {
    match sql_type {
        SqlType::Uuid | SqlType::Bytes => "BLOB".into(),
        SqlType::Varchar(None) => "VARCHAR".into(),
        SqlType::Varchar(Some(n)) => format!("VARCHAR({n})"),
        SqlType::Text | SqlType::Json | SqlType::Jsonb => "TEXT".into(),
        SqlType::SmallInt => "SMALLINT".into(),
        SqlType::Integer => "INTEGER".into(),
        SqlType::BigInt => "BIGINT".into(),
        SqlType::Real => "REAL".into(),
        SqlType::Double => "DOUBLE".into(),
        SqlType::Boolean => "BOOLEAN".into(),
        SqlType::Timestamp => "TIMESTAMP".into(),
        SqlType::TimestampTz => "TIMESTAMPTZ".into(),
        SqlType::Date => "DATE".into(),
        SqlType::Enum(_) => "TEXT".into(),
    }
}

/// An enum column is `TEXT` limited to its labels.
pub(super) fn column_check(dialect: Dialect, sql_type: SqlType, column: &str) -> Option<String> {
    let e = sql_type.as_enum()?;
    let values: Vec<String> = e.values.iter().map(|v| dialect.string_literal(v)).collect();
    Some(format!(
        "CHECK ({} IN ({}))",
        dialect.quote(column),
        values.join(", ")
    ))
}
