//! PDFs through lopdf: the text layer page by page; a page without one is OCR'd from its
//! images (DCTDecode JPEG as stored; FlateDecode or raw samples rebuilt as PNM, with PNG
//! predictors undone). JBIG2, CCITT and JPX images, and encrypted files, give typed errors.

use lopdf::{Dictionary, Document, Object, ObjectId};
use rayon::prelude::*;

use super::{image, IngestError, Ingested, Limits, OcrOptions};

/// Reads a PDF: text layer where present, OCR elsewhere.
pub fn read(bytes: &[u8], limits: &Limits, ocr: &OcrOptions) -> Result<Ingested, IngestError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(IngestError::Pdf("no %PDF header".into()));
    }
    // An /Encrypt entry in a trailer means encrypted content, however the rest parses.
    let encrypt_entry = bytes.windows(8).any(|w| w == b"/Encrypt");
    let doc = Document::load_mem(bytes).map_err(|e| {
        let m = e.to_string();
        if encrypt_entry || m.to_lowercase().contains("encrypt") {
            IngestError::Encrypted
        } else {
            IngestError::Pdf(m)
        }
    })?;
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() || encrypt_entry {
        return Err(IngestError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(IngestError::Pdf("no pages".into()));
    }
    if pages.len() > limits.max_pages {
        return Err(IngestError::Limit(format!(
            "{} pages is over the {}-page limit",
            pages.len(),
            limits.max_pages
        )));
    }
    // Pages are read in parallel (Tesseract is the cost); each task holds one page's
    // images at a time, and results come back in page order.
    let pages: Vec<(u32, ObjectId)> = pages.into_iter().collect();
    let read_page = |&(n, id): &(u32, ObjectId)| -> Result<Vec<Page>, IngestError> {
        let text = doc.extract_text(&[n]).unwrap_or_default();
        let has_layer = text.chars().filter(|c| c.is_alphanumeric()).count() >= 3;
        if has_layer && !(ocr.reocr && looks_like_foreign_ocr(&text)) {
            return Ok(vec![(text, None)]);
        }
        let images = page_images(&doc, id)?;
        if images.is_empty() {
            return Ok(vec![(text, None)]);
        }
        images
            .iter()
            .map(|img| image::ocr_image(img, None, limits, ocr).map(|o| (o.text.clone(), Some(o))))
            .collect()
    };
    let read: Vec<Vec<Page>> = pages.par_iter().map(read_page).collect::<Result<_, _>>()?;
    let mut out = Ingested {
        pages: Some(pages.len() as u32),
        ..Default::default()
    };
    for (text, o) in read.iter().flatten() {
        out.push_page(text, o.as_ref());
    }
    Ok(out)
}

/// One page's (or one page image's) text, and its OCR details when it was OCR'd.
type Page = (String, Option<image::OcrText>);

