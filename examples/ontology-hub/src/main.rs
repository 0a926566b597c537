//! `ontology-hub`: creates the ontology hub schema on a database and prints what it ran.
//!
//! ```text
//! ontology-hub [create]                 create the schema (if absent) and print its DDL
//! ontology-hub sql [--dialect D]        print the DDL for postgres, sqlite or mysql
//! ontology-hub drop                     drop the schema
//! options: --database-url URL (or DATABASE_URL); default sqlite:ontology_hub.db
//! ```
//!
//! The migration verbs (`upgrade`, `downgrade`, ...) replace `create` once the runner exists.

use std::process::ExitCode;

use ontology_hub::HUB;
use schema_core::connect::Pool;
use schema_core::Dialect;

/// The embedded default: a SQLite file in the current directory, no server needed.
const DEFAULT_URL: &str = "sqlite:ontology_hub.db";

struct Args {
    command: String,
    url: String,
    dialect: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        command: "create".into(),
        url: std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_URL.into()),
        dialect: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--database-url" => args.url = it.next().ok_or("--database-url needs a URL")?,
            "--dialect" => {
                args.dialect = Some(
                    it.next()
                        .ok_or("--dialect needs postgres, sqlite or mysql")?,
                )
            }
            "create" | "sql" | "drop" => args.command = arg,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

const USAGE: &str = "usage: ontology-hub [create | sql [--dialect postgres|sqlite|mysql] | drop] [--database-url URL]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    if args.command == "sql" {
        let dialect = match args.dialect.as_deref() {
            None | Some("postgres") => Dialect::Postgres,
            Some("sqlite") => Dialect::Sqlite,
            Some("mysql") | Some("mariadb") => Dialect::MySql,
            Some(other) => {
                return Err(format!(
                    "unknown dialect `{other}`: use postgres, sqlite or mysql"
                ))
            }
        };
        for statement in HUB.create_sql(dialect) {
            println!("{statement};\n");
        }
        return Ok(());
    }
    let pool = Pool::connect(&args.url).await.map_err(|e| e.to_string())?;
    let dialect = pool.dialect();
    let existing = pool
        .table_names()
        .await
        .map_err(|e| format!("cannot list tables: {e}"))?;
    let ours: Vec<&str> = HUB
        .tables
        .iter()
        .map(|t| t.name)
        .filter(|n| existing.iter().any(|e| e == n))
        .collect();
    let statements = match args.command.as_str() {
        "drop" if ours.is_empty() => {
            println!("nothing to drop: none of the {} tables exists", HUB.tables.len());
            return Ok(());
        }
        "drop" => HUB.drop_sql(dialect),
        _ if ours.len() == HUB.tables.len() => {
            println!("the schema is already there: {} tables on {}", ours.len(), dialect.name());
            return Ok(());
        }
        _ if !ours.is_empty() => {
            return Err(format!(
                "the database holds {} of the schema's {} tables ({}): refusing to create over a partial schema; run `drop` first",
                ours.len(),
                HUB.tables.len(),
                ours.join(", ")
            ))
        }
        _ => HUB.create_sql(dialect),
    };
    let started = std::time::Instant::now();
    pool.apply(&statements).await.map_err(|e| e.to_string())?;
    for statement in &statements {
        println!("{statement};");
    }
    let tables = pool.table_names().await.map_err(|e| e.to_string())?;
    println!(
        "-- {} statements on {} in {:.1} ms; the database now has {} tables",
        statements.len(),
        dialect.name(),
        started.elapsed().as_secs_f64() * 1000.0,
        tables.len()
    );
    pool.close().await;
    Ok(())
}
