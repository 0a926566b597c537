//! Text in a const context: comparisons and classifiers over `&str` (`const fn` has no
//! iterators, so each is a `while` loop), and [`ConstMessage`], which builds the message of a
//! compile-time check's `panic!`.

use crate::model::TableDef;

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

/// `a == b` for two lists of names, in order.
pub(crate) const fn list_eq(a: &[&str], b: &[&str]) -> bool {
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

/// An optional sign, then at least one digit and nothing else: `-12`.
pub(crate) const fn is_integer(text: &str) -> bool {
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

/// An optional sign, then digits with at most one `.`: `-1.5`.
pub(crate) const fn is_number(text: &str) -> bool {
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

/// A hyphenated UUID: `67e55044-10b1-426f-9247-bb680e5fe0c8`.
pub(crate) const fn is_uuid(text: &str) -> bool {
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

/// The number of characters (not bytes), as `VARCHAR(n)` counts them.
pub(crate) const fn char_count(text: &str) -> u32 {
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
pub const fn keys_of(prefix: &str, table: &TableDef) -> ConstMessage {
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
