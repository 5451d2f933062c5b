//! Records files into an archive: lines read with a bound on their length, parsed, indexed
//! in transactions of many records; a bad line is reported and skipped, the rest indexed.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::doc::Doc;
use crate::error::ArchiveError;
use crate::store::{Counts, Store};

/// The longest record line read (a 2,000-page PDF's record is some tens of MiB).
pub const MAX_LINE: usize = 256 << 20;
/// Records per transaction, and the bytes of record text after which a batch is written
/// early (memory stays bounded whatever the records' sizes).
const BATCH_RECORDS: usize = 2000;
const BATCH_BYTES: usize = 64 << 20;

/// `vanban run --db`: a run's records are written in one transaction once this many are
/// queued or the first of them has waited this long (and when the run ends). A transaction a
/// record cost 3 to 11 ms of CPU a record on a growing archive (each commit writes a full-text
/// segment and appends to the lists of hundreds of accented forms), more than restoring it.
const RUN_GROUP_RECORDS: usize = 64;
const RUN_GROUP_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

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
    /// When the first record of a run's queue came (see [`Indexer::queue_line`]).
    queued_since: Option<std::time::Instant>,
    /// What was indexed so far.
    pub counts: Counts,
    /// Lines that were not records.
    pub bad_lines: usize,
    /// Whether a records file is read, parsed and folded on a second thread while this one
    /// writes (the default); `false`: all on the calling thread.
    pub reading_thread: bool,
}

/// What the reading side gives the writing side: a record, or why a line is not one.
enum Item {
    Doc(Box<Doc>),
    Bad(String),
}

/// Records per hand-over from the reading thread, and the bytes after which a hand-over is
/// made early. [`HANDOVERS`] in flight let the reader prepare about a whole batch while the
/// writer commits the last one (with fewer, the two threads took turns), and bound what is
/// read ahead (80 MiB).
const HANDOVER_RECORDS: usize = 64;
const HANDOVER_BYTES: usize = 2 << 20;
const HANDOVERS: usize = 40;

impl Indexer {
    pub fn new(store: Box<dyn Store>) -> Indexer {
        Indexer {
            store,
            batch: Vec::new(),
            batch_bytes: 0,
            queued_since: None,
            counts: Counts::default(),
            bad_lines: 0,
            reading_thread: true,
        }
    }

    /// The store, for searches.
    pub fn store(&mut self) -> &mut dyn Store {
        self.store.as_mut()
    }

    /// Indexes the records files as one bulk load (see [`Store::bulk`]; `vanban index`) and
    /// writes the last batch.
    pub fn index_files(
        &mut self,
        paths: &[std::path::PathBuf],
        bad: &mut dyn FnMut(String),
    ) -> Result<(), ArchiveError> {
        self.store.bulk(true)?;
        let r = paths
            .iter()
            .try_for_each(|p| self.index_file(p, bad))
            .and_then(|()| self.flush());
        // Ended on an error too: what was written before it is committed.
        let end = self.store.bulk(false);
        r.and(end)
    }

    /// Indexes every record of a JSON Lines file (`-`: stdin); each line that is not a
    /// record goes to `bad` (`FILE:LINE: why`) and is skipped.
    pub fn index_file(
        &mut self,
        path: &Path,
        bad: &mut dyn FnMut(String),
    ) -> Result<(), ArchiveError> {
        if !self.reading_thread {
            return read_records(path, false, &mut |item| {
                self.take(item, bad)?;
                Ok(true)
            });
        }
        std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(HANDOVERS);
            let reader = s.spawn(move || {
                let mut out = Vec::new();
                let mut bytes = 0;
                let r = read_records(path, true, &mut |item| {
                    if let Item::Doc(d) = &item {
                        bytes += d.restored.as_ref().map_or(0, String::len)
                            + d.record.as_ref().map_or(0, String::len);
                    }
                    out.push(item);
                    if out.len() >= HANDOVER_RECORDS || bytes >= HANDOVER_BYTES {
                        bytes = 0;
                        // The writer stopped (an error): stop reading.
                        return Ok(tx.send(std::mem::take(&mut out)).is_ok());
                    }
                    Ok(true)
                });
                if !out.is_empty() {
                    let _ = tx.send(out);
                }
                r
            });
            let mut written = Ok(());
            'all: for items in rx.iter() {
                for item in items {
                    if let Err(e) = self.take(item, bad) {
                        written = Err(e);
                        break 'all;
                    }
                }
            }
            // Dropping the receiver ends a reader still sending.
            drop(rx);
            let read = reader.join().unwrap_or_else(|_| {
                Err(ArchiveError::Usage(format!(
                    "{}: the reading thread failed",
                    path.display()
                )))
            });
            written.and(read)
        })
    }

    /// One item from the reader: a record queued, a bad line reported.
    fn take(&mut self, item: Item, bad: &mut dyn FnMut(String)) -> Result<(), ArchiveError> {
        match item {
            Item::Doc(d) => self.push(*d),
            Item::Bad(m) => {
                self.bad_lines += 1;
                bad(m);
                Ok(())
            }
        }
    }

    /// Queues one record; the batch is written when full.
    pub fn push(&mut self, d: Doc) -> Result<(), ArchiveError> {
        self.batch_bytes += d.restored.as_ref().map_or(0, String::len)
            + d.record.as_ref().map_or(0, String::len)
            + d.entities_json.len()
            + d.fts
                .as_ref()
                .map_or(0, |c| c.iter().map(String::len).sum())
            + 512;
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
        self.queued_since = None;
        Ok(())
    }

    /// Queues one record line of a run (`vanban run --db`); the queue is written in one
    /// transaction when it holds [`RUN_GROUP_RECORDS`] records or its first has waited
    /// [`RUN_GROUP_WAIT`], and by [`Indexer::flush`] (the run's end). A run killed before
    /// that leaves the last records in its records file only: `--resume` indexes them.
    pub fn queue_line(&mut self, line: &[u8]) -> Result<(), ArchiveError> {
        let d = Doc::from_json(line.trim_ascii()).map_err(|e| {
            ArchiveError::Usage(format!("a record the run wrote is not readable: {e}"))
        })?;
        let first = *self
            .queued_since
            .get_or_insert_with(std::time::Instant::now);
        self.push(d)?;
        if self.batch.len() >= RUN_GROUP_RECORDS || first.elapsed() >= RUN_GROUP_WAIT {
            self.flush()?;
        }
        Ok(())
    }
}

/// Reads the records of a JSON Lines file (`-`: stdin), lines bounded in length, each given to
/// `each` as a record (its full-text columns worked out when `prepare`) or as a bad line;
/// stops early when `each` says so.
fn read_records(
    path: &Path,
    prepare: bool,
    each: &mut dyn FnMut(Item) -> Result<bool, ArchiveError>,
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
            return Ok(());
        }
        n += 1;
        let item = if buf.len() > MAX_LINE && buf.last() != Some(&b'\n') {
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
            Item::Bad(format!(
                "{name}:{n}: line longer than {} MiB",
                MAX_LINE >> 20
            ))
        } else {
            let line = buf.trim_ascii();
            if line.is_empty() {
                continue;
            }
            match Doc::from_json(line) {
                Ok(mut d) => {
                    if prepare {
                        d.prepare();
                    }
                    Item::Doc(Box::new(d))
                }
                Err(e) => Item::Bad(format!("{name}:{n}: {e}")),
            }
        };
        if !each(item)? {
            return Ok(());
        }
    }
}
