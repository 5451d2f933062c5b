//! PDFs through lopdf: the text layer page by page; a page without one is OCR'd from its
//! images (DCTDecode JPEG as stored; FlateDecode or raw samples rebuilt as PNM, with PNG
//! predictors undone). Files encrypted with an empty user password are decrypted; those that
//! need a password give a typed error.

use lopdf::{Dictionary, Document, Object, ObjectId};
use rayon::prelude::*;

use super::pdf_image::{self, name_of, resolve};
use super::pix::Pix;
use super::{image, IngestError, Ingested, Limits, OcrOptions, Reocr};

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
    let read: Vec<Page> = pages
        .par_iter()
        .map(|&(n, id)| read_page(&doc, n, id, limits, ocr))
        .collect::<Result<_, _>>()?;
    let mut out = Ingested {
        pages: Some(pages.len() as u32),
        ..Default::default()
    };
    for p in &read {
        out.push_page(&p.text, p.ocr.as_ref(), p.from, p.why.clone());
        out.place_words(p.ocr.as_ref(), p.rect);
    }
    Ok(out)
}

/// One page's text, its OCR details when it was OCR'd, and where it came from and why.
struct Page {
    text: String,
    ocr: Option<image::OcrText>,
    /// Where the OCR'd image lies on the page (points), when known.
    rect: Option<[f32; 4]>,
    from: &'static str,
    why: String,
}

/// A page: its text layer when there is a good one (or `--reocr never`), else its image.
fn read_page(
    doc: &Document,
    n: u32,
    id: ObjectId,
    limits: &Limits,
    ocr: &OcrOptions,
) -> Result<Page, IngestError> {
    let text = doc.extract_text(&[n]).unwrap_or_default();
    let layer = |why: String| Page {
        text: text.clone(),
        ocr: None,
        rect: None,
        from: "text-layer",
        why,
    };
    let has_layer = text.chars().filter(|c| c.is_alphanumeric()).count() >= 3;
    let quality = layer_quality(&text);
    let (from, why) = match (has_layer, ocr.reocr) {
        (false, _) => ("ocr", "no text layer".to_string()),
        (true, Reocr::Never) => return Ok(layer("kept: --reocr never".into())),
        (true, Reocr::Always) => ("re-ocr", "--reocr always".into()),
        (true, Reocr::Auto) if !quality.mangled() => {
            return Ok(layer(format!("kept: {}", quality.describe())));
        }
        (true, Reocr::Auto) => (
            "re-ocr",
            format!("layer judged mangled: {}", quality.describe()),
        ),
    };
    let Some((img, dpi, rect)) = page_image(doc, id, limits)? else {
        let why = if has_layer {
            format!("kept, no page image to re-read ({why})")
        } else {
            "no text layer and no page image".into()
        };
        return Ok(layer(why));
    };
    let o = image::ocr_image(&img, dpi, limits, ocr)?;
    Ok(Page {
        text: o.text.clone(),
        ocr: Some(o),
        rect,
        from,
        why,
    })
}

/// How a text layer reads: its words (two or more letters) and how many of them are valid
/// Vietnamese syllables with their diacritics.
#[derive(Debug, Clone, Copy)]
pub struct LayerQuality {
    pub words: usize,
    pub accented: usize,
}

impl LayerQuality {
    /// OCR that lost or mangled the diacritics (or a stripped text): fewer than half of the
    /// words are valid accented syllables, where Vietnamese prose has about two in three.
    pub fn mangled(&self) -> bool {
        self.words > 0 && self.accented * 2 < self.words
    }

    fn describe(&self) -> String {
        format!(
            "{}% of {} words are accented Vietnamese syllables",
            (self.accented * 100).checked_div(self.words).unwrap_or(0),
            self.words
        )
    }
}

/// Judges a text layer (see [`LayerQuality`]).
pub fn layer_quality(text: &str) -> LayerQuality {
    let (mut words, mut accented) = (0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() < 2 {
            continue;
        }
        words += 1;
        let l: String = w.chars().map(crate::syllable::lower_char).collect();
        accented += (crate::syllable::has_diacritic(&l) && crate::syllable::is_valid(&l)) as usize;
    }
    LayerQuality { words, accented }
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

/// An encoded page image and the resolution it is drawn at.
/// A page image for OCR: its bytes, its resolution, and the rectangle of the page (default
/// user space) its pixels cover, when the content stream places it.
type OcrInput = (Vec<u8>, Option<u32>, Option<[f32; 4]>);

/// A page's images as one image for OCR, with its resolution: one image as stored (its
/// codec untouched); several (strips, a mask over a background) composited onto a grey page
/// at the finest resolution among them.
fn page_image(
    doc: &Document,
    page: ObjectId,
    limits: &Limits,
) -> Result<Option<OcrInput>, IngestError> {
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
        let Some((img, rect)) = images
            .into_iter()
            .max_by_key(|(i, _)| i.width as u64 * i.height as u64)
        else {
            return Ok(None);
        };
        let dpi = drawn_dpi(img.width, &rect);
        let placed = (rect[2] > rect[0] && rect[3] > rect[1]).then_some(rect);
        return Ok(Some((img.bytes, dpi, placed)));
    }
    let scale = images
        .iter()
        .map(|(i, r)| i.width as f32 / (r[2] - r[0]))
        .fold(0.0f32, f32::max)
        .min(600.0 / 72.0);
    let bx = images
        .iter()
        .fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |b, (_, r)| {
            [
                b[0].min(r[0]),
                b[1].min(r[1]),
                b[2].max(r[2]),
                b[3].max(r[3]),
            ]
        });
    let (pw, ph) = (
        ((bx[2] - bx[0]) * scale).round() as u64,
        ((bx[3] - bx[1]) * scale).round() as u64,
    );
    if pw == 0 || ph == 0 || pw * ph > limits.max_pixels {
        return Err(IngestError::Limit(format!(
            "composited page of {pw}x{ph} pixels"
        )));
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
    Ok(Some((
        canvas.to_pnm()?,
        Some((scale * 72.0).round() as u32),
        Some(bx),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangled_layers_are_told_from_good_ones() {
        let q = |t: &str| layer_quality(t).mangled();
        assert!(q("Thyc hién Quyét dinh s6 78/QD-UBND ngay 08/01/2025 ciia"));
        assert!(q("CONG Hcok xA HQI CHiJ NGHiA VIVT NAM"));
        assert!(!q("Thực hiện Quyết định số 78/QĐ-UBND ngày 08/01/2025 của"));
        assert!(!q(""));
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
