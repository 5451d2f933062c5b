//! Hostile inputs: malformed, encrypted and bomb PDFs, oversized images, empty and binary
//! files, a very long line. Each gives exactly one record (an error record or a correct one),
//! the batch goes on, nothing panics, and the run ends in bounded time.

use std::collections::HashMap;
use std::io::Write;
use std::process::Command;
use std::time::Instant;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use serde_json::Value;

fn base(content: Vec<u8>, compress: bool) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut st = Stream::new(dictionary! {}, content);
    if compress {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&st.content).unwrap();
        st = Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            z.finish().unwrap(),
        );
    }
    let content_id = doc.add_object(st);
    let page_id = doc.add_object(
        dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content_id },
    );
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

/// A one-page PDF whose page shows one square grey image of `side` pixels.
fn image_page(side: i64, bpc: i64, filter: &str, data: Vec<u8>) -> Document {
    let mut d = base(Vec::new(), false);
    let img = d.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => side, "Height" => side,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => bpc, "Filter" => filter,
        },
        data,
    ));
    let res = d.add_object(dictionary! { "XObject" => dictionary! { "Im1" => img } });
    let pid = *d.get_pages().values().next().unwrap();
    d.get_object_mut(pid)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("Resources", res);
    d
}

fn save(mut doc: Document, path: &std::path::Path) {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    std::fs::write(path, out).unwrap();
}

fn write_hostile(dir: &std::path::Path) {
    let text = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tj", vec![Object::string_literal("Ke hoach")]),
            Operation::new("ET", vec![]),
        ],
    }
    .encode()
    .unwrap();
    // A content stream that inflates to 2 GiB of spaces.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..2048 {
        z.write_all(&chunk).unwrap();
    }
    let bomb = z.finish().unwrap();
    let mut d = base(text.clone(), false);
    let cid = d.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, bomb));
    let pid = *d.get_pages().values().next().unwrap();
    d.get_object_mut(pid)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("Contents", cid);
    save(d, &dir.join("bomb_content.pdf"));
    // Kids pointing at the page tree itself.
    let mut d = base(text.clone(), false);
    let root = d
        .catalog()
        .unwrap()
        .get(b"Pages")
        .unwrap()
        .as_reference()
        .unwrap();
    d.get_object_mut(root)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("Kids", vec![Object::Reference(root)]);
    save(d, &dir.join("loop_kids.pdf"));
    // Missing objects: contents reference nothing.
    let mut d = base(text.clone(), false);
    let pid = *d.get_pages().values().next().unwrap();
    d.get_object_mut(pid)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("Contents", Object::Reference((999, 0)));
    save(d, &dir.join("missing_object.pdf"));
    // A huge declared image on an otherwise empty page, and a JBIG2 image of garbage.
    save(
        image_page(
            100_000,
            8,
            "FlateDecode",
            vec![0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        ),
        &dir.join("huge_image.pdf"),
    );
    save(
        image_page(100, 1, "JBIG2Decode", vec![0xFF; 16]),
        &dir.join("jbig2.pdf"),
    );
    // Wrong stream length and a broken xref: take a good file and damage it.
    let mut good = Vec::new();
    base(text, false).save_to(&mut good).unwrap();
    let s = String::from_utf8_lossy(&good).replace("/Length ", "/Length 9");
    std::fs::write(dir.join("wrong_length.pdf"), s.as_bytes()).unwrap();
    let s = String::from_utf8_lossy(&good).replace("xref", "xref\n0 999999999");
    std::fs::write(dir.join("bad_xref.pdf"), s.as_bytes()).unwrap();
    std::fs::write(dir.join("truncated.pdf"), &good[..good.len() / 2]).unwrap();
    std::fs::write(
        dir.join("encrypted.pdf"),
        String::from_utf8_lossy(&good)
            .replace(
                "/Root",
                "/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >> /Root",
            )
            .as_bytes(),
    )
    .unwrap();
    // A PNG header declaring 100000 x 100000 pixels.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&100_000u32.to_be_bytes());
    png.extend_from_slice(&100_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
    std::fs::write(dir.join("huge.png"), png).unwrap();
    std::fs::write(dir.join("pdf_named.png"), &good).unwrap();
    std::fs::write(dir.join("zero.pdf"), b"").unwrap();
    std::fs::write(dir.join("nul.txt"), b"so \0\0 lieu\0").unwrap();
    std::fs::write(
        dir.join("long_line.txt"),
        "so lieu bao cao ".repeat(1_300_000),
    )
    .unwrap();
}

#[test]
fn hostile_inputs_give_one_record_each() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    write_hostile(&dir);
    let n = std::fs::read_dir(&dir).unwrap().count();
    let out = tmp.path().join("out.jsonl");
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["run", "--quiet", "-o"])
        .arg(&out)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(t.elapsed().as_secs() < 120, "bounded time");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let mut recs: HashMap<String, Value> = HashMap::new();
    for line in std::fs::read_to_string(&out).unwrap().lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let name = v["source"]["path"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        recs.insert(name, v);
    }
    assert_eq!(recs.len(), n);
    let kind = |f: &str| {
        recs[f]["error"]["kind"]
            .as_str()
            .unwrap_or("ok")
            .to_string()
    };
    assert_eq!(kind("jbig2.pdf"), "codec");
    assert_eq!(kind("encrypted.pdf"), "encrypted");
    assert_eq!(kind("huge_image.pdf"), "limit");
    assert_eq!(kind("huge.png"), "limit");
    assert_eq!(kind("zero.pdf"), "empty");
    assert_eq!(kind("truncated.pdf"), "pdf");
    assert_eq!(kind("loop_kids.pdf"), "pdf");
    assert_eq!(kind("pdf_named.png"), "codec");
    assert_eq!(kind("nul.txt"), "ok");
    assert_eq!(kind("long_line.txt"), "ok");
    let long = recs["long_line.txt"]["text"]["restored"].as_str().unwrap();
    assert!(long.starts_with("số liệu báo cáo "), "{}", &long[..40]);
    assert_eq!(long.split_whitespace().count(), 4 * 1_300_000);
    for f in [
        "bad_xref.pdf",
        "missing_object.pdf",
        "wrong_length.pdf",
        "bomb_content.pdf",
    ] {
        assert!(
            matches!(kind(f).as_str(), "ok" | "pdf" | "limit"),
            "{f}: {}",
            kind(f)
        );
    }
}
