//! Pre-checks, on every backend: a revision whose steps the rows already there would break (a
//! NOT NULL column added without a default, NOT NULL over NULLs, UNIQUE over duplicates, a
//! foreign key over orphans, a CHECK the rows violate, text narrowed below values it holds) is
//! refused before its first statement,
//! naming table, column and row count, and the database stays exactly at its parent (MariaDB,
//! which commits each DDL, too).

use schema_core::migrate::{ColumnChange, Event, MigrateError, Migrator, Revision, Step};
use schema_core::{
    CheckDef, ColumnDef, ForeignKeyDef, PrimaryKeyDef, SqlType, TableDef, UniqueDef,
};
use schema_tests::catalog::snapshot;
use schema_tests::kill::PARENT;
use schema_tests::{execute, on_each_backend, strings};

const ITEM: TableDef = TableDef::new(
    "item",
    "Item",
    &[
        ColumnDef::new("id", SqlType::BigInt),
        ColumnDef {
            nullable: true,
            ..ColumnDef::new("name", SqlType::Varchar(Some(20)))
        },
        ColumnDef {
            nullable: true,
            ..ColumnDef::new("parent_id", SqlType::BigInt)
        },
        ColumnDef::new("qty", SqlType::Integer),
    ],
    PrimaryKeyDef {
        name: "item_pkey",
        columns: &["id"],
    },
);

const R001: Revision = Revision {
    id: "001",
    parent: None,
    message: "tables",
    up: &[Step::CreateTable(&PARENT), Step::CreateTable(&ITEM)],
    down: &[
        Step::DropTable { table: "item" },
        Step::DropTable { table: "parent" },
    ],
};

/// `002` doing `up` (undone by `down`).
const fn r002(up: &'static [Step], down: &'static [Step]) -> Revision {
    Revision {
        id: "002",
        parent: Some("001"),
        message: "the change the rows break",
        up,
        down,
    }
}

static NOT_NULL_WITHOUT_DEFAULT: [Revision; 2] = [
    R001,
    r002(
        &[Step::AddColumn {
            table: "item",
            column: ColumnDef::new("code", SqlType::Integer),
        }],
        &[Step::DropColumn {
            table: "item",
            column: "code",
            if_exists: false,
        }],
    ),
];
static NOT_NULL_OVER_NULLS: [Revision; 2] = [
    R001,
    r002(
        &[Step::AlterColumn {
            table: "item",
            column: "name",
            change: ColumnChange::SetNullable(false),
        }],
        &[Step::AlterColumn {
            table: "item",
            column: "name",
            change: ColumnChange::SetNullable(true),
        }],
    ),
];
static UNIQUE_OVER_DUPLICATES: [Revision; 2] = [
    R001,
    r002(
        &[Step::AddUnique {
            table: "item",
            unique: UniqueDef::new("uq_item_name", &["name"]),
        }],
        &[Step::DropUnique {
            table: "item",
            name: "uq_item_name",
        }],
    ),
];
static FOREIGN_KEY_OVER_ORPHANS: [Revision; 2] = [
    R001,
    r002(
        &[Step::AddForeignKey {
            table: "item",
            foreign_key: ForeignKeyDef::new("item_parent_fkey", &["parent_id"], "parent", &["id"]),
        }],
        &[Step::DropForeignKey {
            table: "item",
            name: "item_parent_fkey",
        }],
    ),
];
static CHECK_VIOLATED: [Revision; 2] = [
    R001,
    r002(
        &[Step::AddCheck {
            table: "item",
            check: CheckDef::new("item_qty_not_negative", "qty >= 0"),
        }],
        &[Step::DropCheck {
            table: "item",
            name: "item_qty_not_negative",
        }],
    ),
];

static NARROWED: [Revision; 2] = [
    R001,
    r002(
        &[Step::AlterColumn {
            table: "item",
            column: "name",
            change: ColumnChange::SetType(SqlType::Varchar(Some(5))),
        }],
        &[Step::AlterColumn {
            table: "item",
            column: "name",
            change: ColumnChange::SetType(SqlType::Varchar(Some(20))),
        }],
    ),
];

static WIDENED: [Revision; 2] = [
    R001,
    r002(
        &[
            Step::AlterColumn {
                table: "item",
                column: "name",
                change: ColumnChange::SetType(SqlType::Varchar(Some(50))),
            },
            Step::AlterColumn {
                table: "item",
                column: "qty",
                change: ColumnChange::SetType(SqlType::BigInt),
            },
        ],
        &[],
    ),
];
static NUMBER_NARROWED: [Revision; 2] = [
    R001,
    r002(
        &[Step::AlterColumn {
            table: "item",
            column: "qty",
            change: ColumnChange::SetType(SqlType::SmallInt),
        }],
        &[],
    ),
];

fn quiet() -> impl FnMut(&Event) + Send {
    |_| {}
}

