//! The column names a partial index's `where = "..."` mentions, read from its SQL without a
//! parser. Conservative on purpose: a word it cannot place is left out rather than reported,
//! so an ordinary predicate never fails to compile. Left out are SQL keywords, string and
//! number literals, function names (a word before `(`), type names (after `::`, and after
//! `AS` in a `CAST`), collation names (after `COLLATE`), qualified names (`t.col`), a string
//! prefix (`E'...'`) and parameters (`$1`). A predicate whose quoting it cannot be sure of (a
//! backslash, which MySQL and `E'...'` read as an escape; a quote left open) gives no names.

/// SQL words a predicate may hold that are not columns (compared without case). Type names are
/// not among them (a column may be called `uuid` or `date`): a type comes after `::` or `AS`,
/// or before a literal (`DATE '2024-01-01'`), and is left out there.
const KEYWORDS: &[&str] = &[
    "all",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "at",
    "between",
    "binary",
    "both",
    "by",
    "case",
    "cast",
    "character",
    "collate",
    "current_catalog",
    "current_date",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "day",
    "default",
    "desc",
    "distinct",
    "div",
    "dow",
    "doy",
    "double",
    "else",
    "end",
    "epoch",
    "escape",
    "exists",
    "false",
    "filter",
    "first",
    "for",
    "from",
    "glob",
    "group",
    "hour",
    "ilike",
    "in",
    "interval",
    "is",
    "isnull",
    "isodow",
    "isoyear",
    "last",
    "leading",
    "like",
    "local",
    "localtime",
    "localtimestamp",
    "match",
    "minute",
    "mod",
    "month",
    "not",
    "notnull",
    "null",
    "nulls",
    "only",
    "or",
    "order",
    "over",
    "overlaps",
    "placing",
    "precision",
    "quarter",
    "regexp",
    "rlike",
    "row",
    "second",
    "session_user",
    "signed",
    "similar",
    "some",
    "symmetric",
    "then",
    "time",
    "to",
    "trailing",
    "true",
    "unknown",
    "unsigned",
    "user",
    "varying",
    "week",
    "when",
    "with",
    "within",
    "without",
    "xor",
    "year",
    "zone",
];

/// The words that continue a type of several words after `::` (`double precision`,
/// `character varying`, `timestamp with time zone`).
const TYPE_CONTINUATIONS: &[&str] = &["precision", "varying", "with", "without", "time", "zone"];

/// A word of the predicate that names a column, as written (`"Uid"` without its quotes).
#[derive(Debug, PartialEq, Eq)]
pub struct Mention {
    pub name: String,
    /// Written in quotes: compared exactly, not without case.
    pub quoted: bool,
}

/// The words of `sql` that can only be column names.
pub fn column_mentions(sql: &str) -> Vec<Mention> {
    if sql.contains('\\') {
        return Vec::new();
    }
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    // The previous significant token: `::`, `.`, `as`, `collate` change what a word is.
    let mut previous = Previous::Other;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '\'' {
            let Some(end) = skip_quoted(&chars, i, '\'') else {
                return Vec::new();
            };
            i = end;
            previous = Previous::Other;
        } else if c == '$' {
            let Some(end) = skip_dollar(&chars, i) else {
                return Vec::new();
            };
            i = end;
            previous = Previous::Other;
        } else if c == '"' || c == '`' {
            let Some(end) = skip_quoted(&chars, i, c) else {
                return Vec::new();
            };
            let name: String = chars[i + 1..end.saturating_sub(1).max(i + 1)]
                .iter()
                .collect();
            let next = next_significant(&chars, end);
            if previous.is_plain() && next != Some('(') && next != Some('.') && !name.is_empty() {
                out.push(Mention { name, quoted: true });
            }
            previous = Previous::Other;
            i = end;
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '.' || chars[i] == '_')
            {
                i += 1;
            }
            previous = Previous::Other;
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let lower = word.to_lowercase();
            let next = next_significant(&chars, i);
            let is_column = previous.is_plain()
                && !KEYWORDS.contains(&lower.as_str())
                && !matches!(next, Some('(' | '.' | '\''));
            if is_column {
                out.push(Mention {
                    name: word,
                    quoted: false,
                });
            }
            previous = match lower.as_str() {
                "as" => Previous::As,
                "collate" => Previous::Collate,
                // A type of several words: `::double precision`, `::timestamp with time zone`.
                _ if matches!(previous, Previous::Cast | Previous::As)
                    && TYPE_CONTINUATIONS.contains(&next_word(&chars, i).as_str()) =>
                {
                    Previous::Cast
                }
                _ => Previous::Other,
            };
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            previous = Previous::Cast;
            i += 2;
        } else if c == '.' {
            previous = Previous::Dot;
            i += 1;
        } else {
            previous = Previous::Other;
            i += 1;
        }
    }
    out
}

