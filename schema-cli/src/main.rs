//! `schema`: the way in for a team that already has a database.
//!
//! - `schema import --database-url URL --out DIR`: models and a baseline revision.
//! - `schema diff URL_A URL_B`: the differences between two live databases, in `check`'s words.
//! - `schema inspect --database-url URL`: the live schema as the crate reads it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use schema_core::import::{diff_databases, import, ImportOptions};
use schema_core::introspect::{introspect, LiveSchema};

#[derive(Debug, Parser)]
#[command(
    name = "schema",
    about = "Adopt an existing database: import, diff, inspect"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write DIR/models.rs and DIR/migrations/{mod.rs,m001.rs} from the live schema, and report
    /// what was imported, what was not, and every finding.
    Import {
        /// The database: postgres://..., mysql://..., mariadb://... or sqlite:FILE.
        #[arg(long, env = "DATABASE_URL")]
        database_url: String,
        /// Where to write.
        #[arg(long)]
        out: PathBuf,
        /// A PostgreSQL schema to read besides the current one; repeatable.
        #[arg(long = "schema")]
        schemas: Vec<String>,
        /// A table to leave out; repeatable.
        #[arg(long = "exclude")]
        exclude: Vec<String>,
    },
    /// The differences between two live databases of one dialect; exit 1 when they differ.
    Diff {
        /// The first database (what the second is compared with).
        url_a: String,
        /// The second database.
        url_b: String,
    },
    /// The live schema as the crate reads it, one table per block.
    Inspect {
        /// The database.
        #[arg(long, env = "DATABASE_URL")]
        database_url: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse().command).await {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Import {
            database_url,
            out,
            schemas,
            exclude,
        } => {
            let options = ImportOptions { exclude, schemas };
            let imported = import(&database_url, &options)
                .await
                .map_err(|e| e.to_string())?;
            imported
                .write(&out)
                .map_err(|e| format!("writing {}: {e}", out.display()))?;
            print!("{}", imported.report);
            println!("wrote {}", out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { url_a, url_b } => {
            let differences = diff_databases(&url_a, &url_b)
                .await
                .map_err(|e| e.to_string())?;
            for d in &differences {
                println!("{d}");
            }
            if differences.is_empty() {
                println!("no differences");
                Ok(ExitCode::SUCCESS)
            } else {
                Ok(ExitCode::from(1))
            }
        }
        Command::Inspect { database_url } => {
            let live = introspect(&database_url, &[])
                .await
                .map_err(|e| e.to_string())?;
            print!("{}", inspect(&live));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One block per table: its columns, keys, indexes, foreign keys and checks.
fn inspect(live: &LiveSchema) -> String {
    let mut out = String::new();
    for e in &live.enums {
        out.push_str(&format!("enum {} ({})\n\n", e.name, e.values.join(", ")));
    }
    for t in &live.tables {
        out.push_str(&format!("table {}\n", t.display_name()));
        for c in &t.columns {
            let null = if c.nullable { "NULL" } else { "NOT NULL" };
            out.push_str(&format!("  {} {} {null}", c.name, c.sql_type));
            if let Some(d) = &c.default {
                out.push_str(&format!(" DEFAULT {d}"));
            }
            if let Some(i) = &c.identity {
                out.push_str(&format!(" identity {i}"));
            }
            out.push('\n');
        }
        if let Some(pk) = &t.primary_key {
            out.push_str(&format!("  primary key ({})\n", pk.columns.join(", ")));
        }
        for u in &t.uniques {
            out.push_str(&format!("  unique ({})\n", u.columns.join(", ")));
        }
        for i in &t.indexes {
            let unique = if i.unique { "unique " } else { "" };
            let key = i.expr.clone().unwrap_or_else(|| i.columns.join(", "));
            out.push_str(&format!("  {unique}index {} ({key})\n", i.name));
        }
        for f in &t.foreign_keys {
            out.push_str(&format!(
                "  foreign key ({}) -> {}({}) on delete {} on update {}\n",
                f.columns.join(", "),
                f.ref_table,
                f.ref_columns.join(", "),
                f.on_delete.sql(),
                f.on_update.sql()
            ));
        }
        for c in &t.checks {
            out.push_str(&format!(
                "  check {}: {}\n",
                c.name.as_deref().unwrap_or(""),
                c.expr
            ));
        }
        out.push('\n');
    }
    for o in &live.objects {
        out.push_str(&format!("{} {}\n", o.kind.word(), o.name));
    }
    out
}
