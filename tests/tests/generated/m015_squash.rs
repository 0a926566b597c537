//! Revision 015_squash: Squash of 001-015
//!
//! Written by `revision --squash 015`: the chain replayed at 015, which new
//! databases run instead of 015 and every revision before it. Keep those for the
//! databases that applied them.
//! Frozen: once applied anywhere, never edit it to follow the models; write a new
//! revision instead.

use schema_core::migrate::{Revision, Step};
use schema_core::{
    ColumnDef, ForeignKeyDef, IndexDef, PrimaryKeyDef, ReferentialAction, SqlType, TableDef,
    UniqueDef,
};

const ACCOUNT: TableDef = TableDef::new(
    "account",
    "account",
    &[
        ColumnDef::new("id", SqlType::BigInt),
        ColumnDef::new("name", SqlType::Varchar(None)),
        ColumnDef {
            nullable: true,
            ..ColumnDef::new("email", SqlType::Varchar(Some(200)))
        },
        ColumnDef {
            nullable: true,
            ..ColumnDef::new("c15", SqlType::Integer)
        },
    ],
    PrimaryKeyDef {
        name: "account_pkey",
        columns: &["id"],
    },
);

const PROJECT: TableDef = TableDef {
    foreign_keys: &[ForeignKeyDef {
        on_delete: ReferentialAction::Cascade,
        ..ForeignKeyDef::new(
            "project_account_id_fkey",
            &["account_id"],
            "account",
            &["id"],
        )
    }],
    ..TableDef::new(
        "project",
        "project",
        &[
            ColumnDef::new("id", SqlType::BigInt),
            ColumnDef::new("account_id", SqlType::BigInt),
            ColumnDef::new("title", SqlType::Varchar(None)),
            ColumnDef {
                nullable: true,
                ..ColumnDef::new("budget", SqlType::Integer)
            },
            ColumnDef {
                nullable: true,
                ..ColumnDef::new("c14", SqlType::Integer)
            },
        ],
        PrimaryKeyDef {
            name: "project_pkey",
            columns: &["id"],
        },
    )
};

const TAG: TableDef = TableDef {
    uniques: &[UniqueDef::new("uq_tag_label", &["label"])],
    ..TableDef::new(
        "tag",
        "tag",
        &[
            ColumnDef::new("id", SqlType::BigInt),
            ColumnDef::new("label", SqlType::Varchar(None)),
            ColumnDef {
                nullable: true,
                ..ColumnDef::new("c10", SqlType::Integer)
            },
            ColumnDef {
                nullable: true,
                ..ColumnDef::new("c11", SqlType::Integer)
            },
            ColumnDef {
                nullable: true,
                ..ColumnDef::new("c12", SqlType::Integer)
            },
            ColumnDef {
                nullable: true,
                ..ColumnDef::new("c13", SqlType::Integer)
            },
        ],
        PrimaryKeyDef {
            name: "tag_pkey",
            columns: &["id"],
        },
    )
};

/// Revision 015_squash.
pub const REVISION: Revision = Revision {
    id: "015_squash",
    parent: None,
    message: "Squash of 001-015",
    up: &[
        Step::Squashes { through: "015" },
        Step::CreateTable(&ACCOUNT),
        Step::CreateTable(&PROJECT),
        Step::CreateIndex {
            table: "project",
            index: IndexDef::new("ix_project_title", &["title"]),
        },
        Step::CreateTable(&TAG),
    ],
    down: &[
        // DESTRUCTIVE: drop table tag
        Step::DropTable { table: "tag" },
        // DESTRUCTIVE: drop table project
        Step::DropTable { table: "project" },
        // DESTRUCTIVE: drop table account
        Step::DropTable { table: "account" },
    ],
};
