//! Support for the code the derives and `schema!` generate. Not a public API.

use core::marker::PhantomData;

use crate::model::{Schema as SchemaDef, TableDef as TableDefinition};

pub use crate::model::*;
pub use crate::{ColumnType, Dialect, SqlEnum, Table};
pub use core;
pub use schema_macros::__schema_checks;
pub use sqlx;

/// Ties a [`ColumnRef`] to its table and Rust type without owning either.
type Marker<T, R> = PhantomData<fn() -> (PhantomData<T>, PhantomData<R>)>;

/// A handle on one column of table `T`, holding Rust type `R`: what `Dashboard::id` in
/// `references = Dashboard::id` resolves to, through `<Dashboard as Table>::Columns`.
pub struct ColumnRef<T, R: ?Sized> {
    /// The SQL column name.
    pub name: &'static str,
    _marker: Marker<T, R>,
}

impl<T, R: ?Sized> ColumnRef<T, R> {
    /// A handle on the column named `name`.
    pub const fn new(name: &'static str) -> Self {
        ColumnRef {
            name,
            _marker: PhantomData,
        }
    }
}

impl<T, R> ColumnRef<T, R> {
    /// Compiles only when field `Field` of `Table`, of type `S`, may reference this column.
    /// A method, so `R` is known from the column before the bound is judged (a free function
    /// would let rustc infer `R` from the bound and report a type mismatch instead).
    pub const fn referenced_by<S: ForeignKeyType<R, Table, Field>, Table, Field>(&self) {}
}

/// A field of type `Self` may reference a column of Rust type `R`: the same type, or
/// `Option` of it (a NULL-able foreign key). `Table` and `Field` only name the referencing
/// field in the message (`Field` is a marker type named like the field).
#[diagnostic::on_unimplemented(
    message = "`{Table}.{Field}`: a foreign key of type `{Self}` cannot reference a column of type `{R}`",
    label = "the referenced column holds `{R}`",
    note = "make the field `{R}`, or `Option<{R}>` for a nullable foreign key; or reference a column of type `{Self}`"
)]
pub trait ForeignKeyType<R: ?Sized, Table, Field> {}
// `do_not_recommend`: the message says what to do; rustc listing these impls only adds noise.
#[diagnostic::do_not_recommend]
impl<T, Table, Field> ForeignKeyType<T, Table, Field> for T {}
#[diagnostic::do_not_recommend]
impl<T, Table, Field> ForeignKeyType<T, Table, Field> for Option<T> {}

