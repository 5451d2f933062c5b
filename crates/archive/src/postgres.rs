//! The PostgreSQL archive: the same tables as SQLite's, the full text as a `tsvector` of the
//! folded tokens (`simple` configuration, title weighted A, body D) under a GIN index, the
//! accented forms as a `text[]` under another; ranked with `ts_rank`, a title word worth twenty
//! body words as in SQLite. The folding is done
//! here, as for SQLite, so the server needs no extension and both back ends find the same.

use postgres::types::ToSql;
use postgres::{Client, NoTls};

use crate::doc::Doc;
use crate::error::ArchiveError;
use crate::fold;
use crate::query::{tsquery, Search};
use crate::snippet::snippet;
use crate::sqlite::filters;
use crate::store::{Counts, Hit, Outcome, Store};

/// Body tokens put in the tsvector (its size is limited to 1 MiB); the text is kept whole.
const MAX_FTS_TOKENS: usize = 200_000;

const SCHEMA: &str = "
CREATE TABLE archive_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  id BIGSERIAL PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  status TEXT NOT NULL,
  error_kind TEXT,
  error_message TEXT,
  kind TEXT,
  pages BIGINT,
  number TEXT,
  type TEXT,
  date TEXT,
  place TEXT,
  authority TEXT,
  parent_authority TEXT,
  title TEXT,
  signer TEXT,
  signer_title TEXT,
  number_key TEXT,
  type_key TEXT,
  authority_key TEXT,
  record_hash TEXT NOT NULL,
  restored TEXT,
  fts tsvector NOT NULL,
  marked text[] NOT NULL
);
CREATE INDEX documents_fts_gin ON documents USING GIN (fts);
CREATE INDEX documents_marked_gin ON documents USING GIN (marked);
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_type_key ON documents(type_key, date);
CREATE TABLE entities (
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL, type TEXT NOT NULL, text TEXT, value TEXT,
  span_start BIGINT, span_end BIGINT, confidence DOUBLE PRECISION,
  PRIMARY KEY (document_id, seq));
CREATE TABLE citations (
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL, doc_type TEXT, number TEXT NOT NULL, number_key TEXT NOT NULL, date TEXT,
  PRIMARY KEY (document_id, seq));
CREATE INDEX citations_number_key ON citations(number_key);
CREATE TABLE recipients (
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (document_id, seq));
INSERT INTO archive_meta VALUES ('format', 'vanban-archive'), ('schema_version', '2');
";

/// The `records` table (schema version 2, as SQLite's `schema::V1_TO_V2`); also the migration
/// of a version-1 archive.
const RECORDS: &str = "
CREATE TABLE IF NOT EXISTS records (
  document_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  record TEXT NOT NULL);
";

/// A connection to a PostgreSQL archive.
pub struct PgStore {
    client: Client,
    db: String,
}

impl PgStore {
    /// Connects and makes sure the database holds a current archive (created in an empty
    /// schema; another program's `documents` table is refused).
    pub fn connect(url: &str) -> Result<PgStore, ArchiveError> {
        // The URL without its password, for messages.
        let db = match (url.find("://"), url.find('@')) {
            (Some(s), Some(at)) if at > s => format!("{}{}", &url[..s + 3], &url[at + 1..]),
            _ => url.to_string(),
        };
        let client = Client::connect(url, NoTls).map_err(|source| ArchiveError::Postgres {
            db: db.clone(),
            source,
        })?;
        let mut s = PgStore { client, db };
        s.prepare()?;
        Ok(s)
    }

