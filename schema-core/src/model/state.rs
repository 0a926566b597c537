//! A schema as a chain of steps leaves it, replayed in memory with no database: what SQLite's
//! table rebuilds render from, and what the offline drift check compares with the models.

use super::{
    CheckDef, ColumnChange, ColumnDef, DefaultValue, DialectSet, EnumDef, ForeignKeyDef, IndexDef,
    Object, PrimaryKeyDef, RawSql, Schema, SqlType, Step, TableDef, TableView, UniqueDef,
};

/// One table as the steps so far have shaped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableState {
    /// Table name.
    pub name: &'static str,
    /// Columns, in order.
    pub columns: Vec<ColumnDef>,
    /// Primary key.
    pub primary_key: PrimaryKeyDef,
    /// Unique constraints.
    pub uniques: Vec<UniqueDef>,
    /// Indexes.
    pub indexes: Vec<IndexDef>,
    /// Foreign keys.
    pub foreign_keys: Vec<ForeignKeyDef>,
    /// CHECK constraints.
    pub checks: Vec<CheckDef>,
    /// The table's comment.
    pub comment: Option<&'static str>,
    /// Its PostgreSQL schema, if not the current one.
    pub schema: Option<&'static str>,
    /// Declared by the models, owned by another system (see [`TableDef::external`]).
    pub external: bool,
}

impl TableState {
    /// The state of a freshly created table (without its indexes: those are their own steps).
    pub fn from_def(def: &TableDef) -> TableState {
        TableState {
            name: def.name,
            columns: def.columns.to_vec(),
            primary_key: def.primary_key,
            uniques: def.uniques.to_vec(),
            indexes: Vec::new(),
            foreign_keys: def.foreign_keys.to_vec(),
            checks: def.checks.to_vec(),
            comment: def.comment,
            schema: def.schema,
            external: def.external,
        }
    }

    /// `schema.name`, or the name.
    pub fn qualified_name(&self) -> String {
        super::qualified(self.schema, self.name)
    }

    /// The state of a table with its indexes, as a model declares it.
    pub fn from_model(def: &TableDef) -> TableState {
        TableState {
            indexes: def.indexes.to_vec(),
            ..TableState::from_def(def)
        }
    }

    /// What `CREATE TABLE` needs.
    pub fn view(&self) -> TableView<'_> {
        TableView {
            name: self.name,
            schema: self.schema,
            columns: &self.columns,
            primary_key: &self.primary_key,
            uniques: &self.uniques,
            foreign_keys: &self.foreign_keys,
            checks: &self.checks,
            comment: self.comment,
        }
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&ColumnDef> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// A whole schema: enum types, tables, PostgreSQL schemas, and the objects raw SQL steps made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaState {
    /// Enum types, in creation order.
    pub enums: Vec<&'static EnumDef>,
    /// Tables, in creation order.
    pub tables: Vec<TableState>,
    /// PostgreSQL schemas the tables use (besides the current one), in creation order.
    pub schemas: Vec<&'static str>,
    /// Objects raw SQL steps created and did not drop (none for the models: only a chain
    /// knows them).
    pub objects: Vec<KnownObject>,
}

/// An object a raw SQL step created, and the dialects it was created on (those the step has a
/// variant for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownObject {
    /// The object.
    pub object: Object,
    /// Where it exists.
    pub on: DialectSet,
}

impl KnownObject {
    /// The objects `raw` creates, on the dialects it has SQL for.
    fn created_by(raw: &RawSql) -> impl Iterator<Item = KnownObject> + '_ {
        let on = DialectSet {
            postgres: raw.postgres.is_some(),
            sqlite: raw.sqlite.is_some(),
            mysql: raw.mysql.is_some(),
        };
        raw.creates
            .iter()
            .map(move |&object| KnownObject { object, on })
    }
}

/// A step that does not fit the schema it is applied to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("step `{step}` does not apply: {reason}")]
pub struct StateError {
    /// The step, described.
    pub step: String,
    /// What is missing or already there.
    pub reason: String,
}

