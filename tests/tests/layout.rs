//! The shape of `schema-core/src`, checked: data flows one way through its layers, what differs
//! between databases stays in `dialect/` (and the driver dispatch in `db/`), and files stay
//! small. Each check runs on the real tree and, to show it can fail, on a line that breaks it.

use std::path::{Path, PathBuf};

/// The layers, first to last: a module may import only from its own layer or earlier ones.
const LAYERS: [&str; 9] = [
    "model",
    "dialect",
    "db",
    "introspect",
    "migrate",
    "autogen",
    "drift",
    "import",
    "cli",
];

/// The layer of a path's first segment after `crate::` (a module, or a root re-export).
fn layer_of(root: &str) -> Option<usize> {
    let module = match root {
        // Root re-exports of the model, and the trait mapping Rust types to it.
        "ColumnDef" | "DefaultValue" | "EnumDef" | "ForeignKeyDef" | "IndexDef"
        | "PrimaryKeyDef" | "ReferentialAction" | "Schema" | "SqlType" | "TableDef"
        | "UniqueDef" | "ColumnType" | "column_type" => "model",
        "Dialect" => "dialect",
        // The derive's traits render DDL, so they sit with the dialect.
        "Table" | "BindRow" | "SqlEnum" | "table" => "dialect",
        // Support for generated code only: no layer may lean on it.
        "__private" => return Some(usize::MAX),
        other => other,
    };
    LAYERS.iter().position(|l| *l == module)
}

/// The layer a file of `schema-core/src` belongs to (`None`: the crate root and the derive
/// support, which are not layers).
fn file_layer(relative: &Path) -> Option<usize> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    LAYERS
        .iter()
        .position(|l| first == *l || first == format!("{l}.rs"))
}

/// Every `crate::x` a line names outside a comment.
fn crate_roots(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or_default();
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let before_ok = rest[..i]
            .chars()
            .last()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$'));
        rest = &rest[i + "crate::".len()..];
        if !before_ok {
            continue;
        }
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            // `crate::{a, b}`: each item of the group.
            if let Some(group) = rest.strip_prefix('{') {
                let inside = group.split('}').next().unwrap_or_default();
                out.extend(
                    inside
                        .split(',')
                        .filter_map(|item| item.trim().split("::").next())
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned),
                );
            }
        } else {
            out.push(ident);
        }
    }
    out
}

/// The lines of `source` outside `#[deprecated]` modules (aliases kept for one release are not
/// part of the data flow).
fn live_lines(source: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut skipping = false;
    let mut depth = 0i32;
    let mut deprecated_next = false;
    for (n, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if skipping {
            depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if depth <= 0 {
                skipping = false;
            }
            continue;
        }
        if trimmed.starts_with("#[deprecated") {
            deprecated_next = true;
            continue;
        }
        if deprecated_next && trimmed.starts_with("pub mod") {
            deprecated_next = false;
            depth = line.matches('{').count() as i32 - line.matches('}').count() as i32;
            skipping = depth > 0;
            continue;
        }
        if !trimmed.starts_with("///") && !trimmed.starts_with("#[") {
            deprecated_next = false;
        }
        out.push((n + 1, line));
    }
    out
}

/// Every import in `source` (a file of layer `layer`) that runs back up a layer.
fn upward_imports(layer: usize, source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, line) in live_lines(source) {
        // A doc comment may link anywhere: it is not a dependency.
        if line.trim_start().starts_with("//") {
            continue;
        }
        for root in crate_roots(line) {
            if let Some(target) = layer_of(&root) {
                if target > layer {
                    out.push(format!("line {n}: `crate::{root}` ({})", line.trim()));
                }
            }
        }
    }
    out
}

/// Whether `line` matches on, or compares with, one specific dialect.
fn names_a_dialect(line: &str) -> bool {
    let compares = line.contains("== Dialect::") || line.contains("!= Dialect::");
    let arm = ["Dialect::Postgres", "Dialect::Sqlite", "Dialect::MySql"]
        .iter()
        .any(|variant| {
            line.match_indices(variant).any(|(i, _)| {
                let before = line[..i].chars().last();
                let after = line[i + variant.len()..].trim_start();
                before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
                    && (after.starts_with("=>") || after.starts_with('|'))
            })
        });
    compares || arm
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn core_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema-core/src")
}

