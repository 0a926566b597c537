//! The model pairs the drift tests diff: in each module, `a::SCHEMA` is the schema as the chain
//! leaves it and `b::SCHEMA` the models after one kind of change. Every case also has `keep`, a
//! table no change touches, whose rows must survive every upgrade and downgrade.

use schema_core::Table;

/// The untouched table.
#[derive(Table)]
#[table(name = "keep")]
pub struct Keep {
    #[column(primary_key)]
    pub id: i64,
    pub label: String,
}

/// B adds a table (with an enum type, a foreign key and an index); the reverse drops them.
pub mod tables {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
            pub name: String,
        }

        schema_core::schema! {
            /// Without `child`.
            pub const SCHEMA = [Keep, Parent];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::{SqlEnum, Table};

        #[derive(SqlEnum, Debug, Clone, Copy)]
        #[sql_enum(name = "mood")]
        pub enum Mood {
            Calm,
            Busy,
        }

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
            pub name: String,
        }

        #[derive(Table)]
        #[table(name = "child")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            #[index]
            #[foreign_key(references = Parent::id, on_delete = cascade)]
            pub parent_id: i64,
            #[column(default = "'calm'")]
            pub mood: Mood,
            pub note: Option<String>,
        }

        schema_core::schema! {
            /// With `child`.
            pub const SCHEMA = [Keep, Parent, Child];
        }
    }
}

/// B adds two columns (one NULL-able, one NOT NULL with a default).
pub mod columns {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub name: String,
        }

        schema_core::schema! {
            /// Two columns.
            pub const SCHEMA = [Keep, Item];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub name: String,
            pub note: Option<String>,
            #[column(default = "0")]
            pub qty: i32,
        }

        schema_core::schema! {
            /// Four columns.
            pub const SCHEMA = [Keep, Item];
        }
    }
}

/// B adds a NOT NULL column without a default (SQLite cannot `ADD COLUMN` it: a rebuild).
pub mod required {
    pub mod a {
        pub use super::super::columns::a::SCHEMA;
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub name: String,
            pub rank: i64,
        }

        schema_core::schema! {
            /// `rank` is required.
            pub const SCHEMA = [Keep, Item];
        }
    }
}

/// B widens `qty` to BIGINT and `code` to TEXT.
pub mod types {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub qty: i32,
            pub code: String,
        }

        schema_core::schema! {
            /// INTEGER and VARCHAR.
            pub const SCHEMA = [Keep, Item];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub qty: i64,
            #[column(sql_type = "TEXT")]
            pub code: String,
        }

        schema_core::schema! {
            /// BIGINT and TEXT.
            pub const SCHEMA = [Keep, Item];
        }
    }
}

/// B makes `note` NOT NULL.
pub mod nullability {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub note: Option<String>,
        }

        schema_core::schema! {
            /// NULL-able.
            pub const SCHEMA = [Keep, Item];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub note: String,
        }

        schema_core::schema! {
            /// NOT NULL.
            pub const SCHEMA = [Keep, Item];
        }
    }
}

/// B changes the defaults of `parent`, which `child` references with `ON DELETE CASCADE`: on
/// SQLite each change rebuilds `parent`, and no child row may go.
pub mod defaults {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
            pub name: String,
            #[column(default = "0")]
            pub score: i32,
            pub tag: Option<String>,
        }

        #[derive(Table)]
        #[table(name = "child")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            #[foreign_key(references = Parent::id, on_delete = cascade)]
            pub parent_id: i64,
        }

        schema_core::schema! {
            /// `score` defaults to 0, `tag` to nothing.
            pub const SCHEMA = [Keep, Parent, Child];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
            pub name: String,
            #[column(default = "7")]
            pub score: i32,
            #[column(default = "'none'")]
            pub tag: Option<String>,
        }

        #[derive(Table)]
        #[table(name = "child")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            #[foreign_key(references = Parent::id, on_delete = cascade)]
            pub parent_id: i64,
        }

        schema_core::schema! {
            /// `score` defaults to 7, `tag` to 'none'.
            pub const SCHEMA = [Keep, Parent, Child];
        }
    }
}

