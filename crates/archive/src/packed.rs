//! The SQLite archive's `records` rows compressed (schema version 5): a record's JSON (the
//! record without `text.restored` and `entities`, see [`crate::doc::Doc::record`]) is kept as a
//! zlib stream (RFC 1950, level 1) in a BLOB, with its length in bytes in `size`; a record
//! that zlib does not make smaller is kept as it is, as TEXT (then `size` is its length).
//! This is the layout of SQLite's own archive format (`sqlar`), so the `sqlite3` shell reads
//! it with its `sqlar_uncompress`:
//! `SELECT CAST(sqlar_uncompress(record, size) AS TEXT) FROM records`, and Python with
//! `zlib.decompress`. On the bench's records the rows are 2.8 times smaller (14.5 -> 5.2 KB).

use std::cell::RefCell;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

/// A record's `records` row: `size` is the JSON's length in bytes; `zlib` its zlib stream,
/// or `None` when that is no smaller than the JSON (the JSON is stored as it is).
#[derive(Debug, Clone, PartialEq)]
pub struct Packed {
    pub size: i64,
    pub zlib: Option<Vec<u8>>,
}

thread_local! {
    // One compressor a thread, reset for each record: a new one allocates and clears its
    // tables (some 10 % of the time on a 14 KB record).
    static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(1), true));
    static INFLATE: RefCell<Decompress> = RefCell::new(Decompress::new(true));
}

/// Compresses a record's JSON.
pub fn pack(json: &str) -> Packed {
    let size = json.len() as i64;
    let input = json.as_bytes();
    let zlib = DEFLATE.with(|c| {
        let mut c = c.borrow_mut();
        c.reset();
        // Anything not smaller than the input is not kept: the output never needs more.
        let mut out = Vec::with_capacity(input.len());
        loop {
            let (read, written) = (c.total_in(), c.total_out());
            match c.compress_vec(&input[read as usize..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => break Some(out),
                Ok(_)
                    if out.len() < out.capacity()
                        && (c.total_in(), c.total_out()) != (read, written) =>
                {
                    continue
                }
                // Full: the stream would be as long as the JSON.
                _ => break None,
            }
        }
    });
    Packed {
        size,
        zlib: zlib.filter(|z| z.len() < input.len()),
    }
}

/// A `records` row's JSON back: `stored` as the row holds it (TEXT or BLOB), `size` its
/// `size`; `None` when the row is damaged (not zlib, another length, not UTF-8).
pub fn unpack(stored: &[u8], size: i64) -> Option<String> {
    let size = usize::try_from(size).ok()?;
    if stored.len() == size {
        return String::from_utf8(stored.to_vec()).ok();
    }
    let bytes = INFLATE.with(|d| {
        let mut d = d.borrow_mut();
        d.reset(true);
        // One byte more than `size`: a longer stream is damaged, not cut short.
        let mut out = Vec::with_capacity(size + 1);
        match d.decompress_vec(stored, &mut out, FlushDecompress::Finish) {
            Ok(Status::StreamEnd) if out.len() == size => Some(out),
            _ => None,
        }
    })?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_come_back_as_they_went_in() {
        let big = format!(
            "{{\"text\":{{\"raw\":\"{}\"}}}}",
            "Quyết định số 15/2025/QĐ-TTg về việc ".repeat(50)
        );
        for json in ["{}", "{\"a\":1}", big.as_str(), ""] {
            let p = pack(json);
            assert_eq!(p.size, json.len() as i64);
            let stored = p.zlib.as_deref().unwrap_or(json.as_bytes());
            assert!(stored.len() <= json.len());
            assert_eq!(unpack(stored, p.size).as_deref(), Some(json));
        }
        // A record that repeats itself is kept compressed, a tiny one as it is.
        assert!(pack(&big).zlib.unwrap().len() * 10 < big.len());
        assert_eq!(pack("{\"a\":1}").zlib, None);
    }

    #[test]
    fn a_damaged_row_is_none() {
        let json = "{\"raw\":\"".to_string() + &"ke hoach ".repeat(40) + "\"}";
        let z = pack(&json).zlib.unwrap();
        let size = json.len() as i64;
        assert_eq!(unpack(&z, size + 1), None);
        assert_eq!(unpack(&z, size - 1), None);
        assert_eq!(unpack(&z[..z.len() / 2], size), None);
        assert_eq!(unpack(b"not zlib at all", size), None);
        assert_eq!(unpack(b"xx", -1), None);
        assert_eq!(unpack(&[0xff, 0xfe], 2), None);
    }
}
