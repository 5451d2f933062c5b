//! Helpers shared by the integration tests: the binary, input folders made from the fixtures,
//! checks on an output file, and PDFs built around page images (`pdf`).

#![allow(dead_code)]

pub mod pdf;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The vanban binary under test.
pub fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `vanban run INPUTS -o OUT --quiet EXTRA...`, not yet started.
pub fn run_cmd(inputs: &[&Path], out: &Path, extra: &[&str]) -> Command {
    let mut c = vanban();
    c.arg("run").args(inputs).arg("-o").arg(out).arg("--quiet");
    c.args(extra);
    c
}

/// Runs a command to its end; (exit code, stderr).
pub fn output(mut c: Command) -> (Option<i32>, String) {
    let o: Output = c.stdin(Stdio::null()).output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The stripped texts of the real documents in `fixtures/real/dev`, sorted by name.
pub fn dev_texts() -> Vec<String> {
    let dir = root().join("fixtures/real/dev");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.ends_with(".txt") && !n.ends_with(".restored.txt")
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Writes `n` text inputs `docNNN.txt` into `dir` (the real documents in turn, each with a
/// distinguishing first line); returns their paths.
pub fn text_inputs(dir: &Path, n: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let texts = dev_texts();
    (0..n)
        .map(|i| {
            let p = dir.join(format!("doc{i:03}.txt"));
            std::fs::write(&p, format!("Ban sao so {i}\n{}", texts[i % texts.len()])).unwrap();
            p
        })
        .collect()
}

/// A temporary folder holding `in/` with `n` text inputs (see [`text_inputs`]).
pub fn with_inputs(n: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    text_inputs(&inputs, n);
    (tmp, inputs)
}

/// A text of about `bytes` bytes that takes restoration a while (no line repeats).
pub fn long_text(bytes: usize) -> String {
    let texts = dev_texts();
    let mut s = String::with_capacity(bytes + 4096);
    'fill: for k in 0.. {
        for t in &texts {
            for line in t.lines() {
                s.push_str(&format!("{k} {line}\n"));
                if s.len() >= bytes {
                    break 'fill;
                }
            }
        }
    }
    s
}

/// Checks that `out` is a sequence of whole JSON lines (possibly none) and returns them.
pub fn whole_lines(out: &Path) -> Vec<Value> {
    let bytes = std::fs::read(out).unwrap_or_default();
    assert!(
        bytes.is_empty() || bytes.ends_with(b"\n"),
        "{} ends in a partial line",
        out.display()
    );
    String::from_utf8(bytes)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is a whole JSON record"))
        .collect()
}

/// The records of `out` by input path, asserting one per path.
pub fn records(out: &Path) -> HashMap<String, Value> {
    let mut m = HashMap::new();
    for v in whole_lines(out) {
        let p = v["source"]["path"].as_str().unwrap().to_string();
        assert!(m.insert(p.clone(), v).is_none(), "two records for {p}");
    }
    m
}

/// `vanban check --inputs INPUT OUT` succeeds: every input has exactly one record.
pub fn check_once(inputs: &[&Path], out: &Path) {
    let mut c = vanban();
    c.arg("check");
    for i in inputs {
        c.arg("--inputs").arg(i);
    }
    c.arg(out);
    let o = c.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "check: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Waits until `cond` holds, at most `limit`.
pub fn wait_for(limit: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let t = Instant::now();
    while t.elapsed() < limit {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

/// Sends `sig` to a child.
pub fn signal(child: &Child, sig: i32) {
    // SAFETY: kill(2) on the pid of a child this test owns and has not reaped.
    unsafe { libc::kill(child.id() as i32, sig) };
}

/// Waits for a child at most `limit`, killing it (and failing) past that.
pub fn wait_bounded(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let t = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        if t.elapsed() > limit {
            let _ = child.kill();
            panic!("vanban still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Whether the tests run as root (then permissions do not stop reads, but mounts work).
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}
