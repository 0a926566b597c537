//! `revision --autogenerate` (`schema_core::cli::new_revision`): the file it writes, and what it
//! refuses.

use std::path::PathBuf;

use schema_core::autogen::codegen::revision_source;
use schema_core::autogen::diff;
use schema_core::cli::{new_revision, next_id, CliError, NewRevision};
use schema_core::migrate::Revision;
use schema_core::model::SchemaState;

use super::{initial, kitchen_sink, leak};

/// A fresh directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("drift_cli_{}_{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn run(
    request: &NewRevision<'_>,
    revisions: &'static [Revision],
    schema: &schema_core::Schema,
) -> (Result<(), CliError>, String) {
    let mut out = Vec::new();
    let result = new_revision(request, revisions, Some(schema), &mut out);
    (result, String::from_utf8_lossy(&out).into_owned())
}

#[test]
fn the_next_id_follows_the_head() {
    assert_eq!(next_id(None).as_deref(), Some("001"));
    assert_eq!(next_id(Some("004")).as_deref(), Some("005"));
    assert_eq!(next_id(Some("099")).as_deref(), Some("100"));
    assert_eq!(next_id(Some("9")).as_deref(), Some("10"));
    assert_eq!(next_id(Some("0042")).as_deref(), Some("0043"));
    assert_eq!(next_id(Some("add_users")), None);
    assert_eq!(next_id(Some("")), None);
}

#[test]
fn autogenerate_writes_the_next_revision_and_never_overwrites_it() {
    let case = kitchen_sink();
    let revisions = leak(vec![initial(&case.a)]);
    let dir = scratch("write");
    let request = NewRevision {
        autogenerate: true,
        message: "kitchen sink",
        dir: &dir,
        id: None,
        online: false,
        merge: false,
        squash: None,
    };
    let (result, out) = run(&request, revisions, &case.b);
    result.unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("m002.rs");
    let written = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let expected = diff(
        &SchemaState::from_schema(&case.a),
        &SchemaState::from_schema(&case.b),
    );
    assert_eq!(
        written,
        revision_source("002", Some("001"), "kitchen sink", &expected)
    );
    assert!(
        out.starts_with("revision 002 (parent 001): kitchen sink\n"),
        "{out}"
    );
    assert!(
        out.contains("    drop table legacy  (DESTRUCTIVE)\n"),
        "{out}"
    );
    assert!(out.contains("    create table tag\n"), "{out}");
    assert!(out.contains(&format!("wrote {}", path.display())), "{out}");
    assert!(
        out.contains("`pub mod m002;`") && out.contains("`m002::REVISION`"),
        "{out}"
    );

    // Again: the file is there, and stays as it was.
    std::fs::write(&path, "// reviewed and edited\n").unwrap_or_else(|e| panic!("{e}"));
    let (result, _) = run(&request, revisions, &case.b);
    let error = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("exists: not overwriting it"), "{error}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        "// reviewed and edited\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `revision --autogenerate --online`: the steps on existing tables are written online.
#[test]
fn autogenerate_online_writes_the_online_forms() {
    let case = kitchen_sink();
    let revisions = leak(vec![initial(&case.a)]);
    let dir = scratch("write_online");
    let request = NewRevision {
        autogenerate: true,
        message: "kitchen sink",
        dir: &dir,
        id: None,
        online: true,
        merge: false,
        squash: None,
    };
    let (result, out) = run(&request, revisions, &case.b);
    result.unwrap_or_else(|e| panic!("{e}"));
    let written = std::fs::read_to_string(dir.join("m002.rs")).unwrap_or_else(|e| panic!("{e}"));
    let expected = schema_core::autogen::diff_with(
        &SchemaState::from_schema(&case.a),
        &SchemaState::from_schema(&case.b),
        schema_core::autogen::DiffOptions { online: true },
    );
    assert_eq!(
        written,
        revision_source("002", Some("001"), "kitchen sink", &expected)
    );
    assert!(
        written.contains("Step::Online(&Step::CreateIndex {"),
        "{written}"
    );
    assert!(out.contains("(online)"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_changes_writes_nothing() {
    let case = kitchen_sink();
    let revisions = leak(vec![initial(&case.a)]);
    let dir = scratch("none");
    let request = NewRevision {
        autogenerate: true,
        message: "nothing",
        dir: &dir,
        id: None,
        online: false,
        merge: false,
        squash: None,
    };
    let (result, out) = run(&request, revisions, &case.a);
    result.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        out,
        "no changes: the chain at 001 matches the models; nothing written\n"
    );
    assert!(!dir.join("m002.rs").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ids_it_cannot_guess_or_use_are_refused() {
    let case = kitchen_sink();
    let dir = scratch("ids");
    let named = leak(vec![Revision {
        id: "initial",
        ..initial(&case.a)
    }]);
    let request = NewRevision {
        autogenerate: true,
        message: "m",
        dir: &dir,
        id: None,
        online: false,
        merge: false,
        squash: None,
    };
    let (result, _) = run(&request, named, &case.b);
    let error = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        error.contains("is not a number: give the new one an id with --id"),
        "{error}"
    );
    for bad in ["initial", "two words", ""] {
        let (result, _) = run(
            &NewRevision {
                id: Some(bad),
                ..request
            },
            named,
            &case.b,
        );
        assert!(result.is_err(), "{bad:?}");
    }
    // Without --autogenerate: an empty revision to fill in by hand.
    let (result, _) = run(
        &NewRevision {
            autogenerate: false,
            id: Some("manual_1"),
            ..request
        },
        named,
        &case.b,
    );
    result.unwrap_or_else(|e| panic!("{e}"));
    let written = std::fs::read_to_string(dir.join("mmanual_1.rs")).unwrap_or_default();
    assert!(written.contains("parent: Some(\"initial\")"), "{written}");
    assert!(written.contains("up: &[],\n    down: &[],"), "{written}");
    let _ = std::fs::remove_dir_all(&dir);
}