#[tokio::test(flavor = "current_thread")]
async fn rows_that_would_break_a_revision_refuse_it_before_it_starts() {
    let cases: [(&'static [Revision], &str, i64); 6] = [
        (
            &NOT_NULL_WITHOUT_DEFAULT,
            "adds the NOT NULL column item.code without a default",
            4,
        ),
        (
            &NOT_NULL_OVER_NULLS,
            "makes item.name NOT NULL, and rows hold NULL there",
            1,
        ),
        (
            &UNIQUE_OVER_DUPLICATES,
            "makes (name) unique on item, and values there repeat",
            1,
        ),
        (
            &FOREIGN_KEY_OVER_ORPHANS,
            "adds the foreign key item(parent_id) -> parent",
            1,
        ),
        (
            &CHECK_VIOLATED,
            "adds the check item_qty_not_negative on item",
            1,
        ),
        (
            &NARROWED,
            "narrows item.name to 5 characters, and values are longer",
            1,
        ),
    ];
    on_each_backend("pre_check", |db| async move {
        let d = db.dialect.name();
        for (chain, expected, rows) in cases {
            let m = Migrator::new(chain).unwrap();
            m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
            for sql in [
                "INSERT INTO parent (id) VALUES (1)",
                "INSERT INTO item (id, name, parent_id, qty) VALUES (1, 'a', 1, 5), (2, 'a', 99, -1), (3, NULL, NULL, 1), (4, 'long name', 1, 1)",
            ] {
                execute(&db.pool, sql).await.unwrap_or_else(|e| panic!("{d}: {e}"));
            }
            let before = (snapshot(&db.pool).await, strings(&db.pool, "SELECT CAST(id AS CHAR(20)), CAST(qty AS CHAR(20)), COALESCE(name, '-') FROM item ORDER BY id").await);
            let error = m
                .upgrade(&db.url, "head", &mut quiet())
                .await
                .expect_err("the rows break it");
            let MigrateError::PreCheck { refusals } = &error else {
                panic!("{d}: {expected}: {error}");
            };
            assert_eq!(refusals.len(), 1, "{d}: {refusals:#?}");
            assert!(
                refusals[0].starts_with("revision 002 ")
                    && refusals[0].contains(expected)
                    && refusals[0].ends_with(&format!("({rows} row(s))")),
                "{d}: {}",
                refusals[0]
            );
            assert!(error.to_string().ends_with("nothing was run"), "{error}");
            let after = (snapshot(&db.pool).await, strings(&db.pool, "SELECT CAST(id AS CHAR(20)), CAST(qty AS CHAR(20)), COALESCE(name, '-') FROM item ORDER BY id").await);
            assert_eq!(after, before, "{d}: {expected}");
            assert_eq!(m.status(&db.url).await.unwrap().current, Some("001"), "{d}");
            let m = m.with_options(schema_core::migrate::Options {
                allow_data_loss: true,
                ..Default::default()
            });
            m.downgrade(&db.url, "base", &mut quiet()).await.unwrap();
        }
    })
    .await;
}

/// A type change that keeps every value (longer text, a wider integer) runs on rows without
/// `--allow-data-loss`, and the values are as they were; a narrower integer is weighed by the
/// data-loss guard instead (its values may not fit).
#[tokio::test(flavor = "current_thread")]
async fn a_widening_type_change_runs_and_a_narrowing_one_is_guarded() {
    on_each_backend("pre_check_widen", |db| async move {
        let d = db.dialect.name();
        let rows = "SELECT CAST(id AS CHAR(20)), CAST(qty AS CHAR(20)), name FROM item ORDER BY id";
        let m = Migrator::new(&WIDENED).unwrap();
        m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
        execute(
            &db.pool,
            "INSERT INTO item (id, name, qty) VALUES (1, 'twenty characters!!!', 7)",
        )
        .await
        .unwrap();
        let before = strings(&db.pool, rows).await;
        m.upgrade(&db.url, "head", &mut quiet())
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        assert_eq!(strings(&db.pool, rows).await, before, "{d}");
        let columns = schema_tests::catalog::columns(&db.pool, "item").await;
        let name = columns.iter().find(|c| c.name == "name").unwrap();
        assert!(format!("{name:?}").contains("50"), "{d}: {name:?}");

        let fresh = schema_tests::TestDb::create_like(&db, "pre_check_narrow").await;
        let m = Migrator::new(&NUMBER_NARROWED).unwrap();
        m.upgrade(&fresh.url, "001", &mut quiet()).await.unwrap();
        execute(
            &fresh.pool,
            "INSERT INTO item (id, name, qty) VALUES (1, NULL, 7)",
        )
        .await
        .unwrap();
        let error = m.upgrade(&fresh.url, "head", &mut quiet()).await;
        fresh.destroy().await;
        let Err(MigrateError::DataLoss { losses }) = &error else {
            panic!("{d}: {error:?}");
        };
        assert_eq!(losses.len(), 1, "{d}: {losses:?}");
        assert_eq!(
            (
                losses[0].table.as_str(),
                losses[0].column.as_deref(),
                losses[0].rows
            ),
            ("item", Some("qty"), 1),
            "{d}"
        );
    })
    .await;
}
