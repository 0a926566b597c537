//! What the models do not own, on real databases: a table another system owns (declared
//! `external`: referenced by a foreign key, never created, checked for its presence and key
//! only), a table without a primary key, other tools' version tables and tables left out by
//! name or schema, and (PostgreSQL) tables in a schema of their own, created by the chain.

use schema_core::autogen::diff;
use schema_core::drift::{self, CheckOptions};
use schema_core::migrate::{Event, Migrator, Revision, Step};
use schema_core::model::SchemaState;
use schema_core::{
    ColumnDef, Dialect, ForeignKeyDef, PrimaryKeyDef, ReferentialAction, Schema, SqlType, TableDef,
};
use schema_tests::{execute, on_each_backend, TestDb};

const USER_COLUMNS: &[ColumnDef] = &[ColumnDef::new("id", SqlType::BigInt)];
const USERS_PK: PrimaryKeyDef = PrimaryKeyDef {
    name: "users_pkey",
    columns: &["id"],
};
/// Another system's table: only its key is declared.
const USERS: TableDef = TableDef {
    external: true,
    ..TableDef::new("users", "AuthUser", USER_COLUMNS, USERS_PK)
};
const USERS_IN_AUTH: TableDef = TableDef {
    schema: Some("auth"),
    ..USERS
};

const INVOICE_COLUMNS: &[ColumnDef] = &[
    ColumnDef::new("id", SqlType::BigInt),
    ColumnDef::new("user_id", SqlType::BigInt),
];
const INVOICES_PK: PrimaryKeyDef = PrimaryKeyDef {
    name: "invoices_pkey",
    columns: &["id"],
};
const TO_USERS: ForeignKeyDef = ForeignKeyDef {
    on_delete: ReferentialAction::Cascade,
    ..ForeignKeyDef::new("invoices_user_id_fkey", &["user_id"], "users", &["id"])
};
const INVOICES: TableDef = TableDef {
    foreign_keys: &[TO_USERS],
    ..TableDef::new("invoices", "Invoice", INVOICE_COLUMNS, INVOICES_PK)
};
/// PostgreSQL: in `billing`, referencing `auth.users`.
const INVOICES_IN_BILLING: TableDef = TableDef {
    schema: Some("billing"),
    foreign_keys: &[ForeignKeyDef {
        ref_schema: Some("auth"),
        ..TO_USERS
    }],
    ..INVOICES
};

/// An existing table without a primary key (`#[table(no_primary_key)]`).
const LEGACY_LOG: TableDef = TableDef::new(
    "legacy_log",
    "LegacyLog",
    &[ColumnDef::new("line", SqlType::Text)],
    PrimaryKeyDef::NONE,
);

const MODELS: Schema = Schema::new(&[&USERS, &INVOICES, &LEGACY_LOG]);
const PG_MODELS: Schema = Schema::new(&[&USERS_IN_AUTH, &INVOICES_IN_BILLING, &LEGACY_LOG]);

fn models(dialect: Dialect) -> &'static Schema {
    if dialect == Dialect::Postgres {
        &PG_MODELS
    } else {
        &MODELS
    }
}

/// The other system's table as it made it, with columns the models never mention.
fn users_by_hand(dialect: Dialect) -> &'static [&'static str] {
    match dialect {
        Dialect::Postgres => &[
            "CREATE SCHEMA auth",
            "CREATE TABLE auth.users (id bigint PRIMARY KEY, email text NOT NULL, created timestamptz)",
        ],
        Dialect::Sqlite => &["CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL)"],
        Dialect::MySql => &["CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT NOT NULL) ENGINE=InnoDB"],
    }
}

/// Other tools' version tables and one more table the team leaves out.
const OTHERS: &[&str] = &[
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
    "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL)",
    "CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY)",
    "CREATE TABLE seaql_migrations (version VARCHAR(100) PRIMARY KEY, applied_at BIGINT NOT NULL)",
    "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY)",
    "CREATE TABLE refinery_schema_history (version INT PRIMARY KEY)",
    "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY)",
    "CREATE TABLE audit_log (id INT PRIMARY KEY, line TEXT)",
];

