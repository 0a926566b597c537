//! The generated DDL on real databases: SQLite always, PostgreSQL and MariaDB when their URLs
//! are set (see `schema_tests::backends`). Each test body runs in a fresh database per backend.

use ontology_hub::HUB;
use schema_core::Dialect;
use schema_tests::{catalog, on_each_backend, TestDb};

async fn create_hub(db: &TestDb) {
    db.pool
        .apply(&HUB.create_sql(db.dialect).unwrap())
        .await
        .unwrap_or_else(|e| panic!("create on {}: {e}", db.dialect.name()));
}

mod lifecycle {
    use super::*;

    /// Every statement executes; the schema holds what it declares; after `drop_sql` the
    /// database holds no table, index or type.
    #[tokio::test]
    async fn create_then_drop_leaves_nothing() {
        on_each_backend("lifecycle", |db| async move {
            create_hub(&db).await;
            let mut expected: Vec<String> = HUB.tables.iter().map(|t| t.name.to_owned()).collect();
            expected.sort();
            assert_eq!(db.pool.table_names().await.unwrap(), expected);
            let declared: usize = HUB.tables.iter().map(|t| t.indexes.len()).sum();
            let named: Vec<catalog::Index> = catalog::indexes(&db.pool)
                .await
                .into_iter()
                .filter(|i| i.name.starts_with("ix_"))
                .collect();
            assert_eq!(named.len(), declared, "{named:#?}");
            if db.dialect == Dialect::Postgres {
                assert_eq!(catalog::enum_types(&db.pool).await.len(), 6);
            }

            db.pool.apply(&HUB.drop_sql(db.dialect)).await.unwrap();
            assert_eq!(db.pool.table_names().await.unwrap(), Vec::<String>::new());
            assert_eq!(catalog::indexes(&db.pool).await, vec![]);
            assert_eq!(catalog::enum_types(&db.pool).await, Vec::<String>::new());
        })
        .await;
    }

    /// The schema can be created again after a drop (nothing was left behind to collide).
    #[tokio::test]
    async fn create_drop_create() {
        on_each_backend("recreate", |db| async move {
            create_hub(&db).await;
            db.pool.apply(&HUB.drop_sql(db.dialect)).await.unwrap();
            create_hub(&db).await;
            assert_eq!(db.pool.table_names().await.unwrap().len(), 24);
        })
        .await;
    }
}

mod seed {
    //! The seed plan's own verification (`shared/seed/24-02-PLAN.md`), on every backend.
    use super::*;
    use chrono::NaiveDateTime;
    use ontology_hub::models::{
        Bundle, BundleDashboard, Dashboard, Module, ModuleDashboard, Resource,
    };
    use schema_tests::{execute, fetch_all, insert, scalar_i64};
    use serde_json::json;
    use uuid::Uuid;