/// B adds a one-column index, a two-column index and a unique index.
pub mod indexes {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub name: String,
            pub code: String,
        }

        schema_core::schema! {
            /// No index.
            pub const SCHEMA = [Keep, Item];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        #[index(columns(name, code), name = "ix_item_name_code")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            #[index]
            pub name: String,
            #[index(name = "ux_item_code", unique)]
            pub code: String,
        }

        schema_core::schema! {
            /// Three indexes.
            pub const SCHEMA = [Keep, Item];
        }
    }
}

/// B adds a unique constraint.
pub mod uniques {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub code: String,
        }

        schema_core::schema! {
            /// Codes may repeat.
            pub const SCHEMA = [Keep, Item];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        #[unique(columns(code), name = "uq_item_code")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub code: String,
        }

        schema_core::schema! {
            /// Codes are unique.
            pub const SCHEMA = [Keep, Item];
        }
    }
}

/// B adds a foreign key on a column without an index (MySQL makes one for it).
pub mod foreign_key {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
        }

        #[derive(Table)]
        #[table(name = "child")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            pub parent_id: i64,
        }

        schema_core::schema! {
            /// No key.
            pub const SCHEMA = [Keep, Parent, Child];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
        }

        #[derive(Table)]
        #[table(name = "child")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            #[foreign_key(references = Parent::id, on_delete = cascade)]
            pub parent_id: i64,
        }

        schema_core::schema! {
            /// `child.parent_id` references `parent`.
            pub const SCHEMA = [Keep, Parent, Child];
        }
    }
}

/// B drops the index a foreign key uses (MySQL refuses to, unless another takes its place).
pub mod key_index {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
        }

        #[derive(Table)]
        #[table(name = "child")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            #[index]
            #[foreign_key(references = Parent::id, on_delete = cascade)]
            pub parent_id: i64,
        }

        schema_core::schema! {
            /// The key's column has an index of its own.
            pub const SCHEMA = [Keep, Parent, Child];
        }
    }

    pub mod b {
        pub use super::super::foreign_key::b::SCHEMA;
    }
}

/// B changes a foreign key's `ON DELETE` (cascade to restrict) and, on another key, its
/// `ON UPDATE` (none to cascade), nothing else.
pub mod actions {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
        }

        #[derive(Table)]
        #[table(name = "child")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            #[index]
            #[foreign_key(references = Parent::id, on_delete = cascade)]
            pub parent_id: i64,
            #[index]
            #[foreign_key(references = Parent::id)]
            pub other_id: i64,
        }

        schema_core::schema! {
            /// Cascade, and no action.
            pub const SCHEMA = [Keep, Parent, Child];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
        }

        #[derive(Table)]
        #[table(name = "child")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            #[index]
            #[foreign_key(references = Parent::id, on_delete = restrict)]
            pub parent_id: i64,
            #[index]
            #[foreign_key(references = Parent::id, on_update = cascade)]
            pub other_id: i64,
        }

        schema_core::schema! {
            /// Restrict, and cascading updates.
            pub const SCHEMA = [Keep, Parent, Child];
        }
    }
}

/// B adds the label `archived` to an enum type, between two others.
pub mod enum_label {
    pub mod a {
        use super::super::Keep;
        use schema_core::{SqlEnum, Table};

        #[derive(SqlEnum, Debug, Clone, Copy)]
        #[sql_enum(name = "status")]
        pub enum Status {
            Draft,
            Published,
        }

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            #[column(default = "'draft'")]
            pub status: Status,
        }

        schema_core::schema! {
            /// Two labels.
            pub const SCHEMA = [Keep, Item];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::{SqlEnum, Table};

        #[derive(SqlEnum, Debug, Clone, Copy)]
        #[sql_enum(name = "status")]
        pub enum Status {
            Draft,
            Archived,
            Published,
        }

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            #[column(default = "'draft'")]
            pub status: Status,
        }

        schema_core::schema! {
            /// Three labels.
            pub const SCHEMA = [Keep, Item];
        }
    }
}

/// B renames `item.name` to `item.title`: a drop and an add, with a note.
pub mod rename {
    pub mod a {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub name: Option<String>,
        }

        schema_core::schema! {
            /// `name`.
            pub const SCHEMA = [Keep, Item];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "item")]
        pub struct Item {
            #[column(primary_key)]
            pub id: i64,
            pub title: Option<String>,
        }

        schema_core::schema! {
            /// `title`.
            pub const SCHEMA = [Keep, Item];
        }
    }
}

/// B adds two tables that reference each other: one key is added after both exist.
pub mod cycle {
    pub mod a {
        use super::super::Keep;

