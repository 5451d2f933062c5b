//! SIGINT and SIGTERM sent to the real binary (issue 19): at 24 pseudo-random moments of a run
//! (during start-up, or after a random number of records), sometimes twice; the output is always whole JSON lines, the exit status the documented
//! one, and `--resume` then gives exactly the clean run's records. A second SIGINT stops at
//! once and the grace period bounds the documents in flight.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

const SIGINT: i32 = libc::SIGINT;
const SIGTERM: i32 = libc::SIGTERM;

/// The two tests one at a time: each starts runs of two workers, and the timing one must not
/// share two cores with the other's runs.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn signals_at_random_moments_leave_whole_lines_and_resume_completes() {
    use std::os::unix::process::ExitStatusExt;
    let _one_at_a_time = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    text_inputs(&dir, 96);
    std::fs::write(dir.join("bad.txt"), b"ok \xc3\x28 \x81 not text").unwrap();
    let clean_out = tmp.path().join("clean.jsonl");
    let (code, err) = output(run_cmd(&[&dir], &clean_out, &["--jobs", "2"]));
    assert_eq!(code, Some(1), "{err}");
    let clean = records(&clean_out);
    assert_eq!(clean.len(), 97);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let (mut handled, mut partial) = (0, 0);
    for k in 0..24 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let first = if k % 2 == 0 { SIGINT } else { SIGTERM };
        let twice = k % 3 == 2;
        let out = tmp.path().join(format!("sig{k}.jsonl"));
        let mut child = run_cmd(&[&dir], &out, &["--jobs", "2"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Every fourth signal at a random moment of the first 150 ms (start-up: the model
        // loading, the inputs listed), the others after a random number of records, so the
        // moments stay spread over the run however busy the machine is.
        let at = if k % 4 == 0 {
            let at = Duration::from_millis(x % 150);
            std::thread::sleep(at);
            format!("{at:?}")
        } else {
            let n = (x % 97) as usize;
            wait_for(Duration::from_secs(60), || newline_count(&out) >= n);
            format!("{n} records")
        };
        signal(&child, first);
        if twice {
            std::thread::sleep(Duration::from_millis(20));
            signal(&child, SIGINT);
        }
        let st = wait_bounded(&mut child, Duration::from_secs(60));
        let err = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
        let lines = whole_lines(&out);
        let what = format!(
            "signal {k} ({first}{}) at {at}",
            if twice { " twice" } else { "" }
        );
        match (st.code(), st.signal()) {
            (Some(c), None) if c == 128 + first => {
                handled += 1;
                assert!(
                    err.contains("resume with:") && err.contains("--resume"),
                    "{what}: {err}"
                );
                if !lines.is_empty() {
                    partial += 1;
                }
            }
            // Finished before the signal arrived.
            (Some(1), None) => assert_eq!(lines.len(), 97, "{what}: {err}"),
            // Killed by the default action before the handlers were installed (the first
            // milliseconds of the process): nothing written.
            (None, Some(s)) if s == first => assert!(!out.exists(), "{what}"),
            other => panic!("{what}: unexpected exit {other:?}: {err}"),
        }
        let (code, err) = output(run_cmd(&[&dir], &out, &["--jobs", "2", "--resume"]));
        // 1 when bad.txt's error record is written by the resumed run, else 0.
        assert!(matches!(code, Some(0) | Some(1)), "{what}: resume: {err}");
        check_once(&[&dir], &out);
        let got = records(&out);
        assert_eq!(got.len(), clean.len(), "{what}");
        for (p, r) in &clean {
            assert_eq!(&got[p], r, "{what}: record of {p}");
        }
    }
    eprintln!("{handled} of 24 signals handled by a run, {partial} after records were written");
    assert!(
        handled >= 12,
        "only {handled} of 24 signals were handled by a run"
    );
    assert!(partial >= 4, "only {partial} signals landed mid-run");
}

/// Lines (whole or not yet) in a file, cheaply.
fn newline_count(p: &Path) -> usize {
    std::fs::read(p).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
}

/// A folder of a few small inputs and one long one that takes seconds to restore.
fn slow_folder(dir: &Path) {
    text_inputs(dir, 3);
    std::fs::write(dir.join("a-long.txt"), long_text(8 << 20)).unwrap();
}

/// Starts a run and waits until the small inputs are written (the long one is in flight).
fn started(dir: &Path, out: &Path, extra: &[&str]) -> std::process::Child {
    let child = run_cmd(&[dir], out, extra)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    assert!(wait_for(Duration::from_secs(30), || whole_lines(out).len() == 3));
    child
}

/// Waits for a signalled run to end: its status, the time it took from now, its stderr.
fn ended(child: &mut std::process::Child) -> (std::process::ExitStatus, Duration, String) {
    let t = Instant::now();
    let st = wait_bounded(child, Duration::from_secs(30));
    let took = t.elapsed();
    let err = std::io::read_to_string(child.stderr.take().unwrap()).unwrap();
    (st, took, err)
}

#[test]
fn a_second_sigint_stops_at_once_and_the_grace_period_bounds_the_rest() {
    let _one_at_a_time = serial();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    slow_folder(&dir);
    let out = tmp.path().join("out.jsonl");
    // Two SIGINTs: out at once, the long document abandoned.
    let mut child = started(&dir, &out, &["--jobs", "2"]);
    signal(&child, SIGINT);
    std::thread::sleep(Duration::from_millis(100));
    signal(&child, SIGINT);
    let (st, took, err) = ended(&mut child);
    // At once: well under the default grace period (10 s) and the long document's seconds,
    // with room for a loaded machine.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_eq!(st.code(), Some(130), "{err}");
    assert!(err.contains("abandoned in flight: 1,"), "{err}");
    assert_eq!(whole_lines(&out).len(), 3);
    // One SIGTERM with a half-second grace period: the long document does not finish in it.
    let out2 = tmp.path().join("out2.jsonl");
    let mut child = started(&dir, &out2, &["--jobs", "2", "--grace", "0.5"]);
    signal(&child, SIGTERM);
    let (st, took, err) = ended(&mut child);
    let bounds = Duration::from_millis(400)..Duration::from_secs(5);
    assert!(
        bounds.contains(&took),
        "the grace period, then out: {took:?}"
    );
    assert_eq!(st.code(), Some(143), "{err}");
    assert_eq!(whole_lines(&out2).len(), 3);
    // --resume finishes the long one.
    let (code, err) = output(run_cmd(&[&dir], &out, &["--jobs", "2", "--resume"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("1 documents (3 already done)"), "{err}");
    check_once(&[&dir], &out);
}
