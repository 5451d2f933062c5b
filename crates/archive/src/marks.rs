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
    let mut h = FNV_START;
    for b in form.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    fold_hash(h)
}

/// The postings of the documents written since the last [`Postings::flush`] (one
/// transaction's): (form hash, id) pairs in the order written, sorted when written out (one
/// sort a transaction costs a tenth of a hash-map update a form). A pair is one word, the hash
/// above the id, while ids fit in 32 bits (always, but for an archive of four billion
/// documents): ids written in increasing order (a load) are then sorted by their hashes alone,
/// a radix sort that keeps the ids' order; else the words are sorted whole, which is the same
/// order.
#[derive(Default)]
pub struct Postings {
    words: Vec<u64>,
    /// Pairs whose id does not fit in 32 bits.
    wide: Vec<(u32, i64)>,
    /// The last id noted, and whether the ids came in increasing order (repeats allowed).
    last: i64,
    unordered: bool,
    /// The radix sort's other buffer, kept from one transaction to the next.
    spare: Vec<u64>,
}

impl Postings {
    /// Notes document `id`'s forms (`forms`: space-separated, as `marks` holds them).
    pub fn add(&mut self, id: i64, forms: &str) {
        if !(0..=u32::MAX as i64).contains(&id) {
            self.wide.extend(
                forms
                    .split(' ')
                    .filter(|f| !f.is_empty())
                    .map(|f| (form_hash(f), id)),
            );
            return;
        }
        self.unordered |= id < self.last;
        self.last = id;
        // The forms' hashes in one pass over the bytes (as `form_hash`).
        let (mut h, mut len) = (FNV_START, 0usize);
        for &b in forms.as_bytes() {
            if b == b' ' {
                if len > 0 {
                    self.words.push(((fold_hash(h) as u64) << 32) | id as u64);
                }
                (h, len) = (FNV_START, 0);
            } else {
                h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
                len += 1;
            }
        }
        if len > 0 {
            self.words.push(((fold_hash(h) as u64) << 32) | id as u64);
        }
    }

    /// Forgets what was noted (the transaction was rolled back).
    pub fn clear(&mut self) {
        self.words.clear();
        self.wide.clear();
        self.last = 0;
        self.unordered = false;
    }

    /// The pairs noted, sorted by hash, then id.
    fn sorted(&mut self) -> Vec<(u32, i64)> {
        if !self.wide.is_empty() {
            let mut all: Vec<(u32, i64)> = self
                .words
                .iter()
                .map(|&w| ((w >> 32) as u32, (w & 0xFFFF_FFFF) as i64))
                .chain(self.wide.iter().copied())
                .collect();
            all.sort_unstable();
            return all;
        }
        if self.unordered {
            self.words.sort_unstable();
        } else {
            radix_sort_by_high_half(&mut self.words, &mut self.spare);
        }
        Vec::new()
    }

    /// Writes what was noted (in the caller's transaction) and forgets it.
    pub fn flush(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        if self.words.is_empty() && self.wide.is_empty() {
            return Ok(());
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO mark_docs (hash, block, ids) VALUES (?1, ?2, ?3) \
             ON CONFLICT (hash, block) DO UPDATE SET ids = CAST(ids || excluded.ids AS BLOB)",
        )?;
        let wide = self.sorted();
        let pairs: Box<dyn Iterator<Item = (u32, i64)>> = if wide.is_empty() {
            Box::new(
                self.words
                    .iter()
                    .map(|&w| ((w >> 32) as u32, (w & 0xFFFF_FFFF) as i64)),
            )
        } else {
            Box::new(wide.into_iter())
        };
        let mut blob = Vec::new();
        let mut run: Option<(u32, i64)> = None;
        for (hash, id) in pairs {
            let block = id >> BLOCK_BITS;
            if run != Some((hash, block)) {
                if let Some((h, b)) = run {
                    st.execute(params![h, b, blob])?;
                }
                run = Some((hash, block));
                blob.clear();
            }
            push_varint(&mut blob, (id - (block << BLOCK_BITS)) as u64);
        }
        if let Some((h, b)) = run {
            st.execute(params![h, b, blob])?;
        }
        self.clear();
        Ok(())
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a's 64 bits folded to the 32 that [`form_hash`] gives.
#[inline]
fn fold_hash(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// Sorts `words` by their upper 32 bits, keeping the order of words with the same upper half
/// (a least-significant-digit radix sort, 11 + 11 + 10 bits); `spare` is its other buffer.
fn radix_sort_by_high_half(words: &mut Vec<u64>, spare: &mut Vec<u64>) {
    spare.clear();
    spare.resize(words.len(), 0);
    for (shift, bits) in [(32u32, 11u32), (43, 11), (54, 10)] {
        let mask = (1usize << bits) - 1;
        let mut count = vec![0usize; mask + 2];
        for &w in words.iter() {
            count[((w >> shift) as usize & mask) + 1] += 1;
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        for &w in words.iter() {
            let d = (w >> shift) as usize & mask;
            spare[count[d]] = w;
            count[d] += 1;
        }
        std::mem::swap(words, spare);
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
    fn the_radix_sort_keeps_the_ids_order() {
        let mut x: u64 = 99;
        let mut words: Vec<u64> = (0..50_000u64)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Few hashes, so that many words share one; ids increasing.
                ((x % 3000) << 32) | (i / 7)
            })
            .collect();
        let mut want = words.clone();
        want.sort_unstable();
        radix_sort_by_high_half(&mut words, &mut Vec::new());
        assert_eq!(words, want);
    }

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