    fn err(&self) -> impl Fn(postgres::Error) -> ArchiveError + '_ {
        move |source| ArchiveError::Postgres {
            db: self.db.clone(),
            source,
        }
    }

    fn prepare(&mut self) -> Result<(), ArchiveError> {
        let db = self.db.clone();
        let e = |source| ArchiveError::Postgres {
            db: db.clone(),
            source,
        };
        let mut tx = self.client.transaction().map_err(e)?;
        // One creator at a time.
        tx.execute("SELECT pg_advisory_xact_lock(1447185985)", &[])
            .map_err(e)?;
        let has = |tx: &mut postgres::Transaction, t: &str| -> Result<bool, ArchiveError> {
            Ok(tx
                .query_one("SELECT to_regclass($1) IS NOT NULL", &[&t])
                .map_err(e)?
                .get(0))
        };
        if has(&mut tx, "archive_meta")? {
            let v: Option<String> = tx
                .query_opt(
                    "SELECT value FROM archive_meta WHERE key = 'schema_version'",
                    &[],
                )
                .map_err(e)?
                .map(|r| r.get(0));
            let v: i64 = v.and_then(|v| v.parse().ok()).unwrap_or(0);
            if v > crate::schema::SCHEMA_VERSION {
                return Err(ArchiveError::TooNew {
                    db,
                    found: v,
                    known: crate::schema::SCHEMA_VERSION,
                });
            }
            if v < 1 {
                return Err(ArchiveError::Foreign {
                    db,
                    why: "archive_meta has no schema version".into(),
                });
            }
            if v < 2 {
                tx.batch_execute(RECORDS).map_err(e)?;
                tx.execute(
                    "UPDATE archive_meta SET value = '2' WHERE key = 'schema_version'",
                    &[],
                )
                .map_err(e)?;
            }
        } else if has(&mut tx, "documents")? {
            return Err(ArchiveError::Foreign {
                db,
                why: "it has a documents table but no archive_meta".into(),
            });
        } else {
            tx.batch_execute(SCHEMA).map_err(e)?;
            tx.batch_execute(RECORDS).map_err(e)?;
        }
        tx.commit().map_err(e)?;
        Ok(())
    }
}

fn insert(tx: &mut postgres::Transaction, d: &Doc) -> Result<(), postgres::Error> {
    // The folded title and body and the accented forms, in one pass (or as the reading
    // thread worked them out).
    let owned;
    let [title, body_all, marked, _] = match &d.fts {
        Some(c) => &**c,
        None => {
            owned = d.fts_columns();
            &owned
        }
    };
    let body = match body_all.match_indices(' ').nth(MAX_FTS_TOKENS) {
        Some((i, _)) => &body_all[..i],
        None => &body_all[..],
    };
    let marked: Vec<&str> = marked.split(' ').filter(|s| !s.is_empty()).collect();
    let row = tx.query_one(
        "INSERT INTO documents (path, sha256, status, error_kind, error_message, kind, pages, \
         number, type, date, place, authority, parent_authority, title, signer, signer_title, \
         number_key, type_key, authority_key, record_hash, restored, fts, marked) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $20, $21, setweight(to_tsvector('simple', $22), 'A') || \
         setweight(to_tsvector('simple', $23), 'D'), $24) RETURNING id",
        &[
            &d.path,
            &d.sha256,
            &d.status,
            &d.error_kind,
            &d.error_message,
            &d.kind,
            &d.pages,
            &d.number,
            &d.doc_type,
            &d.date,
            &d.place,
            &d.authority,
            &d.parent_authority,
            &d.title,
            &d.signer,
            &d.signer_title,
            &d.number_key(),
            &d.type_key(),
            &d.authority_key(),
            &d.record_hash,
            &d.restored,
            &title,
            &body,
            &marked,
        ],
    )?;
    let id: i64 = row.get(0);
    for (i, e) in d.entity_rows().unwrap_or_default().iter().enumerate() {
        tx.execute(
            "INSERT INTO entities VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[
                &id,
                &(i as i64),
                &e.kind,
                &e.text,
                &e.value,
                &e.span.map(|s| s[0]),
                &e.span.map(|s| s[1]),
                &e.confidence,
            ],
        )?;
    }
    for (i, c) in d.citations.iter().enumerate() {
        tx.execute(
            "INSERT INTO citations VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &id,
                &(i as i64),
                &c.doc_type,
                &c.number,
                &fold::number_key(&c.number),
                &c.date,
            ],
        )?;
    }
    for (i, r) in d.recipients.iter().enumerate() {
        tx.execute(
            "INSERT INTO recipients VALUES ($1, $2, $3)",
            &[&id, &(i as i64), r],
        )?;
    }
    keep_record(tx, id, d)
}

