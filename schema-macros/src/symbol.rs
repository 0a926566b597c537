//! Attribute and key names, so parsing reads `if meta.path == NAME`.

use std::fmt::{self, Display};

use syn::{Ident, Path};

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct Symbol(pub &'static str);

pub const TABLE: Symbol = Symbol("table");
pub const COLUMN: Symbol = Symbol("column");
pub const INDEX: Symbol = Symbol("index");
pub const UNIQUE: Symbol = Symbol("unique");
pub const FOREIGN_KEY: Symbol = Symbol("foreign_key");
pub const SQL_ENUM: Symbol = Symbol("sql_enum");
pub const CHECK: Symbol = Symbol("check");
pub const DOC: Symbol = Symbol("doc");

pub const NAME: Symbol = Symbol("name");
pub const PRIMARY_KEY: Symbol = Symbol("primary_key");
pub const SQL_TYPE: Symbol = Symbol("sql_type");
pub const DEFAULT: Symbol = Symbol("default");
pub const COLUMNS: Symbol = Symbol("columns");
pub const REFERENCES: Symbol = Symbol("references");
pub const ON_DELETE: Symbol = Symbol("on_delete");
pub const ON_UPDATE: Symbol = Symbol("on_update");
pub const RENAME: Symbol = Symbol("rename");
pub const PRIMARY_KEY_NAME: Symbol = Symbol("primary_key_name");
pub const IDENTITY: Symbol = Symbol("identity");
pub const AUTOINCREMENT: Symbol = Symbol("autoincrement");
pub const ON_UPDATE_EMULATED: Symbol = Symbol("on_update_emulated");
pub const SCHEMA: Symbol = Symbol("schema");
pub const EXTERNAL: Symbol = Symbol("external");
pub const NO_PRIMARY_KEY: Symbol = Symbol("no_primary_key");
pub const NO_COMMENTS: Symbol = Symbol("no_comments");
pub const COLLATION: Symbol = Symbol("collation");
pub const EXPR: Symbol = Symbol("expr");
pub const DESC: Symbol = Symbol("desc");
pub const INCLUDE: Symbol = Symbol("include");
/// `where = "..."` (a Rust keyword: syn reads attribute keys with `Ident::parse_any`).
pub const WHERE: Symbol = Symbol("where");
pub const METHOD: Symbol = Symbol("method");
pub const NULLS_NOT_DISTINCT: Symbol = Symbol("nulls_not_distinct");

/// The dialect keys of `sql_type(...)` and `default(...)`.
pub const POSTGRES: Symbol = Symbol("postgres");
pub const SQLITE: Symbol = Symbol("sqlite");
pub const MYSQL: Symbol = Symbol("mysql");

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for &Ident {
    fn eq(&self, word: &Symbol) -> bool {
        *self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl Display for Symbol {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.0)
    }
}
