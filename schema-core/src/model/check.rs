//! CHECK constraints.

use super::DialectText;

/// A named CHECK constraint (`#[check(name = "...", expr = "...")]`).
///
/// The expression is SQL, written once or once per dialect; a dialect without a variant
/// cannot create the table (a render error naming table, constraint and dialect).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CheckDef {
    /// Constraint name (required: the catalogs name unnamed checks each their own way).
    pub name: &'static str,
    /// The boolean expression, per dialect.
    pub expr: DialectText,
}

impl CheckDef {
    /// The same expression on every dialect.
    pub const fn new(name: &'static str, expr: &'static str) -> CheckDef {
        CheckDef {
            name,
            expr: DialectText::everywhere(expr),
        }
    }
}
