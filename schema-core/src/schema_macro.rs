//! `schema!`: a named, checked set of tables.

/// Declares a [`Schema`](crate::Schema) constant from table types, and checks it at compile
/// time: table, index and constraint names unique schema-wide, every foreign key's table
/// listed, one enum per enum type name.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use schema_core::{Dialect, Table};
///
/// #[derive(Table)]
/// pub struct Module {
///     #[column(primary_key)]
///     pub id: i64,
/// }
///
/// #[derive(Table)]
/// pub struct Page {
///     #[column(primary_key)]
///     pub id: i64,
///     #[foreign_key(references = Module::id, on_delete = cascade)]
///     pub module_id: i64,
/// }
///
/// schema_core::schema! {
///     /// The app's tables.
///     pub const APP = [Page, Module];
/// }
///
/// // Created in dependency order: `module` before `page`, which references it.
/// let pool = schema_core::db::Pool::connect("sqlite::memory:").await?;
/// pool.apply(&APP.create_sql(Dialect::Sqlite)?).await?;
/// assert_eq!(pool.table_names().await?, ["module", "page"]);
/// pool.apply(&APP.drop_sql(Dialect::Sqlite)).await?;
/// assert!(pool.table_names().await?.is_empty());
/// # Ok(()) }
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
