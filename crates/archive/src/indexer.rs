//! Records files into an archive: lines read with a bound on their length, parsed, indexed
//! in transactions of many records; a bad line is reported and skipped, the rest indexed.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::doc::Doc;
use crate::error::ArchiveError;
use crate::store::{Counts, Outcome, Store};

/// The longest record line read (a 2,000-page PDF's record is some tens of MiB).
pub const MAX_LINE: usize = 256 << 20;
/// Records per transaction, and the bytes of record text after which a batch is written
/// early (memory stays bounded whatever the records' sizes).
const BATCH_RECORDS: usize = 2000;
const BATCH_BYTES: usize = 64 << 20;

/// Opens the archive `db`: `postgresql://…` / `postgres://…` a PostgreSQL server, anything
/// else a SQLite file (created when `create`).
pub fn open(db: &str, create: bool) -> Result<Box<dyn Store>, ArchiveError> {
    if db.starts_with("postgresql://") || db.starts_with("postgres://") {
        Ok(Box::new(crate::postgres::PgStore::connect(db)?))
    } else {
        Ok(Box::new(crate::sqlite::SqliteStore::open(
            Path::new(db),
            create,
        )?))
    }
}

/// Feeds records to a store.
pub struct Indexer {
    store: Box<dyn Store>,
    batch: Vec<Doc>,
    batch_bytes: usize,
    /// What was indexed so far.
    pub counts: Counts,
    /// Lines that were not records.
    pub bad_lines: usize,
}

impl Indexer {
    pub fn new(store: Box<dyn Store>) -> Indexer {
        Indexer {
            store,
            batch: Vec::new(),
            batch_bytes: 0,
            counts: Counts::default(),
            bad_lines: 0,
        }
    }

    /// The store, for searches.
    pub fn store(&mut self) -> &mut dyn Store {
        self.store.as_mut()
    }

    /// Indexes every record of a JSON Lines file (`-`: stdin); each line that is not a
    /// record goes to `bad` (`FILE:LINE: why`) and is skipped.
    pub fn index_file(
        &mut self,
        path: &Path,
        bad: &mut dyn FnMut(String),
    ) -> Result<(), ArchiveError> {
        let name = path.display().to_string();
        let io = |source| ArchiveError::Io {
            path: name.clone(),
            source,
        };
        let reader: Box<dyn Read> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::fs::File::open(path).map_err(io)?)
        };
        let mut r = BufReader::with_capacity(1 << 20, reader);
        let mut buf = Vec::new();
        let mut n = 0usize;
        loop {
            buf.clear();
            let got = (&mut r)
                .take(MAX_LINE as u64 + 1)
                .read_until(b'\n', &mut buf)
                .map_err(io)?;
            if got == 0 {
                break;
            }
            n += 1;
            if buf.len() > MAX_LINE && buf.last() != Some(&b'\n') {
                // Skip the rest of the over-long line.
                loop {
                    buf.clear();
                    let more = (&mut r)
                        .take(1 << 20)
                        .read_until(b'\n', &mut buf)
                        .map_err(io)?;
                    if more == 0 || buf.last() == Some(&b'\n') {
                        break;
                    }
                }
                self.bad_lines += 1;
                bad(format!(
                    "{name}:{n}: line longer than {} MiB",
                    MAX_LINE >> 20
                ));
                continue;
            }
            let line = buf.trim_ascii();
            if line.is_empty() {
                continue;
            }
            match Doc::from_json(line) {
                Ok(d) => self.push(d)?,
                Err(e) => {
                    self.bad_lines += 1;
                    bad(format!("{name}:{n}: {e}"));
                }
            }
        }
        Ok(())
    }

    /// Queues one record; the batch is written when full.
    pub fn push(&mut self, d: Doc) -> Result<(), ArchiveError> {
        self.batch_bytes += d.restored.as_ref().map_or(0, String::len) + 512;
        self.batch.push(d);
        if self.batch.len() >= BATCH_RECORDS || self.batch_bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the queued records (one transaction).
    pub fn flush(&mut self) -> Result<(), ArchiveError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let c = self.store.index(&self.batch)?;
        self.counts.added += c.added;
        self.counts.replaced += c.replaced;
        self.counts.unchanged += c.unchanged;
        self.batch.clear();
        self.batch_bytes = 0;
        Ok(())
    }

    /// Indexes one record line at once, in its own transaction (`vanban run --db`).
    pub fn index_line(&mut self, line: &[u8]) -> Result<Outcome, ArchiveError> {
        let d = Doc::from_json(line.trim_ascii()).map_err(|e| {
            ArchiveError::Usage(format!("a record the run wrote is not readable: {e}"))
        })?;
        let c = self.store.index(std::slice::from_ref(&d))?;
        let o = if c.added > 0 {
            Outcome::Added
        } else if c.replaced > 0 {
            Outcome::Replaced
        } else {
            Outcome::Unchanged
        };
        self.counts.add(o);
        Ok(o)
    }
}