/// Lists in a renamed key must outlive the step: renames are rare and the lists small, so the
/// new list is leaked rather than every list in the model being made owned.
fn renamed(list: &'static [&'static str], from: &str, to: &'static str) -> &'static [&'static str] {
    if !list.contains(&from) {
        return list;
    }
    let new: Vec<&'static str> = list
        .iter()
        .map(|c| if *c == from { to } else { c })
        .collect();
    Box::leak(new.into_boxed_slice())
}

impl SchemaState {
    /// The schema the models declare.
    pub fn from_schema(schema: &Schema) -> SchemaState {
        let mut schemas: Vec<&'static str> = Vec::new();
        for t in schema.tables.iter().filter(|t| !t.external) {
            if let Some(s) = t.schema {
                if !schemas.contains(&s) {
                    schemas.push(s);
                }
            }
        }
        SchemaState {
            enums: schema.enums(),
            tables: schema
                .tables
                .iter()
                .map(|t| TableState::from_model(t))
                .collect(),
            schemas,
            objects: Vec::new(),
        }
    }

    /// The same schema without the external tables (what a chain can build).
    pub fn owned(&self) -> SchemaState {
        let mut out = self.clone();
        out.tables.retain(|t| !t.external);
        out
    }

    /// The known objects that belong to `table` (its triggers and hand-written indexes).
    pub fn objects_on<'s>(&'s self, table: &'s str) -> impl Iterator<Item = &'s KnownObject> {
        self.objects
            .iter()
            .filter(move |o| o.object.table == Some(table))
    }

    /// The same schema with its parts in a canonical order: enum types and tables by name, and
    /// in each table columns, unique constraints, indexes and foreign keys by name.
    ///
    /// Two states are the same schema, as [`crate::autogen::diff`] sees it, when their normalized
    /// forms are equal: the order things were created in is not part of a schema (`ADD
    /// COLUMN` appends, and no database can move a column without rebuilding its table).
    pub fn normalized(&self) -> SchemaState {
        let mut out = self.clone();
        out.enums.sort_by_key(|e| e.name);
        out.tables.sort_by_key(|t| t.name);
        out.schemas.sort_unstable();
        out.objects
            .sort_by_key(|o| (o.object.kind.word(), o.object.name));
        for t in &mut out.tables {
            t.columns.sort_by_key(|c| c.name);
            t.uniques.sort_by_key(|u| u.name);
            t.indexes.sort_by_key(|i| i.name);
            t.foreign_keys.sort_by_key(|f| f.name);
            t.checks.sort_by_key(|c| c.name);
        }
        out
    }

    /// The table named `name`.
    pub fn table(&self, name: &str) -> Option<&TableState> {
        self.tables.iter().find(|t| t.name == name)
    }

    fn table_mut(&mut self, step: &Step, name: &str) -> Result<&mut TableState, StateError> {
        self.tables
            .iter_mut()
            .find(|t| t.name == name)
            .ok_or_else(|| StateError {
                step: step.describe(),
                reason: format!("there is no table `{name}`"),
            })
    }

