//! Column types and server defaults, independent of any dialect.

use super::EnumDef;

/// A column's SQL type, named once and rendered per dialect by [`crate::Dialect`].
///
/// | variant | PostgreSQL | SQLite | MySQL/MariaDB |
/// |---|---|---|---|
/// | `Uuid` | `UUID` | `BLOB` | `BINARY(16)` |
/// | `Varchar(None)` | `VARCHAR` | `VARCHAR` | `VARCHAR(255)` |
/// | `Varchar(Some(n))` | `VARCHAR(n)` | `VARCHAR(n)` | `VARCHAR(n)` |
/// | `Text` | `TEXT` | `TEXT` | `TEXT` |
/// | `SmallInt` / `Integer` / `BigInt` | `SMALLINT` / `INTEGER` / `BIGINT` | same | `SMALLINT` / `INT` / `BIGINT` |
/// | `Real` / `Double` | `REAL` / `DOUBLE PRECISION` | `REAL` / `DOUBLE` | `FLOAT` / `DOUBLE` |
/// | `Boolean` | `BOOLEAN` | `BOOLEAN` | `BOOLEAN` |
/// | `Bytes` | `BYTEA` | `BLOB` | `LONGBLOB` |
/// | `Timestamp` | `TIMESTAMP WITHOUT TIME ZONE` | `TIMESTAMP` | `DATETIME(6)` |
/// | `TimestampTz` | `TIMESTAMP WITH TIME ZONE` | `TIMESTAMPTZ` | `DATETIME(6)` |
/// | `Date` | `DATE` | `DATE` | `DATE` |
/// | `Json` / `Jsonb` | `JSON` / `JSONB` | `TEXT` | `JSON` |
/// | `Enum(e)` | the type `e.name` | `TEXT` with a `CHECK` | `ENUM(...)` |
/// | `Numeric(None)` / `Numeric(Some((p, s)))` | `NUMERIC` / `NUMERIC(p, s)` | same | `DECIMAL(65, 30)` / `DECIMAL(p, s)` |
/// | `Char(n)` | `CHAR(n)` | `CHAR(n)` | `CHAR(n)` |
/// | `Time` | `TIME` | `TIME` | `TIME(6)` |
/// | `TinyIntUnsigned` / `SmallIntUnsigned` | `SMALLINT` / `INTEGER` | `INTEGER` | `TINYINT UNSIGNED` / `SMALLINT UNSIGNED` |
/// | `IntegerUnsigned` / `BigIntUnsigned` | `BIGINT` / `NUMERIC(20, 0)` | `INTEGER` | `INT UNSIGNED` / `BIGINT UNSIGNED` |
/// | `Array(t)` | `t[]` | — | — |
/// | `Inet` / `Interval` | `INET` / `INTERVAL` | — | — |
/// | `Custom(text)` | as written for each dialect (— where it has no variant) | | |
///
/// A type a dialect cannot store (—) is a render error naming the table, the column and the
/// dialect, never other SQL. PostgreSQL and SQLite have no unsigned integers: each unsigned type
/// is stored in one that holds its whole range.
///
/// Each mapping follows how sqlx encodes the matching Rust type on that backend (a `Uuid` is
/// 16 bytes on SQLite and MySQL, JSON is text on SQLite), so rows round-trip through sqlx.
/// MySQL cannot index a `VARCHAR` without a length, hence `VARCHAR(255)` there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SqlType {
    /// A UUID.
    Uuid,
    /// Variable-length text, with an optional maximum length.
    Varchar(Option<u32>),
    /// Unbounded text (not indexable on MySQL).
    Text,
    /// 16-bit integer.
    SmallInt,
    /// 32-bit integer.
    Integer,
    /// 64-bit integer.
    BigInt,
    /// 32-bit float.
    Real,
    /// 64-bit float.
    Double,
    /// Boolean.
    Boolean,
    /// Binary data.
    Bytes,
    /// Date and time without a time zone.
    Timestamp,
    /// Date and time in UTC.
    TimestampTz,
    /// A calendar date.
    Date,
    /// JSON stored as text (PostgreSQL `JSON`).
    Json,
    /// Binary JSON (PostgreSQL `JSONB`; JSON elsewhere).
    Jsonb,
    /// A named enum type (see [`EnumDef`]).
    Enum(&'static EnumDef),
    /// Exact decimal: `NUMERIC(precision, scale)`, or unconstrained (`None`).
    Numeric(Option<(u16, u16)>),
    /// Fixed-length text, `CHAR(n)`.
    Char(u32),
    /// A time of day.
    Time,
    /// 8-bit unsigned integer (MySQL `TINYINT UNSIGNED`).
    TinyIntUnsigned,
    /// 16-bit unsigned integer (MySQL `SMALLINT UNSIGNED`).
    SmallIntUnsigned,
    /// 32-bit unsigned integer (MySQL `INT UNSIGNED`).
    IntegerUnsigned,
    /// 64-bit unsigned integer (MySQL `BIGINT UNSIGNED`).
    BigIntUnsigned,
    /// An array of another type (PostgreSQL).
    Array(&'static SqlType),
    /// An IP address or network (PostgreSQL `INET`).
    Inet,
    /// A time span (PostgreSQL `INTERVAL`).
    Interval,
    /// A type named as written, per dialect (`CITEXT`, `TSVECTOR`, a domain, an extension's
    /// type): passed through unchecked.
    Custom(&'static DialectText),
}

/// One text per dialect, each optional: a pass-through type or default, written per database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DialectText {
    /// For PostgreSQL.
    pub postgres: Option<&'static str>,
    /// For SQLite.
    pub sqlite: Option<&'static str>,
    /// For MySQL/MariaDB.
    pub mysql: Option<&'static str>,
}

impl DialectText {
    /// The same text on every dialect.
    pub const fn everywhere(text: &'static str) -> DialectText {
        DialectText {
            postgres: Some(text),
            sqlite: Some(text),
            mysql: Some(text),
        }
    }
}

impl SqlType {
    /// Whether this is an integer or float type that `to` holds every value of (`SMALLINT`
    /// to `BIGINT`, `REAL` to `DOUBLE`).
    pub const fn widens_number_to(&self, to: SqlType) -> bool {
        use SqlType::*;
        matches!(
            (self, to),
            (SmallInt, Integer | BigInt)
                | (Integer, BigInt)
                | (
                    TinyIntUnsigned,
                    SmallIntUnsigned | IntegerUnsigned | BigIntUnsigned
                )
                | (SmallIntUnsigned, IntegerUnsigned | BigIntUnsigned)
                | (IntegerUnsigned, BigIntUnsigned)
                | (TinyIntUnsigned, SmallInt | Integer | BigInt)
                | (SmallIntUnsigned, Integer | BigInt)
                | (IntegerUnsigned, BigInt)
                | (Real, Double)
        )
    }

    /// The enum behind this type, if it is one.
    pub const fn as_enum(&self) -> Option<&'static EnumDef> {
        match self {
            SqlType::Enum(e) => Some(e),
            _ => None,
        }
    }

    /// Whether it is an integer type (what an identity column may be).
    pub const fn is_integer(&self) -> bool {
        matches!(
            self,
            SqlType::SmallInt
                | SqlType::Integer
                | SqlType::BigInt
                | SqlType::TinyIntUnsigned
                | SqlType::SmallIntUnsigned
                | SqlType::IntegerUnsigned
                | SqlType::BigIntUnsigned
        )
    }
}

