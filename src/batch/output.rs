//! The records file of a run. [`Output::claim`] takes it before any work (the one-writer lock,
//! the exists/--resume/--force rule, a check that it can be written) without changing it;
//! [`Output::open`] then starts or continues it, and [`Records`] appends whole lines only: a
//! write that fails (disk full, I/O error, quota) is cut back to the last whole line.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use super::lock::OutputLock;
use crate::error::Error;
use crate::record::Record;

/// A claimed output: a file under its lock, or stdout.
#[derive(Debug)]
pub struct Output {
    path: PathBuf,
    resume: bool,
    _lock: Option<OutputLock>,
    sink: SinkSlot,
}

/// Receives each record line once it is written to the output (`run --db`: the archive
/// indexes it). An error stops the run as a failed output does.
pub trait RecordSink: Send {
    fn record(&mut self, line: &[u8]) -> std::io::Result<()>;
    /// The run ended: whatever the sink holds back is written.
    fn finish(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The sink until the records are opened.
#[derive(Default)]
struct SinkSlot(std::sync::Mutex<Option<Box<dyn RecordSink>>>);

impl std::fmt::Debug for SinkSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SinkSlot")
    }
}

/// (path, sha256) of the inputs an output already has records for, each with whether its
/// searchable PDF is done (written, or none needed: no OCR'd page).
pub type Done = HashMap<(String, String), bool>;

impl Output {
    /// Claims `path` (`-`: stdout) for a run: fails at once if another run holds it, if it
    /// exists without `resume` or `force`, or if it cannot be written. Changes nothing in it.
    pub fn claim(path: &Path, resume: bool, force: bool) -> Result<Output, Error> {
        let mut out = Output {
            path: path.to_path_buf(),
            resume,
            _lock: None,
            sink: SinkSlot::default(),
        };
        if out.is_stdout() {
            return Ok(out);
        }
        let cannot = |problem: String| Error::Output {
            path: path.to_path_buf(),
            problem,
        };
        if path.is_dir() {
            return Err(cannot("it is a directory".into()));
        }
        out._lock = Some(OutputLock::acquire(path)?);
        if path.exists() {
            if !resume && !force {
                return Err(Error::Usage(format!(
                    "{} exists: pass --resume to continue it or --force to overwrite it",
                    path.display()
                )));
            }
            // Opened for writing without changing it, to find a read-only file now.
            OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| cannot(e.to_string()))?;
        }
        Ok(out)
    }

    /// Also sends every record line to `sink` after writing it.
    pub fn with_sink(self, sink: Box<dyn RecordSink>) -> Output {
        if let Ok(mut slot) = self.sink.0.lock() {
            *slot = Some(sink);
        }
        self
    }

    /// The output's path (`-` for stdout).
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn is_stdout(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// Starts the records: continues the file with `--resume` (a torn last line cut first;
    /// the records it has returned), else creates or empties it.
    pub fn open(&self) -> Result<(Records, Done), Error> {
        let tee = self.sink.0.lock().ok().and_then(|mut s| s.take());
        if self.is_stdout() {
            let mut r = Records::new(Box::new(std::io::stdout()), None, 0);
            r.tee = tee;
            return Ok((r, Done::new()));
        }
        let p = &self.path;
        let mut done = Done::new();
        if self.resume && p.exists() {
            done = existing_records(p)?;
        }
        let f = OpenOptions::new()
            .create(true)
            .append(self.resume)
            .write(true)
            .truncate(!self.resume)
            .open(p)
            .map_err(|e| Error::io(p, e))?;
        let len = f.metadata().map_err(|e| Error::io(p, e))?.len();
        let sink = f.try_clone().map_err(|e| Error::io(p, e))?;
        let mut r = Records::new(Box::new(sink), Some(f), len);
        r.tee = tee;
        Ok((r, done))
    }
}

