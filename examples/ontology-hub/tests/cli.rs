//! The hub's migrator binary as deploy tooling runs it: `upgrade --json` prints one JSON
//! object a line, ending with where the database is; `upgrade --each FILE` migrates every
//! database listed, reports the broken one and exits non-zero. SQLite files, no server.

use std::process::Command;

fn hub() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ontology-hub"))
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hub_cli_{}_{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Each line of `stdout` as JSON, or a failure naming the line.
fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

#[test]
fn upgrade_json_is_one_object_a_line() {
    let dir = scratch("json");
    let url = format!("sqlite:{}", dir.join("hub.db").display());
    let out = hub()
        .args(["upgrade", "--json", "--database-url", &url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = json_lines(&out.stdout);
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap_or(""))
        .collect();
    for id in ["001", "002", "003", "004"] {
        assert!(
            events
                .iter()
                .any(|e| e["event"] == "revision_done" && e["id"] == id),
            "{id}: {kinds:?}"
        );
    }
    assert!(kinds.contains(&"step"), "{kinds:?}");
    assert_eq!(events.last().unwrap()["event"], "at");
    assert_eq!(events.last().unwrap()["revision"], "004");

    let again = hub()
        .args(["upgrade", "--json", "--database-url", &url])
        .output()
        .unwrap();
    let events = json_lines(&again.stdout);
    assert!(
        events
            .iter()
            .any(|e| e["event"] == "up_to_date" && e["current"] == "004"),
        "{events:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn upgrade_each_reports_the_broken_database_and_exits_non_zero() {
    let dir = scratch("each");
    let good: Vec<String> = (0..3)
        .map(|i| format!("sqlite:{}", dir.join(format!("t{i}.db")).display()))
        .collect();
    let list = dir.join("tenants.txt");
    std::fs::write(
        &list,
        format!(
            "# tenants\n{}\nsqlite:/nonexistent/dir/t.db\n",
            good.join("\n")
        ),
    )
    .unwrap();
    let out = hub()
        .args(["upgrade", "--each"])
        .arg(&list)
        .args(["--jobs", "2"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("ok ")).count(),
        3,
        "{stdout}"
    );
    assert!(
        stdout.contains("FAILED  sqlite:/nonexistent/dir/t.db"),
        "{stdout}"
    );
    assert!(stdout.contains("4 database(s): 3 ok, 1 failed"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 of 4 database(s) failed"));
    let _ = std::fs::remove_dir_all(&dir);
}
