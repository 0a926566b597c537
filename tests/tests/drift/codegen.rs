//! The generated revision source: an insta snapshot of the kitchen-sink sample, a committed
//! copy of it compiled into this binary (`tests/generated/m002.rs`) whose `REVISION` must equal
//! the diff's, and `rustfmt` leaving generated files unchanged.
//!
//! After a deliberate change to the generator, rewrite the committed copy with
//! `DRIFT_WRITE_GENERATED=1 cargo test -p schema-tests --test drift codegen`, and review it
//! like the snapshot.

use std::io::Write;
use std::process::{Command, Stdio};

use schema_core::autogen::codegen::revision_source;
use schema_core::autogen::{diff, diff_with, Diff, DiffOptions};
use schema_core::migrate::{ColumnChange, Object, RawSql, Revision, Step};
use schema_core::model::SchemaState;
use schema_core::{
    CheckDef, ColumnDef, DefaultValue, DialectText, Identity, IdentityKind, IndexDef, IndexMethod,
    OnUpdate, SqlType,
};

use super::{generated_m002, generated_m002_online, kitchen_sink, leak, models};

const MESSAGE: &str = "Kitchen sink: every kind of change";

fn sample() -> (Revision, String) {
    sample_with(DiffOptions::default())
}

fn sample_with(options: DiffOptions) -> (Revision, String) {
    let case = kitchen_sink();
    let d = diff_with(
        &SchemaState::from_schema(&case.a),
        &SchemaState::from_schema(&case.b),
        options,
    );
    let source = revision_source("002", Some("001"), MESSAGE, &d);
    let revision = Revision {
        id: "002",
        parent: Some("001"),
        message: MESSAGE,
        up: leak(d.up),
        down: leak(d.down),
    };
    (revision, source)
}

#[test]
fn the_generated_revision_is_snapshotted() {
    let (_, source) = sample();
    insta::assert_snapshot!("kitchen_sink_revision", source);
}

