//! `models.rs`: the imported tables as `#[derive(Table)]` structs and enum types as
//! `#[derive(SqlEnum)]` enums, in the derive's grammar, laid out as rustfmt lays it out.

use super::convert::{Imported, ImportedTable};
use super::names;
use super::rust_types::{field_type, FieldType};
use crate::model::ReferentialAction;

/// rustfmt's line width.
const WIDTH: usize = 100;
/// rustfmt's `attr_fn_like_width`: the widest argument list of an attribute kept on one line.
const ATTR_WIDTH: usize = 70;

/// `#[name(item, item)]` on one line when it fits at `indent`, else one item per line.
fn attribute(indent: usize, name: &str, items: &[String]) -> String {
    let pad = " ".repeat(indent);
    let args = items.join(", ");
    let line = format!("{pad}#[{name}({args})]\n");
    if (line.len() <= WIDTH + 1 && args.len() <= ATTR_WIDTH) || items.len() < 2 {
        return line;
    }
    let inner = " ".repeat(indent + 4);
    let body: Vec<String> = items.iter().map(|i| format!("{inner}{i}")).collect();
    format!("{pad}#[{name}(\n{}\n{pad})]\n", body.join(",\n"))
}

fn lit(text: &str) -> String {
    format!("{text:?}")
}

fn doc(indent: usize, text: &str) -> String {
    let pad = " ".repeat(indent);
    text.lines()
        .map(|line| {
            if line.is_empty() {
                format!("{pad}///\n")
            } else {
                format!("{pad}/// {line}\n")
            }
        })
        .collect()
}

/// `// text`, wrapped at the line width (continuation lines indented two more).
fn comment(indent: usize, text: &str) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let mut line = format!("{pad}//");
    for word in text.split_whitespace() {
        if line.len() + 1 + word.len() > WIDTH && line.trim() != "//" {
            out.push_str(&line);
            out.push('\n');
            line = format!("{pad}//  ");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

fn action(a: ReferentialAction) -> &'static str {
    match a {
        ReferentialAction::NoAction => "no_action",
        ReferentialAction::Restrict => "restrict",
        ReferentialAction::Cascade => "cascade",
        ReferentialAction::SetNull => "set_null",
        ReferentialAction::SetDefault => "set_default",
    }
}

/// Each field's type, the crates they need, and the model the derive will read from them.
pub(super) fn field_types(imported: &Imported, table: &ImportedTable) -> Vec<FieldType> {
    let enum_name = |name: &str| {
        imported
            .enums
            .iter()
            .find(|(e, _)| e.name == name)
            .map_or_else(|| "String".to_owned(), |(_, rust)| rust.clone())
    };
    table
        .def
        .columns
        .iter()
        .map(|c| field_type(c.sql_type, &enum_name))
        .collect()
}

struct Context<'a> {
    imported: &'a Imported,
    table: &'a ImportedTable,
}

impl Context<'_> {
    fn field_of(&self, column: &str) -> String {
        self.table
            .def
            .columns
            .iter()
            .position(|c| c.name == column)
            .map_or_else(|| column.to_owned(), |i| self.table.fields[i].clone())
    }

    fn fields_of(&self, columns: &[&str]) -> String {
        columns
            .iter()
            .map(|c| self.field_of(c))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The target's struct and the field of its column `column`.
    fn target(&self, schema: Option<&str>, table: &str, column: &str) -> (String, String) {
        let target = self
            .imported
            .tables
            .iter()
            .find(|t| t.def.name == table && t.def.schema == schema);
        match target {
            Some(t) => {
                let field = t
                    .def
                    .columns
                    .iter()
                    .position(|c| c.name == column)
                    .map_or_else(|| column.to_owned(), |i| t.fields[i].clone());
                (t.struct_name.clone(), field)
            }
            None => (names::pascal(table), names::field(column)),
        }
    }
}

