//! `vanban run`: files to records on all cores. Inputs are collected (directories
//! recursively) and sorted; rayon processes documents in parallel; each record is appended to
//! the output and flushed as its document finishes, so a crash loses only documents in flight.
//! `--resume` skips inputs whose path and sha256 already have a record, after cutting a torn
//! last line. A panic inside one document becomes that document's error record. A stop signal
//! or a failed output ends the run early with whole lines only (see [`Stopped`]).

mod lock;
mod output;
mod progress;
mod stop;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::Error;
use crate::ingest::{self, IngestError, Kind, Limits, OcrOptions};
use crate::record::{sha256_hex, Record, Source};
use crate::restore::Restorer;

pub use lock::lock_path;
pub use output::{existing_records, Output, RecordSink};
pub use stop::{exit_status as signal_exit_status, name as signal_name, Signals, Stop};

/// Options of a batch run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Worker threads (0: all cores).
    pub jobs: usize,
    pub limits: Limits,
    pub ocr: OcrOptions,
    /// Print progress on stderr (a bar on a terminal, lines otherwise).
    pub progress: bool,
    /// Process only this shard of the sorted inputs.
    pub shard: Option<crate::shard::Shard>,
    /// After a first stop signal, how long documents in flight may take to finish before
    /// they are abandoned (`None`: [`DEFAULT_GRACE`]).
    pub grace: Option<Duration>,
    /// Stop requests fed by signal handlers the caller installed early (`Signals::watch`),
    /// so a signal during start-up counts too; `None`: the run installs its own.
    pub stop: Option<Arc<Stop>>,
    /// Write a searchable PDF of every OCR'd input here (`--pdf-dir`), laid out as under
    /// `roots` (the input arguments).
    pub pdf_dir: Option<PathBuf>,
    pub roots: Vec<PathBuf>,
}

/// How long documents in flight may finish after a first SIGINT or SIGTERM: within the
/// 30 s that Slurm and Kubernetes wait before SIGKILL by default.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(10);

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub skipped: usize,
    pub pages: u64,
    pub errors: usize,
    pub seconds: f64,
    /// Why the run stopped before every input was done, if it did.
    pub stopped: Option<Stopped>,
    /// Documents started but not written (abandoned in flight, or finished after the stop).
    pub abandoned: usize,
    /// Inputs never started because of the stop.
    pub not_started: usize,
    /// Worker threads are still finishing abandoned documents: the caller should end the
    /// process without running destructors (the output is already complete and closed).
    pub workers_detached: bool,
}

/// Why a run ended early. Either way the output ends in a whole line and `--resume` goes on.
#[derive(Debug)]
pub enum Stopped {
    /// SIGINT or SIGTERM (its number).
    Signal(i32),
    /// An output (the records file, a searchable PDF) could not be written (disk full, I/O
    /// error, quota): which, and why.
    Output {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// Files to process: files as given, directories walked recursively for known extensions;
/// sorted and deduplicated for a stable order.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for p in inputs {
        // Anything but a directory is an input, even one that cannot be read (missing, a
        // FIFO): it gets its `io` error record.
        if std::fs::metadata(p).is_ok_and(|m| m.is_dir()) {
            walk(p, &mut out, 0)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), Error> {
    if depth > 64 {
        return Ok(());
    }
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for e in rd.flatten() {
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&p, out, depth + 1)?;
        } else if !ft.is_symlink() && Kind::of(&p).is_some() {
            // Regular files, and FIFOs or devices with an input's name (their `io` record).
            out.push(p);
        }
    }
    Ok(())
}

/// One input (its bytes, or why they could not be read) to one record; never panics (a panic
/// inside becomes an error record).
pub fn process(
    r: &Restorer,
    path: &Path,
    opts: &RunOptions,
    bytes: Result<Vec<u8>, IngestError>,
) -> Record {
    let mut source = Source {
        path: path.display().to_string(),
        sha256: String::new(),
        kind: Kind::of(path).map_or("txt", Kind::name).to_string(),
        pages: None,
        ocr_confidence: None,
        page_text: Vec::new(),
        shard: None,
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return Record::failed(source, e.kind(), e.to_string()),
    };
    source.sha256 = sha256_hex(&bytes);
    let Some(kind) = Kind::of(path) else {
        return Record::failed(source, "unsupported", "unsupported file type".into());
    };
    let src = source.clone();
    contain(&source, || {
        match ingest::ingest(kind, &bytes, &opts.limits, &opts.ocr) {
            Ok(ing) => {
                let mut s = src.clone();
                s.pages = ing.pages;
                s.ocr_confidence = ing.ocr_confidence.map(|c| (c * 1000.0).round() / 1000.0);
                s.page_text = ing.page_text.clone();
                let mut rec = Record::from_text_ocr(r, s, &ing.text, &ing.word_confidence);
                rec.place_tokens(&ing.page_words);
                if let (Some(dir), Some(text)) = (&opts.pdf_dir, &rec.text) {
                    rec.outputs = searchable_pdf(dir, opts, path, kind, &bytes, &ing, text);
                }
                rec
            }
            Err(e) => Record::failed(src.clone(), e.kind(), e.to_string()),
        }
    })
}

