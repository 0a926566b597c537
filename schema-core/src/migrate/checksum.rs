//! A revision's checksum: SHA-256 of a canonical encoding of its steps, never of rendered SQL,
//! so line endings or a crate upgrade that renders SQL differently do not change it.
//!
//! The encoding is versioned (`FORMAT`); each value is tagged and each string
//! length-prefixed, so two different revisions cannot encode alike.
//!
//! A field added to the model after a revision was written is encoded only when it is set, so
//! the checksums of revisions that do not use it are unchanged. Two kinds of field are never
//! encoded, because they are documentation, not schema: comments inside a table or column
//! definition (editing a doc comment on a frozen struct must not make every deployed database
//! refuse the chain; a `SetTableComment` or `SetComment` step is encoded), and the objects a
//! raw SQL step declares (declaring them on a revision already applied is how a chain learns
//! of its views and triggers).

use sha2::{Digest, Sha256};

use super::{ColumnChange, Revision, Step};
use crate::model::{
    CheckDef, ColumnDef, DefaultValue, DialectText, ForeignKeyDef, Identity, IdentityKind,
    IndexDef, IndexMethod, OnUpdate, ReferentialAction, SqlType, TableDef, UniqueDef,
};

/// The encoding's version: bump it only with a migration path for stored checksums.
pub const FORMAT: &str = "schema-core/revision/1";

/// The hex SHA-256 of the revision's canonical encoding.
pub fn checksum(revision: &Revision) -> String {
    let mut e = Encoder::default();
    e.str(FORMAT);
    e.str(revision.id);
    e.opt(revision.parent);
    // The message is a comment: editing it does not change what the revision does.
    e.tag("up");
    e.steps(revision.up);
    e.tag("down");
    e.steps(revision.down);
    let digest = Sha256::digest(&e.out);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Default)]
struct Encoder {
    out: Vec<u8>,
}

impl Encoder {
    fn tag(&mut self, tag: &str) {
        self.out.push(b'<');
        self.out.extend_from_slice(tag.as_bytes());
        self.out.push(b'>');
    }