/// `a == b`, in a const context.
pub const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn list_eq(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !str_eq(a[i], b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// `columns` are, in this order, the table's primary key, a unique constraint or a unique
/// index: what a foreign key may reference.
///
/// A table whose derive failed has a stub definition with an empty primary key name (a real
/// one never is): anything may reference it, so its one error is not joined by others.
pub const fn is_referenceable_key(table: &TableDefinition, columns: &[&str]) -> bool {
    if table.primary_key.name.is_empty() {
        return true;
    }
    if list_eq(table.primary_key.columns, columns) {
        return true;
    }
    let mut i = 0;
    while i < table.uniques.len() {
        if list_eq(table.uniques[i].columns, columns) {
            return true;
        }
        i += 1;
    }
    let mut i = 0;
    while i < table.indexes.len() {
        if table.indexes[i].unique && list_eq(table.indexes[i].columns, columns) {
            return true;
        }
        i += 1;
    }
    false
}

/// A message assembled at compile time, for a `const` panic that names what is wrong.
#[derive(Clone, Copy)]
pub struct ConstMessage {
    buf: [u8; 1024],
    len: usize,
}

impl ConstMessage {
    /// An empty message.
    pub const fn new() -> Self {
        ConstMessage {
            buf: [0; 1024],
            len: 0,
        }
    }

    /// The message with `text` appended; cut at a character boundary when full.
    pub const fn push(mut self, text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() && self.len < self.buf.len() {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        // Never leave half a UTF-8 character at the end.
        while self.len > 0 && core::str::from_utf8(self.buf.split_at(self.len).0).is_err() {
            self.len -= 1;
        }
        self
    }

    /// The text.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.buf.split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => "",
        }
    }
}

impl Default for ConstMessage {
    fn default() -> Self {
        Self::new()
    }
}

/// `prefix`, then the keys `table` declares (what a composite foreign key may reference):
/// `` `ModuleVersion` has primary key (`module_id`, `version`), unique (`label`) ``.
pub const fn keys_of(prefix: &str, table: &TableDefinition) -> ConstMessage {
    let mut message = ConstMessage::new()
        .push(prefix)
        .push("`")
        .push(table.rust_name)
        .push("` has primary key ");
    message = push_columns(message, table.primary_key.columns);
    let mut i = 0;
    while i < table.uniques.len() {
        message = push_columns(message.push(", unique "), table.uniques[i].columns);
        i += 1;
    }
    let mut i = 0;
    while i < table.indexes.len() {
        if table.indexes[i].unique {
            message = push_columns(message.push(", unique index "), table.indexes[i].columns);
        }
        i += 1;
    }
    message
}

/// `` (`a`, `b`) ``.
const fn push_columns(mut message: ConstMessage, columns: &[&str]) -> ConstMessage {
    message = message.push("(");
    let mut i = 0;
    while i < columns.len() {
        if i > 0 {
            message = message.push(", ");
        }
        message = message.push("`").push(columns[i]).push("`");
        i += 1;
    }
    message.push(")")
}

/// The `n`-th name `table` puts in PostgreSQL's relation namespace (the table, the indexes
/// behind its primary key and unique constraints, its indexes), with what it names.
const fn relation(table: &TableDefinition, n: usize) -> Option<(&'static str, &'static str)> {
    if n == 0 {
        return Some(("table", table.name));
    }
    if n == 1 {
        return Some(("primary key", table.primary_key.name));
    }
    let n = n - 2;
    if n < table.uniques.len() {
        return Some(("unique constraint", table.uniques[n].name));
    }
    let n = n - table.uniques.len();
    if n < table.indexes.len() {
        return Some(("index", table.indexes[n].name));
    }
    None
}

const fn duplicate(
    kind: &str,
    name: &str,
    owner: &str,
    other_kind: &str,
    other_owner: &str,
) -> ConstMessage {
    let message = ConstMessage::new()
        .push("schema: `")
        .push(owner)
        .push("` declares the ")
        .push(kind)
        .push(" `")
        .push(name)
        .push("`, but `")
        .push(other_owner)
        .push("` already declares the ")
        .push(other_kind)
        .push(" of that name: ");
    if str_eq(kind, "table") && str_eq(other_kind, "table") {
        message
            .push("table names are unique in a schema; rename one with `#[table(name = \"...\")]`")
    } else if str_eq(kind, "foreign key") {
        message.push("foreign key names are unique in a schema (MySQL keeps constraint names per database); rename one with `name = \"...\"`")
    } else {
        message.push("PostgreSQL keeps tables, indexes and key constraints in one namespace, so their names are unique in a schema; rename one with `name = \"...\"`")
    }
}

/// The whole-schema rules for table `t` of `schema`, checked by `schema!` at compile time (one
/// `const` per table, so the error points at the table in the list). A name clash is
/// reported at the later of the two tables.
#[allow(clippy::result_large_err)] // const-evaluated only: the size costs nothing at run time
pub const fn check_schema_table(schema: &SchemaDef, t: usize) -> Result<(), ConstMessage> {
    let table = schema.tables[t];
    // Relation names: against every earlier table's, and the earlier ones of this table.
    let mut n = 0;
    while let Some((kind, name)) = relation(table, n) {
        let mut u = 0;
        while u <= t {
            let other = schema.tables[u];
            let mut m = 0;
            while let Some((other_kind, other_name)) = relation(other, m) {
                if u == t && m >= n {
                    break;
                }
                // An empty name is the stub of a table whose derive failed: already reported.
                if !name.is_empty() && str_eq(name, other_name) {
                    return Err(duplicate(
                        kind,
                        name,
                        table.rust_name,
                        other_kind,
                        other.rust_name,
                    ));
                }
                m += 1;
            }
            u += 1;
        }
        n += 1;
    }
    // Foreign key names, the same way.
    let mut f = 0;
    while f < table.foreign_keys.len() {
        let name = table.foreign_keys[f].name;
        let mut u = 0;
        while u <= t {
            let other = schema.tables[u];
            let mut g = 0;
            while g < other.foreign_keys.len() && !(u == t && g >= f) {
                if str_eq(name, other.foreign_keys[g].name) {
                    return Err(duplicate(
                        "foreign key",
                        name,
                        table.rust_name,
                        "foreign key",
                        other.rust_name,
                    ));
                }
                g += 1;
            }
            u += 1;
        }
        f += 1;
    }
    // Every foreign key's table is in the schema.
    let mut f = 0;
    while f < table.foreign_keys.len() {
        let target = table.foreign_keys[f].ref_table;
        let mut found = false;
        let mut u = 0;
        while u < schema.tables.len() {
            if str_eq(schema.tables[u].name, target) {
                found = true;
            }
            u += 1;
        }
        if !found {
            return Err(ConstMessage::new()
                .push("schema: `")
                .push(table.rust_name)
                .push("` has foreign key `")
                .push(table.foreign_keys[f].name)
                .push("` to table `")
                .push(target)
                .push("`, which this schema does not list: add its struct to the schema"));
        }
        f += 1;
    }
    check_enums(schema, t)
}

/// The whole-schema rules, for every table (what `schema!` checks, one table at a time).
#[allow(clippy::result_large_err)] // const-evaluated only: the size costs nothing at run time
pub const fn check_schema(schema: &SchemaDef) -> Result<(), ConstMessage> {
    let mut t = 0;
    while t < schema.tables.len() {
        if let Err(message) = check_schema_table(schema, t) {
            return Err(message);
        }
        t += 1;
    }
    Ok(())
}

/// One enum type per enum name: the enum columns of table `t` against those before them.
#[allow(clippy::result_large_err)] // const-evaluated only: the size costs nothing at run time
const fn check_enums(schema: &SchemaDef, t: usize) -> Result<(), ConstMessage> {
    let columns = schema.tables[t].columns;
    let mut c = 0;
    while c < columns.len() {
        if let Some(e) = columns[c].sql_type.as_enum() {
            let mut u = 0;
            while u <= t {
                let others = schema.tables[u].columns;
                let mut d = 0;
                while d < others.len() && !(u == t && d >= c) {
                    if let Some(other) = others[d].sql_type.as_enum() {
                        if str_eq(e.name, other.name) && !str_eq(e.rust_name, other.rust_name) {
                            return Err(ConstMessage::new()
                                .push("schema: enum type `")
                                .push(e.name)
                                .push("` is declared by two enums, `")
                                .push(other.rust_name)
                                .push("` and `")
                                .push(e.rust_name)
                                .push("`: give one another `#[sql_enum(name = \"...\")]`"));
                        }
                    }
                    d += 1;
                }
                u += 1;
            }
        }
        c += 1;
    }
    Ok(())
}

/// The SQL type's name as PostgreSQL writes it, for messages.
pub const fn sql_type_name(sql_type: SqlType) -> &'static str {
    match sql_type {
        SqlType::Uuid => "UUID",
        SqlType::Varchar(_) => "VARCHAR",
        SqlType::Text => "TEXT",
        SqlType::SmallInt => "SMALLINT",
        SqlType::Integer => "INTEGER",
        SqlType::BigInt => "BIGINT",
        SqlType::Real => "REAL",
        SqlType::Double => "DOUBLE PRECISION",
        SqlType::Boolean => "BOOLEAN",
        SqlType::Bytes => "BYTEA",
        SqlType::Timestamp => "TIMESTAMP",
        SqlType::TimestampTz => "TIMESTAMPTZ",
        SqlType::Date => "DATE",
        SqlType::Json => "JSON",
        SqlType::Jsonb => "JSONB",
        SqlType::Enum(e) => e.name,
    }
}

