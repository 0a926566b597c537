//! A team's workflow, on every backend: two branches joined by a merge revision (each
//! branch's revisions applied once, whichever the database had first; a target on one branch
//! reaching its ancestors only; down to before the fork), a merge refused when the branches
//! conflict, a chain of 20 squashed at 15 (a new database builds the same catalog through the
//! squash; one at 12 goes on through 13..20), and the CI gate and its lock file, with no
//! database.

use schema_core::autogen::{write_revision, NewRevision, RevisionError, Written};
use schema_core::migrate::{heads, Event, Migrator, Revision, Step};
use schema_core::{ColumnDef, IndexDef, SqlType, Table, UniqueDef};
use schema_tests::catalog::snapshot;
use schema_tests::{on_each_backend, TestDb};

use super::versions;

#[path = "../generated/m015_squash.rs"]
mod m015_squash;

fn quiet() -> impl FnMut(&Event) + Send {
    |_| {}
}

async fn column_names(db: &TestDb, table: &str) -> Vec<String> {
    schema_tests::catalog::columns(&db.pool, table)
        .await
        .into_iter()
        .map(|c| c.name)
        .collect()
}

#[derive(Table)]
#[table(name = "board")]
struct Board {
    #[column(primary_key)]
    id: i64,
    name: String,
}

#[derive(Table)]
#[table(name = "card")]
struct Card {
    #[column(primary_key)]
    id: i64,
    #[foreign_key(references = Board::id, on_delete = cascade)]
    board_id: i64,
    title: String,
}

const COLOR: ColumnDef = ColumnDef {
    nullable: true,
    ..ColumnDef::new("color", SqlType::Varchar(Some(20)))
};

const M1: Revision = Revision {
    id: "001",
    parent: None,
    message: "boards",
    up: &[Step::CreateTable(&<Board as Table>::DEF)],
    down: &[Step::DropTable { table: "board" }],
};

/// One branch: a column.
const M2A: Revision = Revision {
    id: "002a",
    parent: Some("001"),
    message: "board colour",
    up: &[Step::AddColumn {
        table: "board",
        column: COLOR,
    }],
    down: &[Step::DropColumn {
        table: "board",
        column: "color",
        if_exists: false,
    }],
};

/// The other: a table.
const M2B: Revision = Revision {
    id: "002b",
    parent: Some("001"),
    message: "cards",
    up: &[Step::CreateTable(&<Card as Table>::DEF)],
    down: &[Step::DropTable { table: "card" }],
};

const M3: Revision = Revision {
    id: "003",
    parent: Some("002a+002b"),
    message: "merge",
    up: &[],
    down: &[],
};

static MERGED: [Revision; 4] = [M1, M2A, M2B, M3];
static BRANCH_B: [Revision; 2] = [M1, M2B];
static UNMERGED: [Revision; 3] = [M1, M2A, M2B];

