//! A SQLite table rebuild keeps what the models do not own: a view and a trigger created by a
//! raw SQL step (and declared on it) survive the rebuild of their table, still work, and cause
//! no drift; a trigger made by hand, unknown to the chain, makes the rebuild refuse before
//! anything runs, naming it.

use schema_core::drift::{self, CheckOptions};
use schema_core::migrate::{
    ColumnChange, Event, MigrateError, Migrator, Object, RawSql, Revision, Step,
};
use schema_core::{ColumnDef, PrimaryKeyDef, Schema, SqlType, TableDef};
use schema_tests::{execute, scalar_i64, strings, Backend, TestDb};

const NOTE_COLUMNS: &[ColumnDef] = &[
    ColumnDef::new("id", SqlType::BigInt),
    ColumnDef::new("body", SqlType::Text),
    ColumnDef {
        nullable: true,
        ..ColumnDef::new("edited", SqlType::Integer)
    },
];
const PK: PrimaryKeyDef = PrimaryKeyDef {
    name: "notes_pkey",
    columns: &["id"],
};
const NOTES: TableDef = TableDef::new("notes", "Note", NOTE_COLUMNS, PK);
/// After 003: `edited` is NOT NULL with a default (SQLite: a rebuild).
const NOTE_COLUMNS_003: &[ColumnDef] = &[
    ColumnDef::new("id", SqlType::BigInt),
    ColumnDef::new("body", SqlType::Text),
    ColumnDef {
        default: Some(schema_core::DefaultValue::Int(0)),
        ..ColumnDef::new("edited", SqlType::Integer)
    },
];
const NOTES_003: TableDef = TableDef::new("notes", "Note", NOTE_COLUMNS_003, PK);
const MODELS: Schema = Schema::new(&[&NOTES_003]);

const VIEW_AND_TRIGGER: RawSql = RawSql {
    sqlite: Some(
        "CREATE VIEW edited_notes AS SELECT id, body FROM notes WHERE edited = 1; \
         CREATE TRIGGER touch_notes AFTER UPDATE OF body ON notes \
         BEGIN UPDATE notes SET edited = 1 WHERE id = new.id; END",
    ),
    creates: &[
        Object::view("edited_notes"),
        Object::trigger("touch_notes", "notes"),
    ],
    ..RawSql::new("a view of edited notes, and the trigger that marks them")
};
const DROP_VIEW_AND_TRIGGER: RawSql = RawSql {
    sqlite: Some("DROP TRIGGER touch_notes; DROP VIEW edited_notes"),
    drops: &[
        Object::view("edited_notes"),
        Object::trigger("touch_notes", "notes"),
    ],
    ..RawSql::new("drop the view and the trigger")
};

const REBUILD: &[Step] = &[
    Step::AlterColumn {
        table: "notes",
        column: "edited",
        change: ColumnChange::SetDefault(Some(schema_core::DefaultValue::Int(0))),
    },
    Step::AlterColumn {
        table: "notes",
        column: "edited",
        change: ColumnChange::SetNullable(false),
    },
];
const UNREBUILD: &[Step] = &[
    Step::AlterColumn {
        table: "notes",
        column: "edited",
        change: ColumnChange::SetNullable(true),
    },
    Step::AlterColumn {
        table: "notes",
        column: "edited",
        change: ColumnChange::SetDefault(None),
    },
];

static WITH_OBJECTS: &[Revision] = &[
    Revision {
        id: "001",
        parent: None,
        message: "notes",
        up: &[Step::CreateTable(&NOTES)],
        down: &[Step::DropTable { table: "notes" }],
    },
    Revision {
        id: "002",
        parent: Some("001"),
        message: "view and trigger",
        up: &[Step::Sql(VIEW_AND_TRIGGER)],
        down: &[Step::Sql(DROP_VIEW_AND_TRIGGER)],
    },
    Revision {
        id: "003",
        parent: Some("002"),
        message: "edited is NOT NULL",
        up: REBUILD,
        down: UNREBUILD,
    },
];

static WITHOUT_OBJECTS: &[Revision] = &[
    Revision {
        id: "001",
        parent: None,
        message: "notes",
        up: &[Step::CreateTable(&NOTES)],
        down: &[Step::DropTable { table: "notes" }],
    },
    Revision {
        id: "002",
        parent: Some("001"),
        message: "edited is NOT NULL",
        up: REBUILD,
        down: UNREBUILD,
    },
];

fn quiet() -> impl FnMut(&Event) + Send {
    |_| {}
}

