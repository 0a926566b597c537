//! A live schema as model data: one [`TableDef`] per table (leaked: an import is one command),
//! with the Rust names the written structs give each part, and the findings where the live
//! schema breaks a rule the derive enforces (the nearest declaration that compiles is kept).

use super::names;
use crate::introspect::{model_type, pass_through, LiveColumn, LiveSchema, LiveTable};
use crate::model::{
    CheckDef, ColumnDef, DefaultValue, DialectText, EnumDef, ForeignKeyDef, Identity, IdentityKind,
    IndexDef, IndexMethod, PrimaryKeyDef, ReferentialAction, SqlType, TableDef, UniqueDef,
};
use crate::Dialect;

/// One imported table.
pub(super) struct ImportedTable {
    /// The model.
    pub(super) def: &'static TableDef,
    /// Its struct's name.
    pub(super) struct_name: String,
    /// Each column's field name, in column order.
    pub(super) fields: Vec<String>,
    /// Where the live table breaks a rule of the derive, and what was written instead.
    pub(super) findings: Vec<String>,
    /// Each field's Rust type (filled once the enum types are named).
    pub(super) types: Vec<super::rust_types::FieldType>,
}

/// The whole import.
pub(super) struct Imported {
    pub(super) tables: Vec<ImportedTable>,
    /// Enum types, with their Rust names.
    pub(super) enums: Vec<(&'static EnumDef, String)>,
    /// Column types passed through as written (`citext`), as `table.column type`.
    pub(super) passed_through: Vec<String>,
}

pub(super) fn leak_str(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn strs(items: &[String]) -> &'static [&'static str] {
    leak_slice(items.iter().map(|s| leak_str(s)).collect())
}

/// A default as the derive classifies `default = "..."` (the same classes, read from a
/// catalog's normal form).
pub(super) fn default_of(text: &str) -> DefaultValue {
    let t = text.trim();
    if t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") {
        return DefaultValue::Bool(t.eq_ignore_ascii_case("true"));
    }
    if let Ok(i) = t.parse::<i64>() {
        return DefaultValue::Int(i);
    }
    if t.parse::<f64>().is_ok() && t.chars().all(|c| c.is_ascii_digit() || "+-.".contains(c)) {
        return DefaultValue::Number(leak_str(t));
    }
    if let Some(inner) = t.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        if !inner.replace("''", "").contains('\'') {
            return DefaultValue::Text(leak_str(&inner.replace("''", "'")));
        }
    }
    DefaultValue::Expr(leak_str(t))
}

fn identity_of(live: &str) -> Option<Identity> {
    let kind = match live {
        "always" => IdentityKind::Always,
        "serial" => IdentityKind::Serial,
        "by default" | "rowid" | "rowid autoincrement" | "auto_increment" => {
            IdentityKind::ByDefault
        }
        _ => return None,
    };
    Some(Identity {
        kind,
        autoincrement: live == "rowid autoincrement",
    })
}

/// The column's model type; a MySQL inline enum becomes a type of its own, named after the
/// table and column.
fn column_type(
    dialect: Dialect,
    live: &LiveSchema,
    table: &str,
    column: &LiveColumn,
    imported: &mut Imported,
) -> SqlType {
    let t = match model_type(dialect, &column.sql_type, &live.enums) {
        Some(t) => t,
        None => {
            imported
                .passed_through
                .push(format!("{table}.{} {}", column.name, column.sql_type));
            pass_through(&column.sql_type)
        }
    };
    let SqlType::Enum(e) = t else {
        return t;
    };
    let name = if e.name.is_empty() {
        leak_str(&format!("{table}_{}", column.name))
    } else {
        e.name
    };
    if let Some((known, _)) = imported
        .enums
        .iter()
        .find(|(k, _)| k.name == name && k.values == e.values)
    {
        return SqlType::Enum(known);
    }
    let rust = names::unique(
        names::pascal(name),
        &imported
            .enums
            .iter()
            .map(|(_, r)| r.clone())
            .collect::<Vec<_>>(),
    );
    let def: &'static EnumDef = Box::leak(Box::new(EnumDef {
        name,
        rust_name: leak_str(&rust),
        values: e.values,
    }));
    imported.enums.push((def, rust));
    SqlType::Enum(def)
}

