//! Support for the code the derives and `schema!` generate. Not a public API: every path
//! the generated code names is `::schema_core::__private::X`, re-exported here from
//!
//! - `foreign_key`: what a foreign key may reference (`is_referenceable_key`);
//! - `schema_rules`: the rules of a whole schema, one `const fn` each (`check_schema_table`);
//! - `schema_names`: their fast path, one pass over the schema's names (`schema_rules_hold`);
//! - `dialect_rules`: what `schema! { #[dialects(...)] }` asks of each table
//!   (`check_table_dialect`), through the dialects' own `const` capability tests;
//! - `defaults`: a column default against its SQL type (`default_fits`, `sql_type_name`);
//! - `const_text`: `const` text helpers and `ConstMessage`, the text of a compile-time panic.
//!
//! The one job kept in this file is the foreign key's *type* check, [`ColumnRef`] and
//! [`ForeignKeyType`]: rustc's note "required by a bound in `ColumnRef::referenced_by`" names
//! the file that declares the bound, and `ui-tests/fail/foreign-key/type-mismatch.stderr`
//! pins it to `schema-core/src/__private.rs`.

use core::marker::PhantomData;

mod const_text;
mod defaults;
mod dialect_rules;
mod foreign_key;
mod schema_names;
mod schema_rules;

pub use crate::model::*;
pub use crate::{ColumnType, Dialect, SqlEnum, Table};
pub use core;
pub use schema_macros::__schema_checks;
pub use sqlx;

pub use const_text::{keys_of, str_eq, ConstMessage};
pub use defaults::{default_fits, sql_type_name};
pub use dialect_rules::check_table_dialect;
pub use foreign_key::is_referenceable_key;
pub use schema_names::{name_slots, schema_rules_hold};
pub use schema_rules::{check_schema, check_schema_table};

/// Ties a [`ColumnRef`] to its table and Rust type without owning either.
type Marker<T, R> = PhantomData<fn() -> (PhantomData<T>, PhantomData<R>)>;

/// A handle on one column of table `T`, holding Rust type `R`: what `Dashboard::id` in
/// `references = Dashboard::id` resolves to, through `<Dashboard as Table>::COLUMNS.id`.
pub struct ColumnRef<T, R: ?Sized> {
    /// The SQL column name.
    pub name: &'static str,
    _marker: Marker<T, R>,
}

impl<T, R: ?Sized> ColumnRef<T, R> {
    /// A handle on the column named `name`.
    pub const fn new(name: &'static str) -> Self {
        ColumnRef {
            name,
            _marker: PhantomData,
        }
    }
}

impl<T, R> ColumnRef<T, R> {
    /// Compiles only when field `Field` of `Table`, of type `S`, may reference this column.
    /// A method, so `R` is known from the column before the bound is judged (a free function
    /// would let rustc infer `R` from the bound and report a type mismatch instead).
    pub const fn referenced_by<S: ForeignKeyType<R, Table, Field>, Table, Field>(&self) {}
}

/// A field of type `Self` may reference a column of Rust type `R`: the same type, or
/// `Option` of it (a NULL-able foreign key). `Table` and `Field` only name the referencing
/// field in the message (`Field` is a marker type named like the field).
#[diagnostic::on_unimplemented(
    message = "`{Table}.{Field}`: a foreign key of type `{Self}` cannot reference a column of type `{R}`",
    label = "the referenced column holds `{R}`",
    note = "make the field `{R}`, or `Option<{R}>` for a nullable foreign key; or reference a column of type `{Self}`"
)]
pub trait ForeignKeyType<R: ?Sized, Table, Field> {}
// `do_not_recommend`: the message says what to do; rustc listing these impls only adds noise.
#[diagnostic::do_not_recommend]
impl<T, Table, Field> ForeignKeyType<T, Table, Field> for T {}
#[diagnostic::do_not_recommend]
impl<T, Table, Field> ForeignKeyType<T, Table, Field> for Option<T> {}