/// The struct of one table.
fn table_source(imported: &Imported, table: &ImportedTable, types: &[FieldType]) -> String {
    let cx = Context { imported, table };
    let def = table.def;
    let mut out = String::new();
    if let Some(c) = def.comment {
        out.push_str(&doc(0, c));
    }
    for finding in &table.findings {
        out.push_str(&comment(0, finding));
    }
    out.push_str("#[derive(Table)]\n");
    let mut table_items = Vec::new();
    if names::snake(&table.struct_name) != def.name {
        table_items.push(format!("name = {}", lit(def.name)));
    }
    if let Some(s) = def.schema {
        table_items.push(format!("schema = {}", lit(s)));
    }
    let pk = def.primary_key;
    if !pk.exists() {
        table_items.push("no_primary_key".into());
    } else {
        if pk.columns.len() > 1 {
            table_items.push(format!("primary_key({})", cx.fields_of(pk.columns)));
        }
        if pk.name != format!("{}_pkey", def.name) {
            table_items.push(format!("primary_key_name = {}", lit(pk.name)));
        }
    }
    if !table_items.is_empty() {
        out.push_str(&attribute(0, "table", &table_items));
    }
    for u in def.uniques {
        let mut items = vec![
            format!("columns({})", cx.fields_of(u.columns)),
            format!("name = {}", lit(u.name)),
        ];
        if u.nulls_not_distinct {
            items.push("nulls_not_distinct".into());
        }
        out.push_str(&attribute(0, "unique", &items));
    }
    for i in def.indexes {
        let mut items = Vec::new();
        match i.expr {
            Some(expr) => items.push(format!("expr = {}", lit(expr))),
            None => items.push(format!("columns({})", cx.fields_of(i.columns))),
        }
        items.push(format!("name = {}", lit(i.name)));
        if i.unique {
            items.push("unique".into());
        }
        if !i.descending.is_empty() {
            items.push(format!("desc({})", cx.fields_of(i.descending)));
        }
        if let Some(p) = i.predicate {
            items.push(format!("where = {}", lit(p)));
        }
        if i.method != crate::model::IndexMethod::BTree {
            items.push(format!("method = {}", i.method.sql()));
        }
        if !i.include.is_empty() {
            items.push(format!("include({})", cx.fields_of(i.include)));
        }
        if i.nulls_not_distinct {
            items.push("nulls_not_distinct".into());
        }
        out.push_str(&attribute(0, "index", &items));
    }
    for c in def.checks {
        if let Some(expr) = c.expr.postgres.or(c.expr.sqlite).or(c.expr.mysql) {
            let items = vec![
                format!("name = {}", lit(c.name)),
                format!("expr = {}", lit(expr)),
            ];
            out.push_str(&attribute(0, "check", &items));
        }
    }
    for f in def.foreign_keys.iter().filter(|f| f.columns.len() > 1) {
        let (target, _) = cx.target(f.ref_schema, f.ref_table, f.ref_columns[0]);
        let ref_fields: Vec<String> = f
            .ref_columns
            .iter()
            .map(|c| cx.target(f.ref_schema, f.ref_table, c).1)
            .collect();
        let mut items = vec![
            format!("columns({})", cx.fields_of(f.columns)),
            format!("references = {target}({})", ref_fields.join(", ")),
        ];
        push_actions(&mut items, f.on_delete, f.on_update);
        items.push(format!("name = {}", lit(f.name)));
        out.push_str(&attribute(0, "foreign_key", &items));
    }
    out.push_str(&format!("pub struct {} {{\n", table.struct_name));
    for (i, c) in def.columns.iter().enumerate() {
        let field = &table.fields[i];
        let t = &types[i];
        if let Some(comment) = c.comment {
            out.push_str(&doc(4, comment));
        }
        let mut items = Vec::new();
        if names::sql_of_field(field) != c.name {
            items.push(format!("name = {}", lit(c.name)));
        }
        if pk.columns.len() == 1 && pk.columns[0] == c.name {
            items.push("primary_key".into());
        }
        if let Some(identity) = c.identity {
            items.push(match identity.kind {
                crate::model::IdentityKind::ByDefault => "identity".into(),
                crate::model::IdentityKind::Always => "identity = always".into(),
                crate::model::IdentityKind::Serial => "identity = serial".into(),
            });
            if identity.autoincrement {
                items.push("autoincrement".into());
            }
        }
        if let Some(sql_type) = &t.sql_type {
            items.push(format!("sql_type = {}", lit(sql_type)));
        }
        if let Some(d) = c.default {
            items.push(format!("default = {}", lit(&default_text(d))));
        }
        if let Some(collation) = c.collation.and_then(|c| c.postgres) {
            items.push(format!("collation = {}", lit(collation)));
        }
        if !items.is_empty() {
            out.push_str(&attribute(4, "column", &items));
        }
        for f in def.foreign_keys.iter().filter(|f| f.columns == [c.name]) {
            let (target, target_field) = cx.target(f.ref_schema, f.ref_table, f.ref_columns[0]);
            let mut items = vec![format!("references = {target}::{target_field}")];
            push_actions(&mut items, f.on_delete, f.on_update);
            items.push(format!("name = {}", lit(f.name)));
            out.push_str(&attribute(4, "foreign_key", &items));
        }
        let rust = if c.nullable {
            format!("Option<{}>", t.rust)
        } else {
            t.rust.clone()
        };
        out.push_str(&format!("    pub {field}: {rust},\n"));
    }
    out.push_str("}\n");
    out
}

