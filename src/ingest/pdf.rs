//! PDFs through lopdf: the text layer page by page; a page without one is OCR'd from its
//! images (DCTDecode JPEG as stored; FlateDecode or raw samples rebuilt as PNM, with PNG
//! predictors undone). Files encrypted with an empty user password are decrypted; those that
//! need a password give a typed error.

use lopdf::{Dictionary, Document, Object, ObjectId};
use rayon::prelude::*;

use super::pdf_image::{self, name_of, resolve};
use super::pix::Pix;
use super::{image, IngestError, Ingested, Limits, OcrOptions};

/// Reads a PDF: text layer where present, OCR elsewhere.
pub fn read(bytes: &[u8], limits: &Limits, ocr: &OcrOptions) -> Result<Ingested, IngestError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(IngestError::Pdf("no %PDF header".into()));
    }
    // Encrypted files open when their user password is empty (permission-only encryption, as
    // signing and OCR tools write it): lopdf tries the empty password while loading, decrypts
    // strings and streams, and drops /Encrypt from the trailer. A trailer that still has it
    // needs a password that vanban does not have.
    let encrypt_entry = bytes.windows(8).any(|w| w == b"/Encrypt");
    let doc = Document::load_mem(bytes).map_err(|e| {
        let m = e.to_string();
        if encrypt_entry || m.to_lowercase().contains("encrypt") || m.contains("password") {
            IngestError::Encrypted(format!("cannot be opened without a password ({m})"))
        } else {
            IngestError::Pdf(m)
        }
    })?;
    if doc.trailer.has(b"Encrypt") {
        return Err(IngestError::Encrypted(
            "a user password is needed to open it".into(),
        ));
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
        let Some((img, dpi)) = page_image(&doc, id, limits)? else {
            return Ok(vec![(text, None)]);
        };
        let o = image::ocr_image(&img, dpi, limits, ocr)?;
        Ok(vec![(o.text.clone(), Some(o))])
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

/// An affine matrix `[a b c d e f]` as PDF writes it.
type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n` (PDF's `cm` pre-multiplies the current matrix).
fn concat(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// The box `[x0, y0, x1, y1]` (page points) of the unit square under `m`.
fn unit_box(m: &Matrix) -> [f32; 4] {
    let pts = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)];
    let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for (x, y) in pts {
        let (px, py) = (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
        b = [b[0].min(px), b[1].min(py), b[2].max(px), b[3].max(py)];
    }
    b
}

/// An image XObject and where the page draws it.
struct Placed<'a> {
    stream: &'a lopdf::Stream,
    rect: [f32; 4],
}

/// The images a page draws, in drawing order, each with its box on the page: the content
/// stream is walked for `q`/`Q`/`cm`/`Do`, into form XObjects up to a small depth. A page
/// whose content cannot be parsed, or draws none, falls back to its resources' images.
fn placed_images<'a>(doc: &'a Document, page: ObjectId) -> Vec<Placed<'a>> {
    let mut out = Vec::new();
    let Some(res) = resources(doc, page) else {
        return out;
    };
    let content = doc
        .get_page_content_with_limit(page, 64 << 20)
        .ok()
        .and_then(|c| lopdf::content::Content::decode(&c).ok());
    if let Some(c) = content {
        walk(doc, &c.operations, res, IDENTITY, 0, &mut out);
    }
    if out.is_empty() {
        for (_, s) in xobjects(doc, res) {
            if is_image(doc, s) {
                out.push(Placed {
                    stream: s,
                    rect: [0.0; 4],
                });
            }
        }
    }
    out
}

fn xobjects<'a>(
    doc: &'a Document,
    res: &'a Dictionary,
) -> impl Iterator<Item = (&'a [u8], &'a lopdf::Stream)> {
    res.get(b"XObject")
        .ok()
        .and_then(|x| resolve(doc, x))
        .and_then(|x| x.as_dict().ok())
        .into_iter()
        .flat_map(|d| d.iter())
        .filter_map(move |(k, o)| match resolve(doc, o) {
            Some(Object::Stream(s)) => Some((k.as_slice(), s)),
            _ => None,
        })
}

fn is_image(doc: &Document, s: &lopdf::Stream) -> bool {
    s.dict.get(b"Subtype").ok().map(|o| name_of(doc, o)) == Some(b"Image".to_vec())
}

fn walk<'a>(
    doc: &'a Document,
    ops: &[lopdf::content::Operation],
    res: &'a Dictionary,
    start: Matrix,
    depth: u32,
    out: &mut Vec<Placed<'a>>,
) {
    let num = |o: &Object| match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    };
    let mut stack = Vec::new();
    let mut ctm = start;
    for op in ops {
        match op.operator.as_str() {
            "q" if stack.len() < 256 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(start),
            "cm" if op.operands.len() == 6 => {
                let m: Vec<f32> = op.operands.iter().map(num).collect();
                ctm = concat(&[m[0], m[1], m[2], m[3], m[4], m[5]], &ctm);
            }
            "Do" => {
                let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                    continue;
                };
                let Some((_, s)) = xobjects(doc, res).find(|(k, _)| *k == name) else {
                    continue;
                };
                if is_image(doc, s) {
                    out.push(Placed {
                        stream: s,
                        rect: unit_box(&ctm),
                    });
                } else if depth < 4 {
                    let m = match s.dict.get(b"Matrix").ok().and_then(|o| resolve(doc, o)) {
                        Some(Object::Array(a)) if a.len() == 6 => {
                            let v: Vec<f32> = a.iter().map(num).collect();
                            [v[0], v[1], v[2], v[3], v[4], v[5]]
                        }
                        _ => IDENTITY,
                    };
                    let inner = s
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| resolve(doc, r))
                        .and_then(|r| r.as_dict().ok())
                        .unwrap_or(res);
                    let content = s
                        .decompressed_content_with_limit(64 << 20)
                        .ok()
                        .and_then(|c| lopdf::content::Content::decode(&c).ok());
                    if let Some(c) = content {
                        walk(doc, &c.operations, inner, concat(&m, &ctm), depth + 1, out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The resolution a placed image is drawn at (pixels per inch of its box), when plausible.
fn drawn_dpi(width: u32, rect: &[f32; 4]) -> Option<u32> {
    let inches = (rect[2] - rect[0]) / 72.0;
    let dpi = (width as f32 / inches).round();
    (inches > 0.5 && (50.0..=2400.0).contains(&dpi)).then_some(dpi as u32)
}

/// A page's images as one image for OCR, with its resolution: one image as stored (its
/// codec untouched); several (strips, a mask over a background) composited onto a grey page
/// at the finest resolution among them.
fn page_image(
    doc: &Document,
    page: ObjectId,
    limits: &Limits,
) -> Result<Option<(Vec<u8>, Option<u32>)>, IngestError> {
    let placed = placed_images(doc, page);
    let mut images = Vec::with_capacity(placed.len());
    for p in &placed {
        let img = pdf_image::decode(doc, p.stream, limits.max_pixels)?;
        // Specks and rules drawn as tiny images are not page content.
        if img.width >= 16 && img.height >= 16 {
            images.push((img, p.rect));
        }
    }
    let placed_all = images.iter().all(|(_, r)| r[2] > r[0] && r[3] > r[1]);
    if images.len() <= 1 || !placed_all {
        // Largest image alone when placement is unknown.
        let Some((img, rect)) = images.into_iter().max_by_key(|(i, _)| {
            i.width as u64 * i.height as u64
        }) else {
            return Ok(None);
        };
        let dpi = drawn_dpi(img.width, &rect);
        return Ok(Some((img.bytes, dpi)));
    }
    let scale = images
        .iter()
        .map(|(i, r)| i.width as f32 / (r[2] - r[0]))
        .fold(0.0f32, f32::max)
        .min(600.0 / 72.0);
    let bx = images.iter().fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |b, (_, r)| {
        [b[0].min(r[0]), b[1].min(r[1]), b[2].max(r[2]), b[3].max(r[3])]
    });
    let (pw, ph) = (
        ((bx[2] - bx[0]) * scale).round() as u64,
        ((bx[3] - bx[1]) * scale).round() as u64,
    );
    if pw == 0 || ph == 0 || pw * ph > limits.max_pixels {
        return Err(IngestError::Limit(format!("composited page of {pw}x{ph} pixels")));
    }
    let mut canvas = Pix::white(pw as u32, ph as u32)?;
    for (img, r) in &images {
        let grey = Pix::read(&img.bytes)?.to_grey()?;
        let (w, h) = (
            ((r[2] - r[0]) * scale).round().max(1.0) as u32,
            ((r[3] - r[1]) * scale).round().max(1.0) as u32,
        );
        let scaled = grey.scaled(w, h)?;
        let (x, y) = (
            ((r[0] - bx[0]) * scale).round() as i32,
            ((bx[3] - r[3]) * scale).round() as i32,
        );
        canvas.paste(&scaled, x, y, img.bilevel);
    }
    Ok(Some((canvas.to_pnm()?, Some((scale * 72.0).round() as u32))))
}

#[cfg(test)]
mod tests {
    use super::*;

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
