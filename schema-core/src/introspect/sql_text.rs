//! Reading parts of SQLite's stored `CREATE TABLE` and `CREATE INDEX` text, which is the only
//! place SQLite keeps CHECK constraints, collations, index predicates and expression keys, and
//! one normal form for SQL expressions so that `size>0` and `(size > 0)` compare equal.

/// The text between the first `(` of `sql` and its matching `)`.
fn parenthesized_after(sql: &str, from: usize) -> Option<(usize, usize)> {
    let open = from + sql[from..].find('(')?;
    let close = matching(sql, open)?;
    Some((open + 1, close))
}

/// The index of the `)` that closes the `(` at `open`, outside quotes.
fn matching(sql: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in sql[open..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '[') => quote = Some(']'),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `text` split at the commas outside parentheses and quotes.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, 0);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '[') => quote = Some(']'),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

/// The words of `item` outside parentheses (a parenthesized group is no word), each with its
/// byte offset.
fn words(item: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<char>, None::<usize>);
    fn end_word<'a>(
        item: &'a str,
        start: &mut Option<usize>,
        i: usize,
        out: &mut Vec<(usize, &'a str)>,
    ) {
        if let Some(s) = start.take() {
            out.push((s, &item[s..i]));
        }
    }
    for (i, c) in item.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' | '[' => {
                quote = Some(if c == '[' { ']' } else { c });
                if depth == 0 && start.is_none() {
                    start = Some(i);
                }
            }
            '(' => {
                if depth == 0 {
                    end_word(item, &mut start, i, &mut out);
                }
                depth += 1;
            }
            ')' => depth -= 1,
            c if c.is_whitespace() => {
                if depth == 0 {
                    end_word(item, &mut start, i, &mut out);
                }
            }
            _ => {
                if depth == 0 && start.is_none() {
                    start = Some(i);
                }
            }
        }
    }
    end_word(item, &mut start, item.len(), &mut out);
    out
}

/// An identifier without its quotes (`"a b"`, `` `x` ``, `[y]`).
pub(super) fn unquote(ident: &str) -> String {
    let ident = ident.trim();
    for (open, close) in [('"', '"'), ('`', '`'), ('[', ']')] {
        if let Some(inner) = ident.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
            return inner.replace(&format!("{close}{close}"), &close.to_string());
        }
    }
    ident.to_owned()
}

/// The items of a `CREATE TABLE`'s definition list (columns and table constraints).
fn table_items(create: &str) -> Vec<&str> {
    match parenthesized_after(create, 0) {
        Some((start, end)) => split_top_level(&create[start..end]),
        None => Vec::new(),
    }
}

/// Whether a definition-list item is a table constraint rather than a column.
fn is_table_constraint(item: &str) -> bool {
    let first = item
        .split(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
        .iter()
        .any(|k| first.eq_ignore_ascii_case(k))
}

/// Every `CONSTRAINT name CHECK (expr)` of a `CREATE TABLE`, at table or column level, as
/// `(name, expr)`. Unnamed checks are left out: the models name every check.
pub(super) fn named_checks(create: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in table_items(create) {
        let words = words(item);
        for window in words.windows(3) {
            let [(_, constraint), (_, name), (at, check)] = window else {
                continue;
            };
            if constraint.eq_ignore_ascii_case("CONSTRAINT") && check.eq_ignore_ascii_case("CHECK")
            {
                if let Some((start, end)) = parenthesized_after(item, *at) {
                    out.push((unquote(name), item[start..end].trim().to_owned()));
                }
            }
        }
    }
    out
}

/// Each column's `COLLATE` name, as `(column, collation)`, for the columns that have one.
pub(super) fn column_collations(create: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in table_items(create) {
        if is_table_constraint(item) {
            continue;
        }
        let words = words(item);
        let Some((_, column)) = words.first() else {
            continue;
        };
        let collate = words
            .windows(2)
            .find(|w| w[0].1.eq_ignore_ascii_case("COLLATE"))
            .map(|w| unquote(w[1].1));
        if let Some(collation) = collate {
            out.push((unquote(column), collation));
        }
    }
    out
}

/// A `CREATE INDEX`'s key items and `WHERE` predicate.
pub(super) fn index_parts(create: &str) -> (Vec<String>, Option<String>) {
    let upper = create.to_ascii_uppercase();
    let Some(on) = upper.find(" ON ") else {
        return (Vec::new(), None);
    };
    let Some((start, end)) = parenthesized_after(create, on) else {
        return (Vec::new(), None);
    };
    let keys = split_top_level(&create[start..end])
        .into_iter()
        .map(str::to_owned)
        .collect();
    let rest = create[end + 1..].trim();
    let predicate = rest
        .get(..5)
        .filter(|w| w.eq_ignore_ascii_case("WHERE"))
        .map(|_| rest[5..].trim().to_owned());
    (keys, predicate)
}

/// An index key item that is an expression, not a column: what is left of it without a
/// trailing `ASC`/`DESC` and `COLLATE x`, when it is not a plain (quoted) name.
pub(super) fn key_expression(item: &str) -> Option<String> {
    let mut text = item.trim().to_owned();
    for suffix in ["ASC", "DESC"] {
        if text.len() > suffix.len() && text.to_ascii_uppercase().ends_with(&format!(" {suffix}")) {
            text.truncate(text.len() - suffix.len());
            text = text.trim_end().to_owned();
        }
    }
    let plain = {
        let name = unquote(&text);
        name == text && name.chars().all(|c| c.is_alphanumeric() || c == '_')
            || name != text && !name.is_empty()
    };
    (!plain).then_some(text)
}

/// One spelling for an SQL expression: identifiers unquoted, lowercase outside string
/// literals, tokens separated by single spaces (none inside parentheses, before a comma, around
/// `.` and `::`, or between a name and its argument list), outer parentheses dropped.
pub(crate) fn normal_expression(sql: &str) -> String {
    let tokens = tokens(sql);
    let mut out = String::with_capacity(sql.len());
    for (i, token) in tokens.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| tokens[p].as_str());
        let glued = match (previous, token.as_str()) {
            (None, _) => true,
            (Some("(" | "." | "::"), _) => true,
            (Some(_), ")" | "," | "." | "::") => true,
            (Some(p), "(") => p.chars().all(|c| c.is_alphanumeric() || c == '_'),
            _ => false,
        };
        if !glued {
            out.push(' ');
        }
        out.push_str(token);
    }
    let mut text = out;
    while crate::dialect::is_parenthesized(&text) {
        text = text[1..text.len() - 1].trim().to_owned();
    }
    text
}

