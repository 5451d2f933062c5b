//! Page images of the reviewed inputs, made on demand and cached (at most 256 MiB in memory,
//! oldest dropped first): PDF pages rendered by `pdftoppm`, TIFF pages through the core, PNG and
//! JPEG files as they are. Only files named by the records are ever read: a request names a document id and
//! a page number, never a path.

use std::collections::{HashMap, VecDeque};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::{Core, ReviewError};

/// Resolution PDF pages are rendered at (a page fits a screen at about this).
const DPI: u32 = 110;
/// Longest a page render may take.
const RENDER_TIMEOUT: Duration = Duration::from_secs(60);
/// Largest input file read into memory (the batch job's own limit).
const MAX_INPUT: u64 = 512 << 20;
/// Bytes of page images kept in memory; the oldest are dropped past it (made again on demand).
const CACHE_BYTES: usize = 256 << 20;

/// A cached page image: its bytes and content type.
#[derive(Clone)]
pub struct Image {
    pub bytes: std::sync::Arc<Vec<u8>>,
    pub content_type: &'static str,
}

/// Page images in memory, oldest first, at most [`CACHE_BYTES`] of them.
#[derive(Default)]
struct Cache {
    map: HashMap<(String, u32), Image>,
    order: VecDeque<(String, u32)>,
    bytes: usize,
}

impl Cache {
    fn get(&self, key: &(String, u32)) -> Option<&Image> {
        self.map.get(key)
    }

    fn insert(&mut self, key: (String, u32), img: Image, limit: usize) {
        self.bytes += img.bytes.len();
        if let Some(old) = self.map.insert(key.clone(), img) {
            self.bytes -= old.bytes.len();
        } else {
            self.order.push_back(key);
        }
        while self.bytes > limit && self.order.len() > 1 {
            if let Some(k) = self.order.pop_front() {
                if let Some(old) = self.map.remove(&k) {
                    self.bytes -= old.bytes.len();
                }
            }
        }
    }
}

/// The page cache: a private temporary folder plus an in-memory index.
pub struct Pages {
    dir: tempfile::TempDir,
    cache: Mutex<Cache>,
    /// One render at a time (2 cores shared with the browser).
    render: Mutex<()>,
}

impl Pages {
    pub fn new() -> Result<Pages, ReviewError> {
        let dir = tempfile::Builder::new()
            .prefix("vanban-review-")
            .tempdir()
            .map_err(|e| ReviewError::Render(format!("cannot make a cache folder: {e}")))?;
        Ok(Pages {
            dir,
            cache: Mutex::new(Cache::default()),
            render: Mutex::new(()),
        })
    }

    /// Page `page` (from 1) of document `id`, whose input is `path` of kind `kind`.
    pub fn get(
        &self,
        id: &str,
        path: &Path,
        kind: &str,
        page: u32,
        core: &dyn Core,
    ) -> Result<Image, ReviewError> {
        let key = (id.to_string(), page);
        if let Some(img) = self.cache.lock().expect("cache lock").get(&key) {
            return Ok(img.clone());
        }
        let _one = self.render.lock().expect("render lock");
        if let Some(img) = self.cache.lock().expect("cache lock").get(&key) {
            return Ok(img.clone());
        }
        let img = self.make(id, path, kind, page, core)?;
        self.cache
            .lock()
            .expect("cache lock")
            .insert(key, img.clone(), CACHE_BYTES);
        Ok(img)
    }

    fn make(
        &self,
        id: &str,
        path: &Path,
        kind: &str,
        page: u32,
        core: &dyn Core,
    ) -> Result<Image, ReviewError> {
        let png = |bytes: Vec<u8>| Image {
            bytes: std::sync::Arc::new(bytes),
            content_type: "image/png",
        };
        if kind == "pdf" {
            let prefix = self.dir.path().join(format!("{id}-{page}"));
            return pdf_page(path, page, &prefix).map(png);
        }
        let bytes = read_input(path)?;
        let ct = if bytes.starts_with(b"\x89PNG") {
            "image/png"
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            "image/jpeg"
        } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
            return core
                .tiff_page_png(&bytes, page)
                .map(png)
                .ok_or_else(|| ReviewError::Render(format!("TIFF page {page} cannot be shown")));
        } else {
            return Err(ReviewError::Render(format!(
                "{} is no PNG, JPEG or TIFF",
                path.display()
            )));
        };
        if page != 1 {
            return Err(ReviewError::NotFound(format!(
                "page {page}: the image has one"
            )));
        }
        Ok(Image {
            bytes: std::sync::Arc::new(bytes),
            content_type: ct,
        })
    }
}

fn read_input(path: &Path) -> Result<Vec<u8>, ReviewError> {
    let rerr = |source| ReviewError::Read {
        path: path.display().to_string(),
        source,
    };
    let f = std::fs::File::open(path).map_err(rerr)?;
    let mut bytes = Vec::new();
    f.take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(rerr)?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(ReviewError::Render(format!(
            "{} is over {} MiB",
            path.display(),
            MAX_INPUT >> 20
        )));
    }
    Ok(bytes)
}

/// Renders one PDF page with `pdftoppm` to `prefix.png` and reads it.
fn pdf_page(path: &Path, page: u32, prefix: &Path) -> Result<Vec<u8>, ReviewError> {
    let p = page.to_string();
    let mut child = Command::new("pdftoppm")
        .args([
            "-png",
            "-singlefile",
            "-r",
            &DPI.to_string(),
            "-f",
            &p,
            "-l",
            &p,
        ])
        .arg(path)
        .arg(prefix)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ReviewError::Render(format!("cannot run pdftoppm (poppler-utils): {e}")))?;
    let t = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if t.elapsed() > RENDER_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ReviewError::Render(format!(
                    "pdftoppm took over {} s",
                    RENDER_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(ReviewError::Render(e.to_string())),
        }
    };
    let mut err = String::new();
    if let Some(mut s) = child.stderr.take() {
        let _ = s.read_to_string(&mut err);
    }
    let out: PathBuf = prefix.with_extension("png");
    if !status.success() {
        return Err(ReviewError::Render(format!(
            "pdftoppm failed on page {page}: {}",
            err.lines().next().unwrap_or("no message")
        )));
    }
    let bytes = std::fs::read(&out).map_err(|source| ReviewError::Read {
        path: out.display().to_string(),
        source,
    })?;
    let _ = std::fs::remove_file(&out);
    Ok(bytes)
}

#[cfg(test)]
mod cache_tests {
    use super::*;

    fn img(n: usize) -> Image {
        Image {
            bytes: std::sync::Arc::new(vec![0; n]),
            content_type: "image/png",
        }
    }

    #[test]
    fn the_oldest_pages_go_past_the_budget() {
        let mut c = Cache::default();
        for page in 1..=3 {
            c.insert(("d".into(), page), img(4), 10);
        }
        // 12 bytes > 10: page 1 went; the newest is always kept, even alone over budget.
        assert!(c.get(&("d".into(), 1)).is_none());
        assert!(c.get(&("d".into(), 3)).is_some());
        assert_eq!(c.bytes, 8);
        c.insert(("d".into(), 4), img(50), 10);
        assert_eq!((c.map.len(), c.bytes), (1, 50));
    }
}
