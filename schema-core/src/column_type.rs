//! How Rust field types map to SQL column types.

use crate::model::SqlType;

/// A Rust type that can be stored in a column, and the SQL type it is stored as.
///
/// Implemented for the types sqlx encodes, each behind the feature that makes sqlx encode it;
/// implement it for your own types (a newtype around `String`, say) or give the field
/// `#[column(sql_type = "...")]`. `Option<T>` has `T`'s type; it makes the column NULL-able.
///
/// | Rust type | [`SqlType`] | feature |
/// |---|---|---|
/// | `uuid::Uuid` | `Uuid` | |
/// | `String` | `Varchar(None)` | |
/// | `bool` | `Boolean` | |
/// | `i16` / `i32` / `i64` | `SmallInt` / `Integer` / `BigInt` | |
/// | `u8` / `u16` / `u32` / `u64` | `TinyIntUnsigned` / `SmallIntUnsigned` / `IntegerUnsigned` / `BigIntUnsigned` | |
/// | `f32` / `f64` | `Real` / `Double` | |
/// | `Vec<u8>` | `Bytes` | |
/// | `Vec<T>`, `T` one of `i16`, `i32`, `i64`, `f32`, `f64`, `bool`, `String`, `uuid::Uuid` | `Array(&T::SQL_TYPE)` | |
/// | `chrono::NaiveDateTime` / `chrono::DateTime<chrono::Utc>` | `Timestamp` / `TimestampTz` | |
/// | `chrono::NaiveDate` / `chrono::NaiveTime` | `Date` / `Time` | |
/// | `serde_json::Value` | `Json` | |
/// | `rust_decimal::Decimal` | `Numeric(None)` | `rust_decimal` |
/// | `bigdecimal::BigDecimal` | `Numeric(None)` | `bigdecimal` |
/// | `time::PrimitiveDateTime` / `time::OffsetDateTime` | `Timestamp` / `TimestampTz` | `time` |
/// | `time::Date` / `time::Time` | `Date` / `Time` | `time` |
/// | `std::net::IpAddr` / `ipnetwork::IpNetwork` | `Inet` | `ipnetwork` |
/// | `sqlx::postgres::types::PgInterval` | `Interval` | `postgres` |
///
/// Each feature forwards sqlx's feature of the same name. How each [`SqlType`] is spelt per
/// dialect, and which dialects cannot store it (arrays, `INET`, `INTERVAL` are PostgreSQL's),
/// is in [`SqlType`]'s table.
///
/// ```
/// use schema_core::{ColumnType, SqlType};
///
/// struct Email(String);
/// impl ColumnType for Email {
///     const SQL_TYPE: SqlType = SqlType::Varchar(Some(320));
/// }
/// assert_eq!(<Vec<i64> as ColumnType>::SQL_TYPE, SqlType::Array(&SqlType::BigInt));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no SQL column type",
    label = "no SQL mapping for this field type",
    note = "implement `schema_core::ColumnType` for `{Self}`, or give the field `#[column(sql_type = \"...\")]`"
)]
pub trait ColumnType {
    /// The SQL type of a column holding this Rust type.
    const SQL_TYPE: SqlType;
}

macro_rules! column_types {
    ($($(#[$cfg:meta])* $rust:ty => $sql:expr),* $(,)?) => {
        $($(#[$cfg])* impl ColumnType for $rust {
            const SQL_TYPE: SqlType = $sql;
        })*
    };
}

column_types! {
    uuid::Uuid => SqlType::Uuid,
    String => SqlType::Varchar(None),
    bool => SqlType::Boolean,
    i16 => SqlType::SmallInt,
    i32 => SqlType::Integer,
    i64 => SqlType::BigInt,
    u8 => SqlType::TinyIntUnsigned,
    u16 => SqlType::SmallIntUnsigned,
    u32 => SqlType::IntegerUnsigned,
    u64 => SqlType::BigIntUnsigned,
    f32 => SqlType::Real,
    f64 => SqlType::Double,
    Vec<u8> => SqlType::Bytes,
    chrono::NaiveDateTime => SqlType::Timestamp,
    chrono::DateTime<chrono::Utc> => SqlType::TimestampTz,
    chrono::NaiveDate => SqlType::Date,
    chrono::NaiveTime => SqlType::Time,
    serde_json::Value => SqlType::Json,
    #[cfg(feature = "rust_decimal")]
    rust_decimal::Decimal => SqlType::Numeric(None),
    #[cfg(feature = "bigdecimal")]
    bigdecimal::BigDecimal => SqlType::Numeric(None),
    #[cfg(feature = "time")]
    time::PrimitiveDateTime => SqlType::Timestamp,
    #[cfg(feature = "time")]
    time::OffsetDateTime => SqlType::TimestampTz,
    #[cfg(feature = "time")]
    time::Date => SqlType::Date,
    #[cfg(feature = "time")]
    time::Time => SqlType::Time,
    #[cfg(feature = "ipnetwork")]
    std::net::IpAddr => SqlType::Inet,
    #[cfg(feature = "ipnetwork")]
    ipnetwork::IpNetwork => SqlType::Inet,
    #[cfg(feature = "postgres")]
    sqlx::postgres::types::PgInterval => SqlType::Interval,
}

/// One impl per element type, not `impl<T> for Vec<T>`: `Vec<u8>` is `BYTEA`, not an array.
macro_rules! array_types {
    ($($element:ty),* $(,)?) => {
        $(impl ColumnType for Vec<$element> {
            const SQL_TYPE: SqlType = SqlType::Array(&<$element as ColumnType>::SQL_TYPE);
        })*
    };
}

array_types!(i16, i32, i64, f32, f64, bool, String, uuid::Uuid);

impl<T: ColumnType> ColumnType for Option<T> {
    const SQL_TYPE: SqlType = T::SQL_TYPE;
}
