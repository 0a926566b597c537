//! What the CLI prints as a verb runs: a line per event worth showing, one JSON object per
//! event with `--json`, and, only when standard error is a terminal and not with `--json`, a
//! spinner for a step that has run longer than a second (indicatif), cleared before the
//! step's own line is printed.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::migrate::Event;

/// How long a step runs before its spinner shows.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Whether the spinner may show: a person is watching, and the output is not for a machine.
pub(super) fn shows_spinner(json: bool, terminal: bool) -> bool {
    terminal && !json
}

/// The step that is running: when it started and its (hidden until shown) spinner.
type Running = Mutex<Option<(Instant, ProgressBar)>>;

/// The progress callback of a CLI verb.
pub(super) fn progress(json: bool) -> impl FnMut(&Event) + Send {
    let running: Option<Arc<Running>> =
        shows_spinner(json, std::io::stderr().is_terminal()).then(|| {
            let running = Arc::new(Mutex::new(None));
            show_when_slow(Arc::downgrade(&running));
            running
        });
    move |event| {
        if let Some(running) = &running {
            let mut slot = running.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((_, bar)) = slot.take() {
                bar.finish_and_clear();
            }
            if let Event::StepStart {
                index,
                total,
                description,
            } = event
            {
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
                let style = ProgressStyle::with_template("  {spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner());
                bar.set_style(style);
                bar.set_message(format!("[{}/{total}] {description}", index + 1));
                *slot = Some((Instant::now(), bar));
            }
        }
        if json {
            let _ = writeln!(std::io::stdout(), "{}", event.to_json());
        } else if event.is_worth_showing() {
            let _ = writeln!(std::io::stdout(), "{event}");
        }
    }
}

/// A thread that shows the running step's spinner once it has run [`SHOW_AFTER`]; it ends
/// with the callback.
fn show_when_slow(running: Weak<Running>) {
    std::thread::spawn(move || {
        while let Some(running) = running.upgrade() {
            if let Some((started, bar)) = &*running.lock().unwrap_or_else(|e| e.into_inner()) {
                if started.elapsed() >= SHOW_AFTER && bar.is_hidden() {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(120));
                }
            }
            drop(running);
            std::thread::sleep(Duration::from_millis(100));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spinner_shows_only_on_a_terminal_without_json() {
        assert!(shows_spinner(false, true));
        assert!(!shows_spinner(true, true));
        assert!(!shows_spinner(false, false));
        assert!(!shows_spinner(true, false));
    }
}
