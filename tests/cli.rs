//! The `vanban` binary: restore, eval, exit codes and error messages.

use std::io::Write;
use std::process::{Command, Stdio};

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

#[test]
fn restore_reads_stdin() {
    let mut child = vanban()
        .arg("restore")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"cong tac cai cach hanh chinh\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "công tác cải cách hành chính\n"
    );
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("bad.txt");
    std::fs::write(&p, b"so \xff\xfe lieu").unwrap();
    let out = vanban().arg("restore").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt") && err.contains("invalid UTF-8 at byte offset 3"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn usage_error_exits_2() {
    let out = vanban()
        .arg("restore")
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn eval_on_shipped_gold_meets_the_bar() {
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/gold");
    let out = vanban()
        .args(["eval", "--json", "--gold", gold])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["restoration"].as_array().unwrap();
    let total = rows.last().unwrap();
    let acc = total["correct"].as_f64().unwrap() / total["tokens"].as_f64().unwrap();
    assert!(acc >= 0.95, "seed 000 token accuracy {acc}");
    assert_eq!(total["misaligned_lines"], 0);
}

/// libgomp reads `OMP_THREAD_LIMIT` when it is loaded, before `main`; vanban must start
/// Tesseract with the limit in its real environment even when the caller did not set it.
#[cfg(target_os = "linux")]
#[test]
fn openmp_thread_limit_is_in_the_process_environment() {
    let mut child = vanban()
        .args(["run", "--files-from", "-", "-o", "-"])
        .env_remove("OMP_THREAD_LIMIT")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let environ = format!("/proc/{}/environ", child.id());
    let mut found = false;
    for _ in 0..100 {
        let env = std::fs::read(&environ).unwrap_or_default();
        if env.split(|&b| b == 0).any(|v| v == b"OMP_THREAD_LIMIT=1") {
            found = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    drop(child.stdin.take());
    let _ = child.wait();
    assert!(found, "OMP_THREAD_LIMIT=1 not in {environ}");
}
