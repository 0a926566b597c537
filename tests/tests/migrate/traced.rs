//! `tracing`: a span per verb (`migrate`: verb, database with its password masked), per
//! revision (`revision`: id, direction, dialect) and per step (`step`: revision, index, kind,
//! dialect, then rows and elapsed_ms), and an error event when a step or the verb fails; on
//! every backend, caught by a subscriber of the test's own.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use schema_core::migrate::Migrator;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use super::{quiet, CHAIN, FAILING};
use schema_tests::on_each_backend_alone;

/// Every span, record and event, as a line of text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Capture {
    fn push(&self, line: String) {
        self.0.lock().unwrap().push(line);
    }

    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        // Ours only: sqlx logs its queries too.
        metadata.target().starts_with("schema_core")
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields(String::new());
        span.record(&mut fields);
        let mut lines = self.0.lock().unwrap();
        lines.push(format!("span {}{}", span.metadata().name(), fields.0));
        Id::from_u64(lines.len() as u64)
    }

    fn record(&self, _span: &Id, values: &Record<'_>) {
        let mut fields = Fields(String::new());
        values.record(&mut fields);
        self.push(format!("record{}", fields.0));
    }

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        self.push(format!("event {}{}", event.metadata().level(), fields.0));
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn each_verb_revision_and_step_is_a_span() {
    // Alone: a callsite first reached by another test's thread, with no subscriber there,
    // can keep a stale interest while this one's is set (the cache is rebuilt below, too).
    on_each_backend_alone("traced", |db| async move {
        let d = db.dialect.name();
        let capture = Capture::default();
        let _default = tracing::subscriber::set_default(capture.clone());
        tracing::callsite::rebuild_interest_cache();
        Migrator::new(&CHAIN)
            .unwrap()
            .upgrade(&db.url, "002", &mut quiet())
            .await
            .unwrap();
        let lines = capture.lines();
        let has = |needle: &str| lines.iter().any(|l| l.contains(needle));
        assert!(has("span migrate verb=\"upgrade\""), "{d}: {lines:#?}");
        for id in ["001", "002"] {
            assert!(
                has(&format!(
                    "span revision id=\"{id}\" direction=Up dialect=\"{d}\""
                )),
                "{d}: {id}: {lines:#?}"
            );
        }
        assert!(
            has(&format!(
                "span step revision=\"001\" index=0 kind=create table parent dialect=\"{d}\""
            )),
            "{d}: {lines:#?}"
        );
        assert!(has("record rows="), "{d}: {lines:#?}");
        assert!(has("record elapsed_ms="), "{d}: {lines:#?}");

        // A failing step (003's second): an error event in its span, and the verb's.
        let failing = Migrator::new(&FAILING).unwrap();
        assert!(failing
            .upgrade(&db.url, "head", &mut quiet())
            .await
            .is_err());
        let lines = capture.lines();
        let errors: Vec<&String> = lines
            .iter()
            .filter(|l| l.starts_with("event ERROR"))
            .collect();
        assert!(
            errors.iter().any(|l| l.contains("step failed")),
            "{d}: {errors:#?}"
        );
        assert!(
            errors.iter().any(|l| l.contains("upgrade failed")),
            "{d}: {errors:#?}"
        );
    })
    .await;
}
