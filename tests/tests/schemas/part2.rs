//! Real schemas, part 2: named CHECKs (one expression, or one per dialect), every index form
//! (descending keys, partial, expression, GIN, INCLUDE, NULLS NOT DISTINCT), comments and a
//! byte-order collation, on real databases. Each dialect gets the forms it can store (the
//! others are render errors naming table, index and dialect); the schema builds, checks clean,
//! a change of each form made by hand is reported, a revision written by the diff from the plain
//! table reaches it and checks clean; and a database written by hand in each dialect's own SQL
//! checks clean against the same declaration.

use schema_core::autogen::diff;
use schema_core::db::Value;
use schema_core::drift::{self, CheckOptions};
use schema_core::migrate::{Event, Migrator, Revision, Step};
use schema_core::model::SchemaState;
use schema_core::{
    CheckDef, ColumnDef, Dialect, DialectText, Identity, IdentityKind, IndexDef, IndexMethod,
    PrimaryKeyDef, Schema, SqlType, TableDef, UniqueDef,
};
use schema_tests::{execute, on_each_backend, TestDb};

const ID: ColumnDef = ColumnDef {
    identity: Some(Identity {
        kind: IdentityKind::ByDefault,
        autoincrement: false,
    }),
    ..ColumnDef::new("id", SqlType::BigInt)
};
const SIZE: ColumnDef = ColumnDef {
    comment: Some("Bytes of the payload."),
    ..ColumnDef::new("size", SqlType::Integer)
};
const UID: ColumnDef = ColumnDef {
    nullable: true,
    collation: Some(DialectText::everywhere("C")),
    ..ColumnDef::new("uid", SqlType::Varchar(Some(64)))
};
const PK: PrimaryKeyDef = PrimaryKeyDef {
    name: "messages_pkey",
    columns: &["id"],
};

/// The columns every dialect has; PostgreSQL's table adds an array of tags.
const COLUMNS: &[ColumnDef] = &[
    ID,
    ColumnDef::new("app_id", SqlType::Integer),
    ColumnDef::new("created_at", SqlType::TimestampTz),
    SIZE,
    ColumnDef::new("kind", SqlType::Varchar(Some(40))),
    UID,
    ColumnDef::new("email", SqlType::Varchar(Some(120))),
];
const PG_COLUMNS: &[ColumnDef] = &[
    ID,
    ColumnDef::new("app_id", SqlType::Integer),
    ColumnDef::new("created_at", SqlType::TimestampTz),
    SIZE,
    ColumnDef::new("kind", SqlType::Varchar(Some(40))),
    UID,
    ColumnDef::new("email", SqlType::Varchar(Some(120))),
    ColumnDef {
        nullable: true,
        ..ColumnDef::new("tags", SqlType::Array(&SqlType::Text))
    },
];

const CHECKS: &[CheckDef] = &[
    CheckDef::new("messages_size_positive", "size > 0"),
    CheckDef {
        name: "messages_kind",
        expr: DialectText {
            postgres: Some("kind ~ '^[a-z]+$'"),
            sqlite: Some("kind GLOB '[a-z]*'"),
            mysql: Some("kind REGEXP '^[a-z]+$'"),
        },
    },
];

const APP_CREATED: IndexDef = IndexDef {
    descending: &["created_at"],
    ..IndexDef::new("ix_messages_app_created", &["app_id", "created_at"])
};
const UID_PARTIAL: IndexDef = IndexDef {
    unique: true,
    predicate: Some("uid IS NOT NULL"),
    ..IndexDef::new("ix_messages_uid", &["uid"])
};
const EMAIL_LOWER: IndexDef = IndexDef {
    unique: true,
    expr: Some("lower(email)"),
    ..IndexDef::new("ix_messages_email_lower", &[])
};
const TAGS_GIN: IndexDef = IndexDef {
    method: IndexMethod::Gin,
    ..IndexDef::new("ix_messages_tags", &["tags"])
};
const APP_INCLUDE: IndexDef = IndexDef {
    include: &["created_at"],
    ..IndexDef::new("ix_messages_app_include", &["app_id"])
};

