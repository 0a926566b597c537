//! `sql_type = "..."`: the SQL type names the derive understands; any other name passes
//! through as written (`SqlType::Custom`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::dialect_text::DialectTexts;

/// A parsed `sql_type`, turned into a `schema_core::SqlType` by [`SqlTypeSpec::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqlTypeSpec {
    Uuid,
    Varchar(Option<u32>),
    Text,
    SmallInt,
    Integer,
    BigInt,
    Real,
    Double,
    Boolean,
    Bytes,
    Timestamp,
    TimestampTz,
    Date,
    Json,
    Jsonb,
    /// `NUMERIC(p, s)` / `DECIMAL(p, s)` (`NUMERIC(p)` has scale 0), or unconstrained.
    Numeric(Option<(u16, u16)>),
    Char(u32),
    Time,
    /// A name the derive does not know (`CITEXT`), or `sql_type(postgres = "...", ...)`.
    Custom(DialectTexts),
}

/// The largest `VARCHAR(n)` every dialect accepts (MySQL's row limit is 65,535 bytes).
const MAX_VARCHAR: u32 = 16_383;
/// MySQL's largest `DECIMAL` precision (PostgreSQL's is 1000).
const MAX_PRECISION: u32 = 65;
/// MySQL's largest `DECIMAL` scale.
const MAX_SCALE: u32 = 30;
/// MySQL's longest `CHAR(n)`.
const MAX_CHAR: u32 = 255;

/// A type written `base(args) rest`: `base` normalized (upper case, single spaces), the rest as
/// written.
struct Written<'a> {
    text: &'a str,
    base: String,
    args: Option<&'a str>,
    rest: &'a str,
}

impl SqlTypeSpec {
    /// Parses a type name, case-insensitively; `Err` says what is wrong.
    pub fn parse(text: &str) -> Result<SqlTypeSpec, String> {
        let written = Written::split(text)?;
        // `NUMERIC(10, 2)[]`, `CHAR(2) CHARACTER SET ascii`: not ours to read.
        if !written.rest.is_empty() {
            return Ok(SqlTypeSpec::custom(text));
        }
        let spec = match written.base.as_str() {
            "VARCHAR" | "CHARACTER VARYING" => return written.varchar(),
            "NUMERIC" | "DECIMAL" => return written.numeric(),
            "CHAR" | "CHARACTER" => return written.char(),
            "UUID" => SqlTypeSpec::Uuid,
            "TEXT" => SqlTypeSpec::Text,
            "SMALLINT" | "INT2" => SqlTypeSpec::SmallInt,
            "INTEGER" | "INT" | "INT4" => SqlTypeSpec::Integer,
            "BIGINT" | "INT8" => SqlTypeSpec::BigInt,
            "REAL" | "FLOAT4" => SqlTypeSpec::Real,
            "DOUBLE PRECISION" | "DOUBLE" | "FLOAT8" => SqlTypeSpec::Double,
            "BOOLEAN" | "BOOL" => SqlTypeSpec::Boolean,
            "BYTEA" | "BLOB" => SqlTypeSpec::Bytes,
            "TIMESTAMP" | "TIMESTAMP WITHOUT TIME ZONE" | "DATETIME" => SqlTypeSpec::Timestamp,
            "TIMESTAMPTZ" | "TIMESTAMP WITH TIME ZONE" => SqlTypeSpec::TimestampTz,
            "DATE" => SqlTypeSpec::Date,
            "TIME" | "TIME WITHOUT TIME ZONE" => SqlTypeSpec::Time,
            "JSON" => SqlTypeSpec::Json,
            "JSONB" => SqlTypeSpec::Jsonb,
            _ => return Ok(SqlTypeSpec::custom(text)),
        };
        match written.args {
            Some(_) => Err(format!(
                "unparsable SQL type `{text}`: `{}` takes no length; write `{}`",
                written.base, written.base
            )),
            None => Ok(spec),
        }
    }

    /// A name passed through as written, the same on every dialect.
    fn custom(text: &str) -> SqlTypeSpec {
        SqlTypeSpec::Custom(DialectTexts::everywhere(text.trim()))
    }

