//! Searchable PDFs (`vanban run --pdf-dir`, issue 16): page images unchanged under an
//! invisible layer of the restored text, read back with poppler (`pdftotext`) and lopdf.

use std::path::Path;
use std::process::Command;

use common::pdf::{flate, image_dict, page_pdf, pnm_samples};
use serde_json::Value;

mod common;

const HEADER: &str = "fixtures/scans/codecs";

fn vanban(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .output()
        .expect("vanban runs")
}

fn records(out: &Path) -> Vec<Value> {
    std::fs::read_to_string(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn pdftotext(args: &[&str], pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(o.stdout).unwrap()
}

/// The centre (points) of the first word `w` that `pdftotext -bbox` finds.
fn word_centre(pdf: &Path, w: &str) -> Option<(f32, f32)> {
    let x = pdftotext(&["-bbox"], pdf);
    x.lines().find_map(|l| {
        let l = l.trim();
        let text = l.strip_suffix("</word>")?.rsplit('>').next()?;
        if text != w {
            return None;
        }
        let num = |k: &str| -> Option<f32> {
            let s = l.split(&format!("{k}=\"")).nth(1)?;
            s.split('"').next()?.parse().ok()
        };
        Some((
            (num("xMin")? + num("xMax")?) / 2.0,
            (num("yMin")? + num("yMax")?) / 2.0,
        ))
    })
}

/// Every file under `dir` (no temporary files may be left).
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn scans_become_searchable_pdfs_of_the_restored_text() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    let jpeg = std::fs::read(Path::new(HEADER).join("header-cmyk.jpg")).unwrap();
    std::fs::write(input.join("sub/header.jpg"), &jpeg).unwrap();
    // A whole page: the orientation test needs a page of text to turn it upright.
    let png = std::fs::read("fixtures/scans/000_clean-p001.png").unwrap();
    std::fs::write(input.join("upright.png"), &png).unwrap();
    // The same page upside down: its words must land where they are on that image.
    let turned = vanban::ingest::pix::Pix::read(&png)
        .and_then(|p| p.turned(2))
        .and_then(|p| p.to_png())
        .unwrap();
    std::fs::write(input.join("turned.png"), turned).unwrap();
    // A PDF with Tesseract's English layer over the page, as offices' scanners make them.
    let st = Command::new("tesseract")
        .arg(input.join("upright.png"))
        .arg(tmp.path().join("eng"))
        .args(["-l", "eng", "--dpi", "300", "pdf"])
        .output()
        .expect("tesseract runs");
    assert!(st.status.success());
    std::fs::copy(tmp.path().join("eng.pdf"), input.join("english.pdf")).unwrap();
    // Two pages in one TIFF; and a broken image, which must leave no PDF behind.
    std::fs::copy(
        "fixtures/scans/000_clean-p005x2.tiff",
        input.join("two.tiff"),
    )
    .unwrap();
    std::fs::write(input.join("broken.jpg"), &jpeg[..jpeg.len() / 3]).unwrap();

    let out = tmp.path().join("r.jsonl");
    let pdfs = tmp.path().join("pdf");
    let (i, o, p) = (
        input.to_str().unwrap(),
        out.to_str().unwrap(),
        pdfs.to_str().unwrap(),
    );
    let run = |more: &[&str]| {
        let args = [&["run", i, "-o", o, "--pdf-dir", p, "--quiet"], more].concat();
        vanban(&args)
    };
    let o = run(&[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 6);
    let (broken, recs): (Vec<&Value>, Vec<&Value>) =
        recs.iter().partition(|r| r["status"] == "error");
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0]["outputs"].is_null());
    let written: Vec<_> = walk(&pdfs);
    assert_eq!(written.len(), 5, "{written:?}");
    assert!(!pdfs.join("broken.pdf").exists());
    for r in &recs {
        let pdf = r["outputs"]["pdf"].as_str().expect("outputs.pdf");
        let pdf = Path::new(pdf);
        assert!(pdf.starts_with(&pdfs) && pdf.extension().unwrap() == "pdf");
        let text = pdftotext(&[], pdf);
        // The layer holds exactly the restored words, in NFC, and none of the English layer.
        let mut got: Vec<&str> = text.split_whitespace().collect();
        let mut want: Vec<&str> = r["text"]["restored"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{}", pdf.display());
        if !pdf.ends_with("two.pdf") {
            // Seed 000's first page (the TIFF holds its signature page).
            assert!(text.contains("Số") && text.contains("HỘI"), "{text}");
        }
        assert!(!text.contains("S6"), "{text}");
    }
    // Page count kept.
    let tiff = lopdf::Document::load(pdfs.join("two.pdf")).unwrap();
    assert_eq!(tiff.get_pages().len(), 2);
    // Folder layout kept; the JPEG is the same stream, not recompressed.
    let jpdf = pdfs.join("sub/header.pdf");
    let doc = lopdf::Document::load(&jpdf).unwrap();
    let same = doc.objects.values().any(|o| {
        o.as_stream()
            .is_ok_and(|s| s.content == jpeg && s.dict.get(b"Filter").is_ok())
    });
    assert!(same, "the JPEG was re-encoded");
    // Upside down: a word's place is the upright place turned about the page centre.
    let (a, b) = (pdfs.join("upright.pdf"), pdfs.join("turned.pdf"));
    let (pa, pb) = (
        word_centre(&a, "HỘI").unwrap(),
        word_centre(&b, "HỘI").unwrap(),
    );
    let (w, h) = (2480.0 * 72.0 / 300.0, 3508.0 * 72.0 / 300.0);
    let (dx, dy) = ((w - pa.0 - pb.0).abs(), (h - pa.1 - pb.1).abs());
    assert!(dx < 6.0 && dy < 6.0, "upright {pa:?}, turned {pb:?}");
    // The English layer was replaced, not added to.
    let english = pdftotext(&[], &pdfs.join("english.pdf"));
    let upright = pdftotext(&[], &a);
    assert_eq!(
        english.matches("HỘI").count(),
        upright.matches("HỘI").count()
    );

    // --resume: nothing to redo; a missing PDF is made again, the record not repeated.
    std::fs::remove_file(&jpdf).unwrap();
    let o = run(&["--resume"]);
    assert!(jpdf.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(records(&out).len(), 6);
}

/// The image streams of a PDF: (filter, width, height, bytes), in object order.
fn images(pdf: &Path) -> Vec<(String, i64, i64, Vec<u8>)> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Image"))
        .map(|s| {
            let filter = s
                .dict
                .get(b"Filter")
                .and_then(|f| f.as_name())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .unwrap_or_default();
            let num = |k: &[u8]| s.dict.get(k).and_then(|v| v.as_i64()).unwrap_or(0);
            (filter, num(b"Width"), num(b"Height"), s.content.clone())
        })
        .collect()
}

#[test]
fn image_only_pdfs_keep_their_page_images() {
    // The two page codecs scanners write most: a JPEG (DCTDecode) and Flate-compressed grey
    // samples, each the only thing on its page, as a scanner's PDF holds them.
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let (w, h) = (1653, 280);
    let page = [w as f32 * 0.36, h as f32 * 0.36];
    let full = [0.0, 0.0, page[0], page[1]];
    let jpeg = std::fs::read(Path::new(HEADER).join("header-cmyk.jpg")).unwrap();
    let dct = image_dict(w, h, "DCTDecode", 8, Some("DeviceCMYK"));
    page_pdf(vec![(dct, jpeg.clone(), full)], None, page)
        .save(input.join("jpeg.pdf"))
        .unwrap();
    let png = std::fs::read(Path::new(HEADER).join("header.png")).unwrap();
    let grey = vanban::ingest::pix::Pix::read(&png)
        .and_then(|p| p.to_grey())
        .and_then(|p| p.to_pnm())
        .unwrap();
    let zipped = flate(&pnm_samples(&grey));
    let fl = image_dict(w, h, "FlateDecode", 8, Some("DeviceGray"));
    page_pdf(vec![(fl, zipped.clone(), full)], None, page)
        .save(input.join("flate.pdf"))
        .unwrap();

    let out = tmp.path().join("r.jsonl");
    let pdfs = tmp.path().join("pdf");
    let o = vanban(&[
        "run",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--pdf-dir",
        pdfs.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    for (name, filter, bytes) in [
        ("jpeg", "DCTDecode", &jpeg),
        ("flate", "FlateDecode", &zipped),
    ] {
        let pdf = pdfs.join(format!("{name}.pdf"));
        // The page image is the input's stream, byte for byte, with its filter and size.
        let imgs = images(&pdf);
        assert_eq!(imgs.len(), 1, "{name}: {imgs:?}");
        let (f, iw, ih, data) = &imgs[0];
        assert_eq!((f.as_str(), *iw, *ih), (filter, w, h), "{name}");
        assert!(data == bytes, "{name}: the page image was re-encoded");
        // One page, a valid file, and the restored header words in its text.
        let doc = lopdf::Document::load(&pdf).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        let q = Command::new("qpdf")
            .arg("--check")
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(
            q.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&q.stdout)
        );
        let text = pdftotext(&[], &pdf);
        assert!(
            text.contains("HỘI") && text.contains("Số"),
            "{name}: {text}"
        );
        let rec = recs
            .iter()
            .find(|r| {
                r["source"]["path"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("{name}.pdf"))
            })
            .unwrap();
        assert_eq!(rec["outputs"]["pdf"].as_str(), pdf.to_str());
    }
}
