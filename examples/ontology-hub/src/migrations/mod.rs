//! The ontology hub's migrations: revisions 001 to 004 of the reference schema
//! (`shared/spec/ontology-hub-schema.md`), as [`Revision`] constants.
//!
//! # Frozen history
//!
//! A revision describes what the database looked like when it was written, so it must never
//! change afterwards: a database upgraded yesterday and one upgraded tomorrow have to run the
//! same steps (the runner checksums every applied revision and refuses one that changed).
//! [`crate::models`] moves on with the application, so no revision reads it. Instead each
//! revision file declares, in a private `mod frozen`, its own copies of the enum types and
//! tables it creates, exactly as it created them (002's `Resource` still has its one
//! `category_key`), and foreign keys in those copies point at other frozen copies
//! (`m002` references `m001::frozen::Module`), never at the live models. Indexes are written out
//! as literal `CreateIndex` steps, in the order the spec creates them, so the frozen structs
//! carry no `#[index]`. Changing a model means writing a new revision, never editing an old one;
//! the test below checks that replaying every revision still yields the models at head.

use schema_core::migrate::{Revision, Step};
use schema_core::IndexDef;

pub mod m001;
pub mod m002;
pub mod m003;
pub mod m004;

/// Every revision, first to head.
pub static REVISIONS: &[Revision] = &[
    m001::REVISION,
    m002::REVISION,
    m003::REVISION,
    m004::REVISION,
];

/// `CREATE INDEX name ON table (columns)`, non-unique, as 001 and 002 create their indexes.
const fn index(table: &'static str, name: &'static str, columns: &'static [&'static str]) -> Step {
    Step::CreateIndex {
        table,
        index: IndexDef::new(name, columns),
    }
}

#[cfg(test)]
mod tests {
    /// The one-line guard a project keeps in its own suite: the chain, replayed offline,
    /// builds exactly what the models declare.
    #[test]
    fn migrations_match_models() {
        schema_core::assert_migrations_match_models!(super::REVISIONS, crate::HUB);
    }

    use schema_core::dialect::{render_steps, Rendered};
    use schema_core::drift::{compare, MIGRATIONS_VS_MODEL};
    use schema_core::introspect::expected;
    use schema_core::migrate::Chain;
    use schema_core::model::{SchemaState, TableState};
    use schema_core::{Dialect, EnumDef, SqlType};

    use super::REVISIONS;
    use crate::HUB;

    const DIALECTS: [Dialect; 3] = [Dialect::Postgres, Dialect::Sqlite, Dialect::MySql];

    fn chain() -> Chain {
        Chain::new(REVISIONS).unwrap()
    }

    /// The schema after upgrading from nothing to `id`: the chain's own replay.
    fn upgraded_to(id: &str) -> SchemaState {
        let chain = chain();
        chain
            .replay(chain.position(id))
            .unwrap_or_else(|e| panic!("upgrade to {id}: {e}"))
    }

    /// What `state` says about a database, for comparing a replay with the models.
    ///
    /// Two things in a [`SchemaState`] are not in any catalog and differ between the frozen
    /// copies and the models: an [`EnumDef`]'s `rust_name` (the declaring module's path, so
    /// `m001::frozen::EntityType` is not `models::EntityType`), and the order of the enum types
    /// (001 creates them in the spec's order; [`SchemaState::from_schema`] lists them in order
    /// of first use). So each enum type is replaced by the model's type of the same name and
    /// labels (a frozen type whose labels differ stays, and the comparison shows it), and the
    /// enum types are sorted by name. The migration checksum ignores `rust_name` too.
    fn catalog(state: &SchemaState) -> SchemaState {
        let live = HUB.enums();
        let resolve = |e: &'static EnumDef| -> &'static EnumDef {
            live.iter()
                .copied()
                .find(|l| l.name == e.name && l.values == e.values)
                .unwrap_or(e)
        };
        let mut out = state.clone();
        out.enums = out.enums.iter().map(|e| resolve(e)).collect();
        out.enums.sort_by_key(|e| e.name);
        for column in out.tables.iter_mut().flat_map(|t| t.columns.iter_mut()) {
            if let SqlType::Enum(e) = column.sql_type {
                column.sql_type = SqlType::Enum(resolve(e));
            }
        }
        out
    }