async fn objects(db: &TestDb) -> Vec<Vec<String>> {
    strings(
        &db.pool,
        "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name",
    )
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn a_declared_view_and_trigger_survive_a_rebuild_without_drift() {
    let db = TestDb::create(&Backend::Sqlite, "rebuild_keeps_objects").await;
    let m = Migrator::new(WITH_OBJECTS).unwrap_or_else(|e| panic!("{e}"));
    m.upgrade(&db.url, "002", &mut quiet()).await.unwrap();
    execute(
        &db.pool,
        "INSERT INTO notes (id, body, edited) VALUES (1, 'a', 0), (2, 'b', 0)",
    )
    .await
    .unwrap();
    m.upgrade(&db.url, "head", &mut quiet())
        .await
        .unwrap_or_else(|e| panic!("the rebuild: {e}"));
    assert_eq!(
        objects(&db).await,
        [["view", "edited_notes"], ["trigger", "touch_notes"]]
    );
    // The trigger still fires, and the view still reads the rebuilt table.
    execute(&db.pool, "UPDATE notes SET body = 'a2' WHERE id = 1")
        .await
        .unwrap();
    assert_eq!(
        scalar_i64(&db.pool, "SELECT COUNT(*) FROM edited_notes").await,
        1
    );
    // No drift: against the chain, and against the models with the chain's objects known.
    let verify = m.verify(&db.url).await.unwrap();
    assert!(verify.is_empty(), "{verify:#?}");
    let options = CheckOptions {
        ignore: vec![m.options().version_table.to_owned()],
        known_objects: Some(m.chain().replay_all().unwrap().objects),
        ..CheckOptions::default()
    };
    let found = drift::check_with(&db.url, &MODELS, &options).await.unwrap();
    assert!(found.is_empty(), "{found:#?}");
    // A view nobody declared is reported.
    execute(&db.pool, "CREATE VIEW stray AS SELECT 1")
        .await
        .unwrap();
    let found = drift::check_with(&db.url, &MODELS, &options).await.unwrap();
    assert_eq!(
        found.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["view stray: in the database, not in the model"]
    );
    execute(&db.pool, "DROP VIEW stray").await.unwrap();
    // The downgrade rebuilds again, then drops both.
    m.downgrade(&db.url, "002", &mut quiet()).await.unwrap();
    assert_eq!(objects(&db).await.len(), 2);
    m.downgrade(&db.url, "001", &mut quiet()).await.unwrap();
    assert!(objects(&db).await.is_empty());
    db.destroy().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_hand_made_trigger_makes_the_rebuild_refuse_naming_it() {
    let db = TestDb::create(&Backend::Sqlite, "rebuild_refuses_unknown").await;
    let m = Migrator::new(WITHOUT_OBJECTS).unwrap_or_else(|e| panic!("{e}"));
    m.upgrade(&db.url, "001", &mut quiet()).await.unwrap();
    execute(
        &db.pool,
        "CREATE TRIGGER audit_notes AFTER DELETE ON notes BEGIN SELECT 1; END",
    )
    .await
    .unwrap();
    let error = m
        .upgrade(&db.url, "head", &mut quiet())
        .await
        .expect_err("the rebuild would drop a trigger nobody declared");
    assert!(
        matches!(&error, MigrateError::RebuildWouldDrop { table, objects, .. }
            if table == "notes" && objects == &["trigger audit_notes".to_owned()]),
        "{error}"
    );
    let message = error.to_string();
    assert!(
        message.contains("trigger audit_notes") && message.contains("nothing was run"),
        "{message}"
    );
    // Nothing ran: still at 001, the column still NULL-able, the trigger still there.
    assert_eq!(m.status(&db.url).await.unwrap().current, Some("001"));
    execute(
        &db.pool,
        "INSERT INTO notes (id, body, edited) VALUES (1, 'a', NULL)",
    )
    .await
    .unwrap();
    assert_eq!(objects(&db).await, [["trigger", "audit_notes"]]);
    db.destroy().await;
}

/// An offline script cannot read the SQL of the view and trigger, so it refuses the rebuild
/// naming them; up to the revision before, and on other dialects, it is written.
#[test]
fn the_offline_script_refuses_a_rebuild_it_cannot_keep_objects_around() {
    use schema_core::migrate::Direction;
    use schema_core::Dialect;
    let m = Migrator::new(WITH_OBJECTS).unwrap_or_else(|e| panic!("{e}"));
    let error = m
        .offline_sql(Dialect::Sqlite, Direction::Up, "base", "head")
        .expect_err("the script cannot keep the view and trigger");
    let message = error.to_string();
    assert!(
        matches!(&error, MigrateError::OfflineRebuild { table, objects, .. }
            if table == "notes" && objects.len() == 2),
        "{message}"
    );
    assert!(
        message.contains("view edited_notes") && message.contains("trigger touch_notes on notes"),
        "{message}"
    );
    assert!(m
        .offline_sql(Dialect::Sqlite, Direction::Up, "base", "002")
        .is_ok());
    assert!(m
        .offline_sql(Dialect::Postgres, Direction::Up, "base", "head")
        .is_ok());
}
