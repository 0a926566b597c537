//! The traits the derives implement.

use crate::dialect::{ddl, RenderError};
use crate::model::{EnumDef, TableDef};
use crate::Dialect;

/// A table declared with `#[derive(Table)]`.
///
/// The whole definition is the `const` [`Table::DEF`]: building the DDL reads it, computes
/// nothing about the declaration at run time. The derive also implements sqlx's `FromRow` and
/// [`BindRow`], so a row goes in and comes back without hand-written SQL:
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use schema_core::db::Pool;
/// use schema_core::{Dialect, Table};
///
/// #[derive(Table, Debug, PartialEq)]
/// #[table(name = "notes")]
/// pub struct Note {
///     #[column(primary_key)]
///     pub id: i64,
///     #[index]
///     pub title: String,
///     pub body: Option<String>,
/// }
///
/// assert_eq!(<Note as Table>::DEF.indexes[0].name, "ix_notes_title");
/// let pool = Pool::connect("sqlite::memory:").await?;
/// pool.apply(&Note::create_sql(Dialect::Sqlite)?).await?;
/// let note = Note { id: 1, title: "hello".into(), body: None };
/// pool.insert(&note).await?;
/// let back: Vec<Note> = pool.fetch_all("SELECT * FROM notes").await?;
/// assert_eq!(back, [note]);
/// # Ok(()) }
/// ```
pub trait Table {
    /// The SQL table name (also in [`Table::DEF`]; kept apart so a self-referencing foreign
    /// key can name its table without reading the definition it is part of).
    const NAME: &'static str;

    /// The PostgreSQL schema the table is in (`#[table(schema = "billing")]`), or `None` for
    /// the connection's current one. Kept apart from [`Table::DEF`] for the same reason as
    /// [`Table::NAME`]: foreign keys between two tables name each other's schema.
    const SCHEMA: Option<&'static str> = None;

    /// The table's definition: name, columns, keys, indexes, constraints.
    const DEF: TableDef;

    /// Handles on the table's columns (a hidden struct with a field per column), used by
    /// foreign keys (`references = Dashboard::id`) to check their target at compile time.
    type Columns;

    /// The column handles (`<Dashboard as Table>::COLUMNS.id`).
    const COLUMNS: Self::Columns;

    /// `CREATE TABLE` and its `CREATE INDEX` statements; an error names what `dialect` cannot
    /// store.
    fn create_sql(dialect: Dialect) -> Result<Vec<String>, RenderError> {
        ddl::create_table(&Self::DEF, dialect)
    }

    /// `DROP TABLE` (its indexes and constraints go with it).
    fn drop_sql(dialect: Dialect) -> Vec<String> {
        ddl::drop_table(&Self::DEF, dialect)
    }

    /// `INSERT INTO table (columns) VALUES (...)` with this dialect's placeholders, every
    /// column but the generated (identity) ones, in field order: bind a row to it with
    /// [`BindRow::bind_row`], which binds the same fields.
    fn insert_sql(dialect: Dialect) -> String {
        ddl::insert_statement(&Self::DEF, dialect)
    }

    /// [`Table::insert_sql`] that gives back the generated key: `... RETURNING "id"` on
    /// PostgreSQL and SQLite; on MySQL the plain insert, whose result's `last_insert_id()` is
    /// the key (`schema_core::db::Pool::insert_returning_key` does either). `None` without an
    /// identity column.
    fn insert_returning_sql(dialect: Dialect) -> Option<String> {
        ddl::insert_returning_statement(&Self::DEF, dialect)
    }
}

/// Binds every field of a row but the identity one, in field order, to a query built from
/// [`Table::insert_sql`] (which lists the same columns). Implemented by `#[derive(Table)]`
/// with the crate's feature `rows`, for every backend whose encoding covers the field types
/// (reading rows back is sqlx's `FromRow`, also derived, which reads every field).
///
#[cfg_attr(feature = "rows", doc = "```no_run")]
#[cfg_attr(not(feature = "rows"), doc = "```ignore")]
/// # use schema_core::{BindRow, Dialect, Table};
/// # #[derive(Table)] pub struct Note { #[column(primary_key)] pub id: i64, pub body: String }
/// # async fn demo(pool: sqlx::SqlitePool) -> Result<(), sqlx::Error> {
/// let note = Note { id: 1, body: "hello".into() };
/// let sql = Note::insert_sql(Dialect::Sqlite);
/// note.bind_row(sqlx::query(&sql)).execute(&pool).await?;
/// let back: Note = sqlx::query_as("SELECT * FROM \"note\"").fetch_one(&pool).await?;
/// assert_eq!(back.body, "hello");
/// # Ok(()) }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not bind as a row of `{DB}`",
    note = "`#[derive(Table)]` implements `BindRow` (and sqlx's `FromRow`) with schema-core's feature `rows`: `schema-core = {{ version = \"...\", features = [\"rows\"] }}`; a field whose type `{DB}` cannot encode leaves that backend out"
)]
pub trait BindRow<'q, DB: sqlx::Database> {
    /// `query` with every field but the identity one bound, in field order.
    fn bind_row(
        &'q self,
        query: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
    ) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>;
}

/// A fieldless enum stored as an SQL enum, declared with `#[derive(SqlEnum)]`.
pub trait SqlEnum: Sized + 'static {
    /// The enum type's definition.
    const DEF: EnumDef;

    /// The label of this variant.
    fn as_label(&self) -> &'static str;

    /// The variant with this label.
    fn from_label(label: &str) -> Option<Self>;
}

/// What `#[derive(Table)]` emits for sqlx (`FromRow`, `BindRow`), passed through with the
/// feature `rows` and dropped without it. (A `cfg` in generated code would read the user's
/// features, not this crate's.)
#[cfg(feature = "rows")]
#[doc(hidden)]
#[macro_export]
macro_rules! __rows {
    ($($item:tt)*) => { $($item)* };
}

/// Without the feature `rows`: nothing.
#[cfg(not(feature = "rows"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __rows {
    ($($item:tt)*) => {};
}
