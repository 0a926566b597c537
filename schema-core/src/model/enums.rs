//! Enum types declared with `#[derive(SqlEnum)]`.

/// A named SQL enum type and its labels, in declaration order.
///
/// PostgreSQL gets a `CREATE TYPE name AS ENUM (...)`, created before and dropped after the
/// tables that use it; MySQL an inline `ENUM(...)`; SQLite `TEXT` with a `CHECK`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnumDef {
    /// The SQL type name (`draftstatus`).
    pub name: &'static str,
    /// The Rust type that declared it, with its module path, to tell two declarations apart.
    pub rust_name: &'static str,
    /// The labels, in order.
    pub values: &'static [&'static str],
}