/// The tokens of `sql`: string literals as written, quoted identifiers unquoted, words and
/// numbers lowercased, runs of operator characters, and single parentheses and commas.
fn tokens(sql: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '\'' => {
                let mut literal = String::from('\'');
                while let Some(q) = chars.next() {
                    literal.push(q);
                    if q == '\'' {
                        if chars.peek() == Some(&'\'') {
                            literal.push('\'');
                            chars.next();
                        } else {
                            break;
                        }
                    }
                }
                out.push(literal);
            }
            '"' | '`' | '[' => {
                let close = if c == '[' { ']' } else { c };
                let name: String = chars.by_ref().take_while(|&q| q != close).collect();
                out.push(name.to_lowercase());
            }
            '(' | ')' | ',' => out.push(c.to_string()),
            c if c.is_alphanumeric() || c == '_' || c == '$' => {
                let mut word = c.to_lowercase().to_string();
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' || n == '$' {
                        word.extend(n.to_lowercase());
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(word);
            }
            c => {
                let mut op = c.to_string();
                while let Some(&n) = chars.peek() {
                    if "<>=!|+-*/%~^&:.@#?".contains(n) && c != '.' {
                        op.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(op);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "CREATE TABLE \"messages\" (\n  \"id\" INTEGER PRIMARY KEY,\n  \
        \"kind\" TEXT NOT NULL CONSTRAINT kind_lower CHECK (kind = lower(kind)),\n  \
        uid TEXT COLLATE NOCASE,\n  size INT DEFAULT (1 + 2),\n  \
        CONSTRAINT \"messages_size_positive\" CHECK (size > 0),\n  CHECK (size < 100),\n  \
        UNIQUE (uid, kind)\n)";

    #[test]
    fn checks_and_collations_are_read_from_the_table_sql() {
        assert_eq!(
            named_checks(TABLE),
            [
                ("kind_lower".to_owned(), "kind = lower(kind)".to_owned()),
                ("messages_size_positive".to_owned(), "size > 0".to_owned()),
            ]
        );
        assert_eq!(
            column_collations(TABLE),
            [("uid".to_owned(), "NOCASE".to_owned())]
        );
    }

    #[test]
    fn index_keys_and_predicates_are_read_from_the_index_sql() {
        let (keys, predicate) = index_parts(
            "CREATE UNIQUE INDEX ix ON \"t\" (lower(email), \"b\" DESC) WHERE uid IS NOT NULL",
        );
        assert_eq!(keys, ["lower(email)", "\"b\" DESC"]);
        assert_eq!(predicate.as_deref(), Some("uid IS NOT NULL"));
        assert_eq!(key_expression(&keys[0]).as_deref(), Some("lower(email)"));
        assert_eq!(key_expression(&keys[1]), None);
        assert_eq!(index_parts("CREATE INDEX ix ON t(a)").1, None);
    }

    #[test]
    fn expressions_compare_in_one_spelling() {
        assert_eq!(normal_expression("(size > 0)"), "size > 0");
        assert_eq!(normal_expression("\"size\"  >  0"), "size > 0");
        assert_eq!(normal_expression("size>0"), "size > 0");
        assert_eq!(
            normal_expression("LOWER( \"Email\" ) IN ('A', 'b')"),
            "lower(email) in('A', 'b')"
        );
        assert_eq!(
            normal_expression("lower(email) IN ('A','b')"),
            "lower(email) in('A', 'b')"
        );
        assert_eq!(
            normal_expression("x::text <> 'it''s'"),
            "x::text <> 'it''s'"
        );
        assert_eq!(
            normal_expression("kind GLOB '[a-z]*'"),
            "kind glob '[a-z]*'"
        );
        assert_ne!(normal_expression("size > 0"), normal_expression("size > 1"));
    }
}
