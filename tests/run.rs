//! `vanban run` on a mixed folder the test builds: text, a text-layer PDF and an image-only
//! PDF made with lopdf, a PNG scan, and bad inputs. One record per input, errors as records,
//! exit 1; `--resume` after a torn partial output gives each record exactly once; an existing
//! output is never overwritten without `--resume` or `--force`.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A one-page PDF whose pages carry `lines` as a text layer (Helvetica, ASCII).
fn text_pdf(lines: &[&str]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("TL", vec![16.into()]),
        Operation::new("Td", vec![50.into(), 780.into()]),
    ];
    for l in lines {
        ops.push(Operation::new("Tj", vec![Object::string_literal(*l)]));
        ops.push(Operation::new("T*", vec![]));
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops }.encode().unwrap();
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// An image-only PDF holding a grey PNG's pixels as a FlateDecode image with the PNG
/// predictor (the PNG's own IDAT stream), the way scanners and converters write them.
fn image_pdf(png: &[u8], text_layer: Option<&str>) -> Vec<u8> {
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap()) as i64;
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap()) as i64;
    assert_eq!((png[24], png[25]), (8, 0), "8-bit grey PNG");
    let mut idat = Vec::new();
    let mut i = 8;
    while i + 12 <= png.len() {
        let len = u32::from_be_bytes(png[i..i + 4].try_into().unwrap()) as usize;
        if &png[i + 4..i + 8] == b"IDAT" {
            idat.extend_from_slice(&png[i + 8..i + 8 + len]);
        }
        i += 12 + len;
    }
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let img = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => w, "Height" => h,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8, "Filter" => "FlateDecode",
            "DecodeParms" => dictionary! { "Predictor" => 15, "Colors" => 1, "BitsPerComponent" => 8, "Columns" => w },
        },
        idat,
    );
    let img_id = doc.add_object(img);
    let mut operations = vec![
        Operation::new("q", vec![]),
        Operation::new(
            "cm",
            vec![
                595.into(),
                0.into(),
                0.into(),
                842.into(),
                0.into(),
                0.into(),
            ],
        ),
        Operation::new("Do", vec!["Im1".into()]),
        Operation::new("Q", vec![]),
    ];
    if let Some(t) = text_layer {
        // An OCR text layer: invisible text (render mode 3) over the scan.
        operations.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tr", vec![3.into()]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![50.into(), 700.into()]),
            Operation::new("Tj", vec![Object::string_literal(t)]),
            Operation::new("ET", vec![]),
        ]);
    }
    let content = Content { operations }.encode().unwrap();
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! {
        "XObject" => dictionary! { "Im1" => img_id },
        "Font" => dictionary! { "F1" => font_id },
    });
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The mixed input folder; returns it and how many inputs it has.
fn mixed_folder(dir: &Path) -> usize {
    let png = std::fs::read(root().join("fixtures/scans/000_clean-p005.png")).unwrap();
    let text_pdf = text_pdf(&[
        "KE HOACH",
        "Thuc hien Quyet dinh so 78/QD-UBND ngay 08/01/2025 cua UBND tinh",
    ]);
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "a.txt",
            "So Noi vu chu tri to chuc thuc hien ke hoach\n".into(),
        ),
        ("b.pdf", text_pdf.clone()),
        ("sub/c.pdf", image_pdf(&png, None)),
        ("sub/d.png", png.clone()),
        (
            "sub/e.tiff",
            std::fs::read(root().join("fixtures/scans/000_clean-p005x2.tiff")).unwrap(),
        ),
        ("empty.txt", Vec::new()),
        ("truncated.pdf", text_pdf[..text_pdf.len() / 3].to_vec()),
        ("fake.png", b"this is not an image".to_vec()),
        ("bad.txt", b"so \xff\xfe lieu".to_vec()),
        ("ignored.docx", b"not an input".to_vec()),
        // VNI, as old archives hold it: base letters followed by mark bytes.
        (
            "vni.txt",
            "Ñôn vò chuû trì toå chöùc thöïc hieän keá hoaïch\n"
                .chars()
                .map(|c| c as u32 as u8)
                .collect(),
        ),
    ];
    for (name, data) in &files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, data).unwrap();
    }
    files.len() - 1
}

fn run(args: &[&str], inputs: &Path, out: &Path) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("run")
        .arg(inputs)
        .arg("-o")
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn records(out: &Path) -> HashMap<String, Value> {
    let mut m = HashMap::new();
    for line in std::fs::read_to_string(out).unwrap().lines() {
        let v: Value = serde_json::from_str(line).expect("every line is a whole record");
        let path = v["source"]["path"].as_str().unwrap().to_string();
        assert!(
            m.insert(path.clone(), v).is_none(),
            "two records for {path}"
        );
    }
    m
}

