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

/// `psql` on `url`, its output (a failure names the statement).
fn psql(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .args([url, "-v", "ON_ERROR_STOP=1", "-tAc", sql])
        .output()
        .unwrap_or_else(|e| panic!("psql: {e}"));
    assert!(
        out.status.success(),
        "{sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A step that runs over a second (004's `ADD CONSTRAINT` waits behind a lock another
/// session holds) shows a spinner when the output is a terminal (`script` gives the binary
/// one); with `--json` on the same terminal, every line is still JSON and nothing is drawn.
#[test]
fn a_slow_step_shows_a_spinner_on_a_terminal_and_never_with_json() {
    let Ok(server) = std::env::var("TEST_POSTGRES_URL") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "TEST_POSTGRES_URL is not set: under CI it must be"
        );
        eprintln!("skipped: TEST_POSTGRES_URL is not set");
        return;
    };
    let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b);
    for json in [false, true] {
        let name = format!("hub_cli_spinner_{}_{json}", std::process::id());
        let url = format!("{base}/{name}");
        psql(&server, &format!("DROP DATABASE IF EXISTS {name}"));
        psql(&server, &format!("CREATE DATABASE {name}"));
        let setup = hub()
            .args(["upgrade", "003", "--database-url", &url])
            .output()
            .unwrap();
        assert!(
            setup.status.success(),
            "{}",
            String::from_utf8_lossy(&setup.stderr)
        );
        // SHARE lets 004's pre-check read the table and makes its ALTER wait.
        let mut holder = Command::new("psql")
            .args([&url, "-v", "ON_ERROR_STOP=1", "-qc"])
            .arg("BEGIN; LOCK TABLE draft_change IN SHARE MODE; SELECT pg_sleep(2.5); COMMIT;")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let held = "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation \
                    WHERE c.relname = 'draft_change' AND l.mode = 'ShareLock' AND l.granted";
        while psql(&url, held) != "1" {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let flag = if json { "--json " } else { "" };
        let command = format!(
            "{} upgrade {flag}--database-url {url}",
            env!("CARGO_BIN_EXE_ontology-hub")
        );
        let out = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .output()
            .unwrap();
        assert!(holder.wait().unwrap().success());
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{text}");
        if json {
            assert!(!text.contains('\u{1b}'), "drawn under --json: {text:?}");
            let events = json_lines(text.replace('\r', "").as_bytes());
            assert!(events.iter().any(|e| e["event"] == "step_start"), "{text}");
        } else {
            // What follows an escape sequence was drawn (the step's own line has none).
            let spinner = text
                .split('\u{1b}')
                .skip(1)
                .any(|drawn| drawn.contains("[1/1] add unique"));
            assert!(spinner, "no spinner drawn: {text:?}");
            assert!(text.contains("done 004"), "{text}");
        }
        psql(&server, &format!("DROP DATABASE {name}"));
    }
}

/// The CI gate on the hub's committed lock file passes with no database; with a locked
/// checksum edited it exits non-zero naming the revision and the fix.
#[test]
fn check_offline_passes_on_the_committed_lock_and_fails_on_an_edit() {
    let committed = concat!(env!("CARGO_MANIFEST_DIR"), "/src/migrations/schema.lock");
    let out = hub()
        .args(["check", "--offline", "--lock", committed])
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("ok: one head"), "{stdout}");

    let dir = scratch("gate");
    let edited = dir.join("schema.lock");
    let text = std::fs::read_to_string(committed).unwrap();
    let line = text.lines().find(|l| l.starts_with("002 ")).unwrap();
    std::fs::write(
        &edited,
        text.replace(line, &format!("002 {}", "f".repeat(64))),
    )
    .unwrap();
    let out = hub()
        .args(["check", "--offline", "--lock"])
        .arg(&edited)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("revision 002 was edited after it was locked"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