const fn messages(
    columns: &'static [ColumnDef],
    indexes: &'static [IndexDef],
    uniques: &'static [UniqueDef],
) -> TableDef {
    TableDef {
        checks: CHECKS,
        indexes,
        uniques,
        comment: Some("Messages sent to an endpoint."),
        ..TableDef::new("messages", "Message", columns, PK)
    }
}

const PG_MESSAGES: TableDef = messages(
    PG_COLUMNS,
    &[APP_CREATED, UID_PARTIAL, EMAIL_LOWER, TAGS_GIN, APP_INCLUDE],
    &[UniqueDef {
        nulls_not_distinct: true,
        ..UniqueDef::new("uq_messages_app_uid", &["app_id", "uid"])
    }],
);
const SQLITE_MESSAGES: TableDef = messages(
    COLUMNS,
    &[APP_CREATED, UID_PARTIAL, EMAIL_LOWER],
    &[UniqueDef::new("uq_messages_app_uid", &["app_id", "uid"])],
);
const MYSQL_MESSAGES: TableDef = messages(
    COLUMNS,
    &[APP_CREATED],
    &[UniqueDef::new("uq_messages_app_uid", &["app_id", "uid"])],
);

const PG: Schema = Schema::new(&[&PG_MESSAGES]);
const SQLITE: Schema = Schema::new(&[&SQLITE_MESSAGES]);
const MYSQL: Schema = Schema::new(&[&MYSQL_MESSAGES]);

/// The same table without a CHECK, an index form, a comment or a collation: where the diff
/// starts from.
const PLAIN_COLUMNS: &[ColumnDef] = &[
    ID,
    ColumnDef::new("app_id", SqlType::Integer),
    ColumnDef::new("created_at", SqlType::TimestampTz),
    ColumnDef::new("size", SqlType::Integer),
    ColumnDef::new("kind", SqlType::Varchar(Some(40))),
    ColumnDef {
        nullable: true,
        ..ColumnDef::new("uid", SqlType::Varchar(Some(64)))
    },
    ColumnDef::new("email", SqlType::Varchar(Some(120))),
];
const PLAIN: TableDef = TableDef::new("messages", "Message", PLAIN_COLUMNS, PK);
const PLAIN_SCHEMA: Schema = Schema::new(&[&PLAIN]);

fn forms(dialect: Dialect) -> &'static Schema {
    match dialect {
        Dialect::Postgres => &PG,
        Dialect::Sqlite => &SQLITE,
        Dialect::MySql => &MYSQL,
    }
}