fn push_actions(
    items: &mut Vec<String>,
    on_delete: ReferentialAction,
    on_update: ReferentialAction,
) {
    if on_delete != ReferentialAction::NoAction {
        items.push(format!("on_delete = {}", action(on_delete)));
    }
    if on_update != ReferentialAction::NoAction {
        items.push(format!("on_update = {}", action(on_update)));
    }
}

/// A default as `default = "..."` writes it (the derive classifies it back the same way).
fn default_text(d: crate::model::DefaultValue) -> String {
    use crate::model::DefaultValue;
    match d {
        DefaultValue::Null => "NULL".into(),
        DefaultValue::Bool(b) => b.to_string(),
        DefaultValue::Int(i) => i.to_string(),
        DefaultValue::Number(n) => n.to_owned(),
        DefaultValue::Text(t) => format!("'{}'", t.replace('\'', "''")),
        DefaultValue::Expr(e) => e.to_owned(),
        DefaultValue::PerDialect(t) => t
            .postgres
            .or(t.sqlite)
            .or(t.mysql)
            .unwrap_or("NULL")
            .to_owned(),
    }
}

/// One enum type.
fn enum_source(def: &crate::model::EnumDef, rust: &str) -> String {
    let mut out = String::from("#[derive(SqlEnum, Debug, Clone, Copy, PartialEq, Eq)]\n");
    out.push_str(&attribute(
        0,
        "sql_enum",
        &[format!("name = {}", lit(def.name))],
    ));
    out.push_str(&format!("pub enum {rust} {{\n"));
    let mut taken: Vec<String> = Vec::new();
    for label in def.values {
        let variant = names::unique(names::pascal(label), &taken);
        taken.push(variant.clone());
        if names::snake(&variant) != *label {
            out.push_str(&attribute(
                4,
                "sql_enum",
                &[format!("rename = {}", lit(label))],
            ));
        }
        out.push_str(&format!("    {variant},\n"));
    }
    out.push_str("}\n");
    out
}

/// The whole file: enums, structs, and `schema!` listing the tables in dependency order.
pub(super) fn models_source(imported: &Imported, order: &[&str], header: &str) -> String {
    let mut out = format!("{header}\n");
    let uses_enums = !imported.enums.is_empty();
    out.push_str(if uses_enums {
        "use schema_core::{SqlEnum, Table};\n"
    } else {
        "use schema_core::Table;\n"
    });
    for (def, rust) in &imported.enums {
        out.push('\n');
        out.push_str(&enum_source(def, rust));
    }
    for table in &imported.tables {
        out.push('\n');
        out.push_str(&table_source(imported, table, &table.types));
    }
    let listed: Vec<&str> = order
        .iter()
        .filter_map(|name| {
            imported
                .tables
                .iter()
                .find(|t| t.def.name == *name)
                .map(|t| t.struct_name.as_str())
        })
        .collect();
    out.push_str("\nschema_core::schema! {\n    /// The imported tables, in dependency order.\n");
    let line = format!("    pub const SCHEMA = [{}];\n", listed.join(", "));
    if line.len() <= WIDTH + 1 {
        out.push_str(&line);
    } else {
        out.push_str("    pub const SCHEMA = [\n");
        for name in &listed {
            out.push_str(&format!("        {name},\n"));
        }
        out.push_str("    ];\n");
    }
    out.push_str("}\n");
    out
}
