//! One PDF image XObject to bytes Tesseract (through Leptonica) reads: JPEG (`DCTDecode`) and
//! JPEG 2000 (`JPXDecode`) as stored; CCITT G3/G4 and JBIG2 (with its globals) decoded to a
//! bitmap; Flate, LZW, ASCII and raw samples rebuilt as PNM. `Decode` arrays and `ImageMask`
//! are honoured, so every bitmap comes out as black ink on white paper.

use lopdf::{Dictionary, Document, Object, Stream};

use super::IngestError;

/// A page image ready for OCR or compositing.
#[derive(Debug, Clone)]
pub struct PageImage {
    /// PNM, JPEG or JPEG 2000 bytes.
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// One bit per pixel (a scanner's black-and-white page or a stencil mask): composited
    /// by darkening, so white never covers what lies under it.
    pub bilevel: bool,
}

/// Follows one indirect reference.
pub fn resolve<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

/// A name, or the first name of an array of names (`/Filter [/FlateDecode]`).
pub fn name_of(doc: &Document, o: &Object) -> Vec<u8> {
    match resolve(doc, o) {
        Some(Object::Name(n)) => n.clone(),
        Some(Object::Array(a)) => a.first().map(|f| name_of(doc, f)).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn int(doc: &Document, d: &Dictionary, k: &[u8], default: i64) -> i64 {
    d.get(k)
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(default)
}

fn boolean(doc: &Document, d: &Dictionary, k: &[u8], default: bool) -> bool {
    d.get(k)
        .ok()
        .and_then(|o| resolve(doc, o))
        .and_then(|o| o.as_bool().ok())
        .unwrap_or(default)
}

/// The filter names in decoding order.
fn filters(doc: &Document, d: &Dictionary) -> Vec<Vec<u8>> {
    match d.get(b"Filter").ok().and_then(|o| resolve(doc, o)) {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a.iter().map(|f| name_of(doc, f)).collect(),
        _ => Vec::new(),
    }
}

/// The `DecodeParms` dictionary of filter `i`.
fn parms<'a>(doc: &'a Document, d: &'a Dictionary, i: usize) -> Option<&'a Dictionary> {
    match d.get(b"DecodeParms").ok().and_then(|o| resolve(doc, o))? {
        Object::Dictionary(p) => Some(p),
        Object::Array(a) => resolve(doc, a.get(i)?)?.as_dict().ok(),
        _ => None,
    }
}

/// Number of colour components of an image's colour space (1 for masks and unknown spaces).
fn components(doc: &Document, d: &Dictionary) -> u64 {
    let Some(cs) = d.get(b"ColorSpace").ok().and_then(|o| resolve(doc, o)) else {
        return 1;
    };
    match name_of(doc, cs).as_slice() {
        b"DeviceRGB" | b"CalRGB" | b"Lab" => 3,
        b"DeviceCMYK" => 4,
        b"ICCBased" => cs
            .as_array()
            .ok()
            .and_then(|a| a.get(1))
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_stream().ok())
            .map(|s| int(doc, &s.dict, b"N", 3).clamp(1, 4) as u64)
            .unwrap_or(3),
        _ => 1,
    }
}

/// Whether the image's `Decode` array inverts its first component (`[1 0]`).
fn decode_inverted(doc: &Document, d: &Dictionary) -> bool {
    let Some(Object::Array(a)) = d.get(b"Decode").ok().and_then(|o| resolve(doc, o)) else {
        return false;
    };
    let num = |o: Option<&Object>| match o.and_then(|o| resolve(doc, o)) {
        Some(Object::Integer(i)) => *i as f32,
        Some(Object::Real(r)) => *r,
        _ => 0.0,
    };
    num(a.first()) > num(a.get(1))
}

/// Decodes one image XObject. `max_pixels` bounds what a hostile size may allocate.
pub fn decode(doc: &Document, s: &Stream, max_pixels: u64) -> Result<PageImage, IngestError> {
    let d = &s.dict;
    let (w, h) = (int(doc, d, b"Width", 0), int(doc, d, b"Height", 0));
    if w <= 0 || h <= 0 || w > u32::MAX as i64 || h > u32::MAX as i64 {
        return Err(IngestError::Codec("image without a size".into()));
    }
    let (w, h) = (w as u64, h as u64);
    if w * h > max_pixels {
        return Err(IngestError::Limit(format!("page image of {w}x{h} pixels")));
    }
    let mask = boolean(doc, d, b"ImageMask", false);
    let bpc = if mask {
        1
    } else {
        int(doc, d, b"BitsPerComponent", 8).clamp(1, 16) as u64
    };
    let comps = if mask { 1 } else { components(doc, d) };
    let inverted = decode_inverted(doc, d);
    let names = filters(doc, d);
    // Generic filters first (Flate, LZW, ASCII85 …), then at most one image codec.
    let codec_at = names.iter().position(|n| {
        matches!(
            n.as_slice(),
            b"DCTDecode" | b"JPXDecode" | b"CCITTFaxDecode" | b"JBIG2Decode"
        )
    });
    let generic = codec_at.unwrap_or(names.len());
    let raw_len = (w * comps * bpc).div_ceil(8) * h;
    // A decoded stream larger than its samples (plus predictor bytes) is refused.
    let limit = (raw_len + h + 1024) as usize;
    let data = if generic == 0 {
        s.content.clone()
    } else {
        let mut pre = Dictionary::new();
        pre.set(
            "Filter",
            Object::Array(
                names[..generic]
                    .iter()
                    .map(|n| Object::Name(n.clone()))
                    .collect(),
            ),
        );
        let ps: Vec<Object> = (0..generic)
            .map(|i| {
                parms(doc, d, i)
                    .cloned()
                    .map_or(Object::Null, Object::Dictionary)
            })
            .collect();
        pre.set("DecodeParms", Object::Array(ps));
        let codec_limit = if codec_at.is_some() {
            // Compressed image codecs are smaller than their samples, save for noise.
            limit.max(s.content.len() * 64)
        } else {
            limit
        };
        Stream::new(pre, s.content.clone())
            .decompressed_content_with_limit(codec_limit)
            .map_err(|e| IngestError::Codec(format!("{}: {e}", name_str(&names[0]))))?
    };
    let (w32, h32) = (w as u32, h as u32);
    let image = |bytes: Vec<u8>, bilevel: bool| PageImage {
        bytes,
        width: w32,
        height: h32,
        bilevel,
    };
    match codec_at.map(|i| (names[i].as_slice(), parms(doc, d, i))) {
        Some((b"DCTDecode" | b"JPXDecode", _)) => Ok(image(data, false)),
        Some((b"CCITTFaxDecode", p)) => {
            let pbm = ccitt(doc, &data, p, h32, inverted)?;
            Ok(image(pbm, true))
        }
        Some((b"JBIG2Decode", p)) => {
            let globals = p
                .and_then(|p| p.get(b"JBIG2Globals").ok())
                .and_then(|o| resolve(doc, o))
                .and_then(|o| o.as_stream().ok())
                .map(|g| {
                    g.decompressed_content_with_limit(64 << 20)
                        .map_err(|e| IngestError::Codec(format!("JBIG2Globals: {e}")))
                })
                .transpose()?;
            let pbm = jbig2(&data, globals.as_deref(), w32, h32, inverted)?;
            Ok(image(pbm, true))
        }
        Some((other, _)) => Err(IngestError::Codec(name_str(other))),
        None => {
            let data = samples(data, w, h, comps, bpc, raw_len as usize)?;
            to_pnm(&data, w, h, comps, bpc, inverted).map(|b| image(b, bpc == 1 && comps == 1))
        }
    }
}

fn name_str(n: &[u8]) -> String {
    String::from_utf8_lossy(n).into_owned()
}

/// Raw samples, with PNG row predictors undone when the stream still carries them.
fn samples(
    data: Vec<u8>,
    w: u64,
    h: u64,
    comps: u64,
    bpc: u64,
    expected: usize,
) -> Result<Vec<u8>, IngestError> {
    let row = (w * comps * bpc).div_ceil(8) as usize;
    if data.len() == expected {
        Ok(data)
    } else if data.len() == expected + h as usize {
        unpredict_png(&data, row, (comps * bpc).div_ceil(8) as usize)
            .ok_or_else(|| IngestError::Codec("bad PNG predictor data".into()))
    } else if data.len() > expected {
        // Trailing bytes after the last row (padding, an EOD) are ignored.
        Ok(data[..expected].to_vec())
    } else {
        Err(IngestError::Codec(format!(
            "image data of {} bytes for {w}x{h}x{comps} at {bpc} bits",
            data.len()
        )))
    }
}

/// A PBM builder: rows of `width` pixels, 1 = ink.
struct Bitmap {
    width: u32,
    height: u32,
    row_bytes: usize,
    data: Vec<u8>,
    rows: u32,
    col: u32,
    invert: bool,
}

impl Bitmap {
    fn new(width: u32, height: u32, invert: bool) -> Self {
        let row_bytes = (width as usize).div_ceil(8);
        Bitmap {
            width,
            height,
            row_bytes,
            data: Vec::with_capacity(row_bytes * height as usize),
            rows: 0,
            col: 0,
            invert,
        }
    }

    /// Pixels `[from, to)` of the current row are ink.
    fn set_run(&mut self, from: u32, to: u32) {
        let base = self.rows as usize * self.row_bytes;
        for x in from..to.min(self.width) {
            self.data[base + x as usize / 8] |= 0x80 >> (x % 8);
        }
    }

    fn start_row(&mut self) -> bool {
        if self.rows >= self.height {
            return false;
        }
        self.data
            .resize((self.rows as usize + 1) * self.row_bytes, 0);
        self.col = 0;
        true
    }

    fn end_row(&mut self) {
        if self.invert {
            let base = self.rows as usize * self.row_bytes;
            for b in &mut self.data[base..] {
                *b = !*b;
            }
            let spare = (self.row_bytes * 8) as u32 - self.width;
            if spare > 0 {
                let last = base + self.row_bytes - 1;
                self.data[last] &= 0xFFu8 << spare;
            }
        }
        self.rows += 1;
    }

    /// The PBM file; rows the stream did not deliver stay white.
    fn into_pbm(mut self) -> Vec<u8> {
        self.data.resize(self.row_bytes * self.height as usize, 0);
        let mut out = format!("P4\n{} {}\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }
}

struct CcittSink(Bitmap);

impl hayro_ccitt::Decoder for CcittSink {
    fn push_row(&mut self, changes: &[u32]) {
        if !self.0.start_row() {
            return;
        }
        for pair in changes.chunks(2) {
            let to = pair.get(1).copied().unwrap_or(self.0.width);
            self.0.set_run(pair[0], to);
        }
        self.0.end_row();
    }
}

/// CCITT Group 3 or 4 fax data (`CCITTFaxDecode` with its `DecodeParms`) to a PBM.
fn ccitt(
    doc: &Document,
    data: &[u8],
    p: Option<&Dictionary>,
    h: u32,
    inverted: bool,
) -> Result<Vec<u8>, IngestError> {
    let empty = Dictionary::new();
    let p = p.unwrap_or(&empty);
    let k = int(doc, p, b"K", 0);
    let columns = int(doc, p, b"Columns", 1728).clamp(1, 1 << 20) as u32;
    let rows = int(doc, p, b"Rows", h as i64).clamp(0, 1 << 24) as u32;
    let black_is_1 = boolean(doc, p, b"BlackIs1", false);
    let settings = hayro_ccitt::DecodeSettings {
        columns,
        rows: if rows == 0 { h } else { rows },
        end_of_block: boolean(doc, p, b"EndOfBlock", true),
        end_of_line: boolean(doc, p, b"EndOfLine", false),
        rows_are_byte_aligned: boolean(doc, p, b"EncodedByteAlign", false),
        encoding: match k {
            k if k < 0 => hayro_ccitt::EncodingMode::Group4,
            0 => hayro_ccitt::EncodingMode::Group3_1D,
            _ => hayro_ccitt::EncodingMode::Group3_2D,
        },
        strict: false,
    };
    // The fax code's black is the sample 1 when BlackIs1, else 0; a sample of 0 after
    // `Decode` is ink (DeviceGray black, or a stencil mask's painted pixel).
    let invert = black_is_1 ^ inverted;
    let mut sink = CcittSink(Bitmap::new(columns, h, invert));
    let mut ctx = hayro_ccitt::DecoderContext::new(settings);
    let res = hayro_ccitt::decode(data, &mut sink, &mut ctx);
    if sink.0.rows == 0 {
        return Err(IngestError::Codec(match res {
            Err(e) => format!("CCITTFaxDecode: {e:?}"),
            Ok(_) => "CCITTFaxDecode: no rows".into(),
        }));
    }
    // A stream that breaks off after some rows still gives those rows (as readers do).
    Ok(sink.0.into_pbm())
}

struct Jbig2Sink(Bitmap, bool);

impl hayro_jbig2::Decoder for Jbig2Sink {
    fn push_pixel(&mut self, black: bool) {
        if !self.1 {
            self.1 = self.0.start_row();
        }
        if self.1 {
            if black {
                let c = self.0.col;
                self.0.set_run(c, c + 1);
            }
            self.0.col += 1;
        }
    }

    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        if !self.1 {
            self.1 = self.0.start_row();
        }
        if self.1 {
            let c = self.0.col;
            if black {
                self.0.set_run(c, c + 8 * chunk_count);
            }
            self.0.col += 8 * chunk_count;
        }
    }

    fn next_line(&mut self) {
        if !self.1 {
            self.1 = self.0.start_row();
        }
        if self.1 {
            self.0.end_row();
        }
        self.1 = false;
    }
}

/// An embedded JBIG2 page (`JBIG2Decode`, with the `JBIG2Globals` segments) to a PBM.
fn jbig2(
    data: &[u8],
    globals: Option<&[u8]>,
    w: u32,
    h: u32,
    inverted: bool,
) -> Result<Vec<u8>, IngestError> {
    let settings = hayro_jbig2::DecodeSettings::default();
    let err = |e: hayro_jbig2::DecodeError| IngestError::Codec(format!("JBIG2Decode: {e:?}"));
    let globals = globals
        .map(|g| hayro_jbig2::Globals::new(g, &settings))
        .transpose()
        .map_err(err)?;
    let page = hayro_jbig2::Page::new_embedded(data, globals.as_ref(), &settings).map_err(err)?;
    let (pw, ph) = (page.width(), page.height());
    if pw == 0 || ph == 0 || pw as u64 * ph as u64 > (w as u64 * h as u64) * 4 + (1 << 20) {
        return Err(IngestError::Codec(format!(
            "JBIG2Decode: page of {pw}x{ph} for an image of {w}x{h}"
        )));
    }
    // JBIG2's 1 is black, which PDF delivers as sample 0; `Decode [1 0]` turns it round.
    let mut sink = Jbig2Sink(Bitmap::new(pw, ph, inverted), false);
    page.decode(&mut sink).map_err(err)?;
    Ok(sink.0.into_pbm())
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

/// Builds a PNM (PBM, PGM or PPM) from raw PDF samples; `inverted` applies `Decode [1 0 …]`.
fn to_pnm(
    data: &[u8],
    w: u64,
    h: u64,
    comps: u64,
    bpc: u64,
    inverted: bool,
) -> Result<Vec<u8>, IngestError> {
    match (comps, bpc) {
        (1, 1) => {
            // PDF: sample 0 is black (or a mask's paint); PBM: 1 is ink.
            let mut v = format!("P4\n{w} {h}\n").into_bytes();
            if inverted {
                v.extend_from_slice(data);
            } else {
                v.extend(data.iter().map(|b| !b));
            }
            Ok(v)
        }
        (1, 8) => {
            let mut v = format!("P5\n{w} {h}\n255\n").into_bytes();
            if inverted {
                v.extend(data.iter().map(|b| !b));
            } else {
                v.extend_from_slice(data);
            }
            Ok(v)
        }
        (3, 8) => {
            let mut v = format!("P6\n{w} {h}\n255\n").into_bytes();
            v.extend_from_slice(data);
            Ok(v)
        }
        (4, 8) => {
            // CMYK samples to RGB, naively (ink darkens); scans in CMYK are rare.
            let mut v = format!("P6\n{w} {h}\n255\n").into_bytes();
            for px in data.chunks_exact(4) {
                let k = 255 - px[3] as u16;
                for &c in &px[..3] {
                    v.push(((255 - c as u16) * k / 255) as u8);
                }
            }
            Ok(v)
        }
        (1, 2 | 4) => {
            // Grey at 2 or 4 bits, widened to 8.
            let row = (w * bpc).div_ceil(8) as usize;
            let max = (1u16 << bpc) - 1;
            let mut v = format!("P5\n{w} {h}\n255\n").into_bytes();
            for r in data.chunks(row) {
                for x in 0..w as usize {
                    let bit = x * bpc as usize;
                    let byte = r.get(bit / 8).copied().unwrap_or(0);
                    let s = (byte >> (8 - bpc as usize - bit % 8)) as u16 & max;
                    let g = (s * 255 / max) as u8;
                    v.push(if inverted { !g } else { g });
                }
            }
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
    fn bitmap_runs_and_inversion() {
        let mut b = Bitmap::new(10, 2, false);
        assert!(b.start_row());
        b.set_run(1, 3);
        b.end_row();
        let mut c = Bitmap::new(10, 1, true);
        c.start_row();
        c.set_run(0, 8);
        c.end_row();
        let pbm = b.into_pbm();
        assert!(pbm.starts_with(b"P4\n10 2\n"));
        assert_eq!(&pbm[8..], &[0b0110_0000, 0, 0, 0]);
        // Inverted: the run becomes paper, the rest ink, padding bits stay clear.
        assert_eq!(&c.into_pbm()[8..], &[0, 0b1100_0000]);
    }

    #[test]
    fn grey_at_four_bits_widens() {
        let pnm = to_pnm(&[0x0F], 2, 1, 1, 4, false).unwrap();
        assert_eq!(&pnm[pnm.len() - 2..], &[0, 255]);
        let inv = to_pnm(&[0x0F], 2, 1, 1, 4, true).unwrap();
        assert_eq!(&inv[inv.len() - 2..], &[255, 0]);
    }
}
