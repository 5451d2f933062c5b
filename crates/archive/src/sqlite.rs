//! The SQLite archive: one file any SQLite tool can open (`documents`, `entities`,
//! `citations`, `recipients`, the FTS5 table `documents_fts`, the accented forms `marks`); see
//! `schema.rs`.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use crate::doc::Doc;
use crate::error::ArchiveError;
use crate::query::{fts5_match, Search};
use crate::schema;
use crate::snippet::snippet;
use crate::store::{Counts, Hit, Store};

/// The rank's (`vbrank`, see `rank.rs`; higher is better) column weights: a word of
/// the title counts twenty times one of the body (chosen on the real documents with BM25:
/// 1 / 5 / 10 / 20 / 50 gave 80.9 / 89.4 / 89.4 / 95.7 / 95.7 % top-3); the `facets`
/// column (date checks only) not at all.
const WEIGHTS: &str = "20.0, 1.0, 0.0";

/// Documents (the first ones indexed) on which each query term's document frequency is
/// counted for its IDF: the whole archive when it is smaller.
const IDF_SAMPLE: i64 = 1000;

/// Typed accents listing at most this many documents (see `marks.rs`) search only them: the
/// full-text match is tested on each by rowid instead of ranking every candidate.
const NARROW: usize = 2000;

/// Records a bulk load writes in one transaction (the indexer's batches go on in the same
/// transaction until there are this many): FTS5 writes a segment of the index at each commit
/// and merges segments as they pile up. FTS5 alone on the 100,000 bench records, loaded
/// machine: 287 µs of CPU a record committing every 1,500 records (the indexer's batches),
/// 245 every 10,000.
const BULK_RECORDS: usize = 10_000;

/// An open SQLite archive.
pub struct SqliteStore {
    conn: Connection,
    db: String,
    /// In a bulk load ([`Store::bulk`]).
    bulk: bool,
    /// Records written in the open transaction.
    pending: usize,
    /// The [`schema::LATER_INDEXES`] are to be made when the bulk load ends.
    later_indexes: bool,
    /// The open transaction's accented-form postings, written when it commits.
    postings: crate::marks::Postings,
    /// See [`NARROW`].
    narrow: usize,
    /// Hints the kernel to write pages early while a bulk load goes on.
    writeback: Option<crate::writeback::Writeback>,
}

impl SqliteStore {
    /// Opens (with `create`, creating) the archive at `path`; a file that is not an archive
    /// is refused before anything is written to it.
    pub fn open(path: &Path, create: bool) -> Result<SqliteStore, ArchiveError> {
        let db = path.display().to_string();
        if path.is_dir() {
            return Err(ArchiveError::Usage(format!("{db}: is a directory")));
        }
        if !create && !path.exists() {
            return Err(ArchiveError::Usage(format!(
                "{db}: no such archive (make one with `vanban index RECORDS.jsonl --db {db}`)"
            )));
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| ArchiveError::NotSqlite {
                db: db.clone(),
                cause: e.to_string(),
            })?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| sql(&db, e))?;
        schema::prepare(&mut conn, &db)?;
        // WAL: readers (a search, the sqlite3 shell) go on while a run indexes. Set by the
        // writers only, and not insisted on: while `vanban index` loads with a rollback
        // journal (see [`Store::bulk`]), a search reads in that mode.
        if create {
            journal_mode(&conn, &db, "WAL")?;
            // A bulk load that did not end left some indexes unmade (searches are right
            // without them, only slower).
            schema::make_later_indexes(&conn).map_err(|e| sql(&db, e))?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| sql(&db, e))?;
        // 64 MiB of page cache and memory-mapped reads: FTS5's segment merges and the
        // searches read the same pages again and again.
        conn.pragma_update(None, "cache_size", -65536)
            .map_err(|e| sql(&db, e))?;
        conn.pragma_update(None, "mmap_size", 1i64 << 30)
            .map_err(|e| sql(&db, e))?;
        crate::rank::register(&conn).map_err(|why| ArchiveError::Sqlite3Build {
            db: db.clone(),
            why,
        })?;
        Ok(SqliteStore {
            conn,
            db,
            bulk: false,
            pending: 0,
            later_indexes: false,
            postings: Default::default(),
            narrow: NARROW,
            writeback: None,
        })
    }

    /// Typed accents listing at most `n` documents search only them (default [`NARROW`]; the
    /// tests compare both ways).
    #[doc(hidden)]
    pub fn narrow_at_most(&mut self, n: usize) {
        self.narrow = n;
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> ArchiveError + '_ {
        move |e| sql(&self.db, e)
    }

    /// Commits the open transaction, if any (a failed commit is rolled back).
    fn commit(&mut self) -> Result<(), ArchiveError> {
        self.pending = 0;
        if self.conn.is_autocommit() {
            self.postings.clear();
            return Ok(());
        }
        let r = self
            .postings
            .flush(&self.conn)
            .and_then(|()| self.conn.execute_batch("COMMIT"));
        r.map_err(|e| {
            self.postings.clear();
            let _ = self.conn.execute_batch("ROLLBACK");
            sql(&self.db, e)
        })
    }
}

