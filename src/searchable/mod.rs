//! Searchable PDFs (`vanban run --pdf-dir`): the input's page images, unchanged, under an
//! invisible layer of the **restored** text, each word on the box OCR found for it. The
//! restoration maps tokens one to one, so the n-th restored token is the n-th OCR word.

pub mod text_layer;

use std::io::Write;
use std::path::{Path, PathBuf};

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, ObjectId, Stream};

use crate::ingest::{pix::Pix, tiff, Kind, PageWords};
use text_layer::Placement;

/// Why a searchable PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfOutError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("reading the input again: {0}")]
    Input(String),
}

/// Where the PDF of `input` goes: `dir` + its path relative to the input argument it was
/// found under (a file argument: its name), with the extension `.pdf`.
pub fn destination(dir: &Path, roots: &[PathBuf], input: &Path) -> PathBuf {
    let rel = roots
        .iter()
        .filter(|r| r.is_dir())
        .find_map(|r| input.strip_prefix(r).ok())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| input.file_name().map(PathBuf::from).unwrap_or_default());
    dir.join(rel).with_extension("pdf")
}

/// Builds the searchable PDF of one input (`bytes` of `kind`) from its OCR'd pages' word
/// boxes and the restored text, and writes it to `dest` atomically (a temporary file in the
/// same folder, then a rename). `replace` lists the pages whose old text layer goes.
pub fn write(
    kind: Kind,
    bytes: &[u8],
    pages: &[PageWords],
    replace: &[u32],
    restored: &str,
    dest: &Path,
) -> Result<(), PdfOutError> {
    let tokens: Vec<&str> = restored.split_whitespace().collect();
    let mut doc = match kind {
        Kind::Pdf => over_pdf(bytes, pages, replace, &tokens)?,
        _ => from_images(bytes, pages, &tokens)?,
    };
    let mut data = Vec::new();
    doc.save_to(&mut data)?;
    let dir = dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&data)?;
    // A temporary file is private (0600); the PDF is an ordinary output file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}

/// A page's words: the restored tokens that fall on it, with their boxes.
fn words<'a>(
    p: &'a PageWords,
    tokens: &'a [&'a str],
) -> impl Iterator<Item = (&'a str, &'a crate::ingest::geometry::WordBox)> {
    let t = tokens.get(p.first_token..).unwrap_or(&[]);
    t.iter().copied().zip(p.boxes.iter())
}

/// A new PDF of image pages (PNG, JPEG, TIFF, PNM inputs), one page per image page at its
/// resolution.
fn from_images(
    bytes: &[u8],
    pages: &[PageWords],
    tokens: &[&str],
) -> Result<Document, PdfOutError> {
    let mut doc = Document::with_version("1.7");
    let font = text_layer::add_font(&mut doc);
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    let multi = tiff::is_tiff(bytes);
    for p in pages {
        let image = if multi {
            let (pnm, _) = tiff::page_pnm(bytes, p.page.saturating_sub(1) as usize)
                .map_err(|e| PdfOutError::Input(e.to_string()))?;
            lossless_image(&pnm)?
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            jpeg_image(bytes).map_or_else(|| lossless_image(bytes), Ok)?
        } else if let Some(png) = png_image(bytes) {
            png
        } else {
            lossless_image(bytes)?
        };
        let (w, h) = (
            p.width as f32 * 72.0 / p.dpi as f32,
            p.height as f32 * 72.0 / p.dpi as f32,
        );
        let image = doc.add_object(image);
        let place = Placement {
            rect: [0.0, 0.0, w, h],
            width: p.width,
            height: p.height,
        };
        let mut ops = format!("q {w:.3} 0 0 {h:.3} 0 0 cm /Im0 Do Q\n").into_bytes();
        ops.extend(text_layer::content("FVb", &place, words(p, tokens)));
        let content = doc.add_object(Stream::new(dictionary! {}, ops));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), w.into(), h.into()],
            "Contents" => content,
            "Resources" => dictionary! {
                "XObject" => dictionary! { "Im0" => image },
                "Font" => dictionary! { "FVb" => font },
            },
        });
        kids.push(Object::Reference(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    Ok(doc)
}

/// A JPEG as it is (`DCTDecode`, no recompression), from its frame header.
fn jpeg_image(b: &[u8]) -> Option<Stream> {
    let mut i = 2;
    let mut adobe = false;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        if marker == 0xEE && b.get(i + 4..i + 9) == Some(b"Adobe") {
            adobe = true;
        }
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as i64;
            let w = u16::from_be_bytes([*b.get(i + 7)?, *b.get(i + 8)?]) as i64;
            let comps = *b.get(i + 9)?;
            let space = match comps {
                1 => "DeviceGray",
                3 => "DeviceRGB",
                4 => "DeviceCMYK",
                _ => return None,
            };
            let mut d = dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => w,
                "Height" => h,
                "ColorSpace" => space,
                "BitsPerComponent" => 8,
                "Filter" => "DCTDecode",
            };
            if comps == 4 && adobe {
                // Adobe's CMYK JPEGs store inverted samples.
                d.set(
                    "Decode",
                    [1, 0, 1, 0, 1, 0, 1, 0].map(Object::from).to_vec(),
                );
            }
            return Some(Stream::new(d, b.to_vec()).with_compression(false));
        }
        i += 2 + len;
    }
    None
}

