//! The corrections file: one JSON object per line, appended and fsynced per correction so a
//! crash loses none; read back at start-up (a torn last line is skipped with a warning).

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ReviewError;

/// Longest replacement text a correction may carry (characters).
pub const MAX_TEXT: usize = 2000;

/// One correction as the API takes it (`POST /api/corrections`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub document: String,
    /// `[start, end)` in characters of the served `text.restored`.
    #[serde(default)]
    pub span: Option<[usize; 2]>,
    /// A document-block field (`number`, `type`, `date`, …) instead of a span.
    #[serde(default)]
    pub field: Option<String>,
    /// The right text; for a field, `null` clears it.
    pub text: Option<String>,
}

/// One line of the corrections file: what was changed, from what, when.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// Seconds since the Unix epoch.
    pub time: u64,
    pub document: String,
    /// The record's input path and sha256, so the entry still says what it is about if the
    /// records are rebuilt.
    pub path: String,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<[usize; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The text before (null for an empty field).
    pub old: Option<String>,
    pub text: Option<String>,
}

impl Entry {
    /// Whether the entry only confirms what was there.
    pub fn is_confirmation(&self) -> bool {
        self.old == self.text
    }
}

/// The open corrections file.
pub struct Log {
    path: PathBuf,
    file: File,
}

impl Log {
    /// Opens (creating) the file for appending and reads the entries already in it.
    pub fn open(path: &Path) -> Result<(Log, Vec<Entry>), ReviewError> {
        let werr = |source| ReviewError::Write {
            path: path.display().to_string(),
            source,
        };
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(path)
            .map_err(werr)?;
        let entries = read(path)?;
        // A torn last line (a crash mid-write) must not swallow the next entry.
        let len = file.metadata().map_err(werr)?.len();
        if len > 0 {
            use std::io::{Read, Seek, SeekFrom};
            let mut last = [0u8; 1];
            let mut r = &file;
            r.seek(SeekFrom::Start(len - 1)).map_err(werr)?;
            r.read_exact(&mut last).map_err(werr)?;
            if last[0] != b'\n' {
                (&file).write_all(b"\n").map_err(werr)?;
            }
        }
        Ok((
            Log {
                path: path.to_path_buf(),
                file,
            },
            entries,
        ))
    }

    /// Appends one entry and syncs it to disk before returning.
    pub fn append(&mut self, e: &Entry) -> Result<(), ReviewError> {
        let mut line = serde_json::to_vec(e).expect("an entry serialises");
        line.push(b'\n');
        let werr = |source| ReviewError::Write {
            path: self.path.display().to_string(),
            source,
        };
        self.file.write_all(&line).map_err(werr)?;
        self.file.sync_data().map_err(werr)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Reads a corrections file; a line that does not parse is skipped with a warning on stderr
/// (a torn last line after a crash), an unreadable file is an error.
pub fn read(path: &Path) -> Result<Vec<Entry>, ReviewError> {
    let f = File::open(path).map_err(|source| ReviewError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|source| ReviewError::Read {
            path: path.display().to_string(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Entry>(&line) {
            Ok(e) => out.push(e),
            Err(e) => eprintln!(
                "vanban review: {} line {}: skipped ({e})",
                path.display(),
                i + 1
            ),
        }
    }
    Ok(out)
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries survive a reopen; a torn last line is skipped, not fatal.
    #[test]
    fn appended_entries_are_read_back_and_a_torn_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        let e = Entry {
            time: 1,
            document: "d1".into(),
            path: "a.txt".into(),
            sha256: "ab".into(),
            span: Some([3, 5]),
            field: None,
            old: Some("xy".into()),
            text: Some("xý".into()),
        };
        {
            let (mut log, prior) = Log::open(&p).unwrap();
            assert!(prior.is_empty());
            log.append(&e).unwrap();
        }
        std::fs::OpenOptions::new()
            .append(true)
            .open(&p)
            .unwrap()
            .write_all(b"{\"time\": 2, \"docu")
            .unwrap();
        let (mut log, back) = Log::open(&p).unwrap();
        assert_eq!(back, vec![e.clone()]);
        log.append(&e).unwrap();
        let (_, back) = Log::open(&p).unwrap();
        assert_eq!(back, vec![e.clone(), e]);
    }
}