/// Stores the rest of the record (`records`), unless the document already has it.
fn keep_record(tx: &mut postgres::Transaction, id: i64, d: &Doc) -> Result<(), postgres::Error> {
    if let Some(r) = &d.record {
        tx.execute(
            "INSERT INTO records VALUES ($1, $2) ON CONFLICT (document_id) DO NOTHING",
            &[&id, r],
        )?;
    }
    Ok(())
}

impl Store for PgStore {
    fn index(&mut self, docs: &[Doc]) -> Result<Counts, ArchiveError> {
        let db = self.db.clone();
        let e = |source| ArchiveError::Postgres {
            db: db.clone(),
            source,
        };
        let mut tx = self.client.transaction().map_err(e)?;
        let mut counts = Counts::default();
        for d in docs {
            let old = tx
                .query_opt(
                    "SELECT id, sha256, record_hash FROM documents WHERE path = $1 FOR UPDATE",
                    &[&d.path],
                )
                .map_err(e)?;
            let old_id: Option<i64> = old.as_ref().map(|r| r.get(0));
            let outcome = match old {
                Some(r)
                    if r.get::<_, String>(1) == d.sha256
                        && r.get::<_, String>(2) == d.record_hash =>
                {
                    Outcome::Unchanged
                }
                Some(r) => {
                    // ON DELETE CASCADE removes its entities, citations and recipients.
                    tx.execute(
                        "DELETE FROM documents WHERE id = $1",
                        &[&r.get::<_, i64>(0)],
                    )
                    .map_err(e)?;
                    Outcome::Replaced
                }
                None => Outcome::Added,
            };
            match (outcome, old_id) {
                // Indexed before the `records` table: the same record again fills it in.
                (Outcome::Unchanged, Some(id)) => keep_record(&mut tx, id, d).map_err(e)?,
                _ => insert(&mut tx, d).map_err(e)?,
            }
            counts.add(outcome);
        }
        tx.commit().map_err(e)?;
        Ok(counts)
    }

    fn search(&mut self, s: &Search) -> Result<Vec<Hit>, ArchiveError> {
        let limit = s.limit.max(1);
        let (ids, scores): (Vec<i64>, Vec<Option<f64>>) = {
            let mut params: Vec<String> = Vec::new();
            let mut marked: Vec<String> = Vec::new();
            let q = if s.terms.is_empty() {
                let (clauses, p) = filters(s, 1);
                params = p;
                let wh = if clauses.is_empty() {
                    String::new()
                } else {
                    format!("WHERE {}", clauses.join(" AND ").replace('?', "$"))
                };
                format!(
                    "SELECT d.id, NULL::float8 FROM documents d {wh} \
                     ORDER BY d.date DESC NULLS LAST, d.path LIMIT {limit}"
                )
            } else {
                let (clauses, p) = filters(s, 3);
                params.push(tsquery(&s.terms));
                params.extend(p);
                marked = s
                    .terms
                    .iter()
                    .flat_map(|t| t.marks.iter().flatten().cloned())
                    .collect();
                let mut wh = String::from("d.fts @@ q AND d.marked @> $2::text[]");
                for c in &clauses {
                    wh.push_str(" AND ");
                    wh.push_str(&c.replace('?', "$").replace("instr(", "strpos("));
                }
                format!(
                    "SELECT d.id, ts_rank('{{0.05, 0.2, 0.4, 1.0}}', d.fts, q)::float8 AS score \
                     FROM documents d, to_tsquery('simple', $1) q WHERE {wh} \
                     ORDER BY score DESC, d.path LIMIT {limit}"
                )
            };
            let q = q.replace("instr(", "strpos(");
            let mut args: Vec<&(dyn ToSql + Sync)> = Vec::new();
            if !s.terms.is_empty() {
                args.push(&params[0]);
                args.push(&marked);
                for p in &params[1..] {
                    args.push(p);
                }
            } else {
                for p in &params {
                    args.push(p);
                }
            }
            let rows = self.client.query(&q, &args).map_err(self.err())?;
            rows.iter()
                .map(|r| (r.get::<_, i64>(0), r.get::<_, Option<f64>>(1)))
                .unzip()
        };
        let mut hits = Vec::with_capacity(ids.len());
        for (id, score) in ids.into_iter().zip(scores) {
            let r = self
                .client
                .query_one(
                    "SELECT path, sha256, number, type, date, authority, title, restored \
                     FROM documents WHERE id = $1",
                    &[&id],
                )
                .map_err(self.err())?;
            let text: Option<String> = r.get(7);
            let title: Option<String> = r.get(6);
            let snip = snippet(text.as_deref().unwrap_or(""), &s.terms)
                .or_else(|| snippet(title.as_deref().unwrap_or(""), &s.terms));
            hits.push(Hit {
                path: r.get(0),
                sha256: r.get(1),
                number: r.get(2),
                doc_type: r.get(3),
                date: r.get(4),
                authority: r.get(5),
                title,
                score,
                snippet: snip,
            });
        }
        Ok(hits)
    }