    fn now() -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_706_000_000, 123_456_000)
            .map(|t| t.naive_utc())
            .unwrap_or_default()
    }

    fn dashboard(key: &str) -> Dashboard {
        Dashboard {
            id: Uuid::new_v4(),
            entity_key: key.into(),
            source_path: format!("dashboards/{key}.json"),
            label: key.into(),
            description: None,
            canonical_json: Some(json!({"pages": []})),
            created_at: now(),
            updated_at: now(),
        }
    }

    fn module(key: &str) -> Module {
        Module {
            id: Uuid::new_v4(),
            entity_key: key.into(),
            source_path: format!("modules/{key}.json"),
            label: key.into(),
            description: Some("a module".into()),
            version: Some("1.0.0".into()),
            canonical_json: None,
            created_at: now(),
            updated_at: now(),
        }
    }

    fn bundle(key: &str) -> Bundle {
        Bundle {
            id: Uuid::new_v4(),
            entity_key: key.into(),
            source_path: format!("bundles/{key}.json"),
            label: key.into(),
            description: None,
            version: None,
            canonical_json: None,
            created_at: now(),
            updated_at: now(),
        }
    }

    async fn count(db: &TestDb, table: &str) -> i64 {
        scalar_i64(
            &db.pool,
            &format!("SELECT COUNT(*) FROM {}", db.dialect.quote(table)),
        )
        .await
    }

    fn delete_sql(db: &TestDb, table: &str, id: Uuid) -> String {
        let literal = match db.dialect {
            Dialect::Postgres => format!("'{id}'"),
            Dialect::Sqlite | Dialect::MySql => format!("X'{}'", id.simple()),
        };
        format!(
            "DELETE FROM {} WHERE {} = {literal}",
            db.dialect.quote(table),
            db.dialect.quote("id")
        )
    }

    #[tokio::test]
    async fn the_four_new_tables_have_their_columns() {
        on_each_backend("seed_columns", |db| async move {
            create_hub(&db).await;
            let expect = [
                (
                    "dashboards",
                    &[
                        "id",
                        "entity_key",
                        "source_path",
                        "label",
                        "description",
                        "canonical_json",
                        "created_at",
                        "updated_at",
                    ][..],
                ),
                (
                    "resources",
                    &[
                        "id",
                        "entity_key",
                        "source_path",
                        "label",
                        "description",
                        "canonical_json",
                        "created_at",
                        "updated_at",
                        "category_keys",
                    ][..],
                ),
                ("module_dashboard", &["module_id", "dashboard_id"][..]),
                ("bundle_dashboard", &["bundle_id", "dashboard_id"][..]),
            ];
            for (table, columns) in expect {
                let got: Vec<String> = catalog::columns(&db.pool, table)
                    .await
                    .into_iter()
                    .map(|c| c.name)
                    .collect();
                assert_eq!(got, columns, "{table} on {}", db.dialect.name());
            }
            let nullable: Vec<(String, bool)> = catalog::columns(&db.pool, "dashboards")
                .await
                .into_iter()
                .map(|c| (c.name, c.nullable))
                .filter(|(_, n)| *n)
                .collect();
            assert_eq!(
                nullable,
                [
                    ("description".to_owned(), true),
                    ("canonical_json".to_owned(), true)
                ]
            );
        })
        .await;
    }

    /// Indexes on `entity_key` and `label` for both tables; at head (after 003) the
    /// `category_key` index is gone with its column and `category_keys` has none.
    #[tokio::test]
    async fn indexes_on_entity_key_and_label() {
        on_each_backend("seed_indexes", |db| async move {
            create_hub(&db).await;
            let indexes = catalog::indexes(&db.pool).await;
            for (table, name, column) in [
                ("dashboards", "ix_dashboards_entity_key", "entity_key"),
                ("dashboards", "ix_dashboards_label", "label"),
                ("resources", "ix_resources_entity_key", "entity_key"),
                ("resources", "ix_resources_label", "label"),
            ] {
                let found = indexes.iter().find(|i| i.name == name);
                let found = found.unwrap_or_else(|| {
                    panic!("{name} missing on {}: {indexes:#?}", db.dialect.name())
                });
                assert_eq!(
                    (found.table.as_str(), found.columns.as_slice(), found.unique),
                    (table, &[column.to_owned()][..], false)
                );
            }
            assert!(
                !indexes
                    .iter()
                    .any(|i| i.columns.iter().any(|c| c.starts_with("category_key"))),
                "{indexes:#?}"
            );
        })
        .await;
    }

    /// Deleting a module deletes its `module_dashboard` rows; a bundle's likewise.
    #[tokio::test]
    async fn deleting_a_module_cascades() {
        on_each_backend("seed_cascade", |db| async move {
            create_hub(&db).await;
            let (m1, m2, b1, d1) = (module("M1"), module("M2"), bundle("B1"), dashboard("D1"));
            for m in [&m1, &m2] {
                insert(&db.pool, m).await.unwrap();
            }
            insert(&db.pool, &b1).await.unwrap();
            insert(&db.pool, &d1).await.unwrap();
            for m in [&m1, &m2] {
                insert(
                    &db.pool,
                    &ModuleDashboard {
                        module_id: m.id,
                        dashboard_id: d1.id,
                    },
                )
                .await
                .unwrap();
            }
            insert(
                &db.pool,
                &BundleDashboard {
                    bundle_id: b1.id,
                    dashboard_id: d1.id,
                },
            )
            .await
            .unwrap();

            assert_eq!(
                execute(&db.pool, &delete_sql(&db, "modules_v2", m1.id))
                    .await
                    .unwrap(),
                1
            );
            let left: Vec<ModuleDashboard> = fetch_all(&db.pool, "module_id").await;
            assert_eq!(
                left,
                [ModuleDashboard {
                    module_id: m2.id,
                    dashboard_id: d1.id
                }]
            );

            execute(&db.pool, &delete_sql(&db, "bundles", b1.id))
                .await
                .unwrap();
            assert_eq!(count(&db, "bundle_dashboard").await, 0);
            assert_eq!(
                count(&db, "dashboards").await,
                1,
                "the dashboard itself stays"
            );
        })
        .await;
    }

    /// Deleting a dashboard that a module or a bundle references fails and changes nothing.
    #[tokio::test]
    async fn deleting_a_referenced_dashboard_is_refused() {
        on_each_backend("seed_restrict", |db| async move {
            create_hub(&db).await;
            let (m, b, by_module, by_bundle, free) = (
                module("M"),
                bundle("B"),
                dashboard("D1"),
                dashboard("D2"),
                dashboard("D3"),
            );
            insert(&db.pool, &m).await.unwrap();
            insert(&db.pool, &b).await.unwrap();
            for d in [&by_module, &by_bundle, &free] {
                insert(&db.pool, d).await.unwrap();
            }
            insert(
                &db.pool,
                &ModuleDashboard {
                    module_id: m.id,
                    dashboard_id: by_module.id,
                },
            )
            .await
            .unwrap();
            insert(
                &db.pool,
                &BundleDashboard {
                    bundle_id: b.id,
                    dashboard_id: by_bundle.id,
                },
            )
            .await
            .unwrap();

            for d in [&by_module, &by_bundle] {
                let error = execute(&db.pool, &delete_sql(&db, "dashboards", d.id))
                    .await
                    .unwrap_err();
                let message = error.to_string().to_lowercase();
                assert!(
                    message.contains("foreign key"),
                    "{} on {}: {message}",
                    d.entity_key,
                    db.dialect.name()
                );
            }
            assert_eq!(count(&db, "dashboards").await, 3);
            assert_eq!(count(&db, "module_dashboard").await, 1);
            assert_eq!(count(&db, "bundle_dashboard").await, 1);
            // An unreferenced dashboard goes.
            assert_eq!(
                execute(&db.pool, &delete_sql(&db, "dashboards", free.id))
                    .await
                    .unwrap(),
                1
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_duplicate_entity_key_is_refused() {
        on_each_backend("seed_unique", |db| async move {
            create_hub(&db).await;
            insert(&db.pool, &dashboard("Same")).await.unwrap();
            let error = insert(&db.pool, &dashboard("Same")).await.unwrap_err();
            assert!(
                matches!(&error, sqlx::Error::Database(e) if e.is_unique_violation()),
                "{error}"
            );
            // Case matters on PostgreSQL and SQLite; MySQL's default collation ignores it
            // (documented: a binary collation would make sqlx read text as bytes).
            let other_case = insert(&db.pool, &dashboard("same")).await;
            match db.dialect {
                Dialect::MySql => assert!(other_case.is_err(), "MySQL compares without case"),
                Dialect::Postgres | Dialect::Sqlite => other_case.unwrap(),
            }
            let expected = if db.dialect == Dialect::MySql { 1 } else { 2 };
            assert_eq!(count(&db, "dashboards").await, expected);
        })
        .await;
    }

    /// `category_keys` is data, not a foreign key: a resource may name a missing category.
    #[tokio::test]
    async fn a_resource_with_a_missing_category_is_accepted() {
        on_each_backend("seed_orphan", |db| async move {
            create_hub(&db).await;
            let resource = Resource {
                id: Uuid::new_v4(),
                entity_key: "R1".into(),
                source_path: "resources/R1.json".into(),
                label: "R1".into(),
                description: None,
                canonical_json: None,
                created_at: now(),
                updated_at: now(),
                category_keys: json!(["NoSuchCategory"]),
            };
            insert(&db.pool, &resource).await.unwrap();
            assert_eq!(fetch_all::<Resource>(&db.pool, "id").await, [resource]);
            assert_eq!(count(&db, "categories").await, 0);
        })
        .await;
    }

    /// The column default `'[]'` applies when the column is left out.
    #[tokio::test]
    async fn category_keys_defaults_to_an_empty_array() {
        on_each_backend("seed_default", |db| async move {
            create_hub(&db).await;
            let d = db.dialect;
            let (id, ts) = match d {
                Dialect::Postgres => (
                    "'00000000-0000-0000-0000-000000000007'",
                    "'2024-01-01 00:00:00'",
                ),
                Dialect::Sqlite | Dialect::MySql => (
                    "X'00000000000000000000000000000007'",
                    "'2024-01-01 00:00:00'",
                ),
            };
            let cols = [
                "id",
                "entity_key",
                "source_path",
                "label",
                "created_at",
                "updated_at",
            ];
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({id}, 'k', 'p', 'l', {ts}, {ts})",
                d.quote("resources"),
                d.quote_list(&cols)
            );
            execute(&db.pool, &sql).await.unwrap();
            let rows: Vec<Resource> = fetch_all(&db.pool, "id").await;
            assert_eq!(rows[0].category_keys, json!([]));
        })
        .await;
    }
}

mod postgres_catalog {
    use super::*;
    use schema_tests::strings;

    /// `pg_constraint.confdeltype` is `c` on the module/bundle side and `r` on the dashboard
    /// side; `pg_indexes` lists the indexes.
    #[tokio::test]
    async fn confdeltype_and_pg_indexes() {
        on_each_backend("pg_catalog", |db| async move {
            if db.dialect != Dialect::Postgres {
                return;
            }
            create_hub(&db).await;
            let rows = strings(
                &db.pool,
                "SELECT conname::text, confdeltype::text FROM pg_constraint \
                 WHERE conrelid IN ('module_dashboard'::regclass, 'bundle_dashboard'::regclass) AND contype = 'f' \
                 ORDER BY conname",
            )
            .await;
            assert_eq!(
                rows,
                [
                    ["bundle_dashboard_bundle_id_fkey", "c"],
                    ["bundle_dashboard_dashboard_id_fkey", "r"],
                    ["module_dashboard_dashboard_id_fkey", "r"],
                    ["module_dashboard_module_id_fkey", "c"],
                ]
                .map(|r| r.map(str::to_owned).to_vec())
            );
            // Every other foreign key of the schema has no action (`a`), as in 001.
            let others = strings(
                &db.pool,
                "SELECT DISTINCT confdeltype::text || confupdtype::text FROM pg_constraint WHERE contype = 'f' \
                 AND conrelid NOT IN ('module_dashboard'::regclass, 'bundle_dashboard'::regclass)",
            )
            .await;
            assert_eq!(others, [vec!["aa".to_owned()]]);
            let indexes = strings(
                &db.pool,
                "SELECT indexname::text FROM pg_indexes WHERE tablename IN ('dashboards', 'resources') ORDER BY indexname",
            )
            .await;
            let names: Vec<&str> = indexes.iter().map(|r| r[0].as_str()).collect();
            assert_eq!(
                names,
                [
                    "dashboards_pkey",
                    "ix_dashboards_entity_key",
                    "ix_dashboards_label",
                    "ix_resources_entity_key",
                    "ix_resources_label",
                    "resources_pkey",
                    "uq_dashboards_entity_key",
                    "uq_resources_entity_key",
                ]
            );
            // Types as the reference schema has them.
            let types = strings(
                &db.pool,
                "SELECT column_name::text, data_type::text, coalesce(column_default, '') FROM information_schema.columns \
                 WHERE table_name = 'resources' AND column_name IN ('id', 'label', 'canonical_json', 'created_at', 'category_keys') \
                 ORDER BY column_name",
            )
            .await;
            assert_eq!(
                types,
                [
                    ["canonical_json", "json", ""],
                    ["category_keys", "jsonb", "'[]'::jsonb"],
                    ["created_at", "timestamp without time zone", ""],
                    ["id", "uuid", ""],
                    ["label", "character varying", ""],
                ]
                .map(|r| r.map(str::to_owned).to_vec())
            );
        })
        .await;
    }
}

#[path = "live/round_trip.rs"]
mod round_trip;

mod quoting {
    //! Reserved words, mixed case and quotes in names work on every backend.
    use super::*;
    use schema_core::Table;
    use schema_tests::{fetch_all, insert};

    #[derive(Table, Debug, Clone, PartialEq)]
    #[table(name = "order")]
    #[index(columns(select, r#where), name = "Index \"Quoted\" 'Name'")]
    struct Order {
        #[column(primary_key)]
        id: i64,
        select: String,
        #[column(name = "where")]
        r#where: i32,
        #[column(name = "MixedCase it's `odd`")]
        odd: Option<String>,
        #[foreign_key(references = User::id, on_delete = set_null)]
        user: Option<i64>,
    }

    #[derive(Table, Debug, Clone, PartialEq)]
    struct User {
        #[column(primary_key)]
        id: i64,
        #[column(unique)]
        group: String,
    }

    schema_core::schema! {
        const RESERVED = [Order, User];
    }

    #[tokio::test]
    async fn reserved_words_and_quotes_work() {
        on_each_backend("quoting", |db| async move {
            assert_eq!(User::NAME, "user");
            db.pool
                .apply(&RESERVED.create_sql(db.dialect).unwrap())
                .await
                .unwrap();
            insert(
                &db.pool,
                &User {
                    id: 1,
                    group: "admins".into(),
                },
            )
            .await
            .unwrap();
            let order = Order {
                id: 1,
                select: "all".into(),
                r#where: 3,
                odd: Some("yes".into()),
                user: Some(1),
            };
            insert(&db.pool, &order).await.unwrap();
            assert_eq!(fetch_all::<Order>(&db.pool, "id").await, [order]);
            // ON DELETE SET NULL through the quoted names.
            schema_tests::execute(
                &db.pool,
                &format!("DELETE FROM {}", db.dialect.quote("user")),
            )
            .await
            .unwrap();
            let after = fetch_all::<Order>(&db.pool, "id").await;
            assert_eq!(after[0].user, None);
            let indexes = catalog::indexes(&db.pool).await;
            assert!(
                indexes.iter().any(|i| i.name == "Index \"Quoted\" 'Name'"),
                "{indexes:#?}"
            );
            db.pool.apply(&RESERVED.drop_sql(db.dialect)).await.unwrap();
            assert!(db.pool.table_names().await.unwrap().is_empty());
        })
        .await;
    }
}
