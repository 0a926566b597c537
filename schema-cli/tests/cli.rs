//! The `schema` binary end to end on SQLite files built with the `sqlite3` client: `inspect`
//! prints the tables, `diff` exits 0 on equal databases and 1 naming what differs, `import`
//! writes the three files and its report, and a bad URL is an error with exit code 2.

use std::path::PathBuf;
use std::process::{Command, Output};

fn schema(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_schema"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running schema: {e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A fresh SQLite file built by the `sqlite3` client from `sql`.
fn database(name: &str, sql: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("schema-cli-{name}-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let status = Command::new("sqlite3")
        .arg(&path)
        .arg(sql)
        .status()
        .unwrap_or_else(|e| panic!("running sqlite3: {e}"));
    assert!(status.success(), "sqlite3 {sql}");
    path
}

const NOTES: &str = "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL DEFAULT '', \
                     author_id INTEGER); CREATE INDEX ix_note_author ON note (author_id);";

#[test]
fn inspect_diff_and_import_work_on_real_files() {
    let a = database("a", NOTES);
    let b = database("b", NOTES);
    let url = |p: &PathBuf| format!("sqlite:{}", p.display());

    let inspect = schema(&["inspect", "--database-url", &url(&a)]);
    assert!(inspect.status.success());
    let printed = stdout(&inspect);
    assert!(
        printed.contains("table note\n") && printed.contains("index ix_note_author (author_id)"),
        "{printed}"
    );

    let same = schema(&["diff", &url(&a), &url(&b)]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
    assert_eq!(stdout(&same), "no differences\n");
    let changed = Command::new("sqlite3")
        .arg(&b)
        .arg("DROP INDEX ix_note_author")
        .status()
        .unwrap();
    assert!(changed.success());
    let differs = schema(&["diff", &url(&a), &url(&b)]);
    assert_eq!(differs.status.code(), Some(1));
    assert_eq!(
        stdout(&differs),
        "index ix_note_author on note: in A, missing in B\n"
    );

    let out = std::env::temp_dir().join(format!("schema-cli-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let imported = schema(&[
        "import",
        "--database-url",
        &url(&a),
        "--out",
        &out.display().to_string(),
    ]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert!(stdout(&imported)
        .starts_with("imported 1 table(s) and 0 enum type(s)\n  table note -> Note\n"));
    let models = std::fs::read_to_string(out.join("models.rs")).unwrap();
    assert!(
        models.contains("pub struct Note {") && models.contains("pub const SCHEMA = [Note];"),
        "{models}"
    );
    for file in ["migrations/mod.rs", "migrations/m001.rs"] {
        assert!(out.join(file).is_file(), "{file}");
    }

    let refused = schema(&["inspect", "--database-url", "nosuch://x"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).starts_with("error: "));

    for p in [a, b] {
        let _ = std::fs::remove_file(p);
    }
    let _ = std::fs::remove_dir_all(out);
}
