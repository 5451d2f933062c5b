//! The pass over restored lines after decoding: same-letter rewrites from the name lists
//! (signers' names, places, organisations, fixed phrases) and the list-item sequence
//! (`d)` after `d)` is `đ)`), the same for cited points (`điểm d, điểm đ`), and the currency
//! letter after an amount (`5.000.000 đ`). Each rewrite keeps the line's tokens and character
//! count.

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
        let cur = point_letters(cur.as_deref().unwrap_or(line)).or(cur);
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

/// Points of an article run `a b c d đ e g …`, so a line citing `điểm d` again right after
/// `điểm d` (`điểm d, điểm d và điểm g`) means `điểm đ`; a lone `d` after an amount of four
/// digits or more (`5.000.000 d`) is the currency sign `đ`. `None` when nothing changes;
/// lines without a `d` token are not copied.
fn point_letters(line: &str) -> Option<String> {
    // Most lines have no lone `d` token: a byte search skips them before any tokenising.
    let lone_d = line.match_indices(" d").any(|(i, _)| {
        line.as_bytes()
            .get(i + 2)
            .is_none_or(|&b| matches!(b, b' ' | b'\t' | b',' | b';' | b'.' | b':'))
    });
    if !lone_d {
        return None;
    }
    let mut out: Option<String> = None;
    // Whether the previous token was `điểm` or an amount; the token number of the last
    // cited `điểm d`.
    let (mut prev_point_word, mut prev_amount) = (false, false);
    let mut last_d: Option<usize> = None;
    let base = line.as_ptr() as usize;
    for (k, tok) in normalize::tokens(line).enumerate() {
        let letters = tok.trim_end_matches([',', ';', '.', ':']);
        let is_d = letters == "d";
        if is_d {
            let repeat = prev_point_word && last_d.is_some_and(|j| k - j <= 3);
            if repeat || prev_amount {
                // `đ` is one byte longer than `d`: later offsets shift by the rewrites so far.
                let o = out.get_or_insert_with(|| line.to_string());
                let at = tok.as_ptr() as usize - base + (o.len() - line.len());
                o.replace_range(at..at + 1, "đ");
            } else if prev_point_word {
                last_d = Some(k);
            }
        }
        if prev_point_word && !is_d {
            last_d = None;
        }
        prev_point_word = letters.eq_ignore_ascii_case("điểm") || letters == "Điểm";
        prev_amount = is_amount(tok);
    }
    out
}

/// A number of four digits or more, digit groups separated by `.` or `,` (`5.000.000`, `2500`).
fn is_amount(tok: &str) -> bool {
    let digits = tok.bytes().filter(u8::is_ascii_digit).count();
    digits >= 4
        && tok.starts_with(|c: char| c.is_ascii_digit())
        && tok
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A point cited again right after itself is the next letter, `đ`; a single `điểm d`, a
    /// `d` after a small number and a `d` elsewhere stay.
    #[test]
    fn point_letters_after_a_repeated_d_and_amounts() {
        assert_eq!(
            point_letters("theo điểm d, điểm d và điểm g khoản 1").as_deref(),
            Some("theo điểm d, điểm đ và điểm g khoản 1")
        );
        assert_eq!(
            point_letters("điểm c, điểm d, điểm d, điểm e").as_deref(),
            Some("điểm c, điểm d, điểm đ, điểm e")
        );
        assert_eq!(point_letters("theo điểm d khoản 2 Điều 5"), None);
        assert_eq!(point_letters("điểm d khoản 1 và d khoản 2"), None);
        assert_eq!(
            point_letters("Mức thu: 5.000.000 d; 2500 d, điểm d, điểm d.").as_deref(),
            Some("Mức thu: 5.000.000 đ; 2500 đ, điểm d, điểm đ.")
        );
        assert_eq!(point_letters("Phụ lục 3 d"), None);
    }
}
