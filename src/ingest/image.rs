//! Image OCR through the `tesseract` crate: one engine per worker thread and language, the
//! image's own DPI honoured (PNG pHYs, JPEG JFIF), a default assumed when it states none.

use std::cell::RefCell;

use super::geometry::{along_baseline, Geometry, WordBox};
use super::{IngestError, Limits, OcrOptions};

thread_local! {
    static ENGINE: RefCell<Option<(String, tesseract::Tesseract)>> = const { RefCell::new(None) };
}

/// Drops this thread's Tesseract engine (before a worker pool ends, so that Tesseract's caches
/// are released in order).
pub fn release_engine() {
    ENGINE.with(|cell| cell.borrow_mut().take());
}

/// Rebuilds page text from Tesseract's TSV (level 5 rows are words with a confidence),
/// dropping what is noise relative to the page: words below `min_conf` (0-100), or below
/// 40 % of the page's median confidence when that is lower. Specks and dust on rough scans
/// come out as junk "words" with near-zero confidence; on a blurred photo every word is
/// unsure, and a right word at 15 is worth keeping. Lines keep their words' order; a new
/// paragraph or block starts after a blank line.
pub fn text_from_tsv(tsv: &str, min_conf: f32) -> OcrText {
    let rows: Vec<(Vec<&str>, f32)> = tsv
        .lines()
        .filter_map(|row| {
            let f: Vec<&str> = row.splitn(12, '\t').collect();
            if f.len() < 12 || f[0] != "5" || f[11].trim().is_empty() {
                return None;
            }
            let conf: f32 = f[10].parse().unwrap_or(-1.0);
            Some((f, conf))
        })
        .collect();
    let mut confs: Vec<f32> = rows.iter().map(|r| r.1).filter(|c| *c >= 0.0).collect();
    let median = if confs.is_empty() {
        0.0
    } else {
        let mid = confs.len() / 2;
        *confs.select_nth_unstable_by(mid, f32::total_cmp).1
    };
    let floor = min_conf.min(0.4 * median);
    let mut out = String::new();
    let mut last: Option<(u32, u32, u32)> = None;
    let (mut sum, mut n) = (0.0f32, 0usize);
    let mut words = Vec::new();
    let mut boxes = Vec::new();
    // The current line's token boxes (left, top, width, height), set on its baseline at the
    // line's end.
    let mut line: Vec<[f32; 4]> = Vec::new();
    for (f, conf) in &rows {
        let conf = *conf;
        let num = |i: usize| f[i].parse::<u32>().unwrap_or(0);
        let word = f[11].trim();
        if conf < floor {
            continue;
        }
        let key = (num(2), num(3), num(4));
        if last.is_some_and(|k| k != key) {
            along_baseline(&line, &mut boxes);
            line.clear();
        }
        match last {
            Some((b, p, _)) if (b, p) != (key.0, key.1) => out.push_str("\n\n"),
            Some(k) if k != key => out.push('\n'),
            Some(_) => out.push(' '),
            None => {}
        }
        out.push_str(word);
        last = Some(key);
        sum += conf;
        n += 1;
        // One Tesseract word is one whitespace token of the text (a rare word with spaces
        // shares its box out by characters).
        let tokens = word.split_whitespace().count();
        words.extend(std::iter::repeat_n(conf / 100.0, tokens));
        let [left, top, width, height] = [6, 7, 8, 9].map(|i| num(i) as f32);
        let chars = word.chars().count().max(1) as f32;
        let mut at = 0usize;
        for t in word.split_whitespace() {
            let start = word[at..].find(t).map_or(at, |i| at + i);
            let before = word[..start].chars().count() as f32;
            let n = t.chars().count() as f32;
            line.push([
                left + width * before / chars,
                top,
                width * n / chars,
                height,
            ]);
            at = start + t.len();
        }
    }
    along_baseline(&line, &mut boxes);
    if !out.is_empty() {
        out.push('\n');
    }
    OcrText {
        text: out,
        confidence: if n == 0 { 0.0 } else { sum / n as f32 / 100.0 },
        words,
        prepared_boxes: boxes,
        ..Default::default()
    }
}

/// OCR output: the text, the mean word confidence (0-1), each whitespace token's confidence
/// in order, and where each token lies on the image as read.
#[derive(Debug, Clone, Default)]
pub struct OcrText {
    pub text: String,
    pub confidence: f32,
    pub words: Vec<f32>,
    /// Per token: its box on the original image (empty when Tesseract gave none).
    pub boxes: Vec<WordBox>,
    /// Per token: its box on the image Tesseract read.
    pub prepared_boxes: Vec<WordBox>,
    /// The original image's pixel size and the resolution OCR was told (of the original).
    pub width: u32,
    pub height: u32,
    pub dpi: u32,
}

