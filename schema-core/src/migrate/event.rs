//! What the runner reports as it goes: [`Event`]s to a callback, each printable as the CLI
//! prints it.

use std::fmt;
use std::time::Duration;

/// Up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Applying `up` steps.
    Up,
    /// Applying `down` steps.
    Down,
}

impl Direction {
    /// `upgrade` or `downgrade`.
    pub const fn verb(self) -> &'static str {
        match self {
            Direction::Up => "upgrade",
            Direction::Down => "downgrade",
        }
    }
}

/// Progress, reported as it happens.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Event {
    /// The lock is held.
    Locked {
        /// How long it took to get.
        waited: Duration,
    },
    /// A revision starts.
    RevisionStart {
        /// Its id.
        id: &'static str,
        /// Its message.
        message: &'static str,
        /// Which way.
        direction: Direction,
    },
    /// A step starts (the CLI shows a spinner for it when it runs long).
    StepStart {
        /// Its position (from 0).
        index: usize,
        /// The revision's step count.
        total: usize,
        /// What it does.
        description: String,
    },
    /// A step ran.
    Step {
        /// Its position (from 0).
        index: usize,
        /// The revision's step count.
        total: usize,
        /// What it did.
        description: String,
        /// How long it took.
        elapsed: Duration,
        /// It destroys data.
        destructive: bool,
        /// It went to the server with the revision's other steps, in one batch: `elapsed` is
        /// the whole batch's.
        batched: bool,
    },
    /// Something skipped (a raw SQL step without this dialect's variant).
    Notice(String),
    /// A revision is committed.
    RevisionDone {
        /// Its id.
        id: &'static str,
        /// How long it took.
        elapsed: Duration,
    },
    /// Nothing to do.
    UpToDate {
        /// The current revision.
        current: Option<&'static str>,
    },
}

impl Event {
    /// Whether a person watching wants to see it (a lock taken at once is not news).
    pub fn is_worth_showing(&self) -> bool {
        match self {
            Event::Locked { waited } => *waited > Duration::from_millis(100),
            // Its line is printed when it is done.
            Event::StepStart { .. } => false,
            _ => true,
        }
    }

    /// The event as one JSON object (`{"event": "step", "index": 0, ...}`), for deploy tooling
    /// (`--json`).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Event::Locked { waited } => json!({"event": "locked", "waited_ms": ms(*waited)}),
            Event::RevisionStart {
                id,
                message,
                direction,
            } => json!({
                "event": "revision_start",
                "id": id,
                "message": message,
                "direction": direction.verb(),
            }),
            Event::Step {
                index,
                total,
                description,
                elapsed,
                destructive,
                batched,
            } => json!({
                "event": "step",
                "index": index,
                "total": total,
                "description": description,
                "elapsed_ms": ms(*elapsed),
                "destructive": destructive,
                "batched": batched,
            }),
            Event::StepStart {
                index,
                total,
                description,
            } => json!({
                "event": "step_start",
                "index": index,
                "total": total,
                "description": description,
            }),
            Event::Notice(text) => json!({"event": "notice", "text": text}),
            Event::RevisionDone { id, elapsed } => {
                json!({"event": "revision_done", "id": id, "elapsed_ms": ms(*elapsed)})
            }
            Event::UpToDate { current } => json!({"event": "up_to_date", "current": current}),
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One line, as the CLI prints it (`  [2/5] add column t.c  0.4 ms`).
impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Locked { waited } => {
                write!(f, "lock taken after {:.1} s", waited.as_secs_f64())
            }
            Event::RevisionStart {
                id,
                message,
                direction,
            } => write!(f, "{} {id}: {message}", direction.verb()),
            Event::Step {
                index,
                total,
                description,
                elapsed,
                destructive,
                batched,
            } => {
                let mark = if *destructive { "  (destructive)" } else { "" };
                if *batched {
                    return write!(
                        f,
                        "  [{}/{total}] {description}{mark}  (batched)",
                        index + 1
                    );
                }
                write!(
                    f,
                    "  [{}/{total}] {description}{mark}  {:.1} ms",
                    index + 1,
                    ms(*elapsed)
                )
            }
            Event::StepStart {
                index,
                total,
                description,
            } => write!(f, "  [{}/{total}] {description} ...", index + 1),
            Event::Notice(text) => write!(f, "  note: {text}"),
            Event::RevisionDone { id, elapsed } => {
                write!(f, "  done {id} in {:.1} ms", ms(*elapsed))
            }
            Event::UpToDate { current } => {
                write!(f, "at {}: nothing to do", current.unwrap_or("base"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_event_is_one_json_object_naming_it() {
        let events = [
            Event::Locked {
                waited: Duration::from_millis(3),
            },
            Event::RevisionStart {
                id: "001",
                message: "m",
                direction: Direction::Up,
            },
            Event::Step {
                index: 1,
                total: 3,
                description: "drop table t".into(),
                elapsed: Duration::from_millis(2),
                destructive: true,
                batched: false,
            },
            Event::Notice("n".into()),
            Event::StepStart {
                index: 2,
                total: 3,
                description: "add column t.c".into(),
            },
            Event::RevisionDone {
                id: "001",
                elapsed: Duration::from_millis(9),
            },
            Event::UpToDate { current: None },
        ];
        let names: Vec<String> = events
            .iter()
            .map(|e| {
                let line = e.to_json().to_string();
                assert!(!line.contains('\n'), "{line}");
                let parsed: serde_json::Value = serde_json::from_str(&line).unwrap();
                parsed["event"].as_str().unwrap_or_default().to_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "locked",
                "revision_start",
                "step",
                "notice",
                "step_start",
                "revision_done",
                "up_to_date"
            ]
        );
        let step = events[2].to_json();
        assert_eq!(
            (step["index"].as_u64(), step["destructive"].as_bool()),
            (Some(1), Some(true))
        );
        assert_eq!(events[5].to_json()["current"], serde_json::Value::Null);
    }
}
