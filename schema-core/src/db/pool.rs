//! [`Pool`]: a connection pool on one of the three backends, and [`Transaction`]s on it.

use super::value::{bind, decode_row, text_row};
use super::{on_backend, AnyRow, ConnectError, Value};
use crate::Dialect;

/// A pool on one of the three backends.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use schema_core::db::{Pool, Value};
/// let pool = Pool::connect("sqlite::memory:").await?;
/// pool.execute("CREATE TABLE t (n BIGINT)").await?;
/// pool.execute_with("INSERT INTO t (n) VALUES (?)", &[Value::Int(7)]).await?;
/// assert_eq!(pool.scalar_i64("SELECT n FROM t").await?, Some(7));
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub enum Pool {
    /// PostgreSQL.
    #[cfg(feature = "postgres")]
    Postgres(sqlx::PgPool),
    /// SQLite.
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::SqlitePool),
    /// MySQL or MariaDB.
    #[cfg(feature = "mysql")]
    MySql(sqlx::MySqlPool),
}

/// A transaction on a [`Pool`]: rolled back when dropped without [`Transaction::commit`].
#[derive(Debug)]
pub enum Transaction {
    /// PostgreSQL.
    #[cfg(feature = "postgres")]
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
    /// SQLite.
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    /// MySQL or MariaDB.
    #[cfg(feature = "mysql")]
    MySql(sqlx::Transaction<'static, sqlx::MySql>),
}

impl Pool {
    /// Connects to `url` (`postgres://`, `sqlite:`, `mysql://` or `mariadb://`). A SQLite
    /// file that does not exist is created. Each connection runs [`Dialect::session_settings`]
    /// as it opens.
    pub async fn connect(url: &str) -> Result<Pool, ConnectError> {
        let fail = ConnectError::connect(url);
        match Dialect::from_url(url)? {
            #[cfg(feature = "postgres")]
            Dialect::Postgres => sqlx::postgres::PgPoolOptions::new()
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        let settings = Dialect::Postgres.session_settings();
                        sqlx::Executor::execute(conn, settings).await.map(drop)
                    })
                })
                .connect(url)
                .await
                .map(Pool::Postgres)
                .map_err(fail),
            #[cfg(feature = "sqlite")]
            Dialect::Sqlite => {
                let options = super::sqlite_options(url).map_err(ConnectError::connect(url))?;
                // An in-memory database lives as long as its one connection.
                let max = if url.contains(":memory:") || url.contains("mode=memory") {
                    1
                } else {
                    4
                };
                sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(max)
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .connect_with(options)
                    .await
                    .map(Pool::Sqlite)
                    .map_err(fail)
            }
            #[cfg(feature = "mysql")]
            Dialect::MySql => sqlx::mysql::MySqlPoolOptions::new()
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        let settings = Dialect::MySql.session_settings();
                        sqlx::Executor::execute(conn, settings).await.map(drop)
                    })
                })
                .connect(&super::mysql_url(url))
                .await
                .map(Pool::MySql)
                .map_err(fail),
            #[allow(unreachable_patterns)]
            other => Err(ConnectError::feature_disabled(url, other)),
        }
    }

    /// The pool's dialect.
    pub fn dialect(&self) -> Dialect {
        match self {
            #[cfg(feature = "postgres")]
            Pool::Postgres(_) => Dialect::Postgres,
            #[cfg(feature = "sqlite")]
            Pool::Sqlite(_) => Dialect::Sqlite,
            #[cfg(feature = "mysql")]
            Pool::MySql(_) => Dialect::MySql,
        }
    }

    /// Runs SQL text (one or more statements, no binds); the rows it touched.
    pub async fn execute(&self, sql: &str) -> Result<u64, sqlx::Error> {
        on_backend!(self, Pool, p => sqlx::raw_sql(sql).execute(p).await.map(|r| r.rows_affected()))
    }

    /// Runs one statement with `values` bound to its placeholders
    /// ([`Dialect::placeholder`]); the rows it touched.
    pub async fn execute_with(&self, sql: &str, values: &[Value]) -> Result<u64, sqlx::Error> {
        on_backend!(self, Pool, p => bind(sqlx::query(sql), values).execute(p).await.map(|r| r.rows_affected()))
    }

    /// Every row of a query, each column decoded as the first [`Value`] kind it fits.
    pub async fn rows(&self, sql: &str, values: &[Value]) -> Result<Vec<Vec<Value>>, sqlx::Error> {
        on_backend!(self, Pool, p => {
            let rows = bind(sqlx::query(sql), values).fetch_all(p).await?;
            rows.iter().map(decode_row).collect()
        })
    }

    /// Every row of a query whose columns are all text (or NULL).
    pub async fn text_rows(&self, sql: &str) -> Result<Vec<Vec<Option<String>>>, sqlx::Error> {
        on_backend!(self, Pool, p => {
            let rows = sqlx::query(sql).fetch_all(p).await?;
            rows.iter().map(text_row).collect()
        })
    }

    /// One integer: the first column of the first row (`SELECT COUNT(*) ...`), of any integer
    /// width; `None` for NULL.
    pub async fn scalar_i64(&self, sql: &str) -> Result<Option<i64>, sqlx::Error> {
        let rows = self.rows(sql, &[]).await?;
        match rows.first().and_then(|row| row.first()) {
            Some(Value::Int(i)) => Ok(Some(*i)),
            Some(Value::Null) => Ok(None),
            Some(other) => Err(sqlx::Error::Decode(
                format!("`{sql}` returned {other:?}, not an integer").into(),
            )),
            None => Err(sqlx::Error::RowNotFound),
        }
    }

    /// Runs statements one after another, stopping at the first failure, which names the
    /// statement (by position and text).
    pub async fn execute_all(&self, statements: &[String]) -> Result<(), StatementError> {
        for (index, sql) in statements.iter().enumerate() {
            self.execute(sql).await.map_err(|source| StatementError {
                index,
                executed: index,
                sql: sql.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// Runs statements as one unit where the database can (PostgreSQL and SQLite run DDL in a
    /// transaction: on failure nothing stays applied). MySQL commits each DDL statement by
    /// itself, so there a failure leaves the statements before it applied, as the error says.
    pub async fn apply(&self, statements: &[String]) -> Result<(), StatementError> {
        if !self.dialect().caps().transactional_ddl {
            return self.execute_all(statements).await;
        }
        let mut tx = self
            .begin()
            .await
            .map_err(|e| StatementError::at(0, "BEGIN", e))?;
        for (index, sql) in statements.iter().enumerate() {
            tx.execute(sql)
                .await
                .map_err(|e| StatementError::at(index, sql, e))?;
        }
        tx.commit()
            .await
            .map_err(|e| StatementError::at(statements.len(), "COMMIT", e))
    }

    /// Starts a transaction.
    pub async fn begin(&self) -> Result<Transaction, sqlx::Error> {
        Ok(match self {
            #[cfg(feature = "postgres")]
            Pool::Postgres(p) => Transaction::Postgres(p.begin().await?),
            #[cfg(feature = "sqlite")]
            Pool::Sqlite(p) => Transaction::Sqlite(p.begin().await?),
            #[cfg(feature = "mysql")]
            Pool::MySql(p) => Transaction::MySql(p.begin().await?),
        })
    }

    /// Inserts `row` with [`crate::Table::insert_sql`] and [`crate::BindRow`].
    pub async fn insert<T: AnyRow>(&self, row: &T) -> Result<u64, sqlx::Error> {
        let sql = T::insert_sql(self.dialect());
        on_backend!(self, Pool, p => row.bind_row(sqlx::query(&sql)).execute(p).await.map(|r| r.rows_affected()))
    }

    /// Inserts `row` (its identity column left to the database) and returns the key the
    /// database generated: `RETURNING` on PostgreSQL and SQLite, the insert's
    /// `LAST_INSERT_ID()` on MySQL. `RowNotFound` when the table has no identity column.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use schema_core::{db::Pool, Dialect, Table};
    ///
    /// #[derive(Table)]
    /// pub struct Invoice {
    ///     #[column(primary_key, identity)]
    ///     pub id: i64,
    ///     pub customer: String,
    /// }
    ///
    /// let pool = Pool::connect("sqlite::memory:").await?;
    /// pool.apply(&Invoice::create_sql(Dialect::Sqlite)?).await?;
    /// let first = Invoice { id: 0, customer: "Ada".into() }; // `id` is not written
    /// assert_eq!(pool.insert_returning_key(&first).await?, 1);
    /// assert_eq!(pool.insert_returning_key(&first).await?, 2);
    /// # Ok(()) }
    /// ```
    pub async fn insert_returning_key<T: AnyRow>(&self, row: &T) -> Result<i64, sqlx::Error> {
        use sqlx::Row as _;
        let sql = T::insert_returning_sql(self.dialect()).ok_or(sqlx::Error::RowNotFound)?;
        match self {
            #[cfg(feature = "postgres")]
            Pool::Postgres(p) => row
                .bind_row(sqlx::query(&sql))
                .fetch_one(p)
                .await?
                .try_get(0),
            #[cfg(feature = "sqlite")]
            Pool::Sqlite(p) => row
                .bind_row(sqlx::query(&sql))
                .fetch_one(p)
                .await?
                .try_get(0),
            #[cfg(feature = "mysql")]
            Pool::MySql(p) => {
                let done = row.bind_row(sqlx::query(&sql)).execute(p).await?;
                i64::try_from(done.last_insert_id()).map_err(|e| sqlx::Error::Decode(Box::new(e)))
            }
        }
    }

    /// Every row a query returns, decoded with the derived `FromRow`.
    pub async fn fetch_all<T: AnyRow>(&self, sql: &str) -> Result<Vec<T>, sqlx::Error> {
        on_backend!(self, Pool, p => sqlx::query_as::<_, T>(sql).fetch_all(p).await)
    }

    /// The names of the tables in the connected schema (PostgreSQL's current schema, the MySQL
    /// database, SQLite's main database), sorted.
    pub async fn table_names(&self) -> Result<Vec<String>, sqlx::Error> {
        let sql = self.dialect().sql().table_names_sql();
        let mut names: Vec<String> =
            on_backend!(self, Pool, p => sqlx::query_scalar(sql).fetch_all(p).await?);
        names.sort();
        Ok(names)
    }

    /// Closes every connection.
    pub async fn close(&self) {
        on_backend!(self, Pool, p => p.close().await)
    }
}

impl Transaction {
    /// The transaction's dialect.
    pub fn dialect(&self) -> Dialect {
        match self {
            #[cfg(feature = "postgres")]
            Transaction::Postgres(_) => Dialect::Postgres,
            #[cfg(feature = "sqlite")]
            Transaction::Sqlite(_) => Dialect::Sqlite,
            #[cfg(feature = "mysql")]
            Transaction::MySql(_) => Dialect::MySql,
        }
    }

    /// Runs SQL text (no binds); the rows it touched.
    pub async fn execute(&mut self, sql: &str) -> Result<u64, sqlx::Error> {
        on_backend!(self, Transaction, t => sqlx::raw_sql(sql).execute(&mut **t).await.map(|r| r.rows_affected()))
    }

    /// Runs one statement with `values` bound; the rows it touched.
    pub async fn execute_with(&mut self, sql: &str, values: &[Value]) -> Result<u64, sqlx::Error> {
        on_backend!(self, Transaction, t => bind(sqlx::query(sql), values).execute(&mut **t).await.map(|r| r.rows_affected()))
    }

    /// Every row of a query with `values` bound.
    pub async fn rows(
        &mut self,
        sql: &str,
        values: &[Value],
    ) -> Result<Vec<Vec<Value>>, sqlx::Error> {
        on_backend!(self, Transaction, t => {
            let rows = bind(sqlx::query(sql), values).fetch_all(&mut **t).await?;
            rows.iter().map(decode_row).collect()
        })
    }

    /// Inserts `row` with [`crate::Table::insert_sql`] and [`crate::BindRow`].
    pub async fn insert<T: AnyRow>(&mut self, row: &T) -> Result<u64, sqlx::Error> {
        let sql = T::insert_sql(self.dialect());
        on_backend!(self, Transaction, t => row.bind_row(sqlx::query(&sql)).execute(&mut **t).await.map(|r| r.rows_affected()))
    }

    /// Commits.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        on_backend!(self, Transaction, t => t.commit().await)
    }

    /// Rolls back.
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        on_backend!(self, Transaction, t => t.rollback().await)
    }
}

/// A statement that failed, and how far the list got.
#[derive(Debug, thiserror::Error)]
#[error("statement {} failed: {source}\n{sql}\n({executed} statement(s) before it stay applied)", index + 1)]
pub struct StatementError {
    /// Position of the failed statement in the list (from 0).
    pub index: usize,
    /// How many statements before it stay applied (0 when the list ran in a transaction).
    pub executed: usize,
    /// The failed statement.
    pub sql: String,
    /// The driver's error.
    #[source]
    pub source: sqlx::Error,
}

impl StatementError {
    /// A failure inside a transaction: nothing before it stays applied.
    fn at(index: usize, sql: &str, source: sqlx::Error) -> StatementError {
        StatementError {
            index,
            executed: 0,
            sql: sql.to_owned(),
            source,
        }
    }
}