/// Writes the searchable PDF of an OCR'd input (nothing for inputs without OCR'd pages) and
/// says where it went, or why it could not be written.
fn searchable_pdf(
    dir: &Path,
    opts: &RunOptions,
    path: &Path,
    kind: Kind,
    bytes: &[u8],
    ing: &ingest::Ingested,
    text: &crate::record::Text,
) -> Option<crate::record::Outputs> {
    if ing.page_words.is_empty() {
        return None;
    }
    let dest = crate::searchable::destination(dir, &opts.roots, path);
    let replace: Vec<u32> = ing
        .page_text
        .iter()
        .filter(|p| p.from == "re-ocr")
        .map(|p| p.page)
        .collect();
    let res = crate::searchable::write(
        kind,
        bytes,
        &ing.page_words,
        &replace,
        &text.restored,
        &dest,
    );
    Some(match res {
        Ok(()) => crate::record::Outputs {
            pdf: Some(dest.display().to_string()),
            pdf_error: None,
        },
        Err(e) => {
            let pdf_error = Some(format!("{}: {e}", dest.display()));
            // A full or failing disk stops the run (exit 3); --resume makes the PDF later.
            if let (crate::searchable::PdfOutError::Io(io), Some(stop)) = (e, &opts.stop) {
                if output::is_storage_fault(&io) {
                    stop.fail_output(dest, io);
                }
            }
            crate::record::Outputs {
                pdf: None,
                pdf_error,
            }
        }
    })
}

/// Runs one document's work; a panic inside (a dependency's, say) becomes that document's
/// `panic` error record instead of ending the batch.
pub fn contain(source: &Source, work: impl FnOnce() -> Record) -> Record {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|p| {
        // The engine may have been mid-page: the next document on this thread starts afresh.
        ingest::image::release_engine();
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Record::failed(source.clone(), "panic", format!("internal error: {msg}"))
    })
}

/// Installs the SIGINT/SIGTERM handlers that feed `stop` (see [`Signals`]).
pub fn watch_signals(stop: &Arc<Stop>) -> Result<Signals, Error> {
    Signals::watch(stop)
        .map_err(|e| Error::Usage(format!("cannot install the stop signal handlers: {e}")))
}

enum Msg {
    Done(Box<Record>),
    Skipped,
}

/// One input to its message: skipped when `done` (an earlier run's records) has it, else its
/// record. An input that cannot be read is keyed by an empty sha256, as its record has it.
fn document(r: &Restorer, p: &Path, opts: &RunOptions, done: &output::Done) -> Msg {
    let bytes = ingest::file::read(p, opts.limits.max_file_bytes);
    if !done.is_empty() {
        let sha = bytes
            .as_ref()
            .map_or_else(|_| String::new(), |b| sha256_hex(b));
        match done.get(&(p.display().to_string(), sha)) {
            Some(&complete) if complete || opts.pdf_dir.is_none() => return Msg::Skipped,
            // The record is there, its searchable PDF not: made now, the record kept as it
            // is (one record per input).
            Some(_) => {
                process(r, p, opts, bytes);
                return Msg::Skipped;
            }
            None => {}
        }
    }
    let mut rec = process(r, p, opts, bytes);
    rec.source.shard = opts.shard.map(|s| s.to_string());
    Msg::Done(Box::new(rec))
}

