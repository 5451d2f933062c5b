//! Text-file decoding: UTF-8 (with or without BOM), UTF-16 with a BOM, and the legacy
//! TCVN3 and VNI encodings.

use super::IngestError;

/// Decodes a text file; bytes that are neither give an error naming the byte offset.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    match crate::error::decode_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        // Old archives: TCVN3 or VNI, when either makes Vietnamese of the bytes.
        Err(e) => match super::legacy::detect(bytes) {
            Some((text, _)) => Ok(text),
            None => Err(IngestError::Encoding(format!(
                "{e}; not TCVN3 or VNI Vietnamese either"
            ))),
        },
    }
}

fn utf16(b: &[u8], f: fn([u8; 2]) -> u16) -> Result<String, IngestError> {
    if !b.len().is_multiple_of(2) {
        return Err(IngestError::Encoding(format!(
            "odd UTF-16 length at byte offset {}",
            b.len() + 1
        )));
    }
    let units = b.chunks_exact(2).map(|c| f([c[0], c[1]]));
    let mut out = String::with_capacity(b.len() / 2);
    for (i, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(IngestError::Encoding(format!(
                    "invalid UTF-16 at byte offset {}",
                    2 + 2 * i
                )))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode("Số".as_bytes()).unwrap(), "Số");
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Sở".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le).unwrap(), "Sở");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Sở".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&be).unwrap(), "Sở");
        let e = decode(b"ab\xffcd").unwrap_err().to_string();
        assert!(e.contains("byte offset 2"), "{e}");
    }
}
