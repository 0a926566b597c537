//! `CREATE` and `DROP` statements for tables, indexes, enum types and whole schemas, shared by
//! every dialect; what a dialect spells differently it answers through `SqlDialect`.

use super::index::unique_supported;
use super::{Dialect, RenderError, RenderErrorKind};
use crate::model::{
    CheckDef, ColumnDef, EnumDef, ForeignKeyDef, ReferentialAction, Schema, TableDef, UniqueDef,
};

pub use super::comments::comment_statements;
pub use super::index::create_index_statement;
/// Re-exported from [`crate::model`], where it lives now.
pub use crate::model::TableView;

/// A table's name in a statement: `"schema"."name"` where the dialect has schemas, else the
/// quoted name.
pub fn table_ident(schema: Option<&str>, name: &str, dialect: Dialect) -> String {
    match schema {
        Some(s) if dialect.caps().schemas => {
            format!("{}.{}", dialect.quote(s), dialect.quote(name))
        }
        _ => dialect.quote(name),
    }
}

/// The error for a table in a PostgreSQL schema, on a dialect without schemas.
pub(crate) fn no_schemas(table: &str, schema: &str, dialect: Dialect) -> RenderErrorKind {
    let name = dialect.name();
    RenderErrorKind::Unsupported(format!(
        "table `{table}` is in PostgreSQL schema `{schema}`, and {name} has no schemas: leave \
         {name} out of the schema's dialects, or the table out of `#[table(schema = ...)]`"
    ))
}

/// `CREATE TABLE` with its columns, primary key, unique constraints and the foreign keys not
/// in `deferred`, as one statement; an error names what this dialect cannot store.
pub fn create_table_statement(
    table: &TableView<'_>,
    dialect: Dialect,
    deferred: &[&ForeignKeyDef],
) -> Result<String, RenderError> {
    let fail = |kind| RenderError {
        step: format!("create table {}", table.name),
        dialect: dialect.name(),
        kind,
    };
    if let Some(schema) = table.schema.filter(|_| !dialect.caps().schemas) {
        return Err(fail(no_schemas(table.name, schema, dialect)));
    }
    let mut lines: Vec<String> = table
        .columns
        .iter()
        .map(|c| column_sql(c, table, dialect))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    if table.primary_key.exists() && !dialect.sql().inline_primary_key(table) {
        lines.push(format!(
            "CONSTRAINT {} PRIMARY KEY ({})",
            dialect.quote(table.primary_key.name),
            dialect.quote_list(table.primary_key.columns)
        ));
    }
    for unique in table.uniques {
        lines.push(unique_clause(table.name, unique, dialect).map_err(fail)?);
    }
    for fk in table.foreign_keys {
        if !deferred.iter().any(|d| std::ptr::eq(*d, fk)) {
            lines.push(foreign_key_sql(fk, dialect).map_err(fail)?);
        }
    }
    for check in table.checks {
        lines.push(check_clause(table.name, check, dialect).map_err(fail)?);
    }
    let mut suffix = dialect.sql().table_options().to_owned();
    if let Some(comment) = table.comment.filter(|_| dialect.sql().comments_inline()) {
        suffix.push_str(&format!(" COMMENT={}", dialect.string_literal(comment)));
    }
    Ok(format!(
        "CREATE TABLE {} (\n    {}\n){suffix}",
        table_ident(table.schema, table.name, dialect),
        lines.join(",\n    ")
    ))
}

/// `CONSTRAINT name UNIQUE [NULLS NOT DISTINCT] (...)`.
pub(crate) fn unique_clause(
    table: &str,
    unique: &UniqueDef,
    dialect: Dialect,
) -> Result<String, RenderErrorKind> {
    unique_supported(table, unique, dialect)?;
    let nulls = if unique.nulls_not_distinct {
        " NULLS NOT DISTINCT"
    } else {
        ""
    };
    Ok(format!(
        "CONSTRAINT {} UNIQUE{nulls} ({})",
        dialect.quote(unique.name),
        dialect.quote_list(unique.columns)
    ))
}

