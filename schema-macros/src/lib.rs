//! Derive macros for `schema-core`. Depend on `schema-core`, which re-exports them.
//!
//! The pipeline (as in serde_derive) is `derive::table`: `ast` parses the struct and its
//! attributes into a small model, pushing every error into a `ctxt::Ctxt`; `check` runs each
//! rule that needs more than one attribute; only a declaration without errors reaches
//! `expand`. With errors, `fallback` still emits a stub so use sites do not drown the real
//! error. (Plain names, not links: the modules are private, and this page is public.)
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ast;
mod attr;
mod check;
mod ctxt;
mod default_value;
mod derive;
mod dialect_text;
mod expand;
mod fallback;
mod schema_checks;
mod sql_enum;
mod sql_type;
mod suggest;
mod symbol;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `schema_core::Table`: the table's definition as a `const`, its DDL, and compile-time
/// checks of the declaration.
///
/// On the struct:
/// - `#[table(name = "...")]`: the table name (default: the struct name in snake_case);
/// - `#[table(schema = "billing")]`: the PostgreSQL schema it lives in (also `Table::SCHEMA`;
///   SQLite and MySQL have none);
/// - `#[table(primary_key(a, b))]`: a composite primary key (instead of per-field keys);
/// - `#[table(primary_key_name = "...")]`: the primary key constraint's name (default
///   `{table}_pkey`);
/// - `#[table(no_primary_key)]`: an existing table without a primary key (without it, a table
///   without one is refused; with a key too, both are refused);
/// - `#[table(external)]`: a table the models reference but do not create (another system's);
/// - `#[table(no_comments)]`: doc comments stay out of the database;
/// - a doc comment (`/// ...`): the table's comment (each line without the space after `///`,
///   joined with newlines, trimmed; an empty one is none);
/// - `#[index(columns(a, b), name = "...", unique)]`, repeatable (default name `ix_{table}_{cols}`),
///   with any of `desc(b)` (key columns in descending order, each one of `columns`),
///   `where = "SQL"` (a partial index; the columns it names must exist), `method = btree | hash
///   | gin | gist | brin`, `include(c)` (stored columns, not in the key), `nulls_not_distinct`
///   (with `unique`); or `#[index(expr = "lower(email)", name = "...", unique)]`, an expression
///   index (its `name` required);
/// - `#[unique(columns(a, b), name = "...", nulls_not_distinct)]`, repeatable (default name
///   `{table}_{cols}_key`);
/// - `#[check(name = "...", expr = "SQL")]` or `#[check(name = "...", expr(postgres = "...",
///   sqlite = "...", mysql = "..."))]`, repeatable: a named CHECK constraint (a dialect left out
///   cannot create the table);
/// - `#[foreign_key(columns(a, b), references = Target(x, y), on_delete = ..., on_update = ..., name = "...")]`.
///
/// On a field:
/// - `#[column(name = "...", primary_key, unique)]`;
/// - `#[column(sql_type = "...")]`: `UUID`, `VARCHAR(n)`, `TEXT`, `SMALLINT`, `INTEGER`,
///   `BIGINT`, `NUMERIC(p, s)`, `CHAR(n)`, `TIME`, `TIMESTAMPTZ`, `JSONB`, ...; any other name
///   is passed through as written (`"CITEXT"`);
/// - `#[column(sql_type(postgres = "...", sqlite = "...", mysql = "..."))]`: a type written per
///   dialect (at least one; a dialect left out cannot create the column);
/// - `#[column(default = "...")]`: a server default (`"false"`, `"'[]'"`, `"now()"`), or
///   `#[column(default(postgres = "...", sqlite = "...", mysql = "..."))]` per dialect;
/// - `#[column(identity)]` (= `identity = by_default`), `identity = always` or
///   `identity = serial`: the database generates the (integer, NOT NULL) value, and inserts
///   leave the column out; with `autoincrement`, SQLite's `AUTOINCREMENT`;
/// - `#[column(on_update = "CURRENT_TIMESTAMP")]`: MySQL's `ON UPDATE` on a timestamp column;
///   add `on_update_emulated` when the other dialects emulate it (a trigger, the application);
/// - `#[column(collation = "C")]` or `#[column(collation(postgres = "...", sqlite = "...",
///   mysql = "..."))]`: the collation of a text column (`C`/`POSIX` mean byte order everywhere);
/// - a doc comment: the column's comment;
/// - `#[index]` or `#[index(name = "...", unique)]`;
/// - `#[foreign_key(references = Target::field, on_delete = ..., on_update = ..., name = "...")]`
///   (default name `{table}_{cols}_fkey`).
///
/// Actions: `cascade`, `restrict`, `set_null`, `set_default`, `no_action`. `Option<T>` fields
/// are NULL-able. Every mistake is a compile error at the attribute that is wrong. Whether a
/// dialect can create a form (a partial index on MySQL) is a render error, or a compile error
/// in a `schema!` that lists its dialects.
#[proc_macro_derive(Table, attributes(table, column, index, unique, foreign_key, check))]
pub fn derive_table(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive::table(&input).into()
}

/// Derives `schema_core::SqlEnum` (and sqlx's `Type`, `Encode`, `Decode` for each enabled
/// backend) on a fieldless enum.
///
/// - `#[sql_enum(name = "...")]` on the enum: the SQL type name (default: the enum name in
///   lowercase, as SQLAlchemy names it);
/// - `#[sql_enum(rename = "...")]` on a variant: its label (default: the variant in snake_case).
#[proc_macro_derive(SqlEnum, attributes(sql_enum))]
pub fn derive_sql_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    sql_enum::derive(&input).into()
}

/// The checks of `schema_core::schema!`, one `const` per table, each spanned at its table in
/// the list. Not an API: `schema!` calls it as `__schema_checks!($crate; NAME; A, B)`.
#[doc(hidden)]
#[proc_macro]
pub fn __schema_checks(input: TokenStream) -> TokenStream {
    schema_checks::expand(input.into()).into()
}