/// Sets the journal mode `mode` if no other connection prevents it (then the mode stays as
/// it was: both are safe, only speed and waiting differ); returns whether it is now `mode`.
fn journal_mode(conn: &Connection, db: &str, mode: &str) -> Result<bool, ArchiveError> {
    match conn.pragma_update_and_check(None, "journal_mode", mode, |r| r.get::<_, String>(0)) {
        Ok(now) => Ok(now.eq_ignore_ascii_case(mode)),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            Ok(false)
        }
        Err(e) => Err(sql(db, e)),
    }
}

fn sql(db: &str, source: rusqlite::Error) -> ArchiveError {
    ArchiveError::Sqlite {
        db: db.to_string(),
        source,
    }
}

/// The columns `SELECT`ed by [`read_doc`], `d` being `documents` and `r` `records`.
const DOC_COLUMNS: &str = "d.id, d.path, d.sha256, d.status, d.error_kind, d.error_message, \
     d.kind, d.pages, d.number, d.type, d.date, d.place, d.authority, d.parent_authority, \
     d.title, d.signer, d.signer_title, d.record_hash, d.restored, r.record, d.entities_json, \
     d.recipients_json";

/// A `documents` row (with its `records` row) as a [`Doc`].
fn read_doc(r: &rusqlite::Row) -> rusqlite::Result<(i64, Doc)> {
    let recipients: Option<String> = r.get(21)?;
    Ok((
        r.get(0)?,
        Doc {
            path: r.get(1)?,
            sha256: r.get(2)?,
            status: r.get(3)?,
            error_kind: r.get(4)?,
            error_message: r.get(5)?,
            kind: r.get(6)?,
            pages: r.get(7)?,
            number: r.get(8)?,
            doc_type: r.get(9)?,
            date: r.get(10)?,
            place: r.get(11)?,
            authority: r.get(12)?,
            parent_authority: r.get(13)?,
            title: r.get(14)?,
            signer: r.get(15)?,
            signer_title: r.get(16)?,
            record_hash: r.get(17)?,
            restored: r.get(18)?,
            record: r.get(19)?,
            entities_json: r
                .get::<_, Option<String>>(20)?
                .unwrap_or_else(|| "[]".into()),
            recipients: recipients
                .and_then(|j| serde_json::from_str(&j).ok())
                .unwrap_or_default(),
            ..Doc::default()
        },
    ))
}

/// The WHERE clauses and parameters of a search's filters (`d` is `documents`).
pub(crate) fn filters(s: &Search, first_param: usize) -> (Vec<String>, Vec<String>) {
    let mut clauses = Vec::new();
    let mut params = Vec::new();
    let mut add = |clause: &str, v: &str| {
        params.push(v.to_string());
        clauses.push(clause.replace('?', &format!("?{}", first_param + params.len() - 1)));
    };
    if let Some(t) = &s.doc_type {
        add("d.type_key = ?", t);
    }
    if let Some(a) = &s.authority {
        add("instr(d.authority_key, ?) > 0", a);
    }
    if let Some(f) = &s.from {
        add("d.date >= ?", f);
    }
    if let Some(t) = &s.to {
        add("d.date <= ?", t);
    }
    if let Some(n) = &s.number {
        add("d.number_key = ?", n);
    }
    if let Some(c) = &s.cites {
        add(
            "d.id IN (SELECT document_id FROM citations WHERE number_key = ?)",
            c,
        );
    }
    (clauses, params)
}

fn lo_bound() -> String {
    "0001-01-01".into()
}

