//! Writing records into the SQLite archive: each document's row, full-text entry, accented
//! forms, citations and whole record, replaced when the file or record changed.

use rusqlite::{params, Connection, OptionalExtension};

use crate::doc::Doc;
use crate::fold;
use crate::marks::Postings;
use crate::schema;
use crate::store::{Counts, Outcome};

/// Writes `docs` (in the caller's transaction): a new path is added, a path with another
/// sha256 or record replaced, the same record left as it is; their accented forms' postings
/// are noted in `postings`, for the caller to write before it commits.
pub(crate) fn write(
    tx: &Connection,
    docs: &[Doc],
    postings: &mut Postings,
) -> rusqlite::Result<Counts> {
    let mut counts = Counts::default();
    for d in docs {
        // The id and hashes first: an unchanged record reads nothing more.
        let old: Option<(i64, String, String)> = tx
            .prepare_cached("SELECT id, sha256, record_hash FROM documents WHERE path = ?1")?
            .query_row([&d.path], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let old_id = old.as_ref().map(|o| o.0);
        let outcome = match old {
            Some((_, sha, hash)) if sha == d.sha256 && hash == d.record_hash => Outcome::Unchanged,
            Some((id, ..)) => {
                // The columns its full-text entry was made from, to remove it.
                let (title, body, date): (Option<String>, Option<String>, Option<String>) = tx
                    .prepare_cached("SELECT title, restored, date FROM documents WHERE id = ?1")?
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                delete(
                    tx,
                    id,
                    title.as_deref().unwrap_or(""),
                    body.as_deref().unwrap_or(""),
                    date.as_deref(),
                )?;
                Outcome::Replaced
            }
            None => Outcome::Added,
        };
        match (outcome, old_id) {
            // Indexed before the `records` table: the same record again fills it in.
            (Outcome::Unchanged, Some(id)) => keep_record(tx, id, d)?,
            _ => insert(tx, d, postings)?,
        }
        counts.add(outcome);
    }
    Ok(counts)
}

/// Removes a document and everything hanging from it (the full-text entry is removed with
/// the columns it was made from, as contentless FTS5 tables need).
fn delete(
    tx: &Connection,
    id: i64,
    title: &str,
    body: &str,
    date: Option<&str>,
) -> rusqlite::Result<()> {
    schema::delete_text(tx, id, &crate::doc::fts_columns(title, body, date))?;
    for t in ["citations", "records"] {
        tx.prepare_cached(&format!("DELETE FROM {t} WHERE document_id = ?1"))?
            .execute([id])?;
    }
    tx.prepare_cached("DELETE FROM documents WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

fn insert(tx: &Connection, d: &Doc, postings: &mut Postings) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO documents (path, sha256, status, error_kind, error_message, kind, pages, \
         number, type, date, place, authority, parent_authority, title, signer, signer_title, \
         number_key, type_key, authority_key, record_hash, restored, recipients_json, \
         entities_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19, ?20, ?21, ?22, ?23)",
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
        d.recipients_json(),
        d.entities_json,
    ])?;
    let id = tx.last_insert_rowid();
    let owned;
    let cols = match &d.fts {
        Some(c) => &**c,
        None => {
            owned = d.fts_columns();
            &owned
        }
    };
    schema::insert_text(tx, id, cols, postings)?;
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
    keep_record(tx, id, d)
}

/// Stores the rest of the record (`records`), unless the document already has it.
fn keep_record(tx: &Connection, id: i64, d: &Doc) -> rusqlite::Result<()> {
    if let Some(r) = &d.record {
        tx.prepare_cached("INSERT OR IGNORE INTO records (document_id, record) VALUES (?1, ?2)")?
            .execute(params![id, r])?;
    }
    Ok(())
}
