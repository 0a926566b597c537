//! Two [`LiveSchema`]s compared part by part, one [`Difference`] per way they differ. Every
//! part (table, column, key, index, enum type) goes through one keyed diff, [`keyed`]: in the
//! expected side and missing from the actual one, in the actual side and not expected, or in
//! both (then its fields are compared).

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use super::{Difference, Sides};
use crate::introspect::{LiveColumn, LiveForeignKey, LiveIndex, LiveKey, LiveSchema, LiveTable};

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
    let mut r = Report {
        a: sides.actual,
        e: sides.expected,
        out: Vec::new(),
    };
    for m in keyed(&expected.tables, &actual.tables, |t| t.name.clone()) {
        match m {
            Match::Both(model, live) => table(&mut r, model, live),
            Match::Missing(t) | Match::Extra(t) => r.presence(&m, format!("table {}", t.name), ""),
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
    let t = &model.name;
    columns(r, t, &model.columns, &live.columns);
    primary_key(r, t, model.primary_key.as_ref(), live.primary_key.as_ref());
    uniques(r, t, &model.uniques, &live.uniques);
    indexes(r, t, &model.indexes, &live.indexes);
    foreign_keys(r, t, &model.foreign_keys, &live.foreign_keys);
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
        if actual.predicate.is_some() != expected.predicate.is_some() {
            let shown = actual.predicate.clone().unwrap_or_default();
            r.push(subject, format!("partial ({shown}) in {a}, not in {e}"));
        }
    }
}

fn foreign_keys(r: &mut Report, t: &str, model: &[LiveForeignKey], live: &[LiveForeignKey]) {
    let key = |f: &LiveForeignKey| {
        (
            f.columns.clone(),
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
        let target = format!("{}({})", f.ref_table, list(&f.ref_columns));
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
