//! Model values (types, defaults, columns, keys, tables) as Rust expressions.

use super::Writer;
use crate::autogen::codegen::layout::{string, Expr};
use crate::model::{
    ColumnDef, DefaultValue, DialectText, EnumDef, ForeignKeyDef, Identity, IdentityKind, IndexDef,
    OnUpdate, PrimaryKeyDef, ReferentialAction, SqlType, TableDef, UniqueDef,
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
        if fields.is_empty() {
            return base;
        }
        Expr::Update(path, fields, Box::new(base))
    }

    pub(super) fn index(&mut self, i: &IndexDef) -> Expr {
        Expr::Struct(
            self.import("", "IndexDef"),
            vec![
                ("name".into(), Expr::atom(string(i.name))),
                ("columns".into(), self.strs(i.columns)),
                ("unique".into(), Expr::atom(i.unique.to_string())),
            ],
        )
    }

    pub(super) fn unique(&mut self, u: &UniqueDef) -> Expr {
        Expr::Struct(
            self.import("", "UniqueDef"),
            vec![
                ("name".into(), Expr::atom(string(u.name))),
                ("columns".into(), self.strs(u.columns)),
            ],
        )
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

    pub(super) fn foreign_key(&mut self, f: &ForeignKeyDef) -> Expr {
        Expr::Struct(
            self.import("", "ForeignKeyDef"),
            vec![
                ("name".into(), Expr::atom(string(f.name))),
                ("columns".into(), self.strs(f.columns)),
                ("ref_table".into(), Expr::atom(string(f.ref_table))),
                ("ref_columns".into(), self.strs(f.ref_columns)),
                ("on_delete".into(), self.action(f.on_delete)),
                ("on_update".into(), self.action(f.on_update)),
            ],
        )
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

    pub(in crate::autogen::codegen) fn table_def(&mut self, t: &TableDef) -> Expr {
        self.import("", "TableDef");
        let columns = t.columns.iter().map(|c| self.column(c)).collect();
        let uniques = t.uniques.iter().map(|u| self.unique(u)).collect();
        let indexes = t.indexes.iter().map(|i| self.index(i)).collect();
        let foreign_keys = t.foreign_keys.iter().map(|f| self.foreign_key(f)).collect();
        Expr::Struct(
            "TableDef".into(),
            vec![
                ("name".into(), Expr::atom(string(t.name))),
                ("rust_name".into(), Expr::atom(string(t.rust_name))),
                ("columns".into(), Expr::slice(columns)),
                ("primary_key".into(), self.primary_key(&t.primary_key)),
                ("uniques".into(), Expr::slice(uniques)),
                ("indexes".into(), Expr::slice(indexes)),
                ("foreign_keys".into(), Expr::slice(foreign_keys)),
            ],
        )
    }
}
