//! A live column's type read back as a model type, for `schema import`: the inverse of each
//! catalog's [`super::Catalog::type_name`], found by searching it (so the three spellings stay
//! written once, in the forward direction). Parameterised types are tried with the numbers the
//! live type carries; PostgreSQL arrays by their element; enum types by the enum types read.
//!
//! The imported types live for the rest of the process (they are `'static` model data, as the
//! derive's are): an import is a one-shot command.

use super::{catalog, LiveEnum};
use crate::model::{DialectText, EnumDef, SqlType};
use crate::Dialect;

/// The plain types, in the order a live type that several render to is read back (MySQL's
/// `datetime(6)` is a `TimestampTz`, SQLite's `TEXT` a `Text` and `BLOB` `Bytes`, PostgreSQL's
/// `smallint` a `SmallInt`).
const PLAIN: &[SqlType] = &[
    SqlType::Bytes,
    SqlType::Uuid,
    SqlType::Text,
    SqlType::Varchar(None),
    SqlType::SmallInt,
    SqlType::Integer,
    SqlType::BigInt,
    SqlType::Real,
    SqlType::Double,
    SqlType::Boolean,
    SqlType::TimestampTz,
    SqlType::Timestamp,
    SqlType::Date,
    SqlType::Time,
    SqlType::Json,
    SqlType::Jsonb,
    SqlType::Numeric(None),
    SqlType::TinyIntUnsigned,
    SqlType::SmallIntUnsigned,
    SqlType::IntegerUnsigned,
    SqlType::BigIntUnsigned,
    SqlType::Inet,
    SqlType::Interval,
];

/// The numbers in `text`, in order (`numeric(10,2)` -> 10, 2).
fn numbers(text: &str) -> Vec<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect()
}

fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn leak_str(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// How `dialect` reads back as a model type the column type `live` (in the catalog's normal
/// form), or `None` when no model type renders to it (then it is passed through as written).
pub fn model_type(dialect: Dialect, live: &str, enums: &[LiveEnum]) -> Option<SqlType> {
    let reader = catalog(dialect);
    let matches = |t: SqlType| {
        reader
            .type_name(t)
            .is_ok_and(|name| name.eq_ignore_ascii_case(live))
    };
    if let Some(e) = enums.iter().find(|e| e.name == live) {
        return Some(SqlType::Enum(enum_def(&e.name, &e.values)));
    }
    if let Some(element) = live.strip_suffix("[]") {
        let element = model_type(dialect, element, enums)?;
        return Some(SqlType::Array(leak(element)));
    }
    if let Some(values) = mysql_enum_labels(live) {
        return Some(SqlType::Enum(enum_def("", &values)));
    }
    if let Some(t) = PLAIN.iter().copied().find(|t| matches(*t)) {
        return Some(t);
    }
    let n = numbers(live);
    let sized: Vec<SqlType> = match n.as_slice() {
        [a] => vec![
            SqlType::Varchar(Some(u32::from(*a))),
            SqlType::Char(u32::from(*a)),
        ],
        [p, s] => vec![SqlType::Numeric(Some((*p, *s)))],
        _ => Vec::new(),
    };
    sized.into_iter().find(|t| matches(*t))
}

/// A pass-through type, as written (the same text on every dialect: another one may not know
/// it, and then refuses to render it, naming it).
pub fn pass_through(live: &str) -> SqlType {
    SqlType::Custom(leak(DialectText::everywhere(leak_str(live))))
}

fn enum_def(name: &str, values: &[String]) -> &'static EnumDef {
    let values: Vec<&'static str> = values.iter().map(|v| leak_str(v)).collect();
    leak(EnumDef {
        name: leak_str(name),
        rust_name: leak_str(name),
        values: Box::leak(values.into_boxed_slice()),
    })
}

/// MySQL's inline `enum('a','b')`: its labels.
fn mysql_enum_labels(live: &str) -> Option<Vec<String>> {
    let inner = live.strip_prefix("enum(")?.strip_suffix(')')?;
    let mut labels = Vec::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut label = String::new();
        while let Some(q) = chars.next() {
            if q == '\'' {
                if chars.peek() == Some(&'\'') {
                    label.push('\'');
                    chars.next();
                    continue;
                }
                break;
            }
            label.push(q);
        }
        labels.push(label);
    }
    Some(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_types_read_back_per_dialect() {
        let pg = |t: &str| model_type(Dialect::Postgres, t, &[]);
        assert_eq!(
            pg("character varying(40)"),
            Some(SqlType::Varchar(Some(40)))
        );
        assert_eq!(pg("character varying"), Some(SqlType::Varchar(None)));
        assert_eq!(pg("numeric(10,2)"), Some(SqlType::Numeric(Some((10, 2)))));
        assert_eq!(pg("character(36)"), Some(SqlType::Char(36)));
        assert_eq!(pg("smallint"), Some(SqlType::SmallInt));
        assert_eq!(pg("timestamp with time zone"), Some(SqlType::TimestampTz));
        assert_eq!(pg("text[]"), Some(SqlType::Array(&SqlType::Text)));
        assert_eq!(pg("citext"), None);
        let lite = |t: &str| model_type(Dialect::Sqlite, t, &[]);
        assert_eq!(lite("TEXT"), Some(SqlType::Text));
        assert_eq!(lite("VARCHAR(40)"), Some(SqlType::Varchar(Some(40))));
        assert_eq!(lite("BLOB"), Some(SqlType::Bytes));
        let my = |t: &str| model_type(Dialect::MySql, t, &[]);
        assert_eq!(my("int"), Some(SqlType::Integer));
        assert_eq!(my("tinyint(1)"), Some(SqlType::Boolean));
        assert_eq!(my("decimal(10,2)"), Some(SqlType::Numeric(Some((10, 2)))));
        assert_eq!(my("binary(16)"), Some(SqlType::Uuid));
        assert_eq!(my("datetime(6)"), Some(SqlType::TimestampTz));
        let Some(SqlType::Enum(e)) = my("enum('a','it''s')") else {
            panic!("a MySQL enum");
        };
        assert_eq!(e.values, ["a", "it's"]);
    }
}
