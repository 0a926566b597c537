//! Drift: what differs between a schema as the code declares it and as a database (or the
//! migration chain) has it, one readable line per difference.
//!
//! Three checks share this report: [`check`] (a live database against the models),
//! [`check_chain`] (the migration chain replayed offline against the models: no database at
//! all), and the runner's `upgrade --verify` (a live database against the chain).

// `upgrade --verify` reports a runner error as it is, with its context (see `migrate`).
#![allow(clippy::result_large_err)]

mod compare;
mod gate;

use std::fmt;

pub use compare::{compare, compare_with, CompareOptions};
pub use gate::{gate, write_lock, GateFailure, Locked};

use crate::dialect::RenderError;
use crate::introspect::{self, expected, IntrospectError, LiveSchema};
use crate::migrate::{Chain, ChainError, MigrateError, Migrator, ReplayError, Revision};
use crate::model::{KnownObject, Schema, SchemaState};
use crate::Dialect;

/// Other migration tools' version tables: never the models', so every check leaves them out.
pub const OTHER_TOOLS_TABLES: &[&str] = &[
    "alembic_version",
    "_sqlx_migrations",
    "__diesel_schema_migrations",
    "seaql_migrations",
    "flyway_schema_history",
    "refinery_schema_history",
    "_prisma_migrations",
];

/// What [`check_with`] leaves out, and what it knows besides the models.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Tables left out: by name (`audit_log`), by schema (`auth.*`) or both (`auth.users`).
    /// [`OTHER_TOOLS_TABLES`] are always left out.
    pub ignore: Vec<String>,
    /// Leave table and column comments out (for a team that keeps none in the database).
    pub ignore_comments: bool,
    /// The views, triggers and hand-written indexes the chain's raw SQL steps declare
    /// (`Chain::replay_all()?.objects`): with them, a view or trigger nobody declared is a
    /// difference; without them, views and triggers are not compared.
    pub known_objects: Option<Vec<KnownObject>>,
}

impl CheckOptions {
    /// Whether `table` (in `schema`, `None` for the current one) is left out.
    fn ignores(&self, schema: Option<&str>, table: &str) -> bool {
        OTHER_TOOLS_TABLES.contains(&table)
            || self
                .ignore
                .iter()
                .any(|pattern| match pattern.split_once('.') {
                    Some((s, "*")) => schema == Some(s),
                    Some((s, t)) => schema == Some(s) && t == table,
                    None => pattern == table,
                })
    }

    fn leave_out(&self, schema: &mut LiveSchema) {
        schema
            .tables
            .retain(|t| !self.ignores(t.schema.as_deref(), &t.name));
    }
}

/// One difference: what (`module_dashboard.dashboard_id`) and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The table, column, index or constraint.
    pub subject: String,
    /// How the two sides differ (`on_delete is NO ACTION in the database, RESTRICT in the model`).
    pub detail: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject, self.detail)
    }
}

