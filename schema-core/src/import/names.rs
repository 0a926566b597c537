//! Rust names for SQL names: `order_items` is `OrderItems`, `ArtistId` is `artist_id`, `type`
//! is `r#type`, a name that is no identifier is sanitised (and its SQL name written out).

/// Rust's keywords, which a field takes as a raw identifier (`r#type`).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords no raw identifier can be.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self", "_"];

/// The words of `name`: split at anything not alphanumeric and where lowercase turns upper
/// (`ArtistId` -> `artist`, `id`).
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// `snake_case`, as the derive derives SQL names from Rust ones.
pub(super) fn snake(name: &str) -> String {
    words(name).join("_")
}

/// A type name: `PascalCase`, prefixed when it would start with a digit.
pub(super) fn pascal(name: &str) -> String {
    let mut out: String = words(name)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|f| f.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    if out.is_empty() {
        out.push_str("Unnamed");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

/// A field name: `snake_case`, a keyword as a raw identifier, prefixed when it would start
/// with a digit.
pub(super) fn field(name: &str) -> String {
    let mut out = snake(name);
    if out.is_empty() {
        out.push_str("unnamed");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "c_");
    }
    if NOT_RAW.contains(&out.as_str()) {
        out.push('_');
    } else if KEYWORDS.contains(&out.as_str()) {
        out.insert_str(0, "r#");
    }
    out
}

/// The SQL name the derive gives field `ident` (its `r#` dropped).
pub(super) fn sql_of_field(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// `base`, or `base_2`, `base_3`... the first not in `taken`.
pub(super) fn unique(base: String, taken: &[String]) -> String {
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sql_names_become_rust_names() {
        assert_eq!(pascal("order_items"), "OrderItems");
        assert_eq!(pascal("ArtistId"), "ArtistId");
        assert_eq!(pascal("2fa codes"), "T2faCodes");
        assert_eq!(field("ArtistId"), "artist_id");
        assert_eq!(field("type"), "r#type");
        assert_eq!(field("self"), "self_");
        assert_eq!(field("Order Date"), "order_date");
        assert_eq!(field("1st"), "c_1st");
        assert_eq!(sql_of_field("r#type"), "type");
        assert_eq!(unique("id".into(), &["id".into(), "id_2".into()]), "id_3");
    }
}
