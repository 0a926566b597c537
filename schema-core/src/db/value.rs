//! Values bound to a statement or read from a row without naming the backend: what the
//! version table, the test helpers and an application's ad-hoc queries need.

use sqlx::{ColumnIndex, Database, Decode, Encode, Row, Type};

/// One bound or read value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer (any width when read).
    Int(i64),
    /// A float.
    Float(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Bytes(Vec<u8>),
    /// A UUID (bound as each backend stores one: `UUID`, or 16 bytes).
    Uuid(uuid::Uuid),
}

impl Value {
    /// The text, if this is text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if this is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

macro_rules! value_from {
    ($($t:ty => $variant:ident),* $(,)?) => {
        $(impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::$variant(v.into())
            }
        })*
    };
}

value_from! {
    bool => Bool,
    i64 => Int,
    i32 => Int,
    f64 => Float,
    String => Text,
    &str => Text,
    Vec<u8> => Bytes,
    uuid::Uuid => Uuid,
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

type Query<'q, DB> = sqlx::query::Query<'q, DB, <DB as Database>::Arguments<'q>>;

/// `query` with `values` bound in order.
pub(crate) fn bind<'q, DB>(mut query: Query<'q, DB>, values: &'q [Value]) -> Query<'q, DB>
where
    DB: Database,
    bool: Encode<'q, DB> + Type<DB>,
    i64: Encode<'q, DB> + Type<DB>,
    f64: Encode<'q, DB> + Type<DB>,
    &'q str: Encode<'q, DB> + Type<DB>,
    &'q [u8]: Encode<'q, DB> + Type<DB>,
    uuid::Uuid: Encode<'q, DB> + Type<DB>,
    Option<&'q str>: Encode<'q, DB> + Type<DB>,
{
    for value in values {
        query = match value {
            Value::Null => query.bind(None::<&str>),
            Value::Bool(b) => query.bind(*b),
            Value::Int(i) => query.bind(*i),
            Value::Float(f) => query.bind(*f),
            Value::Text(s) => query.bind(s.as_str()),
            Value::Bytes(b) => query.bind(b.as_slice()),
            Value::Uuid(u) => query.bind(*u),
        };
    }
    query
}

/// One value of column `i`, as the first Rust type the column decodes to.
fn decode<R>(row: &R, i: usize) -> Result<Value, sqlx::Error>
where
    R: Row,
    usize: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> i32: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> i16: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> f64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Vec<u8>: Decode<'r, R::Database> + Type<R::Database>,
{
    macro_rules! first {
        ($($t:ty => $wrap:expr),*) => {
            $(if let Ok(v) = row.try_get::<Option<$t>, _>(i) {
                return Ok(v.map_or(Value::Null, $wrap));
            })*
        };
    }
    first!(
        i64 => Value::Int,
        i32 => |v| Value::Int(v.into()),
        i16 => |v| Value::Int(v.into()),
        bool => Value::Bool,
        f64 => Value::Float,
        String => Value::Text,
        Vec<u8> => Value::Bytes
    );
    // None fits: the error of the most general one, naming the column and its type.
    row.try_get::<Option<String>, _>(i).map(|_| Value::Null)
}

/// Every column of `row`.
pub(crate) fn decode_row<R>(row: &R) -> Result<Vec<Value>, sqlx::Error>
where
    R: Row,
    usize: ColumnIndex<R>,
    for<'r> i64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> i32: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> i16: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> f64: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Vec<u8>: Decode<'r, R::Database> + Type<R::Database>,
{
    (0..row.len()).map(|i| decode(row, i)).collect()
}

/// Every column of `row` as text (or NULL).
pub(crate) fn text_row<R>(row: &R) -> Result<Vec<Option<String>>, sqlx::Error>
where
    R: Row,
    usize: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
{
    (0..row.len())
        .map(|i| row.try_get::<Option<String>, _>(i))
        .collect()
}
