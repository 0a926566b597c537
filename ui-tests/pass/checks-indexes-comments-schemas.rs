// Every form of part 2 the derive reads: named CHECKs (once and per dialect), each index form
// (DESC, partial, expression, method, INCLUDE, NULLS NOT DISTINCT), doc comments as comments,
// collations, a PostgreSQL schema, an external table, a table without a primary key, and a
// table that keeps its doc comments out of the database.
use schema_core::model::{CheckDef, DialectText, IndexMethod};
use schema_core::{Dialect, IndexDef, PrimaryKeyDef, Table, UniqueDef};
use uuid::Uuid;

/// Users, owned by the auth service.
#[derive(Table)]
#[table(name = "users", schema = "auth", external)]
pub struct AuthUser {
    #[column(primary_key)]
    pub id: Uuid,
}

#[derive(Table)]
#[table(name = "messages", schema = "billing")]
#[check(name = "messages_size_positive", expr = " size > 0 ")]
#[check(
    name = "messages_kind",
    expr(postgres = "kind ~ '^[a-z]+$'", sqlite = "kind GLOB '[a-z]*'", mysql = "kind REGEXP '^[a-z]+$'")
)]
#[index(columns(app_id, created_at), desc(created_at), name = "ix_messages_app_created")]
#[index(columns(uid), unique, where = "uid IS NOT NULL")]
#[index(expr = "lower(email)", unique, name = "ix_messages_email_lower")]
#[index(columns(tags), method = gin)]
#[index(columns(app_id), include(created_at))]
#[index(columns(uid, email), unique, nulls_not_distinct, name = "ix_messages_uid_email")]
#[unique(columns(app_id, uid), nulls_not_distinct)]
/// Messages sent to an endpoint.
///
///   Kept for 30 days.
pub struct Message {
    #[column(primary_key, identity)]
    pub id: i64,
    #[foreign_key(references = AuthUser::id)]
    pub user_id: Uuid,
    pub app_id: i64,
    /// Bytes of the payload.
    pub size: i32,
    pub kind: String,
    pub email: String,
    #[column(collation = "C")]
    pub uid: Option<String>,
    #[column(collation(postgres = "und-x-icu", sqlite = "NOCASE", mysql = "utf8mb4_0900_ai_ci"))]
    pub label: String,
    pub tags: Vec<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A log another tool writes: no key, and no comments in its database.
#[derive(Table)]
#[table(name = "import_log", no_primary_key, no_comments)]
pub struct ImportLog {
    /// The line as read.
    pub line: String,
}

fn main() {
    const M: schema_core::TableDef = <Message as Table>::DEF;
    assert_eq!(<Message as Table>::SCHEMA, Some("billing"));
    assert_eq!(M.schema, Some("billing"));
    assert!(!M.external);
    assert_eq!(M.comment, Some("Messages sent to an endpoint.\n\n  Kept for 30 days."));
    assert_eq!(M.column("size").and_then(|c| c.comment), Some("Bytes of the payload."));
    assert_eq!(M.column("id").and_then(|c| c.comment), None);
    assert_eq!(
        M.column("uid").and_then(|c| c.collation),
        Some(DialectText::everywhere("C"))
    );
    assert_eq!(
        M.column("label").and_then(|c| c.collation),
        Some(DialectText {
            postgres: Some("und-x-icu"),
            sqlite: Some("NOCASE"),
            mysql: Some("utf8mb4_0900_ai_ci"),
        })
    );
    assert_eq!(
        M.checks,
        [
            CheckDef::new("messages_size_positive", "size > 0"),
            CheckDef {
                name: "messages_kind",
                expr: DialectText {
                    postgres: Some("kind ~ '^[a-z]+$'"),
                    sqlite: Some("kind GLOB '[a-z]*'"),
                    mysql: Some("kind REGEXP '^[a-z]+$'"),
                },
            },
        ]
    );
    assert_eq!(
        M.indexes,
        [
            IndexDef {
                descending: &["created_at"],
                ..IndexDef::new("ix_messages_app_created", &["app_id", "created_at"])
            },
            IndexDef {
                unique: true,
                predicate: Some("uid IS NOT NULL"),
                ..IndexDef::new("ix_messages_uid", &["uid"])
            },
            IndexDef {
                unique: true,
                expr: Some("lower(email)"),
                ..IndexDef::new("ix_messages_email_lower", &[])
            },
            IndexDef {
                method: IndexMethod::Gin,
                ..IndexDef::new("ix_messages_tags", &["tags"])
            },
            IndexDef {
                include: &["created_at"],
                ..IndexDef::new("ix_messages_app_id", &["app_id"])
            },
            IndexDef {
                unique: true,
                nulls_not_distinct: true,
                ..IndexDef::new("ix_messages_uid_email", &["uid", "email"])
            },
        ]
    );
    assert_eq!(
        M.uniques,
        [UniqueDef {
            nulls_not_distinct: true,
            ..UniqueDef::new("messages_app_id_uid_key", &["app_id", "uid"])
        }]
    );
    assert_eq!(M.foreign_keys[0].ref_table, "users");
    assert_eq!(M.foreign_keys[0].ref_schema, Some("auth"));

    const U: schema_core::TableDef = <AuthUser as Table>::DEF;
    assert!(U.external);
    assert_eq!(U.schema, Some("auth"));
    assert_eq!(U.comment, Some("Users, owned by the auth service."));

    const L: schema_core::TableDef = <ImportLog as Table>::DEF;
    assert_eq!(L.primary_key, PrimaryKeyDef::NONE);
    assert_eq!(L.comment, None);
    assert_eq!(L.columns[0].comment, None);
    assert_eq!(<ImportLog as Table>::SCHEMA, None);

    // Every form renders on PostgreSQL, in the `billing` schema.
    let sql = Message::create_sql(Dialect::Postgres).unwrap_or_else(|e| panic!("{e}"));
    let sql = sql.join(";\n");
    for expected in [
        "CREATE TABLE \"billing\".\"messages\"",
        "CONSTRAINT \"messages_size_positive\" CHECK (size > 0)",
        "\"uid\" VARCHAR COLLATE \"C\"",
        "\"created_at\" DESC",
        "WHERE uid IS NOT NULL",
        "((lower(email)))",
        "USING gin",
        "INCLUDE (\"created_at\")",
        "NULLS NOT DISTINCT",
        "REFERENCES \"auth\".\"users\"",
    ] {
        assert!(sql.contains(expected), "{expected}\n{sql}");
    }
    // A partial index is refused on MySQL, naming the table, the index and the dialect.
    let error = Message::create_sql(Dialect::MySql).err().map(|e| e.to_string());
    assert!(error.is_some(), "MySQL has no schemas nor partial indexes");
}
