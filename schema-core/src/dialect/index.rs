//! `CREATE INDEX` in every form the model has (descending keys, an expression key, `WHERE`,
//! `USING`, `INCLUDE`, `NULLS NOT DISTINCT`), and the error for a form a dialect lacks: it names
//! the table, the index and the dialect, and is never other SQL.

use super::{Caps, Dialect, RenderError, RenderErrorKind};
use crate::model::{IndexDef, IndexMethod, TableView, UniqueDef};

/// `CREATE [UNIQUE] INDEX name ON table [USING m] (keys) [INCLUDE (...)] [NULLS NOT DISTINCT]
/// [WHERE ...]`; an error names a form `dialect` cannot express.
pub fn create_index_statement(
    table: &TableView<'_>,
    index: &IndexDef,
    dialect: Dialect,
) -> Result<String, RenderError> {
    index_sql(table.schema, table.name, index, dialect).map_err(|kind| RenderError {
        step: format!("create index {} on {}", index.name, table.name),
        dialect: dialect.name(),
        kind,
    })
}

/// [`create_index_statement`] with its error unnamed.
pub(crate) fn index_sql(
    schema: Option<&str>,
    table: &str,
    index: &IndexDef,
    dialect: Dialect,
) -> Result<String, RenderErrorKind> {
    supported(table, index, dialect)?;
    let mut out = format!(
        "CREATE {}INDEX {} ON {}",
        if index.unique { "UNIQUE " } else { "" },
        dialect.quote(index.name),
        super::ddl::table_ident(schema, table, dialect)
    );
    if index.method != IndexMethod::BTree {
        out.push_str(" USING ");
        out.push_str(index.method.sql());
    }
    out.push_str(&format!(" ({})", keys(index, dialect)));
    if !index.include.is_empty() {
        out.push_str(&format!(" INCLUDE ({})", dialect.quote_list(index.include)));
    }
    if index.nulls_not_distinct {
        out.push_str(" NULLS NOT DISTINCT");
    }
    if let Some(predicate) = index.predicate {
        out.push_str(" WHERE ");
        out.push_str(predicate.trim());
    }
    Ok(out)
}

/// The key list: each column (` DESC` where it descends), or the one expression in parentheses.
pub(crate) fn keys(index: &IndexDef, dialect: Dialect) -> String {
    if let Some(expr) = index.expr {
        return format!("({})", expr.trim());
    }
    let keys: Vec<String> = index
        .columns
        .iter()
        .map(|c| {
            let key = dialect.quote(c);
            if index.is_descending(c) {
                format!("{key} DESC")
            } else {
                key
            }
        })
        .collect();
    keys.join(", ")
}

/// `Ok` when `dialect` can create `index` as declared; else what it lacks.
pub(crate) fn supported(
    table: &str,
    index: &IndexDef,
    dialect: Dialect,
) -> Result<(), RenderErrorKind> {
    match index.lacking(dialect.caps()) {
        Some(what) => Err(cannot(
            &format!("index `{}` on `{table}`", index.name),
            what,
            dialect,
        )),
        None => Ok(()),
    }
}

impl IndexDef {
    /// The first form of this index a database with `caps` cannot create, as the errors name
    /// it (``a partial index (`where`)``); `None` when it can create all of them. A `const fn`,
    /// so `schema! { #[dialects(...)] ... }` asks the same question at compile time.
    pub(crate) const fn lacking(&self, caps: &Caps) -> Option<&'static str> {
        if self.predicate.is_some() && !caps.partial_indexes {
            Some("a partial index (`where`)")
        } else if self.expr.is_some() && !caps.expression_indexes {
            Some("an expression index (`expr`; MariaDB has none)")
        } else if !matches!(self.method, IndexMethod::BTree) && !caps.index_methods {
            Some("an index method other than B-tree (`method`)")
        } else if !self.include.is_empty() && !caps.index_include {
            Some("stored columns (`include`)")
        } else if self.nulls_not_distinct && !caps.nulls_not_distinct {
            Some("`nulls_not_distinct`")
        } else {
            None
        }
    }
}

impl UniqueDef {
    /// What a database with `caps` lacks to create this constraint (only PostgreSQL has
    /// `NULLS NOT DISTINCT`); `None` when it can. `const`, as [`IndexDef::lacking`].
    pub(crate) const fn lacking(&self, caps: &Caps) -> Option<&'static str> {
        if self.nulls_not_distinct && !caps.nulls_not_distinct {
            Some("`nulls_not_distinct`")
        } else {
            None
        }
    }
}

/// `Ok` when `dialect` can create `unique` as declared (only PostgreSQL has `NULLS NOT
/// DISTINCT`).
pub(crate) fn unique_supported(
    table: &str,
    unique: &UniqueDef,
    dialect: Dialect,
) -> Result<(), RenderErrorKind> {
    match unique.lacking(dialect.caps()) {
        Some(what) => Err(cannot(
            &format!("unique constraint `{}` on `{table}`", unique.name),
            what,
            dialect,
        )),
        None => Ok(()),
    }
}

/// `{subject} has {what}, which {dialect} cannot create: ...`.
pub(crate) fn cannot(subject: &str, what: &str, dialect: Dialect) -> RenderErrorKind {
    let name = dialect.name();
    RenderErrorKind::Unsupported(format!(
        "{subject} has {what}, which {name} cannot create: leave {name} out of the schema's \
         dialects (`schema! {{ #[dialects(...)] ... }}`), or write the index for {name} in a raw \
         SQL step"
    ))
}