/// `CONSTRAINT name CHECK (expr)`, the expression as written for `dialect`.
pub(crate) fn check_clause(
    table: &str,
    check: &CheckDef,
    dialect: Dialect,
) -> Result<String, RenderErrorKind> {
    let expr = check.expr.for_dialect(dialect).ok_or_else(|| {
        RenderErrorKind::Unsupported(format!(
            "check `{}` on `{table}` has no {name} expression: add `{name} = \"...\"` to its \
             `expr(...)`",
            check.name,
            name = dialect.name()
        ))
    })?;
    Ok(format!(
        "CONSTRAINT {} CHECK ({})",
        dialect.quote(check.name),
        expr.trim()
    ))
}

/// One column definition of `table`: `"name" TYPE [NOT NULL] [DEFAULT ...] [identity]
/// [ON UPDATE ...] [CHECK (...)]`.
pub fn column_definition(
    column: &ColumnDef,
    table: &TableView<'_>,
    dialect: Dialect,
) -> Result<String, RenderError> {
    column_sql(column, table, dialect).map_err(|kind| RenderError {
        step: format!("column {}.{}", table.name, column.name),
        dialect: dialect.name(),
        kind,
    })
}

/// [`column_definition`], its error naming the column.
pub(crate) fn column_sql(
    column: &ColumnDef,
    table: &TableView<'_>,
    dialect: Dialect,
) -> Result<String, RenderErrorKind> {
    let d = dialect.sql();
    let named = |kind: RenderErrorKind| match kind {
        RenderErrorKind::Unsupported(why) => {
            RenderErrorKind::Unsupported(format!("column `{}.{}`: {why}", table.name, column.name))
        }
        other => other,
    };
    let mut out = format!(
        "{} {}",
        dialect.quote(column.name),
        d.column_type_of(column).map_err(named)?
    );
    if let Some(collation) = column.collation {
        out.push_str(&d.collation_clause(&collation).map_err(named)?);
    }
    if !column.nullable {
        out.push_str(" NOT NULL");
    }
    if let Some(default) = column.default {
        out.push_str(" DEFAULT ");
        out.push_str(
            &dialect
                .default_value(default, column.sql_type)
                .map_err(named)?,
        );
    }
    if let Some(identity) = column.identity {
        out.push_str(&d.identity_clause(column, identity, table).map_err(named)?);
    }
    if let Some(on_update) = column.on_update {
        out.push_str(
            &d.on_update_clause(on_update, column.sql_type)
                .map_err(named)?,
        );
    }
    if let Some(check) = dialect.column_check(column.sql_type, column.name) {
        out.push(' ');
        out.push_str(&check);
    }
    if let Some(comment) = column.comment.filter(|_| d.comments_inline()) {
        out.push_str(&format!(" COMMENT {}", dialect.string_literal(comment)));
    }
    Ok(out)
}

/// `CONSTRAINT name FOREIGN KEY (...) REFERENCES t (...) [ON DELETE ...] [ON UPDATE ...]`
/// (the referenced table in its schema, where the dialect has them).
pub fn foreign_key_clause(fk: &ForeignKeyDef, dialect: Dialect) -> String {
    let mut out = format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
        dialect.quote(fk.name),
        dialect.quote_list(fk.columns),
        table_ident(fk.ref_schema, fk.ref_table, dialect),
        dialect.quote_list(fk.ref_columns)
    );
    // NO ACTION is every database's default: leaving it out matches what the catalog holds.
    if fk.on_delete != ReferentialAction::NoAction {
        out.push_str(" ON DELETE ");
        out.push_str(fk.on_delete.sql());
    }
    if fk.on_update != ReferentialAction::NoAction {
        out.push_str(" ON UPDATE ");
        out.push_str(fk.on_update.sql());
    }
    out
}

/// [`foreign_key_clause`], or why `dialect` cannot reference the table (in a schema, where
/// it has none).
pub(crate) fn foreign_key_sql(
    fk: &ForeignKeyDef,
    dialect: Dialect,
) -> Result<String, RenderErrorKind> {
    if let Some(schema) = fk.ref_schema.filter(|_| !dialect.caps().schemas) {
        return Err(no_schemas(fk.ref_table, schema, dialect));
    }
    Ok(foreign_key_clause(fk, dialect))
}

/// `DROP INDEX` (MySQL needs the table; PostgreSQL the schema).
pub fn drop_index_statement(
    schema: Option<&str>,
    table: &str,
    index: &str,
    if_exists: bool,
    dialect: Dialect,
) -> String {
    dialect
        .sql()
        .drop_index_statement(schema, table, index, if_exists)
}

