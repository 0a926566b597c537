//! The chains of the tests that kill a runner (T05, T23), shared with the child process that
//! runs them (`src/bin/runner_child.rs`).

use schema_core::migrate::{RawSql, Revision, Step};
use schema_core::{ColumnDef, PrimaryKeyDef, SqlType, TableDef};

/// `parent (id BIGINT PRIMARY KEY)`: the table the migration tests hang the rest on.
pub const PARENT: TableDef = TableDef::new(
    "parent",
    "Parent",
    &[ColumnDef::new("id", SqlType::BigInt)],
    PrimaryKeyDef {
        name: "parent_pkey",
        columns: &["id"],
    },
);
const CHILD: TableDef = TableDef::new(
    "child",
    "Child",
    &[ColumnDef::new("id", SqlType::BigInt)],
    PrimaryKeyDef {
        name: "child_pkey",
        columns: &["id"],
    },
);
const EXTRA: TableDef = TableDef::new(
    "extra",
    "Extra",
    &[ColumnDef::new("id", SqlType::BigInt)],
    PrimaryKeyDef {
        name: "extra_pkey",
        columns: &["id"],
    },
);

/// The column 002's second step adds to `parent` (where another session's lock holds it up).
pub const NOTE: ColumnDef = ColumnDef {
    nullable: true,
    ..ColumnDef::new("note", SqlType::Text)
};

const R001: Revision = Revision {
    id: "001",
    parent: None,
    message: "parent",
    up: &[Step::CreateTable(&PARENT)],
    down: &[Step::DropTable { table: "parent" }],
};

/// 002: create `child`; add `parent.note`, which a lock on `parent` holds up; create `extra`.
pub static BLOCKED: [Revision; 2] = [
    R001,
    Revision {
        id: "002",
        parent: Some("001"),
        message: "three steps, the second one held up",
        up: &[
            Step::CreateTable(&CHILD),
            Step::AddColumn {
                table: "parent",
                column: NOTE,
            },
            Step::CreateTable(&EXTRA),
        ],
        down: &[
            Step::DropTable { table: "extra" },
            Step::DropColumn {
                table: "parent",
                column: "note",
                if_exists: false,
            },
            Step::DropTable { table: "child" },
        ],
    },
];

/// A query SQLite takes seconds over: what holds a SQLite step up.
const SLOW: &str =
    "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10000000) \
                    SELECT COUNT(*) FROM g";

/// 002 for SQLite: create `child`; a step that takes seconds; create `extra`.
pub static SLOW_SQLITE: [Revision; 2] = [
    R001,
    Revision {
        id: "002",
        parent: Some("001"),
        message: "three steps, the second one slow",
        up: &[
            Step::CreateTable(&CHILD),
            Step::Sql(RawSql {
                sqlite: Some(SLOW),
                required: true,
                ..RawSql::new("count to ten million")
            }),
            Step::CreateTable(&EXTRA),
        ],
        down: &[
            Step::DropTable { table: "extra" },
            Step::DropTable { table: "child" },
        ],
    },
];