/// `(path relative to src, contents)` of every file of `schema-core/src`.
fn core_files() -> Vec<(PathBuf, String)> {
    let root = core_src();
    let mut files = Vec::new();
    source_files(&root, &mut files);
    files.sort();
    assert!(
        files.len() > 40,
        "found only {} files under {}",
        files.len(),
        root.display()
    );
    files
        .into_iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.strip_prefix(&root).unwrap_or(&p).to_owned(), text)
        })
        .collect()
}

#[test]
fn data_flows_one_way() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, text) in core_files() {
        let Some(layer) = file_layer(&path) else {
            continue;
        };
        checked += 1;
        for hit in upward_imports(layer, &text) {
            broken.push(format!("{} ({}): {hit}", path.display(), LAYERS[layer]));
        }
    }
    assert!(checked > 30, "only {checked} layered files");
    assert!(
        broken.is_empty(),
        "imports that run back up a layer (order: {}):\n{}",
        LAYERS.join(" -> "),
        broken.join("\n")
    );
}

#[test]
fn the_layer_check_catches_an_upward_import() {
    let migrate = LAYERS.iter().position(|l| *l == "migrate");
    let migrate = migrate.unwrap_or_default();
    assert_eq!(upward_imports(migrate, "use crate::drift::check;").len(), 1);
    assert_eq!(
        upward_imports(migrate, "use crate::{model::Step, autogen::Diff};").len(),
        1
    );
    assert_eq!(
        upward_imports(0, "    x = crate::__private::bool_text(t);").len(),
        1
    );
    assert!(upward_imports(migrate, "use crate::model::Step;\nuse crate::Dialect;").is_empty());
    assert!(upward_imports(migrate, "/// See [`crate::drift::check`].").is_empty());
    let deprecated = "#[deprecated(note = \"moved\")]\npub mod codegen {\n    pub use crate::autogen::codegen::*;\n}\nuse crate::cli::x;";
    assert_eq!(
        upward_imports(migrate, deprecated),
        ["line 5: `crate::cli` (use crate::cli::x;)"]
    );
}

#[test]
fn only_dialect_and_db_name_a_dialect() {
    let mut found = Vec::new();
    for (path, text) in core_files() {
        let first = path
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str());
        if matches!(first, Some("dialect" | "db")) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            if names_a_dialect(line) {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "code outside dialect/ and db/ that matches on a dialect (ask `dialect.caps()` or \
         add a `SqlDialect` method instead):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_dialect_check_catches_an_arm() {
    assert!(names_a_dialect("        Dialect::MySql => \"x\","));
    assert!(names_a_dialect(
        "    Dialect::Postgres | Dialect::Sqlite => 1,"
    ));
    assert!(names_a_dialect("if d == Dialect::Sqlite {"));
    assert!(names_a_dialect("let pg = dialect != Dialect::Postgres;"));
    assert!(!names_a_dialect(
        "    DialectArg::Postgres => Dialect::Postgres,"
    ));
    assert!(!names_a_dialect("let d = Dialect::MySql;"));
}

#[test]
fn files_stay_small() {
    let big: Vec<String> = core_files()
        .into_iter()
        .filter(|(_, text)| text.lines().count() > 500)
        .map(|(path, text)| format!("{} ({} lines)", path.display(), text.lines().count()))
        .collect();
    assert!(big.is_empty(), "files over 500 lines: {}", big.join(", "));
}

/// Paths that moved in the redesign keep working, deprecated, for one release: each old path
/// names the same item as its new home.
#[test]
#[allow(deprecated)]
fn moved_paths_still_resolve() {
    use std::any::TypeId;
    fn same<A: 'static, B: 'static>() -> bool {
        TypeId::of::<A>() == TypeId::of::<B>()
    }
    assert!(same::<schema_core::connect::Pool, schema_core::db::Pool>());
    assert!(same::<
        schema_core::check::Difference,
        schema_core::drift::Difference,
    >());
    assert!(same::<schema_core::diff::Diff, schema_core::autogen::Diff>());
    assert!(same::<
        schema_core::ddl::TableView<'static>,
        schema_core::model::TableView<'static>,
    >());
    assert!(same::<
        schema_core::migrate::state::SchemaState,
        schema_core::model::SchemaState,
    >());
    assert!(same::<
        schema_core::migrate::render::Rendered,
        schema_core::dialect::Rendered,
    >());
    let old: fn(&str, Option<&str>, &str, &schema_core::autogen::Diff) -> String =
        schema_core::migrate::codegen::revision_source;
    let new: fn(&str, Option<&str>, &str, &schema_core::autogen::Diff) -> String =
        schema_core::autogen::codegen::revision_source;
    assert_eq!(
        old("001", None, "m", &Default::default()),
        new("001", None, "m", &Default::default())
    );
}
