//! One row per example table, with every column type, written and read back with sqlx.
//!
//! Each table gets a row written as SQL literals (every UUID is the same value, so every
//! foreign key finds its parent), read into its struct with the derived `FromRow`; the tables
//! are then emptied, the structs written back with the derived `BindRow`, read again, and
//! compared: encode and decode agree with the column types on every backend.

use std::any::Any;
use std::collections::VecDeque;
use std::fmt::Debug;

use ontology_hub::models::*;
use ontology_hub::HUB;
use schema_core::{ColumnDef, Dialect, SqlType};
use schema_tests::{execute, fetch_all, insert, on_each_backend, Row, TestDb};

const UUID: &str = "00000000-0000-0000-0000-000000000001";
const TIMESTAMP: &str = "2024-02-29 13:45:07.123456";
const JSON: &str = r#"{"k": [1, 2.5, "x", null, true]}"#;

/// A value of the column's type, as an SQL literal in this dialect.
fn literal(dialect: Dialect, column: &ColumnDef) -> String {
    match column.sql_type {
        SqlType::Uuid => match dialect {
            Dialect::Postgres => format!("'{UUID}'"),
            Dialect::Sqlite | Dialect::MySql => format!("X'{}'", UUID.replace('-', "")),
        },
        SqlType::Varchar(_) | SqlType::Text => format!("'{}: it''s text'", column.name),
        SqlType::SmallInt | SqlType::Integer | SqlType::BigInt => "42".into(),
        SqlType::Real | SqlType::Double => "2.5".into(),
        SqlType::Boolean => match dialect {
            Dialect::Postgres => "true".into(),
            Dialect::Sqlite | Dialect::MySql => "1".into(),
        },
        SqlType::Bytes => match dialect {
            Dialect::Postgres => "'\\x0102ff'::bytea".into(),
            Dialect::Sqlite | Dialect::MySql => "X'0102ff'".into(),
        },
        SqlType::Timestamp => format!("'{TIMESTAMP}'"),
        SqlType::TimestampTz => match dialect {
            Dialect::Postgres => format!("'{TIMESTAMP}+00'"),
            Dialect::Sqlite => format!("'{}Z'", TIMESTAMP.replace(' ', "T")),
            Dialect::MySql => format!("'{TIMESTAMP}'"),
        },
        SqlType::Date => "'2024-02-29'".into(),
        SqlType::Json | SqlType::Jsonb => format!("'{JSON}'"),
        SqlType::Enum(e) => format!("'{}'", e.values[e.values.len() - 1]),
        SqlType::Numeric(_) => "12.50".into(),
        SqlType::Char(_) => "'c'".into(),
        SqlType::Time => "'13:45:07.123456'".into(),
        SqlType::TinyIntUnsigned
        | SqlType::SmallIntUnsigned
        | SqlType::IntegerUnsigned
        | SqlType::BigIntUnsigned => "200".into(),
        SqlType::Array(_) => "'{1,2}'".into(),
        SqlType::Inet => "'192.168.0.1'".into(),
        SqlType::Interval => "'1 day'".into(),
        SqlType::Custom(_) => format!("'{}'", column.name),
    }
}

