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
}

impl SqlType {
    /// The enum behind this type, if it is one.
    pub const fn as_enum(&self) -> Option<&'static EnumDef> {
        match self {
            SqlType::Enum(e) => Some(e),
            _ => None,
        }
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
    /// Any other SQL expression (`now()`, `CURRENT_TIMESTAMP`), rendered as written.
    Expr(&'static str),
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
