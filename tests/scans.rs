//! Scans as real offices make them (issue 15): PDFs with permission-only encryption, and page
//! images in every codec scanners write (CCITT G3/G4, JBIG2, JPEG 2000, CMYK JPEG, 1-bit and
//! inverted samples, a page in strips). The PDFs are built here around small committed
//! streams of one header (`fixtures/scans/codecs/`, made with ImageMagick from seed 000's
//! first page at 200 dpi); each must OCR to the header's words and number.

use std::path::Path;
use std::process::Command;

use common::pdf::flate;
use lopdf::{dictionary, Dictionary, Document, Object, Stream};
use serde_json::Value;

mod common;

const W: i64 = 1653;
const H: i64 = 280;
const CODECS: &str = "fixtures/scans/codecs";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(CODECS).join(name)).unwrap()
}

/// A one-page PDF that draws the given image XObjects, each over its box (in points).
fn pdf_with(images: Vec<(Dictionary, Vec<u8>, [f32; 4])>) -> Document {
    pdf_with_layer(images, None)
}

/// The same, with an invisible text layer (render mode 3) of one line, as OCR tools write.
fn pdf_with_layer(images: Vec<(Dictionary, Vec<u8>, [f32; 4])>, layer: Option<&str>) -> Document {
    let (pw, ph) = (W as f32 * 72.0 / 200.0, H as f32 * 72.0 / 200.0);
    common::pdf::page_pdf(images, layer, [pw, ph])
}

/// The whole page box, in points, for an image of the fixture's size at 200 dpi.
fn full() -> [f32; 4] {
    [0.0, 0.0, W as f32 * 0.36, H as f32 * 0.36]
}

fn image_dict(filter: &str, bpc: i64, cs: Option<&str>) -> Dictionary {
    common::pdf::image_dict(W, H, filter, bpc, cs)
}

fn ccitt_parms(k: i64, black_is_1: bool) -> Dictionary {
    dictionary! { "K" => k, "Columns" => W, "Rows" => H, "BlackIs1" => black_is_1 }
}

/// An embedded JBIG2 page (PDF's organisation: no file header) holding one generic region
/// coded with MMR, whose data is the fixture's CCITT G4 stream (T.88 6.2.6: MMR is G4).
fn jbig2_from_g4(g4: &[u8]) -> Vec<u8> {
    fn segment(out: &mut Vec<u8>, number: u32, kind: u8, data: &[u8]) {
        out.extend_from_slice(&number.to_be_bytes());
        out.push(kind); // segment type; page association in one byte
        out.push(0); // no referred-to segments
        out.push(1); // page 1
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(data);
    }
    let (w, h) = (W as u32, H as u32);
    let mut page_info = Vec::new();
    for v in [w, h, 0, 0] {
        page_info.extend_from_slice(&v.to_be_bytes());
    }
    page_info.push(0); // flags: default pixel white, OR
    page_info.extend_from_slice(&[0, 0]); // no striping
    let mut region = Vec::new();
    for v in [w, h, 0, 0] {
        region.extend_from_slice(&v.to_be_bytes());
    }
    region.push(0); // combination operator OR
    region.push(1); // generic region flags: MMR
    region.extend_from_slice(g4);
    let mut out = Vec::new();
    segment(&mut out, 0, 48, &page_info);
    segment(&mut out, 1, 38, &region);
    segment(&mut out, 2, 49, &[]);
    out
}

/// PGM samples of the fixture header (decoded by Leptonica through the library).
fn grey_samples() -> Vec<u8> {
    let pix = vanban::ingest::pix::Pix::read(&fixture("header.png"))
        .unwrap()
        .to_grey()
        .unwrap();
    common::pdf::pnm_samples(&pix.to_pnm().unwrap())
}

