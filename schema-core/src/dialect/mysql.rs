//! MySQL and MariaDB: `VARCHAR` needs a length to be indexable (255 utf8mb4 characters keeps
//! a three-column unique key under InnoDB's 3072-byte limit); a `Uuid` is `BINARY(16)` as
//! sqlx encodes it; both timestamp kinds are `DATETIME(6)` (a `TIMESTAMP` column would get
//! MariaDB's implicit `ON UPDATE CURRENT_TIMESTAMP` and end in 2038). Tables take the server's
//! default utf8mb4 collation, which ignores case: a binary collation would match PostgreSQL but
//! makes sqlx read every text column as bytes.

use crate::model::SqlType;
use crate::Dialect;

/// The length given to a `String` column without one.
pub const DEFAULT_VARCHAR_LENGTH: u32 = 255;

pub(super) fn column_type(dialect: Dialect, sql_type: SqlType) -> String {
    match sql_type {
        SqlType::Uuid => "BINARY(16)".into(),
        SqlType::Varchar(n) => format!("VARCHAR({})", n.unwrap_or(DEFAULT_VARCHAR_LENGTH)),
        SqlType::Text => "TEXT".into(),
        SqlType::SmallInt => "SMALLINT".into(),
        SqlType::Integer => "INT".into(),
        SqlType::BigInt => "BIGINT".into(),
        SqlType::Real => "FLOAT".into(),
        SqlType::Double => "DOUBLE".into(),
        SqlType::Boolean => "BOOLEAN".into(),
        SqlType::Bytes => "LONGBLOB".into(),
        SqlType::Timestamp | SqlType::TimestampTz => "DATETIME(6)".into(),
        SqlType::Date => "DATE".into(),
        SqlType::Json | SqlType::Jsonb => "JSON".into(),
        SqlType::Enum(e) => {
            let values: Vec<String> = e.values.iter().map(|v| dialect.string_literal(v)).collect();
            format!("ENUM({})", values.join(", "))
        }
    }
}
