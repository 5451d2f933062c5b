//! `vanban review` serving speed (issue 18's target: a 20-page document view under 200 ms with
//! page images cached). Run with `cargo bench --bench review`.
//!
//! A 20-page scanned PDF (the fixture's 5 pages four times, joined with qpdf) gets a record of
//! about 20 pages of restored text (seed 002's OCR text, restored). Timed over real HTTP on
//! loopback: rendering each page the first time (pdftoppm), then the whole document view as
//! the page loads it (the page, its script and stylesheet, `GET /api/documents/{id}`, the 20
//! cached page images) and a correction (`POST /api/corrections`, fsync and re-extraction).

#[path = "../src/bin/vanban/review.rs"]
mod review;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use serde_json::{json, Value};
use vanban::record::{sha256_hex, Record, Source};
use vanban::Restorer;
use vanban_review::http::{self, App};

fn get(addr: &str, method: &str, path: &str, body: &[u8]) -> (u16, usize) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(body).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let status = String::from_utf8_lossy(&out[9..12]).parse().unwrap();
    (status, out.len())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("twenty.pdf");
    let src = root.join("fixtures/scans/000_clean.pdf");
    let st = Command::new("qpdf")
        .arg("--empty")
        .arg("--pages")
        .args([&src, &src, &src, &src])
        .arg("--")
        .arg(&pdf)
        .status()
        .expect("qpdf runs");
    assert!(st.success());
    let r = Restorer::load(&root.join("dictionaries")).unwrap();
    let text =
        std::fs::read_to_string(root.join("fixtures/seeds/002_d7ab4e62f778b3e6.txt")).unwrap();
    let text = format!("{text}\n{}", &text[..text.len() / 4]);
    let source = Source {
        path: pdf.display().to_string(),
        sha256: sha256_hex(&std::fs::read(&pdf).unwrap()),
        kind: "pdf".into(),
        pages: Some(20),
        ocr_confidence: None,
        page_text: Vec::new(),
        shard: None,
    };
    let rec = Record::from_text(&r, source, &text);
    let lows = rec.restoration.as_ref().unwrap().low_confidence;
    let records = dir.path().join("records.jsonl");
    std::fs::write(
        &records,
        format!("{}\n", serde_json::to_string(&rec).unwrap()),
    )
    .unwrap();
    let app = App::open(
        &records,
        &dir.path().join("c.jsonl"),
        Box::new(review::VanbanCore),
    )
    .unwrap();
    let id = app.store.lock().unwrap().docs[0].id.clone();
    let server = Arc::new(vanban_review::tiny_http::Server::http("127.0.0.1:0").unwrap());
    let addr = server.server_addr().to_ip().unwrap().to_string();
    let app = Arc::new(app);
    {
        let (app, server) = (app.clone(), server.clone());
        std::thread::spawn(move || http::serve(app, server, 4));
    }
    println!(
        "document: {} characters, 20 pages, {lows} doubtful tokens",
        text.chars().count()
    );
    let t = Instant::now();
    for p in 1..=20 {
        let (st, _) = get(&addr, "GET", &format!("/api/documents/{id}/pages/{p}"), b"");
        assert_eq!(st, 200);
    }
    println!(
        "first rendering of the 20 pages (pdftoppm, 110 dpi): {:.0} ms ({:.0} ms a page)",
        t.elapsed().as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64() * 1e3 / 20.0
    );
    let mut views = Vec::new();
    let mut json_only = Vec::new();
    let mut bytes = 0;
    for _ in 0..21 {
        let t = Instant::now();
        bytes = 0;
        for path in ["/", "/static/app.js", "/static/app.css"] {
            bytes += get(&addr, "GET", path, b"").1;
        }
        let tj = Instant::now();
        let (st, n) = get(&addr, "GET", &format!("/api/documents/{id}"), b"");
        json_only.push(tj.elapsed().as_secs_f64() * 1e3);
        assert_eq!(st, 200);
        bytes += n;
        for p in 1..=20 {
            bytes += get(&addr, "GET", &format!("/api/documents/{id}/pages/{p}"), b"").1;
        }
        views.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "document view, images cached (page + script + style + record + 20 images, {:.1} MB): median {:.1} ms, max {:.1} ms over 21",
        bytes as f64 / 1e6,
        median(views.clone()),
        views.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "GET /api/documents/{{id}} alone: median {:.1} ms",
        median(json_only)
    );
    let doc: Value = {
        let store = app.store.lock().unwrap();
        store.docs[0].view()
    };
    let toks = doc["restoration"]["low_confidence_tokens"]
        .as_array()
        .unwrap();
    let mut posts = Vec::new();
    for t in toks.iter().take(20) {
        let body = json!({"document": id, "span": t["span"], "text": t["text"]}).to_string();
        let t0 = Instant::now();
        let (st, _) = get(&addr, "POST", "/api/corrections", body.as_bytes());
        assert_eq!(st, 200);
        posts.push(t0.elapsed().as_secs_f64() * 1e3);
    }
    if !posts.is_empty() {
        println!(
            "POST /api/corrections (fsync + re-extraction), {} corrections: median {:.1} ms",
            posts.len(),
            median(posts)
        );
    }
}
