//! Two [`LiveSchema`]s compared part by part, one [`Difference`] per way they differ. Every
//! part (table, column, key, index, enum type) goes through one keyed diff, [`keyed`]: in the
//! expected side and missing from the actual one, in the actual side and not expected, or in
//! both (then its fields are compared).

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::{Difference, Sides};
use crate::introspect::{
    LiveCheck, LiveColumn, LiveForeignKey, LiveIndex, LiveKey, LiveSchema, LiveTable,
};
use crate::model::ObjectKind;

/// What a comparison leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareOptions {
    /// Compare table and column comments (off for a team that keeps none in the database).
    pub comments: bool,
    /// Compare views and triggers: on when the expected side knows them (the chain's raw
    /// steps declare them), off when it cannot (models alone).
    pub objects: bool,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            comments: true,
            objects: true,
        }
    }
}

/// How an item of one side matched the other.
enum Match<'t, T> {
    /// Only expected.
    Missing(&'t T),
    /// Only actual.
    Extra(&'t T),
    /// Both: (expected, actual).
    Both(&'t T, &'t T),
}

/// The items of both sides matched by `key`: the expected ones in order (each missing or
/// paired with the first actual item of its key), then the actual ones nobody expected. Each
/// key is computed once per item (a schema has thousands of tables).
fn keyed<'t, T, K: Eq + Hash>(
    expected: &'t [T],
    actual: &'t [T],
    key: impl Fn(&T) -> K,
) -> Vec<Match<'t, T>> {
    let mut by_key: HashMap<K, &'t T> = HashMap::with_capacity(actual.len());
    for a in actual {
        by_key.entry(key(a)).or_insert(a);
    }
    let expected_keys: HashSet<K> = expected.iter().map(&key).collect();
    let mut out: Vec<Match<'t, T>> = expected
        .iter()
        .map(|e| match by_key.get(&key(e)) {
            Some(a) => Match::Both(e, a),
            None => Match::Missing(e),
        })
        .collect();
    out.extend(
        actual
            .iter()
            .filter(|a| !expected_keys.contains(&key(a)))
            .map(Match::Extra),
    );
    out
}

/// Collects differences, naming the two sides.
struct Report {
    a: &'static str,
    e: &'static str,
    options: CompareOptions,
    /// Indexes written by hand in raw steps, as `(table, name)`: not the models' to compare.
    known_indexes: HashSet<(String, String)>,
    out: Vec<Difference>,
}

impl Report {
    fn push(&mut self, subject: impl Into<String>, detail: String) {
        self.out.push(Difference {
            subject: subject.into(),
            detail,
        });
    }

    /// `in {e}, missing in {a}` or `in {a}, not in {e}`, after `what`.
    fn presence<T>(&mut self, m: &Match<'_, T>, subject: impl Into<String>, what: &str) {
        let (a, e) = (self.a, self.e);
        match m {
            Match::Missing(_) => self.push(subject, format!("{what}in {e}, missing in {a}")),
            Match::Extra(_) => self.push(subject, format!("{what}in {a}, not in {e}")),
            Match::Both(..) => {}
        }
    }

    /// `{what} is {actual} in {a}, {expected} in {e}` when they differ.
    fn field(&mut self, subject: &str, what: &str, expected: &str, actual: &str) {
        if expected != actual {
            let (a, e) = (self.a, self.e);
            self.push(
                subject,
                format!("{what} is {actual} in {a}, {expected} in {e}"),
            );
        }
    }

    /// `{what} is named {actual} in {a}, {expected} in {e}`, where both sides keep names.
    fn name(
        &mut self,
        subject: &str,
        what: &str,
        expected: &Option<String>,
        actual: &Option<String>,
    ) {
        if let (Some(en), Some(an)) = (expected, actual) {
            if en != an {
                let (a, e) = (self.a, self.e);
                self.push(subject, format!("{what} is named {an} in {a}, {en} in {e}"));
            }
        }
    }
}

