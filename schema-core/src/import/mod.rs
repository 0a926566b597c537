//! `schema import`: a live database written out as models (`models.rs`) and a frozen baseline
//! revision (`migrations/m001.rs`, `migrations/mod.rs`), with a report of what was imported,
//! what was not (views, triggers, types passed through) and the findings: where the live
//! schema breaks a rule the derive enforces, and the nearest declaration written instead.
//!
//! The models are written from the same model data the baseline is written from, so the
//! chain builds exactly the models (`assert_migrations_match_models!` holds), and both
//! describe the database as its catalog reads (`check` after `stamp head` is clean, but for
//! the findings).

mod convert;
mod models;
mod names;
mod rust_types;

use std::path::Path;

use crate::autogen::codegen::revision_source;
use crate::autogen::diff;
use crate::db::Conn;
use crate::drift::{compare, Difference, Sides, OTHER_TOOLS_TABLES};
use crate::introspect::{self, IntrospectError};
use crate::model::{ColumnDef, Object, ObjectKind, RawSql, Schema, SchemaState, Step, TableDef};

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Tables left out (other tools' version tables and `schema_migrations` always are).
    pub exclude: Vec<String>,
    /// PostgreSQL schemas to read besides the current one.
    pub schemas: Vec<String>,
}

/// The written files and the report.
#[derive(Debug, Clone)]
pub struct Import {
    /// `models.rs`.
    pub models: String,
    /// `migrations/mod.rs`.
    pub migrations: String,
    /// `migrations/m001.rs`: the baseline.
    pub baseline: String,
    /// What was imported and what was not, the findings, and any `Cargo.toml` lines to add.
    pub report: String,
    /// The findings alone (`table: what`).
    pub findings: Vec<String>,
}

const HEADER: &str =
    "//! Imported by `schema import` from the live database: one struct per table, as its\n\
    //! catalog has it. From now on this file is the schema: edit it, then write the next\n\
    //! revision with `revision --autogenerate`.\n\n\
    // Clippy reads two `#[index(.., unique)]` as one attribute given twice\n\
    // (rust-lang/rust-clippy#12923).\n\
    #![allow(clippy::duplicated_attributes)]\n";

const MIGRATIONS: &str =
    "//! The migration chain: the baseline `schema import` wrote, then the revisions after it.\n\
    \n\
    mod m001;\n\
    \n\
    use schema_core::migrate::Revision;\n\
    \n\
    /// Every revision, in order.\n\
    pub const REVISIONS: &[Revision] = &[m001::REVISION];\n";

/// Reads the database at `url` and writes its models and baseline.
pub async fn import(url: &str, options: &ImportOptions) -> Result<Import, IntrospectError> {
    let mut conn = Conn::open(url, crate::db::SQLITE_BUSY_TIMEOUT).await?;
    let dialect = conn.dialect();
    let mut ignore: Vec<&str> = OTHER_TOOLS_TABLES.to_vec();
    ignore.push("schema_migrations");
    ignore.extend(options.exclude.iter().map(String::as_str));
    let live = introspect::introspect_in(&mut conn, &ignore, &options.schemas).await;
    conn.close().await;
    let live = live?;
    let mut imported = convert::convert(&live, dialect, |c| introspect::model_check(dialect, c));
    // The model the derive will read from the written fields (an array of `TEXT` is passed
    // through), so the baseline builds exactly the models.
    let mut needs: Vec<&str> = Vec::new();
    for i in 0..imported.tables.len() {
        let types = models::field_types(&imported, &imported.tables[i]);
        let table = &imported.tables[i];
        let columns: Vec<ColumnDef> = table
            .def
            .columns
            .iter()
            .zip(&types)
            .map(|(c, t)| ColumnDef {
                sql_type: t.derived,
                ..*c
            })
            .collect();
        needs.extend(types.iter().filter_map(|t| t.needs));
        let def = TableDef {
            columns: Box::leak(columns.into_boxed_slice()),
            ..*table.def
        };
        imported.tables[i].def = Box::leak(Box::new(def));
        imported.tables[i].types = types;
    }
    let defs: Vec<&'static TableDef> = imported.tables.iter().map(|t| t.def).collect();
    let schema = Schema::new(Box::leak(defs.into_boxed_slice()));
    let order: Vec<&str> = schema
        .creation_order()
        .tables
        .iter()
        .map(|t| t.name)
        .collect();
    let models = models::models_source(&imported, &order, HEADER);
    let mut baseline_diff = diff(&SchemaState::default(), &SchemaState::from_schema(&schema));
    // What the tables may need (an extension for a `citext` column, a collation, a domain)
    // comes first, as raw steps that say what they create, so the baseline builds on a fresh
    // database and the replay knows them.
    let needed = prerequisites(&live);
    for (i, (create, drop)) in needed.into_iter().enumerate() {
        baseline_diff.up.insert(i, Step::Sql(create));
        baseline_diff.down.push(Step::Sql(drop));
    }
    let baseline = revision_source(
        "001",
        None,
        "Baseline: the schema as schema import read it",
        &baseline_diff,
    );
    let findings: Vec<String> = imported
        .tables
        .iter()
        .flat_map(|t| {
            t.findings
                .iter()
                .map(move |f| format!("{}: {}", t.def.name, f))
        })
        .collect();
    let report = report(&imported, &live, &findings, &needs);
    Ok(Import {
        models,
        migrations: MIGRATIONS.to_owned(),
        baseline,
        report,
        findings,
    })
}

