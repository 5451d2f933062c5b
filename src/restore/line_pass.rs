//! The pass over restored lines after decoding: same-letter rewrites from the name lists
//! (signers' names, places, organisations, fixed phrases) and the list-item sequence
//! (`d)` after `d)` is `đ)`). Each rewrite keeps the line's tokens and character count.

use super::{places, Restored, Restorer};
use crate::normalize;

/// Rewrites the lines of `out` (restored from `input`) where a list or the item sequence says.
pub fn apply(r: &Restorer, input: &str, out: &mut Restored) {
    let text = input;
    // One pass over the lines for the name lists (signer names, places, organisations).
    let names = r.names.as_ref();
    let lists: Vec<&places::Places> = [
        r.places.as_ref(),
        r.organizations.as_ref(),
        r.phrases.as_ref(),
        r.user_lexicon.as_ref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    // List items run `a) b) c) d) đ) e)`: a `d)` after a `d)` is `đ)`.
    let last_marker = std::cell::Cell::new(None::<char>);
    fix_lines(text, out, |line| {
        let cur: Option<String> = names.and_then(|n| n.fix_line(line));
        let cur = places::fix_line_lists(&lists, cur.as_deref().unwrap_or(line)).or(cur);
        let l = cur.as_deref().unwrap_or(line);
        let Some(m) = list_marker(l) else {
            return cur;
        };
        let fixed = match (m, last_marker.get()) {
            ('d', Some('d')) | ('D', Some('D')) => {
                let at = l.len() - l.trim_start().len();
                let d = if m == 'd' { "đ" } else { "Đ" };
                last_marker.set(Some(if m == 'd' { 'đ' } else { 'Đ' }));
                return Some(format!("{}{d}{}", &l[..at], &l[at + 1..]));
            }
            _ => cur,
        };
        last_marker.set(Some(m));
        fixed
    });
}

/// The letter of a list item that opens a line (`d) Sửa đổi …` -> `d`).
fn list_marker(line: &str) -> Option<char> {
    let t = line.trim_start();
    let mut cs = t.chars();
    let c = cs.next()?;
    (c.is_alphabetic() && cs.next() == Some(')')).then_some(c)
}

/// Rewrites restored lines with `fix` (name readings, place names). Only same-letter rewrites
/// of the same length in characters are taken, so token spans stay valid; `changed` is
/// recomputed for the rewritten lines.
fn fix_lines(input: &str, out: &mut Restored, fix: impl Fn(&str) -> Option<String>) {
    // Rewritten lines as (byte range in the output, new text); tokens are counted only up to
    // a rewritten line, since most lines are left alone.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let (mut counted, mut tok) = (0usize, 0usize);
    let base = out.text.as_ptr() as usize;
    for ((line, _), (inp, _)) in normalize::lines(&out.text).zip(normalize::lines(input)) {
        match fix(line) {
            Some(fixed) if fixed != line && fixed.chars().count() == line.chars().count() => {
                let start = line.as_ptr() as usize - base;
                tok += normalize::tokens(&out.text[counted..start]).count();
                counted = start;
                for (k, (new, old)) in normalize::tokens(&fixed)
                    .zip(normalize::tokens(inp))
                    .enumerate()
                {
                    if let Some(t) = out.tokens.get_mut(tok + k) {
                        t.changed = new != old;
                    }
                }
                edits.push((start, start + line.len(), fixed));
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return;
    }
    let mut text = String::with_capacity(out.text.len());
    let mut pos = 0;
    for (a, b, fixed) in &edits {
        text.push_str(&out.text[pos..*a]);
        text.push_str(fixed);
        pos = *b;
    }
    text.push_str(&out.text[pos..]);
    out.text = text;
}
