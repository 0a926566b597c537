//! The generated DDL: snapshots per dialect (read before accepting), and SQLite runs it.

use ontology_hub::models::{Dashboard, ModuleDashboard};
use ontology_hub::HUB;
use schema_core::{Dialect, Table};

fn script(statements: &[String]) -> String {
    statements.join(";\n\n") + ";\n"
}

mod snapshots {
    use super::*;

    #[test]
    fn hub_create_postgres() {
        insta::assert_snapshot!(script(&HUB.create_sql(Dialect::Postgres).unwrap()));
    }

    #[test]
    fn hub_create_sqlite() {
        insta::assert_snapshot!(script(&HUB.create_sql(Dialect::Sqlite).unwrap()));
    }

    #[test]
    fn hub_create_mysql() {
        insta::assert_snapshot!(script(&HUB.create_sql(Dialect::MySql).unwrap()));
    }

    #[test]
    fn hub_drop_postgres() {
        insta::assert_snapshot!(script(&HUB.drop_sql(Dialect::Postgres)));
    }

    #[test]
    fn hub_drop_sqlite() {
        insta::assert_snapshot!(script(&HUB.drop_sql(Dialect::Sqlite)));
    }

    #[test]
    fn hub_drop_mysql() {
        insta::assert_snapshot!(script(&HUB.drop_sql(Dialect::MySql)));
    }

    #[test]
    fn one_table_in_each_dialect() {
        let all: Vec<String> = Dialect::ALL
            .iter()
            .map(|d| {
                format!(
                    "-- {}\n{}",
                    d.name(),
                    script(&ModuleDashboard::create_sql(*d).unwrap())
                )
            })
            .collect();
        insta::assert_snapshot!(all.join("\n"));
    }
}

mod shape {
    use super::*;

    #[test]
    fn drop_is_the_reverse_of_create() {
        for dialect in Dialect::ALL {
            let created: Vec<String> = HUB
                .create_sql(dialect)
                .unwrap()
                .iter()
                .filter_map(|s| {
                    s.strip_prefix("CREATE TABLE ")
                        .map(|r| r.split(' ').next().unwrap_or_default().to_owned())
                })
                .collect();
            let dropped: Vec<String> = HUB
                .drop_sql(dialect)
                .iter()
                .filter_map(|s| s.strip_prefix("DROP TABLE ").map(str::to_owned))
                .collect();
            let mut reversed = created.clone();
            reversed.reverse();
            assert_eq!(dropped, reversed, "{dialect:?}");
            assert_eq!(created.len(), 24);
        }
    }

    #[test]
    fn types_come_first_and_go_last_on_postgres() {
        let create = HUB.create_sql(Dialect::Postgres).unwrap();
        let types = create
            .iter()
            .take_while(|s| s.starts_with("CREATE TYPE"))
            .count();
        assert_eq!(types, 6);
        assert!(create[types..]
            .iter()
            .all(|s| !s.starts_with("CREATE TYPE")));
        let drop = HUB.drop_sql(Dialect::Postgres);
        assert!(drop[drop.len() - 6..]
            .iter()
            .all(|s| s.starts_with("DROP TYPE")));
        assert!(HUB
            .create_sql(Dialect::MySql)
            .unwrap()
            .iter()
            .all(|s| !s.contains("CREATE TYPE")));
    }

    #[test]
    fn referenced_tables_are_created_first() {
        let order: Vec<&str> = HUB.creation_order().tables.iter().map(|t| t.name).collect();
        for table in HUB.tables {
            for fk in table.foreign_keys {
                let here = order.iter().position(|n| *n == table.name);
                let target = order.iter().position(|n| *n == fk.ref_table);
                assert!(
                    target <= here,
                    "{} is created before {}",
                    table.name,
                    fk.ref_table
                );
            }
        }
    }

    #[test]
    fn the_definition_is_a_const() {
        const DEF: schema_core::TableDef = <Dashboard as Table>::DEF;
        assert_eq!(DEF.name, "dashboards");
        assert_eq!(DEF.primary_key.columns, ["id"]);
        assert_eq!(DEF.uniques[0].name, "uq_dashboards_entity_key");
        let names: Vec<&str> = DEF.indexes.iter().map(|i| i.name).collect();
        assert_eq!(names, ["ix_dashboards_entity_key", "ix_dashboards_label"]);
        const FK: schema_core::ForeignKeyDef = <ModuleDashboard as Table>::DEF.foreign_keys[1];
        assert_eq!(
            (FK.name, FK.ref_table, FK.ref_columns),
            (
                "module_dashboard_dashboard_id_fkey",
                "dashboards",
                &["id"][..]
            )
        );
        assert_eq!(FK.on_delete, schema_core::ReferentialAction::Restrict);
    }
}

mod quoting {
    use schema_core::Dialect;

    #[test]
    fn identifiers_are_quoted_and_escaped() {
        assert_eq!(Dialect::Postgres.quote("order"), "\"order\"");
        assert_eq!(Dialect::Sqlite.quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(Dialect::MySql.quote("sel`ect"), "`sel``ect`");
        assert_eq!(Dialect::MySql.string_literal("it's \\"), "'it''s \\\\'");
    }

    #[test]
    fn urls_name_their_dialect() {
        assert_eq!(
            Dialect::from_url("postgresql://h/db"),
            Ok(Dialect::Postgres)
        );
        assert_eq!(Dialect::from_url("sqlite::memory:"), Ok(Dialect::Sqlite));
        assert_eq!(Dialect::from_url("mariadb://h/db"), Ok(Dialect::MySql));
        let error = Dialect::from_url("oracle://u:secret@h/db").unwrap_err();
        assert!(!error.to_string().contains("secret"), "{error}");
    }
}
