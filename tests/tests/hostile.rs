//! Hostile strings (T17, T18) under unfriendly server settings: names, defaults, enum labels
//! and comments made of quotes, backslashes, `--`, `$$`, non-ASCII and an injected
//! `DROP TABLE keep`, migrated by the runner and read back byte-identical, on every backend,
//! with PostgreSQL's `standard_conforming_strings` off for the database and MariaDB's global
//! `sql_mode` set to `ANSI_QUOTES,NO_BACKSLASH_ESCAPES` and then to nothing (not strict).
//!
//! Its own test binary: it changes MariaDB's global `sql_mode`, which every connection opened
//! meanwhile inherits, so no other test may run beside it.

use schema_core::drift::check;
use schema_core::introspect::introspect;
use schema_core::migrate::{Event, Migrator, Options, Revision, Step};
use schema_core::{
    ColumnDef, DefaultValue, Dialect, PrimaryKeyDef, Schema, SqlEnum, SqlType, Table, TableDef,
};
use schema_tests::{catch_unwind, execute, on_each_backend, scalar_i64, strings, TestDb};
use sqlx::Connection;

/// 10 kB of the characters above, as a default.
const BIG: &str = include_str!("hostile/10k-default.txt");

#[derive(SqlEnum, Debug, Clone, Copy, PartialEq)]
#[sql_enum(name = "mo\"od")]
enum Mood {
    #[sql_enum(rename = "it's")]
    Quoted,
    #[sql_enum(rename = r"back\slash")]
    Backslash,
    #[sql_enum(rename = "x'); DROP TABLE keep; --")]
    Injected,
}

/// O'Reilly's \'; DROP TABLE keep; -- C:\tmp\new $$x$$ "q" `b` 名前
#[derive(Table, Debug)]
#[table(name = "a\"b")]
struct Hostile {
    #[column(primary_key)]
    id: i64,
    /// it's a \ backslash; DROP TABLE keep; --
    #[column(name = "a\"b", default = "'O''Reilly'")]
    quote: String,
    #[column(name = "select", default = r#"'\''; DROP TABLE keep; --'"#)]
    backslash_quote: String,
    #[column(name = "User", default = r"'C:\tmp\new'")]
    path: String,
    #[column(name = "名前", default = "'$$x$$'")]
    dollars: String,
    #[column(name = "x; DROP TABLE keep; --", default = "'--'")]
    dashes: String,
    #[column(
        name = "a`b",
        default = "'line one\nline two\ttab \\\\ two backslashes'"
    )]
    control: String,
    #[column(default = "'it''s'")]
    mood: Mood,
}

/// The table the injected `DROP TABLE keep` would drop.
#[derive(Table, Debug)]
struct Keep {
    #[column(primary_key)]
    id: i64,
}

/// A table named with a backtick whose one column's default is 10 kB.
const BIG_DEFAULT: TableDef = TableDef::new(
    "a`b",
    "BigDefault",
    &[
        ColumnDef::new("id", SqlType::BigInt),
        ColumnDef {
            default: Some(DefaultValue::Text(BIG)),
            ..ColumnDef::new("big", SqlType::Text)
        },
    ],
    PrimaryKeyDef {
        name: "a`b_pkey",
        columns: &["id"],
    },
);

const HOSTILE: TableDef = <Hostile as Table>::DEF;
const KEEP: TableDef = <Keep as Table>::DEF;
const MOOD: schema_core::EnumDef = <Mood as SqlEnum>::DEF;
const SCHEMA: Schema = Schema::new(&[&KEEP, &HOSTILE, &BIG_DEFAULT]);

const REVISIONS: &[Revision] = &[
    Revision {
        id: "001",
        parent: None,
        message: "keep",
        up: &[Step::CreateTable(&KEEP)],
        down: &[Step::DropTable { table: "keep" }],
    },
    Revision {
        id: "002",
        parent: Some("001"),
        message: "O'Reilly's \\'; DROP TABLE keep; --",
        up: &[
            Step::CreateEnum(&MOOD),
            Step::CreateTable(&HOSTILE),
            Step::CreateTable(&BIG_DEFAULT),
        ],
        down: &[
            Step::DropTable { table: "a`b" },
            Step::DropTable { table: "a\"b" },
            Step::DropEnum(&MOOD),
        ],
    },
];

/// Each default as the database must hand it back, by column.
fn expected_values() -> Vec<(&'static str, String)> {
    [
        ("a\"b", "O'Reilly"),
        ("select", r"\'; DROP TABLE keep; --"),
        ("User", r"C:\tmp\new"),
        ("名前", "$$x$$"),
        ("x; DROP TABLE keep; --", "--"),
        ("a`b", "line one\nline two\ttab \\\\ two backslashes"),
        ("mood", "it's"),
    ]
    .into_iter()
    .map(|(c, v)| (c, v.to_owned()))
    .collect()
}