#[test]
fn mixed_folder_gives_one_record_per_input() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    let n = mixed_folder(&dir);
    let out = tmp.path().join("out.jsonl");
    let (code, err) = run(&["--jobs", "2"], &dir, &out);
    assert_eq!(code, Some(1), "bad inputs make the exit status 1: {err}");
    let recs = records(&out);
    assert_eq!(recs.len(), n, "{:?}", recs.keys().collect::<Vec<_>>());
    let get = |f: &str| &recs[&dir.join(f).display().to_string()];
    for f in ["empty.txt", "truncated.pdf", "fake.png", "bad.txt"] {
        assert_eq!(get(f)["status"], "error", "{f}");
        assert!(err.contains(f), "stderr names {f}: {err}");
    }
    assert_eq!(get("empty.txt")["error"]["kind"], "empty");
    assert_eq!(get("bad.txt")["error"]["kind"], "encoding");
    let a = get("a.txt");
    assert_eq!(a["status"], "ok");
    assert!(
        a["text"]["restored"]
            .as_str()
            .unwrap()
            .starts_with("Sở Nội vụ chủ trì"),
        "{}",
        a["text"]["restored"]
    );
    let e = get("sub/e.tiff");
    assert_eq!(e["status"], "ok", "{}", e["error"]);
    assert_eq!(e["source"]["pages"], 2, "every page of a multi-page TIFF");
    assert_eq!(
        e["text"]["restored"]
            .as_str()
            .unwrap()
            .matches("Trịnh Tuyết Mai")
            .count(),
        2
    );
    let v = get("vni.txt");
    assert_eq!(
        v["text"]["restored"],
        "Đơn vị chủ trì tổ chức thực hiện kế hoạch\n"
    );
    let b = get("b.pdf");
    assert_eq!(b["status"], "ok", "{}", b["error"]);
    assert_eq!(b["source"]["kind"], "pdf");
    assert_eq!(b["source"]["pages"], 1);
    let refs: Vec<&Value> = b["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "legal_reference")
        .collect();
    assert_eq!(refs.len(), 1, "{}", b["text"]["restored"]);
    assert_eq!(refs[0]["value"]["number"], "78/QĐ-UBND");
    for f in ["sub/c.pdf", "sub/d.png"] {
        let r = get(f);
        assert_eq!(r["status"], "ok", "{f}: {}", r["error"]);
        let text = r["text"]["restored"].as_str().unwrap();
        assert!(
            text.contains("Trịnh Tuyết Mai") && text.contains("Trung tâm"),
            "{f}: {text}"
        );
        assert!(r["source"]["ocr_confidence"].as_f64().unwrap() > 0.5);
        assert_eq!(r["document"]["signer"], "Trịnh Tuyết Mai");
        let low = r["restoration"]["low_confidence"].as_u64().unwrap();
        assert!(low < r["restoration"]["tokens"].as_u64().unwrap());
    }
}

#[test]
fn resume_after_a_torn_output_completes_it_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    let n = mixed_folder(&dir);
    std::fs::remove_file(dir.join("sub/c.pdf")).unwrap(); // keep this test quick
    let out = tmp.path().join("out.jsonl");
    run(&["--jobs", "1", "--quiet"], &dir, &out);
    let full = records(&out);
    assert_eq!(full.len(), n - 1);
    // Keep three whole records and half of the fourth, as a crash would leave them.
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let torn = format!(
        "{}\n{}",
        lines[..3].join("\n"),
        &lines[3][..lines[3].len() / 2]
    );
    std::fs::write(&out, torn).unwrap();
    // Without --resume or --force the output is left alone.
    let (code, err) = run(&["--quiet"], &dir, &out);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--resume"), "{err}");
    let (code, _) = run(&["--resume", "--quiet"], &dir, &out);
    assert_eq!(code, Some(1));
    let resumed = records(&out);
    assert_eq!(resumed.len(), full.len());
    for (p, r) in &full {
        let s = &resumed[p];
        assert_eq!(s["source"]["sha256"], r["source"]["sha256"]);
        assert_eq!(s["status"], r["status"]);
        assert_eq!(s["text"], r["text"], "{p}");
    }
}

#[test]
fn reocr_rereads_english_ocr_text_layers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let png = std::fs::read(root().join("fixtures/scans/000_clean-p005.png")).unwrap();
    // The text layer an English model would have made of some page, over the real scan.
    std::fs::write(
        dir.join("layered.pdf"),
        image_pdf(
            &png,
            Some("Cac phong CM, NV; Trung tam TTDVDN; Luu: VT, VP. Trinh Tuyet Mai"),
        ),
    )
    .unwrap();
    // By default (`--reocr auto`) the mangled layer is re-read; `never` keeps (and restores) it.
    for (flag, want) in [
        (Some(["--reocr", "never"]), "Các phòng CM, NV; Trung tâm"),
        (None, "- Các phòng CM, NV;\n"),
    ] {
        let out = tmp.path().join(format!("{}.jsonl", flag.is_some()));
        let mut args = vec!["--quiet"];
        args.extend(flag.iter().flatten());
        let (code, err) = run(&args, &dir, &out);
        assert_eq!(code, Some(0), "{err}");
        let recs = records(&out);
        let r = recs.values().next().unwrap();
        let text = r["text"]["restored"].as_str().unwrap();
        assert!(text.contains(want), "{flag:?}: {text}");
        assert_eq!(r["source"]["ocr_confidence"].is_number(), flag.is_none());
    }
}