    /// What an identity column may be.
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            SqlTypeSpec::SmallInt | SqlTypeSpec::Integer | SqlTypeSpec::BigInt
        )
    }

    /// What an `on_update` column may be.
    pub fn is_timestamp(&self) -> bool {
        matches!(self, SqlTypeSpec::Timestamp | SqlTypeSpec::TimestampTz)
    }

    /// The `schema_core::SqlType` expression.
    pub fn tokens(&self) -> TokenStream {
        let variant = match self {
            SqlTypeSpec::Varchar(None) => {
                return quote!(::schema_core::SqlType::Varchar(
                    ::core::option::Option::None
                ))
            }
            SqlTypeSpec::Varchar(Some(n)) => {
                return quote!(::schema_core::SqlType::Varchar(::core::option::Option::Some(#n)))
            }
            SqlTypeSpec::Numeric(None) => {
                return quote!(::schema_core::SqlType::Numeric(
                    ::core::option::Option::None
                ))
            }
            SqlTypeSpec::Numeric(Some((p, s))) => {
                return quote!(::schema_core::SqlType::Numeric(::core::option::Option::Some((#p, #s))))
            }
            SqlTypeSpec::Char(n) => return quote!(::schema_core::SqlType::Char(#n)),
            SqlTypeSpec::Custom(texts) => {
                let texts = texts.tokens();
                return quote!(::schema_core::SqlType::Custom(#texts));
            }
            SqlTypeSpec::Uuid => quote!(Uuid),
            SqlTypeSpec::Text => quote!(Text),
            SqlTypeSpec::SmallInt => quote!(SmallInt),
            SqlTypeSpec::Integer => quote!(Integer),
            SqlTypeSpec::BigInt => quote!(BigInt),
            SqlTypeSpec::Real => quote!(Real),
            SqlTypeSpec::Double => quote!(Double),
            SqlTypeSpec::Boolean => quote!(Boolean),
            SqlTypeSpec::Bytes => quote!(Bytes),
            SqlTypeSpec::Timestamp => quote!(Timestamp),
            SqlTypeSpec::TimestampTz => quote!(TimestampTz),
            SqlTypeSpec::Date => quote!(Date),
            SqlTypeSpec::Time => quote!(Time),
            SqlTypeSpec::Json => quote!(Json),
            SqlTypeSpec::Jsonb => quote!(Jsonb),
        };
        quote!(::schema_core::SqlType::#variant)
    }
}

impl<'a> Written<'a> {
    /// `text` cut at its first parenthesized group; unbalanced parentheses and an empty
    /// type are errors, whatever the type.
    fn split(text: &'a str) -> Result<Written<'a>, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(
                "an empty `sql_type`: write an SQL type, e.g. `\"TEXT\"`, or leave the key out"
                    .into(),
            );
        }
        // The first top-level group: where it opens, and where it closes.
        let (mut depth, mut open, mut close) = (0usize, None, None);
        for (i, c) in trimmed.char_indices() {
            match c {
                '(' => {
                    open = open.or(Some(i));
                    depth += 1;
                }
                ')' => {
                    let Some(inner) = depth.checked_sub(1) else {
                        return Err(format!(
                            "unparsable SQL type `{text}`: a `)` without its `(`"
                        ));
                    };
                    depth = inner;
                    if depth == 0 {
                        close = close.or(Some(i));
                    }
                }
                _ => {}
            }
        }
        if depth > 0 {
            return Err(format!("unparsable SQL type `{text}`: missing `)`"));
        }
        let normalize = |base: &str| {
            base.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_uppercase()
        };
        Ok(match open.zip(close) {
            Some((open, close)) => Written {
                text,
                base: normalize(&trimmed[..open]),
                args: Some(&trimmed[open + 1..close]),
                rest: trimmed[close + 1..].trim(),
            },
            None => Written {
                text,
                base: normalize(trimmed),
                args: None,
                rest: "",
            },
        })
    }

    /// `arg` as a whole number, or an error naming it (`what`: "the length").
    fn number(&self, arg: &str, what: &str, syntax: &str) -> Result<u32, String> {
        arg.trim().parse().map_err(|_| {
            format!(
                "unparsable SQL type `{}`: {what} `{}` is not a whole number; write {syntax}",
                self.text,
                arg.trim()
            )
        })
    }

    /// `VARCHAR` or `VARCHAR(n)`, `1 <= n <= 16383`.
    fn varchar(&self) -> Result<SqlTypeSpec, String> {
        let text = self.text;
        let Some(args) = self.args else {
            return Ok(SqlTypeSpec::Varchar(None));
        };
        let n = self.number(args, "the length", "`VARCHAR(n)`, e.g. `VARCHAR(255)`")?;
        if n == 0 {
            return Err(format!(
                "`{text}` holds nothing: give a length of at least 1, or write `VARCHAR` for no limit"
            ));
        }
        if n > MAX_VARCHAR {
            return Err(format!(
                "`{text}` is longer than MySQL allows in a row ({MAX_VARCHAR} characters): use `TEXT`"
            ));
        }
        Ok(SqlTypeSpec::Varchar(Some(n)))
    }

    /// Rule: `NUMERIC(p, s)` fits every dialect: `1 <= p <= 65` and `s <= 30` (MySQL's limits),
    /// `s <= p`; `NUMERIC(p)` has scale 0. `sql_type = "NUMERIC(10, 20)"` is refused.
    fn numeric(&self) -> Result<SqlTypeSpec, String> {
        let (text, base) = (self.text, &self.base);
        let Some(args) = self.args else {
            return Ok(SqlTypeSpec::Numeric(None));
        };
        let syntax = format!("`{base}(p, s)`, e.g. `{base}(10, 2)`");
        let parts: Vec<&str> = args.split(',').collect();
        let (precision, scale) = match parts.as_slice() {
            [p] => (self.number(p, "the precision", &syntax)?, 0),
            [p, s] => (
                self.number(p, "the precision", &syntax)?,
                self.number(s, "the scale", &syntax)?,
            ),
            _ => {
                return Err(format!(
                    "unparsable SQL type `{text}`: `{base}` takes a precision and a scale; write {syntax}"
                ))
            }
        };
        if !(1..=MAX_PRECISION).contains(&precision) {
            return Err(format!(
                "`{text}` has a precision of {precision} digits, outside the 1 to {MAX_PRECISION} that MySQL allows (PostgreSQL allows up to 1000): give a precision in that range, or write `{base}` for any precision"
            ));
        }
        if scale > precision {
            return Err(format!(
                "`{text}` has a scale ({scale} digits after the point) larger than its precision ({precision} digits in all): give a scale of at most {precision}"
            ));
        }
        if scale > MAX_SCALE {
            return Err(format!(
                "`{text}` has a scale of {scale} digits, more than the {MAX_SCALE} that MySQL allows: give a scale of at most {MAX_SCALE}"
            ));
        }
        // Both are at most 65 here.
        let (Ok(precision), Ok(scale)) = (u16::try_from(precision), u16::try_from(scale)) else {
            return Err(format!("unparsable SQL type `{text}`"));
        };
        Ok(SqlTypeSpec::Numeric(Some((precision, scale))))
    }

    /// Rule: `CHAR(n)` has `1 <= n <= 255` (MySQL's limit); `CHAR` alone is `CHAR(1)`, as in
    /// SQL. `sql_type = "CHAR(300)"` is refused.
    fn char(&self) -> Result<SqlTypeSpec, String> {
        let text = self.text;
        let Some(args) = self.args else {
            return Ok(SqlTypeSpec::Char(1));
        };
        let n = self.number(args, "the length", "`CHAR(n)`, e.g. `CHAR(36)`")?;
        if n == 0 {
            return Err(format!(
                "`{text}` holds nothing: give a length of 1 to {MAX_CHAR}"
            ));
        }
        if n > MAX_CHAR {
            return Err(format!(
                "`{text}` is longer than MySQL's `CHAR` allows ({MAX_CHAR} characters): use `VARCHAR({n})`"
            ));
        }
        Ok(SqlTypeSpec::Char(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(text: &str) -> SqlTypeSpec {
        SqlTypeSpec::Custom(DialectTexts::everywhere(text))
    }

    #[test]
    fn parses_the_reference_types() {
        assert_eq!(SqlTypeSpec::parse("TEXT"), Ok(SqlTypeSpec::Text));
        assert_eq!(SqlTypeSpec::parse("jsonb"), Ok(SqlTypeSpec::Jsonb));
        assert_eq!(
            SqlTypeSpec::parse("VARCHAR(255)"),
            Ok(SqlTypeSpec::Varchar(Some(255)))
        );
        assert_eq!(
            SqlTypeSpec::parse("timestamp  without time zone"),
            Ok(SqlTypeSpec::Timestamp)
        );
    }

    #[test]
    fn parses_numeric_char_and_time() {
        assert_eq!(
            SqlTypeSpec::parse("NUMERIC(10, 2)"),
            Ok(SqlTypeSpec::Numeric(Some((10, 2))))
        );
        assert_eq!(
            SqlTypeSpec::parse("decimal (65,30)"),
            Ok(SqlTypeSpec::Numeric(Some((65, 30))))
        );
        assert_eq!(
            SqlTypeSpec::parse("NUMERIC(12)"),
            Ok(SqlTypeSpec::Numeric(Some((12, 0))))
        );
        assert_eq!(
            SqlTypeSpec::parse("DECIMAL"),
            Ok(SqlTypeSpec::Numeric(None))
        );
        assert_eq!(SqlTypeSpec::parse("CHAR(36)"), Ok(SqlTypeSpec::Char(36)));
        assert_eq!(SqlTypeSpec::parse("character(2)"), Ok(SqlTypeSpec::Char(2)));
        assert_eq!(SqlTypeSpec::parse("CHAR"), Ok(SqlTypeSpec::Char(1)));
        assert_eq!(SqlTypeSpec::parse("TIME"), Ok(SqlTypeSpec::Time));
    }

    #[test]
    fn passes_other_names_through_as_written() {
        assert_eq!(SqlTypeSpec::parse(" citext "), Ok(custom("citext")));
        assert_eq!(
            SqlTypeSpec::parse("geometry(Point, 4326)"),
            Ok(custom("geometry(Point, 4326)"))
        );
        assert_eq!(
            SqlTypeSpec::parse("NUMERIC(10, 2)[]"),
            Ok(custom("NUMERIC(10, 2)[]"))
        );
        assert_eq!(SqlTypeSpec::parse("STRANG"), Ok(custom("STRANG")));
    }

    #[test]
    fn refuses_nonsense() {
        assert!(SqlTypeSpec::parse("VARCHAR(0)").is_err());
        assert!(SqlTypeSpec::parse("VARCHAR(abc)").is_err());
        assert!(SqlTypeSpec::parse("VARCHAR(12").is_err());
        assert!(SqlTypeSpec::parse("TEXT(5)").is_err());
        assert!(SqlTypeSpec::parse("CITEXT)").is_err());
        assert!(SqlTypeSpec::parse("GEOMETRY((Point)").is_err());
        assert!(SqlTypeSpec::parse("  ").is_err());
    }

    #[test]
    fn refuses_numerics_and_chars_a_dialect_cannot_hold() {
        for bad in [
            "NUMERIC(0)",
            "NUMERIC(66, 2)",
            "NUMERIC(10, 20)",
            "DECIMAL(40, 31)",
            "NUMERIC(ten, 2)",
            "NUMERIC(1, 2, 3)",
            "NUMERIC()",
            "CHAR(0)",
            "CHAR(256)",
            "CHAR(x)",
        ] {
            assert!(SqlTypeSpec::parse(bad).is_err(), "{bad}");
        }
        assert!(SqlTypeSpec::parse("NUMERIC(65, 30)").is_ok());
        assert!(SqlTypeSpec::parse("CHAR(255)").is_ok());
    }
}
