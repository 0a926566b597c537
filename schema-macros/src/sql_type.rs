//! `sql_type = "..."`: the SQL type names the derive understands.

use proc_macro2::TokenStream;
use quote::quote;

/// A parsed `sql_type`, turned into a `schema_core::SqlType` by [`SqlTypeSpec::tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// The names accepted, for the error message.
const KNOWN: &str = "UUID, VARCHAR, VARCHAR(n), TEXT, SMALLINT, INTEGER, BIGINT, REAL, \
     DOUBLE PRECISION, BOOLEAN, BYTEA, BLOB, TIMESTAMP, TIMESTAMPTZ, DATE, JSON, JSONB";

/// The largest `VARCHAR(n)` every dialect accepts (MySQL's row limit is 65,535 bytes).
const MAX_VARCHAR: u32 = 16_383;

impl SqlTypeSpec {
    /// Parses a type name, case-insensitively; `Err` says what is wrong.
    pub fn parse(text: &str) -> Result<SqlTypeSpec, String> {
        let normalized = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_uppercase();
        let (base, length) = match normalized.split_once('(') {
            Some((base, rest)) => {
                let Some(inner) = rest.strip_suffix(')') else {
                    return Err(format!("unparsable SQL type `{text}`: missing `)`"));
                };
                let length: u32 = inner.trim().parse().map_err(|_| {
                    let written = text
                        .split_once('(')
                        .map_or(inner, |(_, rest)| rest.trim_end_matches(')'));
                    format!(
                        "unparsable SQL type `{text}`: the length `{}` is not a whole number; write `VARCHAR(n)`, e.g. `VARCHAR(255)`",
                        written.trim()
                    )
                })?;
                (base.trim().to_owned(), Some(length))
            }
            None => (normalized.clone(), None),
        };
        let spec = match base.as_str() {
            "VARCHAR" | "CHARACTER VARYING" => {
                if let Some(n) = length {
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
                }
                return Ok(SqlTypeSpec::Varchar(length));
            }
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
            "JSON" => SqlTypeSpec::Json,
            "JSONB" => SqlTypeSpec::Jsonb,
            _ => return Err(format!("unknown SQL type `{text}`; known types: {KNOWN}")),
        };
        match length {
            Some(_) => Err(format!(
                "unparsable SQL type `{text}`: `{base}` takes no length; write `{base}`"
            )),
            None => Ok(spec),
        }
    }

    /// The `schema_core::SqlType` expression.
    pub fn tokens(self) -> TokenStream {
        let variant = match self {
            SqlTypeSpec::Varchar(None) => {
                return quote!(::schema_core::SqlType::Varchar(
                    ::core::option::Option::None
                ))
            }
            SqlTypeSpec::Varchar(Some(n)) => {
                return quote!(::schema_core::SqlType::Varchar(::core::option::Option::Some(#n)))
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
            SqlTypeSpec::Json => quote!(Json),
            SqlTypeSpec::Jsonb => quote!(Jsonb),
        };
        quote!(::schema_core::SqlType::#variant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn refuses_nonsense() {
        assert!(SqlTypeSpec::parse("VARCHAR(0)").is_err());
        assert!(SqlTypeSpec::parse("VARCHAR(abc)").is_err());
        assert!(SqlTypeSpec::parse("VARCHAR(12").is_err());
        assert!(SqlTypeSpec::parse("TEXT(5)").is_err());
        assert!(SqlTypeSpec::parse("STRANG").is_err());
    }
}
