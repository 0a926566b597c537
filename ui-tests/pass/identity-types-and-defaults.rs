// Every column form for real schemas: identity keys of each kind, SQLite's AUTOINCREMENT, a
// named primary key, NUMERIC/CHAR/TIME, pass-through and per-dialect types, per-dialect and
// function defaults, ON UPDATE, and the Rust types mapped behind schema-core's features (named
// through sqlx's re-exports: the same types as `rust_decimal::Decimal`, `time::Date`, ...).
use schema_core::model::{DialectText, Identity, IdentityKind, OnUpdate};
use schema_core::{ColumnDef, DefaultValue, Dialect, SqlType, Table};
use sqlx::postgres::types::PgInterval;
use sqlx::types::ipnetwork::IpNetwork;
use sqlx::types::time;
use sqlx::types::{BigDecimal, Decimal};

#[derive(Table)]
#[table(primary_key_name = "pk_invoice")]
pub struct Invoice {
    #[column(primary_key, identity, autoincrement)]
    pub invoice_id: i64,
    #[column(sql_type = "NUMERIC(10, 2)")]
    pub total: Decimal,
    #[column(sql_type = "decimal(12)")]
    pub tax: BigDecimal,
    #[column(sql_type = "NUMERIC")]
    pub ratio: Decimal,
    #[column(sql_type = "CHAR(36)")]
    pub legacy_ref: String,
    #[column(sql_type = "CHARACTER(2)")]
    pub country: String,
    #[column(sql_type = "TIME")]
    pub closes_at: chrono::NaiveTime,
    #[column(sql_type = "CITEXT")]
    pub email: String,
    #[column(sql_type(postgres = "CITEXT", sqlite = "TEXT", mysql = "VARCHAR(255)"))]
    pub handle: String,
    #[column(sql_type(postgres = "TSVECTOR"))]
    pub search: Option<String>,
    #[column(default = "now()")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[column(default(postgres = "gen_random_uuid()", sqlite = "(randomblob(16))"))]
    pub token: uuid::Uuid,
    #[column(on_update = "CURRENT_TIMESTAMP")]
    pub touched_at: chrono::NaiveDateTime,
    #[column(default = "CURRENT_TIMESTAMP", on_update = "CURRENT_TIMESTAMP", on_update_emulated)]
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub opens_at: chrono::NaiveTime,
    pub amount: Decimal,
    pub exact: BigDecimal,
    pub issued: time::OffsetDateTime,
    pub local: time::PrimitiveDateTime,
    pub due: time::Date,
    pub cutoff: time::Time,
    pub tiny: u8,
    pub small: u16,
    pub medium: u32,
    pub large: Option<u64>,
    pub shorts: Vec<i16>,
    pub ints: Vec<i32>,
    pub longs: Vec<i64>,
    pub reals: Vec<f32>,
    pub doubles: Vec<f64>,
    pub flags: Vec<bool>,
    pub tags: Vec<String>,
    pub ids: Vec<uuid::Uuid>,
    pub payload: Vec<u8>,
    pub client: std::net::IpAddr,
    pub network: IpNetwork,
    pub grace: PgInterval,
}

#[derive(Table)]
pub struct Always {
    #[column(primary_key, identity = always)]
    pub id: i32,
    pub label: String,
}

#[derive(Table)]
pub struct Serial {
    #[column(primary_key, identity = serial, sql_type = "BIGINT")]
    pub id: i64,
    #[column(sql_type = "TEXT")]
    pub label: String,
}

#[derive(Table)]
pub struct ByDefault {
    pub label: String,
    #[column(primary_key, identity = by_default)]
    pub id: i16,
}

