//! Server defaults, per dialect. Literals are spelled by each dialect's quoting; the common
//! functions (`now()`, `CURRENT_TIMESTAMP`, `CURRENT_DATE`, `CURRENT_TIME`, `gen_random_uuid()`)
//! by what each database calls them; any other expression passes through as written (MySQL
//! wraps it in the parentheses it needs), and a per-dialect default is taken as written.

use super::{Dialect, RenderErrorKind};
use crate::model::{bool_text, DefaultValue, SqlType};

/// A function default every database has under some name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    /// The current date and time: `now()`, `CURRENT_TIMESTAMP`, `CURRENT_TIMESTAMP(6)`.
    Now,
    /// `CURRENT_DATE`.
    CurrentDate,
    /// `CURRENT_TIME`.
    CurrentTime,
    /// A random UUID: PostgreSQL's `gen_random_uuid()`.
    RandomUuid,
}

/// The function an expression default is, if it is one of the common ones.
pub(crate) fn function(expr: &str) -> Option<Function> {
    let e: String = expr
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let precision = |name: &str| {
        e.strip_prefix(name).is_some_and(|rest| {
            rest.is_empty()
                || rest
                    .strip_prefix('(')
                    .and_then(|r| r.strip_suffix(')'))
                    .is_some_and(|digits| digits.chars().all(|c| c.is_ascii_digit()))
        })
    };
    if e == "now()" || precision("current_timestamp") {
        Some(Function::Now)
    } else if e == "current_date" || e == "current_date()" {
        Some(Function::CurrentDate)
    } else if precision("current_time") {
        Some(Function::CurrentTime)
    } else if e == "gen_random_uuid()" {
        Some(Function::RandomUuid)
    } else {
        None
    }
}

impl Dialect {
    /// A server default, as this dialect writes it for a column of `sql_type`; an error says
    /// why this dialect cannot have it (no UUID function, no variant for it).
    pub fn default_value(
        self,
        value: DefaultValue,
        sql_type: SqlType,
    ) -> Result<String, RenderErrorKind> {
        // `'false'` on a boolean is a boolean: SQLite and MySQL would store the text.
        let value = match (value, sql_type) {
            (DefaultValue::Text(text), SqlType::Boolean) => {
                bool_text(text).map_or(value, DefaultValue::Bool)
            }
            _ => value,
        };
        let d = self.sql();
        Ok(match value {
            DefaultValue::Null => "NULL".to_owned(),
            DefaultValue::Bool(b) => d.bool_literal(b).to_owned(),
            DefaultValue::Int(i) => i.to_string(),
            DefaultValue::Number(n) => n.to_owned(),
            DefaultValue::Text(t) => d.text_default(self.string_literal(t), sql_type),
            DefaultValue::Expr(e) => match function(e) {
                Some(f) => d.function_default(f, e, sql_type)?,
                None => d.expression_default(e),
            },
            DefaultValue::PerDialect(text) => match text.for_dialect(self) {
                Some(e) => e.to_owned(),
                None => {
                    return Err(RenderErrorKind::Unsupported(format!(
                        "the default has no {} variant: add `{} = \"...\"` to its `default(...)`",
                        self.name(),
                        self.name()
                    )))
                }
            },
        })
    }
}

/// The error for `gen_random_uuid()` where there is no such function.
pub(super) fn no_uuid_function(dialect: Dialect, written: &str) -> RenderErrorKind {
    RenderErrorKind::Unsupported(format!(
        "`{written}` is PostgreSQL's and {} has no equivalent: write the default per dialect, \
         `default(postgres = \"gen_random_uuid()\", {} = \"...\")`, or generate the id in the application",
        dialect.name(),
        dialect.name()
    ))
}

/// `expr` in parentheses, unless it already is in one pair.
pub(super) fn parenthesized(expr: &str) -> String {
    let e = expr.trim();
    if is_parenthesized(e) {
        e.to_owned()
    } else {
        format!("({e})")
    }
}

/// Whether `expr` is one pair of parentheses around the rest (`(a + b)`, not `(a) + (b)`).
pub(crate) fn is_parenthesized(expr: &str) -> bool {
    let e = expr.trim();
    if !(e.starts_with('(') && e.ends_with(')')) {
        return false;
    }
    let mut depth = 0;
    for (i, c) in e.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return i == e.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}
