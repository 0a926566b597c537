//! A Rust expression tree laid out as `rustfmt` lays it out (4-space indent, one field per
//! line, its width heuristics), so a generated revision is already formatted. prettyplease
//! would drop the `// DESTRUCTIVE:` comments between array items, hence this small emulator.

use std::collections::BTreeSet;

/// rustfmt's `max_width`.
pub(super) const MAX_WIDTH: usize = 100;
/// rustfmt's `struct_lit_width`: the widest struct literal body kept on one line.
const STRUCT_LIT_WIDTH: usize = 18;
/// rustfmt's `array_width`: the widest array body kept on one line.
const ARRAY_WIDTH: usize = 60;
/// rustfmt's `fn_call_width`: the widest argument list kept on one line.
const FN_CALL_WIDTH: usize = 60;
/// rustfmt's `short_array_element_width_threshold`: arrays of literals no wider than this are
/// filled line by line instead of one element per line.
const SHORT_ARRAY_ELEMENT: usize = 10;

/// A Rust string literal.
pub(super) fn string(s: &str) -> String {
    format!("{s:?}")
}

/// `// text`, one comment line per line of `text`, at `indent`.
pub(super) fn comment(indent: usize, text: &str) -> String {
    text.lines()
        .map(|line| format!("{:indent$}// {line}\n", ""))
        .collect()
}

/// `text` broken into lines of at most `width` characters at spaces (a longer word keeps its
/// own line), continuation lines indented by two spaces.
pub(super) fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.trim().is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::replace(&mut line, "  ".to_owned()));
        }
        if !line.trim().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

/// `prefix expr;` and a newline.
pub(super) fn item(prefix: &str, expr: &Expr) -> String {
    format!("{prefix}{};\n", layout(expr, 0, prefix.len(), 1))
}

/// `use` lines for the names used, as rustfmt sorts and wraps them.
pub(super) fn imports(used: &BTreeSet<(&str, &str)>) -> String {
    let mut out = String::new();
    for module in ["migrate", ""] {
        let names: Vec<&str> = used
            .iter()
            .filter(|(m, _)| *m == module)
            .map(|(_, n)| *n)
            .collect();
        let path = if module.is_empty() {
            "schema_core".to_owned()
        } else {
            format!("schema_core::{module}")
        };
        match names.as_slice() {
            [] => {}
            [one] => out.push_str(&format!("use {path}::{one};\n")),
            _ => {
                let line = format!("use {path}::{{{}}};", names.join(", "));
                if line.len() <= MAX_WIDTH {
                    out.push_str(&line);
                    out.push('\n');
                } else {
                    out.push_str(&format!("use {path}::{{\n"));
                    out.push_str(&fill(&names, 4, MAX_WIDTH));
                    out.push_str("};\n");
                }
            }
        }
    }
    out
}

/// Items filled into lines no wider than `width`, each line at `indent` and ending in `,`.
pub(super) fn fill(items: &[&str], indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for item in items {
        // `, item` then the line's final `,`.
        if !line.is_empty() && indent + line.len() + 2 + item.len() + 1 > width {
            out.push_str(&format!("{:indent$}{line},\n", ""));
            line.clear();
        }
        if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        out.push_str(&format!("{:indent$}{line},\n", ""));
    }
    out
}

/// A Rust expression, laid out by [`layout`].
#[derive(Debug, Clone)]
pub(super) enum Expr {
    /// A literal or a path, never broken.
    Atom(String),
    /// `&expr`.
    Ref(Box<Expr>),
    /// `path(args)`.
    Call(String, Vec<Expr>),
    /// `Path { field: value, ... }`.
    Struct(String, Vec<(String, Expr)>),
    /// `Path { field: value, ..base }`.
    Update(String, Vec<(String, Expr)>, Box<Expr>),
    /// `[items]`, each item with comment lines before it.
    Array(Vec<(Vec<String>, Expr)>),
}

impl Expr {
    pub(super) fn atom(s: impl Into<String>) -> Expr {
        Expr::Atom(s.into())
    }

    pub(super) fn slice(items: Vec<Expr>) -> Expr {
        Expr::Ref(Box::new(Expr::Array(
            items.into_iter().map(|e| (Vec::new(), e)).collect(),
        )))
    }
}