fn column(table: &schema_core::TableDef, name: &str) -> ColumnDef {
    *table
        .column(name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn identity(kind: IdentityKind, autoincrement: bool) -> Option<Identity> {
    Some(Identity {
        kind,
        autoincrement,
    })
}

/// What `sql_type = "CITEXT"` passes through (a `const`, so `&CITEXT` is `'static`).
const CITEXT: DialectText = DialectText::everywhere("CITEXT");

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let def = Invoice::DEF;
    assert_eq!(def.primary_key.name, "pk_invoice");
    assert_eq!(def.primary_key.columns, ["invoice_id"]);
    assert_eq!(
        column(&def, "invoice_id"),
        ColumnDef {
            identity: identity(IdentityKind::ByDefault, true),
            ..ColumnDef::new("invoice_id", SqlType::BigInt)
        }
    );

    let types = [
        ("total", SqlType::Numeric(Some((10, 2)))),
        ("tax", SqlType::Numeric(Some((12, 0)))),
        ("ratio", SqlType::Numeric(None)),
        ("legacy_ref", SqlType::Char(36)),
        ("country", SqlType::Char(2)),
        ("closes_at", SqlType::Time),
        ("email", SqlType::Custom(&CITEXT)),
        (
            "handle",
            SqlType::Custom(&DialectText {
                postgres: Some("CITEXT"),
                sqlite: Some("TEXT"),
                mysql: Some("VARCHAR(255)"),
            }),
        ),
        (
            "search",
            SqlType::Custom(&DialectText {
                postgres: Some("TSVECTOR"),
                sqlite: None,
                mysql: None,
            }),
        ),
        ("opens_at", SqlType::Time),
        ("amount", SqlType::Numeric(None)),
        ("exact", SqlType::Numeric(None)),
        ("issued", SqlType::TimestampTz),
        ("local", SqlType::Timestamp),
        ("due", SqlType::Date),
        ("cutoff", SqlType::Time),
        ("tiny", SqlType::TinyIntUnsigned),
        ("small", SqlType::SmallIntUnsigned),
        ("medium", SqlType::IntegerUnsigned),
        ("large", SqlType::BigIntUnsigned),
        ("shorts", SqlType::Array(&SqlType::SmallInt)),
        ("ints", SqlType::Array(&SqlType::Integer)),
        ("longs", SqlType::Array(&SqlType::BigInt)),
        ("reals", SqlType::Array(&SqlType::Real)),
        ("doubles", SqlType::Array(&SqlType::Double)),
        ("flags", SqlType::Array(&SqlType::Boolean)),
        ("tags", SqlType::Array(&SqlType::Varchar(None))),
        ("ids", SqlType::Array(&SqlType::Uuid)),
        ("payload", SqlType::Bytes),
        ("client", SqlType::Inet),
        ("network", SqlType::Inet),
        ("grace", SqlType::Interval),
    ];
    for (name, sql_type) in types {
        let nullable = name == "search" || name == "large";
        assert_eq!(
            column(&def, name),
            ColumnDef {
                nullable,
                ..ColumnDef::new(name, sql_type)
            },
            "{name}"
        );
    }

    assert_eq!(
        column(&def, "created_at").default,
        Some(DefaultValue::Expr("now()"))
    );
    assert_eq!(
        column(&def, "token").default,
        Some(DefaultValue::PerDialect(&DialectText {
            postgres: Some("gen_random_uuid()"),
            sqlite: Some("(randomblob(16))"),
            mysql: None,
        }))
    );
    assert_eq!(
        column(&def, "touched_at"),
        ColumnDef {
            on_update: Some(OnUpdate {
                value: DefaultValue::Expr("CURRENT_TIMESTAMP"),
                emulated: false,
            }),
            ..ColumnDef::new("touched_at", SqlType::Timestamp)
        }
    );
    assert_eq!(
        column(&def, "updated_at"),
        ColumnDef {
            default: Some(DefaultValue::Expr("CURRENT_TIMESTAMP")),
            on_update: Some(OnUpdate {
                value: DefaultValue::Expr("CURRENT_TIMESTAMP"),
                emulated: true,
            }),
            ..ColumnDef::new("updated_at", SqlType::TimestampTz)
        }
    );

    // The identity column is generated: inserts leave it out, every other column stays.
    for dialect in Dialect::ALL {
        let insert = Invoice::insert_sql(dialect);
        assert!(!insert.contains("invoice_id"), "{insert}");
        assert!(insert.contains("total"), "{insert}");
        assert!(insert.contains("grace"), "{insert}");
    }
    let pg = Invoice::insert_sql(Dialect::Postgres);
    assert!(pg.ends_with(&format!("${})", def.columns.len() - 1)), "{pg}");

    assert_eq!(
        column(&Always::DEF, "id").identity,
        identity(IdentityKind::Always, false)
    );
    assert_eq!(
        column(&Serial::DEF, "id"),
        ColumnDef {
            identity: identity(IdentityKind::Serial, false),
            ..ColumnDef::new("id", SqlType::BigInt)
        }
    );
    assert_eq!(
        column(&ByDefault::DEF, "id"),
        ColumnDef {
            identity: identity(IdentityKind::ByDefault, false),
            ..ColumnDef::new("id", SqlType::SmallInt)
        }
    );
    assert_eq!(ByDefault::DEF.primary_key.name, "by_default_pkey");
    for (insert, key) in [
        (Always::insert_sql(Dialect::Sqlite), "\"id\""),
        (Serial::insert_sql(Dialect::Sqlite), "\"id\""),
        (ByDefault::insert_sql(Dialect::MySql), "`id`"),
    ] {
        assert!(!insert.contains(key), "{insert}");
        assert!(insert.contains("label"), "{insert}");
    }

    // The DDL renders what was declared.
    let always = Always::create_sql(Dialect::Postgres).unwrap().join("\n");
    assert!(always.contains("GENERATED ALWAYS AS IDENTITY"), "{always}");

    // `BindRow` binds what `insert_sql` lists: the database numbers the rows.
    let pool = schema_core::db::Pool::connect("sqlite::memory:").await.unwrap();
    pool.apply(&Always::create_sql(Dialect::Sqlite).unwrap())
        .await
        .unwrap();
    for label in ["a", "b"] {
        let row = Always {
            id: 0,
            label: label.into(),
        };
        pool.insert(&row).await.unwrap();
    }
    let rows: Vec<Always> = pool
        .fetch_all("SELECT * FROM \"always\" ORDER BY \"id\"")
        .await
        .unwrap();
    let rows: Vec<(i32, &str)> = rows.iter().map(|r| (r.id, r.label.as_str())).collect();
    assert_eq!(rows, [(1, "a"), (2, "b")]);
}
