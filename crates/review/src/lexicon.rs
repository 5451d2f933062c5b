//! The names and terms archivists corrected, as a user lexicon for `vanban --lexicon FILE`:
//! the capitalised run of words (two or more, on one line) around each changed span, and the
//! edited person, place and authority fields of the document block.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::corrections::Entry;
use crate::store::{char_slice, Store};

/// Fields whose edited values are names.
const NAME_FIELDS: [&str; 4] = ["signer", "place", "authority", "parent_authority"];

fn capitalised(w: &str) -> bool {
    w.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// The lexicon's entries, sorted, from the corrections applied to `store`.
pub fn entries(store: &Store, corrections: &[Entry]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in corrections.iter().filter(|e| !e.is_confirmation()) {
        let Ok(d) = store.get(&e.document) else {
            continue;
        };
        if let Some(f) = e.field.as_deref() {
            if NAME_FIELDS.contains(&f) {
                if let Some(v) = d
                    .served
                    .pointer(&format!("/document/{f}"))
                    .and_then(Value::as_str)
                {
                    if v.split_whitespace().count() >= 2 && v.split_whitespace().all(capitalised) {
                        out.insert(v.to_string());
                    }
                }
            }
            continue;
        }
        let (Some([s, _]), Some(text)) = (e.span, e.text.as_deref()) else {
            continue;
        };
        if !text.split_whitespace().any(capitalised) {
            continue;
        }
        // The corrected text now sits at [s, s + len) of the served text (later corrections
        // may have moved it; then the run found is whatever is there, still capitalised).
        let restored = d.restored();
        let end = s + text.chars().count();
        let Some(line_start) = char_slice(restored, 0, s)
            .map(|p| p.rfind('\n').map_or(0, |i| p[..i + 1].chars().count()))
        else {
            continue;
        };
        let line: String = restored
            .chars()
            .skip(line_start)
            .take_while(|&c| c != '\n')
            .collect();
        // Words of the line with their character ranges.
        let mut words = Vec::new();
        let mut at = 0;
        for w in line.split(' ') {
            let n = w.chars().count();
            if !w.is_empty() {
                words.push((line_start + at, line_start + at + n, w));
            }
            at += n + 1;
        }
        let Some(k) = words.iter().position(|&(a, b, _)| a < end && b > s) else {
            continue;
        };
        let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        if !capitalised(words[k].2) {
            continue;
        }
        let (mut i, mut j) = (k, k);
        while i > 0
            && capitalised(words[i - 1].2)
            && !words[i - 1].2.ends_with([',', ';', ':', '.'])
        {
            i -= 1;
        }
        while j + 1 < words.len()
            && capitalised(words[j + 1].2)
            && !words[j].2.ends_with([',', ';', ':', '.'])
        {
            j += 1;
        }
        if j > i && j - i < 16 {
            let name: Vec<String> = words[i..=j].iter().map(|w| clean(w.2)).collect();
            if name.iter().all(|w| !w.is_empty()) {
                out.insert(name.join(" "));
            }
        }
    }
    out
}
