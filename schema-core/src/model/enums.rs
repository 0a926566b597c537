//! Enum types declared with `#[derive(SqlEnum)]`.

/// A named SQL enum type and its labels, in declaration order.
///
/// PostgreSQL gets a `CREATE TYPE name AS ENUM (...)`, created before and dropped after the
/// tables that use it; MySQL an inline `ENUM(...)`; SQLite `TEXT` with a `CHECK`.
#[derive(Debug, Clone, Copy, Eq)]
pub struct EnumDef {
    /// The SQL type name (`draftstatus`).
    pub name: &'static str,
    /// The Rust type that declared it, with its module path, to tell two declarations apart.
    pub rust_name: &'static str,
    /// The labels, in order.
    pub values: &'static [&'static str],
}

/// Two definitions are the same SQL type when their names and labels agree, whichever Rust
/// enum declared them (a revision's frozen copy equals the live model's).
impl PartialEq for EnumDef {
    fn eq(&self, other: &EnumDef) -> bool {
        self.name == other.name && self.values == other.values
    }
}

impl std::hash::Hash for EnumDef {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.values.hash(state);
    }
}