/// `DROP TABLE`.
pub fn drop_table_statement(schema: Option<&str>, table: &str, dialect: Dialect) -> String {
    format!("DROP TABLE {}", table_ident(schema, table, dialect))
}

/// `CREATE TYPE ... AS ENUM (...)`: PostgreSQL only; other dialects inline enums in columns.
pub fn create_enum_statement(enum_def: &EnumDef, dialect: Dialect) -> Option<String> {
    dialect.caps().enum_types.then(|| {
        let values: Vec<String> = enum_def
            .values
            .iter()
            .map(|v| dialect.string_literal(v))
            .collect();
        format!(
            "CREATE TYPE {} AS ENUM ({})",
            dialect.quote(enum_def.name),
            values.join(", ")
        )
    })
}

/// `DROP TYPE`: PostgreSQL only.
pub fn drop_enum_statement(enum_def: &EnumDef, dialect: Dialect) -> Option<String> {
    dialect
        .caps()
        .enum_types
        .then(|| format!("DROP TYPE {}", dialect.quote(enum_def.name)))
}

/// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`, for keys deferred by a reference cycle.
pub fn add_foreign_key_statement(
    schema: Option<&str>,
    table: &str,
    fk: &ForeignKeyDef,
    dialect: Dialect,
) -> String {
    format!(
        "ALTER TABLE {} ADD {}",
        table_ident(schema, table, dialect),
        foreign_key_clause(fk, dialect)
    )
}

/// `ALTER TABLE ... DROP CONSTRAINT` (MySQL: `DROP FOREIGN KEY`) for a foreign key.
pub fn drop_foreign_key_statement(
    schema: Option<&str>,
    table: &str,
    name: &str,
    dialect: Dialect,
) -> String {
    let verb = dialect.sql().drop_foreign_key_verb();
    format!(
        "ALTER TABLE {} {verb} {}",
        table_ident(schema, table, dialect),
        dialect.quote(name)
    )
}

/// `INSERT INTO table (columns) VALUES (placeholders)` for every column the database does not
/// generate (identity columns are left out), in field order: `$1` on PostgreSQL, `?` elsewhere.
pub fn insert_statement(table: &TableDef, dialect: Dialect) -> String {
    let names: Vec<&str> = table
        .columns
        .iter()
        .filter(|c| !c.is_generated())
        .map(|c| c.name)
        .collect();
    let placeholders: Vec<String> = (1..=names.len()).map(|i| dialect.placeholder(i)).collect();
    let target = table_ident(table.schema, table.name, dialect);
    if names.is_empty() {
        return format!("INSERT INTO {target} DEFAULT VALUES");
    }
    format!(
        "INSERT INTO {target} ({}) VALUES ({})",
        dialect.quote_list(&names),
        placeholders.join(", ")
    )
}

/// [`insert_statement`], returning the generated key where the dialect can
/// (`RETURNING "id"` on PostgreSQL and SQLite); elsewhere the plain insert, whose result carries
/// the key (MySQL's `LAST_INSERT_ID()`). `None` when the table has no identity column.
pub fn insert_returning_statement(table: &TableDef, dialect: Dialect) -> Option<String> {
    let key = table.columns.iter().find(|c| c.is_generated())?;
    let insert = insert_statement(table, dialect);
    Some(if dialect.caps().returning {
        format!("{insert} RETURNING {}", dialect.quote(key.name))
    } else {
        insert
    })
}

/// One table on its own: `CREATE TABLE`, its comments, then its indexes. Enum types are the
/// schema's (see [`Schema::create_sql`]). An external table creates nothing.
pub fn create_table(table: &TableDef, dialect: Dialect) -> Result<Vec<String>, RenderError> {
    if table.external {
        return Ok(Vec::new());
    }
    let view = table.view();
    let mut out = vec![create_table_statement(&view, dialect, &[])?];
    out.extend(comment_statements(&view, dialect));
    for index in table.indexes {
        out.push(create_index_statement(&view, index, dialect)?);
    }
    Ok(out)
}

/// One table on its own: `DROP TABLE` (its indexes and constraints go with it).
pub fn drop_table(table: &TableDef, dialect: Dialect) -> Vec<String> {
    if table.external {
        return Vec::new();
    }
    vec![drop_table_statement(table.schema, table.name, dialect)]
}