/// Why a check could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// Reading the database failed.
    #[error(transparent)]
    Introspect(#[from] IntrospectError),
    /// The chain is broken.
    #[error("broken migration chain: {0}")]
    Chain(#[from] ChainError),
    /// The chain's steps do not replay.
    #[error(transparent)]
    Replay(#[from] ReplayError),
    /// Reading where the database is in the chain failed (`upgrade --verify`).
    #[error(transparent)]
    Migrate(#[from] MigrateError),
    /// The models hold what PostgreSQL (the offline check's dialect) cannot store.
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// How the two sides are named in messages.
#[derive(Debug, Clone, Copy)]
pub struct Sides {
    /// The side read from a database or replayed (`the database`, `the migrations`).
    pub actual: &'static str,
    /// The side declared (`the model`).
    pub expected: &'static str,
}

/// The live database against the model.
pub const DATABASE_VS_MODEL: Sides = Sides {
    actual: "the database",
    expected: "the model",
};
/// The replayed chain against the model.
pub const MIGRATIONS_VS_MODEL: Sides = Sides {
    actual: "the migrations",
    expected: "the model",
};
/// The live database against the chain.
pub const DATABASE_VS_MIGRATIONS: Sides = Sides {
    actual: "the database",
    expected: "the migrations",
};

/// The live database at `url` against `schema` (the version table `ignore` left out).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use schema_core::{db::Pool, drift, Dialect, Table};
///
/// #[derive(Table)]
/// pub struct Tag {
///     #[column(primary_key)]
///     pub id: i64,
///     pub label: String,
/// }
/// schema_core::schema! { pub const APP = [Tag]; }
///
/// let file = std::env::temp_dir().join("drift-check-doc.db");
/// # let _ = std::fs::remove_file(&file);
/// let url = format!("sqlite:{}", file.display());
/// let pool = Pool::connect(&url).await?;
/// pool.apply(&APP.create_sql(Dialect::Sqlite)?).await?;
/// assert!(drift::check(&url, &APP, &[]).await?.is_empty());
///
/// pool.execute("ALTER TABLE tag ADD COLUMN color TEXT").await?; // by hand, not in the model
/// let differences = drift::check(&url, &APP, &[]).await?;
/// assert_eq!(differences[0].to_string(), "tag.color: column in the database, not in the model");
/// # Ok(()) }
/// ```
pub async fn check(
    url: &str,
    schema: &Schema,
    ignore: &[&str],
) -> Result<Vec<Difference>, CheckError> {
    let options = CheckOptions {
        ignore: ignore.iter().map(|t| (*t).to_owned()).collect(),
        ..CheckOptions::default()
    };
    check_with(url, schema, &options).await
}

/// The live database at `url` against `schema`, with `options`: tables left out, comments
/// left out, the chain's own views and triggers known.
pub async fn check_with(
    url: &str,
    schema: &Schema,
    options: &CheckOptions,
) -> Result<Vec<Difference>, CheckError> {
    let mut state = SchemaState::from_schema(schema);
    if let Some(objects) = &options.known_objects {
        state.objects = objects.clone();
    }
    let compare_options = CompareOptions {
        comments: !options.ignore_comments,
        objects: options.known_objects.is_some(),
    };
    check_state_with(url, &state, options, DATABASE_VS_MODEL, compare_options).await
}

/// The live database at `url` against a schema state (the models', or a replayed chain's).
pub async fn check_state(
    url: &str,
    state: &SchemaState,
    ignore: &[&str],
    sides: Sides,
) -> Result<Vec<Difference>, CheckError> {
    let options = CheckOptions {
        ignore: ignore.iter().map(|t| (*t).to_owned()).collect(),
        ..CheckOptions::default()
    };
    check_state_with(url, state, &options, sides, CompareOptions::default()).await
}

async fn check_state_with(
    url: &str,
    state: &SchemaState,
    options: &CheckOptions,
    sides: Sides,
    compare_options: CompareOptions,
) -> Result<Vec<Difference>, CheckError> {
    let (mut live, mut wanted) = introspect::live_and_expected(url, state, &[]).await?;
    options.leave_out(&mut live);
    options.leave_out(&mut wanted);
    Ok(compare_with(&wanted, &live, sides, compare_options))
}

/// The chain replayed offline (no database) against `schema`. Compared in PostgreSQL's terms,
/// the dialect that keeps the most (names, enum types).
pub fn check_chain(
    revisions: &'static [Revision],
    schema: &Schema,
) -> Result<Vec<Difference>, CheckError> {
    let state = Chain::new(revisions)?.replay_all()?;
    let replayed = expected(&state, Dialect::Postgres)?;
    let model = expected(&SchemaState::from_schema(schema), Dialect::Postgres)?;
    // The models declare no views or triggers: the chain's are its own.
    let options = CompareOptions {
        objects: false,
        ..CompareOptions::default()
    };
    Ok(compare_with(
        &model,
        &replayed,
        MIGRATIONS_VS_MODEL,
        options,
    ))
}

impl Migrator {
    /// The live database against what the chain says it should be at its current revision
    /// (`upgrade --verify`): one [`Difference`] per drift.
    pub async fn verify(&self, url: &str) -> Result<Vec<Difference>, CheckError> {
        let status = self.status(url).await?;
        // In the order this database runs the chain (its branches, its squash path).
        let chain = self.chain_for(&status.applied)?;
        let position = status.current.and_then(|id| chain.position(id));
        let state = chain.replay(position)?;
        check_state(
            url,
            &state,
            &[self.options().version_table],
            DATABASE_VS_MIGRATIONS,
        )
        .await
    }
}

/// Panics, listing every difference, unless the migration chain builds exactly what the models
/// declare. For a project's own test suite:
///
/// ```
/// # use schema_core::{migrate::Revision, Table};
/// # #[derive(Table)] pub struct Note { #[column(primary_key)] pub id: i64 }
/// # schema_core::schema! { pub const APP = [Note]; }
/// # static REVISIONS: &[Revision] = &[Revision { id: "001", parent: None, message: "notes",
/// #     up: &[schema_core::migrate::Step::CreateTable(&<Note as Table>::DEF)],
/// #     down: &[schema_core::migrate::Step::DropTable { table: "note" }] }];
/// // in a #[test] fn of the project's own suite:
/// schema_core::assert_migrations_match_models!(REVISIONS, APP);
/// ```
#[macro_export]
macro_rules! assert_migrations_match_models {
    ($revisions:expr, $schema:expr) => {
        match $crate::drift::check_chain($revisions, &$schema) {
            ::core::result::Result::Ok(differences) if differences.is_empty() => {}
            ::core::result::Result::Ok(differences) => {
                let lines: ::std::vec::Vec<::std::string::String> =
                    differences.iter().map(::std::string::ToString::to_string).collect();
                ::core::panic!(
                    "the migrations do not build what the models declare ({} difference(s)); write a revision (`revision --autogenerate`):\n  {}",
                    lines.len(),
                    lines.join("\n  ")
                );
            }
            ::core::result::Result::Err(error) => ::core::panic!("cannot replay the migrations: {error}"),
        }
    };
}
