//! Reading one input file when it may change under the run: only regular files are read (a
//! directory, FIFO, device or socket is an `io` error, and opening never blocks), the type is
//! checked again on the opened descriptor, and a file that changes while it is read is an error.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

use super::IngestError;

/// Reads the whole file at `path`, at most `max` bytes (more is a `limit` error).
pub fn read(path: &Path, max: u64) -> Result<Vec<u8>, IngestError> {
    // Checked before opening, so that nothing waits for a FIFO's writer or a device.
    regular(&std::fs::metadata(path)?)?;
    let mut f = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    // The path may have been replaced between the check and the open.
    let before = f.metadata()?;
    regular(&before)?;
    let len = before.len();
    if len > max {
        return Err(IngestError::Limit(format!(
            "file of {len} bytes is over the {max}-byte limit"
        )));
    }
    let mut b = Vec::with_capacity(len as usize);
    (&mut f).take(max + 1).read_to_end(&mut b)?;
    if b.len() as u64 > max {
        return Err(IngestError::Limit(format!(
            "file grew over the {max}-byte limit while it was read"
        )));
    }
    unchanged(&f, &before, b.len())?;
    Ok(b)
}

/// An error unless the metadata is a regular file's, naming what it is instead.
fn regular(m: &Metadata) -> io::Result<()> {
    let t = m.file_type();
    let what = if t.is_file() {
        return Ok(());
    } else if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    };
    Err(io::Error::other(format!("not a regular file: {what}")))
}

/// An error if the file's size or modification time moved while `read` bytes were read.
fn unchanged(f: &File, before: &Metadata, read: usize) -> io::Result<()> {
    let after = f.metadata()?;
    let same_time = (after.mtime(), after.mtime_nsec()) == (before.mtime(), before.mtime_nsec());
    if read as u64 == before.len() && after.len() == before.len() && same_time {
        return Ok(());
    }
    Err(io::Error::other(format!(
        "changed while being read ({} bytes at open, {read} read, {} now)",
        before.len(),
        after.len()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(r: Result<Vec<u8>, IngestError>) -> String {
        match r {
            Err(e) => {
                assert_eq!(e.kind(), "io", "{e}");
                e.to_string()
            }
            Ok(b) => panic!("read {} bytes", b.len()),
        }
    }

    #[test]
    fn special_files_are_io_errors_without_blocking() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("f.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert!(message(read(&fifo, 1 << 20)).contains("a FIFO"));
        assert!(message(read(tmp.path(), 1 << 20)).contains("a directory"));
        assert!(message(read(Path::new("/dev/zero"), 1 << 20)).contains("character device"));
        assert!(message(read(&tmp.path().join("gone.txt"), 1 << 20)).contains("No such file"));
        let f = tmp.path().join("ok.txt");
        std::fs::write(&f, "xin chào").unwrap();
        assert_eq!(read(&f, 1 << 20).unwrap(), "xin chào".as_bytes());
        assert_eq!(read(&f, 3).unwrap_err().kind(), "limit");
    }
}
