//! MySQL's text outside and inside string literals: the catalog prints a literal with
//! backslash escapes (`'O\'Reilly'`, `'C:\\tmp'`, `'a\nb'`), this crate writes it with doubled
//! quotes and backslashes, so both are read to the text they mean and written one way.

/// `text` lowercased outside string literals, each literal in one normal form: its value,
/// quotes doubled, nothing else escaped. Reads the escapes a session without
/// `NO_BACKSLASH_ESCAPES` (the crate's own, see `Dialect::session_settings`) uses.
pub(super) fn normal_outside_literals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mut value = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    value.push('\'');
                }
                '\'' => break,
                '\\' => match chars.next() {
                    Some(escaped) => unescape(escaped, &mut value),
                    None => value.push('\\'),
                },
                c => value.push(c),
            }
        }
        out.push('\'');
        out.push_str(&value.replace('\'', "''"));
        out.push('\'');
    }
    out
}

/// What `\c` means in a MySQL literal: the control characters it names, `%` and `_` with their
/// backslash (they are LIKE escapes), any other character itself.
fn unescape(c: char, out: &mut String) {
    match c {
        '0' => out.push('\0'),
        'b' => out.push('\u{8}'),
        'n' => out.push('\n'),
        'r' => out.push('\r'),
        't' => out.push('\t'),
        'Z' => out.push('\u{1a}'),
        '%' | '_' => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::normal_outside_literals;

    #[test]
    fn the_catalogs_escapes_and_the_crates_doubling_read_the_same() {
        // The value: O'Reilly \' C:\tmp, a newline, X.
        let catalog = r"'O\'Reilly \\\' C:\\tmp\nX' AND UPPER";
        let written = r"'O''Reilly \\'' C:\\tmp".to_owned() + "\n" + r"X' and upper";
        let normal = "'O''Reilly \\'' C:\\tmp\nX' and upper";
        assert_eq!(normal_outside_literals(catalog), normal);
        assert_eq!(normal_outside_literals(&written), normal);
        assert_eq!(normal_outside_literals(r"'50\%'"), r"'50\%'");
    }
}