/// Pixel size from a PNG, JPEG or PNM header, for the pixel limit before decoding.
pub fn dimensions(b: &[u8]) -> Option<(u64, u64)> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") && b.len() >= 24 {
        let w = u32::from_be_bytes([b[16], b[17], b[18], b[19]]) as u64;
        let h = u32::from_be_bytes([b[20], b[21], b[22], b[23]]) as u64;
        return Some((w, h));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 9 < b.len() {
            if b[i] != 0xFF {
                return None;
            }
            let marker = b[i + 1];
            let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
            if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as u64;
                let w = u16::from_be_bytes([b[i + 7], b[i + 8]]) as u64;
                return Some((w, h));
            }
            i += 2 + len;
        }
    }
    None
}

/// The DPI an image states (PNG pHYs in metres, JPEG JFIF density), if any.
pub fn stated_dpi(b: &[u8]) -> Option<u32> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        let mut i = 8;
        while i + 12 <= b.len() {
            let len = u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
            let ty = &b[i + 4..i + 8];
            if ty == b"pHYs" && len >= 9 && i + 17 <= b.len() {
                let ppm = u32::from_be_bytes([b[i + 8], b[i + 9], b[i + 10], b[i + 11]]);
                let unit = b[i + 16];
                return (unit == 1 && ppm > 0).then(|| (ppm as f64 * 0.0254).round() as u32);
            }
            if ty == b"IDAT" {
                return None;
            }
            i += 12 + len;
        }
        return None;
    }
    if b.len() > 18 && b.starts_with(&[0xFF, 0xD8, 0xFF, 0xE0]) && &b[6..11] == b"JFIF\0" {
        let unit = b[13];
        let x = u16::from_be_bytes([b[14], b[15]]) as u32;
        return match unit {
            1 if x > 1 => Some(x),
            2 if x > 1 => Some((x as f64 * 2.54).round() as u32),
            _ => None,
        };
    }
    None
}

/// A prepared image (`None`: the bytes as they are), the resolution to tell Tesseract, and how
/// the prepared image maps back onto the original (`None`: unreadable here).
type Prepared = (Option<Vec<u8>>, Option<u32>, Option<Geometry>);

/// Resolution below which glyphs are too small for Tesseract's models: such images are
/// enlarged before OCR (a phone photo of a page is often 70-100 pixels per inch).
const MIN_DPI: u32 = 150;

/// Skew below this (degrees) is left alone: Tesseract reads it, and the resample costs more
/// than it brings (on seed 000's rough scan, skews up to 1.2 degrees: WER 6.27 % left alone,
/// 6.90 % straightened from 0.3 degrees; at 2-3 degrees straightening halves the WER).
const MIN_DESKEW: f32 = 1.0;

/// The image as Tesseract should see it, and the resolution to tell it: enlarged when its
/// glyphs are small, turned upright when it lies on its side or upside down (tested only with
/// `turn`: the test is a tenth of a clean page's time, so only pages that read badly pay for
/// it), straightened when it is skewed (`None`: the bytes as they are). An image
/// that states no resolution is taken as a photo or scan of a whole page, A4 or Letter: its
/// width spans about 8.3 inches (11.7 in landscape).
fn prepare(
    bytes: &[u8],
    stated: Option<u32>,
    limits: &Limits,
    turn: bool,
) -> Result<Prepared, IngestError> {
    let Ok(pix) = super::pix::Pix::read(bytes) else {
        // Left to Tesseract, which says what is wrong with it.
        return Ok((None, stated, None));
    };
    let (w, h) = (pix.width() as u64, pix.height() as u64);
    let dpi = stated.filter(|d| *d >= 20).unwrap_or_else(|| {
        let inches = if w > h { 11.7 } else { 8.3 };
        (w as f32 / inches).round().max(1.0) as u32
    });
    // Twice or three times as large, whichever brings the page nearest 150-220 dpi, within
    // the pixel limit.
    let mut k = match dpi {
        d if d >= MIN_DPI => 1,
        d if d * 2 >= MIN_DPI => 2,
        _ => 3,
    };
    while k > 1 && w * h * (k * k) as u64 > limits.max_pixels {
        k -= 1;
    }
    // Grey once; then enlarged, turned upright, straightened, each only when needed.
    let mut grey = pix.to_grey()?;
    let mut changed = false;
    if k > 1 {
        grey = grey.scaled(w as u32 * k, h as u32 * k)?;
        changed = true;
    }
    let mut bin = grey.binarised(160)?;
    let quads = if turn { bin.orientation(dpi * k) } else { 0 };
    if quads != 0 {
        grey = grey.turned(quads)?;
        bin = bin.turned(quads)?;
        changed = true;
    }
    let mut geometry = Geometry {
        width: w as u32,
        height: h as u32,
        scale: k,
        quads,
        degrees: 0.0,
    };
    if let Some(angle) = bin.skew(MIN_DESKEW) {
        grey = grey.rotated(angle)?;
        geometry.degrees = angle;
        changed = true;
    }
    Ok(if changed {
        (Some(grey.to_pnm()?), Some(dpi * k), Some(geometry))
    } else {
        (
            None,
            Some(dpi),
            Some(Geometry::identity(w as u32, h as u32)),
        )
    })
}