fn run(dir: &Path) -> Vec<Value> {
    let out = dir.join("out.jsonl");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["run", "--quiet", "--force", "-o"])
        .arg(&out)
        .arg(dir.join("in"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn name(r: &Value) -> String {
    let p = r["source"]["path"].as_str().unwrap();
    p.rsplit('/').next().unwrap().to_string()
}

#[test]
fn every_scanner_codec_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let g4 = fixture("header.g4");
    let save = |doc: Document, f: &str| {
        let mut doc = doc;
        doc.save(dir.join(f)).unwrap();
    };
    let parms = |d: &mut Dictionary, p: Dictionary| d.set("DecodeParms", p);

    let mut d = image_dict("CCITTFaxDecode", 1, Some("DeviceGray"));
    parms(&mut d, ccitt_parms(-1, false));
    save(pdf_with(vec![(d, g4.clone(), full())]), "g4.pdf");

    // The same fax data declared BlackIs1 and inverted back by Decode: ink unchanged.
    let mut d = image_dict("CCITTFaxDecode", 1, Some("DeviceGray"));
    parms(&mut d, ccitt_parms(-1, true));
    d.set("Decode", vec![1.into(), 0.into()]);
    save(pdf_with(vec![(d, g4.clone(), full())]), "g4_decode.pdf");

    // A stencil mask (ImageMask), as some scanners write bilevel pages.
    let mut d = dictionary! { "Width" => W, "Height" => H, "ImageMask" => true,
    "Filter" => "CCITTFaxDecode" };
    parms(&mut d, ccitt_parms(-1, false));
    save(pdf_with(vec![(d, g4.clone(), full())]), "g4_mask.pdf");

    // Group 3, one-dimensional, with end-of-line codes.
    let mut d = image_dict("CCITTFaxDecode", 1, Some("DeviceGray"));
    let mut p = ccitt_parms(0, false);
    p.set("EndOfLine", true);
    parms(&mut d, p);
    save(pdf_with(vec![(d, fixture("header.g3"), full())]), "g3.pdf");

    // JBIG2, with an (empty) globals stream as encoders write one.
    let d = image_dict("JBIG2Decode", 1, Some("DeviceGray"));
    let mut doc = pdf_with(vec![(d, jbig2_from_g4(&g4), full())]);
    let globals = doc.add_object(Stream::new(dictionary! {}, Vec::new()));
    for o in doc.objects.values_mut() {
        if let Object::Stream(s) = o {
            if s.dict.has(b"Width") {
                s.dict
                    .set("DecodeParms", dictionary! { "JBIG2Globals" => globals });
            }
        }
    }
    save(doc, "jbig2.pdf");

    save(
        pdf_with(vec![(
            image_dict("JPXDecode", 8, None),
            fixture("header.jp2"),
            full(),
        )]),
        "jpx.pdf",
    );
    save(
        pdf_with(vec![(
            image_dict("DCTDecode", 8, Some("DeviceCMYK")),
            fixture("header-cmyk.jpg"),
            full(),
        )]),
        "cmyk.pdf",
    );

    // Grey samples inverted (white text on black) with Decode [1 0] turning them back.
    let grey = grey_samples();
    let inv: Vec<u8> = grey.iter().map(|b| !b).collect();
    let mut d = image_dict("FlateDecode", 8, Some("DeviceGray"));
    d.set("Decode", vec![1.into(), 0.into()]);
    save(pdf_with(vec![(d, flate(&inv), full())]), "grey_decode.pdf");

    // One page in two strips, each drawn over its half of the page.
    let half = (H / 2) as usize * W as usize;
    let [x, y, w, h] = full();
    let strip = |rows: &[u8]| {
        let mut d = image_dict("FlateDecode", 8, Some("DeviceGray"));
        d.set("Height", H / 2);
        (d, flate(rows))
    };
    let (top, top_data) = strip(&grey[..half]);
    let (bottom, bottom_data) = strip(&grey[half..2 * half]);
    save(
        pdf_with(vec![
            (top, top_data, [x, y + h / 2.0, w, h / 2.0]),
            (bottom, bottom_data, [x, y, w, h / 2.0]),
        ]),
        "strips.pdf",
    );

    let recs = run(tmp.path());
    assert_eq!(recs.len(), 9);
    for r in &recs {
        let n = name(r);
        assert_eq!(r["status"], "ok", "{n}: {}", r["error"]);
        let text = r["text"]["restored"].as_str().unwrap();
        assert!(text.contains("CỘNG HÒA XÃ HỘI"), "{n}: {text}");
        assert_eq!(r["document"]["number"], "11/KH-SNgV", "{n}: {text}");
    }
}

#[test]
fn encrypted_pdfs_without_a_user_password_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let plain = tmp.path().join("plain.pdf");
    let mut d = image_dict("CCITTFaxDecode", 1, Some("DeviceGray"));
    d.set("DecodeParms", ccitt_parms(-1, false));
    pdf_with(vec![(d, fixture("header.g4"), full())])
        .save(&plain)
        .unwrap();
    // qpdf writes each standard security handler: AES-256, AES-128, RC4-128, RC4-40.
    for (file, args) in [
        ("aes256.pdf", vec!["", "owner", "256"]),
        ("aes128.pdf", vec!["", "owner", "128", "--use-aes=y"]),
        ("rc4_128.pdf", vec!["", "owner", "128", "--use-aes=n"]),
        ("rc4_40.pdf", vec!["", "owner", "40"]),
        ("needs_password.pdf", vec!["secret", "owner", "256"]),
    ] {
        let st = Command::new("qpdf")
            .arg("--allow-weak-crypto")
            .arg("--encrypt")
            .args(&args)
            .arg("--")
            .arg(&plain)
            .arg(dir.join(file))
            .status()
            .expect("qpdf (scripts/setup.sh installs it)");
        assert!(st.success(), "qpdf {args:?}");
    }
    let recs = run(tmp.path());
    assert_eq!(recs.len(), 5);
    for r in &recs {
        let n = name(r);
        if n == "needs_password.pdf" {
            assert_eq!(r["error"]["kind"], "encrypted");
            let m = r["error"]["message"].as_str().unwrap();
            assert!(m.contains("password"), "{m}");
        } else {
            assert_eq!(r["status"], "ok", "{n}: {}", r["error"]);
            assert_eq!(r["document"]["number"], "11/KH-SNgV", "{n}");
        }
    }
}