async fn differences(db: &TestDb, schema: &Schema) -> Vec<String> {
    drift::check(&db.url, schema, &[])
        .await
        .unwrap_or_else(|e| panic!("check on {}: {e}", db.dialect.name()))
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// A form a dialect cannot store is an error naming the table, the index (or constraint) and
/// the dialect, never other SQL.
#[test]
fn a_form_a_dialect_lacks_is_an_error_naming_table_index_and_dialect() {
    const GIN: IndexDef = IndexDef {
        method: IndexMethod::Gin,
        ..IndexDef::new("ix_messages_app_gin", &["app_id"])
    };
    const NND: IndexDef = IndexDef {
        unique: true,
        nulls_not_distinct: true,
        ..IndexDef::new("ix_messages_app_uid", &["app_id", "uid"])
    };
    let cases: &[(IndexDef, &[Dialect])] = &[
        (GIN, &[Dialect::Sqlite, Dialect::MySql]),
        (APP_INCLUDE, &[Dialect::Sqlite, Dialect::MySql]),
        (NND, &[Dialect::Sqlite, Dialect::MySql]),
        (UID_PARTIAL, &[Dialect::MySql]),
        (EMAIL_LOWER, &[Dialect::MySql]),
    ];
    for (index, refused) in cases {
        let indexes: &'static [IndexDef] = Box::leak(Box::new([*index]));
        let table: &'static TableDef = Box::leak(Box::new(messages(COLUMNS, indexes, &[])));
        let schema = Schema::new(Box::leak(Box::new([table])));
        for dialect in [Dialect::Postgres, Dialect::Sqlite, Dialect::MySql] {
            let result = schema.create_sql(dialect);
            if !refused.contains(&dialect) {
                assert!(
                    result.is_ok(),
                    "{} on {}: {result:?}",
                    index.name,
                    dialect.name()
                );
                continue;
            }
            let error = result.expect_err("a form the dialect lacks").to_string();
            assert!(
                error.contains(index.name)
                    && error.contains("messages")
                    && error.contains(dialect.name()),
                "{error}"
            );
        }
    }
}

/// Built from the declaration, every form checks clean; then each form changed by hand is
/// reported, one by one.
#[tokio::test(flavor = "current_thread")]
async fn every_form_builds_checks_clean_and_each_hand_change_is_reported() {
    on_each_backend("part2_forms", |db| async move {
        let d = db.dialect.name();
        let schema = forms(db.dialect);
        let sql = schema.create_sql(db.dialect).unwrap_or_else(|e| panic!("{d}: {e}"));
        db.pool
            .apply(&sql)
            .await
            .unwrap_or_else(|e| panic!("{d}: creating every form: {e}"));
        assert_eq!(differences(&db, schema).await, Vec::<String>::new(), "{d}");

        // The rows obey the CHECKs, and a byte-order text column reads back as text.
        let good = "INSERT INTO messages (app_id, created_at, size, kind, uid, email) \
                    VALUES (1, CURRENT_TIMESTAMP, 5, 'note', 'Ab', 'A@x')";
        execute(&db.pool, good).await.unwrap_or_else(|e| panic!("{d}: {e}"));
        for bad in [
            "INSERT INTO messages (app_id, created_at, size, kind, email) VALUES (1, CURRENT_TIMESTAMP, 0, 'note', 'b@x')",
            "INSERT INTO messages (app_id, created_at, size, kind, email) VALUES (1, CURRENT_TIMESTAMP, 5, 'Note1', 'c@x')",
        ] {
            assert!(execute(&db.pool, bad).await.is_err(), "{d}: `{bad}` passed its CHECK");
        }
        // MySQL flags a `utf8mb4_bin` column BINARY, and sqlx then hands it out as bytes.
        let rows = db.pool.rows("SELECT uid FROM messages", &[]).await.unwrap();
        let uid = match db.dialect {
            Dialect::MySql => Value::Bytes(b"Ab".to_vec()),
            _ => Value::Text("Ab".into()),
        };
        assert_eq!(rows, [[uid]], "{d}");

        for (change, reported) in hand_changes(db.dialect) {
            // One transaction per change, on one connection.
            let mut tx = db.pool.begin().await.unwrap_or_else(|e| panic!("{d}: {e}"));
            for statement in *change {
                tx.execute(statement)
                    .await
                    .unwrap_or_else(|e| panic!("{d}: `{statement}`: {e}"));
            }
            tx.commit().await.unwrap_or_else(|e| panic!("{d}: {e}"));
            let found = differences(&db, schema).await;
            assert!(
                found.iter().any(|line| line.contains(reported)),
                "{d}: after {change:?}, expected a line with `{reported}` in {found:#?}"
            );
        }
        let options = CheckOptions {
            ignore_comments: true,
            ..CheckOptions::default()
        };
        let without_comments = drift::check_with(&db.url, schema, &options).await.unwrap();
        assert!(
            !without_comments.iter().any(|d| d.detail.contains("comment")),
            "{d}: {without_comments:#?}"
        );
    })
    .await;
}

/// For each dialect: statements changing one form by hand, and what `check` then says.
fn hand_changes(dialect: Dialect) -> &'static [(&'static [&'static str], &'static str)] {
    match dialect {
        Dialect::Postgres => &[
            (
                &[
                    "ALTER TABLE messages DROP CONSTRAINT messages_size_positive",
                    "ALTER TABLE messages ADD CONSTRAINT messages_size_positive CHECK (size > 1)",
                ],
                "check messages_size_positive on messages: expression is CHECK ((size > 1))",
            ),
            (
                &["ALTER TABLE messages DROP CONSTRAINT messages_kind"],
                "check messages_kind on messages: (CHECK",
            ),
            (
                &[
                    "DROP INDEX ix_messages_uid",
                    "CREATE UNIQUE INDEX ix_messages_uid ON messages (uid) WHERE uid <> ''",
                ],
                "index ix_messages_uid on messages: predicate is",
            ),
            (
                &[
                    "DROP INDEX ix_messages_app_created",
                    "CREATE INDEX ix_messages_app_created ON messages (app_id, created_at)",
                ],
                "descending is () in the database, (created_at) in the model",
            ),
            (
                &[
                    "DROP INDEX ix_messages_email_lower",
                    "CREATE UNIQUE INDEX ix_messages_email_lower ON messages (upper(email))",
                ],
                "index ix_messages_email_lower on messages: expression is upper",
            ),
            (
                &[
                    "DROP INDEX ix_messages_tags",
                    "CREATE INDEX ix_messages_tags ON messages (tags)",
                ],
                "method is btree in the database, gin in the model",
            ),
            (
                &[
                    "DROP INDEX ix_messages_app_include",
                    "CREATE INDEX ix_messages_app_include ON messages (app_id)",
                ],
                "include is () in the database, (created_at) in the model",
            ),
            (
                &[
                    "ALTER TABLE messages DROP CONSTRAINT uq_messages_app_uid",
                    "ALTER TABLE messages ADD CONSTRAINT uq_messages_app_uid UNIQUE (app_id, uid)",
                ],
                "is NULLS DISTINCT in the database, NULLS NOT DISTINCT in the model",
            ),
            (
                &["COMMENT ON COLUMN messages.size IS 'Bytes.'"],
                "messages.size: comment is \"Bytes.\" in the database",
            ),
            (
                &["COMMENT ON TABLE messages IS NULL"],
                "messages: comment is none in the database",
            ),
            (
                &["ALTER TABLE messages ALTER COLUMN uid TYPE varchar(64) COLLATE \"default\""],
                "messages.uid: collation is none in the database, C in the model",
            ),
        ],
        Dialect::Sqlite => &[
            (
                &[
                    "DROP INDEX ix_messages_uid",
                    "CREATE UNIQUE INDEX ix_messages_uid ON messages (uid) WHERE uid <> ''",
                ],
                "index ix_messages_uid on messages: predicate is uid <> ''",
            ),
            (
                &[
                    "DROP INDEX ix_messages_app_created",
                    "CREATE INDEX ix_messages_app_created ON messages (app_id, created_at)",
                ],
                "descending is () in the database, (created_at) in the model",
            ),
            (
                &[
                    "DROP INDEX ix_messages_email_lower",
                    "CREATE UNIQUE INDEX ix_messages_email_lower ON messages (upper(email))",
                ],
                "expression is upper(email) in the database, lower(email) in the model",
            ),
            (
                // SQLite alters no CHECK: a table written again by hand, as it does.
                &[
                    "ALTER TABLE messages RENAME TO messages_old",
                    "CREATE TABLE messages (id INTEGER PRIMARY KEY, app_id INTEGER NOT NULL, \
                     created_at TIMESTAMPTZ NOT NULL, size INTEGER NOT NULL, kind VARCHAR(40) NOT NULL, \
                     uid VARCHAR(64) COLLATE NOCASE, email VARCHAR(120) NOT NULL, \
                     CONSTRAINT messages_size_positive CHECK (size > 1), \
                     CONSTRAINT uq_messages_app_uid UNIQUE (app_id, uid))",
                    "DROP TABLE messages_old",
                ],
                "check messages_size_positive on messages: expression is size > 1 in the database, size > 0 in the model",
            ),
            (&[], "check messages_kind on messages: (kind glob '[a-z]*') in the model, missing"),
            (&[], "messages.uid: collation is NOCASE in the database, none in the model"),
        ],
        Dialect::MySql => &[
            (
                &[
                    "ALTER TABLE messages DROP CONSTRAINT messages_size_positive",
                    "ALTER TABLE messages ADD CONSTRAINT messages_size_positive CHECK (size > 1)",
                ],
                "check messages_size_positive on messages: expression is size > 1 in the database, size > 0 in the model",
            ),
            (
                &["ALTER TABLE messages DROP CONSTRAINT messages_kind"],
                "check messages_kind on messages: (kind regexp '^[a-z]+$') in the model, missing",
            ),
            (
                &[
                    "ALTER TABLE messages DROP INDEX ix_messages_app_created",
                    "CREATE INDEX ix_messages_app_created ON messages (app_id, created_at)",
                ],
                "descending is () in the database, (created_at) in the model",
            ),
            (
                &["ALTER TABLE messages MODIFY size INT NOT NULL COMMENT 'Bytes.'"],
                "messages.size: comment is \"Bytes.\" in the database",
            ),
            (
                &["ALTER TABLE messages COMMENT = ''"],
                "messages: comment is none in the database",
            ),
            (
                &["ALTER TABLE messages MODIFY uid VARCHAR(64) NULL"],
                "messages.uid: collation is none in the database, utf8mb4_bin in the model",
            ),
        ],
    }
}