const fn eq_ignore_case(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !a[i].eq_ignore_ascii_case(&b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// PostgreSQL's spellings of a boolean in a string literal.
pub const fn bool_text(text: &str) -> Option<bool> {
    const TRUE: [&str; 5] = ["true", "t", "yes", "on", "1"];
    const FALSE: [&str; 5] = ["false", "f", "no", "off", "0"];
    let mut i = 0;
    while i < TRUE.len() {
        if eq_ignore_case(text, TRUE[i]) {
            return Some(true);
        }
        if eq_ignore_case(text, FALSE[i]) {
            return Some(false);
        }
        i += 1;
    }
    None
}

const fn is_integer(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = if !b.is_empty() && (b[0] == b'-' || b[0] == b'+') {
        1
    } else {
        0
    };
    if i == b.len() {
        return false;
    }
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            return false;
        }
        i += 1;
    }
    true
}

const fn is_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = if !b.is_empty() && (b[0] == b'-' || b[0] == b'+') {
        1
    } else {
        0
    };
    let (mut digits, mut dots) = (0, 0);
    while i < b.len() {
        if b[i].is_ascii_digit() {
            digits += 1;
        } else if b[i] == b'.' {
            dots += 1;
        } else {
            return false;
        }
        i += 1;
    }
    digits > 0 && dots <= 1
}

