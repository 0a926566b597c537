//! What a catalog read gives: a schema's tables, columns, keys, indexes, foreign keys, CHECKs,
//! enum types and the views and triggers beside them, in each dialect's normal form.

use crate::model::{ObjectKind, ReferentialAction};

/// A schema as a catalog describes it (or as a model would make it: [`expected`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveSchema {
    /// Tables, sorted by name.
    pub tables: Vec<LiveTable>,
    /// Enum types (PostgreSQL; inline elsewhere), sorted by name.
    pub enums: Vec<LiveEnum>,
    /// Views and triggers, sorted by kind and name (on the expected side: those the chain's
    /// raw SQL steps declare).
    pub objects: Vec<LiveObject>,
}

/// A view, materialized view or trigger: what the models do not declare.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LiveObject {
    /// Its kind.
    pub kind: ObjectKind,
    /// Its name.
    pub name: String,
    /// A trigger's table.
    pub table: Option<String>,
    /// Its `CREATE` statement, where the catalog can say it (PostgreSQL domains and
    /// collations, which `schema import` puts in the baseline).
    pub definition: Option<String>,
}

/// One table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveTable {
    /// Name.
    pub name: String,
    /// Columns, in catalog order.
    pub columns: Vec<LiveColumn>,
    /// Primary key.
    pub primary_key: Option<LiveKey>,
    /// Unique constraints.
    pub uniques: Vec<LiveKey>,
    /// Indexes that are not behind a primary key or unique constraint.
    pub indexes: Vec<LiveIndex>,
    /// Foreign keys.
    pub foreign_keys: Vec<LiveForeignKey>,
    /// CHECK constraints (named ones; MariaDB's own `json_valid` checks left out).
    pub checks: Vec<LiveCheck>,
    /// The table's comment.
    pub comment: Option<String>,
    /// The PostgreSQL schema, when it is not the connection's current one.
    pub schema: Option<String>,
    /// Declared `external` (the expected side only): only its presence and primary key
    /// are compared.
    pub external: bool,
}

impl LiveTable {
    /// `schema.name`, or `name` in the current schema: how messages name the table.
    pub fn display_name(&self) -> String {
        match &self.schema {
            Some(schema) => format!("{schema}.{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// A CHECK constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveCheck {
    /// Name, where the catalog keeps it (SQLite: when it was declared with one).
    pub name: Option<String>,
    /// The expression, in the dialect's normal form (see [`server`]).
    pub expr: String,
}

/// One column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveColumn {
    /// Name.
    pub name: String,
    /// Type, in the dialect's normal form (`character varying`, `VARCHAR`, `varchar(255)`).
    pub sql_type: String,
    /// NULL-able.
    pub nullable: bool,
    /// Server default, in the dialect's normal form.
    pub default: Option<String>,
    /// How the database generates it, in the dialect's words (`by default`, `always`,
    /// `serial`; `rowid`, `rowid autoincrement`; `auto_increment`).
    pub identity: Option<String>,
    /// MySQL's `ON UPDATE` value, in its normal form.
    pub on_update: Option<String>,
    /// Its comment.
    pub comment: Option<String>,
    /// Its collation, when it is not the table's or type's default (`C`, `utf8mb4_bin`,
    /// `NOCASE`).
    pub collation: Option<String>,
}

impl LiveColumn {
    /// A plain column: no identity, no `ON UPDATE`.
    pub fn new(name: String, sql_type: String, nullable: bool, default: Option<String>) -> Self {
        LiveColumn {
            name,
            sql_type,
            nullable,
            default,
            identity: None,
            on_update: None,
            comment: None,
            collation: None,
        }
    }
}

/// A primary key or unique constraint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveKey {
    /// Name, where the catalog keeps it.
    pub name: Option<String>,
    /// Columns, in key order.
    pub columns: Vec<String>,
    /// `NULLS NOT DISTINCT` (PostgreSQL 15+).
    pub nulls_not_distinct: bool,
}

impl LiveKey {
    /// A key on `columns`.
    pub fn new(name: Option<String>, columns: Vec<String>) -> Self {
        LiveKey {
            name,
            columns,
            nulls_not_distinct: false,
        }
    }
}

/// An index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveIndex {
    /// Name.
    pub name: String,
    /// Key columns (empty for an expression index).
    pub columns: Vec<String>,
    /// Unique.
    pub unique: bool,
    /// The `WHERE` of a partial index, in the dialect's normal form.
    pub predicate: Option<String>,
    /// The key columns kept in descending order.
    pub descending: Vec<String>,
    /// An expression index's key, in the dialect's normal form.
    pub expr: Option<String>,
    /// The access method when it is not a B-tree (`gin`, `hash`).
    pub method: Option<String>,
    /// Stored, non-key columns (PostgreSQL `INCLUDE`).
    pub include: Vec<String>,
    /// `NULLS NOT DISTINCT` (PostgreSQL 15+).
    pub nulls_not_distinct: bool,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveForeignKey {
    /// Name, where the catalog keeps it.
    pub name: Option<String>,
    /// Referencing columns.
    pub columns: Vec<String>,
    /// Referenced table.
    pub ref_table: String,
    /// The referenced table's PostgreSQL schema, when it is not the current one.
    pub ref_schema: Option<String>,
    /// Referenced columns.
    pub ref_columns: Vec<String>,
    /// `ON DELETE`.
    pub on_delete: ReferentialAction,
    /// `ON UPDATE`.
    pub on_update: ReferentialAction,
}

/// An enum type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEnum {
    /// Name.
    pub name: String,
    /// Labels, in order.
    pub values: Vec<String>,
}

impl LiveSchema {
    /// The table named `name`.
    pub fn table(&self, name: &str) -> Option<&LiveTable> {
        self.tables.iter().find(|t| t.name == name)
    }

    pub(super) fn table_mut(&mut self, name: &str) -> &mut LiveTable {
        self.table_in_mut(None, name)
    }

    /// The table `name` of `schema` (`None`: the current one), added when it is new.
    pub(super) fn table_in_mut(&mut self, schema: Option<&str>, name: &str) -> &mut LiveTable {
        if let Some(i) = self
            .tables
            .iter()
            .position(|t| t.name == name && t.schema.as_deref() == schema)
        {
            return &mut self.tables[i];
        }
        self.tables.push(LiveTable {
            name: name.to_owned(),
            schema: schema.map(str::to_owned),
            ..LiveTable::default()
        });
        let last = self.tables.len() - 1;
        &mut self.tables[last]
    }

    pub(super) fn sort(&mut self) {
        self.tables
            .sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        self.enums.sort_by(|a, b| a.name.cmp(&b.name));
        self.objects.sort();
    }
}
