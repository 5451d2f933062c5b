//! `vanban review --db ARCHIVE` (issue 18) end to end: records made by `vanban run`, put in a
//! real SQLite archive by `vanban index`, served from the archive alone (raw text and doubtful
//! tokens with their alternatives included), a correction accepted and kept beside the archive;
//! then the reviewed document exported as gold and taught to the channel model
//! (`vanban train --pairs-from-gold`).

#[path = "review/server.rs"]
mod server;

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};
use server::{get_json, http, serve_with};

fn vanban(args: &[&OsStr]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "vanban {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

#[test]
fn an_archive_is_reviewed_and_its_gold_teaches_the_channel() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("out.jsonl");
    let db = dir.path().join("archive.db");
    vanban(&[
        os("run"),
        root.join("fixtures/seeds/000_2599b5292b58604e.txt")
            .as_os_str(),
        root.join("fixtures/seeds/002_d7ab4e62f778b3e6.txt")
            .as_os_str(),
        os("-o"),
        records.as_os_str(),
        os("--quiet"),
    ]);
    vanban(&[os("index"), records.as_os_str(), os("--db"), db.as_os_str()]);
    let recs: Vec<Value> = std::fs::read_to_string(&records)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();

    // RECORDS and the archive together: the same documents once.
    {
        let srv = serve_with(&[records.as_os_str(), os("--db"), db.as_os_str()]);
        assert_eq!(
            get_json(&srv.addr, "/api/documents")
                .as_array()
                .unwrap()
                .len(),
            2
        );
    }
    // Bounded and filtered: --limit 1 serves one document, --from 2999 none.
    for (extra, n) in [
        (&["--limit", "1"][..], 1usize),
        (&["--from", "2999"][..], 0),
    ] {
        let mut a = vec![os("--db"), db.as_os_str()];
        a.extend(extra.iter().map(|s| os(s)));
        let srv = serve_with(&a);
        let list = get_json(&srv.addr, "/api/documents");
        assert_eq!(list.as_array().unwrap().len(), n, "{extra:?}");
    }
    // The archive alone: the records file is gone.
    std::fs::rename(&records, dir.path().join("elsewhere.jsonl")).unwrap();
    let srv = serve_with(&[os("--db"), db.as_os_str()]);
    let a = srv.addr.clone();
    let list = get_json(&a, "/api/documents");
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let seed = &recs[0];
    let entry = list
        .iter()
        .find(|d| d["path"] == seed["source"]["path"])
        .expect("the seed is listed");
    assert_eq!(entry["status"], "ok");
    assert_eq!(
        entry["low_confidence"],
        seed["restoration"]["low_confidence"]
    );
    let id = entry["id"].as_str().unwrap().to_string();
    let doc = get_json(&a, &format!("/api/documents/{id}"));
    // The whole record comes back from the archive: raw text, doubtful tokens, entities.
    for key in ["/text/raw", "/text/restored", "/document", "/entities"] {
        assert_eq!(doc.pointer(key), seed.pointer(key), "{key}");
    }
    let lows = doc["restoration"]["low_confidence_tokens"]
        .as_array()
        .unwrap();
    let want = seed["restoration"]["low_confidence_tokens"]
        .as_array()
        .unwrap();
    assert_eq!(lows.len(), want.len());
    assert!(!lows.is_empty());
    for (got, want) in lows.iter().zip(want) {
        assert_eq!(got["alternatives"], want["alternatives"]);
        assert_eq!(got["raw"], want["raw"]);
        assert_eq!(got["review"], "pending");
    }

    // A correction: the first doubtful token with an alternative takes it.
    let (k, tok) = lows
        .iter()
        .enumerate()
        .find(|(_, t)| !t["alternatives"].as_array().unwrap().is_empty())
        .expect("a token with alternatives");
    let alt = tok["alternatives"][0]["text"].as_str().unwrap().to_string();
    let body = json!({"document": id, "span": tok["span"], "text": alt});
    let (st, reply) = http(&a, "POST", "/api/corrections", body.to_string().as_bytes());
    assert_eq!(st, 200, "{}", String::from_utf8_lossy(&reply));
    let corrections = dir.path().join("archive.db.corrections.jsonl");
    let kept = std::fs::read_to_string(&corrections).unwrap();
    let line: Value = serde_json::from_str(kept.lines().next().unwrap()).unwrap();
    assert_eq!(line["document"], id.as_str());
    assert_eq!(line["text"], alt.as_str());
    let doc = get_json(&a, &format!("/api/documents/{id}"));
    assert_eq!(
        doc["restoration"]["low_confidence_tokens"][k]["review"],
        "corrected"
    );
    let s = tok["span"][0].as_u64().unwrap() as usize;
    let e = tok["span"][1].as_u64().unwrap() as usize;
    let restored: String = doc["text"]["restored"]
        .as_str()
        .unwrap()
        .chars()
        .skip(s)
        .take(e - s)
        .collect();
    assert_eq!(restored, alt);
    // The rest confirmed, so the document counts as reviewed.
    for t in lows.iter().skip(k + 1).chain(&lows[..k]) {
        let body = json!({"document": id, "span": t["span"], "text": t["text"]});
        let (st, _) = http(&a, "POST", "/api/corrections", body.to_string().as_bytes());
        assert_eq!(st, 200);
    }
    drop(srv);

    // Exported gold (the archive's raw text and the corrected text) teaches the channel.
    let gold = dir.path().join("gold");
    vanban(&[
        os("review"),
        os("--db"),
        db.as_os_str(),
        os("--export-gold"),
        gold.as_os_str(),
    ]);
    let got = vanban::train::gold_pairs::load(&gold).unwrap();
    assert_eq!(got.documents, 1);
    assert_eq!(got.skipped_lines, 0);
    let raw_tok = tok["raw"].as_str().unwrap();
    if let Some(p) = vanban::train::channel::token_pair(&alt, raw_tok) {
        assert!(got.pairs.contains(&p), "{p:?} not among the gold pairs");
    }
    let model = dir.path().join("model");
    let o = vanban(&[
        os("train"),
        os("--pairs-from-gold"),
        gold.as_os_str(),
        os("--out"),
        model.as_os_str(),
    ]);
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains(&format!("{} channel word pairs", got.pairs.len())),
        "{said}"
    );
    let channel = std::fs::read_to_string(model.join("channel.txt")).unwrap();
    let (alone, n, _) = vanban::train::train_channel_from(&[], &[gold]).unwrap();
    assert_eq!(n, got.pairs.len());
    assert_eq!(channel, alone);
    assert!(
        channel.lines().any(|l| l.starts_with("sub\t")),
        "the gold taught no edit:\n{channel}"
    );
}

#[test]
fn review_needs_records_or_an_archive() {
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("review")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("review")
        .arg("--db")
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no such archive"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!missing.exists(), "reviewing does not create an archive");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["review", "--db", "postgresql://nobody@127.0.0.1:1/none"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--corrections"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