/// An unfriendly server setting, applied to the database's server before the run and undone
/// after it.
#[derive(Debug, Clone, Copy)]
enum Unfriendly {
    /// `ALTER DATABASE ... SET standard_conforming_strings = off`.
    PgBackslashStrings,
    /// MariaDB's global `sql_mode`, this value.
    MySqlMode(&'static str),
    /// SQLite has no such setting.
    None,
}

fn unfriendly_settings(dialect: Dialect) -> Vec<Unfriendly> {
    match dialect {
        Dialect::Postgres => vec![Unfriendly::PgBackslashStrings],
        Dialect::MySql => vec![
            Unfriendly::MySqlMode("ANSI_QUOTES,NO_BACKSLASH_ESCAPES"),
            Unfriendly::MySqlMode(""),
        ],
        Dialect::Sqlite => vec![Unfriendly::None],
    }
}

/// What a connection that pins nothing (plain sqlx) reads of the setting, and what one of ours
/// reads: the test means something only when the two differ.
async fn plain_and_pinned(db: &TestDb) -> Option<(String, String)> {
    let sql = match db.dialect {
        Dialect::Postgres => "SHOW standard_conforming_strings",
        Dialect::MySql => "SELECT @@SESSION.sql_mode",
        Dialect::Sqlite => return None,
    };
    let plain = match db.dialect {
        Dialect::Postgres => {
            let mut c = sqlx::PgConnection::connect(&db.url).await.unwrap();
            let v: String = sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap();
            c.close().await.unwrap();
            v
        }
        _ => {
            let mut c = sqlx::MySqlConnection::connect(&db.url).await.unwrap();
            let v: String = sqlx::query_scalar(sql).fetch_one(&mut c).await.unwrap();
            c.close().await.unwrap();
            v
        }
    };
    let pool = schema_core::db::Pool::connect(&db.url).await.unwrap();
    let pinned = strings(&pool, sql).await.remove(0).remove(0);
    pool.close().await;
    Some((plain, pinned))
}

/// `keep`'s row count and largest id.
async fn kept(pool: &schema_core::db::Pool) -> (i64, i64) {
    (
        scalar_i64(pool, "SELECT COUNT(*) FROM keep").await,
        scalar_i64(pool, "SELECT MAX(id) FROM keep").await,
    )
}

async fn set(db: &TestDb, setting: Unfriendly) -> Option<String> {
    match setting {
        Unfriendly::PgBackslashStrings => {
            let name = strings(&db.pool, "SELECT current_database()").await[0][0].clone();
            let sql = format!(
                "ALTER DATABASE {} SET standard_conforming_strings = off",
                db.dialect.quote(&name)
            );
            execute(&db.pool, &sql).await.unwrap();
            None
        }
        Unfriendly::MySqlMode(mode) => {
            let before = strings(&db.pool, "SELECT @@GLOBAL.sql_mode").await[0][0].clone();
            execute(&db.pool, &format!("SET GLOBAL sql_mode = '{mode}'"))
                .await
                .unwrap();
            Some(before)
        }
        Unfriendly::None => None,
    }
}

async fn unset(db: &TestDb, setting: Unfriendly, before: Option<String>) {
    if let (Unfriendly::MySqlMode(_), Some(before)) = (setting, before) {
        execute(&db.pool, &format!("SET GLOBAL sql_mode = '{before}'"))
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "current_thread")]
async fn hostile_names_defaults_labels_and_comments_round_trip_under_unfriendly_settings() {
    on_each_backend("hostile", |db| async move {
        for setting in unfriendly_settings(db.dialect) {
            let fresh = TestDb::create_like(&db, "hostile_run").await;
            let before = set(&fresh, setting).await;
            let result = catch_unwind(round_trip(&fresh, setting)).await;
            unset(&fresh, setting, before).await;
            fresh.destroy().await;
            if let Err(panic) = result {
                eprintln!("with {setting:?}");
                std::panic::resume_unwind(panic);
            }
        }
    })
    .await;
}

async fn round_trip(db: &TestDb, setting: Unfriendly) {
    let d = db.dialect.name();
    if let Some((plain, pinned)) = plain_and_pinned(db).await {
        match setting {
            Unfriendly::PgBackslashStrings => {
                assert_eq!((plain.as_str(), pinned.as_str()), ("off", "on"), "{d}");
            }
            Unfriendly::MySqlMode(mode) => {
                for flag in mode.split(',').filter(|f| !f.is_empty()) {
                    assert!(plain.contains(flag), "{d}: plain sqlx reads {plain}");
                }
                assert!(!plain.contains("STRICT"), "{d}: plain sqlx reads {plain}");
                assert!(!pinned.contains("NO_BACKSLASH_ESCAPES"), "{d}: {pinned}");
                assert!(!pinned.contains("ANSI_QUOTES"), "{d}: {pinned}");
                assert!(pinned.contains("STRICT_ALL_TABLES"), "{d}: {pinned}");
            }
            Unfriendly::None => {}
        }
    }

    let m = Migrator::new(REVISIONS).unwrap();
    m.upgrade(&db.url, "001", &mut |_| {}).await.unwrap();
    let pool = schema_core::db::Pool::connect(&db.url).await.unwrap();
    execute(&pool, "INSERT INTO keep (id) VALUES (7)")
        .await
        .unwrap();
    let mut steps = 0;
    m.upgrade(&db.url, "head", &mut |e: &Event| {
        if matches!(e, Event::Step { .. }) {
            steps += 1;
        }
    })
    .await
    .unwrap_or_else(|e| panic!("{d}: {e}"));
    assert_eq!(steps, 3, "{d}: one event per step of 002");

    // The injected DROP ran nowhere: `keep` and its row are there.
    assert_eq!(kept(&pool).await, (1, 7), "{d}");

    // Each default reads back byte-identical from an inserted row.
    let q = |name: &str| db.dialect.quote(name);
    for table in ["a\"b", "a`b"] {
        execute(&pool, &format!("INSERT INTO {} (id) VALUES (1)", q(table)))
            .await
            .unwrap_or_else(|e| panic!("{d}: {table}: {e}"));
    }
    let as_text = |column: &str| match db.dialect {
        Dialect::MySql => format!("CAST({} AS CHAR)", q(column)),
        _ => format!("CAST({} AS TEXT)", q(column)),
    };
    for (column, value) in expected_values() {
        let sql = format!("SELECT {} FROM {}", as_text(column), q("a\"b"));
        assert_eq!(strings(&pool, &sql).await, [[value]], "{d}: {column}");
    }
    let sql = format!("SELECT {} FROM {}", as_text("big"), q("a`b"));
    assert_eq!(
        strings(&pool, &sql).await,
        [[BIG]],
        "{d}: the 10 kB default"
    );

    // Introspection reads every name, label and comment back exactly, and finds no drift.
    let live = introspect(&db.url, &["schema_migrations"]).await.unwrap();
    let names: Vec<&str> = live.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["a\"b", "a`b", "keep"], "{d}");
    let hostile = &live.tables[0];
    let columns: Vec<&str> = hostile.columns.iter().map(|c| c.name.as_str()).collect();
    let declared: Vec<&str> = HOSTILE.columns.iter().map(|c| c.name).collect();
    assert_eq!(columns, declared, "{d}");
    if db.dialect.caps().comments {
        assert_eq!(hostile.comment.as_deref(), HOSTILE.comment, "{d}");
        assert_eq!(
            hostile.columns[1].comment.as_deref(),
            Some(r"it's a \ backslash; DROP TABLE keep; --"),
            "{d}"
        );
    }
    if db.dialect.caps().enum_types {
        assert_eq!(live.enums.len(), 1, "{d}");
        assert_eq!(live.enums[0].name, "mo\"od", "{d}");
        assert_eq!(live.enums[0].values, MOOD.values, "{d}");
    }
    let differences = check(&db.url, &SCHEMA, &["schema_migrations"])
        .await
        .unwrap();
    let lines: Vec<String> = differences.iter().map(ToString::to_string).collect();
    assert_eq!(lines, Vec::<String>::new(), "{d}");

    // Each label is stored and read back as written.
    for label in MOOD.values {
        let sql = format!(
            "UPDATE {} SET {} = {}",
            q("a\"b"),
            q("mood"),
            db.dialect.string_literal(label)
        );
        execute(&pool, &sql).await.unwrap();
        let read = format!("SELECT {} FROM {}", as_text("mood"), q("a\"b"));
        assert_eq!(strings(&pool, &read).await, [[*label]], "{d}");
    }
    assert_eq!(Mood::from_label("it's"), Some(Mood::Quoted));
    let _ = (Mood::Backslash, Mood::Injected);

    // Down again through the same names: only 002's objects go.
    let allowed = Migrator::new(REVISIONS).unwrap().with_options(Options {
        allow_data_loss: true,
        ..Options::default()
    });
    allowed
        .downgrade(&db.url, "001", &mut |_| {})
        .await
        .unwrap_or_else(|e| panic!("{d}: {e}"));
    assert_eq!(
        pool.table_names().await.unwrap().len(),
        2,
        "{d}: keep and the version table"
    );
    assert_eq!(kept(&pool).await, (1, 7), "{d}");
    pool.close().await;
}