async fn lines(db: &TestDb, schema: &Schema, options: &CheckOptions) -> Vec<String> {
    drift::check_with(&db.url, schema, options)
        .await
        .unwrap_or_else(|e| panic!("check on {}: {e}", db.dialect.name()))
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn tables_the_models_do_not_own_are_referenced_or_left_out() {
    on_each_backend("outside_owned", |db| async move {
        let d = db.dialect.name();
        let schema = models(db.dialect);
        // The external table is never created, nor dropped.
        let create = schema
            .create_sql(db.dialect)
            .unwrap_or_else(|e| panic!("{d}: {e}"));
        let creates_users = |s: &String| {
            let quoted = db.dialect.quote("users");
            s.starts_with(&format!("CREATE TABLE {quoted}"))
                || s.starts_with(&format!("CREATE TABLE \"auth\".{quoted}"))
        };
        assert!(!create.iter().any(creates_users), "{d}: {create:#?}");
        assert!(
            create.iter().any(|s| s.starts_with("CREATE TABLE")),
            "{d}: {create:#?}"
        );
        assert!(
            !schema
                .drop_sql(db.dialect)
                .iter()
                .any(|s| s.contains("users")),
            "{d}"
        );
        for sql in users_by_hand(db.dialect).iter().chain(OTHERS) {
            execute(&db.pool, sql)
                .await
                .unwrap_or_else(|e| panic!("{d}: `{sql}`: {e}"));
        }
        db.pool
            .apply(&create)
            .await
            .unwrap_or_else(|e| panic!("{d}: create: {e}"));
        // The foreign key to the other system's table holds.
        execute(
            &db.pool,
            &format!(
                "INSERT INTO {} (id, email) VALUES (7, 'a@x')",
                users(db.dialect)
            ),
        )
        .await
        .unwrap();
        execute(
            &db.pool,
            &format!(
                "INSERT INTO {} (id, user_id) VALUES (1, 7)",
                invoices(db.dialect)
            ),
        )
        .await
        .unwrap();
        assert!(
            execute(
                &db.pool,
                &format!(
                    "INSERT INTO {} (id, user_id) VALUES (2, 8)",
                    invoices(db.dialect)
                )
            )
            .await
            .is_err(),
            "{d}: the key to users did not hold"
        );
        // Other tools' tables are left out by themselves; audit_log when asked.
        let plain = CheckOptions::default();
        assert_eq!(
            lines(&db, schema, &plain).await,
            ["table audit_log: in the database, not in the model"],
            "{d}"
        );
        let ignoring = CheckOptions {
            ignore: vec!["audit_log".into()],
            ..CheckOptions::default()
        };
        assert_eq!(
            lines(&db, schema, &ignoring).await,
            Vec::<String>::new(),
            "{d}"
        );
        // Without its table, the external declaration is reported missing.
        let only_users = Schema::new(if db.dialect == Dialect::Postgres {
            &[&USERS_IN_AUTH]
        } else {
            &[&USERS]
        });
        let other = TestDb::create_like(&db, "outside_owned_empty").await;
        let missing = lines(&other, &only_users, &ignoring).await;
        other.destroy().await;
        let name = if db.dialect == Dialect::Postgres {
            "auth.users"
        } else {
            "users"
        };
        assert_eq!(
            missing,
            [format!(
                "table {name}: in the model, missing in the database"
            )],
            "{d}"
        );
    })
    .await;
}

fn users(dialect: Dialect) -> &'static str {
    if dialect == Dialect::Postgres {
        "auth.users"
    } else {
        "users"
    }
}

fn invoices(dialect: Dialect) -> &'static str {
    if dialect == Dialect::Postgres {
        "billing.invoices"
    } else {
        "invoices"
    }
}

/// PostgreSQL: the chain the diff writes creates the `billing` schema before its table, the
/// database then checks clean per schema, and a table in the wrong schema is reported.
#[tokio::test(flavor = "current_thread")]
async fn a_postgres_schema_is_created_by_the_chain_and_checked() {
    on_each_backend("outside_schema", |db| async move {
        if db.dialect != Dialect::Postgres {
            // Schemas are PostgreSQL's: elsewhere they are a render error, named.
            let error = PG_MODELS.create_sql(db.dialect).unwrap_err().to_string();
            assert!(
                error.contains("invoices") && error.contains("billing") && error.contains(db.dialect.name()),
                "{error}"
            );
            return;
        }
        for sql in users_by_hand(db.dialect) {
            execute(&db.pool, sql).await.unwrap();
        }
        let changes = diff(&SchemaState::default(), &SchemaState::from_schema(&PG_MODELS));
        let steps: Vec<String> = changes.up.iter().map(Step::describe).collect();
        let at = |what: &str| steps.iter().position(|s| s == what);
        assert!(
            at("create schema billing") < at("create table invoices") && at("create schema billing").is_some(),
            "{steps:#?}"
        );
        assert!(!steps.iter().any(|s| s.contains("auth") || s.contains("table users")), "{steps:#?}");
        let revisions: &'static [Revision] = Box::leak(Box::new([Revision {
            id: "001",
            parent: None,
            message: "billing",
            up: Box::leak(changes.up.into_boxed_slice()),
            down: Box::leak(changes.down.into_boxed_slice()),
        }]));
        let m = Migrator::new(revisions).unwrap_or_else(|e| panic!("{e}"));
        m.upgrade(&db.url, "head", &mut |_: &Event| {}).await.unwrap();
        let options = CheckOptions {
            ignore: vec![m.options().version_table.to_owned()],
            ..CheckOptions::default()
        };
        assert_eq!(lines(&db, &PG_MODELS, &options).await, Vec::<String>::new());
        // The same table in the current schema instead is another table.
        execute(&db.pool, "CREATE TABLE invoices (id bigint PRIMARY KEY)").await.unwrap();
        assert_eq!(
            lines(&db, &PG_MODELS, &options).await,
            ["table invoices: in the database, not in the model"]
        );
        execute(&db.pool, "DROP TABLE invoices").await.unwrap();
        m.downgrade(&db.url, "base", &mut |_: &Event| {}).await.unwrap();
        let left = schema_tests::strings(
            &db.pool,
            "SELECT nspname::text FROM pg_namespace WHERE nspname IN ('auth', 'billing') ORDER BY 1",
        )
        .await;
        assert_eq!(left, [["auth"]], "the downgrade drops billing, never auth");
    })
    .await;
}
