//! The HTTP side: routes, the JSON API, the embedded page, its script and stylesheet, and
//! errors as 4xx/5xx with a JSON message. Requests never panic the server: every handler
//! returns a `Result`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::corrections::{self, Log};
use crate::images::Pages;
use crate::store::Store;
use crate::{Core, ReviewError};

/// Largest request body accepted.
pub const MAX_BODY: usize = 64 << 10;

const INDEX: &str = include_str!("../assets/index.html");
const SCRIPT: &str = include_str!("../assets/app.js");
const STYLE: &str = include_str!("../assets/app.css");

/// Everything a request handler needs.
pub struct App {
    pub store: Mutex<Store>,
    pub log: Mutex<Log>,
    pub pages: Pages,
    pub core: Box<dyn Core>,
}

/// A response before it is sent: status, content type, body.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Arc<Vec<u8>>,
}

impl Reply {
    fn json(status: u16, v: &Value) -> Reply {
        Reply {
            status,
            content_type: "application/json; charset=utf-8",
            body: Arc::new(serde_json::to_vec(v).expect("JSON serialises")),
        }
    }
    fn text(content_type: &'static str, s: &str) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: Arc::new(s.as_bytes().to_vec()),
        }
    }
    fn error(e: &ReviewError) -> Reply {
        Reply::json(e.status(), &json!({ "error": e.to_string() }))
    }
}

impl App {
    /// Loads the records, replays the corrections file onto them and opens it for appending.
    pub fn open(
        records: &Path,
        corrections_path: &Path,
        core: Box<dyn Core>,
    ) -> Result<App, ReviewError> {
        App::new(Store::load(records)?, corrections_path, core)
    }

    /// Serves the documents of `store` (read from a records file, an archive or both), with
    /// the corrections of `corrections_path` replayed (the file is created if missing).
    pub fn new(
        mut store: Store,
        corrections_path: &Path,
        core: Box<dyn Core>,
    ) -> Result<App, ReviewError> {
        let (log, prior) = Log::open(corrections_path)?;
        for e in &prior {
            if let Err(err) = store.apply(e, core.as_ref()) {
                eprintln!(
                    "vanban review: {}: a correction of {} was not applied: {err}",
                    corrections_path.display(),
                    e.document
                );
            }
        }
        Ok(App {
            store: Mutex::new(store),
            log: Mutex::new(log),
            pages: Pages::new()?,
            core,
        })
    }

    /// Answers one request (method, URL, body reader).
    pub fn handle(
        &self,
        method: &Method,
        url: &str,
        body: &mut dyn Read,
        len: Option<usize>,
    ) -> Reply {
        match self.route(method, url, body, len) {
            Ok(r) => r,
            Err(e) => Reply::error(&e),
        }
    }

    fn route(
        &self,
        method: &Method,
        url: &str,
        body: &mut dyn Read,
        len: Option<usize>,
    ) -> Result<Reply, ReviewError> {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match (method, parts.as_slice()) {
            (Method::Get, []) => Ok(Reply::text("text/html; charset=utf-8", INDEX)),
            (Method::Get, ["static", "app.js"]) => {
                Ok(Reply::text("text/javascript; charset=utf-8", SCRIPT))
            }
            (Method::Get, ["static", "app.css"]) => {
                Ok(Reply::text("text/css; charset=utf-8", STYLE))
            }
            (Method::Get, ["api", "documents"]) => Ok(Reply::json(200, &self.list(query))),
            (Method::Get, ["api", "documents", id]) => {
                let store = self.store.lock().expect("store lock");
                Ok(Reply::json(200, &store.get(id)?.view()))
            }
            (Method::Get, ["api", "documents", id, "pages", n]) => self.page(id, n),
            (Method::Post, ["api", "corrections"]) => {
                let body = read_body(body, len)?;
                self.correct(&body)
            }
            (Method::Get | Method::Post, _) => {
                Err(ReviewError::NotFound(format!("no page {path}")))
            }
            _ => Err(ReviewError::BadRequest(format!(
                "method {method} not served"
            ))),
        }
    }