    fn str(&mut self, s: &str) {
        self.out.extend_from_slice(s.len().to_string().as_bytes());
        self.out.push(b':');
        self.out.extend_from_slice(s.as_bytes());
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.tag("some");
                self.str(s);
            }
            None => self.tag("none"),
        }
    }

    fn list(&mut self, items: &[&str]) {
        self.tag(&format!("list{}", items.len()));
        for item in items {
            self.str(item);
        }
    }

    fn bool(&mut self, b: bool) {
        self.tag(if b { "t" } else { "f" });
    }

    fn sql_type(&mut self, t: SqlType) {
        match t {
            SqlType::Varchar(n) => {
                self.tag("varchar");
                self.opt(n.map(|n| n.to_string()).as_deref());
            }
            SqlType::Enum(e) => {
                self.tag("enum");
                self.str(e.name);
                self.list(e.values);
            }
            SqlType::Numeric(p) => {
                self.tag("numeric");
                self.opt(p.map(|(p, s)| format!("{p},{s}")).as_deref());
            }
            SqlType::Char(n) => {
                self.tag("char");
                self.str(&n.to_string());
            }
            SqlType::Array(t) => {
                self.tag("array");
                self.sql_type(*t);
            }
            SqlType::Custom(text) => {
                self.tag("custom");
                self.dialect_text(text);
            }
            // The types without data: their names, fixed (a rename here changes checksums).
            SqlType::Uuid => self.tag("uuid"),
            SqlType::Text => self.tag("text"),
            SqlType::SmallInt => self.tag("smallint"),
            SqlType::Integer => self.tag("integer"),
            SqlType::BigInt => self.tag("bigint"),
            SqlType::Real => self.tag("real"),
            SqlType::Double => self.tag("double"),
            SqlType::Boolean => self.tag("boolean"),
            SqlType::Bytes => self.tag("bytes"),
            SqlType::Timestamp => self.tag("timestamp"),
            SqlType::TimestampTz => self.tag("timestamptz"),
            SqlType::Date => self.tag("date"),
            SqlType::Json => self.tag("json"),
            SqlType::Jsonb => self.tag("jsonb"),
            SqlType::Time => self.tag("time"),
            SqlType::TinyIntUnsigned => self.tag("tinyint_unsigned"),
            SqlType::SmallIntUnsigned => self.tag("smallint_unsigned"),
            SqlType::IntegerUnsigned => self.tag("integer_unsigned"),
            SqlType::BigIntUnsigned => self.tag("bigint_unsigned"),
            SqlType::Inet => self.tag("inet"),
            SqlType::Interval => self.tag("interval"),
        }
    }

    fn dialect_text(&mut self, text: &DialectText) {
        self.opt(text.postgres);
        self.opt(text.sqlite);
        self.opt(text.mysql);
    }

    /// A value only newer revisions can have: encoded only when present, so the checksums of
    /// revisions written before it existed do not change.
    fn identity(&mut self, identity: Option<Identity>) {
        if let Some(identity) = identity {
            self.tag("identity");
            self.tag(match identity.kind {
                IdentityKind::ByDefault => "by_default",
                IdentityKind::Always => "always",
                IdentityKind::Serial => "serial",
            });
            self.bool(identity.autoincrement);
        }
    }

    /// As [`Encoder::identity`]: only when present.
    fn on_update(&mut self, on_update: Option<OnUpdate>) {
        if let Some(on_update) = on_update {
            self.tag("on_update");
            self.default_value(Some(on_update.value));
            self.bool(on_update.emulated);
        }
    }

    fn default_value(&mut self, d: Option<DefaultValue>) {
        match d {
            None => self.tag("nodefault"),
            Some(DefaultValue::Null) => self.tag("null"),
            Some(DefaultValue::Bool(b)) => {
                self.tag("bool");
                self.bool(b);
            }
            Some(DefaultValue::Int(i)) => {
                self.tag("int");
                self.str(&i.to_string());
            }
            Some(DefaultValue::Number(n)) => {
                self.tag("number");
                self.str(n);
            }
            Some(DefaultValue::Text(t)) => {
                self.tag("text");
                self.str(t);
            }
            Some(DefaultValue::Expr(x)) => {
                self.tag("expr");
                self.str(x);
            }
            Some(DefaultValue::PerDialect(text)) => {
                self.tag("per_dialect");
                self.dialect_text(text);
            }
        }
    }

    fn column(&mut self, c: &ColumnDef) {
        self.str(c.name);
        self.sql_type(c.sql_type);
        self.bool(c.nullable);
        self.default_value(c.default);
        self.identity(c.identity);
        self.on_update(c.on_update);
        if let Some(collation) = &c.collation {
            self.tag("collation");
            self.dialect_text(collation);
        }
    }

    fn action(&mut self, a: ReferentialAction) {
        self.tag(a.sql());
    }

    fn foreign_key(&mut self, f: &ForeignKeyDef) {
        self.str(f.name);
        self.list(f.columns);
        self.str(f.ref_table);
        self.list(f.ref_columns);
        self.action(f.on_delete);
        self.action(f.on_update);
        if let Some(schema) = f.ref_schema {
            self.tag("ref_schema");
            self.str(schema);
        }
    }

    fn index(&mut self, i: &IndexDef) {
        self.str(i.name);
        self.list(i.columns);
        self.bool(i.unique);
        // Each form only when present (see the module docs).
        if !i.descending.is_empty() {
            self.tag("desc");
            self.list(i.descending);
        }
        if let Some(expr) = i.expr {
            self.tag("expr");
            self.str(expr);
        }
        if let Some(predicate) = i.predicate {
            self.tag("where");
            self.str(predicate);
        }
        if i.method != IndexMethod::BTree {
            self.tag("method");
            self.tag(i.method.sql());
        }
        if !i.include.is_empty() {
            self.tag("include");
            self.list(i.include);
        }
        if i.nulls_not_distinct {
            self.tag("nulls_not_distinct");
        }
    }

    fn unique(&mut self, u: &UniqueDef) {
        self.str(u.name);
        self.list(u.columns);
        if u.nulls_not_distinct {
            self.tag("nulls_not_distinct");
        }
    }

    fn check(&mut self, c: &CheckDef) {
        self.str(c.name);
        self.dialect_text(&c.expr);
    }

    fn table(&mut self, t: &TableDef) {
        self.str(t.name);
        self.tag(&format!("columns{}", t.columns.len()));
        for c in t.columns {
            self.column(c);
        }
        self.str(t.primary_key.name);
        self.list(t.primary_key.columns);
        self.tag(&format!("uniques{}", t.uniques.len()));
        for u in t.uniques {
            self.unique(u);
        }
        self.tag(&format!("fks{}", t.foreign_keys.len()));
        for f in t.foreign_keys {
            self.foreign_key(f);
        }
        if !t.checks.is_empty() {
            self.tag(&format!("checks{}", t.checks.len()));
            for c in t.checks {
                self.check(c);
            }
        }
        if let Some(schema) = t.schema {
            self.tag("schema");
            self.str(schema);
        }
        // A CreateTable step does not create the definition's indexes, so they are not part
        // of what it does.
    }

    fn steps(&mut self, steps: &[Step]) {
        // An acknowledged data loss is a declaration, not SQL: it is not counted either.
        let counted = steps
            .iter()
            .filter(|s| !matches!(s, Step::AcceptDataLoss { .. }))
            .count();
        self.tag(&format!("steps{counted}"));
        for step in steps {
            self.step(step);
        }
    }

    fn step(&mut self, step: &Step) {
        {
            match *step {
                Step::AcceptDataLoss { .. } => {}
                Step::Squashes { through } => {
                    self.tag("squashes");
                    self.str(through);
                }
                // A tag of its own: the steps that are not online encode as before.
                Step::Online(inner) => {
                    self.tag("online");
                    self.step(inner);
                }
                Step::CreateEnum(e) | Step::DropEnum(e) => {
                    self.tag(if matches!(step, Step::CreateEnum(_)) {
                        "create_enum"
                    } else {
                        "drop_enum"
                    });
                    self.str(e.name);
                    self.list(e.values);
                }
                // A tag of its own, added with the step: the encoding of every older step is
                // unchanged, so no stored checksum changes.
                Step::AlterEnum { from, to } => {
                    self.tag("alter_enum");
                    self.str(from.name);
                    self.list(from.values);
                    self.str(to.name);
                    self.list(to.values);
                }
                Step::CreateTable(t) => {
                    self.tag("create_table");
                    self.table(t);
                }
                Step::DropTable { table } => {
                    self.tag("drop_table");
                    self.str(table);
                }
                Step::CreateIndex { table, index } => {
                    self.tag("create_index");
                    self.str(table);
                    self.index(&index);
                }
                Step::DropIndex {
                    table,
                    name,
                    if_exists,
                } => {
                    self.tag("drop_index");
                    self.str(table);
                    self.str(name);
                    self.bool(if_exists);
                }
                Step::AddColumn { table, column } => {
                    self.tag("add_column");
                    self.str(table);
                    self.column(&column);
                }
                Step::DropColumn {
                    table,
                    column,
                    if_exists,
                } => {
                    self.tag("drop_column");
                    self.str(table);
                    self.str(column);
                    self.bool(if_exists);
                }
                Step::AlterColumn {
                    table,
                    column,
                    change,
                } => {
                    self.tag("alter_column");
                    self.str(table);
                    self.str(column);
                    match change {
                        ColumnChange::SetType(t) => {
                            self.tag("type");
                            self.sql_type(t);
                        }
                        ColumnChange::SetNullable(n) => {
                            self.tag("nullable");
                            self.bool(n);
                        }
                        ColumnChange::SetDefault(d) => {
                            self.tag("default");
                            self.default_value(d);
                        }
                        ColumnChange::SetIdentity(i) => {
                            self.tag("set_identity");
                            match i {
                                Some(_) => self.identity(i),
                                None => self.tag("none"),
                            }
                        }
                        ColumnChange::SetOnUpdate(o) => {
                            self.tag("set_on_update");
                            match o {
                                Some(_) => self.on_update(o),
                                None => self.tag("none"),
                            }
                        }
                        ColumnChange::SetComment(c) => {
                            self.tag("set_comment");
                            self.opt(c);
                        }
                        ColumnChange::SetCollation(c) => {
                            self.tag("set_collation");
                            match c {
                                Some(text) => self.dialect_text(&text),
                                None => self.tag("none"),
                            }
                        }
                    }
                }
                Step::AddUnique { table, unique } => {
                    self.tag("add_unique");
                    self.str(table);
                    self.unique(&unique);
                }
                Step::DropUnique { table, name } => {
                    self.tag("drop_unique");
                    self.str(table);
                    self.str(name);
                }
                Step::AddForeignKey { table, foreign_key } => {
                    self.tag("add_foreign_key");
                    self.str(table);
                    self.foreign_key(&foreign_key);
                }
                Step::DropForeignKey { table, name } => {
                    self.tag("drop_foreign_key");
                    self.str(table);
                    self.str(name);
                }
                Step::RenameTable { from, to } => {
                    self.tag("rename_table");
                    self.str(from);
                    self.str(to);
                }
                Step::RenameColumn { table, from, to } => {
                    self.tag("rename_column");
                    self.str(table);
                    self.str(from);
                    self.str(to);
                }
                Step::AddCheck { table, check } => {
                    self.tag("add_check");
                    self.str(table);
                    self.check(&check);
                }
                Step::DropCheck { table, name } => {
                    self.tag("drop_check");
                    self.str(table);
                    self.str(name);
                }
                Step::SetTableComment { table, comment } => {
                    self.tag("set_table_comment");
                    self.str(table);
                    self.opt(comment);
                }
                Step::CreateSchema { name } => {
                    self.tag("create_schema");
                    self.str(name);
                }
                Step::DropSchema { name } => {
                    self.tag("drop_schema");
                    self.str(name);
                }
                Step::Sql(raw) => {
                    self.tag("sql");
                    // The SQL text is normalised to `\n` line endings and trimmed, so a
                    // checkout with CRLF endings does not change the checksum.
                    for variant in [raw.postgres, raw.sqlite, raw.mysql] {
                        let normalised = variant.map(|s| s.replace("\r\n", "\n").trim().to_owned());
                        self.opt(normalised.as_deref());
                    }
                    self.bool(raw.required);
                }
            }
        }
    }
}