/// The diff from the plain table to every form writes the steps; applied, the database
/// checks clean against the forms, and the downgrade gives back the plain table.
#[tokio::test(flavor = "current_thread")]
async fn the_diff_to_every_form_applies_and_checks_clean() {
    on_each_backend("part2_diff", |db| async move {
        let d = db.dialect.name();
        let target = forms(db.dialect);
        let changes = diff(
            &SchemaState::from_schema(&PLAIN_SCHEMA),
            &SchemaState::from_schema(target),
        );
        let kinds: Vec<String> = changes.up.iter().map(Step::describe).collect();
        for expected in [
            "add check messages_size_positive on messages",
            "create index ix_messages_app_created on messages",
            "set comment on table messages",
            "alter column messages.size (comment)",
            "alter column messages.uid (collation)",
        ] {
            assert!(
                kinds.iter().any(|k| k == expected),
                "{d}: {expected} not in {kinds:#?}"
            );
        }
        let revisions: &'static [Revision] = Box::leak(Box::new([
            Revision {
                id: "001",
                parent: None,
                message: "plain",
                up: Box::leak(Box::new(schema_core::migrate::create_table_with_indexes(
                    &PLAIN,
                ))),
                down: &[Step::DropTable { table: "messages" }],
            },
            Revision {
                id: "002",
                parent: Some("001"),
                message: "every form",
                up: Box::leak(changes.up.into_boxed_slice()),
                down: Box::leak(changes.down.into_boxed_slice()),
            },
        ]));
        let migrator = Migrator::new(revisions).unwrap_or_else(|e| panic!("{e}"));
        migrator
            .upgrade(&db.url, "head", &mut |_: &Event| {})
            .await
            .unwrap_or_else(|e| panic!("{d}: upgrade: {e}"));
        let ignore = [migrator.options().version_table];
        let found = drift::check(&db.url, target, &ignore).await.unwrap();
        assert!(found.is_empty(), "{d}: {found:#?}");
        migrator
            .downgrade(&db.url, "001", &mut |_: &Event| {})
            .await
            .unwrap_or_else(|e| panic!("{d}: downgrade: {e}"));
        let found = drift::check(&db.url, &PLAIN_SCHEMA, &ignore).await.unwrap();
        assert!(found.is_empty(), "{d}: {found:#?}");
    })
    .await;
}

