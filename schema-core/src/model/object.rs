//! Objects the models do not declare but a raw SQL step creates: views, triggers, functions,
//! indexes, sequences, extensions. Declared on the step ([`super::RawSql::creates`]), they
//! are known to the replay, to `check` and to SQLite's table rebuilds.

/// What kind of object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ObjectKind {
    /// `CREATE VIEW`.
    View,
    /// `CREATE MATERIALIZED VIEW` (PostgreSQL).
    MaterializedView,
    /// `CREATE TRIGGER` on a table.
    Trigger,
    /// `CREATE INDEX` on a table, written by hand (a form the models cannot say).
    Index,
    /// `CREATE FUNCTION` or `CREATE PROCEDURE`.
    Function,
    /// `CREATE SEQUENCE`.
    Sequence,
    /// `CREATE EXTENSION` (PostgreSQL).
    Extension,
    /// `CREATE DOMAIN` (PostgreSQL).
    Domain,
    /// `CREATE COLLATION` (PostgreSQL).
    Collation,
    /// A table the models do not declare.
    Table,
}

impl ObjectKind {
    /// The word for messages (`view`, `trigger`).
    pub const fn word(self) -> &'static str {
        match self {
            ObjectKind::View => "view",
            ObjectKind::MaterializedView => "materialized view",
            ObjectKind::Trigger => "trigger",
            ObjectKind::Index => "index",
            ObjectKind::Function => "function",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Extension => "extension",
            ObjectKind::Domain => "domain",
            ObjectKind::Collation => "collation",
            ObjectKind::Table => "table",
        }
    }
}

/// One object a raw SQL step creates or drops.
///
/// ```
/// use schema_core::migrate::{Object, RawSql};
/// const TOUCH: RawSql = RawSql {
///     sqlite: Some("CREATE TRIGGER touch AFTER UPDATE ON notes BEGIN \
///                   UPDATE notes SET edited = 1 WHERE id = new.id; END"),
///     creates: &[Object::trigger("touch", "notes")],
///     ..RawSql::new("touch notes on update")
/// };
/// assert_eq!(TOUCH.creates[0].to_string(), "trigger touch on notes");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Object {
    /// Its kind.
    pub kind: ObjectKind,
    /// Its name.
    pub name: &'static str,
    /// The table it belongs to (a trigger's or an index's), if any.
    pub table: Option<&'static str>,
}

impl Object {
    const fn of(kind: ObjectKind, name: &'static str, table: Option<&'static str>) -> Object {
        Object { kind, name, table }
    }

    /// A view.
    pub const fn view(name: &'static str) -> Object {
        Object::of(ObjectKind::View, name, None)
    }

    /// A materialized view (PostgreSQL).
    pub const fn materialized_view(name: &'static str) -> Object {
        Object::of(ObjectKind::MaterializedView, name, None)
    }

    /// A trigger on `table`.
    pub const fn trigger(name: &'static str, table: &'static str) -> Object {
        Object::of(ObjectKind::Trigger, name, Some(table))
    }

    /// An index on `table`, written by hand.
    pub const fn index(name: &'static str, table: &'static str) -> Object {
        Object::of(ObjectKind::Index, name, Some(table))
    }

    /// A function or procedure.
    pub const fn function(name: &'static str) -> Object {
        Object::of(ObjectKind::Function, name, None)
    }

    /// A sequence.
    pub const fn sequence(name: &'static str) -> Object {
        Object::of(ObjectKind::Sequence, name, None)
    }

    /// An extension (PostgreSQL).
    pub const fn extension(name: &'static str) -> Object {
        Object::of(ObjectKind::Extension, name, None)
    }

    /// A domain (PostgreSQL).
    pub const fn domain(name: &'static str) -> Object {
        Object::of(ObjectKind::Domain, name, None)
    }

    /// A collation (PostgreSQL).
    pub const fn collation(name: &'static str) -> Object {
        Object::of(ObjectKind::Collation, name, None)
    }

    /// A table the models do not declare.
    pub const fn table(name: &'static str) -> Object {
        Object::of(ObjectKind::Table, name, None)
    }

    /// Whether `other` is the same object (kind and name).
    pub fn same(&self, other: &Object) -> bool {
        self.kind == other.kind && self.name == other.name
    }
}

impl std::fmt::Display for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.kind.word(), self.name)?;
        if let Some(table) = self.table {
            write!(f, " on {table}")?;
        }
        Ok(())
    }
}

/// A set of dialects (which ones a raw step runs on, which ones a schema targets), as plain
/// data the `const` checks can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DialectSet {
    /// PostgreSQL.
    pub postgres: bool,
    /// SQLite.
    pub sqlite: bool,
    /// MySQL/MariaDB.
    pub mysql: bool,
}

impl DialectSet {
    /// Every dialect.
    pub const ALL: DialectSet = DialectSet {
        postgres: true,
        sqlite: true,
        mysql: true,
    };
}
