//! The records being reviewed: read once from the JSON Lines file, each served with the
//! corrections applied so far (text, re-extracted entities, edited document-block fields) and
//! its review state.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::corrections::{self, Entry, Request};
use crate::{Core, ReviewError};

/// Document-block fields that can be edited.
pub const FIELDS: [&str; 9] = [
    "number",
    "type",
    "date",
    "place",
    "authority",
    "parent_authority",
    "title",
    "signer",
    "signer_title",
];

/// Largest records file line read (a record holds a document's text twice).
const MAX_LINE: usize = 64 << 20;

/// One document under review.
pub struct Doc {
    pub id: String,
    /// The record with the corrections applied.
    pub served: Value,
    /// Per low-confidence token (the record's `restoration.low_confidence_tokens`): `pending`,
    /// `confirmed` or `corrected`.
    pub states: Vec<&'static str>,
    /// Corrections applied (confirmations included).
    pub corrections: usize,
    /// Edited document-block fields.
    pub fields: BTreeMap<String, Option<String>>,
}

impl Doc {
    fn str_at(&self, ptr: &str) -> &str {
        self.served
            .pointer(ptr)
            .and_then(Value::as_str)
            .unwrap_or("")
    }
    pub fn path(&self) -> &str {
        self.str_at("/source/path")
    }
    pub fn status(&self) -> &str {
        self.str_at("/status")
    }
    /// Low-confidence tokens not yet confirmed or corrected.
    pub fn pending(&self) -> usize {
        self.states.iter().filter(|s| **s == "pending").count()
    }
    /// How much the document needs review: error records first, then pending tokens.
    pub fn need(&self) -> usize {
        if self.status() == "error" {
            usize::MAX / 2
        } else {
            self.pending()
        }
    }
    /// The restored text (empty for error records).
    pub fn restored(&self) -> &str {
        self.str_at("/text/restored")
    }
    /// Number of page images the input has (0 for text files and error records).
    pub fn pages(&self) -> u32 {
        match self.str_at("/source/kind") {
            "pdf" | "image" => self
                .served
                .pointer("/source/pages")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .min(10_000) as u32,
            _ => 0,
        }
    }
    /// The list entry (`GET /api/documents`).
    pub fn summary(&self) -> Value {
        let g = |p: &str| self.served.pointer(p).cloned().unwrap_or(Value::Null);
        json!({
            "id": self.id,
            "path": self.path(),
            "kind": g("/source/kind"),
            "status": self.status(),
            "type": g("/document/type"),
            "number": g("/document/number"),
            "title": g("/document/title"),
            "error": g("/error/message"),
            "low_confidence": g("/restoration/low_confidence"),
            "pending": self.pending(),
            "corrections": self.corrections,
            "reviewed": self.status() == "ok" && self.pending() == 0,
        })
    }
    /// The record as served with its review state (`GET /api/documents/{id}`).
    pub fn view(&self) -> Value {
        let mut v = self.served.clone();
        if let Some(toks) = v
            .pointer_mut("/restoration/low_confidence_tokens")
            .and_then(Value::as_array_mut)
        {
            for (t, s) in toks.iter_mut().zip(&self.states) {
                if let Some(o) = t.as_object_mut() {
                    o.insert("review".into(), json!(s));
                }
            }
        }
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "review".into(),
                json!({
                    "id": self.id,
                    "pending": self.pending(),
                    "corrections": self.corrections,
                    "fields_edited": self.fields.keys().collect::<Vec<_>>(),
                    "pages": self.pages(),
                    "reviewed": self.status() == "ok" && self.pending() == 0,
                }),
            );
        }
        v
    }
}

/// Whether a JSON value is a vanban record as far as review needs: an object with a
/// `source.path`.
pub fn is_record(rec: &Value) -> bool {
    rec.is_object() && rec.pointer("/source/path").is_some_and(Value::is_string)
}