/// Every table of `live` as model data.
pub(super) fn convert(
    live: &LiveSchema,
    dialect: Dialect,
    model_check: impl Fn(&str) -> String,
) -> Imported {
    let mut imported = Imported {
        tables: Vec::new(),
        enums: Vec::new(),
        passed_through: Vec::new(),
    };
    let mut struct_names: Vec<String> = Vec::new();
    for table in &live.tables {
        let struct_name = names::unique(names::pascal(&table.name), &struct_names);
        struct_names.push(struct_name.clone());
        let t = table_def(live, dialect, table, &mut imported, &model_check);
        imported.tables.push(ImportedTable {
            def: t.0,
            struct_name,
            fields: t.1,
            findings: t.2,
            types: Vec::new(),
        });
    }
    check_foreign_keys(&mut imported);
    imported
}

type Converted = (&'static TableDef, Vec<String>, Vec<String>);

fn table_def(
    live: &LiveSchema,
    dialect: Dialect,
    table: &LiveTable,
    imported: &mut Imported,
    model_check: &impl Fn(&str) -> String,
) -> Converted {
    let mut fields: Vec<String> = Vec::new();
    let mut findings = Vec::new();
    let mut columns = Vec::new();
    let key = table
        .primary_key
        .as_ref()
        .map_or(&[][..], |k| k.columns.as_slice());
    for c in &table.columns {
        fields.push(names::unique(names::field(&c.name), &fields));
        let mut nullable = c.nullable;
        if nullable && key.contains(&c.name) {
            findings.push(format!(
                "FINDING: the primary key column {} is not NOT NULL (SQLite lets a NULL into a \
                 key that is not an INTEGER rowid): rows can share a NULL key; declared NOT NULL",
                c.name
            ));
            nullable = false;
        }
        let identity = c.identity.as_deref().and_then(identity_of);
        let sql_type = column_type(dialect, live, &table.name, c, imported);
        let default = c.default.as_deref().map(|d| match (sql_type, d) {
            // SQLite and MySQL store a boolean as 0 or 1.
            (SqlType::Boolean, "0" | "'0'") => DefaultValue::Bool(false),
            (SqlType::Boolean, "1" | "'1'") => DefaultValue::Bool(true),
            _ => default_of(d),
        });
        columns.push(ColumnDef {
            nullable,
            default: default.filter(|_| identity.is_none()),
            identity,
            comment: c.comment.as_deref().map(leak_str),
            collation: c
                .collation
                .as_deref()
                .map(|n| DialectText::everywhere(leak_str(n))),
            ..ColumnDef::new(leak_str(&c.name), sql_type)
        });
    }
    let name = leak_str(&table.name);
    let primary_key = match &table.primary_key {
        Some(k) => PrimaryKeyDef {
            name: leak_str(
                &k.name
                    .clone()
                    .unwrap_or_else(|| format!("{}_pkey", table.name)),
            ),
            columns: strs(&k.columns),
        },
        None => PrimaryKeyDef::NONE,
    };
    let uniques = table
        .uniques
        .iter()
        .map(|u| {
            let default = format!("{}_{}_key", table.name, u.columns.join("_"));
            UniqueDef {
                nulls_not_distinct: u.nulls_not_distinct,
                ..UniqueDef::new(
                    leak_str(u.name.as_deref().unwrap_or(&default)),
                    strs(&u.columns),
                )
            }
        })
        .collect();
    let indexes = table
        .indexes
        .iter()
        .map(|i| IndexDef {
            unique: i.unique,
            descending: strs(&i.descending),
            expr: i.expr.as_deref().map(leak_str),
            predicate: i.predicate.as_deref().map(leak_str),
            method: i
                .method
                .as_deref()
                .and_then(IndexMethod::from_name)
                .unwrap_or_default(),
            include: strs(&i.include),
            nulls_not_distinct: i.nulls_not_distinct,
            ..IndexDef::new(leak_str(&i.name), strs(&i.columns))
        })
        .collect();
    let mut foreign_keys = Vec::new();
    for f in &table.foreign_keys {
        let default = format!("{}_{}_fkey", table.name, f.columns.join("_"));
        let mut on_delete = f.on_delete;
        let nullable = f.columns.iter().all(|c| {
            columns
                .iter()
                .any(|d: &ColumnDef| d.name == c && d.nullable)
        });
        if on_delete == ReferentialAction::SetNull && !nullable {
            findings.push(format!(
                "FINDING: the foreign key ({}) is ON DELETE SET NULL on a NOT NULL column: \
                 deleting the referenced row fails instead of clearing it; declared NO ACTION",
                f.columns.join(", ")
            ));
            on_delete = ReferentialAction::NoAction;
        }
        foreign_keys.push(ForeignKeyDef {
            ref_schema: f.ref_schema.as_deref().map(leak_str),
            on_delete,
            on_update: f.on_update,
            ..ForeignKeyDef::new(
                leak_str(f.name.as_deref().unwrap_or(&default)),
                strs(&f.columns),
                leak_str(&f.ref_table),
                strs(&f.ref_columns),
            )
        });
    }
    let checks = table
        .checks
        .iter()
        .filter_map(|c| {
            let name = c.name.as_deref()?;
            Some(CheckDef::new(
                leak_str(name),
                leak_str(&model_check(&c.expr)),
            ))
        })
        .collect();
    let def = TableDef {
        uniques: leak_slice(uniques),
        indexes: leak_slice(indexes),
        foreign_keys: leak_slice(foreign_keys),
        checks: leak_slice(checks),
        comment: table.comment.as_deref().map(leak_str),
        schema: table.schema.as_deref().map(leak_str),
        ..TableDef::new(
            name,
            leak_str(&names::pascal(&table.name)),
            leak_slice(columns),
            primary_key,
        )
    };
    (Box::leak(Box::new(def)), fields, findings)
}

/// A foreign key whose target is not imported, or whose columns differ in type from the
/// target's, would not compile: it is left out, with a finding.
fn check_foreign_keys(imported: &mut Imported) {
    let defs: Vec<&'static TableDef> = imported.tables.iter().map(|t| t.def).collect();
    for table in &mut imported.tables {
        let mut kept = Vec::new();
        for f in table.def.foreign_keys {
            let target = defs
                .iter()
                .find(|d| d.name == f.ref_table && d.schema == f.ref_schema);
            let problem = match target {
                None => Some(format!(
                    "it references {}, which is not imported",
                    f.ref_table
                )),
                Some(target) => f.columns.iter().zip(f.ref_columns).find_map(|(c, r)| {
                    let own = table.def.column(c)?.sql_type;
                    let theirs = target.column(r)?.sql_type;
                    (own != theirs).then(|| {
                        format!(
                            "its column {c} is {own:?} but {}.{r} is {theirs:?}, which the \
                             derive refuses (a key compared across types)",
                            f.ref_table
                        )
                    })
                }),
            };
            match problem {
                Some(why) => table.findings.push(format!(
                    "FINDING: the foreign key ({}) is left out: {why}",
                    f.columns.join(", ")
                )),
                None => kept.push(*f),
            }
        }
        if kept.len() != table.def.foreign_keys.len() {
            let def = TableDef {
                foreign_keys: leak_slice(kept),
                ..*table.def
            };
            table.def = Box::leak(Box::new(def));
        }
    }
}