/// What came before a word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Previous {
    /// `::` (or a word of the type after it): a type name.
    Cast,
    /// `.`: the second part of a qualified name.
    Dot,
    /// `AS`: the type of a `CAST`.
    As,
    /// `COLLATE`: a collation name.
    Collate,
    Other,
}

impl Previous {
    /// A word after this may be a column.
    fn is_plain(self) -> bool {
        self == Previous::Other
    }
}

/// The index after the literal quoted by `quote` that starts at `start` (a doubled quote is
/// one quote inside it); `None` if it is not closed.
fn skip_quoted(chars: &[char], start: usize, quote: char) -> Option<usize> {
    let mut i = start + 1;
    while i < chars.len() {
        if chars[i] == quote {
            if chars.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// Past `$1` or a dollar-quoted string (`$$...$$`, `$tag$...$tag$`), from the `$` at `start`;
/// `None` if the string is not closed.
fn skip_dollar(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
        i += 1;
    }
    if chars.get(i) != Some(&'$') {
        return Some(i); // `$1`
    }
    let tag: Vec<char> = chars[start..=i].to_vec();
    let mut j = i + 1;
    while j + tag.len() <= chars.len() {
        if chars[j..j + tag.len()] == tag[..] {
            return Some(j + tag.len());
        }
        j += 1;
    }
    None
}

/// The word starting at the next significant character from `i`, lowercased (empty if none).
fn next_word(chars: &[char], i: usize) -> String {
    chars[i.min(chars.len())..]
        .iter()
        .skip_while(|c| c.is_whitespace())
        .take_while(|c| c.is_alphanumeric() || **c == '_')
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// The next character that is not whitespace, from `i`.
fn next_significant(chars: &[char], i: usize) -> Option<char> {
    chars[i.min(chars.len())..]
        .iter()
        .copied()
        .find(|c| !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sql: &str) -> Vec<String> {
        column_mentions(sql).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn finds_the_columns_of_ordinary_predicates() {
        assert_eq!(names("uid IS NOT NULL"), ["uid"]);
        assert_eq!(
            names("deleted_at IS NULL AND kind = 'a''b c'"),
            ["deleted_at", "kind"]
        );
        assert_eq!(
            names("size BETWEEN 1 AND 10 OR NOT active"),
            ["size", "active"]
        );
        assert_eq!(
            names("state IN ('open', 'held') AND x LIKE 'a%'"),
            ["state", "x"]
        );
        assert_eq!(names("\"Uid\" IS NOT NULL"), ["Uid"]);
        assert_eq!(names("a = TRUE AND b IS FALSE"), ["a", "b"]);
    }

    #[test]
    fn leaves_out_what_is_not_a_column() {
        assert!(names("lower(email) = 'x'").contains(&"email".to_owned()));
        assert!(!names("lower(email) = 'x'").contains(&"lower".to_owned()));
        assert_eq!(names("kind::text = 'a'"), ["kind"]);
        assert_eq!(names("v::double precision > 1.5e3"), ["v"]);
        assert_eq!(names("v::timestamp with time zone > now()"), ["v"]);
        assert_eq!(names("CAST(v AS citext) = 'a'"), ["v"]);
        assert_eq!(
            names("CAST(v AS double precision) > 1 AND uuid IS NULL"),
            ["v", "uuid"]
        );
        assert_eq!(
            names("day_of > DATE '2024-01-01' AND at_utc AT TIME ZONE 'UTC' < now()"),
            ["day_of", "at_utc"]
        );
        assert_eq!(names("name COLLATE \"C\" > 'a'"), ["name"]);
        assert_eq!(names("t.col = 1 AND public.f(x)"), ["x"]);
        assert_eq!(names("body = $$it's$$ AND n > $1"), ["body", "n"]);
        assert_eq!(names("tag = E'a' AND flag"), ["tag", "flag"]);
        assert_eq!(names("EXTRACT(YEAR FROM made) > 2000"), ["made"]);
        assert_eq!(names("kind::text = 'a' AND w"), ["kind", "w"]);
        assert_eq!(
            names("created_at > CURRENT_TIMESTAMP - INTERVAL '1 day'"),
            ["created_at"]
        );
    }

    #[test]
    fn gives_up_where_the_quoting_is_unsure() {
        assert_eq!(names("a = 'unclosed"), Vec::<String>::new());
        assert_eq!(names("tag = E'a\\'' AND flag"), Vec::<String>::new());
        assert_eq!(names("\""), Vec::<String>::new());
        assert_eq!(names("$tag$ open"), Vec::<String>::new());
        assert_eq!(names(""), Vec::<String>::new());
    }
}
