//! One writer per output: an advisory `flock` on `OUT.lock` beside the output, which holds the
//! owner's pid. The kernel drops the lock when its process dies, so the file a run killed with
//! SIGKILL leaves behind is stale and the next run simply takes it over.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::MetadataExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// A held output lock; dropping it removes the lock file and releases the lock.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
    _file: File,
}

/// `OUT.lock`, beside `out`.
pub fn lock_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    out.with_file_name(name)
}

impl OutputLock {
    /// Takes the lock of `out` at once, or fails with [`Error::Locked`] naming the holder's
    /// pid; a lock file that cannot be created is an [`Error::Output`].
    pub fn acquire(out: &Path) -> Result<OutputLock, Error> {
        let path = lock_path(out);
        let cannot = |e: std::io::Error| Error::Output {
            path: out.to_path_buf(),
            problem: e.to_string(),
        };
        loop {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(cannot)?;
            // SAFETY: flock on a descriptor this function owns; no memory is involved.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
                let e = std::io::Error::last_os_error();
                if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
                    return Err(Error::Locked {
                        path: out.to_path_buf(),
                        holder: holder(&mut file),
                    });
                }
                return Err(cannot(e));
            }
            // A finishing holder may have removed the file between our open and our lock:
            // then the lock is on a name nobody else will open, so start again.
            let same = match (std::fs::metadata(&path), file.metadata()) {
                (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
                _ => false,
            };
            if !same {
                continue;
            }
            let pid = format!("{}\n", std::process::id());
            file.set_len(0)
                .and_then(|_| file.write_all(pid.as_bytes()))
                .map_err(cannot)?;
            return Ok(OutputLock { path, _file: file });
        }
    }
}

/// The pid a lock file holds, if it can be read.
fn holder(f: &mut File) -> Option<u32> {
    let mut s = String::new();
    f.seek(SeekFrom::Start(0)).ok()?;
    f.read_to_string(&mut s).ok()?;
    s.trim().parse().ok()
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes with the descriptor just after.
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_with_the_holders_pid_and_is_free_after_drop() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out.jsonl");
        let held = OutputLock::acquire(&out).unwrap();
        let lock = tmp.path().join("out.jsonl.lock");
        assert!(lock.exists());
        // flock locks belong to the open file description, so a second open in the same
        // process conflicts as another process's would.
        match OutputLock::acquire(&out) {
            Err(Error::Locked { holder, .. }) => assert_eq!(holder, Some(std::process::id())),
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(held);
        assert!(!lock.exists());
        // A stale lock file (its process gone) does not block.
        std::fs::write(&lock, "999999\n").unwrap();
        let again = OutputLock::acquire(&out).unwrap();
        drop(again);
        let e = OutputLock::acquire(&tmp.path().join("no/such/out.jsonl")).unwrap_err();
        assert!(matches!(e, Error::Output { .. }), "{e}");
    }
}
