//! Model values and steps as Rust expressions ([`Expr`]), noting what to import.

use std::collections::BTreeSet;

use super::layout::{string, Expr};
use super::names::Names;
use crate::model::{
    ColumnChange, ColumnDef, DefaultValue, DialectText, EnumDef, ForeignKeyDef, Identity,
    IdentityKind, IndexDef, OnUpdate, PrimaryKeyDef, RawSql, ReferentialAction, SqlType, Step,
    TableDef, UniqueDef,
};

/// Builds expressions, noting the names to import.
pub(super) struct Writer<'n> {
    pub(super) names: &'n Names,
    pub(super) imports: BTreeSet<(&'static str, &'static str)>,
}

impl Writer<'_> {
    fn import(&mut self, module: &'static str, name: &'static str) -> String {
        self.imports.insert((module, name));
        name.to_owned()
    }

    fn path(&mut self, module: &'static str, ty: &'static str, rest: &str) -> String {
        self.import(module, ty);
        format!("{ty}::{rest}")
    }

    fn strs(&self, list: &[&str]) -> Expr {
        Expr::slice(list.iter().map(|s| Expr::atom(string(s))).collect())
    }

    fn option_str(&self, s: Option<&str>) -> Expr {
        match s {
            Some(s) => Expr::Call("Some".into(), vec![Expr::atom(string(s))]),
            None => Expr::atom("None"),
        }
    }

    pub(super) fn steps(&mut self, steps: &[Step]) -> Expr {
        let items = steps
            .iter()
            .map(|step| {
                let comments = if step.is_destructive() {
                    vec![format!("DESTRUCTIVE: {}", step.describe())]
                } else {
                    Vec::new()
                };
                (comments, self.step(step))
            })
            .collect();
        Expr::Ref(Box::new(Expr::Array(items)))
    }

    fn enum_ref(&mut self, e: &EnumDef) -> Expr {
        // Every enum type the steps use was named by `Names::collect`.
        let name = self.names.of_enum(e).unwrap_or("MISSING_ENUM").to_owned();
        Expr::Ref(Box::new(Expr::atom(name)))
    }

    fn step(&mut self, step: &Step) -> Expr {
        let variant = |w: &mut Self, v: &str| w.path("migrate", "Step", v);
        let table = |t: &str| ("table".to_owned(), Expr::atom(string(t)));
        match *step {
            Step::CreateEnum(e) => Expr::Call(variant(self, "CreateEnum"), vec![self.enum_ref(e)]),
            Step::DropEnum(e) => Expr::Call(variant(self, "DropEnum"), vec![self.enum_ref(e)]),
            Step::AlterEnum { from, to } => Expr::Struct(
                variant(self, "AlterEnum"),
                vec![
                    ("from".into(), self.enum_ref(from)),
                    ("to".into(), self.enum_ref(to)),
                ],
            ),
            Step::CreateTable(t) => {
                let name = self.names.of_table(t).unwrap_or("MISSING_TABLE").to_owned();
                Expr::Call(
                    variant(self, "CreateTable"),
                    vec![Expr::Ref(Box::new(Expr::atom(name)))],
                )
            }
            Step::DropTable { table: t } => {
                Expr::Struct(variant(self, "DropTable"), vec![table(t)])
            }
            Step::CreateIndex { table: t, index } => Expr::Struct(
                variant(self, "CreateIndex"),
                vec![table(t), ("index".into(), self.index(&index))],
            ),
            Step::DropIndex {
                table: t,
                name,
                if_exists,
            } => Expr::Struct(
                variant(self, "DropIndex"),
                vec![
                    table(t),
                    ("name".into(), Expr::atom(string(name))),
                    ("if_exists".into(), Expr::atom(if_exists.to_string())),
                ],
            ),
            Step::AddColumn { table: t, column } => Expr::Struct(
                variant(self, "AddColumn"),
                vec![table(t), ("column".into(), self.column(&column))],
            ),
            Step::DropColumn {
                table: t,
                column,
                if_exists,
            } => Expr::Struct(
                variant(self, "DropColumn"),
                vec![
                    table(t),
                    ("column".into(), Expr::atom(string(column))),
                    ("if_exists".into(), Expr::atom(if_exists.to_string())),
                ],
            ),
            Step::AlterColumn {
                table: t,
                column,
                change,
            } => {
                let change = match change {
                    ColumnChange::SetType(ty) => Expr::Call(
                        self.path("migrate", "ColumnChange", "SetType"),
                        vec![self.sql_type(ty)],
                    ),
                    ColumnChange::SetNullable(n) => Expr::Call(
                        self.path("migrate", "ColumnChange", "SetNullable"),
                        vec![Expr::atom(n.to_string())],
                    ),
                    ColumnChange::SetDefault(d) => Expr::Call(
                        self.path("migrate", "ColumnChange", "SetDefault"),
                        vec![self.default(d)],
                    ),
                    ColumnChange::SetIdentity(i) => Expr::Call(
                        self.path("migrate", "ColumnChange", "SetIdentity"),
                        vec![self.option(i, Self::identity)],
                    ),
                    ColumnChange::SetOnUpdate(o) => Expr::Call(
                        self.path("migrate", "ColumnChange", "SetOnUpdate"),
                        vec![self.option(o, Self::on_update)],
                    ),
                };
                Expr::Struct(
                    variant(self, "AlterColumn"),
                    vec![
                        table(t),
                        ("column".into(), Expr::atom(string(column))),
                        ("change".into(), change),
                    ],
                )
            }
            Step::AddUnique { table: t, unique } => Expr::Struct(
                variant(self, "AddUnique"),
                vec![table(t), ("unique".into(), self.unique(&unique))],
            ),
            Step::DropUnique { table: t, name } => Expr::Struct(
                variant(self, "DropUnique"),
                vec![table(t), ("name".into(), Expr::atom(string(name)))],
            ),
            Step::AddForeignKey {
                table: t,
                foreign_key,
            } => Expr::Struct(
                variant(self, "AddForeignKey"),
                vec![
                    table(t),
                    ("foreign_key".into(), self.foreign_key(&foreign_key)),
                ],
            ),
            Step::DropForeignKey { table: t, name } => Expr::Struct(
                variant(self, "DropForeignKey"),
                vec![table(t), ("name".into(), Expr::atom(string(name)))],
            ),
            Step::RenameTable { from, to } => Expr::Struct(
                variant(self, "RenameTable"),
                vec![
                    ("from".into(), Expr::atom(string(from))),
                    ("to".into(), Expr::atom(string(to))),
                ],
            ),
            Step::RenameColumn { table: t, from, to } => Expr::Struct(
                variant(self, "RenameColumn"),
                vec![
                    table(t),
                    ("from".into(), Expr::atom(string(from))),
                    ("to".into(), Expr::atom(string(to))),
                ],
            ),
            Step::Sql(raw) => Expr::Call(variant(self, "Sql"), vec![self.raw_sql(&raw)]),
        }
    }

    fn raw_sql(&mut self, raw: &RawSql) -> Expr {
        Expr::Struct(
            self.import("migrate", "RawSql"),
            vec![
                ("description".into(), Expr::atom(string(raw.description))),
                ("postgres".into(), self.option_str(raw.postgres)),
                ("sqlite".into(), self.option_str(raw.sqlite)),
                ("mysql".into(), self.option_str(raw.mysql)),
                ("required".into(), Expr::atom(raw.required.to_string())),
            ],
        )
    }

    fn sql_type(&mut self, t: SqlType) -> Expr {
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

    fn dialect_text(&mut self, text: &DialectText) -> Expr {
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
    fn option<T: Copy>(&mut self, value: Option<T>, write: fn(&mut Self, T) -> Expr) -> Expr {
        match value {
            Some(v) => Expr::Call("Some".into(), vec![write(self, v)]),
            None => Expr::atom("None"),
        }
    }

    fn identity(&mut self, i: Identity) -> Expr {
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

    fn on_update(&mut self, o: OnUpdate) -> Expr {
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

    fn default(&mut self, d: Option<DefaultValue>) -> Expr {
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
    fn column(&mut self, c: &ColumnDef) -> Expr {
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

    fn index(&mut self, i: &IndexDef) -> Expr {
        Expr::Struct(
            self.import("", "IndexDef"),
            vec![
                ("name".into(), Expr::atom(string(i.name))),
                ("columns".into(), self.strs(i.columns)),
                ("unique".into(), Expr::atom(i.unique.to_string())),
            ],
        )
    }

    fn unique(&mut self, u: &UniqueDef) -> Expr {
        Expr::Struct(
            self.import("", "UniqueDef"),
            vec![
                ("name".into(), Expr::atom(string(u.name))),
                ("columns".into(), self.strs(u.columns)),
            ],
        )
    }

    fn action(&mut self, a: ReferentialAction) -> Expr {
        let name = match a {
            ReferentialAction::NoAction => "NoAction",
            ReferentialAction::Restrict => "Restrict",
            ReferentialAction::Cascade => "Cascade",
            ReferentialAction::SetNull => "SetNull",
            ReferentialAction::SetDefault => "SetDefault",
        };
        Expr::atom(self.path("", "ReferentialAction", name))
    }

    fn foreign_key(&mut self, f: &ForeignKeyDef) -> Expr {
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

    fn primary_key(&mut self, p: &PrimaryKeyDef) -> Expr {
        Expr::Struct(
            self.import("", "PrimaryKeyDef"),
            vec![
                ("name".into(), Expr::atom(string(p.name))),
                ("columns".into(), self.strs(p.columns)),
            ],
        )
    }

    pub(super) fn enum_def(&mut self, e: &EnumDef) -> Expr {
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

    pub(super) fn table_def(&mut self, t: &TableDef) -> Expr {
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