/// A PNG's compressed samples as they are (`FlateDecode` with PNG predictors, as img2pdf
/// does): grey or RGB, not interlaced, no alpha or palette (those go through
/// [`lossless_image`]).
fn png_image(b: &[u8]) -> Option<Stream> {
    if !b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return None;
    }
    let (mut i, mut ihdr, mut data) = (8usize, None, Vec::new());
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes(b[i..i + 4].try_into().ok()?) as usize;
        let body = b.get(i + 8..i + 8 + len)?;
        match &b[i + 4..i + 8] {
            b"IHDR" if len >= 13 => ihdr = Some(body),
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        i += 12 + len;
    }
    let h = ihdr?;
    let (w, ht) = (
        u32::from_be_bytes(h[0..4].try_into().ok()?) as i64,
        u32::from_be_bytes(h[4..8].try_into().ok()?) as i64,
    );
    let (depth, colour, interlace) = (h[8] as i64, h[9], h[12]);
    let (space, colours) = match colour {
        0 => ("DeviceGray", 1),
        2 => ("DeviceRGB", 3),
        _ => return None,
    };
    if interlace != 0 || data.is_empty() || !matches!(depth, 1 | 2 | 4 | 8 | 16) {
        return None;
    }
    let d = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => w,
        "Height" => ht,
        "ColorSpace" => space,
        "BitsPerComponent" => depth,
        "Filter" => "FlateDecode",
        "DecodeParms" => dictionary! {
            "Predictor" => 15,
            "Colors" => colours,
            "BitsPerComponent" => depth,
            "Columns" => w,
        },
    };
    Some(Stream::new(d, data).with_compression(false))
}

/// Any image Leptonica reads, as its samples (1-bit, grey or RGB), Flate-compressed.
fn lossless_image(b: &[u8]) -> Result<Stream, PdfOutError> {
    let pnm = if b.starts_with(b"P4") || b.starts_with(b"P5") || b.starts_with(b"P6") {
        b.to_vec()
    } else {
        let pix = Pix::read(b).map_err(|e| PdfOutError::Input(e.to_string()))?;
        pix.to_pnm()
            .map_err(|e| PdfOutError::Input(e.to_string()))?
    };
    let (magic, w, h, max, data) =
        parse_pnm(&pnm).ok_or_else(|| PdfOutError::Input("unreadable image samples".into()))?;
    let (space, bits, samples) = match magic {
        b'4' => ("DeviceGray", 1, data.to_vec()),
        b'5' => ("DeviceGray", 8, to_8bit(data, max)),
        _ => ("DeviceRGB", 8, to_8bit(data, max)),
    };
    let mut d = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => w as i64,
        "Height" => h as i64,
        "ColorSpace" => space,
        "BitsPerComponent" => bits,
    };
    if magic == b'4' {
        // PBM's 1 is black; DeviceGray's 1 is white.
        d.set("Decode", vec![1.into(), 0.into()]);
    }
    let mut s = Stream::new(d, samples);
    let _ = s.compress();
    Ok(s)
}

