//! What each database can do: facts callers ask (`dialect.caps().transactional_ddl`) instead of
//! comparing dialects, each decided here once.

/// The capabilities of one database. Read them through [`crate::Dialect::caps`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Caps {
    /// DDL runs inside a transaction and rolls back with it (PostgreSQL, SQLite). Without it
    /// (MySQL/MariaDB commit each DDL statement) the runner records progress step by step.
    pub transactional_ddl: bool,
    /// `ALTER TABLE` can change a column and add or drop a constraint. SQLite cannot: those
    /// steps become a table rebuild.
    pub alters_constraints: bool,
    /// The catalog keeps the names of unique and foreign-key constraints (not SQLite).
    pub keeps_constraint_names: bool,
    /// The catalog keeps the primary key's name (PostgreSQL; MySQL calls every one `PRIMARY`,
    /// SQLite keeps none).
    pub keeps_primary_key_name: bool,
    /// Named enum types, created and dropped on their own (`CREATE TYPE ... AS ENUM`:
    /// PostgreSQL). Elsewhere an enum is inline in its column.
    pub enum_types: bool,
    /// A unique index and a unique constraint are one object, listed as a constraint (MySQL).
    pub unique_index_is_constraint: bool,
    /// A foreign key in a reference cycle is added after both tables exist (`ALTER TABLE ...
    /// ADD CONSTRAINT`). SQLite resolves a key's table when rows are written, so it never
    /// defers one (and could not add it later).
    pub defers_cyclic_foreign_keys: bool,
    /// `ALTER TABLE ... DROP COLUMN IF EXISTS` (not SQLite: the replayed schema decides).
    pub drop_column_if_exists: bool,
    /// Bind placeholders are numbered (`$1`, PostgreSQL) rather than `?`.
    pub numbered_placeholders: bool,
    /// `INSERT ... RETURNING` gives back generated keys (PostgreSQL, SQLite 3.35+; MySQL 8 has
    /// no `RETURNING`: the key is the insert's `LAST_INSERT_ID()`).
    pub returning: bool,
    /// Namespaces inside a database (PostgreSQL's schemas), for `#[table(schema = "...")]`.
    pub schemas: bool,
    /// Table and column comments (not SQLite).
    pub comments: bool,
    /// Partial indexes, `CREATE INDEX ... WHERE` (not MySQL/MariaDB).
    pub partial_indexes: bool,
    /// An index on an expression (not MariaDB; MySQL 8.0.13 has them, but the crate keeps to
    /// what both accept).
    pub expression_indexes: bool,
    /// Index access methods other than B-tree (`USING gin`: PostgreSQL; InnoDB takes `USING
    /// HASH` and builds a B-tree, so MySQL is refused rather than silently different).
    pub index_methods: bool,
    /// Stored non-key columns, `INCLUDE (...)` (PostgreSQL 11+).
    pub index_include: bool,
    /// `NULLS NOT DISTINCT` on a unique index or constraint (PostgreSQL 15+).
    pub nulls_not_distinct: bool,
}

impl Caps {
    /// The capabilities of `dialect`, in a `const` context too (what [`crate::Dialect::caps`]
    /// answers at run time): `schema! { #[dialects(...)] ... }` asks them at compile time.
    pub(crate) const fn of(dialect: super::Dialect) -> &'static Caps {
        match dialect {
            super::Dialect::Postgres => &POSTGRES,
            super::Dialect::Sqlite => &SQLITE,
            super::Dialect::MySql => &MYSQL,
        }
    }
}

/// PostgreSQL.
pub(super) const POSTGRES: Caps = Caps {
    transactional_ddl: true,
    alters_constraints: true,
    keeps_constraint_names: true,
    keeps_primary_key_name: true,
    enum_types: true,
    unique_index_is_constraint: false,
    defers_cyclic_foreign_keys: true,
    drop_column_if_exists: true,
    numbered_placeholders: true,
    returning: true,
    schemas: true,
    comments: true,
    partial_indexes: true,
    expression_indexes: true,
    index_methods: true,
    index_include: true,
    nulls_not_distinct: true,
};

/// SQLite.
pub(super) const SQLITE: Caps = Caps {
    transactional_ddl: true,
    alters_constraints: false,
    keeps_constraint_names: false,
    keeps_primary_key_name: false,
    enum_types: false,
    unique_index_is_constraint: false,
    defers_cyclic_foreign_keys: false,
    drop_column_if_exists: false,
    numbered_placeholders: false,
    returning: true,
    schemas: false,
    comments: false,
    partial_indexes: true,
    expression_indexes: true,
    index_methods: false,
    index_include: false,
    nulls_not_distinct: false,
};

/// MySQL and MariaDB.
pub(super) const MYSQL: Caps = Caps {
    transactional_ddl: false,
    alters_constraints: true,
    keeps_constraint_names: true,
    keeps_primary_key_name: false,
    enum_types: false,
    unique_index_is_constraint: true,
    defers_cyclic_foreign_keys: true,
    // MariaDB's; MySQL 8 has no `IF EXISTS` here (see the README).
    drop_column_if_exists: true,
    numbered_placeholders: false,
    returning: false,
    schemas: false,
    comments: true,
    partial_indexes: false,
    expression_indexes: false,
    index_methods: false,
    index_include: false,
    nulls_not_distinct: false,
};