/// The records of a JSON Lines file, in file order (blank lines skipped); a line that is not a
/// record is an error naming it.
pub fn read_records(path: &Path) -> Result<Vec<Value>, ReviewError> {
    let rerr = |source| ReviewError::Read {
        path: path.display().to_string(),
        source,
    };
    let f = std::fs::File::open(path).map_err(rerr)?;
    let mut reader = BufReader::new(f);
    let mut records = Vec::new();
    let mut line = String::new();
    let mut n = 0;
    loop {
        line.clear();
        let got = (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_line(&mut line)
            .map_err(rerr)?;
        if got == 0 {
            break;
        }
        n += 1;
        let bad = |message: String| ReviewError::BadRecord {
            path: path.display().to_string(),
            line: n,
            message,
        };
        if got > MAX_LINE {
            return Err(bad(format!("line over {MAX_LINE} bytes")));
        }
        if line.trim().is_empty() {
            continue;
        }
        let rec: Value = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        if !is_record(&rec) {
            return Err(bad("not a vanban record (no source.path)".into()));
        }
        records.push(rec);
    }
    Ok(records)
}

/// All documents under review, in the order they were read.
pub struct Store {
    pub docs: Vec<Doc>,
    by_id: HashMap<String, usize>,
    /// The folder of the records file: relative input paths are tried against it too.
    pub base: PathBuf,
}

impl Store {
    /// Reads a records file (JSON Lines; blank lines skipped).
    pub fn load(path: &Path) -> Result<Store, ReviewError> {
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Ok(Store::from_records(read_records(path)?, base))
    }

    /// The documents of records already read (each an object with a `source.path`: see
    /// [`is_record`]), in that order; `base` is the folder relative input paths are also tried
    /// against.
    pub fn from_records(records: Vec<Value>, base: PathBuf) -> Store {
        let mut docs: Vec<Doc> = records
            .into_iter()
            .map(|rec| {
                let lows = rec
                    .pointer("/restoration/low_confidence_tokens")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                Doc {
                    id: String::new(),
                    served: rec,
                    states: vec!["pending"; lows],
                    corrections: 0,
                    fields: BTreeMap::new(),
                }
            })
            .collect();
        // Ids: the input's sha256 (16 hex digits) when it names one document, else the line.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for d in &docs {
            let sha = d.str_at("/source/sha256");
            if sha.len() >= 16 && sha.is_char_boundary(16) {
                *seen.entry(sha[..16].to_string()).or_default() += 1;
            }
        }
        let mut by_id = HashMap::new();
        for (i, d) in docs.iter_mut().enumerate() {
            let sha = d.str_at("/source/sha256").to_string();
            d.id = if sha.len() >= 16 && sha.is_char_boundary(16) && seen[&sha[..16]] == 1 {
                sha[..16].to_string()
            } else {
                format!("doc-{}", i + 1)
            };
            by_id.insert(d.id.clone(), i);
        }
        Store { docs, by_id, base }
    }

    pub fn get(&self, id: &str) -> Result<&Doc, ReviewError> {
        self.by_id
            .get(id)
            .map(|&i| &self.docs[i])
            .ok_or_else(|| ReviewError::NotFound(format!("no document {id:?}")))
    }

    /// Checks a correction against the served document and says what it changes, without
    /// applying it.
    pub fn prepare(&self, req: &Request) -> Result<Entry, ReviewError> {
        let d = self.get(&req.document)?;
        if d.status() != "ok" {
            return Err(ReviewError::BadRequest(format!(
                "document {} is an error record: nothing to correct",
                d.id
            )));
        }
        let text = req.text.as_deref();
        if text.is_some_and(|t| t.chars().count() > corrections::MAX_TEXT) {
            return Err(ReviewError::BadRequest(format!(
                "text over {} characters",
                corrections::MAX_TEXT
            )));
        }
        let mut e = Entry {
            time: corrections::now(),
            document: d.id.clone(),
            path: d.path().to_string(),
            sha256: d.str_at("/source/sha256").to_string(),
            span: None,
            field: None,
            old: None,
            text: req.text.clone(),
        };
        match (&req.span, &req.field) {
            (Some([s, end]), None) => {
                let Some(new) = text else {
                    return Err(ReviewError::BadRequest(
                        "a span correction needs text".into(),
                    ));
                };
                let restored = d.restored();
                let (a, b) = byte_range(restored, *s, *end).ok_or_else(|| {
                    ReviewError::BadRequest(format!(
                        "span [{s}, {end}] is not inside the text ({} characters)",
                        restored.chars().count()
                    ))
                })?;
                let old = &restored[a..b];
                // Gold files need token alignment: the same tokens and lines.
                if old.split_whitespace().count() != new.split_whitespace().count()
                    || old.matches('\n').count() != new.matches('\n').count()
                    || new.trim() != new
                    || old.trim() != old
                {
                    return Err(ReviewError::BadRequest(
                        "a correction must keep the span's tokens and lines (same number of \
                         words, no leading or trailing space)"
                            .into(),
                    ));
                }
                e.span = Some([*s, *end]);
                e.old = Some(old.to_string());
            }
            (None, Some(f)) => {
                if !FIELDS.contains(&f.as_str()) {
                    return Err(ReviewError::BadRequest(format!(
                        "unknown field {f:?} (one of {})",
                        FIELDS.join(", ")
                    )));
                }
                e.field = Some(f.clone());
                e.old = d
                    .served
                    .pointer(&format!("/document/{f}"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            _ => {
                return Err(ReviewError::BadRequest(
                    "give either \"span\" or \"field\"".into(),
                ))
            }
        }
        Ok(e)
    }

    /// Applies a prepared (or replayed) correction to its document.
    pub fn apply(&mut self, e: &Entry, core: &dyn Core) -> Result<(), ReviewError> {
        let i = *self
            .by_id
            .get(&e.document)
            .ok_or_else(|| ReviewError::NotFound(format!("no document {:?}", e.document)))?;
        let d = &mut self.docs[i];
        if let Some(f) = &e.field {
            d.fields.insert(f.clone(), e.text.clone());
            set_fields(&mut d.served, &d.fields);
            d.corrections += 1;
            return Ok(());
        }
        let ([s, end], Some(new)) = (e.span.unwrap_or([0, 0]), e.text.as_deref()) else {
            return Err(ReviewError::BadRequest("empty correction".into()));
        };
        let restored = d.restored().to_string();
        let (a, b) = byte_range(&restored, s, end)
            .ok_or_else(|| ReviewError::BadRequest(format!("span [{s}, {end}] out of range")))?;
        let mut text = String::with_capacity(restored.len() + new.len());
        text.push_str(&restored[..a]);
        text.push_str(new);
        text.push_str(&restored[b..]);
        let delta = new.chars().count() as i64 - (end - s) as i64;
        let confirm = &restored[a..b] == new;
        // Tokens inside the span take its state; tokens after it move.
        if let Some(toks) = d
            .served
            .pointer_mut("/restoration/low_confidence_tokens")
            .and_then(Value::as_array_mut)
        {
            for (t, st) in toks.iter_mut().zip(d.states.iter_mut()) {
                let Some([ts, te]) = span_of(t) else { continue };
                if ts >= end && !(ts == end && te == end && s < end) {
                    let shift = |x: usize| (x as i64 + delta).max(0) as usize;
                    t["span"] = json!([shift(ts), shift(te)]);
                } else if te > s || (ts == s && te == end) {
                    let nts = ts.min(s);
                    let nte = (te.max(end) as i64 + delta).max(nts as i64) as usize;
                    t["span"] = json!([nts, nte]);
                    if let Some(tt) = char_slice(&text, nts, nte) {
                        t["text"] = json!(tt);
                    }
                    *st = if confirm && *st != "corrected" {
                        "confirmed"
                    } else {
                        "corrected"
                    };
                }
            }
        }
        let (document, entities) = core.extract(&text);
        d.served["text"]["restored"] = json!(text);
        d.served["document"] = document;
        d.served["entities"] = entities;
        set_fields(&mut d.served, &d.fields);
        d.corrections += 1;
        Ok(())
    }
}

/// Edited fields override what extraction found.
fn set_fields(rec: &mut Value, fields: &BTreeMap<String, Option<String>>) {
    if !rec["document"].is_object() {
        rec["document"] = Value::Object(Map::new());
    }
    for (k, v) in fields {
        rec["document"][k] = v.as_ref().map_or(Value::Null, |s| json!(s));
    }
}

fn span_of(t: &Value) -> Option<[usize; 2]> {
    let a = t.get("span")?.as_array()?;
    Some([a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize])
}

/// Byte range of characters `[s, e)` of `text`, `None` when outside it or reversed.
pub fn byte_range(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    if s > e {
        return None;
    }
    let mut it = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let a = it.nth(s)?;
    let b = if e == s { a } else { it.nth(e - s - 1)? };
    Some((a, b))
}

/// Characters `[s, e)` of `text`.
pub fn char_slice(text: &str, s: usize, e: usize) -> Option<&str> {
    byte_range(text, s, e).map(|(a, b)| &text[a..b])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Extraction is not under test here (the browser test runs vanban's): the text itself.
    struct TextOnly;
    impl Core for TextOnly {
        fn extract(&self, restored: &str) -> (Value, Value) {
            (json!({ "title": restored }), json!([]))
        }
    }

    /// A longer correction moves the doubtful tokens after it and marks the one it covers;
    /// the same text confirms; a correction that would change the tokens is refused.
    #[test]
    fn corrections_move_later_spans_and_keep_tokens() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.jsonl");
        let rec = json!({"source": {"path": "a.txt", "sha256": "0123456789abcdef00", "kind": "txt"},
            "status": "ok", "text": {"raw": "Ke hoach so 1", "restored": "Kế hoach số 1"},
            "restoration": {"low_confidence": 2, "low_confidence_tokens": [
                {"token": 1, "span": [3, 8], "text": "hoach", "raw": "hoach", "confidence": 0.3, "alternatives": []},
                {"token": 2, "span": [9, 11], "text": "số", "raw": "so", "confidence": 0.4, "alternatives": []}]},
            "document": {}, "entities": []});
        std::fs::write(&p, format!("{rec}\n")).unwrap();
        let mut st = Store::load(&p).unwrap();
        let id = st.docs[0].id.clone();
        assert_eq!(id, "0123456789abcdef");
        let req = |span: [usize; 2], text: &str| Request {
            document: id.clone(),
            span: Some(span),
            field: None,
            text: Some(text.into()),
        };
        let e = st.prepare(&req([3, 8], "hoạch")).unwrap();
        assert_eq!(e.old.as_deref(), Some("hoach"));
        st.apply(&e, &TextOnly).unwrap();
        let e = st.prepare(&req([3, 8], "hoạchh")).unwrap();
        st.apply(&e, &TextOnly).unwrap();
        let d = st.get(&id).unwrap();
        assert_eq!(d.restored(), "Kế hoạchh số 1");
        assert_eq!(d.served["document"]["title"], "Kế hoạchh số 1");
        let toks = &d.served["restoration"]["low_confidence_tokens"];
        assert_eq!(toks[0]["span"], json!([3, 9]));
        assert_eq!(toks[1]["span"], json!([10, 12]));
        assert_eq!(toks[1]["text"], "số");
        let e = st.prepare(&req([10, 12], "số")).unwrap();
        assert!(e.is_confirmation());
        st.apply(&e, &TextOnly).unwrap();
        let d = st.get(&id).unwrap();
        assert_eq!(d.states, vec!["corrected", "confirmed"]);
        assert_eq!(d.pending(), 0);
        assert!(st.prepare(&req([10, 12], "số 2")).is_err());
        assert!(st.prepare(&req([10, 12], " số")).is_err());
        assert!(st.prepare(&req([10, 99], "x")).is_err());
    }

    #[test]
    fn char_spans_map_to_bytes() {
        let t = "Số 12 của";
        assert_eq!(char_slice(t, 0, 2), Some("Số"));
        assert_eq!(char_slice(t, 6, 9), Some("của"));
        assert_eq!(char_slice(t, 9, 9), Some(""));
        assert_eq!(char_slice(t, 6, 10), None);
        assert_eq!(char_slice(t, 3, 2), None);
    }
}