/// Runs the batch into a claimed output: every input gives exactly one record, unless a stop
/// signal or a failed output ends the run early (`Summary::stopped` says which).
pub fn run(
    r: Arc<Restorer>,
    inputs: &[PathBuf],
    out: Output,
    opts: &RunOptions,
) -> Result<Summary, Error> {
    let start = Instant::now();
    let stop = opts.stop.clone().unwrap_or_default();
    // Before the output is touched, so that no signal finds a line half written.
    let _signals = match opts.stop {
        Some(_) => None,
        None => Some(watch_signals(&stop)?),
    };
    let mut files = collect_inputs(inputs)?;
    if let Some(sh) = opts.shard {
        files.retain(|p| sh.takes(p));
    }
    let total = files.len();
    if let Some(sig) = stop.signal() {
        // Stopped while starting: the output is left as it was.
        return Ok(Summary {
            stopped: Some(Stopped::Signal(sig)),
            not_started: total,
            seconds: start.elapsed().as_secs_f64(),
            ..Default::default()
        });
    }
    let (mut records, done) = out.open()?;
    let pool = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(opts.jobs)
            .build()
            .map_err(|e| Error::Usage(format!("thread pool: {e}")))?,
    );
    let started = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = mpsc::sync_channel::<Msg>(64);
    // Not scoped: after a stop the run may return while documents are still in flight.
    let workers = {
        let (r, stop, started, pool) = (
            Arc::clone(&r),
            Arc::clone(&stop),
            Arc::clone(&started),
            Arc::clone(&pool),
        );
        // The workers report an output they cannot write (a searchable PDF) through `stop`.
        let opts = RunOptions {
            stop: Some(Arc::clone(&stop)),
            ..opts.clone()
        };
        std::thread::spawn(move || {
            pool.install(|| {
                files.par_iter().for_each_with(tx, |tx, p| {
                    if stop.requested() {
                        return;
                    }
                    started.fetch_add(1, Ordering::Relaxed);
                    let _ = tx.send(document(&r, p, &opts, &done));
                });
            });
        })
    };
    let mut progress = progress::Progress::new(opts.progress, total);
    let mut summary = Summary::default();
    let mut handled = 0;
    let mut deadline = None;
    let mut all_sent = false;
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Msg::Skipped) => {
                summary.skipped += 1;
                handled += 1;
            }
            Ok(Msg::Done(rec)) => {
                if let Err(e) = records.write(&rec) {
                    stop.request();
                    summary.stopped = Some(Stopped::Output {
                        path: out.path().to_path_buf(),
                        error: e,
                    });
                    break;
                }
                handled += 1;
                summary.documents += 1;
                summary.pages += rec.source.pages.unwrap_or(1) as u64;
                if rec.status != "ok" {
                    summary.errors += 1;
                    if let Some(e) = &rec.error {
                        progress.println(format!("vanban: {}: {}", rec.source.path, e.message));
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                all_sent = true;
                break;
            }
        }
        if let Some((path, error)) = stop.take_fault() {
            summary.stopped = Some(Stopped::Output { path, error });
            break;
        }
        if let Some(sig) = stop.signal() {
            let grace = opts.grace.unwrap_or(DEFAULT_GRACE);
            let d = *deadline.get_or_insert_with(|| {
                progress.println(format!(
                    "vanban: {}: no new documents; those in flight get {} s to finish \
                     (a second signal stops at once)",
                    stop::name(sig),
                    grace.as_secs_f64()
                ));
                Instant::now() + grace
            });
            if stop.now() || Instant::now() >= d {
                break;
            }
        }
        progress.update(
            summary.documents + summary.skipped,
            summary.pages,
            summary.errors,
        );
    }
    progress.finish();
    drop(rx);
    let begun = started.load(Ordering::SeqCst);
    summary.abandoned = begun.saturating_sub(handled);
    summary.not_started = total.saturating_sub(begun);
    if summary.stopped.is_none() {
        if let Some((path, error)) = stop.take_fault() {
            summary.stopped = Some(Stopped::Output { path, error });
        } else if let Some(sig) = stop.signal().filter(|_| handled < total) {
            summary.stopped = Some(Stopped::Signal(sig));
        }
        if let Err(e) = records.finish() {
            summary.stopped = Some(Stopped::Output {
                path: out.path().to_path_buf(),
                error: e,
            });
        }
    }
    if all_sent || workers.is_finished() {
        let _ = workers.join();
        // Release each worker's Tesseract engine while the workers still exist.
        pool.broadcast(|_| ingest::image::release_engine());
    } else {
        summary.workers_detached = true;
    }
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_record() {
        let src = Source {
            path: "x.pdf".into(),
            sha256: String::new(),
            kind: "pdf".into(),
            pages: None,
            ocr_confidence: None,
            page_text: Vec::new(),
            shard: None,
        };
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let rec = contain(&src, || panic!("inside a dependency"));
        std::panic::set_hook(hook);
        assert_eq!(rec.status, "error");
        let e = rec.error.unwrap();
        assert_eq!(e.kind, "panic");
        assert!(e.message.contains("inside a dependency"));
        assert_eq!(rec.source.path, "x.pdf");
        let ok = contain(&src, || Record::failed(src.clone(), "io", "fine".into()));
        assert_eq!(ok.error.unwrap().kind, "io");
    }
}