fn list(columns: &[String]) -> String {
    columns.join(", ")
}

/// Every difference between `expected` and `actual`: each expected table's (or its absence),
/// then tables nobody expected, then enum types.
pub fn compare(expected: &LiveSchema, actual: &LiveSchema, sides: Sides) -> Vec<Difference> {
    compare_with(expected, actual, sides, CompareOptions::default())
}

/// [`compare`], leaving out what `options` says.
pub fn compare_with(
    expected: &LiveSchema,
    actual: &LiveSchema,
    sides: Sides,
    options: CompareOptions,
) -> Vec<Difference> {
    let mut r = Report {
        a: sides.actual,
        e: sides.expected,
        options,
        known_indexes: expected
            .objects
            .iter()
            .filter(|o| o.kind == ObjectKind::Index)
            .map(|o| (o.table.clone().unwrap_or_default(), o.name.clone()))
            .collect(),
        out: Vec::new(),
    };
    let table_key = |t: &LiveTable| (t.schema.clone(), t.name.clone());
    for m in keyed(&expected.tables, &actual.tables, table_key) {
        match m {
            Match::Both(model, live) if model.external => {
                let t = model.display_name();
                primary_key(
                    &mut r,
                    &t,
                    model.primary_key.as_ref(),
                    live.primary_key.as_ref(),
                );
            }
            Match::Both(model, live) => table(&mut r, model, live),
            Match::Missing(t) | Match::Extra(t) => {
                r.presence(&m, format!("table {}", t.display_name()), "")
            }
        }
    }
    if options.objects {
        let compared = |o: &&crate::introspect::LiveObject| o.kind != ObjectKind::Index;
        let expected_objects: Vec<_> = expected.objects.iter().filter(compared).cloned().collect();
        let actual_objects: Vec<_> = actual.objects.iter().filter(compared).cloned().collect();
        for m in keyed(&expected_objects, &actual_objects, |o| {
            (o.kind, o.name.clone())
        }) {
            let (Match::Missing(o) | Match::Extra(o) | Match::Both(o, _)) = m;
            let on = o
                .table
                .as_ref()
                .map_or_else(String::new, |t| format!(" on {t}"));
            r.presence(&m, format!("{} {}{on}", o.kind.word(), o.name), "");
        }
    }
    for m in keyed(&expected.enums, &actual.enums, |x| x.name.clone()) {
        match m {
            Match::Both(model, live) => {
                if model.values != live.values {
                    let (a, e) = (r.a, r.e);
                    let detail = format!(
                        "labels are ({}) in {a}, ({}) in {e}",
                        live.values.join(", "),
                        model.values.join(", ")
                    );
                    r.push(format!("enum type {}", model.name), detail);
                }
            }
            Match::Missing(x) | Match::Extra(x) => {
                r.presence(&m, format!("enum type {}", x.name), "")
            }
        }
    }
    r.out
}

/// One table as expected (`model`) against how it is (`live`).
fn table(r: &mut Report, model: &LiveTable, live: &LiveTable) {
    let t = &model.display_name();
    if r.options.comments {
        let show =
            |c: &Option<String>| c.as_deref().map_or("none".to_owned(), |c| format!("{c:?}"));
        r.field(t, "comment", &show(&model.comment), &show(&live.comment));
    }
    columns(r, t, &model.columns, &live.columns);
    primary_key(r, t, model.primary_key.as_ref(), live.primary_key.as_ref());
    uniques(r, t, &model.uniques, &live.uniques);
    let known = |i: &&LiveIndex| {
        !r.known_indexes
            .contains(&(model.name.clone(), i.name.clone()))
    };
    let live_indexes: Vec<LiveIndex> = live.indexes.iter().filter(known).cloned().collect();
    indexes(r, t, &model.indexes, &live_indexes);
    foreign_keys(r, t, &model.foreign_keys, &live.foreign_keys);
    checks(r, t, &model.checks, &live.checks);
}

