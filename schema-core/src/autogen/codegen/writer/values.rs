//! Model values (types, defaults, columns, keys, tables) as Rust expressions.

use super::Writer;
use crate::autogen::codegen::layout::{string, Expr};
use crate::model::{
    CheckDef, ColumnDef, DefaultValue, DialectText, EnumDef, ForeignKeyDef, Identity, IdentityKind,
    IndexDef, IndexMethod, OnUpdate, PrimaryKeyDef, ReferentialAction, SqlType, TableDef,
    UniqueDef,
};

impl Writer<'_> {
    pub(super) fn sql_type(&mut self, t: SqlType) -> Expr {
        let name = match t {
            SqlType::Uuid => "Uuid",
            SqlType::Varchar(n) => {
                let len = match n {
                    Some(n) => Expr::Call("Some".into(), vec![Expr::atom(n.to_string())]),
                    None => Expr::atom("None"),
                };
                return Expr::Call(self.path("", "SqlType", "Varchar"), vec![len]);
            }
            SqlType::Text => "Text",
            SqlType::SmallInt => "SmallInt",
            SqlType::Integer => "Integer",
            SqlType::BigInt => "BigInt",
            SqlType::Real => "Real",
            SqlType::Double => "Double",
            SqlType::Boolean => "Boolean",
            SqlType::Bytes => "Bytes",
            SqlType::Timestamp => "Timestamp",
            SqlType::TimestampTz => "TimestampTz",
            SqlType::Date => "Date",
            SqlType::Json => "Json",
            SqlType::Jsonb => "Jsonb",
            SqlType::Enum(e) => {
                let e = self.enum_ref(e);
                return Expr::Call(self.path("", "SqlType", "Enum"), vec![e]);
            }
            SqlType::Time => "Time",
            SqlType::TinyIntUnsigned => "TinyIntUnsigned",
            SqlType::SmallIntUnsigned => "SmallIntUnsigned",
            SqlType::IntegerUnsigned => "IntegerUnsigned",
            SqlType::BigIntUnsigned => "BigIntUnsigned",
            SqlType::Inet => "Inet",
            SqlType::Interval => "Interval",
            SqlType::Numeric(p) => {
                let p = match p {
                    Some((p, s)) => {
                        Expr::Call("Some".into(), vec![Expr::atom(format!("({p}, {s})"))])
                    }
                    None => Expr::atom("None"),
                };
                return Expr::Call(self.path("", "SqlType", "Numeric"), vec![p]);
            }
            SqlType::Char(n) => {
                return Expr::Call(
                    self.path("", "SqlType", "Char"),
                    vec![Expr::atom(n.to_string())],
                )
            }
            SqlType::Array(element) => {
                let element = Expr::Ref(Box::new(self.sql_type(*element)));
                return Expr::Call(self.path("", "SqlType", "Array"), vec![element]);
            }
            SqlType::Custom(text) => {
                let text = Expr::Ref(Box::new(self.dialect_text(text)));
                return Expr::Call(self.path("", "SqlType", "Custom"), vec![text]);
            }
        };
        Expr::atom(self.path("", "SqlType", name))
    }

    pub(super) fn dialect_text(&mut self, text: &DialectText) -> Expr {
        Expr::Struct(
            self.import("", "DialectText"),
            vec![
                ("postgres".into(), self.option_str(text.postgres)),
                ("sqlite".into(), self.option_str(text.sqlite)),
                ("mysql".into(), self.option_str(text.mysql)),
            ],
        )
    }

    /// A [`DialectText`] held by value: `DialectText::everywhere("C")` when every dialect has
    /// the same text (a reference to one stays a literal, which a `const` can point to).
    pub(super) fn text_value(&mut self, text: &DialectText) -> Expr {
        match text.postgres {
            Some(same) if text.sqlite == Some(same) && text.mysql == Some(same) => Expr::Call(
                self.path("", "DialectText", "everywhere"),
                vec![Expr::atom(string(same))],
            ),
            _ => self.dialect_text(text),
        }
    }

    /// `Some(..)` of `value` written by `write`, or `None`.
    pub(super) fn option<T: Copy>(
        &mut self,
        value: Option<T>,
        write: fn(&mut Self, T) -> Expr,
    ) -> Expr {
        match value {
            Some(v) => Expr::Call("Some".into(), vec![write(self, v)]),
            None => Expr::atom("None"),
        }
    }

    pub(super) fn identity(&mut self, i: Identity) -> Expr {
        let kind = match i.kind {
            IdentityKind::ByDefault => "ByDefault",
            IdentityKind::Always => "Always",
            IdentityKind::Serial => "Serial",
        };
        Expr::Struct(
            self.import("", "Identity"),
            vec![
                (
                    "kind".into(),
                    Expr::atom(self.path("", "IdentityKind", kind)),
                ),
                (
                    "autoincrement".into(),
                    Expr::atom(i.autoincrement.to_string()),
                ),
            ],
        )
    }

    pub(super) fn on_update(&mut self, o: OnUpdate) -> Expr {
        let value = match self.default(Some(o.value)) {
            Expr::Call(_, mut args) if args.len() == 1 => args.remove(0),
            other => other,
        };
        Expr::Struct(
            self.import("", "OnUpdate"),
            vec![
                ("value".into(), value),
                ("emulated".into(), Expr::atom(o.emulated.to_string())),
            ],
        )
    }

    pub(super) fn default(&mut self, d: Option<DefaultValue>) -> Expr {
        let Some(d) = d else {
            return Expr::atom("None");
        };
        let value = match d {
            DefaultValue::Null => Expr::atom(self.path("", "DefaultValue", "Null")),
            DefaultValue::Bool(b) => Expr::Call(
                self.path("", "DefaultValue", "Bool"),
                vec![Expr::atom(b.to_string())],
            ),
            DefaultValue::Int(i) => Expr::Call(
                self.path("", "DefaultValue", "Int"),
                vec![Expr::atom(i.to_string())],
            ),
            DefaultValue::Number(n) => Expr::Call(
                self.path("", "DefaultValue", "Number"),
                vec![Expr::atom(string(n))],
            ),
            DefaultValue::Text(t) => Expr::Call(
                self.path("", "DefaultValue", "Text"),
                vec![Expr::atom(string(t))],
            ),
            DefaultValue::Expr(x) => Expr::Call(
                self.path("", "DefaultValue", "Expr"),
                vec![Expr::atom(string(x))],
            ),
            DefaultValue::PerDialect(text) => {
                let text = Expr::Ref(Box::new(self.dialect_text(text)));
                Expr::Call(self.path("", "DefaultValue", "PerDialect"), vec![text])
            }
        };
        Expr::Call("Some".into(), vec![value])
    }

    /// `ColumnDef::new(name, type)`, with what differs from it as a struct update: a field added
    /// to `ColumnDef` later leaves the written file compiling.
    pub(super) fn column(&mut self, c: &ColumnDef) -> Expr {
        let path = self.import("", "ColumnDef");
        let base = Expr::Call(
            format!("{path}::new"),
            vec![Expr::atom(string(c.name)), self.sql_type(c.sql_type)],
        );
        let mut fields = Vec::new();
        if c.nullable {
            fields.push(("nullable".into(), Expr::atom("true")));
        }
        if c.default.is_some() {
            fields.push(("default".into(), self.default(c.default)));
        }
        if c.identity.is_some() {
            fields.push(("identity".into(), self.option(c.identity, Self::identity)));
        }
        if c.on_update.is_some() {
            fields.push((
                "on_update".into(),
                self.option(c.on_update, Self::on_update),
            ));
        }
        if c.comment.is_some() {
            fields.push(("comment".into(), self.option_str(c.comment)));
        }
        if let Some(collation) = c.collation {
            let text = self.text_value(&collation);
            fields.push(("collation".into(), Expr::Call("Some".into(), vec![text])));
        }
        update(path, fields, base)
    }

    /// `IndexDef::new(name, columns)` with what differs from it as a struct update.
    pub(super) fn index(&mut self, i: &IndexDef) -> Expr {
        let path = self.import("", "IndexDef");
        let base = Expr::Call(
            format!("{path}::new"),
            vec![Expr::atom(string(i.name)), self.strs(i.columns)],
        );
        let mut fields = Vec::new();
        if i.unique {
            fields.push(("unique".into(), Expr::atom("true")));
        }
        if !i.descending.is_empty() {
            fields.push(("descending".into(), self.strs(i.descending)));
        }
        if i.expr.is_some() {
            fields.push(("expr".into(), self.option_str(i.expr)));
        }
        if i.predicate.is_some() {
            fields.push(("predicate".into(), self.option_str(i.predicate)));
        }
        if i.method != IndexMethod::BTree {
            let name = match i.method {
                IndexMethod::BTree => "BTree",
                IndexMethod::Hash => "Hash",
                IndexMethod::Gin => "Gin",
                IndexMethod::Gist => "Gist",
                IndexMethod::Brin => "Brin",
            };
            fields.push((
                "method".into(),
                Expr::atom(self.path("", "IndexMethod", name)),
            ));
        }
        if !i.include.is_empty() {
            fields.push(("include".into(), self.strs(i.include)));
        }
        if i.nulls_not_distinct {
            fields.push(("nulls_not_distinct".into(), Expr::atom("true")));
        }
        update(path, fields, base)
    }

    /// `UniqueDef::new(name, columns)` with what differs from it as a struct update.
    pub(super) fn unique(&mut self, u: &UniqueDef) -> Expr {
        let path = self.import("", "UniqueDef");
        let base = Expr::Call(
            format!("{path}::new"),
            vec![Expr::atom(string(u.name)), self.strs(u.columns)],
        );
        let mut fields = Vec::new();
        if u.nulls_not_distinct {
            fields.push(("nulls_not_distinct".into(), Expr::atom("true")));
        }
        update(path, fields, base)
    }

    /// `CheckDef::new(name, expr)`, or the per-dialect literal.
    pub(super) fn check(&mut self, c: &CheckDef) -> Expr {
        let path = self.import("", "CheckDef");
        let text = c.expr;
        let same =
            text.postgres.is_some() && text.postgres == text.sqlite && text.sqlite == text.mysql;
        match text.postgres {
            Some(expr) if same => Expr::Call(
                format!("{path}::new"),
                vec![Expr::atom(string(c.name)), Expr::atom(string(expr))],
            ),
            _ => Expr::Struct(
                path,
                vec![
                    ("name".into(), Expr::atom(string(c.name))),
                    ("expr".into(), self.dialect_text(&text)),
                ],
            ),
        }
    }

    pub(super) fn action(&mut self, a: ReferentialAction) -> Expr {
        let name = match a {
            ReferentialAction::NoAction => "NoAction",
            ReferentialAction::Restrict => "Restrict",
            ReferentialAction::Cascade => "Cascade",
            ReferentialAction::SetNull => "SetNull",
            ReferentialAction::SetDefault => "SetDefault",
        };
        Expr::atom(self.path("", "ReferentialAction", name))
    }

    /// `ForeignKeyDef::new(..)` with what differs from it as a struct update.
    pub(super) fn foreign_key(&mut self, f: &ForeignKeyDef) -> Expr {
        let path = self.import("", "ForeignKeyDef");
        let base = Expr::Call(
            format!("{path}::new"),
            vec![
                Expr::atom(string(f.name)),
                self.strs(f.columns),
                Expr::atom(string(f.ref_table)),
                self.strs(f.ref_columns),
            ],
        );
        let mut fields = Vec::new();
        if f.ref_schema.is_some() {
            fields.push(("ref_schema".into(), self.option_str(f.ref_schema)));
        }
        if f.on_delete != ReferentialAction::NoAction {
            fields.push(("on_delete".into(), self.action(f.on_delete)));
        }
        if f.on_update != ReferentialAction::NoAction {
            fields.push(("on_update".into(), self.action(f.on_update)));
        }
        update(path, fields, base)
    }

    pub(super) fn primary_key(&mut self, p: &PrimaryKeyDef) -> Expr {
        Expr::Struct(
            self.import("", "PrimaryKeyDef"),
            vec![
                ("name".into(), Expr::atom(string(p.name))),
                ("columns".into(), self.strs(p.columns)),
            ],
        )
    }

    pub(in crate::autogen::codegen) fn enum_def(&mut self, e: &EnumDef) -> Expr {
        self.import("", "EnumDef");
        Expr::Struct(
            "EnumDef".into(),
            vec![
                ("name".into(), Expr::atom(string(e.name))),
                ("rust_name".into(), Expr::atom(string(e.rust_name))),
                ("values".into(), self.strs(e.values)),
            ],
        )
    }

    /// `TableDef::new(..)` with what differs from it as a struct update.
    pub(in crate::autogen::codegen) fn table_def(&mut self, t: &TableDef) -> Expr {
        let path = self.import("", "TableDef");
        let columns = t.columns.iter().map(|c| self.column(c)).collect();
        let base = Expr::Call(
            format!("{path}::new"),
            vec![
                Expr::atom(string(t.name)),
                Expr::atom(string(t.rust_name)),
                Expr::slice(columns),
                self.primary_key(&t.primary_key),
            ],
        );
        let mut fields = Vec::new();
        if !t.uniques.is_empty() {
            let uniques = t.uniques.iter().map(|u| self.unique(u)).collect();
            fields.push(("uniques".into(), Expr::slice(uniques)));
        }
        if !t.indexes.is_empty() {
            let indexes = t.indexes.iter().map(|i| self.index(i)).collect();
            fields.push(("indexes".into(), Expr::slice(indexes)));
        }
        if !t.foreign_keys.is_empty() {
            let keys = t.foreign_keys.iter().map(|f| self.foreign_key(f)).collect();
            fields.push(("foreign_keys".into(), Expr::slice(keys)));
        }
        if !t.checks.is_empty() {
            let checks = t.checks.iter().map(|c| self.check(c)).collect();
            fields.push(("checks".into(), Expr::slice(checks)));
        }
        if t.comment.is_some() {
            fields.push(("comment".into(), self.option_str(t.comment)));
        }
        if t.schema.is_some() {
            fields.push(("schema".into(), self.option_str(t.schema)));
        }
        if t.external {
            fields.push(("external".into(), Expr::atom("true")));
        }
        update(path, fields, base)
    }
}

/// `base` alone when nothing differs, else `Path { fields, ..base }`.
fn update(path: String, fields: Vec<(String, Expr)>, base: Expr) -> Expr {
    if fields.is_empty() {
        base
    } else {
        Expr::Update(path, fields, Box::new(base))
    }
}
