//! [`Fleet`]: one chain upgraded on many databases (a database per tenant), a bounded number
//! at a time. One database failing does not stop the others; the report says, for each,
//! where it was, where it is, how long it took and what went wrong. Running it again does
//! only what is left: a database already at the target is up to date.

use std::time::{Duration, Instant};

use super::Migrator;
use crate::db::Endpoint;

/// One database's part of a fleet run.
#[derive(Debug, Clone)]
pub struct FleetResult {
    /// The database (its URL, password masked).
    pub database: String,
    /// Its revision before (`None`: base, or unknown when it could not be read).
    pub from: Option<&'static str>,
    /// Its revision after (`None` when it failed before any).
    pub to: Option<&'static str>,
    /// How long its run took.
    pub elapsed: Duration,
    /// What went wrong, if anything.
    pub error: Option<String>,
}

/// A fleet run's report, in the order the databases were given.
#[derive(Debug, Clone, Default)]
pub struct FleetReport {
    /// One result per database.
    pub results: Vec<FleetResult>,
}

impl FleetReport {
    /// The databases that failed.
    pub fn failed(&self) -> impl Iterator<Item = &FleetResult> {
        self.results.iter().filter(|r| r.error.is_some())
    }

    /// Whether every database reached the target.
    pub fn all_succeeded(&self) -> bool {
        self.failed().next().is_none()
    }
}

/// Upgrades many databases with one migrator, `jobs` at a time.
///
/// ```no_run
/// # async fn demo(migrator: schema_core::migrate::Migrator) {
/// use schema_core::migrate::Fleet;
/// let tenants = vec!["sqlite:tenants/a.db".to_owned(), "sqlite:tenants/b.db".to_owned()];
/// let report = Fleet::new(&migrator).jobs(8).upgrade(tenants, "head").await;
/// for failed in report.failed() {
///     eprintln!("{}: {}", failed.database, failed.error.as_deref().unwrap_or(""));
/// }
/// # }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Fleet<'m> {
    migrator: &'m Migrator,
    jobs: usize,
}

impl<'m> Fleet<'m> {
    /// A fleet run with `migrator`, four databases at a time.
    pub fn new(migrator: &'m Migrator) -> Fleet<'m> {
        Fleet { migrator, jobs: 4 }
    }

    /// How many databases to migrate at once (at least 1).
    pub fn jobs(self, jobs: usize) -> Fleet<'m> {
        Fleet {
            jobs: jobs.max(1),
            ..self
        }
    }

    /// Upgrades each of `databases` to `target`.
    pub async fn upgrade(
        &self,
        databases: impl IntoIterator<Item = impl Into<Endpoint>>,
        target: &str,
    ) -> FleetReport {
        use futures_util::stream::{self, StreamExt};
        let endpoints: Vec<Endpoint> = databases.into_iter().map(Into::into).collect();
        // At most `jobs` at once, the results in the order given.
        let results = stream::iter(endpoints.iter().map(|e| self.one(e, target)))
            .buffered(self.jobs)
            .collect()
            .await;
        FleetReport { results }
    }

    async fn one(&self, endpoint: &Endpoint, target: &str) -> FleetResult {
        let started = Instant::now();
        let database = endpoint.to_string();
        let (from, to, error) = match self.migrator.status(endpoint).await {
            Err(e) => (None, None, Some(e.to_string())),
            Ok(status) => match self.migrator.upgrade(endpoint, target, &mut |_| {}).await {
                Ok(to) => (status.current, to, None),
                Err(e) => (status.current, None, Some(e.to_string())),
            },
        };
        FleetResult {
            database,
            from,
            to,
            elapsed: started.elapsed(),
            error,
        }
    }
}
