//! The pass over restored lines after decoding: same-letter rewrites from the name lists
//! (signers' names, places, organisations, fixed phrases) and the list-item sequence
//! (`d)` after `d)` is `đ)`), the same for cited points (`điểm d, điểm đ`), the currency
//! letter after an amount (`5.000.000 đ`) and a cited number's type code as its type word
//! says (`Hướng dẫn số 12/HD`). Each rewrite keeps the line's tokens and character count.

use super::{places, Restored, Restorer};
use crate::normalize;

/// Rewrites the lines of `out` (restored from `input`) where a list or the item sequence says.
/// Accented text (`clean`) keeps its place names and its list letters as printed: the
/// gazetteer has one spelling of letters that name several places (`xã Hoàng Văn`, `Lộc
/// Thành`).
pub fn apply(r: &Restorer, input: &str, out: &mut Restored, clean: bool) {
    let text = input;
    // One pass over the lines for the name lists (signer names, places, organisations).
    let names = r.names.as_ref();
    let lists: Vec<&places::Places> = [
        r.places.as_ref().filter(|_| !clean),
        r.organizations.as_ref(),
        r.phrases.as_ref(),
        r.user_lexicon.as_ref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    // List items run `a) b) c) d) đ) e)`: a `d)` after a `d)` is `đ)`.
    let last_marker = std::cell::Cell::new(None::<char>);
    fix_lines(text, out, |line, inp| {
        let cur: Option<String> = names.and_then(|n| n.fix_name_line(line, Some(inp)));
        let cur = places::fix_line_lists(&lists, cur.as_deref().unwrap_or(line)).or(cur);
        // Accented text prints `đ` where it means one: its `d` labels and points stand.
        if clean {
            return cur;
        }
        let cur = point_letters(cur.as_deref().unwrap_or(line)).or(cur);
        let cur = super::type_code::fix_line(cur.as_deref().unwrap_or(line)).or(cur);
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

/// Rewrites restored lines with `fix` (given the restored line and its input line: name
/// readings, place names). A rewrite must keep the line's tokens (same count); it may change
/// their length (a name read from the input's letters), and the token spans after it move
/// with it. `changed` is recomputed for the rewritten lines.
pub(super) fn fix_lines(
    input: &str,
    out: &mut Restored,
    fix: impl Fn(&str, &str) -> Option<String>,
) {
    // Rewritten lines as (byte range in the output, new text, first token, token count);
    // tokens are counted only up to a rewritten line, since most lines are left alone.
    let mut edits: Vec<(usize, usize, String, usize, usize)> = Vec::new();
    let (mut counted, mut tok) = (0usize, 0usize);
    let base = out.text.as_ptr() as usize;
    for ((line, _), (inp, _)) in normalize::lines(&out.text).zip(normalize::lines(input)) {
        let Some(fixed) = fix(line, inp) else {
            continue;
        };
        let m = normalize::tokens(line).count();
        if fixed == line || normalize::tokens(&fixed).count() != m {
            continue;
        }
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
        edits.push((start, start + line.len(), fixed, tok, m));
    }
    if edits.is_empty() {
        return;
    }
    let mut text = String::with_capacity(out.text.len());
    let mut pos = 0;
    // Character shift of the spans so far, and the next token to shift.
    let (mut shift, mut next) = (0isize, 0usize);
    for (a, b, fixed, first, m) in &edits {
        let old = &out.text[*a..*b];
        let delta = fixed.chars().count() as isize - old.chars().count() as isize;
        text.push_str(&out.text[pos..*a]);
        text.push_str(fixed);
        pos = *b;
        let moved = |x: usize, d: isize| x.saturating_add_signed(d);
        for t in out.tokens.iter_mut().take(*first).skip(next) {
            (t.start, t.end) = (moved(t.start, shift), moved(t.end, shift));
        }
        // The line's own tokens: spans from the new line, from the line's first character.
        let line_start = out.tokens.get(*first).and_then(|t| {
            let lead = normalize::tokens(old).next()?;
            let off = old[..lead.as_ptr() as usize - old.as_ptr() as usize]
                .chars()
                .count();
            Some(moved(t.start, shift) - off)
        });
        if let Some(ls) = line_start.filter(|_| delta != 0) {
            for (t, w) in out.tokens[*first..]
                .iter_mut()
                .take(*m)
                .zip(normalize::tokens(fixed))
            {
                let off = fixed[..w.as_ptr() as usize - fixed.as_ptr() as usize]
                    .chars()
                    .count();
                (t.start, t.end) = (ls + off, ls + off + w.chars().count());
            }
        } else {
            for t in out.tokens.iter_mut().skip(*first).take(*m) {
                (t.start, t.end) = (moved(t.start, shift), moved(t.end, shift));
            }
        }
        shift += delta;
        next = first + m;
    }
    for t in out.tokens.iter_mut().skip(next) {
        (t.start, t.end) = (
            t.start.saturating_add_signed(shift),
            t.end.saturating_add_signed(shift),
        );
    }
    text.push_str(&out.text[pos..]);
    out.text = text;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::restore::TokenInfo;

    /// A rewrite that changes a line's length moves the spans of its own tokens and of every
    /// later token, and leaves earlier ones alone; `changed` compares with the input.
    #[test]
    fn rewrites_of_another_length_move_the_spans() {
        let input = "ab cd\nPhung Thi\nef gh";
        let text = "ab cd\nPhường Thủy\nef gh";
        let mut spans = Vec::new();
        let mut at = 0;
        for (line, _) in normalize::lines(text) {
            for w in normalize::tokens(line) {
                let off = line[..w.as_ptr() as usize - line.as_ptr() as usize]
                    .chars()
                    .count();
                spans.push((at + off, at + off + w.chars().count()));
            }
            at += line.chars().count() + 1;
        }
        let mut out = Restored {
            text: text.to_string(),
            tokens: spans
                .iter()
                .map(|&(start, end)| TokenInfo {
                    start,
                    end,
                    changed: true,
                    confidence: 1.0,
                })
                .collect(),
            alternatives: Vec::new(),
        };
        fix_lines(input, &mut out, |line, _| {
            (line == "Phường Thủy").then(|| "Phùng Thị".to_string())
        });
        assert_eq!(out.text, "ab cd\nPhùng Thị\nef gh");
        let chars: Vec<char> = out.text.chars().collect();
        let words: Vec<String> = out
            .tokens
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect();
        assert_eq!(words, ["ab", "cd", "Phùng", "Thị", "ef", "gh"]);
        assert!(out.tokens[2].changed && out.tokens[3].changed);
        // A rewrite with another token count is refused.
        fix_lines(input, &mut out, |line, _| {
            (line == "Phùng Thị").then(|| "Phùng Thị Hà".to_string())
        });
        assert_eq!(out.text, "ab cd\nPhùng Thị\nef gh");
    }

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