/// Share of ink in a decoded bitmap (PBM: 1 is ink) or mean darkness of a grey map (PGM).
fn ink(pnm: &[u8]) -> f64 {
    let mut nl = 0;
    let headers = if pnm.starts_with(b"P4") { 2 } else { 3 };
    let start = pnm
        .iter()
        .position(|&b| {
            nl += (b == b'\n') as u32;
            nl == headers
        })
        .unwrap()
        + 1;
    let body = &pnm[start..];
    if pnm.starts_with(b"P4") {
        body.iter().map(|b| b.count_ones() as f64).sum::<f64>() / (W * H) as f64
    } else {
        body.iter().map(|&b| 255.0 - b as f64).sum::<f64>() / body.len() as f64 / 255.0
    }
}

/// Every bilevel codec and `Decode`/`BlackIs1`/`ImageMask` reading gives black text on white
/// paper (a text page is mostly paper), so the polarity is right, not only OCR-able.
#[test]
fn decoded_pages_are_ink_on_paper() {
    let g4 = fixture("header.g4");
    let mut cases = Vec::new();
    let mut d = image_dict("CCITTFaxDecode", 1, Some("DeviceGray"));
    d.set("DecodeParms", ccitt_parms(-1, false));
    cases.push(("g4", d, g4.clone()));
    let mut d = image_dict("CCITTFaxDecode", 1, Some("DeviceGray"));
    d.set("DecodeParms", ccitt_parms(-1, true));
    d.set("Decode", vec![1.into(), 0.into()]);
    cases.push(("g4 BlackIs1 + Decode", d, g4.clone()));
    let mut d = dictionary! { "Width" => W, "Height" => H, "ImageMask" => true,
    "Filter" => "CCITTFaxDecode", "DecodeParms" => ccitt_parms(-1, false) };
    cases.push(("g4 mask", d.clone(), g4.clone()));
    d.set("Decode", vec![1.into(), 0.into()]);
    cases.push(("g4 mask inverted", d, g4.clone()));
    let mut d = image_dict("CCITTFaxDecode", 1, Some("DeviceGray"));
    let mut p = ccitt_parms(0, false);
    p.set("EndOfLine", true);
    d.set("DecodeParms", p);
    cases.push(("g3", d, fixture("header.g3")));
    cases.push((
        "jbig2",
        image_dict("JBIG2Decode", 1, Some("DeviceGray")),
        jbig2_from_g4(&g4),
    ));
    let mut d = image_dict("FlateDecode", 8, Some("DeviceGray"));
    d.set("Decode", vec![1.into(), 0.into()]);
    let inv: Vec<u8> = grey_samples().iter().map(|b| !b).collect();
    cases.push(("grey Decode", d, flate(&inv)));
    let doc = Document::with_version("1.5");
    for (what, dict, data) in cases {
        let inverted = what == "g4 mask inverted";
        let img = vanban::ingest::pdf_image::decode(&doc, &Stream::new(dict, data), 1 << 26)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!((img.width, img.height), (W as u32, H as u32), "{what}");
        let share = ink(&img.bytes);
        if inverted {
            assert!(share > 0.8, "{what}: ink {share}");
        } else {
            assert!(share > 0.01 && share < 0.2, "{what}: ink {share}");
        }
    }
}

