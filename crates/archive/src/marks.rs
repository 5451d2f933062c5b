//! The documents of each accented form (`mark_docs`, schema 4): a typed accent (`quyệt`) is
//! narrowed to the documents listed under its form before the full-text query runs, instead of
//! checking every full-text candidate against `marks` (1.5 s on 100,000 documents).
//!
//! A row holds, for one form's hash and one block of 4,096 document ids, the ids of the
//! documents that have it (varints of the id's offset in the block, appended to as documents
//! are written: a bulk load adds a few rows a form, one document a time appends). The lists are
//! a superset: a replaced or removed document stays listed, and two forms may share a hash;
//! the `marks` table still decides, so answers are those of a scan of every candidate.

use rusqlite::{params, Connection};

/// The hash a form is listed under: FNV-1a (64 bits, folded to 32) of its UTF-8 bytes, stable
/// across builds as the archive keeps it.
pub fn form_hash(form: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in form.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 32)) as u32
}

/// The postings of the documents written since the last [`Postings::flush`] (one
/// transaction's): (form hash, id) pairs in the order written, sorted when written out (one
/// sort a transaction costs a tenth of a hash-map update a form).
#[derive(Default)]
pub struct Postings {
    pairs: Vec<(u32, i64)>,
}

impl Postings {
    /// Notes document `id`'s forms (`forms`: space-separated, as `marks` holds them).
    pub fn add(&mut self, id: i64, forms: &str) {
        self.pairs.extend(
            forms
                .split(' ')
                .filter(|f| !f.is_empty())
                .map(|f| (form_hash(f), id)),
        );
    }

    /// Forgets what was noted (the transaction was rolled back).
    pub fn clear(&mut self) {
        self.pairs.clear();
    }

    /// Writes what was noted (in the caller's transaction) and forgets it.
    pub fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        if self.pairs.is_empty() {
            return Ok(());
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO mark_docs (hash, block, ids) VALUES (?1, ?2, ?3) \
             ON CONFLICT (hash, block) DO UPDATE SET ids = CAST(ids || excluded.ids AS BLOB)",
        )?;
        self.pairs.sort_unstable();
        let mut blob = Vec::new();
        let same =
            |a: &(u32, i64), b: &(u32, i64)| a.0 == b.0 && a.1 >> BLOCK_BITS == b.1 >> BLOCK_BITS;
        for run in self.pairs.chunk_by(same) {
            let (hash, block) = (run[0].0, run[0].1 >> BLOCK_BITS);
            blob.clear();
            for &(_, id) in run {
                push_varint(&mut blob, (id - (block << BLOCK_BITS)) as u64);
            }
            st.execute(params![hash, block, blob])?;
        }
        self.clear();
        Ok(())
    }
}

/// Document ids per `mark_docs` row: `1 << BLOCK_BITS`.
const BLOCK_BITS: u32 = 12;

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The ids listed under `form` (sorted, distinct): every document that has it, and perhaps
/// others.
pub fn listed(conn: &Connection, form: &str) -> rusqlite::Result<Vec<i64>> {
    let mut st = conn.prepare_cached("SELECT block, ids FROM mark_docs WHERE hash = ?1")?;
    let mut rows = st.query([form_hash(form)])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let first = r.get::<_, i64>(0)? << BLOCK_BITS;
        // A blob (`CAST` in `flush`), but text is read the same.
        let blob = match r.get_ref(1)? {
            rusqlite::types::ValueRef::Blob(b) | rusqlite::types::ValueRef::Text(b) => b,
            _ => &[],
        };
        let (mut v, mut shift) = (0u64, 0);
        for &b in blob {
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                out.push(first + v as i64);
                (v, shift) = (0, 0);
            } else {
                shift += 7;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Fills `mark_docs` from the `marks` table (schema 3 to 4), some thousands of documents a
/// write.
pub(crate) fn refill(conn: &Connection) -> rusqlite::Result<()> {
    let mut p = Postings::default();
    let mut st = conn.prepare("SELECT document_id, forms FROM marks ORDER BY document_id")?;
    let mut rows = st.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        p.add(r.get(0)?, r.get_ref(1)?.as_str()?);
        n += 1;
        if n % 5000 == 0 {
            p.flush(conn)?;
        }
    }
    p.flush(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_ids_come_back_from_appended_chunks() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(crate::schema::V3_TO_V4).unwrap();
        let mut p = Postings::default();
        p.add(7, " quyết định ");
        p.add(3, "quyết");
        p.add(300, "định quyệt");
        p.flush(&conn).unwrap();
        // The same block again (the next transaction, a reused id): appended.
        p.add(300, "quyệt hoá");
        p.add(5000, "hoá");
        p.flush(&conn).unwrap();
        p.add(2, "quyệt");
        p.flush(&conn).unwrap();
        assert_eq!(listed(&conn, "quyết").unwrap(), [3, 7]);
        assert_eq!(listed(&conn, "quyệt").unwrap(), [2, 300]);
        assert_eq!(listed(&conn, "định").unwrap(), [7, 300]);
        assert_eq!(listed(&conn, "hoá").unwrap(), [300, 5000]);
        assert!(listed(&conn, "hóa").unwrap().is_empty());
        assert_eq!(form_hash(""), 0xcbf2_9ce4 ^ 0x8422_2325);
    }
}