fn hi_bound() -> String {
    "9999-12-31".into()
}

impl SqliteStore {
    /// The rank expression of a query: `vbrank` with the column weights and, for each phrase
    /// of [`fts5_match`]'s expression, the IDF of its term (`bm25()`'s formula, the document
    /// frequency counted on the first [`IDF_SAMPLE`] documents).
    fn rank(&self, terms: &[crate::query::Term]) -> Result<String, ArchiveError> {
        let (n, bound): (i64, Option<i64>) = self
            .conn
            .query_row(
                &format!(
                    "SELECT count(*), max(id) FROM \
                     (SELECT id FROM documents ORDER BY id LIMIT {IDF_SAMPLE})"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(self.err())?;
        let mut out = format!("vbrank(documents_fts, {WEIGHTS}");
        for t in terms {
            let m = fts5_match(std::slice::from_ref(t));
            let df: i64 = self
                .conn
                .prepare_cached(
                    "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1 \
                     AND rowid <= ?2",
                )
                .and_then(|mut st| st.query_row(params![m, bound.unwrap_or(0)], |r| r.get(0)))
                .map_err(self.err())?;
            let (n, df) = (n as f64, df as f64);
            // bm25()'s IDF and floor.
            let idf = ((n - df + 0.5) / (df + 0.5)).ln();
            let idf = if idf <= 0.0 { 1e-6 } else { idf };
            out.push_str(&format!(", {idf:.6}"));
        }
        out.push(')');
        Ok(out)
    }

    /// The ids listed under every one of `forms` (` form `, as `marks` holds them; see
    /// `marks.rs`), sorted; `None` without forms.
    fn listed(&self, forms: &[String]) -> Result<Option<Vec<i64>>, ArchiveError> {
        let mut out: Option<Vec<i64>> = None;
        for f in forms {
            let ids = crate::marks::listed(&self.conn, f.trim()).map_err(self.err())?;
            out = Some(match out {
                None => ids,
                Some(prev) => prev
                    .into_iter()
                    .filter(|id| ids.binary_search(id).is_ok())
                    .collect(),
            });
        }
        Ok(out)
    }

    /// The first and last document dates of the archive (ISO text; `0001-01-01` when none):
    /// two walks of the date index, which start at the ends (NULLs and stray text skipped).
    fn date_span(&self) -> Result<(String, String), ArchiveError> {
        let end = |order: &str| -> Result<String, ArchiveError> {
            self.conn
                .query_row(
                    &format!(
                        "SELECT date FROM documents WHERE date BETWEEN '0000' AND '9999-99-99' \
                         AND date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' \
                         ORDER BY date {order} LIMIT 1"
                    ),
                    [],
                    |r| r.get(0),
                )
                .optional()
                .map(|d| d.unwrap_or_else(|| "0001-01-01".into()))
                .map_err(|e| sql(&self.db, e))
        };
        Ok((end("ASC")?, end("DESC")?))
    }
}

impl Store for SqliteStore {
    /// A bulk load writes through a rollback journal: pages new to the file are written once
    /// instead of to the WAL and again at its checkpoint (measured on 40,000 records of the
    /// bench: 1,394–1,466 -> 1,547–1,686 records/s with the reading thread), `synchronous=FULL`
    /// so that a power cut loses no committed batch. Only when no other connection has the
    /// archive open (a search started during the load waits for each commit, up to the 10 s
    /// busy timeout); the end of the load makes the archive WAL again. Either way a bulk
    /// load commits every [`BULK_RECORDS`] records and at its end.
    ///
    /// Into an empty archive it has to itself, the load adds the rows without the
    /// [`schema::LATER_INDEXES`] and makes them at its end (on 20,000 bench records, loaded
    /// machine: 566–632 -> 484–498 µs of the writer's CPU a record); a load that does not
    /// end leaves them to the next `open` with `create` (`vanban index`, `vanban run --db`).
    fn bulk(&mut self, on: bool) -> Result<(), ArchiveError> {
        self.commit()?;
        self.bulk = on;
        self.writeback = on.then(|| crate::writeback::Writeback::spawn(Path::new(&self.db)));
        if !on && self.later_indexes {
            self.later_indexes = false;
            schema::make_later_indexes(&self.conn).map_err(self.err())?;
        }
        let (mode, sync) = if on {
            ("TRUNCATE", "FULL")
        } else {
            ("WAL", "NORMAL")
        };
        // Starting, the lock is asked for without waiting (a reader keeps the mode as it is);
        // ending, a reader's moment is waited for as any write waits, so the archive is WAL.
        if on {
            self.conn
                .busy_timeout(std::time::Duration::ZERO)
                .map_err(self.err())?;
        }
        let changed = journal_mode(&self.conn, &self.db, mode);
        self.conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(self.err())?;
        if changed? {
            self.conn
                .pragma_update(None, "synchronous", sync)
                .map_err(self.err())?;
            let empty = || -> rusqlite::Result<bool> {
                self.conn
                    .query_row("SELECT NOT EXISTS (SELECT 1 FROM documents)", [], |r| {
                        r.get(0)
                    })
            };
            if on && empty().map_err(self.err())? {
                schema::drop_later_indexes(&self.conn).map_err(self.err())?;
                self.later_indexes = true;
            }
        }
        Ok(())
    }

    fn index(&mut self, docs: &[Doc]) -> Result<Counts, ArchiveError> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN").map_err(self.err())?;
        }
        match crate::sqlite_write::write(&self.conn, docs, &mut self.postings) {
            Ok(counts) => {
                self.pending += docs.len();
                if !self.bulk || self.pending >= BULK_RECORDS {
                    self.commit()?;
                }
                Ok(counts)
            }
            Err(x) => {
                // Nothing of the transaction is kept (in a bulk load, the batches since the
                // last commit too).
                self.pending = 0;
                self.postings.clear();
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(sql(&self.db, x))
            }
        }
    }