    /// The document list, most in need of review first; `status=` and `type=` filter it
    /// (`status` is `ok`, `error`, `pending` or `reviewed`; `type` a document type or input kind).
    fn list(&self, query: &str) -> Value {
        let mut status = None;
        let mut typ = None;
        for kv in query.split('&') {
            match kv.split_once('=') {
                Some(("status", v)) if !v.is_empty() => status = Some(decode(v)),
                Some(("type", v)) if !v.is_empty() => typ = Some(decode(v)),
                _ => {}
            }
        }
        let store = self.store.lock().expect("store lock");
        let mut docs: Vec<_> = store
            .docs
            .iter()
            .filter(|d| match status.as_deref() {
                None => true,
                Some("pending") => d.status() == "ok" && d.pending() > 0,
                Some("reviewed") => d.status() == "ok" && d.pending() == 0,
                Some(s) => d.status() == s,
            })
            .map(|d| (d.need(), d.summary()))
            .filter(|(_, s)| match typ.as_deref() {
                None => true,
                Some(t) => s["type"].as_str() == Some(t) || s["kind"].as_str() == Some(t),
            })
            .collect();
        docs.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1["path"].as_str().cmp(&b.1["path"].as_str()))
        });
        Value::Array(docs.into_iter().map(|(_, s)| s).collect())
    }

    fn page(&self, id: &str, n: &str) -> Result<Reply, ReviewError> {
        let page: u32 = n
            .strip_suffix(".png")
            .unwrap_or(n)
            .parse()
            .map_err(|_| ReviewError::BadRequest(format!("page {n:?} is not a page number")))?;
        let (path, kind, pages, base) = {
            let store = self.store.lock().expect("store lock");
            let d = store.get(id)?;
            let kind = d
                .served
                .pointer("/source/kind")
                .and_then(Value::as_str)
                .unwrap_or("");
            (
                PathBuf::from(d.path()),
                kind.to_string(),
                d.pages(),
                store.base.clone(),
            )
        };
        if page == 0 || page > pages {
            return Err(ReviewError::NotFound(format!(
                "document {id} has {pages} page image(s), no page {page}"
            )));
        }
        let file = resolve(&path, &base).ok_or_else(|| {
            ReviewError::NotFound(format!("input {} is not on this machine", path.display()))
        })?;
        let img = self.pages.get(id, &file, &kind, page, self.core.as_ref())?;
        Ok(Reply {
            status: 200,
            content_type: img.content_type,
            body: img.bytes,
        })
    }

    fn correct(&self, body: &[u8]) -> Result<Reply, ReviewError> {
        let req: corrections::Request = serde_json::from_slice(body)
            .map_err(|e| ReviewError::BadRequest(format!("malformed correction: {e}")))?;
        let mut store = self.store.lock().expect("store lock");
        let entry = store.prepare(&req)?;
        // On disk first: a correction the server acknowledged is never lost.
        self.log.lock().expect("log lock").append(&entry)?;
        store.apply(&entry, self.core.as_ref())?;
        Ok(Reply::json(200, &store.get(&entry.document)?.view()))
    }
}

/// An input path as the record gives it, else relative to the records file's folder.
fn resolve(path: &Path, base: &Path) -> Option<PathBuf> {
    if path.is_file() {
        return Some(path.to_path_buf());
    }
    let p = base.join(path);
    (path.is_relative() && p.is_file()).then_some(p)
}

fn read_body(body: &mut dyn Read, len: Option<usize>) -> Result<Vec<u8>, ReviewError> {
    if len.is_some_and(|l| l > MAX_BODY) {
        return Err(ReviewError::TooLarge(MAX_BODY));
    }
    let mut buf = Vec::new();
    body.take(MAX_BODY as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ReviewError::BadRequest(format!("cannot read the body: {e}")))?;
    if buf.len() > MAX_BODY {
        return Err(ReviewError::TooLarge(MAX_BODY));
    }
    Ok(buf)
}

/// Percent-decoding of a query value (`+` is a space).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Serves `app` on `server` with `threads` workers until the process ends.
pub fn serve(app: Arc<App>, server: Arc<Server>, threads: usize) {
    let mut handles = Vec::new();
    for _ in 0..threads.max(1) {
        let (app, server) = (app.clone(), server.clone());
        handles.push(std::thread::spawn(move || {
            for req in server.incoming_requests() {
                respond(&app, req);
            }
        }));
    }
    for h in handles {
        let _ = h.join();
    }
}

/// Answers one tiny_http request.
pub fn respond(app: &App, mut req: Request) {
    let len = req.body_length();
    let method = req.method().clone();
    let url = req.url().to_string();
    let reply = app.handle(&method, &url, req.as_reader(), len);
    // A Content-Length rather than chunks, whatever the size.
    let mut resp = Response::from_data(reply.body.as_ref().clone())
        .with_status_code(reply.status)
        .with_chunked_threshold(usize::MAX);
    resp.add_header(
        Header::from_bytes(&b"Content-Type"[..], reply.content_type.as_bytes()).expect("header"),
    );
    resp.add_header(Header::from_bytes(&b"Cache-Control"[..], &b"no-store"[..]).expect("header"));
    let _ = req.respond(resp);
}