/// A server default (`DEFAULT ...`), parsed by the derive from `#[column(default = "...")]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DefaultValue {
    /// `NULL`.
    Null,
    /// `true` / `false` (also written `'true'` / `'false'`): rendered as each dialect spells it.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A decimal literal, kept as written.
    Number(&'static str),
    /// A quoted string literal, without its quotes (`'[]'` is `Text("[]")`).
    Text(&'static str),
    /// Any other SQL expression, rendered as written, except the common functions each dialect
    /// spells its own way: `now()` and `CURRENT_TIMESTAMP` (SQLite `CURRENT_TIMESTAMP`, MySQL
    /// `CURRENT_TIMESTAMP(6)` on its `DATETIME(6)`), `CURRENT_DATE`, `CURRENT_TIME`, and
    /// `gen_random_uuid()` (PostgreSQL's; a render error where there is no equivalent).
    Expr(&'static str),
    /// An expression written per dialect; a dialect without one is a render error.
    PerDialect(&'static DialectText),
}

/// How the database generates a column's value on insert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Identity {
    /// Which form.
    pub kind: IdentityKind,
    /// SQLite `AUTOINCREMENT`: values are never reused, even after the largest row is deleted
    /// (the other dialects never reuse them anyway).
    pub autoincrement: bool,
}

/// The forms of a generated key.
///
/// | kind | PostgreSQL | SQLite | MySQL/MariaDB |
/// |---|---|---|---|
/// | `ByDefault` | `GENERATED BY DEFAULT AS IDENTITY` | `INTEGER PRIMARY KEY` (the rowid) | `AUTO_INCREMENT` |
/// | `Always` | `GENERATED ALWAYS AS IDENTITY` | same | same |
/// | `Serial` | `SERIAL` / `BIGSERIAL` / `SMALLSERIAL` (a sequence default) | same | same |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentityKind {
    /// Generated unless the insert gives a value.
    ByDefault,
    /// Always generated: PostgreSQL refuses an insert that gives one.
    Always,
    /// The older sequence-default form that PostgreSQL tools and schemas create.
    Serial,
}

/// MySQL's `ON UPDATE` clause of a column: the value it takes when its row is updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OnUpdate {
    /// The value (`CURRENT_TIMESTAMP`).
    pub value: DefaultValue,
    /// The other dialects emulate it by other means (a trigger in a raw step, the application):
    /// they render nothing instead of refusing the column.
    pub emulated: bool,
}

/// How PostgreSQL reads a boolean written as a string literal (`'yes'`, `'off'`, `'1'`, in
/// any case): the derive accepts these as defaults of a `BOOLEAN` column, and each dialect
/// renders such a default as its own boolean.
///
/// ```
/// use schema_core::model::bool_text;
/// assert_eq!(bool_text("Yes"), Some(true));
/// assert_eq!(bool_text("f"), Some(false));
/// assert_eq!(bool_text("maybe"), None);
/// ```
pub const fn bool_text(text: &str) -> Option<bool> {
    const TRUE: [&str; 5] = ["true", "t", "yes", "on", "1"];
    const FALSE: [&str; 5] = ["false", "f", "no", "off", "0"];
    let mut i = 0;
    while i < TRUE.len() {
        if eq_ignore_case(text, TRUE[i]) {
            return Some(true);
        }
        if eq_ignore_case(text, FALSE[i]) {
            return Some(false);
        }
        i += 1;
    }
    None
}

/// `a == b` ignoring ASCII case, in a const context (`str::eq_ignore_ascii_case` is not
/// `const` on the minimum supported Rust).
const fn eq_ignore_case(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}
