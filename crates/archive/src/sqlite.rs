//! The SQLite archive: one file any SQLite tool can open (`documents`, `entities`,
//! `citations`, `recipients`, the FTS5 table `documents_fts`); see `schema.rs`.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use crate::doc::Doc;
use crate::error::ArchiveError;
use crate::fold;
use crate::query::{fts5_match, Search};
use crate::schema;
use crate::snippet::snippet;
use crate::store::{Counts, Hit, Outcome, Store};

/// BM25 column weights: a word of the title counts twenty times one of the body (chosen on
/// the real documents: 1 / 5 / 10 / 20 / 50 gave 80.9 / 89.4 / 89.4 / 95.7 / 95.7 % top-3); the
/// `marked` and `facets` columns (accent and date checks only) not at all.
const BM25: &str = "bm25(documents_fts, 20.0, 1.0, 0.0, 0.0)";

/// An open SQLite archive.
pub struct SqliteStore {
    conn: Connection,
    db: String,
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
        // WAL: readers (a search, the sqlite3 shell) go on while a run indexes.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| sql(&db, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| sql(&db, e))?;
        // 64 MiB of page cache and memory-mapped reads: FTS5's segment merges and the
        // searches read the same pages again and again.
        conn.pragma_update(None, "cache_size", -65536)
            .map_err(|e| sql(&db, e))?;
        conn.pragma_update(None, "mmap_size", 1i64 << 30)
            .map_err(|e| sql(&db, e))?;
        Ok(SqliteStore { conn, db })
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> ArchiveError + '_ {
        move |e| sql(&self.db, e)
    }
}

fn sql(db: &str, source: rusqlite::Error) -> ArchiveError {
    ArchiveError::Sqlite {
        db: db.to_string(),
        source,
    }
}

