//! `vanban run`: files to records on all cores. Inputs are collected (directories
//! recursively) and sorted; rayon processes documents in parallel; each record is appended to
//! the output and flushed as its document finishes, so a crash loses only documents in flight.
//! `--resume` skips inputs whose path and sha256 already have a record, after cutting a torn
//! last line. A panic inside one document becomes that document's error record.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, IsTerminal, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::Error;
use crate::ingest::{self, Kind, Limits, OcrOptions};
use crate::record::{sha256_hex, Record, Source};
use crate::restore::Restorer;

/// Options of a batch run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Worker threads (0: all cores).
    pub jobs: usize,
    /// Append to an existing output, skipping inputs it already has.
    pub resume: bool,
    /// Overwrite an existing output.
    pub force: bool,
    pub limits: Limits,
    pub ocr: OcrOptions,
    /// Print progress on stderr (a bar on a terminal, lines otherwise).
    pub progress: bool,
    /// Process only this shard of the sorted inputs.
    pub shard: Option<crate::shard::Shard>,
    /// Write a searchable PDF of every OCR'd input here (`--pdf-dir`), laid out as under
    /// `roots` (the input arguments).
    pub pdf_dir: Option<PathBuf>,
    pub roots: Vec<PathBuf>,
}

/// What a run did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub documents: usize,
    pub skipped: usize,
    pub pages: u64,
    pub errors: usize,
    pub seconds: f64,
}

/// Files to process: files as given, directories walked recursively for known extensions;
/// sorted and deduplicated for a stable order.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for p in inputs {
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
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
        } else if ft.is_file() && Kind::of(&p).is_some() {
            out.push(p);
        }
    }
    Ok(())
}

