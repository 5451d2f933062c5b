//! Crash safety: `vanban run` killed with SIGKILL at 20 pseudo-random moments, then resumed,
//! leaves exactly one valid record per input, equal to a clean run's records.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

fn records(out: &Path) -> HashMap<String, Value> {
    let mut m = HashMap::new();
    for line in std::fs::read_to_string(out).unwrap_or_default().lines() {
        let v: Value = serde_json::from_str(line).expect("whole JSON lines only");
        let p = v["source"]["path"].as_str().unwrap().to_string();
        assert!(m.insert(p.clone(), v).is_none(), "duplicate record for {p}");
    }
    m
}

#[test]
fn kill_9_then_resume_gives_the_clean_record_set() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for e in std::fs::read_dir(root.join("fixtures/gold"))
        .unwrap()
        .flatten()
    {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.ends_with(".txt") && !n.ends_with(".restored.txt") {
            texts.push(std::fs::read_to_string(e.path()).unwrap());
        }
    }
    texts.sort();
    // 48 inputs, a few copies of each document with a distinguishing first line.
    for i in 0..48 {
        let t = format!("Ban sao so {i}\n{}", texts[i % texts.len()]);
        std::fs::write(dir.join(format!("doc{i:02}.txt")), t).unwrap();
    }
    std::fs::write(dir.join("bad.txt"), b"ok \xc3\x28 \x81 not text").unwrap();
    let clean_out = tmp.path().join("clean.jsonl");
    let st = vanban()
        .arg("run")
        .arg(&dir)
        .arg("-o")
        .arg(&clean_out)
        .args(["--quiet", "--jobs", "2"])
        .status()
        .unwrap();
    assert_eq!(st.code(), Some(1));
    let clean = records(&clean_out);
    assert_eq!(clean.len(), 49);
    // How long a full run takes, to spread the kill points over it.
    let t = Instant::now();
    let probe = tmp.path().join("probe.jsonl");
    vanban()
        .arg("run")
        .arg(&dir)
        .arg("-o")
        .arg(&probe)
        .args(["--quiet", "--jobs", "2"])
        .status()
        .unwrap();
    let full = t.elapsed().as_millis().max(50) as u64;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut partial = 0;
    for k in 0..20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let at = Duration::from_millis(x % full);
        let out = tmp.path().join(format!("killed{k}.jsonl"));
        let mut child = vanban()
            .arg("run")
            .arg(&dir)
            .arg("-o")
            .arg(&out)
            .args(["--quiet", "--jobs", "2"])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let before = std::fs::read_to_string(&out).unwrap_or_default();
        let whole = before.lines().count();
        if whole > 0 && whole < clean.len() {
            partial += 1;
        }
        let st = vanban()
            .arg("run")
            .arg(&dir)
            .arg("-o")
            .arg(&out)
            .args(["--resume", "--quiet", "--jobs", "2"])
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(matches!(st.code(), Some(0) | Some(1)), "kill point {k}");
        let got = records(&out);
        assert_eq!(got.len(), clean.len(), "kill point {k} at {at:?}");
        for (p, r) in &clean {
            assert_eq!(&got[p], r, "kill point {k}: record of {p}");
        }
    }
    assert!(partial >= 3, "only {partial} of 20 kills landed mid-run");
}