/// The expression on one line, if rustfmt would keep it on one line (regardless of where it
/// starts: the caller checks the line width).
pub(super) fn one_line(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Atom(s) => Some(s.clone()),
        Expr::Ref(inner) => one_line(inner).map(|s| format!("&{s}")),
        Expr::Call(path, args) => {
            let args: Vec<String> = args.iter().map(one_line).collect::<Option<_>>()?;
            let args = args.join(", ");
            (args.len() <= FN_CALL_WIDTH).then(|| format!("{path}({args})"))
        }
        Expr::Update(path, fields, base) => {
            let mut parts: Vec<String> = fields
                .iter()
                .map(|(name, value)| one_line(value).map(|v| format!("{name}: {v}")))
                .collect::<Option<_>>()?;
            parts.push(format!("..{}", one_line(base)?));
            let body = parts.join(", ");
            (body.len() <= STRUCT_LIT_WIDTH).then(|| format!("{path} {{ {body} }}"))
        }
        Expr::Struct(path, fields) => {
            if fields.is_empty() {
                return Some(format!("{path} {{}}"));
            }
            let fields: Vec<String> = fields
                .iter()
                .map(|(name, value)| one_line(value).map(|v| format!("{name}: {v}")))
                .collect::<Option<_>>()?;
            let body = fields.join(", ");
            (body.len() <= STRUCT_LIT_WIDTH).then(|| format!("{path} {{ {body} }}"))
        }
        Expr::Array(items) => {
            if items.iter().any(|(comments, _)| !comments.is_empty()) {
                return None;
            }
            let items: Vec<String> = items
                .iter()
                .map(|(_, e)| one_line(e))
                .collect::<Option<_>>()?;
            let body = items.join(", ");
            (body.len() <= ARRAY_WIDTH).then(|| format!("[{body}]"))
        }
    }
}

/// `expr` laid out starting at column `start` of a line indented by `indent`, with `suffix`
/// characters to follow it on its last line. Continuation lines carry their own indentation.
pub(super) fn layout(expr: &Expr, indent: usize, start: usize, suffix: usize) -> String {
    if let Some(line) = one_line(expr) {
        if start + line.len() + suffix <= MAX_WIDTH {
            return line;
        }
    }
    broken(expr, indent, start, suffix)
}

/// `expr` laid out over several lines (what [`layout`] does when it cannot keep it on one).
fn broken(expr: &Expr, indent: usize, start: usize, suffix: usize) -> String {
    let inner = indent + 4;
    match expr {
        Expr::Atom(s) => s.clone(),
        Expr::Ref(e) => format!("&{}", layout(e, indent, start + 1, suffix)),
        Expr::Call(path, args) => match args.as_slice() {
            // rustfmt keeps `a(b(c(` on one line and breaks the innermost argument list, and
            // lets a lone struct literal argument (or a reference to one) overflow:
            // `a(B {` ... `})`, `a(&B {` ... `})`.
            [arg @ (Expr::Call(..) | Expr::Struct(..) | Expr::Update(..))] => {
                format!(
                    "{path}({})",
                    layout(arg, indent, start + path.len() + 1, suffix + 1)
                )
            }
            [arg @ Expr::Ref(inner)] if matches!(**inner, Expr::Struct(..) | Expr::Update(..)) => {
                format!(
                    "{path}({})",
                    layout(arg, indent, start + path.len() + 1, suffix + 1)
                )
            }
            _ => {
                let mut out = format!("{path}(\n");
                for arg in args {
                    out.push_str(&format!("{:inner$}{},\n", "", layout(arg, inner, inner, 1)));
                }
                out.push_str(&format!("{:indent$})", ""));
                out
            }
        },
        Expr::Update(path, fields, base) => {
            let mut out = format!("{path} {{\n");
            for (name, value) in fields {
                let head = format!("{:inner$}{name}: ", "");
                let value = layout(value, inner, head.len(), 1);
                out.push_str(&format!("{head}{value},\n"));
            }
            // The base takes no trailing comma.
            let head = format!("{:inner$}..", "");
            let base = layout(base, inner, head.len(), 0);
            out.push_str(&format!("{head}{base}\n{:indent$}}}", ""));
            out
        }
        Expr::Struct(path, fields) => {
            let mut out = format!("{path} {{\n");
            for (name, value) in fields {
                let head = format!("{:inner$}{name}: ", "");
                let value = layout(value, inner, head.len(), 1);
                out.push_str(&format!("{head}{value},\n"));
            }
            out.push_str(&format!("{:indent$}}}", ""));
            out
        }
        // rustfmt lets a lone struct literal or call overflow its array: `&[Item {` ... `}]`,
        // `&[Item::new(` ... `)]`.
        Expr::Array(items) if matches!(items.as_slice(), [(comments, Expr::Struct(..) | Expr::Update(..) | Expr::Call(..))] if comments.is_empty()) =>
        {
            // The array did not fit on one line, so neither does its item.
            let item = &items[0].1;
            format!("[{}]", broken(item, indent, start + 1, suffix + 1))
        }
        Expr::Array(items) => layout_array(items, indent),
    }
}

/// An array broken over lines: short atoms filled line by line, anything else one item per
/// line after its comments.
fn layout_array(items: &[(Vec<String>, Expr)], indent: usize) -> String {
    let inner = indent + 4;
    let short = items.iter().all(|(comments, e)| {
        comments.is_empty() && matches!(e, Expr::Atom(s) if s.len() <= SHORT_ARRAY_ELEMENT)
    });
    let mut out = "[\n".to_owned();
    if short {
        let atoms: Vec<&str> = items
            .iter()
            .filter_map(|(_, e)| match e {
                Expr::Atom(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        out.push_str(&fill(&atoms, inner, MAX_WIDTH));
    } else {
        for (comments, e) in items {
            for c in comments {
                out.push_str(&comment(inner, c));
            }
            out.push_str(&format!("{:inner$}{},\n", "", layout(e, inner, inner, 1)));
        }
    }
    out.push_str(&format!("{:indent$}]", ""));
    out
}
