//! Faults of the environment during `vanban run` (issue 19): a full disk (a small tmpfs as
//! root, and an `RLIMIT_FSIZE` stand-in), a second run on the same output, outputs that cannot
//! be created, inputs that change under the run, and broken dictionaries. Each ends with a
//! clear message, whole JSON lines and the documented exit status, and `--resume` completes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A tmpfs mounted on a folder for the life of the value (root only).
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, opts: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", opts, "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }

    fn remount(&self, opts: &str) {
        let st = Command::new("mount")
            .args(["-o", &format!("remount,{opts}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(st.success(), "remount {opts}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// The run stopped by a full output: exit 3, one stderr line naming the file, the cause and
/// the resume command, whole lines only, some records written; then `--resume` completes it.
fn full_then_resume(inputs: &Path, out: &Path, status: (Option<i32>, String), cause: &str) {
    let (code, err) = status;
    assert_eq!(code, Some(3), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    let out_name = out.display().to_string();
    assert!(lines[0].contains(&out_name), "{err}");
    assert!(lines[0].contains(cause), "{err}");
    assert!(lines[0].contains("--resume"), "{err}");
    let written = whole_lines(out).len();
    assert!(written > 0, "some records fit before the disk filled");
    let (code, err) = output(run_cmd(&[inputs], out, &["--jobs", "2", "--resume"]));
    assert_eq!(code, Some(0), "{err}");
    let n = std::fs::read_dir(inputs).unwrap().count();
    assert_eq!(records(out).len(), n);
    check_once(&[inputs], out);
}

#[test]
fn disk_full_on_a_small_tmpfs_exits_3_and_resume_completes() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root (the RLIMIT_FSIZE test covers this)");
        return;
    }
    let (tmp, inputs) = with_inputs(24);
    let Some(fs) = Tmpfs::mount(&tmp.path().join("mnt"), "size=128k") else {
        eprintln!("skipped: mount -t tmpfs failed here (the RLIMIT_FSIZE test covers this)");
        return;
    };
    let out = fs.0.join("out.jsonl");
    let st = output(run_cmd(&[&inputs], &out, &["--jobs", "2"]));
    let before = whole_lines(&out).len();
    assert!(before < 24, "the disk filled before the end");
    fs.remount("size=8m");
    full_then_resume(&inputs, &out, st, "No space left on device");
    assert!(!fs.0.join("out.jsonl.lock").exists(), "lock file removed");
}

/// Limits the files the command writes to `bytes` (RLIMIT_FSIZE), so that a write past it
/// fails with EFBIG as a full disk fails with ENOSPC.
fn limit_file_size(c: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: between fork and exec only async-signal-safe calls (setrlimit, signal).
    unsafe {
        c.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &lim);
            // Then a write past the limit fails with EFBIG instead of killing the process.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
}

#[test]
fn file_size_limit_stands_in_for_a_full_disk() {
    let (tmp, inputs) = with_inputs(24);
    let out = tmp.path().join("out.jsonl");
    let mut c = run_cmd(&[&inputs], &out, &["--jobs", "2"]);
    limit_file_size(&mut c, 120_000);
    let st = output(c);
    assert!(std::fs::metadata(&out).unwrap().len() <= 120_000);
    full_then_resume(&inputs, &out, st, "File too large");
}

#[test]
fn a_searchable_pdf_that_cannot_be_written_stops_the_run_and_resume_makes_it() {
    let (tmp, inputs) = with_inputs(2);
    // A 260 KB page scan, whose searchable PDF is over the file size limit below.
    let scan = inputs.join("scan.png");
    std::fs::copy(root().join("fixtures/scans/000_clean-p001.png"), &scan).unwrap();
    let out = tmp.path().join("out.jsonl");
    let pdfs = tmp.path().join("pdf");
    let pdf_dir = ["--jobs", "2", "--pdf-dir", pdfs.to_str().unwrap()];
    let mut c = run_cmd(&[&inputs], &out, &pdf_dir);
    limit_file_size(&mut c, 150_000);
    let (code, err) = output(c);
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("scan.pdf") && err.contains("File too large"),
        "{err}"
    );
    assert!(err.contains("--resume"), "{err}");
    whole_lines(&out);
    let resume = [&pdf_dir[..], &["--resume"]].concat();
    let (code, err) = output(run_cmd(&[&inputs], &out, &resume));
    assert_eq!(code, Some(0), "{err}");
    check_once(&[&inputs], &out);
    let pdf = records(&out)[&scan.display().to_string()]["outputs"]["pdf"].clone();
    let made = std::fs::metadata(pdfs.join("scan.pdf"))
        .map(|m| m.len())
        .unwrap_or(0);
    assert!(
        made > 150_000,
        "the PDF made by --resume: {made} bytes; record: {pdf}"
    );
}

#[test]
fn a_second_run_on_the_same_output_fails_at_once_naming_the_holder() {
    let (tmp, inputs) = with_inputs(4);
    std::fs::write(inputs.join("zz-long.txt"), long_text(6 << 20)).unwrap();
    let out = tmp.path().join("out.jsonl");
    let lock = tmp.path().join("out.jsonl.lock");
    let mut first = run_cmd(&[&inputs], &out, &["--jobs", "2"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = first.id().to_string();
    assert!(wait_for(Duration::from_secs(20), || {
        std::fs::read_to_string(&lock).is_ok_and(|s| s.trim() == pid)
    }));
    for extra in [&["--resume"][..], &["--force"], &[]] {
        let t = Instant::now();
        let (code, err) = output(run_cmd(&[&inputs], &out, extra));
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert!(err.contains(&format!("pid {pid}")), "{err}");
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "at once: {:?}",
            t.elapsed()
        );
    }
    // SIGKILL leaves the lock file behind; its lock died with the process.
    first.kill().unwrap();
    first.wait().unwrap();
    assert!(lock.exists());
    let (code, err) = output(run_cmd(&[&inputs], &out, &["--jobs", "2", "--resume"]));
    assert_eq!(code, Some(0), "a stale lock does not block: {err}");
    assert!(!lock.exists());
    check_once(&[&inputs], &out);
}

#[test]
fn an_output_that_cannot_be_created_is_exit_2_before_any_work() {
    let (tmp, inputs) = with_inputs(2);
    let missing = tmp.path().join("no/such/dir/out.jsonl");
    let (code, err) = output(run_cmd(&[&inputs], &missing, &[]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&missing.display().to_string()) && err.contains("No such file"));
    let (code, err) = output(run_cmd(&[&inputs], tmp.path(), &[]));
    assert_eq!(code, Some(2), "a directory: {err}");
    assert!(err.contains("is a directory"), "{err}");
    // A read-only folder: a read-only mount as root (who ignores permission bits).
    let ro = tmp.path().join("ro");
    let _mount;
    if is_root() {
        _mount = Tmpfs::mount(&ro, "size=64k,ro");
        if _mount.is_none() {
            eprintln!("skipped the read-only case: mount failed");
            return;
        }
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let out = ro.join("out.jsonl");
    let t = Instant::now();
    let (code, err) = output(run_cmd(&[&inputs], &out, &[]));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&out.display().to_string())
            && (err.contains("Read-only file system") || err.contains("Permission denied")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(t.elapsed() < Duration::from_secs(5));
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// The error record of `name` in `recs` is of kind `io` and its message contains `cause`.
fn io_error(recs: &std::collections::HashMap<String, serde_json::Value>, p: &Path, cause: &str) {
    let r = &recs[&p.display().to_string()];
    assert_eq!(r["status"], "error", "{}", p.display());
    assert_eq!(r["error"]["kind"], "io", "{r}");
    let msg = r["error"]["message"].as_str().unwrap();
    assert!(msg.contains(cause), "{}: {msg}", p.display());
}

#[test]
fn inputs_that_change_under_the_run_are_io_records_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    text_inputs(&dir, 40);
    let late = |n: &str| dir.join(format!("zz-{n}.txt"));
    for n in ["gone", "dir", "fifo", "dev"] {
        std::fs::write(late(n), "So Noi vu\n").unwrap();
    }
    // A FIFO already there when the folder is listed, and two inputs named on the command
    // line: a FIFO and a path that does not exist.
    mkfifo(&dir.join("listed-fifo.txt"));
    let named_fifo = tmp.path().join("named.txt");
    mkfifo(&named_fifo);
    let absent = tmp.path().join("absent.txt");
    let out = tmp.path().join("out.jsonl");
    // One worker: documents in sorted order, so the `zz-` inputs are read last.
    let mut child = run_cmd(&[&dir, &named_fifo, &absent], &out, &["--jobs", "1"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    assert!(wait_for(Duration::from_secs(30), || !whole_lines(&out).is_empty()));
    std::fs::remove_file(late("gone")).unwrap();
    std::fs::remove_file(late("dir")).unwrap();
    std::fs::create_dir(late("dir")).unwrap();
    std::fs::remove_file(late("fifo")).unwrap();
    mkfifo(&late("fifo"));
    std::fs::remove_file(late("dev")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", late("dev")).unwrap();
    assert!(
        whole_lines(&out).len() < 30,
        "the late inputs were replaced before they were read"
    );
    let st = wait_bounded(&mut child, Duration::from_secs(60));
    assert_eq!(st.code(), Some(1), "some inputs failed");
    let recs = records(&out);
    assert_eq!(recs.len(), 40 + 4 + 1 + 2);
    io_error(&recs, &late("gone"), "No such file");
    io_error(&recs, &late("dir"), "a directory");
    io_error(&recs, &late("fifo"), "a FIFO");
    io_error(&recs, &late("dev"), "a character device");
    io_error(&recs, &dir.join("listed-fifo.txt"), "a FIFO");
    io_error(&recs, &named_fifo, "a FIFO");
    io_error(&recs, &absent, "No such file");
    let ok = recs.values().filter(|r| r["status"] == "ok").count();
    assert_eq!(ok, 40, "the batch went on");
    // Inputs that still cannot be read keep their one record on --resume.
    let (code, err) = output(run_cmd(&[&dir, &named_fifo, &absent], &out, &["--resume"]));
    assert_eq!(code, Some(0), "{err}");
    check_once(&[&dir, &named_fifo, &absent], &out);
}

#[test]
fn a_file_growing_while_read_is_an_io_record() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    text_inputs(&dir, 2);
    let growing = dir.join("growing.pdf");
    std::fs::write(&growing, vec![b'%'; 32 << 20]).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let appender = {
        let (p, stop) = (growing.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().append(true).open(p).unwrap();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                f.write_all(&[b'%'; 64]).unwrap();
                std::thread::sleep(Duration::from_micros(500));
            }
        })
    };
    let mut seen = Vec::new();
    for attempt in 0..3 {
        let out = tmp.path().join(format!("out{attempt}.jsonl"));
        let (code, err) = output(run_cmd(&[&dir], &out, &["--jobs", "2"]));
        assert_eq!(code, Some(1), "{err}");
        let rec = records(&out)[&growing.display().to_string()].clone();
        let msg = rec["error"]["message"].as_str().unwrap_or("").to_string();
        if rec["error"]["kind"] == "io" && msg.contains("changed while being read") {
            seen.push(msg);
            break;
        }
        seen.push(format!("attempt {attempt}: {rec}"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    appender.join().unwrap();
    assert!(
        seen.last()
            .unwrap()
            .starts_with("cannot read: changed while being read"),
        "{seen:?}"
    );
}

#[test]
fn an_unreadable_input_is_an_io_record() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let tmp = tempfile::tempdir().unwrap();
    // As root permission bits do not stop reads: the run drops to `nobody` for this test.
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let dir = tmp.path().join("in");
    text_inputs(&dir, 3);
    let secret = dir.join("secret.txt");
    std::fs::write(&secret, "So Noi vu\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = tmp.path().join("out.jsonl");
    let mut c = run_cmd(&[&dir], &out, &["--jobs", "2"]);
    if is_root() {
        c.uid(65534).gid(65534);
    }
    let (code, err) = output(c);
    if code == Some(2) && err.contains("Permission denied") && is_root() {
        eprintln!("skipped: user nobody cannot read the dictionaries or the binary here: {err}");
        return;
    }
    assert_eq!(code, Some(1), "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 4);
    io_error(&recs, &secret, "Permission denied");
    assert!(err.contains("secret.txt"), "{err}");
}

/// A copy of the shipped dictionaries (the large model symlinked unless `copy_lm`).
fn dict_copy(dir: &Path, copy_lm: bool) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(root().join("dictionaries"))
        .unwrap()
        .flatten()
    {
        let to = dir.join(e.file_name());
        if e.file_name() == "lm.bin" && !copy_lm {
            std::os::unix::fs::symlink(e.path(), &to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    dir.to_path_buf()
}

#[test]
fn broken_dictionaries_are_exit_2_naming_the_file_before_any_input_is_read() {
    let (tmp, inputs) = with_inputs(2);
    type Damage = fn(&Path);
    let cases: [(&str, bool, &str, &str, Damage); 6] = [
        ("lm.bin", false, "No such file", "missing lm.bin", |d| {
            std::fs::remove_file(d.join("lm.bin")).unwrap()
        }),
        ("lm.bin", true, "truncated", "truncated lm.bin", |d| {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(d.join("lm.bin"))
                .unwrap();
            let len = f.metadata().unwrap().len();
            f.set_len(len - 4096).unwrap();
        }),
        (
            "lm.bin",
            true,
            "checksum mismatch",
            "one byte flipped",
            |d| {
                let p = d.join("lm.bin");
                let mut b = std::fs::read(&p).unwrap();
                let mid = b.len() / 2;
                b[mid] ^= 0x10;
                std::fs::write(&p, b).unwrap();
            },
        ),
        (
            "lm.bin",
            true,
            "format version 9",
            "another format version",
            |d| {
                let p = d.join("lm.bin");
                let mut b = std::fs::read(&p).unwrap();
                b[8..12].copy_from_slice(&9u32.to_le_bytes());
                std::fs::write(&p, b).unwrap();
            },
        ),
        (
            "syllables.txt",
            false,
            "checksum mismatch",
            "another build's list",
            |d| {
                let p = d.join("syllables.txt");
                let s = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, format!("{s}xoong\t1\n")).unwrap();
            },
        ),
        (
            "checksums.xxh64",
            false,
            "No such file",
            "no checksums",
            |d| std::fs::remove_file(d.join("checksums.xxh64")).unwrap(),
        ),
    ];
    for (k, (file, copy_lm, problem, what, damage)) in cases.into_iter().enumerate() {
        let d = dict_copy(&tmp.path().join(format!("dict{k}")), copy_lm);
        damage(&d);
        let out = tmp.path().join(format!("out{k}.jsonl"));
        let mut c = vanban();
        c.arg("--dict")
            .arg(&d)
            .arg("run")
            .arg(&inputs)
            .arg("-o")
            .arg(&out);
        let (code, err) = output(c);
        assert_eq!(code, Some(2), "{what}: {err}");
        let named = d.join(file).display().to_string();
        assert!(
            err.contains(&named) && err.contains(problem),
            "{what}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{what}: {err}");
        assert!(
            !out.exists(),
            "{what}: no output before the dictionaries load"
        );
        let mut c = vanban();
        c.arg("--dict")
            .arg(&d)
            .arg("restore")
            .arg(inputs.join("doc000.txt"));
        assert_eq!(output(c).0, Some(2), "{what}: restore");
    }
    // The shipped folder itself passes, and `xxhsum -c` agrees where it is installed.
    let d = dict_copy(&tmp.path().join("intact"), false);
    let mut c = vanban();
    c.arg("--dict")
        .arg(&d)
        .arg("restore")
        .arg(inputs.join("doc000.txt"));
    assert_eq!(output(c).0, Some(0));
    if let Ok(o) = Command::new("xxhsum")
        .args(["-c", "checksums.xxh64"])
        .current_dir(root().join("dictionaries"))
        .output()
    {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    }
}