/// `messages` as someone writes it by hand in each database's own SQL.
fn hand_written(dialect: Dialect) -> &'static [&'static str] {
    match dialect {
        Dialect::Postgres => &[
            "CREATE TABLE messages (
                id bigint GENERATED BY DEFAULT AS IDENTITY CONSTRAINT messages_pkey PRIMARY KEY,
                app_id int NOT NULL,
                created_at timestamptz NOT NULL,
                size int4 NOT NULL CONSTRAINT messages_size_positive CHECK (size>0),
                kind varchar(40) NOT NULL,
                uid varchar(64) COLLATE \"C\",
                email varchar(120) NOT NULL,
                tags text[],
                CONSTRAINT messages_kind CHECK (kind ~ '^[a-z]+$'),
                CONSTRAINT uq_messages_app_uid UNIQUE NULLS NOT DISTINCT (app_id, uid)
            )",
            "CREATE INDEX ix_messages_app_created ON messages (app_id, created_at DESC)",
            "CREATE UNIQUE INDEX ix_messages_uid ON messages (uid) WHERE (uid IS NOT NULL)",
            "CREATE UNIQUE INDEX ix_messages_email_lower ON public.messages USING btree (LOWER(email))",
            "CREATE INDEX ix_messages_tags ON messages USING GIN (tags)",
            "CREATE INDEX ix_messages_app_include ON messages (app_id) INCLUDE (created_at)",
            "COMMENT ON TABLE messages IS 'Messages sent to an endpoint.'",
            "COMMENT ON COLUMN messages.size IS 'Bytes of the payload.'",
        ],
        Dialect::Sqlite => &[
            "CREATE TABLE messages (
                id INTEGER PRIMARY KEY,
                app_id INTEGER NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                size INTEGER NOT NULL,
                kind VARCHAR(40) NOT NULL,
                uid VARCHAR(64) COLLATE BINARY,
                email VARCHAR(120) NOT NULL,
                CONSTRAINT \"messages_size_positive\" CHECK(size>0),
                CONSTRAINT messages_kind CHECK (kind GLOB '[a-z]*'),
                UNIQUE (app_id, uid)
            )",
            "CREATE INDEX ix_messages_app_created ON messages (app_id, created_at DESC)",
            "CREATE UNIQUE INDEX ix_messages_uid ON messages (uid) WHERE uid IS NOT NULL",
            "CREATE UNIQUE INDEX ix_messages_email_lower ON messages (LOWER(email))",
        ],
        Dialect::MySql => &[
            "CREATE TABLE messages (
                id BIGINT NOT NULL AUTO_INCREMENT,
                app_id INT NOT NULL,
                created_at DATETIME(6) NOT NULL,
                size INT NOT NULL COMMENT 'Bytes of the payload.',
                kind VARCHAR(40) NOT NULL,
                uid VARCHAR(64) COLLATE utf8mb4_bin NULL,
                email VARCHAR(120) NOT NULL,
                PRIMARY KEY (id),
                UNIQUE KEY uq_messages_app_uid (app_id, uid),
                KEY ix_messages_app_created (app_id, created_at DESC),
                CONSTRAINT messages_size_positive CHECK (size > 0),
                CONSTRAINT messages_kind CHECK (kind REGEXP '^[a-z]+$')
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Messages sent to an endpoint.'",
        ],
    }
}

