//! Text written per dialect, as `sql_type(postgres = "CITEXT", sqlite = "TEXT")` and
//! `default(postgres = "gen_random_uuid()")` give it: `schema_core::model::DialectText`.

use proc_macro2::TokenStream;
use quote::quote;

/// One text per dialect, each optional, kept as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DialectTexts {
    pub postgres: Option<String>,
    pub sqlite: Option<String>,
    pub mysql: Option<String>,
}

impl DialectTexts {
    /// The same text for every dialect (`sql_type = "CITEXT"`).
    pub fn everywhere(text: &str) -> DialectTexts {
        DialectTexts {
            postgres: Some(text.to_owned()),
            sqlite: Some(text.to_owned()),
            mysql: Some(text.to_owned()),
        }
    }

    /// The slot of the dialect key `key` (`postgres`, `sqlite` or `mysql`).
    pub fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        match key {
            "postgres" => Some(&mut self.postgres),
            "sqlite" => Some(&mut self.sqlite),
            "mysql" => Some(&mut self.mysql),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.postgres.is_none() && self.sqlite.is_none() && self.mysql.is_none()
    }

    /// `&DialectText { ... }`, or the shorter `&DialectText::everywhere("...")` when every
    /// dialect has the same text. A `const` initializer gives either reference `'static`.
    pub fn tokens(&self) -> TokenStream {
        let value = self.value_tokens();
        quote!(&#value)
    }

    /// `DialectText { ... }` or `DialectText::everywhere("...")`, by value (a CHECK's
    /// expression, a collation).
    pub fn value_tokens(&self) -> TokenStream {
        let path = quote!(::schema_core::model::DialectText);
        if let (Some(p), Some(s), Some(m)) = (&self.postgres, &self.sqlite, &self.mysql) {
            if p == s && s == m {
                return quote!(#path::everywhere(#p));
            }
        }
        let text = |t: &Option<String>| match t {
            Some(t) => quote!(::core::option::Option::Some(#t)),
            None => quote!(::core::option::Option::None),
        };
        let (postgres, sqlite, mysql) =
            (text(&self.postgres), text(&self.sqlite), text(&self.mysql));
        quote!(#path { postgres: #postgres, sqlite: #sqlite, mysql: #mysql })
    }
}