fn checks(r: &mut Report, t: &str, model: &[LiveCheck], live: &[LiveCheck]) {
    let key = |c: &LiveCheck| c.name.clone().unwrap_or_else(|| c.expr.clone());
    for m in keyed(model, live, key) {
        let (Match::Missing(c) | Match::Extra(c) | Match::Both(c, _)) = m;
        let subject = format!("check {} on {t}", key(c));
        match m {
            Match::Both(expected, actual) => {
                r.field(&subject, "expression", &expected.expr, &actual.expr)
            }
            _ => r.presence(&m, subject, &format!("({}) ", c.expr)),
        }
    }
}

fn columns(r: &mut Report, t: &str, model: &[LiveColumn], live: &[LiveColumn]) {
    for m in keyed(model, live, |c| c.name.clone()) {
        let (Match::Missing(c) | Match::Extra(c) | Match::Both(c, _)) = m;
        let subject = format!("{t}.{}", c.name);
        let Match::Both(expected, actual) = m else {
            r.presence(&m, subject, "column ");
            continue;
        };
        r.field(&subject, "type", &expected.sql_type, &actual.sql_type);
        let null = |n: bool| if n { "NULL-able" } else { "NOT NULL" };
        if expected.nullable != actual.nullable {
            let (a, e) = (r.a, r.e);
            let detail = format!(
                "{} in {a}, {} in {e}",
                null(actual.nullable),
                null(expected.nullable)
            );
            r.push(subject.clone(), detail);
        }
        let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
        r.field(
            &subject,
            "default",
            &show(&expected.default),
            &show(&actual.default),
        );
        r.field(
            &subject,
            "identity",
            &show(&expected.identity),
            &show(&actual.identity),
        );
        r.field(
            &subject,
            "on update",
            &show(&expected.on_update),
            &show(&actual.on_update),
        );
        r.field(
            &subject,
            "collation",
            &show(&expected.collation),
            &show(&actual.collation),
        );
        if r.options.comments {
            let quoted =
                |c: &Option<String>| c.as_deref().map_or("none".to_owned(), |c| format!("{c:?}"));
            r.field(
                &subject,
                "comment",
                &quoted(&expected.comment),
                &quoted(&actual.comment),
            );
        }
    }
}

fn primary_key(r: &mut Report, t: &str, model: Option<&LiveKey>, live: Option<&LiveKey>) {
    let (a, e) = (r.a, r.e);
    match (model, live) {
        (Some(m), Some(l)) if m.columns != l.columns => {
            let detail = format!(
                "primary key is ({}) in {a}, ({}) in {e}",
                list(&l.columns),
                list(&m.columns)
            );
            r.push(t, detail);
        }
        (Some(m), Some(l)) => r.name(t, "primary key", &m.name, &l.name),
        (Some(m), None) => r.push(
            t,
            format!("primary key ({}) in {e}, none in {a}", list(&m.columns)),
        ),
        (None, Some(l)) => r.push(
            t,
            format!("primary key ({}) in {a}, none in {e}", list(&l.columns)),
        ),
        (None, None) => {}
    }
}

fn uniques(r: &mut Report, t: &str, model: &[LiveKey], live: &[LiveKey]) {
    for m in keyed(model, live, |u| u.columns.clone()) {
        match m {
            Match::Both(expected, actual) => {
                let what = format!("unique ({})", list(&expected.columns));
                r.name(t, &what, &expected.name, &actual.name);
                if expected.nulls_not_distinct != actual.nulls_not_distinct {
                    let word = |n: bool| {
                        if n {
                            "NULLS NOT DISTINCT"
                        } else {
                            "NULLS DISTINCT"
                        }
                    };
                    let (a, e) = (r.a, r.e);
                    r.push(
                        t,
                        format!(
                            "{what} is {} in {a}, {} in {e}",
                            word(actual.nulls_not_distinct),
                            word(expected.nulls_not_distinct)
                        ),
                    );
                }
            }
            Match::Missing(u) | Match::Extra(u) => {
                let shown = u
                    .name
                    .as_deref()
                    .map_or_else(|| "unique".into(), |n| format!("unique {n}"));
                r.presence(&m, t, &format!("{shown} ({}) ", list(&u.columns)));
            }
        }
    }
}