        schema_core::schema! {
            /// Just `keep`.
            pub const SCHEMA = [Keep];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::Table;

        #[derive(Table)]
        #[table(name = "team")]
        pub struct Team {
            #[column(primary_key)]
            pub id: i64,
            #[foreign_key(references = Person::id, on_delete = set_null)]
            pub lead_id: Option<i64>,
        }

        #[derive(Table)]
        #[table(name = "person")]
        pub struct Person {
            #[column(primary_key)]
            pub id: i64,
            #[foreign_key(references = Team::id, on_delete = cascade)]
            pub team_id: i64,
        }

        schema_core::schema! {
            /// `team` and `person`, each referencing the other.
            pub const SCHEMA = [Keep, Team, Person];
        }
    }
}

/// Every kind of change at once: the sample the generated revision is written from.
pub mod kitchen_sink {
    pub mod a {
        use super::super::Keep;
        use schema_core::{SqlEnum, Table};

        #[derive(SqlEnum, Debug, Clone, Copy)]
        #[sql_enum(name = "status")]
        pub enum Status {
            Draft,
            Published,
        }

        #[derive(Table)]
        #[table(name = "parent")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
            #[index]
            pub name: String,
            #[column(default = "0")]
            pub score: i32,
        }

        #[derive(Table)]
        #[table(name = "child")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            #[foreign_key(references = Parent::id, on_delete = cascade)]
            pub parent_id: i64,
            #[column(default = "'draft'")]
            pub status: Status,
            pub legacy_note: Option<String>,
        }

        #[derive(Table)]
        #[table(name = "legacy")]
        pub struct Legacy {
            #[column(primary_key)]
            pub id: i64,
            pub data: Option<String>,
        }

        schema_core::schema! {
            /// Before.
            pub const SCHEMA = [Keep, Parent, Child, Legacy];
        }
    }

    pub mod b {
        use super::super::Keep;
        use schema_core::{SqlEnum, Table};

        #[derive(SqlEnum, Debug, Clone, Copy)]
        #[sql_enum(name = "status")]
        pub enum Status {
            Draft,
            Published,
            Archived,
        }

        #[derive(SqlEnum, Debug, Clone, Copy)]
        #[sql_enum(name = "color")]
        pub enum Color {
            Red,
            Green,
        }

        #[derive(Table)]
        #[table(name = "parent")]
        #[unique(columns(code), name = "uq_parent_code")]
        #[check(name = "parent_score_not_negative", expr = "score >= 0")]
        pub struct Parent {
            #[column(primary_key)]
            pub id: i64,
            #[column(collation = "C")]
            pub name: String,
            #[column(default = "1")]
            pub score: i64,
            pub code: Option<String>,
            #[column(
                default = "CURRENT_TIMESTAMP",
                on_update = "CURRENT_TIMESTAMP",
                on_update_emulated
            )]
            pub touched_at: chrono::DateTime<chrono::Utc>,
        }

        /// Children of a parent.
        #[derive(Table)]
        #[table(name = "child")]
        #[index(columns(parent_id, id), desc(id), name = "ix_child_parent_recent")]
        pub struct Child {
            #[column(primary_key)]
            pub id: i64,
            #[foreign_key(references = Parent::id, on_delete = restrict)]
            pub parent_id: i64,
            #[index]
            #[column(default = "'draft'")]
            pub status: Status,
            /// Kilograms.
            pub weight: Option<f64>,
        }

        #[derive(Table)]
        #[table(name = "tag")]
        #[check(name = "tag_price_not_negative", expr = "price >= 0")]
        pub struct Tag {
            #[column(primary_key, identity)]
            pub id: i64,
            #[foreign_key(references = Child::id, on_delete = cascade)]
            pub child_id: i64,
            #[index]
            pub label: String,
            pub color: Option<Color>,
            #[column(sql_type = "NUMERIC(10, 2)", default = "0")]
            pub price: f64,
            #[column(default = "now()")]
            pub created_at: chrono::DateTime<chrono::Utc>,
            #[column(sql_type(
                postgres = "VARCHAR(40)",
                sqlite = "VARCHAR(40)",
                mysql = "VARCHAR(40)"
            ))]
            pub note: Option<String>,
        }

        schema_core::schema! {
            /// After.
            pub const SCHEMA = [Keep, Parent, Child, Tag];
        }
    }
}