    /// How `got` differs from `want`, in the drift check's words (PostgreSQL's view, which
    /// keeps every name); when the parts are the same, the order they come in.
    fn differences(got: &SchemaState, want: &SchemaState) -> String {
        let lines = compare(
            &expected(want, Dialect::Postgres).unwrap(),
            &expected(got, Dialect::Postgres).unwrap(),
            MIGRATIONS_VS_MODEL,
        );
        if !lines.is_empty() {
            return lines.iter().map(|d| format!("  {d}\n")).collect();
        }
        let order = |s: &SchemaState| -> Vec<(&str, Vec<&str>)> {
            s.tables
                .iter()
                .map(|t| (t.name, t.columns.iter().map(|c| c.name).collect()))
                .collect()
        };
        format!(
            "  the same parts in another order:\n    got:  {:?}\n    want: {:?}",
            order(got),
            order(want)
        )
    }

    /// `state` with its table of the same name replaced by `table`.
    fn with_table(mut state: SchemaState, table: &TableState) -> SchemaState {
        for t in &mut state.tables {
            if t.name == table.name {
                *t = table.clone();
            }
        }
        state
    }

    #[test]
    fn the_chain_is_001_to_004() {
        let chain = chain();
        let ids: Vec<&str> = chain.revisions().iter().map(|r| r.id).collect();
        assert_eq!(ids, ["001", "002", "003", "004"]);
        assert_eq!(chain.head().id, "004");
    }

    /// Upgrading from nothing to head yields exactly the models: same tables in the same order,
    /// same columns (in order), keys, constraints, indexes and enum types.
    #[test]
    fn upgrade_to_head_yields_the_models() {
        let mut replayed = catalog(&upgraded_to("004"));
        // The models declare no views: the chain's materialized view is its own, known to
        // the replay (so `check` does not report it) and dropped by the downgrade.
        let views: Vec<String> = replayed
            .objects
            .iter()
            .map(|o| o.object.to_string())
            .collect();
        assert_eq!(views, ["materialized view category_property_effective"]);
        let mut downgraded = upgraded_to("001");
        downgraded
            .apply_all(super::m001::REVISION.down)
            .unwrap_or_else(|e| panic!("downgrade 001: {e}"));
        assert!(downgraded.objects.is_empty() && downgraded.tables.is_empty());
        replayed.objects.clear();
        let models = catalog(&SchemaState::from_schema(&HUB));
        assert!(
            replayed == models,
            "the migrations do not yield the models:\n{}",
            differences(&replayed, &models)
        );
    }