/// `CREATE SCHEMA` / `DROP SCHEMA`, or why `dialect` has none.
pub(crate) fn schema_statement(
    verb: &str,
    name: &str,
    dialect: Dialect,
) -> Result<String, RenderErrorKind> {
    if !dialect.caps().schemas {
        return Err(RenderErrorKind::Unsupported(format!(
            "schemas are PostgreSQL's and {} has none",
            dialect.name()
        )));
    }
    Ok(format!("{verb} SCHEMA {}", dialect.quote(name)))
}

fn create_schema(schema: &Schema, dialect: Dialect) -> Result<Vec<String>, RenderError> {
    let order = schema.creation_order();
    let deferred = deferred_for(&order.deferred, dialect);
    let owned = || order.tables.iter().filter(|t| !t.external);
    let mut out: Vec<String> = Vec::new();
    let mut schemas: Vec<&str> = Vec::new();
    for table in owned() {
        if let Some(s) = table.schema.filter(|s| !schemas.contains(s)) {
            schemas.push(s);
            if !dialect.caps().schemas {
                return Err(RenderError {
                    step: format!("create table {}", table.name),
                    dialect: dialect.name(),
                    kind: no_schemas(table.name, s, dialect),
                });
            }
            out.push(format!("CREATE SCHEMA {}", dialect.quote(s)));
        }
    }
    out.extend(
        schema
            .enums()
            .iter()
            .filter_map(|e| create_enum_statement(e, dialect)),
    );
    for table in owned() {
        let own: Vec<&ForeignKeyDef> = deferred
            .iter()
            .filter(|(t, _)| t.name == table.name)
            .map(|(_, fk)| *fk)
            .collect();
        let view = table.view();
        out.push(create_table_statement(&view, dialect, &own)?);
        out.extend(comment_statements(&view, dialect));
    }
    for (table, fk) in &deferred {
        out.push(add_foreign_key_statement(
            table.schema,
            table.name,
            fk,
            dialect,
        ));
    }
    for table in owned() {
        for index in table.indexes {
            out.push(create_index_statement(&table.view(), index, dialect)?);
        }
    }
    Ok(out)
}

fn drop_schema(schema: &Schema, dialect: Dialect) -> Vec<String> {
    let order = schema.creation_order();
    let deferred = deferred_for(&order.deferred, dialect);
    let mut out: Vec<String> = deferred
        .iter()
        .rev()
        .map(|(t, fk)| drop_foreign_key_statement(t.schema, t.name, fk.name, dialect))
        .collect();
    out.extend(
        order
            .tables
            .iter()
            .rev()
            .filter(|t| !t.external)
            .map(|t| drop_table_statement(t.schema, t.name, dialect)),
    );
    out.extend(
        schema
            .enums()
            .iter()
            .rev()
            .filter_map(|e| drop_enum_statement(e, dialect)),
    );
    if dialect.caps().schemas {
        let mut schemas: Vec<&str> = Vec::new();
        for table in order.tables.iter().filter(|t| !t.external) {
            if let Some(s) = table.schema.filter(|s| !schemas.contains(s)) {
                schemas.push(s);
            }
        }
        out.extend(
            schemas
                .iter()
                .rev()
                .map(|s| format!("DROP SCHEMA {}", dialect.quote(s))),
        );
    }
    out
}

/// The keys of a reference cycle that `dialect` adds after the tables (none on SQLite, which
/// resolves a key's table when rows are written).
fn deferred_for(
    deferred: &[(&'static TableDef, &'static ForeignKeyDef)],
    dialect: Dialect,
) -> Vec<(&'static TableDef, &'static ForeignKeyDef)> {
    if dialect.caps().defers_cyclic_foreign_keys {
        deferred.to_vec()
    } else {
        Vec::new()
    }
}

impl Schema {
    /// Every statement that creates the schema on an empty database: enum types, then tables
    /// in dependency order, then indexes (and, for a reference cycle, the deferred keys). An
    /// error names the table, the column and what `dialect` cannot store (a PostgreSQL-only
    /// type on SQLite, say).
    pub fn create_sql(&self, dialect: Dialect) -> Result<Vec<String>, RenderError> {
        create_schema(self, dialect)
    }

    /// Every statement that drops the schema: the reverse of [`Schema::create_sql`]. Each
    /// table's indexes and constraints go with its `DROP TABLE`; enum types go last.
    pub fn drop_sql(&self, dialect: Dialect) -> Vec<String> {
        drop_schema(self, dialect)
    }
}