/// Named CHECKs, partial, DESC, expression, GIN and INCLUDE indexes, comments and a
/// `COLLATE "C"` column, written by hand: clean against the declaration.
#[tokio::test(flavor = "current_thread")]
async fn a_hand_written_database_with_every_form_checks_clean() {
    on_each_backend("part2_hand", |db| async move {
        let d = db.dialect.name();
        for sql in hand_written(db.dialect) {
            execute(&db.pool, sql)
                .await
                .unwrap_or_else(|e| panic!("{d}: `{sql}`: {e}"));
        }
        assert_eq!(
            differences(&db, forms(db.dialect)).await,
            Vec::<String>::new(),
            "{d}"
        );
    })
    .await;
}

/// The same forms declared with the derive, in the grammar: one table per dialect
/// (each `schema!` says which dialect it targets, so a form that dialect lacks would not
/// compile), built, checked clean, and (SQLite, MySQL) a row written and read back through
/// the derived `BindRow` and `FromRow`, the byte-order column as a `String` too.
mod derived {
    // clippy reads two `#[index(.., unique, ..)]` as one attribute given twice, a known false
    // positive on derive helper attributes (rust-lang/rust-clippy#12923).
    #![allow(clippy::duplicated_attributes)]

    use chrono::{DateTime, Utc};
    use schema_core::Table;