async fn insert_literal_rows(db: &TestDb) {
    for table in HUB.creation_order().tables {
        let d = db.dialect;
        let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        let values: Vec<String> = table.columns.iter().map(|c| literal(d, c)).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            d.quote(table.name),
            d.quote_list(&names),
            values.join(", ")
        );
        execute(&db.pool, &sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

trait Model: Row + Clone + PartialEq + Debug {}
impl<T: Row + Clone + PartialEq + Debug> Model for T {}

type Stash = VecDeque<Box<dyn Any + Send>>;

async fn read<T: Model>(db: &TestDb, stash: &mut Stash) {
    let rows: Vec<T> = fetch_all(&db.pool, T::DEF.columns[0].name).await;
    assert_eq!(rows.len(), 1, "{}", T::NAME);
    stash.push_back(Box::new(rows));
}

async fn write_back<T: Model>(db: &TestDb, stash: &mut Stash) {
    let rows = pop::<T>(stash);
    for row in &rows {
        insert(&db.pool, row)
            .await
            .unwrap_or_else(|e| panic!("insert {} on {}: {e}", T::NAME, db.dialect.name()));
    }
    stash.push_back(Box::new(rows));
}

async fn compare<T: Model>(db: &TestDb, stash: &mut Stash) {
    let written = pop::<T>(stash);
    let read: Vec<T> = fetch_all(&db.pool, T::DEF.columns[0].name).await;
    assert_eq!(read, written, "{} on {}", T::NAME, db.dialect.name());
    stash.push_back(Box::new(written));
}

fn pop<T: Model>(stash: &mut Stash) -> Vec<T> {
    let boxed = stash
        .pop_front()
        .unwrap_or_else(|| panic!("stash is empty at {}", T::NAME));
    *boxed
        .downcast::<Vec<T>>()
        .unwrap_or_else(|_| panic!("stash out of order at {}", T::NAME))
}

/// Runs `$step::<T>(db, stash)` for every model, in creation order.
macro_rules! each_model {
    ($step:ident, $db:expr, $stash:expr) => {
        $step::<Entity>($db, $stash).await;
        $step::<LegacyModule>($db, $stash).await;
        $step::<Profile>($db, $stash).await;
        $step::<LegacyDraft>($db, $stash).await;
        $step::<OntologyVersion>($db, $stash).await;
        $step::<Category>($db, $stash).await;
        $step::<Property>($db, $stash).await;
        $step::<Subobject>($db, $stash).await;
        $step::<Module>($db, $stash).await;
        $step::<Bundle>($db, $stash).await;
        $step::<Template>($db, $stash).await;
        $step::<CategoryParent>($db, $stash).await;
        $step::<CategoryProperty>($db, $stash).await;
        $step::<CategorySubobject>($db, $stash).await;
        $step::<SubobjectProperty>($db, $stash).await;
        $step::<ModuleEntity>($db, $stash).await;
        $step::<BundleModule>($db, $stash).await;
        $step::<ModuleDependency>($db, $stash).await;
        $step::<Draft>($db, $stash).await;
        $step::<DraftChange>($db, $stash).await;
        $step::<Dashboard>($db, $stash).await;
        $step::<Resource>($db, $stash).await;
        $step::<ModuleDashboard>($db, $stash).await;
        $step::<BundleDashboard>($db, $stash).await;
    };
}

#[tokio::test]
async fn every_table_round_trips() {
    on_each_backend("round_trip", |db| async move {
        assert_eq!(HUB.tables.len(), 24, "each_model! lists every table");
        db.pool
            .apply(&HUB.create_sql(db.dialect).unwrap())
            .await
            .unwrap();
        insert_literal_rows(&db).await;
        let mut stash = Stash::new();
        each_model!(read, &db, &mut stash);

        // The literals decoded to the values they spell.
        let property = pop::<Property>(&mut { stash.clone_property() });
        assert_eq!(property[0].display_precision, Some(42));
        assert!(property[0].unique_values);
        assert_eq!(property[0].created_at.to_string(), TIMESTAMP);
        assert_eq!(property[0].canonical_json, serde_json::from_str(JSON).ok());
        assert_eq!(property[0].id.to_string(), UUID);

        // Empty every table, children first (rebuilding the schema instead would leave
        // PostgreSQL's cached statements on the pool pointing at the dropped tables).
        for table in HUB.creation_order().tables.iter().rev() {
            execute(
                &db.pool,
                &format!("DELETE FROM {}", db.dialect.quote(table.name)),
            )
            .await
            .unwrap();
        }
        each_model!(write_back, &db, &mut stash);
        each_model!(compare, &db, &mut stash);
    })
    .await;
}

/// Reads the stashed `Property` rows without disturbing the stash order.
trait PeekProperty {
    fn clone_property(&self) -> Stash;
}

impl PeekProperty for Stash {
    fn clone_property(&self) -> Stash {
        let rows = self
            .iter()
            .find_map(|b| b.downcast_ref::<Vec<Property>>())
            .cloned()
            .unwrap_or_default();
        let mut out = Stash::new();
        out.push_back(Box::new(rows));
        out
    }
}

#[test]
fn enum_labels_round_trip_through_the_trait() {
    use schema_core::SqlEnum;
    assert_eq!(DraftStatusV2::Rejected.as_label(), "rejected");
    assert_eq!(
        IngestStatus::from_label("in_progress"),
        Some(IngestStatus::InProgress)
    );
    assert_eq!(DraftSource::from_label("nope"), None);
}

mod every_type {
    //! Every Rust type with a built-in mapping, NOT NULL and NULL-able, written and read back.
    use super::*;
    use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
    use schema_core::{SqlEnum, Table};
    use serde_json::{json, Value};
    use uuid::Uuid;

    #[derive(SqlEnum, Debug, Clone, Copy, PartialEq)]
    #[sql_enum(name = "mood")]
    enum Mood {
        Calm,
        #[sql_enum(rename = "very-happy")]
        VeryHappy,
    }

    #[derive(Table, Debug, Clone, PartialEq)]
    struct AllTypes {
        #[column(primary_key)]
        id: Uuid,
        text: String,
        small: i16,
        int: i32,
        big: i64,
        float: f32,
        double: f64,
        flag: bool,
        bytes: Vec<u8>,
        at: NaiveDateTime,
        at_utc: DateTime<Utc>,
        day: NaiveDate,
        json: Value,
        mood: Mood,
        #[column(sql_type = "TEXT")]
        long_text: String,
        #[column(sql_type = "JSONB")]
        jsonb: Value,
        #[column(sql_type = "VARCHAR(12)")]
        short: String,
        maybe_text: Option<String>,
        maybe_int: Option<i64>,
        maybe_at: Option<NaiveDateTime>,
        maybe_json: Option<Value>,
        maybe_uuid: Option<Uuid>,
        maybe_mood: Option<Mood>,
    }

    schema_core::schema! {
        const TYPES = [AllTypes];
    }

    fn full() -> AllTypes {
        let at = DateTime::from_timestamp(1_709_214_307, 123_456_000).unwrap_or_default();
        AllTypes {
            id: Uuid::new_v4(),
            text: "naïve ‘text’ with 'quotes'".into(),
            small: -32_768,
            int: i32::MAX,
            big: i64::MIN,
            float: 1.5,
            double: -0.1,
            flag: true,
            bytes: vec![0, 1, 254, 255],
            at: at.naive_utc(),
            at_utc: at,
            day: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap_or_default(),
            json: json!({"a": [1, 2.5, "x", null, false]}),
            mood: Mood::VeryHappy,
            long_text: "x".repeat(10_000),
            jsonb: json!([{"k": "v"}]),
            short: "twelve chars".into(),
            maybe_text: Some("some".into()),
            maybe_int: Some(7),
            maybe_at: Some(at.naive_utc()),
            maybe_json: Some(json!(3)),
            maybe_uuid: Some(Uuid::new_v4()),
            maybe_mood: Some(Mood::Calm),
        }
    }

    fn empty() -> AllTypes {
        AllTypes {
            maybe_text: None,
            maybe_int: None,
            maybe_at: None,
            maybe_json: None,
            maybe_uuid: None,
            maybe_mood: None,
            ..full()
        }
    }

    #[tokio::test]
    async fn every_mapped_type_round_trips() {
        on_each_backend("every_type", |db| async move {
            db.pool
                .apply(&TYPES.create_sql(db.dialect).unwrap())
                .await
                .unwrap();
            let mut rows = vec![full(), empty()];
            for row in &rows {
                insert(&db.pool, row)
                    .await
                    .unwrap_or_else(|e| panic!("{} on {}: {e}", AllTypes::NAME, db.dialect.name()));
            }
            rows.sort_by_key(|r| r.id);
            let read: Vec<AllTypes> = fetch_all(&db.pool, "id").await;
            assert_eq!(read, rows, "on {}", db.dialect.name());
            db.pool.apply(&TYPES.drop_sql(db.dialect)).await.unwrap();
            assert!(db.pool.table_names().await.unwrap().is_empty());
        })
        .await;
    }
}
