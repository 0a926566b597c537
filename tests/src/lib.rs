//! Test support: the same test body on every backend, each in a fresh database it drops.
//!
//! SQLite (a temporary file) always runs. PostgreSQL and MariaDB run when `TEST_POSTGRES_URL` /
//! `TEST_MYSQL_URL` are set; under CI (`CI` set) a missing URL fails the test instead of
//! skipping it, so a green CI run means all three backends ran.

use std::future::Future;

use schema_core::db::Pool;
use schema_core::testing::TestDatabase;
use schema_core::Dialect;

pub mod catalog;
pub mod kill;

/// A backend to test on.
#[derive(Debug, Clone)]
pub enum Backend {
    /// In-memory SQLite.
    Sqlite,
    /// PostgreSQL, through an admin URL that can create databases.
    Postgres(String),
    /// MySQL/MariaDB, through an admin URL that can create databases.
    MySql(String),
}

/// The backends this run tests on.
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite];
    let ci = std::env::var_os("CI").is_some();
    for (var, make) in [
        (
            "TEST_POSTGRES_URL",
            Backend::Postgres as fn(String) -> Backend,
        ),
        ("TEST_MYSQL_URL", Backend::MySql as fn(String) -> Backend),
    ] {
        match std::env::var(var) {
            Ok(url) if !url.is_empty() => out.push(make(url)),
            _ if ci => panic!("{var} is not set: under CI every backend must run"),
            _ => eprintln!("note: {var} is not set; this run leaves that backend out"),
        }
    }
    out
}

/// A fresh database for one test.
#[derive(Debug, Clone)]
pub struct TestDb {
    /// A pool on it.
    pub pool: Pool,
    /// Its dialect.
    pub dialect: Dialect,
    /// Its URL.
    pub url: String,
    backend: Backend,
    database: TestDatabase,
}

/// `base` with its database (the URL path) replaced by `database`.
fn with_database(base: &str, database: &str) -> String {
    let (without_query, query) = match base.split_once('?') {
        Some((u, q)) => (u, format!("?{q}")),
        None => (base, String::new()),
    };
    let scheme_end = without_query.find("://").map_or(0, |i| i + 3);
    let root = match without_query[scheme_end..].find('/') {
        Some(i) => &without_query[..scheme_end + i],
        None => without_query,
    };
    format!("{root}/{database}{query}")
}

impl TestDb {
    /// Creates a database named after the test (and this process) on `backend`, with the
    /// crate's own helper ([`TestDatabase::empty`]: SQLite as a file, which several
    /// connections, concurrent runners among them, share).
    pub async fn create(backend: &Backend, test: &str) -> TestDb {
        let server = match backend {
            Backend::Sqlite => None,
            Backend::Postgres(admin) | Backend::MySql(admin) => Some(admin.as_str()),
        };
        let database = TestDatabase::empty(server, test)
            .await
            .unwrap_or_else(|e| panic!("cannot make the test database on {backend:?}: {e}"));
        TestDb {
            dialect: database.dialect,
            pool: database.pool.clone(),
            url: database.url(),
            backend: backend.clone(),
            database,
        }
    }

    /// This PostgreSQL database through the PgBouncer at `TEST_PGBOUNCER_URL` (transaction
    /// mode; `.ci/run` starts one); `None` on another backend, or (outside CI) without one.
    pub fn through_pgbouncer(&self) -> Option<String> {
        if !matches!(self.backend, Backend::Postgres(_)) {
            return None;
        }
        match std::env::var("TEST_PGBOUNCER_URL") {
            Ok(url) if !url.is_empty() => Some(with_database(&url, self.database.name()?)),
            _ if std::env::var_os("CI").is_some() => {
                panic!("TEST_PGBOUNCER_URL is not set: under CI the PgBouncer tests must run")
            }
            _ => {
                eprintln!("note: TEST_PGBOUNCER_URL is not set; this run leaves PgBouncer out");
                None
            }
        }
    }

    /// Another fresh database on the same backend as `db`.
    pub async fn create_like(db: &TestDb, test: &str) -> TestDb {
        TestDb::create(&db.backend, test).await
    }

    /// Closes the pool and drops the database.
    pub async fn destroy(self) {
        self.database.drop_database().await;
    }
}

/// Held shared by every [`on_each_backend`] body, and alone by [`on_each_backend_alone`]: a
/// test that exhausts what the whole server shares (PostgreSQL's lock table) would make the
/// tests beside it fail.
static SERVER: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// Runs `body` on a fresh database per backend; the database is dropped even if `body`
/// panics (the panic is then resumed).
pub async fn on_each_backend<F, Fut>(test: &str, body: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    let _shared = SERVER.read().await;
    each_backend(test, body).await;
}

/// [`on_each_backend`], with no other such test running meanwhile in this test binary.
pub async fn on_each_backend_alone<F, Fut>(test: &str, body: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    let _alone = SERVER.write().await;
    each_backend(test, body).await;
}

async fn each_backend<F, Fut>(test: &str, body: F)
where
    F: Fn(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    for backend in backends() {
        let db = TestDb::create(&backend, test).await;
        let dialect = db.dialect;
        let result = catch_unwind(body(db.clone())).await;
        db.destroy().await;
        if let Err(panic) = result {
            eprintln!("test `{test}` failed on {}", dialect.name());
            std::panic::resume_unwind(panic);
        }
    }
}

/// Runs `future`, turning a panic into `Err` (to clean up before resuming it).
pub use schema_core::testing::catch_unwind;

/// A row type usable on all three backends: [`schema_core::db::AnyRow`].
pub use schema_core::db::AnyRow as Row;

/// Inserts `row` with [`schema_core::Table::insert_sql`] and its derived `BindRow`.
pub async fn insert<T: Row>(pool: &Pool, row: &T) -> Result<(), sqlx::Error> {
    pool.insert(row).await.map(drop)
}

/// Every row of `T`'s table, decoded with the derived `FromRow`, in `order_by` order.
pub async fn fetch_all<T: Row>(pool: &Pool, order_by: &str) -> Vec<T> {
    let d = pool.dialect();
    let sql = format!(
        "SELECT * FROM {} ORDER BY {}",
        d.quote(T::NAME),
        d.quote(order_by)
    );
    pool.fetch_all(&sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Runs one statement; the number of rows it touched.
pub async fn execute(pool: &Pool, sql: &str) -> Result<u64, sqlx::Error> {
    pool.execute_with(sql, &[]).await
}

/// One integer from a query (`SELECT COUNT(*) ...`).
pub async fn scalar_i64(pool: &Pool, sql: &str) -> i64 {
    pool.scalar_i64(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or_else(|| panic!("{sql}: NULL"))
}

/// Rows of text columns from a query (a NULL is a failure: these queries never return one).
pub async fn strings(pool: &Pool, sql: &str) -> Vec<Vec<String>> {
    let rows = pool
        .text_rows(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.into_iter()
        .map(|row| {
            row.into_iter()
                .enumerate()
                .map(|(i, v)| v.unwrap_or_else(|| panic!("{sql}: column {i} is NULL")))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn swaps_the_database_in_a_url() {
        assert_eq!(
            with_database("postgres://u@h:5432/test", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            with_database("mysql://root@h/test?ssl-mode=disabled", "x"),
            "mysql://root@h/x?ssl-mode=disabled"
        );
        assert_eq!(with_database("mysql://root@h", "x"), "mysql://root@h/x");
    }
}