#[tokio::test(flavor = "current_thread")]
async fn a_merge_revision_joins_two_branches_on_every_database() {
    on_each_backend("team_merge", |db| async move {
        let d = db.dialect.name();
        let merged = Migrator::new(&MERGED).unwrap();
        assert_eq!(
            merged.upgrade(&db.url, "head", &mut quiet()).await.unwrap(),
            Some("003"),
            "{d}"
        );
        assert_eq!(versions(&db).await, ["001", "002a", "002b", "003"], "{d}");
        assert_eq!(
            column_names(&db, "board").await,
            ["id", "name", "color"],
            "{d}"
        );
        let at_head = snapshot(&db.pool).await;

        // Down to before the fork: both branches reverted.
        assert_eq!(
            merged
                .downgrade(&db.url, "001", &mut quiet())
                .await
                .unwrap(),
            Some("001"),
            "{d}"
        );
        assert_eq!(versions(&db).await, ["001"], "{d}");
        assert_eq!(column_names(&db, "board").await, ["id", "name"], "{d}");
        assert!(
            !db.pool
                .table_names()
                .await
                .unwrap()
                .contains(&"card".to_owned()),
            "{d}"
        );

        // A target on one branch reaches its ancestors only.
        assert_eq!(
            merged.upgrade(&db.url, "002b", &mut quiet()).await.unwrap(),
            Some("002b"),
            "{d}"
        );
        assert_eq!(versions(&db).await, ["001", "002b"], "{d}");
        let status = merged.status(&db.url).await.unwrap();
        assert_eq!(status.heads, ["002b"], "{d}");
        assert_eq!(status.pending, ["002a", "003"], "{d}");

        // Then the rest, once each.
        assert_eq!(
            merged.upgrade(&db.url, "head", &mut quiet()).await.unwrap(),
            Some("003"),
            "{d}"
        );
        assert_eq!(snapshot(&db.pool).await, at_head, "{d}");

        // A database the other branch's binary migrated goes on from where it is.
        let other = TestDb::create_like(&db, "team_merge_b").await;
        Migrator::new(&BRANCH_B)
            .unwrap()
            .upgrade(&other.url, "head", &mut quiet())
            .await
            .unwrap();
        let mut started = Vec::new();
        let at = merged
            .upgrade(&other.url, "head", &mut |e: &Event| {
                if let Event::RevisionStart { id, .. } = e {
                    started.push(*id);
                }
            })
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(at, Some("003"), "{d}");
        assert_eq!(
            started,
            ["002a", "003"],
            "{d}: each branch's revisions once"
        );
        assert_eq!(snapshot(&other.pool).await, at_head, "{d}");
        other.destroy().await;

        assert_eq!(
            merged
                .downgrade(&db.url, "base", &mut quiet())
                .await
                .unwrap(),
            None,
            "{d}"
        );
        assert_eq!(
            db.pool.table_names().await.unwrap(),
            ["schema_migrations"],
            "{d}"
        );
    })
    .await;
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("team_{}_{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn merge_request(dir: &std::path::Path) -> NewRevision<'_> {
    NewRevision {
        autogenerate: false,
        message: "merge",
        dir,
        id: None,
        online: false,
        merge: true,
        squash: None,
    }
}

const COLOR_TEXT: ColumnDef = ColumnDef {
    nullable: true,
    ..ColumnDef::new("color", SqlType::Text)
};

static BOTH_ADD_COLOR: [Revision; 3] = [
    M1,
    M2A,
    Revision {
        id: "002b",
        parent: Some("001"),
        message: "another colour",
        up: &[Step::AddColumn {
            table: "board",
            column: COLOR_TEXT,
        }],
        down: &[],
    },
];

static DROP_AND_ALTER: [Revision; 3] = [
    M1,
    M2A,
    Revision {
        id: "002b",
        parent: Some("001"),
        message: "no more boards",
        up: &[Step::DropTable { table: "board" }],
        down: &[],
    },
];

/// `revision --merge` writes the merge of the two heads, and refuses, before anything runs,
/// branches that both add a column or where one drops what the other alters.
#[test]
fn revision_merge_writes_the_join_or_names_the_conflict() {
    assert_eq!(heads(&UNMERGED), ["002a", "002b"]);
    assert_eq!(heads(&MERGED), ["003"]);
    let dir = scratch("merge");
    let written = write_revision(&merge_request(&dir), &UNMERGED, None).unwrap();
    let Written::Revision {
        id, parent, path, ..
    } = written
    else {
        panic!("nothing written");
    };
    assert_eq!((id.as_str(), parent.as_deref()), ("003", Some("002a+002b")));
    let source = std::fs::read_to_string(path).unwrap();
    assert!(source.contains("parent: Some(\"002a+002b\")"), "{source}");

    for (revisions, expected) in [
        (&BOTH_ADD_COLOR, "board.color: revision 002a (add column board.color) and revision 002b (add column board.color)"),
        (&DROP_AND_ALTER, "table board: revision 002a (add column board.color) and revision 002b (drop table board)"),
    ] {
        let dir = scratch("conflict");
        let error = write_revision(&merge_request(&dir), revisions, None).unwrap_err();
        assert!(matches!(error, RevisionError::MergeConflicts(_)), "{error}");
        assert!(error.to_string().contains(expected), "{error}");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing written");
    }
    let error = write_revision(&merge_request(&dir), &MERGED, None).unwrap_err();
    assert!(
        matches!(error, RevisionError::NothingToMerge(Some(ref h)) if h == "003"),
        "{error}"
    );
    // The chain itself refuses two heads, pointing at the fix.
    let error = Migrator::new(&UNMERGED).unwrap_err().to_string();
    assert!(
        error.contains("002a, 002b") && error.contains("revision --merge"),
        "{error}"
    );
}

#[derive(Table)]
#[table(name = "account")]
struct Account {
    #[column(primary_key)]
    id: i64,
    name: String,
}

#[derive(Table)]
#[table(name = "project")]
struct Project {
    #[column(primary_key)]
    id: i64,
    #[foreign_key(references = Account::id, on_delete = cascade)]
    account_id: i64,
    title: String,
}

#[derive(Table)]
#[table(name = "tag")]
struct Tag {
    #[column(primary_key)]
    id: i64,
    label: String,
}

const fn nullable(name: &'static str, sql_type: SqlType) -> ColumnDef {
    ColumnDef {
        nullable: true,
        ..ColumnDef::new(name, sql_type)
    }
}

/// Revision `$id` (after `$parent`) adding the nullable integer column `$column` to `$table`.
macro_rules! add_column {
    ($name:ident, $id:literal, $parent:literal, $table:literal, $column:literal) => {
        const $name: Revision = Revision {
            id: $id,
            parent: Some($parent),
            message: concat!("add ", $table, ".", $column),
            up: &[Step::AddColumn {
                table: $table,
                column: nullable($column, SqlType::Integer),
            }],
            down: &[Step::DropColumn {
                table: $table,
                column: $column,
                if_exists: false,
            }],
        };
    };
}

const L01: Revision = Revision {
    id: "001",
    parent: None,
    message: "accounts",
    up: &[Step::CreateTable(&<Account as Table>::DEF)],
    down: &[Step::DropTable { table: "account" }],
};
const L02: Revision = Revision {
    id: "002",
    parent: Some("001"),
    message: "account email",
    up: &[Step::AddColumn {
        table: "account",
        column: nullable("email", SqlType::Varchar(Some(200))),
    }],
    down: &[Step::DropColumn {
        table: "account",
        column: "email",
        if_exists: false,
    }],
};
const L03: Revision = Revision {
    id: "003",
    parent: Some("002"),
    message: "projects",
    up: &[Step::CreateTable(&<Project as Table>::DEF)],
    down: &[Step::DropTable { table: "project" }],
};
const L04: Revision = Revision {
    id: "004",
    parent: Some("003"),
    message: "project titles indexed",
    up: &[Step::CreateIndex {
        table: "project",
        index: IndexDef::new("ix_project_title", &["title"]),
    }],
    down: &[Step::DropIndex {
        table: "project",
        name: "ix_project_title",
        if_exists: false,
    }],
};
add_column!(L05, "005", "004", "project", "budget");
add_column!(L06, "006", "005", "account", "note");
const L07: Revision = Revision {
    id: "007",
    parent: Some("006"),
    message: "no account note after all",
    up: &[Step::DropColumn {
        table: "account",
        column: "note",
        if_exists: false,
    }],
    down: &[Step::AddColumn {
        table: "account",
        column: nullable("note", SqlType::Integer),
    }],
};
const L08: Revision = Revision {
    id: "008",
    parent: Some("007"),
    message: "tags",
    up: &[Step::CreateTable(&<Tag as Table>::DEF)],
    down: &[Step::DropTable { table: "tag" }],
};
const L09: Revision = Revision {
    id: "009",
    parent: Some("008"),
    message: "one tag per label",
    up: &[Step::AddUnique {
        table: "tag",
        unique: UniqueDef::new("uq_tag_label", &["label"]),
    }],
    down: &[Step::DropUnique {
        table: "tag",
        name: "uq_tag_label",
    }],
};
add_column!(L10, "010", "009", "tag", "c10");
add_column!(L11, "011", "010", "tag", "c11");
add_column!(L12, "012", "011", "tag", "c12");
add_column!(L13, "013", "012", "tag", "c13");
add_column!(L14, "014", "013", "project", "c14");
add_column!(L15, "015", "014", "account", "c15");
add_column!(L16, "016", "015", "tag", "c16");
add_column!(L17, "017", "016", "project", "c17");
add_column!(L18, "018", "017", "account", "c18");
add_column!(L19, "019", "018", "tag", "c19");
add_column!(L20, "020", "019", "project", "c20");

static LONG: [Revision; 20] = [
    L01, L02, L03, L04, L05, L06, L07, L08, L09, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19,
    L20,
];
static LONG_SQUASHED: [Revision; 21] = [
    L01,
    L02,
    L03,
    L04,
    L05,
    L06,
    L07,
    L08,
    L09,
    L10,
    L11,
    L12,
    L13,
    L14,
    L15,
    L16,
    L17,
    L18,
    L19,
    L20,
    m015_squash::REVISION,
];

/// `revision --squash 015` on the chain of 20 writes `tests/generated/m015_squash.rs`, which
/// this binary compiles. After a deliberate change to the generator, rewrite it with
/// `SQUASH_WRITE_GENERATED=1 cargo test -p schema-tests --test migrate team` and review it.
#[test]
fn revision_squash_writes_the_committed_baseline() {
    let dir = scratch("squash");
    let request = NewRevision {
        squash: Some("015"),
        merge: false,
        message: "Squash of 001-015",
        ..merge_request(&dir)
    };
    let written = write_revision(&request, &LONG, None).unwrap();
    let Written::Revision {
        id,
        parent,
        path,
        diff,
        ..
    } = written
    else {
        panic!("nothing written");
    };
    assert_eq!((id.as_str(), parent), ("015_squash", None));
    assert_eq!(diff.up[0], Step::Squashes { through: "015" });
    let source = std::fs::read_to_string(path).unwrap();
    let committed_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/generated/m015_squash.rs"
    );
    if std::env::var_os("SQUASH_WRITE_GENERATED").is_some() {
        std::fs::write(committed_path, &source).unwrap();
    }
    assert!(
        include_str!("../generated/m015_squash.rs") == source,
        "{committed_path} is not what `revision --squash` writes: rewrite it with SQUASH_WRITE_GENERATED=1 and review it"
    );
    assert_eq!(m015_squash::REVISION.squashes(), Some("015"));
    // The squash replays to the chain at 015.
    let squashed = Migrator::new(&LONG_SQUASHED).unwrap();
    let first = squashed.chain().revisions()[0];
    assert_eq!(first.id, "015_squash");
    let mut state = schema_core::model::SchemaState::default();
    state.apply_all(first.up).unwrap();
    assert_eq!(
        state,
        Migrator::new(&LONG)
            .unwrap()
            .chain()
            .replay(Some(14))
            .unwrap()
    );
    // A second squash is refused.
    let again = write_revision(&request, &LONG_SQUASHED, None).unwrap_err();
    assert!(
        matches!(again, RevisionError::AlreadySquashed(_)),
        "{again}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_squashed_chain_builds_the_same_catalog_and_old_databases_go_on() {
    on_each_backend("team_squash", |db| async move {
        let d = db.dialect.name();
        let original = Migrator::new(&LONG).unwrap();
        let squashed = Migrator::new(&LONG_SQUASHED).unwrap();
        // The original chain, on a database of its own.
        let reference = TestDb::create_like(&db, "team_squash_ref").await;
        original
            .upgrade(&reference.url, "head", &mut quiet())
            .await
            .unwrap();
        let built = snapshot(&reference.pool).await;
        reference.destroy().await;

        // A new database runs the squash, then 016..020.
        let mut started = Vec::new();
        let at = squashed
            .upgrade(&db.url, "head", &mut |e: &Event| {
                if let Event::RevisionStart { id, .. } = e {
                    started.push(*id);
                }
            })
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(at, Some("020"), "{d}");
        assert_eq!(
            started,
            ["015_squash", "016", "017", "018", "019", "020"],
            "{d}"
        );
        assert_eq!(snapshot(&db.pool).await, built, "{d}: the same catalog");
        assert_eq!(
            squashed.status(&db.url).await.unwrap().pending.len(),
            0,
            "{d}"
        );
        assert_eq!(
            squashed
                .downgrade(&db.url, "base", &mut quiet())
                .await
                .unwrap(),
            None,
            "{d}"
        );
        assert_eq!(
            db.pool.table_names().await.unwrap(),
            ["schema_migrations"],
            "{d}"
        );

        // A database at 012 goes on through 013..020, its rows kept.
        let old = TestDb::create_like(&db, "team_squash_old").await;
        original
            .upgrade(&old.url, "012", &mut quiet())
            .await
            .unwrap();
        let mut started = Vec::new();
        let at = squashed
            .upgrade(&old.url, "head", &mut |e: &Event| {
                if let Event::RevisionStart { id, .. } = e {
                    started.push(*id);
                }
            })
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(at, Some("020"), "{d}");
        assert_eq!(started.first(), Some(&"013"), "{d}: {started:?}");
        assert_eq!(started.len(), 8, "{d}: {started:?}");
        let rows = versions(&old).await;
        assert_eq!(rows.len(), 20, "{d}: {rows:?}");
        assert!(!rows.contains(&"015_squash".to_owned()), "{d}");
        assert_eq!(snapshot(&old.pool).await, built, "{d}");
        // An explicit stamp moves it onto the squash's path.
        squashed
            .stamp(&old.url, "head", &mut quiet())
            .await
            .unwrap();
        assert_eq!(
            versions(&old).await.first().map(String::as_str),
            Some("015_squash"),
            "{d}"
        );
        assert_eq!(
            squashed.status(&old.url).await.unwrap().current,
            Some("020"),
            "{d}"
        );
        old.destroy().await;
    })
    .await;
}

/// The CI gate on the hub, with no database: no lock file, then locked and passing; an edited
/// revision, a revision not locked, a missing merge and models ahead of the chain each fail
/// with the command that fixes it.
#[test]
fn the_offline_gate_fails_on_an_edit_two_heads_or_models_ahead() {
    use schema_core::drift::{gate, write_lock, GateFailure};
    use schema_core::migrate::LockProblem;
    let revisions = ontology_hub::migrations::REVISIONS;
    let models = Some(&ontology_hub::HUB);
    let dir = scratch("gate");
    let lock = dir.join("schema.lock");
    let failures = gate(revisions, models, &lock);
    assert!(
        matches!(failures[..], [GateFailure::NoLockFile(_)]),
        "{failures:?}"
    );
    assert!(
        failures[0].to_string().contains("run `lock --lock"),
        "{}",
        failures[0]
    );
    let locked = write_lock(revisions, &lock, false).unwrap();
    assert_eq!(locked.added, ["001", "002", "003", "004"]);
    assert!(gate(revisions, models, &lock).is_empty());

    // 003 edited after it was locked: its recorded checksum differs.
    let text = std::fs::read_to_string(&lock).unwrap();
    let edited = text.replace(&revisions[2].checksum(), &"0".repeat(64));
    std::fs::write(&lock, &edited).unwrap();
    let failures = gate(revisions, models, &lock);
    let [GateFailure::Lock(problems)] = &failures[..] else {
        panic!("{failures:?}");
    };
    assert_eq!(
        problems,
        &[LockProblem::Edited {
            revision: "003".into()
        }]
    );
    assert!(
        failures[0].to_string().contains("new revision"),
        "{}",
        failures[0]
    );
    // `lock` does not paper over it without --force.
    assert!(write_lock(revisions, &lock, false).is_err());
    assert_eq!(std::fs::read_to_string(&lock).unwrap(), edited);
    assert_eq!(
        write_lock(revisions, &lock, true).unwrap().replaced,
        ["003"]
    );

    // A revision added but not locked.
    let without_004: String = text
        .lines()
        .filter(|l| !l.starts_with("004 "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&lock, without_004).unwrap();
    let failures = gate(revisions, models, &lock);
    assert!(
        failures[0]
            .to_string()
            .contains("revision 004 is not in the lock file"),
        "{}",
        failures[0]
    );
    write_lock(revisions, &lock, false).unwrap();

    // Two heads; the models ahead of the chain.
    let failures = gate(&UNMERGED, None, &lock);
    assert!(
        failures[0].to_string().contains("revision --merge"),
        "{}",
        failures[0]
    );
    let fewer = schema_core::Schema::new(&ontology_hub::HUB.tables[1..]);
    let failures = gate(revisions, Some(&fewer), &lock);
    assert!(
        matches!(failures[..], [GateFailure::Models(_)]),
        "{failures:?}"
    );
    assert!(
        failures[0].to_string().contains("revision --autogenerate"),
        "{}",
        failures[0]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The models after the merge: `board` with 002a's colour, and 002b's `card`.
mod merged_models {
    use schema_core::Table;

    #[derive(Table)]
    #[table(name = "board")]
    pub struct Board {
        #[column(primary_key)]
        pub id: i64,
        pub name: String,
        #[column(sql_type = "VARCHAR(20)")]
        pub color: Option<String>,
    }

    #[derive(Table)]
    #[table(name = "card")]
    pub struct Card {
        #[column(primary_key)]
        pub id: i64,
        #[foreign_key(references = Board::id, on_delete = cascade)]
        pub board_id: i64,
        pub title: String,
    }

    schema_core::schema! { pub const MODELS = [Board, Card]; }
}

/// The drift proof and autogenerate replay the merged chain: both branches' changes, once.
#[test]
fn the_drift_proof_and_autogenerate_follow_the_merge() {
    let differences = schema_core::drift::check_chain(&MERGED, &merged_models::MODELS).unwrap();
    assert!(differences.is_empty(), "{differences:?}");
    // Without the merge's second branch, the proof sees `card` missing.
    let one_branch = schema_core::drift::check_chain(&BRANCH_B, &merged_models::MODELS).unwrap();
    assert!(
        one_branch.iter().any(|d| d.to_string().contains("color")),
        "{one_branch:?}"
    );
    let dir = scratch("autogen_merged");
    let request = NewRevision {
        autogenerate: true,
        merge: false,
        ..merge_request(&dir)
    };
    let written = write_revision(&request, &MERGED, Some(&merged_models::MODELS)).unwrap();
    assert!(
        matches!(written, Written::NoChanges { at: Some("003") }),
        "{written:?}"
    );
}
