//! A database per test (feature `testing`): a fresh database on the server the environment
//! names, migrated to head with the application's revisions, and dropped afterwards, also
//! when the test panics.
//!
//! ```no_run
//! # use schema_core::migrate::Revision;
//! # static REVISIONS: &[Revision] = &[];
//! #[tokio::test]
//! async fn a_user_can_sign_up() {
//!     schema_core::testing::with_test_database(REVISIONS, |db| async move {
//!         db.pool.execute("INSERT INTO users (email) VALUES ('a@example.com')").await.unwrap();
//!     })
//!     .await;
//! }
//! ```

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use crate::db::{ConnectError, Endpoint, Pool};
use crate::migrate::{MigrateError, Migrator, Revision};
use crate::Dialect;

/// The variable naming the server the tests run on: a PostgreSQL or MySQL URL whose user may
/// create databases. Unset: SQLite in memory.
pub const SERVER_VARIABLE: &str = "SCHEMA_TEST_DATABASE_URL";

/// A fresh database for one test, at head.
#[derive(Debug, Clone)]
pub struct TestDatabase {
    /// A pool on it.
    pub pool: Pool,
    /// Its dialect.
    pub dialect: Dialect,
    /// The server it was made on (`None`: SQLite in memory), and its name there.
    server: Option<(String, String)>,
}

/// Why a test database could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TestDatabaseError {
    /// The server or the new database could not be reached.
    #[error(transparent)]
    Connect(#[from] ConnectError),
    /// Creating the database failed.
    #[error("creating the test database {name}: {source}")]
    Create {
        /// Its name.
        name: String,
        /// The server's error.
        #[source]
        source: sqlx::Error,
    },
    /// The revisions did not apply.
    #[error(transparent)]
    Migrate(#[from] MigrateError),
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TestDatabase {
    /// A fresh database on `server` (`None`: SQLite in memory), migrated to head.
    pub async fn create(
        server: Option<&str>,
        revisions: &'static [Revision],
    ) -> Result<TestDatabase, TestDatabaseError> {
        let migrator = Migrator::new(revisions)?;
        let (pool, server) = match server {
            None => (Pool::connect("sqlite::memory:").await?, None),
            Some(admin) => {
                let dialect = Dialect::from_url(admin).map_err(ConnectError::from)?;
                let n = COUNTER.fetch_add(1, Ordering::SeqCst);
                let name = format!("schema_test_{}_{n}", std::process::id());
                let admin_pool = Pool::connect(admin).await?;
                let created = admin_pool
                    .execute(&dialect.create_database_sql(&name))
                    .await;
                admin_pool.close().await;
                created.map_err(|source| TestDatabaseError::Create {
                    name: name.clone(),
                    source,
                })?;
                let url = with_database(admin, &name);
                (Pool::connect(&url).await?, Some((admin.to_owned(), name)))
            }
        };
        let db = TestDatabase {
            dialect: pool.dialect(),
            pool,
            server,
        };
        if let Err(e) = migrator.run(&db.pool).await {
            db.clone().drop_database().await;
            return Err(e.into());
        }
        Ok(db)
    }

    /// Its name on the server (`None`: SQLite in memory).
    pub fn name(&self) -> Option<&str> {
        self.server.as_ref().map(|(_, name)| name.as_str())
    }

    /// Where it is, for anything else that connects (a second pool, the runner).
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::from(&self.pool)
    }

    /// Closes the pool and drops the database (best effort: the test's own result matters).
    pub async fn drop_database(self) {
        self.pool.close().await;
        if let Some((admin, name)) = self.server {
            if let Ok(pool) = Pool::connect(&admin).await {
                let _ = pool.execute(&self.dialect.drop_database_sql(&name)).await;
                pool.close().await;
            }
        }
    }
}

/// Runs `body` on a fresh database at head on the server [`SERVER_VARIABLE`] names (SQLite
/// in memory when unset), and drops it afterwards, also when `body` panics (the panic then
/// goes on). Panics, naming why, when the database cannot be made.
pub async fn with_test_database<F, Fut, T>(revisions: &'static [Revision], body: F) -> T
where
    F: FnOnce(TestDatabase) -> Fut,
    Fut: Future<Output = T>,
{
    let server = std::env::var(SERVER_VARIABLE)
        .ok()
        .filter(|s| !s.is_empty());
    with_test_database_on(server.as_deref(), revisions, body).await
}

/// [`with_test_database`] on `server` (`None`: SQLite in memory).
pub async fn with_test_database_on<F, Fut, T>(
    server: Option<&str>,
    revisions: &'static [Revision],
    body: F,
) -> T
where
    F: FnOnce(TestDatabase) -> Fut,
    Fut: Future<Output = T>,
{
    let db = match TestDatabase::create(server, revisions).await {
        Ok(db) => db,
        Err(e) => panic!("cannot make the test database: {e}"),
    };
    let result = catch_unwind(body(db.clone())).await;
    db.drop_database().await;
    match result {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// `base` (a server URL) with its database replaced by `database`.
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

/// Runs `future`, turning a panic into `Err`, so what a test made can go before the panic
/// goes on.
pub async fn catch_unwind<F: Future>(future: F) -> Result<F::Output, Box<dyn Any + Send>> {
    CatchUnwind(Box::pin(future)).await
}

/// A future whose panic is caught.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}
