//! `vanban run --db`, `vanban index` and `vanban search` end to end on real documents: the run
//! indexes as it writes, indexing its output again adds nothing, accent-free queries and
//! `--cites` find the right documents, a damaged archive file is a clear exit-2 error.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .env(
            "VANBAN_DICT",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries"),
        )
        .output()
        .unwrap()
}

fn hits(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn run_indexes_as_it_writes_and_search_finds_without_accents() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real/dev");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for name in [
        "059_dong-thap_617-kh-ubnd.txt",
        "002_tay-ninh_3257-tni-qldn1.txt",
        "025_da-nang_81-2025-qd-ubnd.txt",
    ] {
        std::fs::copy(real.join(name), input.join(name)).unwrap();
    }
    std::fs::write(input.join("broken.pdf"), b"%PDF-1.4 not really").unwrap();
    let out = dir.path().join("out.jsonl");
    let db = dir.path().join("a.db");
    let (out_s, db_s) = (out.to_str().unwrap(), db.to_str().unwrap());
    let o = vanban(&[
        "run",
        input.to_str().unwrap(),
        "-o",
        out_s,
        "--db",
        db_s,
        "--quiet",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // Accent-free words find the plan on "chuyển đổi số" first, with an accented snippet.
    let o = vanban(&["search", "--db", db_s, "--json", "chuyen", "doi", "so"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let h = hits(&o);
    assert!(h[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("059_dong-thap_617-kh-ubnd.txt"));
    assert_eq!(h[0]["number"], "617/KH-UBND");
    assert!(
        h[0]["snippet"]
            .as_str()
            .unwrap()
            .contains("[CHUYỂN] [ĐỔI] [SỐ]"),
        "{h:?}"
    );
    for k in [
        "path",
        "sha256",
        "number",
        "type",
        "date",
        "authority",
        "title",
        "score",
        "snippet",
    ] {
        assert!(h[0].get(k).is_some(), "{k}");
    }

    // `--cites` with `QD` for `QĐ`: only the Tây Ninh letter cites 43/2018/QĐ-TTg.
    let o = vanban(&[
        "search",
        "--db",
        db_s,
        "--json",
        "--cites",
        "43/2018/QD-TTg",
    ]);
    let h = hits(&o);
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0]["number"], "3257/TNI-QLDN1");
    // A date filter with a query: the Đà Nẵng decision is dated 2025-11-17.
    let o = vanban(&[
        "search",
        "--db",
        db_s,
        "--json",
        "quyet dinh",
        "--from",
        "2025-11-17",
        "--to",
        "2025-11-17",
    ]);
    let h = hits(&o);
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0]["number"], "81/2025/QĐ-UBND");
    // Every input is in the archive, the error record too.
    let o = vanban(&["search", "--db", db_s, "--json", "--limit", "100"]);
    assert_eq!(hits(&o).len(), 4);
    // The table on stdout has a header and one block per hit.
    let o = vanban(&["search", "--db", db_s, "--type", "ke hoach"]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.starts_with("  score  date"), "{t}");
    assert!(t.contains("617/KH-UBND"), "{t}");

    // Indexing the run's own output again changes nothing.
    let o = vanban(&["index", out_s, "--db", db_s]);
    assert!(o.status.success());
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("(0 added, 0 replaced, 4 unchanged)"), "{e}");

    // A resumed run with a new archive puts the records it skips in it too.
    let db2 = dir.path().join("b.db");
    let o = vanban(&[
        "run",
        input.to_str().unwrap(),
        "-o",
        out_s,
        "--resume",
        "--db",
        db2.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = vanban(&[
        "search",
        "--db",
        db2.to_str().unwrap(),
        "--json",
        "--limit",
        "100",
    ]);
    assert_eq!(hits(&o).len(), 4);
}

#[test]
fn a_damaged_or_missing_archive_is_a_clear_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![0x5au8; 10_000]).unwrap();
    let recs = dir.path().join("r.jsonl");
    std::fs::write(&recs, b"").unwrap();
    for args in [
        vec![
            "index",
            recs.to_str().unwrap(),
            "--db",
            junk.to_str().unwrap(),
        ],
        vec!["search", "--db", junk.to_str().unwrap(), "x"],
    ] {
        let o = vanban(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(e.contains("junk.db: not a readable SQLite database"), "{e}");
        assert_eq!(e.lines().count(), 1, "{e}");
    }
    let missing = dir.path().join("none.db");
    let o = vanban(&["search", "--db", missing.to_str().unwrap(), "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!missing.exists());
    let db = dir.path().join("ok.db");
    let o = vanban(&[
        "index",
        recs.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    for bad in [vec!["--from", "2025-13"], vec!["--limit", "0"], vec!["--"]] {
        let mut args = vec!["search", "--db", db.to_str().unwrap()];
        args.extend(bad.iter().copied());
        if bad == ["--"] {
            args.push("--");
        }
        let o = vanban(&args);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // `run --db` with a damaged archive stops before reading any input.
    let out = dir.path().join("o.jsonl");
    let o = vanban(&[
        "run",
        recs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--db",
        junk.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!out.exists());
}

/// Issue 17's search-quality target on the 47 annotated real documents (plus the fixtures'
/// written documents as distractors): the first six words of each gold title, typed without
/// accents, bring the document into the top 3 for at least 95 % of them.
#[test]
fn six_title_words_without_accents_find_the_real_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    let mut gold = Vec::new();
    for d in ["fixtures/real/dev", "fixtures/real/test", "fixtures/gold"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(d))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".txt") && !name.ends_with(".restored.txt") {
                inputs.push(f.to_str().unwrap().to_string());
            } else if name.ends_with(".entities.json") && d.starts_with("fixtures/real") {
                gold.push(f);
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let recs = dir.path().join("r.jsonl");
    let mut args = vec!["extract".to_string()];
    args.extend(inputs);
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(&args)
        .env("VANBAN_DICT", root.join("dictionaries"))
        .output()
        .unwrap();
    std::fs::write(&recs, &o.stdout).unwrap();
    let db = dir.path().join("q.db");
    let o = vanban(&[
        "index",
        recs.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success());
    let (mut n, mut top3) = (0, 0);
    for g in &gold {
        let v: Value = serde_json::from_slice(&std::fs::read(g).unwrap()).unwrap();
        let Some(title) = v["document"]["title"].as_str() else {
            continue;
        };
        let q: Vec<String> = vanban_archive::fold::fold(title)
            .split_whitespace()
            .take(6)
            .map(String::from)
            .collect();
        let name = g
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".entities.json", ".txt");
        let mut args = vec![
            "search",
            "--db",
            db.to_str().unwrap(),
            "--json",
            "--limit",
            "3",
            "--",
        ];
        args.extend(q.iter().map(String::as_str));
        let h = hits(&vanban(&args));
        n += 1;
        if h.iter()
            .any(|h| h["path"].as_str().unwrap().ends_with(&format!("/{name}")))
        {
            top3 += 1;
        }
    }
    assert!(n >= 40, "{n} gold titles");
    assert!(top3 * 100 >= n * 95, "top 3: {top3} of {n}");
}