    /// Applies one step.
    pub fn apply(&mut self, step: &Step) -> Result<(), StateError> {
        let fail = |reason: String| StateError {
            step: step.describe(),
            reason,
        };
        match *step {
            Step::Online(inner) => self.apply(inner)?,
            Step::CreateEnum(e) => {
                if self.enums.iter().any(|x| x.name == e.name) {
                    return Err(fail(format!("enum type `{}` exists", e.name)));
                }
                self.enums.push(e);
            }
            Step::DropEnum(e) => {
                let before = self.enums.len();
                self.enums.retain(|x| x.name != e.name);
                if self.enums.len() == before {
                    return Err(fail(format!("there is no enum type `{}`", e.name)));
                }
            }
            Step::AlterEnum { from, to } => {
                if from.name != to.name {
                    return Err(fail(format!(
                        "an enum type keeps its name (`{}` is not `{}`)",
                        from.name, to.name
                    )));
                }
                let slot = self
                    .enums
                    .iter_mut()
                    .find(|e| e.name == from.name)
                    .ok_or_else(|| fail(format!("there is no enum type `{}`", from.name)))?;
                if **slot != *from {
                    return Err(fail(format!(
                        "enum type `{}` has labels {:?}, not {:?}",
                        from.name, slot.values, from.values
                    )));
                }
                *slot = to;
                for c in self.tables.iter_mut().flat_map(|t| t.columns.iter_mut()) {
                    if c.sql_type.as_enum().is_some_and(|e| e.name == from.name) {
                        c.sql_type = SqlType::Enum(to);
                        // A default naming a label that is gone goes too (PostgreSQL could
                        // not cast it to the new type).
                        if let Some(DefaultValue::Text(label)) = c.default {
                            if !to.values.contains(&label) {
                                c.default = None;
                            }
                        }
                    }
                }
            }
            Step::CreateTable(def) => {
                if self.table(def.name).is_some() {
                    return Err(fail(format!("table `{}` exists", def.name)));
                }
                if let Some(schema) = def.schema.filter(|s| !self.schemas.contains(s)) {
                    return Err(fail(format!(
                        "schema `{schema}` is not created yet (a `Step::CreateSchema` goes first)"
                    )));
                }
                self.tables.push(TableState::from_def(def));
            }
            Step::DropTable { table } => {
                self.table_mut(step, table)?;
                self.tables.retain(|t| t.name != table);
                // Its triggers and indexes go with it.
                self.objects.retain(|o| o.object.table != Some(table));
            }
            Step::CreateIndex { table, index } => {
                let t = self.table_mut(step, table)?;
                if t.indexes.iter().any(|i| i.name == index.name) {
                    return Err(fail(format!("index `{}` exists", index.name)));
                }
                t.indexes.push(index);
            }
            Step::DropIndex {
                table,
                name,
                if_exists,
            } => {
                let t = self.table_mut(step, table)?;
                let before = t.indexes.len();
                t.indexes.retain(|i| i.name != name);
                if t.indexes.len() == before && !if_exists {
                    return Err(fail(format!("there is no index `{name}`")));
                }
            }
            Step::AddColumn { table, column } => {
                let t = self.table_mut(step, table)?;
                if t.column(column.name).is_some() {
                    return Err(fail(format!("column `{}` exists", column.name)));
                }
                t.columns.push(column);
            }
            Step::DropColumn {
                table,
                column,
                if_exists,
            } => {
                let t = self.table_mut(step, table)?;
                let before = t.columns.len();
                t.columns.retain(|c| c.name != column);
                if t.columns.len() == before && !if_exists {
                    return Err(fail(format!("there is no column `{column}`")));
                }
                // Indexes on the column go with it, as every database does.
                t.indexes.retain(|i| !i.mentions(column));
            }
            Step::AlterColumn {
                table,
                column,
                change,
            } => {
                let t = self.table_mut(step, table)?;
                let c = t
                    .columns
                    .iter_mut()
                    .find(|c| c.name == column)
                    .ok_or_else(|| fail(format!("there is no column `{column}`")))?;
                match change {
                    ColumnChange::SetType(ty) => c.sql_type = ty,
                    ColumnChange::SetNullable(nullable) => c.nullable = nullable,
                    ColumnChange::SetDefault(default) => c.default = default,
                    ColumnChange::SetIdentity(identity) => c.identity = identity,
                    ColumnChange::SetOnUpdate(on_update) => c.on_update = on_update,
                    ColumnChange::SetComment(comment) => c.comment = comment,
                    ColumnChange::SetCollation(collation) => c.collation = collation,
                }
            }
            Step::AddUnique { table, unique } => {
                let t = self.table_mut(step, table)?;
                if t.uniques.iter().any(|u| u.name == unique.name) {
                    return Err(fail(format!("constraint `{}` exists", unique.name)));
                }
                t.uniques.push(unique);
            }
            Step::DropUnique { table, name } => {
                let t = self.table_mut(step, table)?;
                let before = t.uniques.len();
                t.uniques.retain(|u| u.name != name);
                if t.uniques.len() == before {
                    return Err(fail(format!("there is no unique constraint `{name}`")));
                }
            }
            Step::AddForeignKey { table, foreign_key } => {
                let t = self.table_mut(step, table)?;
                if t.foreign_keys.iter().any(|f| f.name == foreign_key.name) {
                    return Err(fail(format!("foreign key `{}` exists", foreign_key.name)));
                }
                t.foreign_keys.push(foreign_key);
            }
            Step::DropForeignKey { table, name } => {
                let t = self.table_mut(step, table)?;
                let before = t.foreign_keys.len();
                t.foreign_keys.retain(|f| f.name != name);
                if t.foreign_keys.len() == before {
                    return Err(fail(format!("there is no foreign key `{name}`")));
                }
            }
            Step::RenameTable { from, to } => {
                if self.table(to).is_some() {
                    return Err(fail(format!("table `{to}` exists")));
                }
                self.table_mut(step, from)?.name = to;
                for t in &mut self.tables {
                    for fk in &mut t.foreign_keys {
                        if fk.ref_table == from {
                            fk.ref_table = to;
                        }
                    }
                }
                for o in &mut self.objects {
                    if o.object.table == Some(from) {
                        o.object.table = Some(to);
                    }
                }
            }
            Step::RenameColumn { table, from, to } => {
                let t = self.table_mut(step, table)?;
                if t.column(to).is_some() {
                    return Err(fail(format!("column `{to}` exists")));
                }
                let c = t
                    .columns
                    .iter_mut()
                    .find(|c| c.name == from)
                    .ok_or_else(|| fail(format!("there is no column `{from}`")))?;
                c.name = to;
                t.primary_key.columns = renamed(t.primary_key.columns, from, to);
                for u in &mut t.uniques {
                    u.columns = renamed(u.columns, from, to);
                }
                for i in &mut t.indexes {
                    i.columns = renamed(i.columns, from, to);
                    i.descending = renamed(i.descending, from, to);
                    i.include = renamed(i.include, from, to);
                }
                for f in &mut t.foreign_keys {
                    f.columns = renamed(f.columns, from, to);
                }
                for other in &mut self.tables {
                    for f in &mut other.foreign_keys {
                        if f.ref_table == table {
                            f.ref_columns = renamed(f.ref_columns, from, to);
                        }
                    }
                }
            }
            Step::AddCheck { table, check } => {
                let t = self.table_mut(step, table)?;
                if t.checks.iter().any(|c| c.name == check.name) {
                    return Err(fail(format!("check `{}` exists", check.name)));
                }
                t.checks.push(check);
            }
            Step::DropCheck { table, name } => {
                let t = self.table_mut(step, table)?;
                let before = t.checks.len();
                t.checks.retain(|c| c.name != name);
                if t.checks.len() == before {
                    return Err(fail(format!("there is no check `{name}`")));
                }
            }
            Step::SetTableComment { table, comment } => {
                self.table_mut(step, table)?.comment = comment;
            }
            Step::CreateSchema { name } => {
                if self.schemas.contains(&name) {
                    return Err(fail(format!("schema `{name}` exists")));
                }
                self.schemas.push(name);
            }
            Step::DropSchema { name } => {
                if let Some(t) = self.tables.iter().find(|t| t.schema == Some(name)) {
                    return Err(fail(format!(
                        "schema `{name}` still holds table `{}`",
                        t.name
                    )));
                }
                let before = self.schemas.len();
                self.schemas.retain(|s| *s != name);
                if self.schemas.len() == before {
                    return Err(fail(format!("there is no schema `{name}`")));
                }
            }
            // A declaration for the runner's data-loss guard.
            Step::AcceptDataLoss { .. } | Step::Squashes { .. } => {}
            // Raw SQL changes data, or objects outside the model: those it declares are kept.
            Step::Sql(ref raw) => {
                for gone in raw.drops {
                    self.objects.retain(|o| !o.object.same(gone));
                }
                for made in KnownObject::created_by(raw) {
                    // `CREATE OR REPLACE`: a second creation replaces the first.
                    self.objects.retain(|o| !o.object.same(&made.object));
                    self.objects.push(made);
                }
            }
        }
        Ok(())
    }

    /// Applies steps in order.
    pub fn apply_all(&mut self, steps: &[Step]) -> Result<(), StateError> {
        steps.iter().try_for_each(|s| self.apply(s))
    }
}