    /// 001 creates the six enum types in the spec's order.
    #[test]
    fn revision_001_creates_the_enum_types_in_order() {
        let names: Vec<&str> = upgraded_to("001").enums.iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            [
                "entitytype",
                "draftstatus",
                "ingeststatus",
                "draftstatus_v2",
                "changetype",
                "draftsource"
            ]
        );
    }

    /// At 002, a resource has one `category_key`: `VARCHAR NOT NULL`, no default, indexed.
    #[test]
    fn revision_002_has_one_category_key() {
        let state = upgraded_to("002");
        let resources = state.table("resources").unwrap();
        let key = resources.column("category_key").unwrap();
        assert_eq!(key.sql_type, SqlType::Varchar(None));
        assert!(!key.nullable);
        assert_eq!(key.default, None);
        assert!(resources.column("category_keys").is_none());
        assert!(resources
            .indexes
            .iter()
            .any(|i| i.name == "ix_resources_category_key"));
        assert_eq!(state.tables.len(), 24);
    }

    /// Downgrading 003 restores `resources` as 002 created it (column, no default, index),
    /// except that `category_key` comes back as the last column: `ADD COLUMN` appends, and
    /// neither PostgreSQL nor SQLite can place a column.
    #[test]
    fn downgrade_003_restores_the_resources_of_002() {
        let mut state = upgraded_to("003");
        let chain = chain();
        state.apply_all(chain.get("003").unwrap().down).unwrap();
        let restored = state.table("resources").unwrap().clone();
        let mut created = upgraded_to("002").table("resources").unwrap().clone();
        let position = created
            .columns
            .iter()
            .position(|c| c.name == "category_key")
            .unwrap();
        let key = created.columns.remove(position);
        created.columns.push(key);
        assert_eq!(restored, created);
        assert_eq!(
            catalog(&state),
            catalog(&with_table(upgraded_to("002"), &restored))
        );
    }

    /// Upgrading to head then downgrading revision by revision leaves nothing, and each
    /// downgrade lands exactly where the upgrade to its parent did (but for 003's column order).
    #[test]
    fn downgrade_to_base_leaves_nothing() {
        let chain = chain();
        let mut state = upgraded_to("004");
        for revision in chain.revisions().iter().rev() {
            state
                .apply_all(revision.down)
                .unwrap_or_else(|e| panic!("downgrade {}: {e}", revision.id));
            if let Some(parent) = revision.parent {
                let mut expected = upgraded_to(parent);
                if revision.id == "003" {
                    // `category_key` comes back last (see the test above).
                    expected = with_table(expected, state.table("resources").unwrap());
                }
                assert_eq!(
                    catalog(&state),
                    catalog(&expected),
                    "after downgrading {}",
                    revision.id
                );
            }
        }
        assert_eq!(state, SchemaState::default());
    }

    /// Every revision renders up and down on every dialect; the PostgreSQL-only steps are
    /// skipped with a notice elsewhere; SQLite drops 003's temporary default with a rebuild.
    #[test]
    fn every_revision_renders_on_every_dialect() {
        let chain = chain();
        for dialect in DIALECTS {
            let mut state = SchemaState::default();
            let mut notices = Vec::new();
            let mut collect = |rendered: Vec<Rendered>| {
                notices.extend(rendered.iter().filter_map(|r| r.notice.clone()));
                rendered
            };
            for revision in chain.revisions() {
                let rendered = render_steps(revision.up, dialect, &mut state).unwrap_or_else(|e| {
                    panic!("upgrade {} on {}: {e}", revision.id, dialect.name())
                });
                assert_eq!(rendered.len(), revision.up.len());
                collect(rendered);
            }
            for revision in chain.revisions().iter().rev() {
                let rendered =
                    render_steps(revision.down, dialect, &mut state).unwrap_or_else(|e| {
                        panic!("downgrade {} on {}: {e}", revision.id, dialect.name())
                    });
                let rendered = collect(rendered);
                if revision.id == "003" {
                    let last = rendered.last().unwrap();
                    assert_eq!(last.rebuild, dialect == Dialect::Sqlite, "{last:?}");
                }
            }
            assert_eq!(state, SchemaState::default());
            let expected_notices = if dialect == Dialect::Postgres { 0 } else { 4 };
            assert_eq!(
                notices.len(),
                expected_notices,
                "{} notices: {notices:#?}",
                dialect.name()
            );
        }
    }

    /// Frozen history: a revision's checksum never changes. If this fails, an old revision was
    /// edited (or a frozen struct changed): put the change in a new revision instead.
    #[test]
    fn revisions_are_frozen() {
        let checksums: Vec<(&str, String)> =
            REVISIONS.iter().map(|r| (r.id, r.checksum())).collect();
        assert_eq!(
            checksums,
            [
                (
                    "001",
                    "0fd212346e20aa923cb331b992d8146726521be014cefa8fe3090f2090827da5".to_owned()
                ),
                (
                    "002",
                    "05e745efd43e8e3716474637313174a1c0c274a340523baf09a3466b91e03fc5".to_owned()
                ),
                (
                    "003",
                    "0e93335e7d995980b2d87155cc9f6e8d9957de495314efbfd495bf3c3d733241".to_owned()
                ),
                (
                    "004",
                    "4fa0547359e9b59cde2c61c0f8744b26b99c809e2cef26fdc38b0bb1deb3e7db".to_owned()
                ),
            ]
        );
    }
}
