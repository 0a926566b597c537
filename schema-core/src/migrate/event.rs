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
        !matches!(self, Event::Locked { waited } if *waited <= Duration::from_millis(100))
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
            } => {
                let mark = if *destructive { "  (destructive)" } else { "" };
                write!(
                    f,
                    "  [{}/{total}] {description}{mark}  {:.1} ms",
                    index + 1,
                    ms(*elapsed)
                )
            }
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
