//! `default = "..."`: a server default, classified so each dialect can spell it; or
//! `default(postgres = "...", ...)`, written per dialect.

use proc_macro2::TokenStream;
use quote::quote;

use crate::dialect_text::DialectTexts;

/// A parsed server default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultSpec {
    Null,
    Bool(bool),
    Int(i64),
    Number(String),
    Text(String),
    Expr(String),
    /// `default(postgres = "...", sqlite = "...")`: each as written, only those given.
    PerDialect(DialectTexts),
}

impl DefaultSpec {
    /// Classifies an SQL default expression; `Err` for a string literal left open or empty input.
    pub fn parse(text: &str) -> Result<DefaultSpec, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(
                "an empty `default`: write an SQL expression, e.g. `\"false\"` or `\"'[]'\"`"
                    .into(),
            );
        }
        if trimmed.eq_ignore_ascii_case("null") {
            return Ok(DefaultSpec::Null);
        }
        if trimmed.eq_ignore_ascii_case("true") || trimmed.eq_ignore_ascii_case("false") {
            return Ok(DefaultSpec::Bool(trimmed.eq_ignore_ascii_case("true")));
        }
        if let Ok(i) = trimmed.parse::<i64>() {
            return Ok(DefaultSpec::Int(i));
        }
        if trimmed.parse::<f64>().is_ok()
            && trimmed
                .chars()
                .all(|c| c.is_ascii_digit() || "+-.".contains(c))
        {
            return Ok(DefaultSpec::Number(trimmed.to_owned()));
        }
        if let Some(rest) = trimmed.strip_prefix('\'') {
            return string_literal(rest)
                .map(DefaultSpec::Text)
                .ok_or_else(|| format!("`{trimmed}` is not one string literal: close it with `'` and double any `'` inside"));
        }
        Ok(DefaultSpec::Expr(trimmed.to_owned()))
    }

    /// The `schema_core::DefaultValue` expression.
    pub fn tokens(&self) -> TokenStream {
        match self {
            DefaultSpec::Null => quote!(::schema_core::DefaultValue::Null),
            DefaultSpec::Bool(b) => quote!(::schema_core::DefaultValue::Bool(#b)),
            DefaultSpec::Int(i) => quote!(::schema_core::DefaultValue::Int(#i)),
            DefaultSpec::Number(n) => quote!(::schema_core::DefaultValue::Number(#n)),
            DefaultSpec::Text(t) => quote!(::schema_core::DefaultValue::Text(#t)),
            DefaultSpec::Expr(e) => quote!(::schema_core::DefaultValue::Expr(#e)),
            DefaultSpec::PerDialect(texts) => {
                let texts = texts.tokens();
                quote!(::schema_core::DefaultValue::PerDialect(#texts))
            }
        }
    }
}

/// The text of a literal whose opening quote was stripped, if `rest` closes it exactly at its end.
fn string_literal(rest: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            if chars.peek() == Some(&'\'') {
                chars.next();
                out.push('\'');
            } else {
                return chars.next().is_none().then_some(out);
            }
        } else {
            out.push(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_literals() {
        assert_eq!(DefaultSpec::parse("false"), Ok(DefaultSpec::Bool(false)));
        assert_eq!(
            DefaultSpec::parse("'[]'"),
            Ok(DefaultSpec::Text("[]".into()))
        );
        assert_eq!(
            DefaultSpec::parse("'it''s'"),
            Ok(DefaultSpec::Text("it's".into()))
        );
        assert_eq!(DefaultSpec::parse("-4"), Ok(DefaultSpec::Int(-4)));
        assert_eq!(
            DefaultSpec::parse("1.5"),
            Ok(DefaultSpec::Number("1.5".into()))
        );
        assert_eq!(
            DefaultSpec::parse("now()"),
            Ok(DefaultSpec::Expr("now()".into()))
        );
    }

    #[test]
    fn refuses_open_literals() {
        assert!(DefaultSpec::parse("'abc").is_err());
        assert!(DefaultSpec::parse("'a' || 'b'").is_err());
        assert!(DefaultSpec::parse("  ").is_err());
    }
}