/// Removes a document and everything hanging from it (the full-text entry is removed with
/// the columns it was made from, as contentless FTS5 tables need).
fn delete(
    tx: &rusqlite::Transaction,
    id: i64,
    title: &str,
    body: &str,
    date: Option<&str>,
) -> rusqlite::Result<()> {
    let cols = crate::doc::fts_columns(title, body, date);
    tx.prepare_cached(
        "INSERT INTO documents_fts (documents_fts, rowid, title, body, marked, facets) \
         VALUES ('delete', ?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, cols[0], cols[1], cols[2], cols[3]])?;
    for t in ["entities", "citations", "recipients", "records"] {
        tx.prepare_cached(&format!("DELETE FROM {t} WHERE document_id = ?1"))?
            .execute([id])?;
    }
    tx.prepare_cached("DELETE FROM documents WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

fn insert(tx: &rusqlite::Transaction, d: &Doc) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO documents (path, sha256, status, error_kind, error_message, kind, pages, \
         number, type, date, place, authority, parent_authority, title, signer, signer_title, \
         number_key, type_key, authority_key, record_hash, restored) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19, ?20, ?21)",
    )?
    .execute(params![
        d.path,
        d.sha256,
        d.status,
        d.error_kind,
        d.error_message,
        d.kind,
        d.pages,
        d.number,
        d.doc_type,
        d.date,
        d.place,
        d.authority,
        d.parent_authority,
        d.title,
        d.signer,
        d.signer_title,
        d.number_key(),
        d.type_key(),
        d.authority_key(),
        d.record_hash,
        d.restored,
    ])?;
    let id = tx.last_insert_rowid();
    let cols = d.fts_columns();
    tx.prepare_cached(
        "INSERT INTO documents_fts (rowid, title, body, marked, facets) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, cols[0], cols[1], cols[2], cols[3]])?;
    let mut st = tx.prepare_cached(
        "INSERT INTO entities (document_id, seq, type, text, value, span_start, span_end, \
         confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, e) in d.entities.iter().enumerate() {
        st.execute(params![
            id,
            i,
            e.kind,
            e.text,
            e.value,
            e.span.map(|s| s[0]),
            e.span.map(|s| s[1]),
            e.confidence
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO citations (document_id, seq, doc_type, number, number_key, date) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, c) in d.citations.iter().enumerate() {
        st.execute(params![
            id,
            i,
            c.doc_type,
            c.number,
            fold::number_key(&c.number),
            c.date
        ])?;
    }
    let mut st =
        tx.prepare_cached("INSERT INTO recipients (document_id, seq, name) VALUES (?1, ?2, ?3)")?;
    for (i, r) in d.recipients.iter().enumerate() {
        st.execute(params![id, i, r])?;
    }
    keep_record(tx, id, d)
}

/// Stores the rest of the record (`records`), unless the document already has it.
fn keep_record(tx: &rusqlite::Transaction, id: i64, d: &Doc) -> rusqlite::Result<()> {
    if let Some(r) = &d.record {
        tx.prepare_cached("INSERT OR IGNORE INTO records (document_id, record) VALUES (?1, ?2)")?
            .execute(params![id, r])?;
    }
    Ok(())
}

/// The columns `SELECT`ed by [`read_doc`], `d` being `documents` and `r` `records`.
const DOC_COLUMNS: &str = "d.id, d.path, d.sha256, d.status, d.error_kind, d.error_message, \
     d.kind, d.pages, d.number, d.type, d.date, d.place, d.authority, d.parent_authority, \
     d.title, d.signer, d.signer_title, d.record_hash, d.restored, r.record";

/// A `documents` row (with its `records` row) as a [`Doc`] without entities and recipients.
fn read_doc(r: &rusqlite::Row) -> rusqlite::Result<(i64, Doc)> {
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
    /// The first and last document dates of the archive (ISO text; a wide span when none).
    fn date_span(&self) -> Result<(String, String), ArchiveError> {
        self.conn
            .query_row(
                "SELECT coalesce(min(date), '0001-01-01'), coalesce(max(date), '0001-01-01') \
                 FROM documents WHERE date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| sql(&self.db, e))
    }
}

impl Store for SqliteStore {
    fn index(&mut self, docs: &[Doc]) -> Result<Counts, ArchiveError> {
        let db = self.db.clone();
        let e = |x| sql(&db, x);
        let tx = self.conn.transaction().map_err(e)?;
        let mut counts = Counts::default();
        for d in docs {
            type Old = (
                i64,
                String,
                String,
                Option<String>,
                Option<String>,
                Option<String>,
            );
            let old: Option<Old> = tx
                .prepare_cached(
                    "SELECT id, sha256, record_hash, title, restored, date FROM documents \
                     WHERE path = ?1",
                )
                .map_err(e)?
                .query_row([&d.path], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })
                .optional()
                .map_err(e)?;
            let old_id = old.as_ref().map(|o| o.0);
            let outcome = match old {
                Some((_, sha, hash, ..)) if sha == d.sha256 && hash == d.record_hash => {
                    Outcome::Unchanged
                }
                Some((id, _, _, title, body, date)) => {
                    delete(
                        &tx,
                        id,
                        title.as_deref().unwrap_or(""),
                        body.as_deref().unwrap_or(""),
                        date.as_deref(),
                    )
                    .map_err(e)?;
                    Outcome::Replaced
                }
                None => Outcome::Added,
            };
            match (outcome, old_id) {
                // Indexed before the `records` table: the same record again fills it in.
                (Outcome::Unchanged, Some(id)) => keep_record(&tx, id, d).map_err(e)?,
                _ => insert(&tx, d).map_err(e)?,
            }
            counts.add(outcome);
        }
        tx.commit().map_err(e)?;
        Ok(counts)
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
            let (clauses, mut params) = filters(s, 2);
            let mut m = fts5_match(&s.terms);
            // A date filter narrows inside the index first (the exact test follows below).
            if s.from.is_some() || s.to.is_some() {
                let (lo, hi) = self.date_span()?;
                let from = s.from.clone().unwrap_or(lo).max(lo_bound());
                let to = s.to.clone().unwrap_or(hi).min(hi_bound());
                match crate::facets::range_tokens(&from, &to) {
                    Some(t) if t.is_empty() => return Ok(Vec::new()),
                    Some(t) => m = format!("({m}) AND facets : ({})", t.join(" OR ")),
                    None => {}
                }
            }
            params.insert(0, m);
            let q = if clauses.is_empty() {
                format!(
                    "SELECT rowid, -{BM25} AS score FROM documents_fts WHERE documents_fts \
                     MATCH ?1 ORDER BY {BM25} LIMIT {limit}"
                )
            } else {
                let mut wh = String::from("documents_fts MATCH ?1");
                for c in &clauses {
                    wh.push_str(" AND ");
                    wh.push_str(c);
                }
                // CROSS JOIN: the full-text match drives, documents are looked up by id.
                format!(
                    "SELECT d.id, -{BM25} AS score FROM documents_fts CROSS JOIN documents d \
                     ON d.id = documents_fts.rowid WHERE {wh} ORDER BY {BM25} LIMIT {limit}"
                )
            };
            let mut st = self.conn.prepare(&q).map_err(self.err())?;
            let rows = st
                .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                    Ok((r.get(0)?, Some(r.get(1)?)))
                })
                .map_err(self.err())?;
            for r in rows {
                ids.push(r.map_err(self.err())?);
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

    fn records(&mut self) -> Result<Vec<serde_json::Value>, ArchiveError> {
        let e = |x| sql(&self.db, x);
        let tx = self.conn.unchecked_transaction().map_err(e)?;
        let mut docs = tx
            .prepare(&format!(
                "SELECT {DOC_COLUMNS} FROM documents d \
                 LEFT JOIN records r ON r.document_id = d.id ORDER BY d.id"
            ))
            .map_err(e)?;
        let mut ents = tx
            .prepare(
                "SELECT type, text, value, span_start, span_end, confidence FROM entities \
                 WHERE document_id = ?1 ORDER BY seq",
            )
            .map_err(e)?;
        let mut recips = tx
            .prepare("SELECT name FROM recipients WHERE document_id = ?1 ORDER BY seq")
            .map_err(e)?;
        let mut out = Vec::new();
        for row in docs.query_map([], read_doc).map_err(e)? {
            let (id, mut d) = row.map_err(e)?;
            d.entities = ents
                .query_map([id], |r| {
                    let (a, b): (Option<i64>, Option<i64>) = (r.get(3)?, r.get(4)?);
                    Ok(crate::doc::EntityRow {
                        kind: r.get(0)?,
                        text: r.get(1)?,
                        value: r
                            .get::<_, Option<String>>(2)?
                            .unwrap_or_else(|| "null".into()),
                        span: a.zip(b).map(|(a, b)| [a, b]),
                        confidence: r.get(5)?,
                    })
                })
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(e)?;
            d.recipients = recips
                .query_map([id], |r| r.get(0))
                .and_then(|rows| rows.collect::<Result<Vec<String>, _>>())
                .map_err(e)?;
            out.push(crate::records::record(&d));
        }
        Ok(out)
    }
}
