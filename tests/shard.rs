//! Sharded and streaming runs: shards 0..N-1 together give exactly the records of one full
//! run (N = 1, 2, 3, 7), `merge` joins them, `check` confirms one record per input, and
//! `--files-from - -o -` streams records to stdout.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

fn by_path(text: &str) -> BTreeMap<String, Value> {
    text.lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            let p = v["source"]["path"].as_str().unwrap().to_string();
            v["source"].as_object_mut().unwrap().remove("shard");
            (p, v)
        })
        .collect()
}

fn inputs(dir: &Path) {
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for i in 0..23 {
        let sub = if i % 3 == 0 { "sub/" } else { "" };
        std::fs::write(
            dir.join(format!("{sub}d{i:02}.txt")),
            format!("Van ban so {i} cua So Noi vu\n"),
        )
        .unwrap();
    }
}

#[test]
fn shards_merge_to_the_full_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    inputs(&dir);
    let full = tmp.path().join("full.jsonl");
    let st = vanban()
        .arg("run")
        .arg(&dir)
        .arg("-o")
        .arg(&full)
        .arg("--quiet")
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(0));
    let want = by_path(&std::fs::read_to_string(&full).unwrap());
    assert_eq!(want.len(), 23);
    for n in [1, 2, 3, 7] {
        let mut parts = Vec::new();
        for i in 0..n {
            let out = tmp.path().join(format!("s{n}-{i}.jsonl"));
            let st = vanban()
                .arg("run")
                .arg(&dir)
                .arg("-o")
                .arg(&out)
                .args(["--quiet", "--shard", &format!("{i}/{n}")])
                .status()
                .unwrap();
            assert_eq!(st.code(), Some(0));
            let text = std::fs::read_to_string(&out).unwrap();
            for l in text.lines() {
                let v: Value = serde_json::from_str(l).unwrap();
                assert_eq!(v["source"]["shard"], format!("{i}/{n}"));
            }
            parts.push(out);
        }
        let merged = tmp.path().join(format!("merged{n}.jsonl"));
        // Merging a shard twice only adds exact duplicates.
        let o = vanban()
            .arg("merge")
            .args(&parts)
            .arg(&parts[0])
            .arg("-o")
            .arg(&merged)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let got = by_path(&std::fs::read_to_string(&merged).unwrap());
        assert_eq!(got, want, "{n} shards");
        let o = vanban()
            .args(["check", "--inputs"])
            .arg(&dir)
            .arg(&merged)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    // A missing record is reported.
    let first = tmp.path().join("s7-0.jsonl");
    let o = vanban()
        .args(["check", "--inputs"])
        .arg(&dir)
        .arg(&first)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("missing\t"));
}

#[test]
fn streaming_from_a_file_list_to_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    inputs(&dir);
    let list: Vec<String> = (0..5)
        .map(|i| {
            dir.join(format!("d{:02}.txt", i * 3 + 1))
                .display()
                .to_string()
        })
        .collect();
    let mut child = vanban()
        .args(["run", "--files-from", "-", "-0", "-o", "-", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.join("\0").as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let recs = by_path(&String::from_utf8(o.stdout).unwrap());
    assert_eq!(recs.keys().cloned().collect::<Vec<_>>(), {
        let mut l = list.clone();
        l.sort();
        l
    });
    assert!(recs.values().all(|r| r["text"]["restored"]
        .as_str()
        .unwrap()
        .contains("Sở Nội vụ")));
}
