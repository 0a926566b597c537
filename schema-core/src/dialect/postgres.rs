//! PostgreSQL: the reference dialect, whose spelling is the shared default; type names match
//! what the ontology hub's schema uses. Its own: `true`/`false`, named enum types, and how an
//! enum type changes (`ADD VALUE`, or a new type with every column converted through text).

use super::caps::{self, Caps};
use super::common::{is_of_enum, tables_using_enum, SqlDialect};
use super::render::{Rendered, StepContext};
use super::{ddl, Dialect, RenderError};
use crate::model::{EnumDef, SqlType, TableState};

/// PostgreSQL.
pub(super) struct Postgres;

impl SqlDialect for Postgres {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn caps(&self) -> &'static Caps {
        &caps::POSTGRES
    }

    fn column_type(&self, sql_type: SqlType) -> String {
        match sql_type {
            SqlType::Uuid => "UUID".into(),
            SqlType::Varchar(None) => "VARCHAR".into(),
            SqlType::Varchar(Some(n)) => format!("VARCHAR({n})"),
            SqlType::Text => "TEXT".into(),
            SqlType::SmallInt => "SMALLINT".into(),
            SqlType::Integer => "INTEGER".into(),
            SqlType::BigInt => "BIGINT".into(),
            SqlType::Real => "REAL".into(),
            SqlType::Double => "DOUBLE PRECISION".into(),
            SqlType::Boolean => "BOOLEAN".into(),
            SqlType::Bytes => "BYTEA".into(),
            SqlType::Timestamp => "TIMESTAMP WITHOUT TIME ZONE".into(),
            SqlType::TimestampTz => "TIMESTAMP WITH TIME ZONE".into(),
            SqlType::Date => "DATE".into(),
            SqlType::Json => "JSON".into(),
            SqlType::Jsonb => "JSONB".into(),
            SqlType::Enum(e) => self.quote(e.name),
        }
    }

    fn bool_literal(&self, value: bool) -> &'static str {
        if value {
            "true"
        } else {
            "false"
        }
    }

    fn table_names_sql(&self) -> &'static str {
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()"
    }

    fn script_hint(&self) -> Option<&'static str> {
        Some("apply in one transaction: psql -1 -f FILE")
    }

    fn alter_enum(
        &self,
        cx: &StepContext<'_>,
        from: &'static EnumDef,
        to: &'static EnumDef,
    ) -> Result<Rendered, RenderError> {
        let after = cx.after()?;
        let kept: Vec<&str> = to
            .values
            .iter()
            .filter(|v| from.values.contains(v))
            .copied()
            .collect();
        if kept.as_slice() == from.values {
            return Ok(Rendered::sql(self.add_values(from, to, kept.first())));
        }
        let tables = tables_using_enum(&cx.before.tables, &after, from.name);
        Ok(Rendered::sql(self.recreate_enum(from, to, &tables)))
    }
}

impl Postgres {
    /// Only labels added, the others in place: `ALTER TYPE e ADD VALUE 'x' [BEFORE | AFTER]`.
    fn add_values(&self, from: &EnumDef, to: &EnumDef, first_kept: Option<&&str>) -> Vec<String> {
        let lit = |text: &str| self.string_literal(text);
        let mut out = Vec::new();
        for (i, value) in to.values.iter().enumerate() {
            if from.values.contains(value) {
                continue;
            }
            let place = match (i, first_kept) {
                (0, Some(next)) => format!(" BEFORE {}", lit(next)),
                (0, None) => String::new(),
                (_, _) => format!(" AFTER {}", lit(to.values[i - 1])),
            };
            out.push(format!(
                "ALTER TYPE {} ADD VALUE {}{place}",
                self.quote(to.name),
                lit(value)
            ));
        }
        out
    }

    /// A label cannot be dropped from a PostgreSQL enum: make the type anew and convert each
    /// column through text.
    fn recreate_enum(
        &self,
        from: &EnumDef,
        to: &'static EnumDef,
        tables: &[(&TableState, &TableState)],
    ) -> Vec<String> {
        let q = |ident: &str| self.quote(ident);
        let mut old_name = from.name.to_owned();
        while old_name.len() > 59 {
            old_name.pop();
        }
        old_name.push_str("_old");
        let mut out = vec![format!(
            "ALTER TYPE {} RENAME TO {}",
            q(from.name),
            q(&old_name)
        )];
        out.extend(ddl::create_enum_statement(to, Dialect::Postgres));
        for (old, new) in tables {
            for column in old.columns.iter().filter(|c| is_of_enum(c, from.name)) {
                let alter = format!(
                    "ALTER TABLE {} ALTER COLUMN {}",
                    q(old.name),
                    q(column.name)
                );
                // The old default cannot be cast to the new type: drop it, then set the
                // column's default as the step leaves it.
                if column.default.is_some() {
                    out.push(format!("{alter} DROP DEFAULT"));
                }
                out.push(format!(
                    "{alter} TYPE {ty} USING {}::text::{ty}",
                    q(column.name),
                    ty = q(to.name)
                ));
                if let Some(default) = new.column(column.name).and_then(|c| c.default) {
                    out.push(format!(
                        "{alter} SET DEFAULT {}",
                        Dialect::Postgres.default_value(default, SqlType::Enum(to))
                    ));
                }
            }
        }
        out.push(format!("DROP TYPE {}", q(&old_name)));
        out
    }
}
