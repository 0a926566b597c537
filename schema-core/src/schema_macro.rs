//! `schema!`: a named, checked set of tables.

/// Declares a [`Schema`](crate::Schema) constant from table types, and checks it at compile
/// time: table, index and constraint names (CHECKs too) unique schema-wide, every foreign
/// key's table listed, one enum per enum type name.
///
/// With `#[dialects(postgres, sqlite, mysql)]` (any of the three, after the doc comment), the
/// schema also says which databases it targets, and every form of every table must render on
/// each of them, or the build fails naming the table, the index, CHECK or column, and the
/// dialect: a partial index or `method = gin` with `sqlite` or `mysql` listed, an expression
/// index with `mysql` (MariaDB has none), `include` or `nulls_not_distinct` with anything but
/// `postgres`, a `#[table(schema = "...")]` with `sqlite` or `mysql`, a CHECK, collation, type
/// or default written per dialect without a variant for a listed one. Without it, those are
/// errors when rendering for that dialect.
///
/// ```
/// use schema_core::Table;
///
/// #[derive(Table)]
/// #[index(columns(email), unique, where = "email IS NOT NULL")]
/// pub struct Account {
///     #[column(primary_key)]
///     pub id: i64,
///     pub email: Option<String>,
/// }
///
/// schema_core::schema! {
///     /// A partial index: PostgreSQL and SQLite have them, MySQL does not.
///     #[dialects(postgres, sqlite)]
///     pub const ACCOUNTS = [Account];
/// }
/// # assert_eq!(ACCOUNTS.tables.len(), 1);
/// ```
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
    // The attributes are read one at a time: `#[dialects(...)]` is kept for the checks, every
    // other one (the doc comment) goes on the constant.
    (@split [$($meta:tt)*] [$($dialects:tt)*] #[dialects $($list:tt)*] $($rest:tt)*) => {
        $crate::schema!(@split [$($meta)*] [$($dialects)* [$($list)*]] $($rest)*);
    };
    (@split [$($meta:tt)*] [$($dialects:tt)*] #[$attr:meta] $($rest:tt)*) => {
        $crate::schema!(@split [$($meta)* #[$attr]] [$($dialects)*] $($rest)*);
    };
    (@split [$($meta:tt)*] [$($dialects:tt)*]
        $vis:vis const $name:ident = [$($table:ty),* $(,)?];) => {
        $($meta)*
        $vis const $name: $crate::Schema =
            $crate::Schema::new(&[$(&<$table as $crate::Table>::DEF),*]);
        // One `const` check per table (and per listed dialect), spanned at it, so an error
        // points into the list.
        $crate::__private::__schema_checks!($crate; $name; [$($dialects)*]; $($table),*);
    };
    (@split $($input:tt)*) => {
        ::core::compile_error!(
            "expected `schema! { /// docs  #[dialects(postgres, sqlite, mysql)]  pub const NAME = [TableA, TableB]; }` (the doc comment and `#[dialects(...)]` are optional)"
        );
    };
    ($($input:tt)*) => {
        $crate::schema!(@split [] [] $($input)*);
    };
}