const fn is_uuid(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 36 {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let hyphen = i == 8 || i == 13 || i == 18 || i == 23;
        if hyphen != (b[i] == b'-') || (!hyphen && !b[i].is_ascii_hexdigit()) {
            return false;
        }
        i += 1;
    }
    true
}

const fn char_count(text: &str) -> u32 {
    let b = text.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        if b[i] & 0xC0 != 0x80 {
            n += 1;
        }
        i += 1;
    }
    n
}

/// Whether `default` can be a value of `sql_type` (a literal only; an expression is the
/// database's to judge).
pub const fn default_fits(sql_type: SqlType, default: DefaultValue) -> bool {
    match default {
        DefaultValue::Null | DefaultValue::Expr(_) => true,
        DefaultValue::Bool(_) => matches!(sql_type, SqlType::Boolean),
        DefaultValue::Int(_) => matches!(
            sql_type,
            SqlType::SmallInt
                | SqlType::Integer
                | SqlType::BigInt
                | SqlType::Real
                | SqlType::Double
                | SqlType::Varchar(_)
                | SqlType::Text
        ),
        DefaultValue::Number(_) => matches!(
            sql_type,
            SqlType::Real | SqlType::Double | SqlType::Varchar(_) | SqlType::Text
        ),
        DefaultValue::Text(text) => match sql_type {
            SqlType::Boolean => bool_text(text).is_some(),
            SqlType::SmallInt | SqlType::Integer | SqlType::BigInt => is_integer(text),
            SqlType::Real | SqlType::Double => is_number(text),
            SqlType::Uuid => is_uuid(text),
            SqlType::Varchar(Some(max)) => char_count(text) <= max,
            SqlType::Enum(e) => {
                let mut i = 0;
                while i < e.values.len() {
                    if str_eq(e.values[i], text) {
                        return true;
                    }
                    i += 1;
                }
                false
            }
            SqlType::Varchar(None)
            | SqlType::Text
            | SqlType::Bytes
            | SqlType::Timestamp
            | SqlType::TimestampTz
            | SqlType::Date
            | SqlType::Json
            | SqlType::Jsonb => true,
        },
    }
}