/// Reads the (path, sha256) pairs an existing output holds, cutting a torn last line first;
/// each says whether its searchable PDF is done (written, or none needed: no OCR'd page).
pub fn existing_records(out: &Path) -> Result<Done, Error> {
    let mut f = OpenOptions::new()
        .read(true)
        .write(true)
        .open(out)
        .map_err(|e| Error::io(out, e))?;
    // A crash mid-write leaves a last line without its newline: cut it.
    let mut buf = Vec::new();
    f.read_to_end(&mut buf).map_err(|e| Error::io(out, e))?;
    let keep = buf.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    if keep < buf.len() {
        f.set_len(keep as u64).map_err(|e| Error::io(out, e))?;
    }
    let mut done = Done::new();
    for line in BufReader::new(&buf[..keep]).lines() {
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

/// Whether a write error means the storage itself failed (full, over quota, read-only, an I/O
/// error, a file size limit): a run stops on it instead of going on with the next document.
pub fn is_storage_fault(e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    // Wrappers that add a path (tempfile's) keep the kind but hide the OS error inside.
    let inner = e.get_ref().and_then(|i| i.downcast_ref::<std::io::Error>());
    let os = e
        .raw_os_error()
        .or_else(|| inner.and_then(|i| i.raw_os_error()));
    matches!(
        os,
        Some(libc::ENOSPC | libc::EDQUOT | libc::EIO | libc::EFBIG | libc::EROFS)
    ) || matches!(
        e.kind(),
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge | K::ReadOnlyFilesystem
    )
}

/// Appends records as whole lines, one write each, and knows where the last whole line ends.
pub struct Records {
    sink: Box<dyn Write + Send>,
    /// The file itself (not stdout), to cut a partial line and to sync.
    file: Option<File>,
    /// Bytes of whole lines in the file.
    committed: u64,
    buf: Vec<u8>,
    /// Records written by this run.
    pub written: usize,
    /// Where each written line also goes (`run --db`).
    tee: Option<Box<dyn RecordSink>>,
}

impl Records {
    fn new(sink: Box<dyn Write + Send>, file: Option<File>, committed: u64) -> Self {
        Records {
            sink,
            file,
            committed,
            buf: Vec::new(),
            written: 0,
            tee: None,
        }
    }

    /// Appends one record and flushes it. On failure the file is cut back to its last whole
    /// line (best effort: `--resume` cuts a torn line too) and the error returned.
    pub fn write(&mut self, rec: &Record) -> std::io::Result<()> {
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, rec)?;
        self.buf.push(b'\n');
        let res = self
            .sink
            .write_all(&self.buf)
            .and_then(|_| self.sink.flush());
        match res {
            Ok(()) => {
                self.committed += self.buf.len() as u64;
                self.written += 1;
                match &mut self.tee {
                    Some(t) => t.record(&self.buf),
                    None => Ok(()),
                }
            }
            Err(e) => {
                if let Some(f) = &self.file {
                    let _ = f.set_len(self.committed);
                }
                Err(e)
            }
        }
    }

    /// Makes the records durable (a file's data synced once, at the end of a run), so an
    /// error the file system reports late (NFS, quotas) is still seen; then the tee ends.
    pub fn finish(&mut self) -> std::io::Result<()> {
        self.sink.flush()?;
        if let Some(f) = &self.file {
            f.sync_data()?;
        }
        match &mut self.tee {
            Some(t) => t.finish(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_faults_are_found_also_inside_a_wrapped_error() {
        let full = std::io::Error::from_raw_os_error(libc::ENOSPC);
        assert!(is_storage_fault(&full));
        let wrapped = std::io::Error::new(full.kind(), std::io::Error::from_raw_os_error(5));
        assert!(is_storage_fault(&wrapped), "EIO inside a path wrapper");
        assert!(!is_storage_fault(&std::io::Error::from_raw_os_error(
            libc::EACCES
        )));
        assert!(!is_storage_fault(&std::io::Error::other("bad image")));
    }
}
