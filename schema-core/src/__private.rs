//! Support for the code the derives and `schema!` generate. Not a public API.

use core::marker::PhantomData;

use crate::model::{Schema as SchemaDef, TableDef as TableDefinition};

pub use crate::model::*;
pub use crate::{ColumnType, Dialect, SqlEnum, Table};
pub use core;
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

/// A field of type `Self` may reference a column of Rust type `R`: the same type, or
/// `Option` of it (a NULL-able foreign key).
#[diagnostic::on_unimplemented(
    message = "a foreign key of type `{Self}` cannot reference a column of type `{R}`",
    label = "the referenced column holds `{R}`",
    note = "a foreign key field has the referenced field's type, or `Option` of it"
)]
pub trait ForeignKeyType<R: ?Sized> {}
impl<T> ForeignKeyType<T> for T {}
impl<T> ForeignKeyType<T> for Option<T> {}

/// Compiles only when a field of type `S` may reference `target`.
pub const fn foreign_key_type<S: ForeignKeyType<R>, R, T>(_target: &ColumnRef<T, R>) {}

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
pub const fn is_referenceable_key(table: &TableDefinition, columns: &[&str]) -> bool {
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
    buf: [u8; 512],
    len: usize,
}

impl ConstMessage {
    /// An empty message.
    pub const fn new() -> Self {
        ConstMessage {
            buf: [0; 512],
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

const fn duplicate(kind: &str, name: &str, first: &str, second: &str) -> ConstMessage {
    ConstMessage::new()
        .push("schema: ")
        .push(kind)
        .push(" `")
        .push(name)
        .push("` is declared twice, by `")
        .push(first)
        .push("` and by `")
        .push(second)
        .push("`: names must be unique in the schema; rename one with `name = \"...\"`")
}

/// Every name in PostgreSQL's relation namespace (tables, indexes, and the indexes behind
/// primary keys and unique constraints) is unique schema-wide, as are foreign key names
/// (MySQL's constraint namespace is the database).
struct Names<'a> {
    schema: &'a SchemaDef,
}

impl Names<'_> {
    /// The `n`-th relation-namespace name and the table declaring it, or `None` past the end.
    const fn relation(&self, mut n: usize) -> Option<(&'static str, &'static str, &'static str)> {
        let mut t = 0;
        while t < self.schema.tables.len() {
            let table = self.schema.tables[t];
            if n == 0 {
                return Some(("table", table.name, table.rust_name));
            }
            n -= 1;
            if n == 0 {
                return Some(("primary key", table.primary_key.name, table.rust_name));
            }
            n -= 1;
            if n < table.uniques.len() {
                return Some(("unique constraint", table.uniques[n].name, table.rust_name));
            }
            n -= table.uniques.len();
            if n < table.indexes.len() {
                return Some(("index", table.indexes[n].name, table.rust_name));
            }
            n -= table.indexes.len();
            t += 1;
        }
        None
    }

    const fn foreign_key(&self, mut n: usize) -> Option<(&'static str, &'static str)> {
        let mut t = 0;
        while t < self.schema.tables.len() {
            let table = self.schema.tables[t];
            if n < table.foreign_keys.len() {
                return Some((table.foreign_keys[n].name, table.rust_name));
            }
            n -= table.foreign_keys.len();
            t += 1;
        }
        None
    }
}

/// The whole-schema rules, checked by `schema!` at compile time: table names, index and
/// constraint names unique schema-wide, every foreign key's table in the schema, one enum
/// type per enum name.
// Evaluated only at compile time: the size of the error is no cost.
#[allow(clippy::result_large_err)]
pub const fn check_schema(schema: &SchemaDef) -> Result<(), ConstMessage> {
    let names = Names { schema };
    let mut i = 0;
    while let Some((kind, name, owner)) = names.relation(i) {
        let mut j = i + 1;
        while let Some((_, other, other_owner)) = names.relation(j) {
            if str_eq(name, other) {
                return Err(duplicate(kind, name, owner, other_owner));
            }
            j += 1;
        }
        i += 1;
    }
    let mut i = 0;
    while let Some((name, owner)) = names.foreign_key(i) {
        let mut j = i + 1;
        while let Some((other, other_owner)) = names.foreign_key(j) {
            if str_eq(name, other) {
                return Err(duplicate("foreign key", name, owner, other_owner));
            }
            j += 1;
        }
        i += 1;
    }
    let mut t = 0;
    while t < schema.tables.len() {
        let table = schema.tables[t];
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
        t += 1;
    }
    check_enums(schema)
}

#[allow(clippy::result_large_err)]
const fn check_enums(schema: &SchemaDef) -> Result<(), ConstMessage> {
    let mut t = 0;
    while t < schema.tables.len() {
        let mut c = 0;
        while c < schema.tables[t].columns.len() {
            if let Some(e) = schema.tables[t].columns[c].sql_type.as_enum() {
                let mut u = 0;
                while u < schema.tables.len() {
                    let mut d = 0;
                    while d < schema.tables[u].columns.len() {
                        if let Some(other) = schema.tables[u].columns[d].sql_type.as_enum() {
                            if str_eq(e.name, other.name) && !str_eq(e.rust_name, other.rust_name) {
                                return Err(ConstMessage::new()
                                    .push("schema: enum type `")
                                    .push(e.name)
                                    .push("` is declared by two enums, `")
                                    .push(e.rust_name)
                                    .push("` and `")
                                    .push(other.rust_name)
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
        t += 1;
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