    fn count(&mut self) -> Result<i64, ArchiveError> {
        Ok(self
            .client
            .query_one("SELECT count(*) FROM documents", &[])
            .map_err(self.err())?
            .get(0))
    }

    fn records(&mut self) -> Result<Vec<serde_json::Value>, ArchiveError> {
        self.select_records(None)
    }

    fn record_of(&mut self, path: &str) -> Result<Option<serde_json::Value>, ArchiveError> {
        Ok(self.select_records(Some(path))?.into_iter().next())
    }
}

impl PgStore {
    /// The whole records of every document, or of the one at `path`.
    fn select_records(
        &mut self,
        path: Option<&str>,
    ) -> Result<Vec<serde_json::Value>, ArchiveError> {
        let db = self.db.clone();
        let e = |source| ArchiveError::Postgres {
            db: db.clone(),
            source,
        };
        let mut tx = self.client.transaction().map_err(e)?;
        let rows = tx
            .query(
                "SELECT d.id, d.path, d.sha256, d.status, d.error_kind, d.error_message, d.kind, \
                 d.pages, d.number, d.type, d.date, d.place, d.authority, d.parent_authority, \
                 d.title, d.signer, d.signer_title, d.record_hash, d.restored, r.record \
                 FROM documents d LEFT JOIN records r ON r.document_id = d.id \
                 WHERE $1::text IS NULL OR d.path = $1 ORDER BY d.id",
                &[&path],
            )
            .map_err(e)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: i64 = r.get(0);
            let mut d = Doc {
                path: r.get(1),
                sha256: r.get(2),
                status: r.get(3),
                error_kind: r.get(4),
                error_message: r.get(5),
                kind: r.get(6),
                pages: r.get(7),
                number: r.get(8),
                doc_type: r.get(9),
                date: r.get(10),
                place: r.get(11),
                authority: r.get(12),
                parent_authority: r.get(13),
                title: r.get(14),
                signer: r.get(15),
                signer_title: r.get(16),
                record_hash: r.get(17),
                restored: r.get(18),
                record: r.get(19),
                ..Doc::default()
            };
            let rows: Vec<crate::doc::EntityRow> = tx
                .query(
                    "SELECT type, text, value, span_start, span_end, confidence FROM entities \
                     WHERE document_id = $1 ORDER BY seq",
                    &[&id],
                )
                .map_err(e)?
                .iter()
                .map(|r| {
                    let (a, b): (Option<i64>, Option<i64>) = (r.get(3), r.get(4));
                    crate::doc::EntityRow {
                        kind: r.get(0),
                        text: r.get(1),
                        value: r
                            .get::<_, Option<String>>(2)
                            .unwrap_or_else(|| "null".into()),
                        span: a.zip(b).map(|(a, b)| [a, b]),
                        confidence: r.get(5),
                    }
                })
                .collect();
            d.entities_json = crate::records::entities_json(&rows);
            d.recipients = tx
                .query(
                    "SELECT name FROM recipients WHERE document_id = $1 ORDER BY seq",
                    &[&id],
                )
                .map_err(e)?
                .iter()
                .map(|r| r.get(0))
                .collect();
            out.push(crate::records::record(&d));
        }
        tx.commit().map_err(e)?;
        Ok(out)
    }
}