/// A scan whose text layer is English-model OCR that lost the diacritics is re-read from its
/// image by default, and the record says so; `--reocr never` keeps the layer.
#[test]
fn mangled_text_layers_are_re_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let mut d = image_dict("CCITTFaxDecode", 1, Some("DeviceGray"));
    d.set("DecodeParms", ccitt_parms(-1, false));
    let junk = "UBND TINH LANG SON CONG Hcok xA HQI CHiJ NGHiA VIVT NAM S6: 1l /KH-SNgV \
                Lang Son, ngay 24 thang 0l nam 2025 KE HOACH";
    pdf_with_layer(vec![(d, fixture("header.g4"), full())], Some(junk))
        .save(dir.join("junk_layer.pdf"))
        .unwrap();
    let recs = run(tmp.path());
    let page = &recs[0]["source"]["page_text"][0];
    assert_eq!(page["from"], "re-ocr", "{page}");
    assert!(page["why"].as_str().unwrap().contains("mangled"), "{page}");
    assert_eq!(recs[0]["document"]["number"], "11/KH-SNgV");
    assert!(recs[0]["text"]["restored"]
        .as_str()
        .unwrap()
        .contains("CỘNG HÒA XÃ HỘI"));

    let out = tmp.path().join("never.jsonl");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["run", "--quiet", "--reocr", "never", "-o"])
        .arg(&out)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rec: Value = serde_json::from_str(
        std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(rec["source"]["page_text"][0]["from"], "text-layer");
    assert!(rec["text"]["raw"].as_str().unwrap().contains("Hcok"));
}

/// Pages as phones and careless scanning make them: upside down, on its side, skewed by a
/// few degrees, and photographed small with no resolution stated. Each is turned, straightened
/// or enlarged before OCR, and reads as the upright page does.
#[test]
fn turned_skewed_and_small_pages_are_read() {
    use vanban::ingest::pix::Pix;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let page = Pix::read(&std::fs::read("fixtures/scans/000_clean-p001.png").unwrap())
        .unwrap()
        .to_grey()
        .unwrap();
    let write = |name: &str, p: &Pix| std::fs::write(dir.join(name), p.to_png().unwrap()).unwrap();
    write("upside_down.png", &page.turned(2).unwrap());
    write("sideways.png", &page.turned(1).unwrap());
    write("skewed.png", &page.rotated(2.5).unwrap());
    let (w, h) = (page.width(), page.height());
    write(
        "phone.png",
        &page
            .scaled(w * 640 / 2480, h * 640 / 2480)
            .unwrap()
            .without_resolution(),
    );
    let recs = run(tmp.path());
    assert_eq!(recs.len(), 4);
    for r in &recs {
        let n = name(r);
        assert_eq!(r["status"], "ok", "{n}: {}", r["error"]);
        let text = r["text"]["restored"].as_str().unwrap();
        assert!(
            text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{n}: {text}"
        );
        assert!(
            text.contains("Thực hiện Quyết định số 78/QĐ-UBND"),
            "{n}: {text}"
        );
        assert_eq!(r["document"]["number"], "11/KH-SNgV", "{n}");
    }
}
