//! Indexes: their key (columns or one expression), order, predicate, method and stored columns.

/// An index.
///
/// Every field past `unique` is a form some dialect cannot express: rendering for that dialect
/// is then an error naming the table, the index and the dialect, never other SQL.
///
/// | form | PostgreSQL | SQLite | MySQL/MariaDB |
/// |---|---|---|---|
/// | `descending` | yes | yes | yes (MySQL 8, MariaDB 10.8) |
/// | `expr` | yes | yes | — (MariaDB has no expression indexes) |
/// | `predicate` (`WHERE`) | yes | yes | — |
/// | `method` other than B-tree | yes | — | — |
/// | `include` | yes | — | — |
/// | `nulls_not_distinct` | PostgreSQL 15+ | — | — |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IndexDef {
    /// Index name (default `ix_{table}_{cols}`).
    pub name: &'static str,
    /// Key column names (empty for an expression index).
    pub columns: &'static [&'static str],
    /// `CREATE UNIQUE INDEX`.
    pub unique: bool,
    /// The key columns kept in descending order (each one of `columns`).
    pub descending: &'static [&'static str],
    /// The one key of an expression index (`lower(email)`), instead of columns.
    pub expr: Option<&'static str>,
    /// The `WHERE` of a partial index (`uid IS NOT NULL`).
    pub predicate: Option<&'static str>,
    /// The access method.
    pub method: IndexMethod,
    /// Columns stored in the index but not part of its key (PostgreSQL `INCLUDE`).
    pub include: &'static [&'static str],
    /// `NULLS NOT DISTINCT` (a unique index, PostgreSQL 15+).
    pub nulls_not_distinct: bool,
}

impl IndexDef {
    /// A plain B-tree index on `columns`: the base literals build on
    /// (`IndexDef { unique: true, ..IndexDef::new("ix_t_a", &["a"]) }`).
    pub const fn new(name: &'static str, columns: &'static [&'static str]) -> IndexDef {
        IndexDef {
            name,
            columns,
            unique: false,
            descending: &[],
            expr: None,
            predicate: None,
            method: IndexMethod::BTree,
            include: &[],
            nulls_not_distinct: false,
        }
    }

    /// Whether column `name` is in the key in descending order.
    pub fn is_descending(&self, name: &str) -> bool {
        self.descending.contains(&name)
    }

    /// Whether the index names `column` anywhere (its key, its stored columns); an expression
    /// or predicate is not read.
    pub fn mentions(&self, column: &str) -> bool {
        self.columns.contains(&column) || self.include.contains(&column)
    }
}

/// How an index is stored (PostgreSQL's access methods; SQLite and MySQL/InnoDB have B-trees).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum IndexMethod {
    /// B-tree, every database's default.
    #[default]
    BTree,
    /// Hash (PostgreSQL).
    Hash,
    /// GIN: arrays, JSONB, full text (PostgreSQL).
    Gin,
    /// GiST: ranges, geometry (PostgreSQL).
    Gist,
    /// BRIN: block ranges of a large, naturally ordered table (PostgreSQL).
    Brin,
}

impl IndexMethod {
    /// The SQL name (`btree`, `gin`, ...), as PostgreSQL's `pg_am` spells it.
    pub const fn sql(self) -> &'static str {
        match self {
            IndexMethod::BTree => "btree",
            IndexMethod::Hash => "hash",
            IndexMethod::Gin => "gin",
            IndexMethod::Gist => "gist",
            IndexMethod::Brin => "brin",
        }
    }

    /// The method named `name` (any case), if it is one.
    pub fn from_name(name: &str) -> Option<IndexMethod> {
        [
            IndexMethod::BTree,
            IndexMethod::Hash,
            IndexMethod::Gin,
            IndexMethod::Gist,
            IndexMethod::Brin,
        ]
        .into_iter()
        .find(|m| m.sql().eq_ignore_ascii_case(name))
    }
}