/// OCRs an encoded image (PNG, JPEG, TIFF, PNM). `dpi` overrides what the image states.
/// Returns the text and Tesseract's mean word confidence (0-1).
pub fn ocr_image(
    bytes: &[u8],
    dpi: Option<u32>,
    limits: &Limits,
    opts: &OcrOptions,
) -> Result<OcrText, IngestError> {
    if let Some((w, h)) = dimensions(bytes) {
        if w == 0 || h == 0 {
            return Err(IngestError::Codec("image with zero width or height".into()));
        }
        if w * h > limits.max_pixels {
            return Err(IngestError::Limit(format!(
                "image of {w}x{h} pixels is over the {} pixel limit",
                limits.max_pixels
            )));
        }
    }
    let stated = dpi.or_else(|| stated_dpi(bytes));
    let original = bytes;
    let (mut scaled, dpi, mut geometry) = prepare(original, stated, limits, false)?;
    let mut dpi = dpi.unwrap_or(opts.default_dpi);
    let mut ocr = recognize(scaled.as_deref().unwrap_or(original), dpi, opts)?;
    // An unsure page may lie on its side or upside down: turned upright, it is read again,
    // and the reading with more Vietnamese words is kept.
    let unsure = ocr.confidence < CLEANUP_BELOW && !short_and_fair(&ocr);
    if unsure {
        let (upright, up_dpi, up_geometry) = prepare(original, stated, limits, true)?;
        if up_geometry.as_ref().is_some_and(|g| g.quads != 0) {
            let up_dpi = up_dpi.unwrap_or(opts.default_dpi);
            let image = upright.as_deref().unwrap_or(original);
            if let Ok(second) = recognize(image, up_dpi, opts) {
                if reading_score(&second.text) > reading_score(&ocr.text) {
                    ocr = second;
                    (scaled, dpi, geometry) = (upright, up_dpi, up_geometry);
                }
            }
        }
    }
    let bytes = scaled.as_deref().unwrap_or(original);
    // An unsure page is read again binarised by Sauvola's local threshold (faded toner,
    // grain, grey paper), and the reading with more Vietnamese words is kept: on the rough
    // seed scan Sauvola alone took WER from 6.22 to 4.51 %, on blurred phone photos from 5.49
    // to 89.88 % (there its reading has far fewer valid syllables). Tesseract's own
    // confidence was no judge: it preferred the plain reading of the rough pages.
    if unsure {
        let half = (dpi as f32 / 25.0).round().max(7.0) as i32;
        let clean = super::pix::Pix::read(bytes)
            .and_then(|p| p.to_grey())
            .and_then(|p| p.sauvola(half, 0.34))
            .and_then(|p| p.to_pnm());
        // The first reading stands if the second cannot be made.
        if let Ok(second) = clean.and_then(|c| recognize(&c, dpi, opts)) {
            if reading_score(&second.text) > reading_score(&ocr.text) {
                ocr = second;
            }
        }
    }
    if let Some(g) = geometry {
        ocr.boxes = ocr.prepared_boxes.iter().map(|b| g.word_box(b)).collect();
        ocr.width = g.width;
        ocr.height = g.height;
        ocr.dpi = dpi / g.scale.max(1);
    }
    Ok(ocr)
}

/// A reading of a few words at a fair confidence: a short page (a last page, a signature
/// block), whose mean confidence is that of a few names and codes rather than a sign of noise;
/// read again it would cost a whole reading (a tenth of the pages of a batch of short
/// documents) for a few words at most. A noisy page reads at a lower confidence.
fn short_and_fair(ocr: &OcrText) -> bool {
    ocr.words.len() < SHORT_PAGE_WORDS && ocr.confidence >= FAIR_CONFIDENCE
}

