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
    /// Where it lives, so that it can go.
    place: Place,
}

/// Where a test database lives.
#[derive(Debug, Clone)]
enum Place {
    /// SQLite in memory: it goes with its pool.
    Memory,
    /// A SQLite file in the temporary directory.
    File(std::path::PathBuf),
    /// A database `name` on the server `admin` reaches.
    Server { admin: String, name: String },
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
        let db = match server {
            None => TestDatabase::at(Pool::connect("sqlite::memory:").await?, Place::Memory),
            Some(admin) => TestDatabase::empty(Some(admin), "").await?,
        };
        if let Err(e) = migrator.run(&db.pool).await {
            db.clone().drop_database().await;
            return Err(e.into());
        }
        Ok(db)
    }

    /// A fresh, empty database on `server`, its name ending with `label` (cut to fit); with
    /// no server, a SQLite file in the temporary directory (which several connections, and
    /// processes, can share, unlike one in memory).
    pub async fn empty(
        server: Option<&str>,
        label: &str,
    ) -> Result<TestDatabase, TestDatabaseError> {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let mut name = format!("schema_test_{}_{n}", std::process::id());
        if !label.is_empty() {
            name = format!("{name}_{label}");
        }
        // PostgreSQL keeps 63 bytes of a name, MySQL 64.
        name.truncate(60);
        let Some(admin) = server else {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            remove_sqlite_files(&path);
            let pool = Pool::connect(&format!("sqlite:{}", path.display())).await?;
            return Ok(TestDatabase::at(pool, Place::File(path)));
        };
        let dialect = Dialect::from_url(admin).map_err(ConnectError::from)?;
        let admin_pool = Pool::connect(admin).await?;
        let created = admin_pool
            .execute(&dialect.create_database_sql(&name))
            .await;
        admin_pool.close().await;
        created.map_err(|source| TestDatabaseError::Create {
            name: name.clone(),
            source,
        })?;
        let pool = Pool::connect(&with_database(admin, &name)).await?;
        let place = Place::Server {
            admin: admin.to_owned(),
            name,
        };
        Ok(TestDatabase::at(pool, place))
    }

    fn at(pool: Pool, place: Place) -> TestDatabase {
        TestDatabase {
            dialect: pool.dialect(),
            pool,
            place,
        }
    }

    /// Its URL (`sqlite::memory:` for one in memory, which only its pool reaches: use
    /// [`TestDatabase::endpoint`]).
    pub fn url(&self) -> String {
        match &self.place {
            Place::Memory => "sqlite::memory:".to_owned(),
            Place::File(path) => format!("sqlite:{}", path.display()),
            Place::Server { admin, name } => with_database(admin, name),
        }
    }

    /// Its name on the server (`None`: SQLite in memory).
    pub fn name(&self) -> Option<&str> {
        match &self.place {
            Place::Server { name, .. } => Some(name),
            Place::Memory | Place::File(_) => None,
        }
    }

    /// Where it is, for anything else that connects (a second pool, the runner).
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::from(&self.pool)
    }

    /// Closes the pool and drops the database (best effort: the test's own result matters).
    pub async fn drop_database(self) {
        self.pool.close().await;
        match self.place {
            Place::Memory => {}
            Place::File(path) => remove_sqlite_files(&path),
            Place::Server { admin, name } => {
                if let Ok(pool) = Pool::connect(&admin).await {
                    let _ = pool.execute(&self.dialect.drop_database_sql(&name)).await;
                    pool.close().await;
                }
            }
        }
    }
}

/// A SQLite database file and the files beside it (journal, WAL).
fn remove_sqlite_files(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
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
