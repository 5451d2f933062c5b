//! Progress of a run on stderr: a bar on a terminal, else a line every 10 s; messages printed
//! through it do not tear the bar.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// The progress display of one run.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    lines: bool,
    total: usize,
    start: Instant,
    last: Instant,
}

impl Progress {
    /// A bar when `on` and stderr is a terminal, periodic lines when only `on`.
    pub fn new(on: bool, total: usize) -> Self {
        let bar = (on && std::io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} documents  {msg}  ETA {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
        let now = Instant::now();
        Progress {
            bar,
            lines: on,
            total,
            start: now,
            last: now,
        }
    }

    /// Prints one line on stderr.
    pub fn println(&self, line: String) {
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// Shows `done` inputs handled, with the page rate and error count.
    pub fn update(&mut self, done: usize, pages: u64, errors: usize) {
        let pps = pages as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
        if let Some(b) = &self.bar {
            b.set_position(done as u64);
            b.set_message(format!("{pps:.2} pages/s, {errors} errors"));
        } else if self.lines && self.last.elapsed() > Duration::from_secs(10) {
            eprintln!(
                "vanban: {done}/{} documents, {pps:.2} pages/s, {errors} errors",
                self.total
            );
            self.last = Instant::now();
        }
    }

    /// Removes the bar.
    pub fn finish(self) {
        if let Some(b) = self.bar {
            b.finish_and_clear();
        }
    }
}