/// A text layer that reads as English-model OCR of Vietnamese (or as stripped text): fewer
/// than half of its words are valid accented syllables. `--reocr` re-reads such pages.
pub fn looks_like_foreign_ocr(text: &str) -> bool {
    let (mut words, mut good) = (0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() < 2 {
            continue;
        }
        words += 1;
        let l: String = w.chars().map(crate::syllable::lower_char).collect();
        good += (crate::syllable::has_diacritic(&l) && crate::syllable::is_valid(&l)) as usize;
    }
    words > 0 && good * 2 < words
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

/// The page's resource dictionary, inherited through `Parent` when the page has none.
fn resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut dict = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(r) = dict.get(b"Resources") {
            return resolve(doc, r)?.as_dict().ok();
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn name_of(doc: &Document, o: &Object) -> Vec<u8> {
    match resolve(doc, o) {
        Some(Object::Name(n)) => n.clone(),
        Some(Object::Array(a)) => a.first().map(|f| name_of(doc, f)).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Encoded images of a page, ready for Tesseract.
fn page_images(doc: &Document, page: ObjectId) -> Result<Vec<Vec<u8>>, IngestError> {
    let mut out = Vec::new();
    let Some(res) = resources(doc, page) else {
        return Ok(out);
    };
    let Some(xobjects) = res
        .get(b"XObject")
        .ok()
        .and_then(|x| resolve(doc, x))
        .and_then(|x| x.as_dict().ok())
    else {
        return Ok(out);
    };
    for (_, obj) in xobjects.iter() {
        let Some(Object::Stream(s)) = resolve(doc, obj) else {
            continue;
        };
        if s.dict.get(b"Subtype").ok().map(|o| name_of(doc, o)) != Some(b"Image".to_vec()) {
            continue;
        }
        let int = |k: &[u8]| {
            s.dict
                .get(k)
                .ok()
                .and_then(|o| resolve(doc, o))
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0)
        };
        let (w, h, bpc) = (
            int(b"Width"),
            int(b"Height"),
            int(b"BitsPerComponent").max(1),
        );
        if w <= 0 || h <= 0 {
            return Err(IngestError::Codec("image without a size".into()));
        }
        let (w, h) = (w as u64, h as u64);
        if w * h > 100_000_000 {
            return Err(IngestError::Limit(format!("page image of {w}x{h} pixels")));
        }
        let filter = s
            .dict
            .get(b"Filter")
            .map(|f| name_of(doc, f))
            .unwrap_or_default();
        match filter.as_slice() {
            b"DCTDecode" => out.push(s.content.clone()),
            b"FlateDecode" | b"" => {
                let comps = match name_of(doc, s.dict.get(b"ColorSpace").unwrap_or(&Object::Null))
                    .as_slice()
                {
                    b"DeviceRGB" | b"CalRGB" => 3,
                    b"DeviceCMYK" => 4,
                    b"ICCBased" => {
                        // N from the ICC stream; 1 or 3 in practice.
                        3
                    }
                    _ => 1,
                };
                let row = (w * comps * bpc as u64).div_ceil(8) as usize;
                let expected = row * h as usize;
                let data = if filter.is_empty() {
                    s.content.clone()
                } else {
                    s.decompressed_content()
                        .map_err(|e| IngestError::Codec(format!("FlateDecode: {e}")))?
                };
                let data = if data.len() == expected {
                    data
                } else if data.len() == expected + h as usize {
                    unpredict_png(&data, row, (comps * bpc as u64).div_ceil(8) as usize)
                        .ok_or_else(|| IngestError::Codec("bad PNG predictor data".into()))?
                } else {
                    return Err(IngestError::Codec(format!(
                        "image data of {} bytes for {w}x{h}x{comps} at {bpc} bits",
                        data.len()
                    )));
                };
                out.push(to_pnm(&data, w, h, comps, bpc as u64)?);
            }
            other => {
                return Err(IngestError::Codec(
                    String::from_utf8_lossy(other).into_owned(),
                ));
            }
        }
    }
    Ok(out)
}

/// Undoes PNG row predictors (each row prefixed by its filter byte).
pub fn unpredict_png(data: &[u8], row: usize, bpp: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        if chunk.len() != row + 1 {
            return None;
        }
        let (f, src) = (chunk[0], &chunk[1..]);
        let mut cur = vec![0u8; row];
        for i in 0..row {
            let a = if i >= bpp { cur[i - bpp] as i16 } else { 0 };
            let b = prev[i] as i16;
            let c = if i >= bpp { prev[i - bpp] as i16 } else { 0 };
            let pred = match f {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                _ => return None,
            };
            cur[i] = src[i].wrapping_add(pred as u8);
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Some(out)
}

/// Builds a PNM (PBM, PGM or PPM) from raw PDF samples.
fn to_pnm(data: &[u8], w: u64, h: u64, comps: u64, bpc: u64) -> Result<Vec<u8>, IngestError> {
    match (comps, bpc) {
        (1, 1) => {
            // PDF DeviceGray: 0 is black; PBM: 1 is black.
            let mut v = format!("P4\n{w} {h}\n").into_bytes();
            v.extend(data.iter().map(|b| !b));
            Ok(v)
        }
        (1, 8) => {
            let mut v = format!("P5\n{w} {h}\n255\n").into_bytes();
            v.extend_from_slice(data);
            Ok(v)
        }
        (3, 8) => {
            let mut v = format!("P6\n{w} {h}\n255\n").into_bytes();
            v.extend_from_slice(data);
            Ok(v)
        }
        _ => Err(IngestError::Codec(format!(
            "{comps} components at {bpc} bits per component"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_predictors_roundtrip() {
        // Two rows of 3 gray pixels: row 1 with Sub, row 2 with Up.
        let data = [1, 10, 5, 5, 2, 1, 1, 1];
        let out = unpredict_png(&data, 3, 1).unwrap();
        assert_eq!(out, vec![10, 15, 20, 11, 16, 21]);
        assert!(unpredict_png(&[9, 0, 0, 0], 3, 1).is_none());
    }

    #[test]
    fn foreign_ocr_detection() {
        assert!(looks_like_foreign_ocr(
            "Thyc hién Quyét dinh s6 78/QD-UBND ngay 08/01/2025 ciia"
        ));
        assert!(!looks_like_foreign_ocr(
            "Thực hiện Quyết định số 78/QĐ-UBND ngày 08/01/2025 của"
        ));
    }

    #[test]
    fn garbage_is_a_pdf_error() {
        let l = Limits::default();
        let o = OcrOptions::default();
        assert!(matches!(read(b"hello", &l, &o), Err(IngestError::Pdf(_))));
        assert!(matches!(
            read(b"%PDF-1.4\n1 0 obj", &l, &o),
            Err(IngestError::Pdf(_))
        ));
    }
}