/// Samples scaled to 0-255 when the PNM's maximum is another (2- and 4-bit grey).
fn to_8bit(data: &[u8], max: u32) -> Vec<u8> {
    if max == 255 || max == 0 || max > 255 {
        return data.to_vec();
    }
    data.iter().map(|&v| (v as u32 * 255 / max) as u8).collect()
}

/// A binary PNM's type digit, size, maximum sample and samples.
fn parse_pnm(b: &[u8]) -> Option<(u8, u32, u32, u32, &[u8])> {
    let magic = *b.get(1)?;
    let mut fields = Vec::new();
    let mut i = 2;
    let want = if magic == b'4' { 2 } else { 3 };
    while fields.len() < want {
        while b.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        if b[i] == b'#' {
            while *b.get(i)? != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while b.get(i)?.is_ascii_digit() {
            i += 1;
        }
        fields.push(
            std::str::from_utf8(&b[start..i])
                .ok()?
                .parse::<u32>()
                .ok()?,
        );
    }
    i += 1;
    let (w, h) = (fields[0], fields[1]);
    let max = fields.get(2).copied().unwrap_or(1);
    let row = match magic {
        b'4' => w.div_ceil(8),
        b'5' => w,
        b'6' => w * 3,
        _ => return None,
    } as usize;
    let data = b.get(i..i + row * h as usize)?;
    Some((magic, w, h, max, data))
}

/// The input PDF with each OCR'd page's words laid over it; on re-read pages the old
/// invisible text goes first.
fn over_pdf(
    bytes: &[u8],
    pages: &[PageWords],
    replace: &[u32],
    tokens: &[&str],
) -> Result<Document, PdfOutError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| PdfOutError::Input(e.to_string()))?;
    let font = text_layer::add_font(&mut doc);
    let ids = doc.get_pages();
    for p in pages {
        let Some(&page) = ids.get(&p.page) else {
            continue;
        };
        let media = page_box(&doc, page);
        let place = Placement {
            rect: p.rect.unwrap_or(media),
            width: p.width,
            height: p.height,
        };
        if replace.contains(&p.page) {
            drop_invisible_text(&mut doc, page);
        }
        let name = "FVb";
        let layer = text_layer::content(name, &place, words(p, tokens));
        add_content(&mut doc, page, layer, name, font)?;
    }
    Ok(doc)
}

/// The page's MediaBox (its own or inherited); US Letter when it has none.
fn page_box(doc: &Document, page: ObjectId) -> [f32; 4] {
    let mut id = Some(page);
    // At most 32 levels up: a hostile file's Parent chain may be a cycle.
    for _ in 0..32 {
        let Some(d) = id.and_then(|i| doc.get_dictionary(i).ok()) else {
            break;
        };
        if let Ok(Object::Array(a)) = d
            .get(b"MediaBox")
            .map(|o| doc.dereference(o).map(|x| x.1))
            .and_then(|r| r.cloned())
        {
            let v: Vec<f32> = a.iter().filter_map(|o| o.as_float().ok()).collect();
            if v.len() == 4 {
                return [v[0], v[1], v[2], v[3]];
            }
        }
        id = d.get(b"Parent").and_then(Object::as_reference).ok();
    }
    [0.0, 0.0, 612.0, 792.0]
}

