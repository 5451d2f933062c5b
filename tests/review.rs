//! `vanban review` (issue 18) end to end: records made by `vanban run`, the real server, the
//! real page in Debian's headless chromium driven over the DevTools protocol, the corrections
//! file, the API's answers to bad requests, replay after a restart and the gold export.

#[path = "review/cdp.rs"]
mod cdp;
#[path = "review/server.rs"]
mod server;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use server::{get_json, http, serve};

use serde_json::{json, Value};

fn chars(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

#[test]
fn an_archivist_reviews_in_the_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("out.jsonl");
    let run = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("run")
        .arg(root.join("fixtures/seeds/000_2599b5292b58604e.txt"))
        .arg(root.join("fixtures/scans/000_clean-p005.png"))
        .arg("-o")
        .arg(&records)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // A hand-made record of the 5-page scanned PDF, to serve its rendered pages.
    let pdf = root.join("fixtures/scans/000_clean.pdf");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&records)
        .unwrap();
    writeln!(
        f,
        "{}",
        json!({"schema_version": 1, "source": {"path": pdf, "sha256": "", "kind": "pdf", "pages": 5},
               "status": "error", "error": {"kind": "ocr", "message": "made by the test"},
               "text": null, "restoration": null, "document": {}, "entities": []})
    )
    .unwrap();
    drop(f);

    // Every low-confidence token carries its span, raw token and alternatives.
    let recs: Vec<Value> = std::fs::read_to_string(&records)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schema/record.schema.json")).unwrap(),
    )
    .unwrap();
    let schema = jsonschema::validator_for(&schema).unwrap();
    for r in &recs[..2] {
        let errs: Vec<String> = schema.iter_errors(r).map(|e| e.to_string()).collect();
        assert!(errs.is_empty(), "{errs:?}");
    }
    let seed = &recs[0];
    let lows = seed["restoration"]["low_confidence_tokens"]
        .as_array()
        .unwrap();
    assert_eq!(
        lows.len() as u64,
        seed["restoration"]["low_confidence"].as_u64().unwrap()
    );
    let restored = seed["text"]["restored"].as_str().unwrap();
    assert!(lows
        .iter()
        .any(|t| !t["alternatives"].as_array().unwrap().is_empty()));
    for t in lows {
        let s = t["span"][0].as_u64().unwrap() as usize;
        let e = t["span"][1].as_u64().unwrap() as usize;
        assert_eq!(chars(restored, s, e), t["text"].as_str().unwrap());
        assert!(t["confidence"].as_f64().unwrap() < 0.6);
        assert!(t["alternatives"].as_array().unwrap().len() <= 3);
    }
    let scan = &recs[1];
    let scan_lows = scan["restoration"]["low_confidence_tokens"]
        .as_array()
        .unwrap();
    assert!(
        scan_lows
            .iter()
            .any(|t| t["page"] == 1 && t["box"].is_array()),
        "OCR'd tokens have a page and a word box"
    );

    let srv = serve(&records);
    let a = srv.addr.clone();
    let list = get_json(&a, "/api/documents");
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    // Most in need first: the error record, then the more doubtful of the two.
    assert_eq!(list[0]["status"], "error");
    assert!(list[1]["pending"].as_u64() >= list[2]["pending"].as_u64());
    let seed_id = list
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .ends_with("000_2599b5292b58604e.txt")
        })
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let scan_id = list.iter().find(|d| d["kind"] == "image").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let pdf_id = list[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        get_json(&a, "/api/documents?status=error")
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        get_json(&a, "/api/documents?type=image")
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Bad requests: 4xx with a message.
    for (method, path, body, want) in [
        ("GET", "/api/documents/nope".to_string(), vec![], 404),
        ("GET", "/api/documents/../../etc/passwd".into(), vec![], 404),
        (
            "GET",
            format!("/api/documents/{scan_id}/pages/..%2f..%2fetc%2fpasswd"),
            vec![],
            400,
        ),
        (
            "GET",
            format!("/api/documents/{scan_id}/pages/2"),
            vec![],
            404,
        ),
        (
            "GET",
            format!("/api/documents/{pdf_id}/pages/6"),
            vec![],
            404,
        ),
        (
            "POST",
            "/api/corrections".into(),
            b"{not json".to_vec(),
            400,
        ),
        (
            "POST",
            "/api/corrections".into(),
            br#"{"document": "nope", "span": [0, 1], "text": "x"}"#.to_vec(),
            404,
        ),
        (
            "POST",
            "/api/corrections".into(),
            format!(r#"{{"document": "{seed_id}", "span": [5, 999999], "text": "x"}}"#)
                .into_bytes(),
            400,
        ),
        (
            "POST",
            "/api/corrections".into(),
            format!(r#"{{"document": "{seed_id}", "field": "colour", "text": "x"}}"#).into_bytes(),
            400,
        ),
        ("POST", "/api/corrections".into(), vec![b' '; 1 << 20], 413),
        ("DELETE", "/api/documents".into(), vec![], 400),
    ] {
        let (st, body) = http(&a, method, &path, &body);
        assert_eq!(
            st,
            want,
            "{method} {path}: {}",
            String::from_utf8_lossy(&body)
        );
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert!(!v["error"].as_str().unwrap().is_empty());
    }
    // Page images: the PNG as it is, a PDF page rendered.
    let (st, png) = http(&a, "GET", &format!("/api/documents/{scan_id}/pages/1"), b"");
    assert_eq!((st, &png[..4]), (200, &b"\x89PNG"[..]));
    let (st, page3) = http(&a, "GET", &format!("/api/documents/{pdf_id}/pages/3"), b"");
    assert_eq!((st, &page3[..4]), (200, &b"\x89PNG"[..]));

    // The browser: list, document, click a doubtful token, pick an alternative.
    let mut b = cdp::Browser::start();
    b.goto(&format!("http://{a}/"));
    assert_eq!(
        b.wait("document.querySelectorAll('a.doc').length === 3 && 3"),
        3
    );
    b.click(&format!("a.doc[data-id='{seed_id}']"));
    b.wait("document.querySelectorAll('mark.low').length");
    // The first doubtful token that has another reading.
    let i = lows
        .iter()
        .position(|t| !t["alternatives"].as_array().unwrap().is_empty())
        .unwrap();
    let tok = &lows[i];
    b.click(&format!("mark.low[data-i='{i}']"));
    b.wait(
        "!document.querySelector('#tok').hidden && document.querySelectorAll('button.alt').length",
    );
    assert_eq!(
        b.eval("document.querySelector('#tok-raw').textContent"),
        tok["raw"]
    );
    let alt = tok["alternatives"][0]["text"].as_str().unwrap().to_string();
    b.click("button.alt");
    b.wait(&format!(
        "document.querySelector(\"mark.low[data-i='{i}']\").classList.contains('corrected')"
    ));
    // The corrections file has it, and so does the API.
    let corr = dir.path().join("out.corrections.jsonl");
    let lines: Vec<Value> = std::fs::read_to_string(&corr)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["text"], alt.as_str());
    assert_eq!(lines[0]["old"], tok["text"]);
    assert_eq!(lines[0]["span"], tok["span"]);
    let d = get_json(&a, &format!("/api/documents/{seed_id}"));
    let t = &d["restoration"]["low_confidence_tokens"][i];
    assert_eq!(t["review"], "corrected");
    let (s, e) = (
        t["span"][0].as_u64().unwrap() as usize,
        t["span"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(chars(d["text"]["restored"].as_str().unwrap(), s, e), alt);
    assert_eq!(d["review"]["corrections"], 1);

    // The keyboard alone: the page moved on to the next doubtful token; Enter accepts it.
    let next = b.wait("document.querySelector('mark.current') && +document.querySelector('mark.current').dataset.i");
    let next = next.as_u64().unwrap() as usize;
    assert_ne!(next, i);
    b.key("Enter");
    b.wait(&format!(
        "document.querySelector(\"mark.low[data-i='{next}']\").classList.contains('confirmed')"
    ));
    b.key("j");
    b.wait(&format!(
        "+document.querySelector('mark.current').dataset.i !== {next}"
    ));
    let d = get_json(&a, &format!("/api/documents/{seed_id}"));
    assert_eq!(
        d["restoration"]["low_confidence_tokens"][next]["review"],
        "confirmed"
    );
    assert_eq!(d["review"]["corrections"], 2);

    // The document block: edit the signer.
    b.eval("(() => { const i = document.querySelector(\"input[name='signer']\"); i.value = 'Nguyễn Văn Thử'; i.focus(); })()");
    b.key("Enter");
    b.wait("document.querySelector(\"label.edited input[name='signer']\") !== null");
    let d = get_json(&a, &format!("/api/documents/{seed_id}"));
    assert_eq!(d["document"]["signer"], "Nguyễn Văn Thử");

    // The scan beside its text, for a person to look at.
    b.goto(&format!("http://{a}/#/doc/{scan_id}"));
    b.wait("document.querySelector('.pages img') && document.querySelector('.pages img').complete && document.querySelector('.pages img').naturalWidth");
    if b.eval("document.querySelectorAll('mark.low').length")
        .as_u64()
        > Some(0)
    {
        b.click("mark.low");
        b.wait("!document.querySelector('#tok').hidden");
    }
    let shot = b.screenshot();
    assert_eq!(&shot[..4], b"\x89PNG");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review-document-view.png");
    std::fs::write(&out, &shot).unwrap();
    eprintln!("screenshot: {}", out.display());
    drop(b);
    drop(srv);

    // A restart replays the corrections file.
    let srv = serve(&records);
    let d = get_json(&srv.addr, &format!("/api/documents/{seed_id}"));
    assert_eq!(d["review"]["corrections"], 3);
    assert_eq!(d["document"]["signer"], "Nguyễn Văn Thử");
    let t = &d["restoration"]["low_confidence_tokens"][i];
    assert_eq!(t["review"], "corrected");
    assert_eq!(t["text"], alt.as_str());

    // Confirm the rest through the API, then export the reviewed document as gold, which
    // `vanban eval` reads.
    for t in d["restoration"]["low_confidence_tokens"]
        .as_array()
        .unwrap()
    {
        if t["review"] == "pending" {
            let body = json!({"document": seed_id, "span": t["span"], "text": t["text"]});
            let (st, _) = http(
                &srv.addr,
                "POST",
                "/api/corrections",
                body.to_string().as_bytes(),
            );
            assert_eq!(st, 200);
        }
    }
    drop(srv);

    // The corrected signer becomes a user lexicon entry that restoration honours.
    let lex = dir.path().join("lexicon.txt");
    let ex = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("review")
        .arg(&records)
        .arg("--export-lexicon")
        .arg(&lex)
        .output()
        .unwrap();
    assert!(
        ex.status.success(),
        "{}",
        String::from_utf8_lossy(&ex.stderr)
    );
    assert!(std::fs::read_to_string(&lex)
        .unwrap()
        .lines()
        .any(|l| l == "Nguyễn Văn Thử"));
    let restore = |lexicon: Option<&Path>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
        c.arg("restore");
        if let Some(l) = lexicon {
            c.arg("--lexicon").arg(l);
        }
        let mut child = c
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all("Nguoi ky: Nguyen Van Thu\n".as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(!restore(None).contains("Nguyễn Văn Thử"));
    assert!(
        restore(Some(&lex)).contains("Nguyễn Văn Thử"),
        "{}",
        restore(Some(&lex))
    );
    let gold = dir.path().join("gold");
    let ex = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("review")
        .arg(&records)
        .arg("--export-gold")
        .arg(&gold)
        .output()
        .unwrap();
    assert!(
        ex.status.success(),
        "{}",
        String::from_utf8_lossy(&ex.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&gold)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    let restored_gold = std::fs::read_to_string(gold.join(&names[1])).unwrap();
    assert!(restored_gold.contains(&alt));
    let ev = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["eval", "--gold"])
        .arg(&gold)
        .output()
        .unwrap();
    assert!(
        ev.status.success(),
        "{}",
        String::from_utf8_lossy(&ev.stderr)
    );
    assert!(String::from_utf8_lossy(&ev.stdout).contains("000_2599b5292b58604e"));
}