/// Words below which a page is short, and the confidence at which a short page is not noise.
const SHORT_PAGE_WORDS: usize = 40;
const FAIR_CONFIDENCE: f32 = 0.85;

/// How Vietnamese a reading is: its words (two letters or more) that are valid syllables,
/// less those that are not.
fn reading_score(text: &str) -> i64 {
    let mut lower = String::new();
    let mut score = 0i64;
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() < 2 {
            continue;
        }
        lower.clear();
        lower.extend(w.chars().map(crate::syllable::lower_char));
        score += if crate::syllable::is_valid(&lower) {
            1
        } else {
            -1
        };
    }
    score
}

/// Mean word confidence (0-1) below which a page is read a second time, cleaned up: clean and
/// mild scans of seed 000 read at 0.96 a full page, its rough scan at 0.93-0.95 (and one page
/// not at all), so clean pages do not pay for a second reading.
const CLEANUP_BELOW: f32 = 0.955;

/// One Tesseract reading of an encoded image at `dpi`, on this thread's engine.
fn recognize(bytes: &[u8], dpi: u32, opts: &OcrOptions) -> Result<OcrText, IngestError> {
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let engine = match slot.take() {
            Some((lang, t)) if lang == opts.lang => t,
            _ => {
                let mut t = tesseract::Tesseract::new(None, Some(&opts.lang)).map_err(|e| {
                    IngestError::Ocr(format!("cannot start Tesseract ({}): {e}", opts.lang))
                })?;
                // The C API defaults to one uniform block; scanned pages want the CLI's
                // automatic layout analysis, which also leaves specks and rules alone.
                t.set_page_seg_mode(tesseract::PageSegMode::PsmAuto);
                // Tesseract's own diagnostics ("Detected N diacritics") stay off stderr,
                // which carries vanban's one-line errors.
                t.set_variable("debug_file", "/dev/null")
                    .map_err(|e| IngestError::Ocr(e.to_string()))?
            }
        };
        let engine = engine
            .set_image_from_mem(bytes)
            .map_err(|_| IngestError::Codec("not a readable image".into()))?;
        let engine = engine.set_source_resolution(dpi as i32);
        let mut engine = engine
            .recognize()
            .map_err(|e| IngestError::Ocr(e.to_string()))?;
        let tsv = engine
            .get_tsv_text(0)
            .map_err(|e| IngestError::Ocr(e.to_string()))?;
        let ocr = text_from_tsv(&tsv, opts.min_word_confidence);
        *slot = Some((opts.lang.clone(), engine));
        Ok(ocr)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rebuilds_lines_and_drops_junk() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t96.0\tSở\n\
5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t91.5\tNội\n\
5\t1\t1\t1\t1\t3\t0\t0\t1\t1\t3.0\t.:\n\
5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t90.0\tvụ\n\
5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t88.0\tKính\n";
        let o = text_from_tsv(tsv, 20.0);
        assert_eq!(o.text, "Sở Nội\nvụ\n\nKính\n");
        assert!((o.confidence - 0.9125).abs() < 0.01);
        assert_eq!(o.words, vec![0.96, 0.915, 0.9, 0.88]);
        // A page where every word is unsure keeps its words; only the speck goes.
        let unsure = tsv
            .replace("96.0", "18.0")
            .replace("91.5", "12.0")
            .replace("90.0", "15.0");
        let o = text_from_tsv(&unsure.replace("88.0", "16.0"), 20.0);
        assert_eq!(o.text, "Sở Nội\nvụ\n\nKính\n");
    }

    #[test]
    fn png_header_facts() {
        // 8-byte signature, IHDR (13 bytes) for a 3x2 image, pHYs at 11811 px/m (300 dpi).
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend_from_slice(&13u32.to_be_bytes());
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&3u32.to_be_bytes());
        b.extend_from_slice(&2u32.to_be_bytes());
        b.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
        b.extend_from_slice(&9u32.to_be_bytes());
        b.extend_from_slice(b"pHYs");
        b.extend_from_slice(&11811u32.to_be_bytes());
        b.extend_from_slice(&11811u32.to_be_bytes());
        b.extend_from_slice(&[1, 0, 0, 0, 0]);
        assert_eq!(dimensions(&b), Some((3, 2)));
        assert_eq!(stated_dpi(&b), Some(300));
        assert_eq!(stated_dpi(b"not an image"), None);
    }
}