/// Removes text drawn invisibly (render mode 3: an earlier OCR layer) from a page's content.
fn drop_invisible_text(doc: &mut Document, page: ObjectId) {
    let data = doc.get_page_content(page);
    let Ok(content) = Content::decode(&data) else {
        return;
    };
    let mut kept: Vec<Operation> = Vec::with_capacity(content.operations.len());
    let mut block: Vec<Operation> = Vec::new();
    let (mut in_text, mut invisible) = (false, false);
    for op in content.operations {
        match op.operator.as_str() {
            "BT" => {
                in_text = true;
                invisible = false;
                block.push(op);
            }
            "ET" if in_text => {
                block.push(op);
                if !invisible {
                    kept.append(&mut block);
                }
                block.clear();
                in_text = false;
            }
            "Tr" if in_text => {
                invisible = op.operands.first().and_then(|o| o.as_i64().ok()) == Some(3);
                block.push(op);
            }
            _ if in_text => block.push(op),
            _ => kept.push(op),
        }
    }
    kept.append(&mut block);
    if let Ok(bytes) = (Content { operations: kept }).encode() {
        let stream = doc.add_object(Stream::new(dictionary! {}, bytes));
        if let Ok(d) = doc.get_dictionary_mut(page) {
            d.set("Contents", stream);
        }
    }
}

/// Appends a content stream to a page, the page's own content wrapped in `q`/`Q` so its
/// graphics state cannot move the words, and the font added to the page's resources.
fn add_content(
    doc: &mut Document,
    page: ObjectId,
    layer: Vec<u8>,
    name: &str,
    font: ObjectId,
) -> Result<(), PdfOutError> {
    let mut resources = match doc.get_page_resources(page) {
        Ok((Some(own), _)) => own.clone(),
        Ok((None, inherited)) => inherited
            .first()
            .and_then(|&i| doc.get_dictionary(i).ok())
            .cloned()
            .unwrap_or_default(),
        Err(_) => lopdf::Dictionary::new(),
    };
    let mut fonts = match resources.get(b"Font") {
        Ok(Object::Dictionary(d)) => d.clone(),
        Ok(Object::Reference(r)) => doc.get_dictionary(*r).cloned().unwrap_or_default(),
        _ => lopdf::Dictionary::new(),
    };
    fonts.set(name, font);
    resources.set("Font", fonts);
    let open = doc.add_object(Stream::new(dictionary! {}, b"q\n".to_vec()));
    let close = doc.add_object(Stream::new(dictionary! {}, b"\nQ\n".to_vec()));
    let layer = doc.add_object(Stream::new(dictionary! {}, layer));
    let old: Vec<Object> = match doc
        .get_dictionary(page)
        .ok()
        .and_then(|d| d.get(b"Contents").ok())
    {
        Some(Object::Array(a)) => a.clone(),
        Some(o @ Object::Reference(_)) => vec![o.clone()],
        _ => Vec::new(),
    };
    let mut contents = vec![Object::Reference(open)];
    contents.extend(old);
    contents.push(Object::Reference(close));
    contents.push(Object::Reference(layer));
    let d = doc
        .get_dictionary_mut(page)
        .map_err(|e| PdfOutError::Input(e.to_string()))?;
    d.set("Contents", contents);
    d.set("Resources", resources);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_keep_the_folder_layout() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("scans");
        std::fs::create_dir_all(root.join("2024")).unwrap();
        let out = Path::new("/out");
        let d = destination(out, std::slice::from_ref(&root), &root.join("2024/a.jpg"));
        assert_eq!(d, Path::new("/out/2024/a.pdf"));
        let d = destination(out, &[root.join("2024/b.pdf")], &root.join("2024/b.pdf"));
        assert_eq!(d, Path::new("/out/b.pdf"));
    }

    #[test]
    fn pnm_samples() {
        let (m, w, h, max, data) = parse_pnm(b"P5\n# c\n2 1\n255\n\x00\xff").unwrap();
        assert_eq!((m, w, h, max, data), (b'5', 2, 1, 255, &b"\x00\xff"[..]));
        assert!(parse_pnm(b"P5\n2 1\n255\n\x00").is_none());
        assert_eq!(to_8bit(&[0, 3], 3), vec![0, 255]);
    }
}