/// The committed copy is what the generator writes today, and compiled, it is the same
/// revision as the diff: equal steps, equal checksum.
#[test]
fn the_committed_generated_revision_compiles_to_the_diff() {
    let (revision, source) = sample();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/generated/m002.rs");
    if std::env::var_os("DRIFT_WRITE_GENERATED").is_some() {
        std::fs::write(path, &source).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    let committed = include_str!("../generated/m002.rs");
    assert!(
        committed == source,
        "{path} is not what the generator writes: rewrite it with DRIFT_WRITE_GENERATED=1 \
         (then rebuild, so the compiled copy follows) and review the change"
    );
    assert_eq!(generated_m002::REVISION, revision);
    assert_eq!(generated_m002::REVISION.checksum(), revision.checksum());
}

/// Written online, the steps on the tables the kitchen sink already has are `Step::Online`,
/// those on the table it creates plain; the committed copy compiles to the same revision.
#[test]
fn the_committed_online_revision_compiles_to_the_online_diff() {
    let (revision, source) = sample_with(DiffOptions { online: true });
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/generated/m002_online.rs"
    );
    if std::env::var_os("DRIFT_WRITE_GENERATED").is_some() {
        std::fs::write(path, &source).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    let committed = include_str!("../generated/m002_online.rs");
    assert!(
        committed == source,
        "{path} is not what the generator writes: rewrite it with DRIFT_WRITE_GENERATED=1"
    );
    assert_eq!(generated_m002_online::REVISION, revision);
    let online: Vec<String> = revision
        .up
        .iter()
        .filter(|s| matches!(s, Step::Online(_)))
        .map(Step::describe)
        .collect();
    assert!(!online.is_empty(), "{source}");
    for step in revision.up.iter() {
        if let Step::CreateIndex { table, .. } = step {
            assert_eq!(
                *table, "tag",
                "only the new table's indexes stay plain: {step:?}"
            );
        }
    }
    assert_ne!(revision.checksum(), sample().0.checksum());
}

/// Runs `rustfmt` on `source`; `None` when there is no rustfmt (allowed outside CI).
fn rustfmt(source: &str) -> Option<String> {
    let child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("note: rustfmt not run ({e}); the formatting check is skipped");
            return None;
        }
        Err(e) => panic!("rustfmt: {e}"),
    };
    child
        .stdin
        .take()
        .unwrap_or_else(|| panic!("rustfmt stdin"))
        .write_all(source.as_bytes())
        .unwrap_or_else(|e| panic!("rustfmt stdin: {e}"));
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("rustfmt: {e}"));
    assert!(
        output.status.success(),
        "rustfmt failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn assert_formatted(what: &str, source: &str) {
    if let Some(formatted) = rustfmt(source) {
        if formatted != source {
            let first = source
                .lines()
                .zip(formatted.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let around = |s: &str| {
                s.lines()
                    .skip(first.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "{what}: rustfmt changes the generated source at line {}:\ngenerated:\n{}\n\nrustfmt:\n{}",
                first + 1,
                around(source),
                around(&formatted)
            );
        }
    }
}

/// The generator lays out code as rustfmt does: on the sample, on every drift case, and on
/// the whole hub created from nothing (and dropped).
#[test]
fn rustfmt_leaves_generated_revisions_unchanged() {
    let (_, source) = sample();
    assert_formatted("kitchen sink", &source);
    let pairs = [
        (
            "tables",
            models::tables::a::SCHEMA,
            models::tables::b::SCHEMA,
        ),
        (
            "columns",
            models::columns::a::SCHEMA,
            models::columns::b::SCHEMA,
        ),
        ("types", models::types::a::SCHEMA, models::types::b::SCHEMA),
        (
            "defaults",
            models::defaults::a::SCHEMA,
            models::defaults::b::SCHEMA,
        ),
        (
            "indexes",
            models::indexes::a::SCHEMA,
            models::indexes::b::SCHEMA,
        ),
        (
            "actions",
            models::actions::a::SCHEMA,
            models::actions::b::SCHEMA,
        ),
        (
            "enum",
            models::enum_label::a::SCHEMA,
            models::enum_label::b::SCHEMA,
        ),
        (
            "rename",
            models::rename::a::SCHEMA,
            models::rename::b::SCHEMA,
        ),
        ("cycle", models::cycle::a::SCHEMA, models::cycle::b::SCHEMA),
        ("hub", schema_core::Schema::new(&[]), ontology_hub::HUB),
    ];
    for (what, a, b) in pairs {
        let d = diff(&SchemaState::from_schema(&a), &SchemaState::from_schema(&b));
        assert_formatted(what, &revision_source("002", Some("001"), what, &d));
    }
    let empty = schema_core::autogen::Diff::default();
    assert_formatted(
        "empty",
        &revision_source("005", Some("004"), "by hand", &empty),
    );
    assert_formatted(
        "every step",
        &revision_source("003", Some("002"), "every step", &every_step()),
    );
}

/// Every kind of step and value, with long literals and notes: what the diff never writes
/// (raw SQL, renames) is written as readably.
fn every_step() -> Diff {
    const LONG: &str = "a default long enough that the call holding it cannot stay on one line";
    const COLUMN: ColumnDef = ColumnDef {
        default: Some(DefaultValue::Text(LONG)),
        ..ColumnDef::new("note", SqlType::Varchar(Some(255)))
    };
    const VIEW: RawSql = RawSql {
        sqlite: Some("CREATE VIEW v AS SELECT 1"),
        creates: &[Object::view("v"), Object::trigger("touch", "t")],
        drops: &[Object::index("ix_old", "t")],
        ..RawSql::new("a view and a trigger")
    };
    let steps = vec![
        Step::Sql(RawSql {
            postgres: Some(
                "UPDATE t SET note = 'x' WHERE note IS NULL AND id > 0 AND id < 1000000",
            ),
            mysql: Some("UPDATE t SET note = 'x'"),
            required: true,
            ..RawSql::new("backfill")
        }),
        Step::Sql(VIEW),
        Step::AddCheck {
            table: "t",
            check: CheckDef::new("t_size_positive", "size > 0"),
        },
        Step::AddCheck {
            table: "t",
            check: CheckDef {
                name: "t_kind",
                expr: DialectText {
                    postgres: Some("kind ~ '^[a-z]+$'"),
                    sqlite: Some("kind GLOB '[a-z]*'"),
                    mysql: None,
                },
            },
        },
        Step::DropCheck {
            table: "t",
            name: "t_old",
        },
        Step::SetTableComment {
            table: "t",
            comment: Some("What t holds."),
        },
        Step::CreateSchema { name: "billing" },
        Step::DropSchema { name: "billing" },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetComment(Some("What c holds.")),
        },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetCollation(Some(DialectText::everywhere("C"))),
        },
        Step::CreateIndex {
            table: "t",
            index: IndexDef {
                unique: true,
                descending: &["b"],
                predicate: Some("a IS NOT NULL"),
                method: IndexMethod::Gin,
                include: &["c"],
                nulls_not_distinct: true,
                ..IndexDef::new("ix_t_forms", &["a", "b"])
            },
        },
        Step::CreateIndex {
            table: "t",
            index: IndexDef {
                expr: Some("lower(email)"),
                ..IndexDef::new("ix_t_email", &[])
            },
        },
        Step::RenameTable {
            from: "old_name",
            to: "new_name",
        },
        Step::RenameColumn {
            table: "t",
            from: "a",
            to: "b",
        },
        Step::DropIndex {
            table: "t",
            name: "ix",
            if_exists: true,
        },
        Step::AddColumn {
            table: "t",
            column: COLUMN,
        },
        Step::AlterColumn {
            table: "a_table_with_a_rather_long_name",
            column: "a_column_with_a_long_name",
            change: ColumnChange::SetDefault(Some(DefaultValue::Text(LONG))),
        },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetNullable(true),
        },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetDefault(Some(DefaultValue::Null)),
        },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetDefault(Some(DefaultValue::Bool(false))),
        },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetDefault(Some(DefaultValue::Number("1.5"))),
        },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetDefault(Some(DefaultValue::Expr("CURRENT_TIMESTAMP"))),
        },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetDefault(Some(DefaultValue::PerDialect(&DialectText {
                postgres: Some("gen_random_uuid()"),
                sqlite: Some("(randomblob(16))"),
                mysql: None,
            }))),
        },
        Step::AlterColumn {
            table: "t",
            column: "id",
            change: ColumnChange::SetIdentity(Some(Identity {
                kind: IdentityKind::Serial,
                autoincrement: true,
            })),
        },
        Step::AlterColumn {
            table: "t",
            column: "id",
            change: ColumnChange::SetIdentity(None),
        },
        Step::AlterColumn {
            table: "t",
            column: "updated_at",
            change: ColumnChange::SetOnUpdate(Some(OnUpdate {
                value: DefaultValue::Expr("CURRENT_TIMESTAMP"),
                emulated: false,
            })),
        },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetType(SqlType::Array(&SqlType::Numeric(None))),
        },
        Step::AlterColumn {
            table: "t",
            column: "c",
            change: ColumnChange::SetType(SqlType::Char(36)),
        },
        Step::CreateIndex {
            table: "t",
            index: IndexDef {
                unique: true,
                ..IndexDef::new(
                    "ix_t_many",
                    &[
                        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n",
                    ],
                )
            },
        },
        Step::CreateIndex {
            table: "t",
            index: IndexDef::new(
                "ix_t_long",
                &[
                    "first_long_column",
                    "second_long_column",
                    "third_long_column",
                ],
            ),
        },
    ];
    Diff {
        up: steps.clone(),
        down: steps,
        notes: vec![
            "a note long enough to be wrapped over several comment lines, because a reviewer \
             reads it in an editor and rustfmt does not wrap comments: it says what to check"
                .to_owned(),
        ],
    }
}
