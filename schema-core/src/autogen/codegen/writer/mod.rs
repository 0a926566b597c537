//! Steps as Rust expressions ([`Expr`]), noting what to import; the values they hold are
//! `values.rs`.

mod values;

use std::collections::BTreeSet;

use super::layout::{string, Expr};
use super::names::Names;
use crate::model::{ColumnChange, EnumDef, Object, RawSql, Step};

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
                    ColumnChange::SetComment(c) => Expr::Call(
                        self.path("migrate", "ColumnChange", "SetComment"),
                        vec![self.option_str(c)],
                    ),
                    ColumnChange::SetCollation(c) => Expr::Call(
                        self.path("migrate", "ColumnChange", "SetCollation"),
                        vec![match c {
                            Some(text) => Expr::Call("Some".into(), vec![self.text_value(&text)]),
                            None => Expr::atom("None"),
                        }],
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
            Step::AddCheck { table: t, check } => Expr::Struct(
                variant(self, "AddCheck"),
                vec![table(t), ("check".into(), self.check(&check))],
            ),
            Step::DropCheck { table: t, name } => Expr::Struct(
                variant(self, "DropCheck"),
                vec![table(t), ("name".into(), Expr::atom(string(name)))],
            ),
            Step::SetTableComment { table: t, comment } => Expr::Struct(
                variant(self, "SetTableComment"),
                vec![table(t), ("comment".into(), self.option_str(comment))],
            ),
            Step::CreateSchema { name } => Expr::Struct(
                variant(self, "CreateSchema"),
                vec![("name".into(), Expr::atom(string(name)))],
            ),
            Step::DropSchema { name } => Expr::Struct(
                variant(self, "DropSchema"),
                vec![("name".into(), Expr::atom(string(name)))],
            ),
            Step::Sql(raw) => Expr::Call(variant(self, "Sql"), vec![self.raw_sql(&raw)]),
            Step::AcceptDataLoss { table: t, column } => Expr::Struct(
                variant(self, "AcceptDataLoss"),
                vec![table(t), ("column".into(), self.option_str(column))],
            ),
            Step::Squashes { through } => Expr::Struct(
                variant(self, "Squashes"),
                vec![("through".into(), Expr::atom(string(through)))],
            ),
            Step::Online(inner) => {
                let inner = self.step(inner);
                Expr::Call(variant(self, "Online"), vec![Expr::Ref(Box::new(inner))])
            }
        }
    }

    /// `RawSql::new(description)` with its variants, flags and objects as a struct update.
    fn raw_sql(&mut self, raw: &RawSql) -> Expr {
        let path = self.import("migrate", "RawSql");
        let base = Expr::Call(
            format!("{path}::new"),
            vec![Expr::atom(string(raw.description))],
        );
        let mut fields = Vec::new();
        for (name, text) in [
            ("postgres", raw.postgres),
            ("sqlite", raw.sqlite),
            ("mysql", raw.mysql),
        ] {
            if text.is_some() {
                fields.push((name.to_owned(), self.option_str(text)));
            }
        }
        if raw.required {
            fields.push(("required".into(), Expr::atom("true")));
        }
        if !raw.creates.is_empty() {
            fields.push(("creates".into(), self.objects(raw.creates)));
        }
        if !raw.drops.is_empty() {
            fields.push(("drops".into(), self.objects(raw.drops)));
        }
        Expr::Update(path, fields, Box::new(base))
    }

    fn objects(&mut self, objects: &[Object]) -> Expr {
        let items = objects
            .iter()
            .map(|o| {
                // Each kind's constructor is its word (`materialized view` ->
                // `Object::materialized_view`).
                let constructor = o.kind.word().replace(' ', "_");
                let mut args = vec![Expr::atom(string(o.name))];
                if let Some(table) = o.table {
                    args.push(Expr::atom(string(table)));
                }
                Expr::Call(self.path("migrate", "Object", &constructor), args)
            })
            .collect();
        Expr::slice(items)
    }
}
