//! `schema!`: a named, checked set of tables.

/// Declares a [`Schema`](crate::Schema) constant from table types, and checks it at compile
/// time: table, index and constraint names unique schema-wide, every foreign key's table
/// listed, one enum per enum type name.
///
/// ```
/// # use schema_core::Table;
/// # #[derive(Table)] pub struct Module { #[column(primary_key)] pub id: i64 }
/// schema_core::schema! {
///     /// The app's tables.
///     pub const APP = [Module];
/// }
/// assert_eq!(APP.tables.len(), 1);
/// ```
#[macro_export]
macro_rules! schema {
    ($(#[$meta:meta])* $vis:vis const $name:ident = [$($table:ty),* $(,)?];) => {
        $(#[$meta])*
        $vis const $name: $crate::Schema =
            $crate::Schema::new(&[$(&<$table as $crate::Table>::DEF),*]);
        // One `const` check per table, spanned at it, so an error points into the list.
        $crate::__private::__schema_checks!($crate; $name; $($table),*);
    };
}