/// The raw steps that create (and drop) the extensions, collations and domains of `live`, in
/// the order they may depend on each other.
fn prerequisites(live: &introspect::LiveSchema) -> Vec<(RawSql, RawSql)> {
    let leak = convert::leak_str;
    let mut out = Vec::new();
    for kind in [
        ObjectKind::Extension,
        ObjectKind::Collation,
        ObjectKind::Domain,
    ] {
        for o in live.objects.iter().filter(|o| o.kind == kind) {
            let name = leak(&o.name);
            let (object, create, drop) = match kind {
                ObjectKind::Extension => (
                    Object::extension(name),
                    format!("CREATE EXTENSION IF NOT EXISTS \"{name}\""),
                    format!("DROP EXTENSION IF EXISTS \"{name}\""),
                ),
                ObjectKind::Collation => (
                    Object::collation(name),
                    o.definition.clone().unwrap_or_default(),
                    format!("DROP COLLATION IF EXISTS \"{name}\""),
                ),
                _ => (
                    Object::domain(name),
                    o.definition.clone().unwrap_or_default(),
                    format!("DROP DOMAIN IF EXISTS \"{name}\""),
                ),
            };
            let word = kind.word();
            out.push((
                RawSql {
                    postgres: Some(leak(&create)),
                    required: true,
                    creates: Box::leak(Box::new([object])),
                    ..RawSql::new(leak(&format!("create {word} {name}")))
                },
                RawSql {
                    postgres: Some(leak(&drop)),
                    drops: Box::leak(Box::new([object])),
                    ..RawSql::new(leak(&format!("drop {word} {name}")))
                },
            ));
        }
    }
    out
}

/// Objects the baseline creates rather than the models declare.
fn in_baseline(kind: ObjectKind) -> bool {
    matches!(
        kind,
        ObjectKind::Extension | ObjectKind::Collation | ObjectKind::Domain
    )
}

fn report(
    imported: &convert::Imported,
    live: &introspect::LiveSchema,
    findings: &[String],
    needs: &[&str],
) -> String {
    let mut out = format!(
        "imported {} table(s) and {} enum type(s)\n",
        imported.tables.len(),
        imported.enums.len()
    );
    for e in live.objects.iter().filter(|o| in_baseline(o.kind)) {
        let word = e.kind.word();
        out.push_str(&format!("  {word} {}: created by the baseline\n", e.name));
    }
    for t in &imported.tables {
        out.push_str(&format!("  table {} -> {}\n", t.def.name, t.struct_name));
    }
    let elsewhere = live.objects.iter().any(|o| !in_baseline(o.kind));
    if elsewhere || !imported.passed_through.is_empty() {
        out.push_str("not imported (declare them in a raw SQL step's `creates` to keep them):\n");
        for o in live.objects.iter().filter(|o| !in_baseline(o.kind)) {
            let on = o
                .table
                .as_ref()
                .map_or_else(String::new, |t| format!(" on {t}"));
            out.push_str(&format!("  {} {}{on}\n", o.kind.word(), o.name));
        }
        for p in &imported.passed_through {
            out.push_str(&format!("  type passed through as written: {p}\n"));
        }
    }
    for f in findings {
        out.push_str(&format!("{f}\n"));
    }
    let mut extra: Vec<&str> = needs.to_vec();
    extra.sort_unstable();
    extra.dedup();
    if !extra.is_empty() {
        out.push_str("add to Cargo.toml:\n");
        for crate_name in extra {
            out.push_str(&match crate_name {
                "rust_decimal" => "  rust_decimal = \"1\"\n".to_owned(),
                "ipnetwork" => {
                    "  schema-core = { ..., features = [\"cli\", \"ipnetwork\"] }\n".to_owned()
                }
                other => format!("  {other} = \"*\"\n"),
            });
        }
    }
    out
}

/// The differences between two live databases of one dialect (`schema diff`), in `check`'s
/// words: the second described against the first (`... in B, ... in A`).
pub async fn diff_databases(url_a: &str, url_b: &str) -> Result<Vec<Difference>, IntrospectError> {
    let a = introspect::introspect(url_a, &[]).await?;
    let b = introspect::introspect(url_b, &[]).await?;
    let sides = Sides {
        actual: "B",
        expected: "A",
    };
    Ok(compare(&a, &b, sides))
}

impl Import {
    /// Writes `models.rs`, `migrations/mod.rs` and `migrations/m001.rs` under `dir`.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir.join("migrations"))?;
        std::fs::write(dir.join("models.rs"), &self.models)?;
        std::fs::write(dir.join("migrations").join("mod.rs"), &self.migrations)?;
        std::fs::write(dir.join("migrations").join("m001.rs"), &self.baseline)
    }
}