fn indexes(r: &mut Report, t: &str, model: &[LiveIndex], live: &[LiveIndex]) {
    for m in keyed(model, live, |i| i.name.clone()) {
        let (Match::Missing(i) | Match::Extra(i) | Match::Both(i, _)) = m;
        let subject = format!("index {} on {t}", i.name);
        let Match::Both(expected, actual) = m else {
            r.presence(&m, subject, "");
            continue;
        };
        let (a, e) = (r.a, r.e);
        if actual.columns != expected.columns {
            let detail = format!(
                "columns are ({}) in {a}, ({}) in {e}",
                list(&actual.columns),
                list(&expected.columns)
            );
            r.push(subject.clone(), detail);
        }
        if actual.unique != expected.unique {
            let word = |u: bool| if u { "unique" } else { "not unique" };
            r.push(
                subject.clone(),
                format!(
                    "{} in {a}, {} in {e}",
                    word(actual.unique),
                    word(expected.unique)
                ),
            );
        }
        let show = |x: &Option<String>| x.clone().unwrap_or_else(|| "none".into());
        r.field(
            &subject,
            "predicate",
            &show(&expected.predicate),
            &show(&actual.predicate),
        );
        r.field(
            &subject,
            "expression",
            &show(&expected.expr),
            &show(&actual.expr),
        );
        let method = |m: &Option<String>| m.clone().unwrap_or_else(|| "btree".into());
        r.field(
            &subject,
            "method",
            &method(&expected.method),
            &method(&actual.method),
        );
        let columns = |c: &[String]| format!("({})", list(c));
        r.field(
            &subject,
            "descending",
            &columns(&expected.descending),
            &columns(&actual.descending),
        );
        r.field(
            &subject,
            "include",
            &columns(&expected.include),
            &columns(&actual.include),
        );
        let nulls = |n: bool| {
            if n {
                "NULLS NOT DISTINCT"
            } else {
                "NULLS DISTINCT"
            }
            .to_owned()
        };
        r.field(
            &subject,
            "nulls",
            &nulls(expected.nulls_not_distinct),
            &nulls(actual.nulls_not_distinct),
        );
    }
}

fn foreign_keys(r: &mut Report, t: &str, model: &[LiveForeignKey], live: &[LiveForeignKey]) {
    let key = |f: &LiveForeignKey| {
        (
            f.columns.clone(),
            f.ref_schema.clone(),
            f.ref_table.clone(),
            f.ref_columns.clone(),
        )
    };
    for m in keyed(model, live, key) {
        let (Match::Missing(f) | Match::Extra(f) | Match::Both(f, _)) = m;
        let subject = match f.columns.as_slice() {
            [one] => format!("{t}.{one}"),
            many => format!("{t}.({})", many.join(", ")),
        };
        let schema = f
            .ref_schema
            .as_ref()
            .map_or_else(String::new, |s| format!("{s}."));
        let target = format!("{schema}{}({})", f.ref_table, list(&f.ref_columns));
        let Match::Both(expected, actual) = m else {
            r.presence(&m, subject, &format!("foreign key to {target} "));
            continue;
        };
        r.field(
            &subject,
            "on_delete",
            expected.on_delete.sql(),
            actual.on_delete.sql(),
        );
        r.field(
            &subject,
            "on_update",
            expected.on_update.sql(),
            actual.on_update.sql(),
        );
        let what = format!("foreign key to {target}");
        r.name(&subject, &what, &expected.name, &actual.name);
    }
}
