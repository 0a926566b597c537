//! How Rust field types map to SQL column types.

use crate::model::SqlType;

/// A Rust type that can be stored in a column, and the SQL type it is stored as.
///
/// Implemented for the types sqlx encodes on every backend; implement it for your own types
/// (a newtype around `String`, say) or give the field `#[column(sql_type = "...")]`.
/// `Option<T>` has `T`'s type; it makes the column NULL-able.
///
/// ```
/// use schema_core::{ColumnType, SqlType};
///
/// struct Email(String);
/// impl ColumnType for Email {
///     const SQL_TYPE: SqlType = SqlType::Varchar(Some(320));
/// }
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
    ($($rust:ty => $sql:expr),* $(,)?) => {
        $(impl ColumnType for $rust {
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
    f32 => SqlType::Real,
    f64 => SqlType::Double,
    Vec<u8> => SqlType::Bytes,
    chrono::NaiveDateTime => SqlType::Timestamp,
    chrono::DateTime<chrono::Utc> => SqlType::TimestampTz,
    chrono::NaiveDate => SqlType::Date,
    serde_json::Value => SqlType::Json,
}

impl<T: ColumnType> ColumnType for Option<T> {
    const SQL_TYPE: SqlType = T::SQL_TYPE;
}