    fn search(&mut self, s: &Search) -> Result<Vec<Hit>, ArchiveError> {
        let limit = s.limit.max(1);
        let mut ids: Vec<(i64, Option<f64>)> = Vec::new();
        if s.terms.is_empty() {
            let (clauses, params) = filters(s, 1);
            let wh = if clauses.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", clauses.join(" AND "))
            };
            let q = format!(
                "SELECT d.id FROM documents d {wh} ORDER BY d.date DESC, d.path LIMIT {limit}"
            );
            let mut st = self.conn.prepare(&q).map_err(self.err())?;
            let rows = st
                .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                    Ok((r.get(0)?, None))
                })
                .map_err(self.err())?;
            for r in rows {
                ids.push(r.map_err(self.err())?);
            }
        } else {
            let mut m = fts5_match(&s.terms);
            // A date filter is matched inside the index: the date tokens of the range cover it
            // exactly, so the documents are not read to test it (a range too long for tokens
            // is tested on the documents).
            let mut rest = s.clone();
            if s.from.is_some() || s.to.is_some() {
                let (lo, hi) = match (&s.from, &s.to) {
                    (Some(f), Some(t)) => (f.clone(), t.clone()),
                    _ => self.date_span()?,
                };
                let from = s.from.clone().unwrap_or(lo).max(lo_bound());
                let to = s.to.clone().unwrap_or(hi).min(hi_bound());
                match crate::facets::range_tokens(&from, &to) {
                    Some(t) if t.is_empty() => return Ok(Vec::new()),
                    Some(t) => {
                        m = format!("({m}) AND facets : ({})", t.join(" OR "));
                        rest.from = None;
                        rest.to = None;
                    }
                    None => {}
                }
            }
            let (clauses, mut params) = filters(&rest, 2);
            params.insert(0, m);
            // CROSS JOIN: the full-text match drives, documents (for the filters) are looked
            // up by id.
            let mut from = String::from("documents_fts");
            if !clauses.is_empty() {
                from.push_str(" CROSS JOIN documents d ON d.id = documents_fts.rowid");
            }
            // Typed accents: each form must be among the document's (`marks`, see
            // `schema.rs`), checked on the ranked candidates, best first, until the limit (a
            // usual form is met at once; a rare one is looked for in every candidate).
            let forms: Vec<String> = s
                .terms
                .iter()
                .flat_map(|t| t.marks.iter().flatten())
                .map(|f| format!(" {f} "))
                .collect();
            // The documents listed under every typed form (`mark_docs`): a few are searched
            // alone; many are a test made before a candidate's forms are read.
            let listed = self.listed(&forms)?;
            if listed.as_ref().is_some_and(Vec::is_empty) {
                return Ok(Vec::new());
            }
            let rank = self.rank(&s.terms)?;
            let mut wh = String::from("documents_fts MATCH ?1");
            for c in &clauses {
                wh.push_str(" AND ");
                wh.push_str(c);
            }
            if let Some(ids) = listed.as_ref().filter(|l| l.len() <= self.narrow) {
                let list: Vec<String> = ids.iter().map(i64::to_string).collect();
                params.push(format!("[{}]", list.join(",")));
                wh.push_str(&format!(
                    " AND documents_fts.rowid IN (SELECT value FROM json_each(?{}))",
                    params.len()
                ));
            }
            let lim = if forms.is_empty() {
                format!(" LIMIT {limit}")
            } else {
                String::new()
            };
            let q = format!(
                "SELECT documents_fts.rowid, {rank} AS score FROM {from} WHERE {wh} \
                 ORDER BY score DESC, documents_fts.rowid{lim}"
            );
            let mut st = self.conn.prepare(&q).map_err(self.err())?;
            let mut marks = self
                .conn
                .prepare_cached("SELECT forms FROM marks WHERE document_id = ?1")
                .map_err(self.err())?;
            let mut rows = st
                .query(rusqlite::params_from_iter(params.iter()))
                .map_err(self.err())?;
            while let Some(r) = rows.next().map_err(self.err())? {
                let id: i64 = r.get(0).map_err(self.err())?;
                if let Some(l) = &listed {
                    if l.binary_search(&id).is_err() {
                        continue;
                    }
                }
                if !forms.is_empty() {
                    let have: Option<String> = marks
                        .query_row([id], |m| m.get(0))
                        .optional()
                        .map_err(self.err())?;
                    let have = have.unwrap_or_default();
                    if !forms.iter().all(|f| have.contains(f.as_str())) {
                        continue;
                    }
                }
                ids.push((id, Some(r.get(1).map_err(self.err())?)));
                if ids.len() >= limit {
                    break;
                }
            }
        }
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT path, sha256, number, type, date, authority, title, restored \
                 FROM documents WHERE id = ?1",
            )
            .map_err(|e| sql(&self.db, e))?;
        let mut hits = Vec::with_capacity(ids.len());
        for (id, score) in ids {
            let (mut hit, text): (Hit, Option<String>) = st
                .query_row([id], |r| {
                    Ok((
                        Hit {
                            path: r.get(0)?,
                            sha256: r.get(1)?,
                            number: r.get(2)?,
                            doc_type: r.get(3)?,
                            date: r.get(4)?,
                            authority: r.get(5)?,
                            title: r.get(6)?,
                            score,
                            snippet: None,
                        },
                        r.get(7)?,
                    ))
                })
                .map_err(|e| sql(&self.db, e))?;
            hit.snippet = snippet(text.as_deref().unwrap_or(""), &s.terms)
                .or_else(|| snippet(hit.title.as_deref().unwrap_or(""), &s.terms));
            hits.push(hit);
        }
        Ok(hits)
    }

    fn count(&mut self) -> Result<i64, ArchiveError> {
        self.conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .map_err(|e| sql(&self.db, e))
    }

    fn record_of(&mut self, path: &str) -> Result<Option<serde_json::Value>, ArchiveError> {
        let e = |x| sql(&self.db, x);
        self.conn
            .prepare_cached(&format!(
                "SELECT {DOC_COLUMNS} FROM documents d \
                 LEFT JOIN records r ON r.document_id = d.id WHERE d.path = ?1"
            ))
            .map_err(e)?
            .query_row([path], read_doc)
            .optional()
            .map_err(e)
            .map(|d| d.map(|(_, d)| crate::records::record(&d)))
    }

    fn records(&mut self) -> Result<Vec<serde_json::Value>, ArchiveError> {
        let e = |x| sql(&self.db, x);
        let tx = self.conn.unchecked_transaction().map_err(e)?;
        let mut docs = tx
            .prepare(&format!(
                "SELECT {DOC_COLUMNS} FROM documents d \
                 LEFT JOIN records r ON r.document_id = d.id ORDER BY d.id"
            ))
            .map_err(e)?;
        let mut out = Vec::new();
        for row in docs.query_map([], read_doc).map_err(e)? {
            let (_, d) = row.map_err(e)?;
            out.push(crate::records::record(&d));
        }
        Ok(out)
    }
}