    #[derive(Table)]
    #[table(name = "messages")]
    #[check(name = "messages_size_positive", expr = "size > 0")]
    #[check(
        name = "messages_kind",
        expr(
            postgres = "kind ~ '^[a-z]+$'",
            sqlite = "kind GLOB '[a-z]*'",
            mysql = "kind REGEXP '^[a-z]+$'"
        )
    )]
    #[index(
        columns(app_id, created_at),
        desc(created_at),
        name = "ix_messages_app_created"
    )]
    #[index(columns(uid), unique, where = "uid IS NOT NULL")]
    #[index(expr = "lower(email)", unique, name = "ix_messages_email_lower")]
    #[index(columns(tags), method = gin)]
    #[index(columns(app_id), include(created_at))]
    #[unique(columns(app_id, uid), nulls_not_distinct)]
    /// Messages sent to an endpoint.
    pub struct PgMessage {
        #[column(primary_key, identity)]
        pub id: i64,
        pub app_id: i32,
        pub created_at: DateTime<Utc>,
        /// Bytes of the payload.
        pub size: i32,
        pub kind: String,
        #[column(collation = "C")]
        pub uid: Option<String>,
        pub email: String,
        pub tags: Vec<String>,
    }

    schema_core::schema! {
        /// PostgreSQL has every form.
        #[dialects(postgres)]
        pub const PG = [PgMessage];
    }

    #[derive(Table, Debug, PartialEq)]
    #[table(name = "messages")]
    #[check(name = "messages_size_positive", expr = "size > 0")]
    #[check(
        name = "messages_kind",
        expr(sqlite = "kind GLOB '[a-z]*'", mysql = "kind REGEXP '^[a-z]+$'")
    )]
    #[index(
        columns(app_id, created_at),
        desc(created_at),
        name = "ix_messages_app_created"
    )]
    #[unique(columns(app_id, uid))]
    /// Messages sent to an endpoint.
    pub struct Message {
        #[column(primary_key, identity)]
        pub id: i64,
        pub app_id: i32,
        pub created_at: DateTime<Utc>,
        /// Bytes of the payload.
        pub size: i32,
        pub kind: String,
        #[column(collation = "C")]
        pub uid: Option<String>,
        pub email: String,
    }

    schema_core::schema! {
        /// What SQLite and MySQL share.
        #[dialects(sqlite, mysql)]
        pub const SHARED = [Message];
    }

    #[derive(Table)]
    #[table(name = "messages")]
    #[check(name = "messages_size_positive", expr = "size > 0")]
    #[index(columns(uid), unique, where = "uid IS NOT NULL")]
    #[index(expr = "lower(email)", unique, name = "ix_messages_email_lower")]
    /// Messages sent to an endpoint.
    pub struct SqliteMessage {
        #[column(primary_key, identity)]
        pub id: i64,
        /// Bytes of the payload.
        pub size: i32,
        #[column(collation = "C")]
        pub uid: Option<String>,
        pub email: String,
    }

    schema_core::schema! {
        /// SQLite's partial and expression indexes.
        #[dialects(sqlite)]
        pub const SQLITE = [SqliteMessage];
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_derived_declaration_builds_checks_clean_and_round_trips_rows() {
    on_each_backend("part2_derived", |db| async move {
        let d = db.dialect.name();
        let schemas: &[&Schema] = match db.dialect {
            Dialect::Postgres => &[&derived::PG],
            Dialect::Sqlite => &[&derived::SHARED, &derived::SQLITE],
            Dialect::MySql => &[&derived::SHARED],
        };
        for schema in schemas {
            let other = TestDb::create_like(&db, "part2_derived_each").await;
            let sql = schema
                .create_sql(db.dialect)
                .unwrap_or_else(|e| panic!("{d}: {e}"));
            other
                .pool
                .apply(&sql)
                .await
                .unwrap_or_else(|e| panic!("{d}: {e}"));
            let found = differences(&other, schema).await;
            other.destroy().await;
            assert_eq!(found, Vec::<String>::new(), "{d}");
        }
        if db.dialect == Dialect::Postgres {
            return;
        }
        let sql = derived::SHARED.create_sql(db.dialect).unwrap();
        db.pool.apply(&sql).await.unwrap();
        let row = derived::Message {
            id: 1,
            app_id: 3,
            created_at: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
            size: 12,
            kind: "note".into(),
            uid: Some("Ab".into()),
            email: "a@x".into(),
        };
        schema_tests::insert(&db.pool, &row)
            .await
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        let read: Vec<derived::Message> = schema_tests::fetch_all(&db.pool, "id").await;
        assert_eq!(read, [row], "{d}");
    })
    .await;
}
