//! Reviewed documents as gold files (SPEC.md's format), so `vanban eval --gold DIR` measures
//! restoration and extraction on what an archivist checked: `NAME.txt` (the raw text),
//! `NAME.restored.txt` (the corrected text, token-aligned with it) and `NAME.entities.json`.

use std::path::Path;

use serde_json::{json, Map, Value};

use crate::store::{Doc, Store};
use crate::ReviewError;

/// A document counts as reviewed when it is not an error, has no pending doubtful token and
/// the archivist did something with it (a correction, a confirmation).
pub fn is_reviewed(d: &Doc) -> bool {
    d.status() == "ok" && d.pending() == 0 && d.corrections > 0
}

/// Writes every reviewed document of `store` to `dir` (created); returns how many.
pub fn export(store: &Store, dir: &Path) -> Result<usize, ReviewError> {
    let werr = |p: &Path, source| ReviewError::Write {
        path: p.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(|e| werr(dir, e))?;
    let mut n = 0;
    for d in store.docs.iter().filter(|d| is_reviewed(d)) {
        let name = gold_name(d);
        let raw = d
            .served
            .pointer("/text/raw")
            .and_then(Value::as_str)
            .unwrap_or("");
        if !token_aligned(raw, d.restored()) {
            // No raw text (a record from an archive indexed before it kept whole records),
            // or one that restoration did not keep aligned: not a gold file.
            eprintln!(
                "vanban review: {} left out of the gold: its raw text is missing or not \
                 token-aligned with the restored text",
                d.path()
            );
            continue;
        }
        let files = [
            (format!("{name}.txt"), raw.as_bytes().to_vec()),
            (
                format!("{name}.restored.txt"),
                d.restored().as_bytes().to_vec(),
            ),
            (
                format!("{name}.entities.json"),
                serde_json::to_vec_pretty(&entities_gold(d, &name)).expect("JSON serialises"),
            ),
        ];
        for (f, bytes) in files {
            let p = dir.join(f);
            std::fs::write(&p, bytes).map_err(|e| werr(&p, e))?;
        }
        n += 1;
    }
    Ok(n)
}

/// Whether two texts have the same lines with the same number of tokens each (SPEC.md's
/// restoration invariant, which gold files must keep), and any text at all.
pub fn token_aligned(raw: &str, restored: &str) -> bool {
    !raw.trim().is_empty()
        && raw.lines().count() == restored.lines().count()
        && raw
            .lines()
            .zip(restored.lines())
            .all(|(a, b)| a.split_whitespace().count() == b.split_whitespace().count())
}

/// `STEM_ID`: the input's file stem (letters, digits, `-`, `_` only) and the document id.
fn gold_name(d: &Doc) -> String {
    let stem = Path::new(d.path())
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    format!("{clean}_{}", d.id)
}

/// `{"doc", "document", "entities": {TYPE: [value, …]}}` from the served record.
fn entities_gold(d: &Doc, name: &str) -> Value {
    let mut by_type: Map<String, Value> = Map::new();
    if let Some(ents) = d.served.get("entities").and_then(Value::as_array) {
        for e in ents {
            let Some(t) = e.get("type").and_then(Value::as_str) else {
                continue;
            };
            let list = by_type.entry(t.to_string()).or_insert_with(|| json!([]));
            if let Some(l) = list.as_array_mut() {
                l.push(e.get("value").cloned().unwrap_or(Value::Null));
            }
        }
    }
    json!({
        "doc": format!("{name}.txt"),
        "document": d.served.get("document").cloned().unwrap_or(Value::Null),
        "entities": by_type,
    })
}