/// One input to one record; never panics (a panic inside becomes an error record).
pub fn process(r: &Restorer, path: &Path, opts: &RunOptions, bytes: Option<Vec<u8>>) -> Record {
    let mut source = Source {
        path: path.display().to_string(),
        sha256: String::new(),
        kind: Kind::of(path).map_or("txt", Kind::name).to_string(),
        pages: None,
        ocr_confidence: None,
        page_text: Vec::new(),
        shard: None,
    };
    let bytes = match bytes.map_or_else(|| read_limited(path, opts.limits.max_file_bytes), Ok) {
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
                if let (Some(dir), Some(text)) = (&opts.pdf_dir, &rec.text) {
                    rec.outputs = searchable_pdf(dir, &opts.roots, path, kind, &bytes, &ing, text);
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
    roots: &[PathBuf],
    path: &Path,
    kind: Kind,
    bytes: &[u8],
    ing: &ingest::Ingested,
    text: &crate::record::Text,
) -> Option<crate::record::Outputs> {
    if ing.page_words.is_empty() {
        return None;
    }
    let dest = crate::searchable::destination(dir, roots, path);
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
        Err(e) => crate::record::Outputs {
            pdf: None,
            pdf_error: Some(format!("{}: {e}", dest.display())),
        },
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

fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, ingest::IngestError> {
    let f = File::open(path)?;
    let len = f.metadata()?.len();
    if len > max {
        return Err(ingest::IngestError::Limit(format!(
            "file of {len} bytes is over the {max}-byte limit"
        )));
    }
    let mut b = Vec::with_capacity(len as usize);
    f.take(max + 1).read_to_end(&mut b)?;
    Ok(b)
}

/// Reads the (path, sha256) pairs an existing output holds, cutting a torn last line first;
/// each says whether its searchable PDF is done (written, or none needed: no OCR'd page).
pub fn existing_records(out: &Path) -> Result<HashMap<(String, String), bool>, Error> {
    let mut f = OpenOptions::new()
        .read(true)
        .write(true)
        .open(out)
        .map_err(|e| Error::io(out, e))?;
    let len = f.metadata().map_err(|e| Error::io(out, e))?.len();
    // A crash mid-write leaves a last line without its newline: cut it.
    let mut buf = Vec::new();
    f.read_to_end(&mut buf).map_err(|e| Error::io(out, e))?;
    let keep = buf.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) as u64;
    if keep < len {
        f.set_len(keep).map_err(|e| Error::io(out, e))?;
    }
    f.seek(SeekFrom::Start(0)).map_err(|e| Error::io(out, e))?;
    let mut done = HashMap::new();
    for line in BufReader::new(&buf[..keep as usize]).lines() {
        let Ok(line) = line else { continue };
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
            if let (Some(p), Some(h)) =
                (v["source"]["path"].as_str(), v["source"]["sha256"].as_str())
            {
                let ocr = v["source"]["page_text"].as_array().is_some_and(|a| {
                    a.iter()
                        .any(|p| p["from"] == "ocr" || p["from"] == "re-ocr")
                });
                let pdf = v["outputs"]["pdf"]
                    .as_str()
                    .is_some_and(|f| Path::new(f).exists());
                done.insert((p.to_string(), h.to_string()), pdf || !ocr);
            }
        }
    }
    Ok(done)
}

enum Msg {
    Done(Box<Record>),
    Skipped,
}

/// Runs the batch: every input gives exactly one record in `out` (`-` for stdout).
pub fn run(
    r: &Restorer,
    inputs: &[PathBuf],
    out: &Path,
    opts: &RunOptions,
) -> Result<Summary, Error> {
    let start = Instant::now();
    let mut files = collect_inputs(inputs)?;
    if let Some(sh) = opts.shard {
        files.retain(|p| sh.takes(p));
    }
    let to_stdout = out.as_os_str() == "-";
    let mut done = HashMap::new();
    let mut sink: Box<dyn Write> = if to_stdout {
        Box::new(std::io::stdout())
    } else {
        if out.exists() && !opts.resume && !opts.force {
            return Err(Error::Usage(format!(
                "{} exists: pass --resume to continue it or --force to overwrite it",
                out.display()
            )));
        }
        if opts.resume && out.exists() {
            done = existing_records(out)?;
        }
        let f = OpenOptions::new()
            .create(true)
            .append(opts.resume)
            .write(true)
            .truncate(!opts.resume)
            .open(out)
            .map_err(|e| Error::io(out, e))?;
        Box::new(f)
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .map_err(|e| Error::Usage(format!("thread pool: {e}")))?;
    let total = files.len();
    let bar = (opts.progress && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(total as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents  {msg}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let mut summary = Summary::default();
    let (tx, rx) = mpsc::sync_channel::<Msg>(64);
    let mut write_err = None;
    std::thread::scope(|s| {
        let done = &done;
        let files = &files;
        let pool = &pool;
        s.spawn(move || {
            pool.install(|| {
                files.par_iter().for_each_with(tx, |tx, p| {
                    let bytes = read_limited(p, opts.limits.max_file_bytes).ok();
                    let had = bytes
                        .as_ref()
                        .and_then(|b| done.get(&(p.display().to_string(), sha256_hex(b))));
                    match had {
                        Some(&complete) if complete || opts.pdf_dir.is_none() => {
                            let _ = tx.send(Msg::Skipped);
                            return;
                        }
                        // The record is there, its searchable PDF not: made now, the record
                        // kept as it is (one record per input).
                        Some(_) => {
                            process(r, p, opts, bytes);
                            let _ = tx.send(Msg::Skipped);
                            return;
                        }
                        None => {}
                    }
                    let mut rec = process(r, p, opts, bytes);
                    rec.source.shard = opts.shard.map(|s| s.to_string());
                    let _ = tx.send(Msg::Done(Box::new(rec)));
                });
            });
        });
        let mut last = Instant::now();
        for msg in rx {
            match msg {
                Msg::Skipped => summary.skipped += 1,
                Msg::Done(rec) => {
                    summary.documents += 1;
                    summary.pages += rec.source.pages.unwrap_or(1) as u64;
                    if rec.status != "ok" {
                        summary.errors += 1;
                        if let Some(e) = &rec.error {
                            let line = format!("vanban: {}: {}", rec.source.path, e.message);
                            match &bar {
                                Some(b) => b.println(line),
                                None => eprintln!("{line}"),
                            }
                        }
                    }
                    if write_err.is_none() {
                        let res = serde_json::to_writer(&mut sink, &*rec)
                            .map_err(std::io::Error::from)
                            .and_then(|_| sink.write_all(b"\n"))
                            .and_then(|_| sink.flush());
                        if let Err(e) = res {
                            write_err = Some(e);
                        }
                    }
                }
            }
            let n = summary.documents + summary.skipped;
            let pps = summary.pages as f64 / start.elapsed().as_secs_f64().max(1e-9);
            if let Some(b) = &bar {
                b.set_position(n as u64);
                b.set_message(format!("{pps:.2} pages/s, {} errors", summary.errors));
            } else if opts.progress && last.elapsed() > Duration::from_secs(10) {
                eprintln!(
                    "vanban: {n}/{total} documents, {pps:.2} pages/s, {} errors",
                    summary.errors
                );
                last = Instant::now();
            }
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // Release each worker's Tesseract engine while the workers still exist.
    pool.broadcast(|_| ingest::image::release_engine());
    if let Some(e) = write_err {
        return Err(Error::io(out, e));
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
