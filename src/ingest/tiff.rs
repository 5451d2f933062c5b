//! Multi-page TIFF: the page count from the IFD chain (safe Rust), each page decoded by
//! Leptonica and handed to Tesseract as PNM with its resolution. Leptonica's memory reader
//! alone would return only the first page and silently lose the rest.

use super::IngestError;

/// True if the bytes start like a TIFF file.
pub fn is_tiff(b: &[u8]) -> bool {
    b.starts_with(b"II*\0") || b.starts_with(b"MM\0*")
}

/// Number of pages (IFDs) of a TIFF, following the chain; `None` if the structure is broken.
pub fn page_count(b: &[u8], max: usize) -> Option<usize> {
    let le = b.starts_with(b"II");
    let u16_at = |o: usize| -> Option<u16> {
        let s = b.get(o..o + 2)?;
        Some(if le {
            u16::from_le_bytes([s[0], s[1]])
        } else {
            u16::from_be_bytes([s[0], s[1]])
        })
    };
    let u32_at = |o: usize| -> Option<u32> {
        let s = b.get(o..o + 4)?;
        let a = [s[0], s[1], s[2], s[3]];
        Some(if le {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        })
    };
    let mut off = u32_at(4)? as usize;
    let mut n = 0;
    let mut seen = std::collections::HashSet::new();
    while off != 0 {
        if !seen.insert(off) || n > max {
            return None; // a loop, or more pages than allowed
        }
        let entries = u16_at(off)? as usize;
        off = u32_at(off + 2 + 12 * entries)? as usize;
        n += 1;
    }
    Some(n)
}

/// Page `n` of a TIFF as PNM bytes, with the resolution the TIFF states (0 when none).
pub fn page_pnm(b: &[u8], n: usize) -> Result<(Vec<u8>, u32), IngestError> {
    use leptonica_sys as l;
    let n = i32::try_from(n).map_err(|_| IngestError::Limit("TIFF page index".into()))?;
    // SAFETY: Leptonica reads `b` only within `b.len()` bytes and returns either null or a
    // PIX we own; we destroy it exactly once. `pixWriteMemPnm` allocates `data` with
    // Leptonica's allocator, which we copy from within `size` bytes and free with `lept_free`.
    unsafe {
        let mut pix = l::pixReadMemTiff(b.as_ptr(), b.len(), n);
        if pix.is_null() {
            return Err(IngestError::Codec(format!(
                "TIFF page {} unreadable",
                n + 1
            )));
        }
        let dpi = l::pixGetXRes(pix).max(0) as u32;
        let mut data: *mut u8 = std::ptr::null_mut();
        let mut size: usize = 0;
        let rc = l::pixWriteMemPnm(&mut data, &mut size, pix);
        l::pixDestroy(&mut pix);
        if rc != 0 || data.is_null() {
            return Err(IngestError::Codec(format!(
                "TIFF page {} could not be converted",
                n + 1
            )));
        }
        let out = std::slice::from_raw_parts(data, size).to_vec();
        l::lept_free(data as *mut std::ffi::c_void);
        Ok((out, dpi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ifd_chain() {
        // Little-endian header, two IFDs with no entries: at 8 -> 14 -> end.
        let mut b = b"II*\0".to_vec();
        b.extend_from_slice(&8u32.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes());
        b.extend_from_slice(&14u32.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes());
        b.extend_from_slice(&0u32.to_le_bytes());
        assert!(is_tiff(&b));
        assert_eq!(page_count(&b, 100), Some(2));
        // A loop back to the first IFD is refused.
        let mut l = b.clone();
        l[16..20].copy_from_slice(&8u32.to_le_bytes());
        assert_eq!(page_count(&l, 100), None);
        assert_eq!(page_count(&b[..10], 100), None);
    }
}
