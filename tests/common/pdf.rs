//! One-page PDFs built around given image streams, as scanners and OCR tools write them
//! (`tests/scans.rs`, `tests/searchable.rs`).

use std::io::Write;

use lopdf::{dictionary, Dictionary, Document, Object, Stream};

/// A one-page PDF of `page` points (width, height) that draws each image XObject (its dictionary
/// without Type/Subtype, its stream bytes) over its box `[x, y, w, h]`, with, if given, an
/// invisible text layer (render mode 3) of one line, as OCR tools write it.
pub fn page_pdf(
    images: Vec<(Dictionary, Vec<u8>, [f32; 4])>,
    layer: Option<&str>,
    page: [f32; 2],
) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut xobjects = Dictionary::new();
    let mut content = String::new();
    for (i, (mut dict, data, [x, y, w, h])) in images.into_iter().enumerate() {
        dict.set("Type", "XObject");
        dict.set("Subtype", "Image");
        let id = doc.add_object(Stream::new(dict, data));
        let name = format!("Im{i}");
        xobjects.set(name.as_bytes().to_vec(), id);
        content.push_str(&format!("q {w} 0 0 {h} {x} {y} cm /{name} Do Q\n"));
    }
    let mut fonts = Dictionary::new();
    if let Some(text) = layer {
        content.push_str(&format!("BT /F1 9 Tf 3 Tr 10 60 Td ({text}) Tj ET\n"));
        let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1",
        "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" });
        fonts.set("F1", font);
    }
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), page[0].into(), page[1].into()],
        "Resources" => dictionary! { "XObject" => xobjects, "Font" => fonts },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
        ),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc
}

/// An image dictionary: size, bits per component, filter (none when empty), colour space.
pub fn image_dict(w: i64, h: i64, filter: &str, bpc: i64, cs: Option<&str>) -> Dictionary {
    let mut d = dictionary! { "Width" => w, "Height" => h, "BitsPerComponent" => bpc };
    if !filter.is_empty() {
        d.set("Filter", filter);
    }
    if let Some(cs) = cs {
        d.set("ColorSpace", cs);
    }
    d
}

/// zlib (FlateDecode) of `data`.
pub fn flate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// PNM samples (after the three header lines) of a Leptonica-encoded P5/P6 image.
pub fn pnm_samples(pnm: &[u8]) -> Vec<u8> {
    let mut nl = 0;
    let start = pnm
        .iter()
        .position(|&b| {
            nl += (b == b'\n') as u32;
            nl == 3
        })
        .unwrap();
    pnm[start + 1..].to_vec()
}
