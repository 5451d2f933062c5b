//! Names a document spells in sentence case (`Viện Bỏng Lê Hữu Trác`) are read the same where
//! the same letters stand in capitals (`VIỆN BỎNG LE HUU TRAC` in a title, read `LỆ HƯU TRẮC`):
//! in capitals nothing tells a name from common words, while in running text the capitals of
//! a name do, and the name lists match it. Letters the document spells two ways in sentence
//! case are left alone.

use std::hash::Hasher;

use super::line_pass::fix_lines;
use super::Restored;
use crate::fxhash::{FxHashMap, FxHashSet, FxHasher};
use crate::normalize;
use crate::syllable;

/// Longest run of words matched as one name.
const MAX_WORDS: usize = 4;
/// Fewest capitalised words in a row that make a name (`Lê Hữu Trác`, `Hồ Chí Minh`).
const MIN_RUN: usize = 3;

/// A word's letters and the signs around it (`(Hà` -> `(`, `Hà`, ``).
fn core(tok: &str) -> (&str, &str, &str) {
    let start = tok.len() - tok.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let end = tok
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .len()
        .max(start);
    (&tok[..start], &tok[start..end], &tok[end..])
}

/// `Hữu`: a capital then small letters, two letters or more.
fn sentence_case(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 2
        && cs.all(|c| c.is_alphabetic() && c.is_lowercase())
}

/// `HỮU`: capitals only, two letters or more.
fn capitals(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
}

/// Lower-case copy.
fn lower(w: &str) -> String {
    w.chars().map(syllable::lower_char).collect()
}

/// The folded letters of a word, hashed (`Hữu`, `HỮU`, `huu` alike).
fn word_key(w: &str) -> u64 {
    let mut h = FxHasher::default();
    for c in w.chars() {
        h.write_u32(syllable::fold_char(syllable::lower_char(c)) as u32);
    }
    h.finish()
}

/// The key of a window of words, from their word keys.
fn window_key(words: &[u64]) -> u64 {
    let mut h = FxHasher::default();
    for &w in words {
        h.write_u64(w);
    }
    h.finish()
}

/// Whether a token cannot open with a capital: its first char is a small letter (most
/// tokens), so nothing else in it is looked at.
fn plainly_small(t: &str) -> bool {
    t.chars().next().is_some_and(|c| {
        if c.is_ascii() {
            c.is_ascii_lowercase()
        } else {
            c.is_lowercase()
        }
    })
}

/// A line's shape read from its bytes alone, to pass over most lines at once: the longest run
/// of tokens that may open with a capital (first byte no small ASCII letter), and whether two
/// tokens in a row may be in capitals (no small ASCII letter in either). Tokens are split at
/// ASCII spaces only here, so the figures bound what the exact tests find on lines without
/// other spaces.
fn shape(line: &str) -> (usize, bool) {
    let b = line.as_bytes();
    let (mut run, mut longest, mut pair, mut prev_caps) = (0usize, 0usize, false, false);
    let mut i = 0;
    while i < b.len() {
        if b[i] == b' ' || b[i] == b'\t' {
            i += 1;
            continue;
        }
        let opens_small = b[i].is_ascii_lowercase();
        let mut small = false;
        while i < b.len() && b[i] != b' ' && b[i] != b'\t' {
            small |= b[i].is_ascii_lowercase();
            i += 1;
        }
        run = if opens_small { 0 } else { run + 1 };
        longest = longest.max(run);
        pair |= !small && prev_caps;
        prev_caps = !small;
    }
    (longest, pair)
}

/// Whether a line holds two words in capitals in a row; cheap on lines in small letters, which
/// most are: a token whose first char is a small letter is passed over at once.
fn caps_pair(line: &str) -> bool {
    let mut prev = false;
    for t in normalize::tokens(line) {
        let now = !plainly_small(t) && capitals(core(t).1);
        if now && prev {
            return true;
        }
        prev = now;
    }
    false
}

/// The runs of words in capitals of a line, as token index ranges, broken after a sign.
fn caps_runs(toks: &[&str]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let mut end = k;
        while end < toks.len() {
            let (pre, w, post) = core(toks[end]);
            if !capitals(w) || (end > k && !pre.is_empty()) {
                break;
            }
            end += 1;
            if !post.is_empty() {
                break;
            }
        }
        if end - k >= 2 {
            runs.push((k, end));
        }
        k = end.max(k + 1);
    }
    runs
}

/// The lines of `text` (`\r` left out) with their byte offsets.
fn lines_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    text.split('\n').map(move |l| {
        (
            l.as_ptr() as usize - base,
            l.strip_suffix('\r').unwrap_or(l),
        )
    })
}

/// The keys of the windows of two to [`MAX_WORDS`] words in capitals of a line.
fn caps_windows(line: &str, wanted: &mut FxHashSet<u64>) {
    let toks: Vec<&str> = normalize::tokens(line).collect();
    for (a, b) in caps_runs(&toks) {
        let keys: Vec<u64> = toks[a..b].iter().map(|t| word_key(core(t).1)).collect();
        for n in 2..=MAX_WORDS.min(keys.len()) {
            wanted.extend(keys.windows(n).map(window_key));
        }
    }
}

/// The names spelled in sentence case whose window key is `wanted`: each run of two to
/// [`MAX_WORDS`] words inside a run of [`MIN_RUN`] capitalised words or more counts (a shorter
/// run is as often an organisation's first words, `Ban Thành ủy`, as a name); `None` marks
/// letters read two ways.
fn sentence_case_names<'a>(
    lines: impl Iterator<Item = &'a str>,
    wanted: &FxHashSet<u64>,
) -> FxHashMap<u64, Option<String>> {
    let mut names: FxHashMap<u64, Option<String>> = FxHashMap::default();
    let mut run: Vec<&str> = Vec::new();
    let mut keys: Vec<u64> = Vec::new();
    let mut add = |run: &[&str], keys: &mut Vec<u64>| {
        if run.len() < MIN_RUN {
            return;
        }
        keys.clear();
        keys.extend(run.iter().map(|w| word_key(w)));
        for n in 2..=MAX_WORDS.min(run.len()) {
            for (i, win) in keys.windows(n).enumerate() {
                let key = window_key(win);
                if !wanted.contains(&key) {
                    continue;
                }
                let reading = run[i..i + n]
                    .iter()
                    .map(|x| lower(x))
                    .collect::<Vec<_>>()
                    .join(" ");
                match names.get(&key) {
                    Some(Some(r)) if *r != reading => {
                        names.insert(key, None);
                    }
                    Some(_) => {}
                    None => {
                        names.insert(key, Some(reading));
                    }
                }
            }
        }
    };
    for line in lines {
        for tok in normalize::tokens(line) {
            if plainly_small(tok) {
                add(&run, &mut keys);
                run.clear();
                continue;
            }
            let (pre, w, post) = core(tok);
            let name_word = sentence_case(w);
            if !name_word || (!pre.is_empty() && !run.is_empty()) {
                add(&run, &mut keys);
                run.clear();
            }
            if name_word {
                run.push(w);
                if !post.is_empty() {
                    add(&run, &mut keys);
                    run.clear();
                }
            }
        }
        add(&run, &mut keys);
        run.clear();
    }
    names
}

/// A line's runs of words in capitals rewritten where a window of them has the letters of a
/// sentence-case name read otherwise; `None` when nothing changes.
fn fix_caps_line(names: &FxHashMap<u64, Option<String>>, line: &str) -> Option<String> {
    let toks: Vec<&str> = normalize::tokens(line).collect();
    let mut new: Vec<Option<String>> = vec![None; toks.len()];
    let mut changed = false;
    for (a, b) in caps_runs(&toks) {
        let keys: Vec<u64> = toks[a..b].iter().map(|t| word_key(core(t).1)).collect();
        // Windows overlap, so a name's last word is matched even after a longer window.
        for i in a..b - 1 {
            for n in (2..=MAX_WORDS.min(b - i)).rev() {
                let Some(Some(name)) = names.get(&window_key(&keys[i - a..i - a + n])) else {
                    continue;
                };
                let reading = toks[i..i + n]
                    .iter()
                    .map(|t| lower(core(t).1))
                    .collect::<Vec<_>>()
                    .join(" ");
                // The same letters (a hash collision aside), read otherwise.
                if *name != reading && syllable::fold(name) == syllable::fold(&reading) {
                    for (j, part) in name.split(' ').enumerate() {
                        let (pre, _, post) = core(toks[i + j]);
                        new[i + j] = Some(format!("{pre}{}{post}", part.to_uppercase()));
                    }
                    changed = true;
                }
                break;
            }
        }
    }
    if !changed {
        return None;
    }
    // Rebuild the line with its own spacing.
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    for (t, n) in toks.iter().zip(&new) {
        let at = rest.find(t).unwrap_or(0);
        out.push_str(&rest[..at]);
        out.push_str(n.as_deref().unwrap_or(t));
        rest = &rest[at + t.len()..];
    }
    out.push_str(rest);
    Some(out)
}

/// Rewrites the words in capitals of `out` (restored from `input`) that spell a name the
/// document writes in sentence case, as that name.
pub fn apply(input: &str, out: &mut Restored) {
    // Most documents' capitals are headings of a few lines: only their windows are looked
    // for in the rest, and nothing is done without any.
    let mut wanted = FxHashSet::default();
    let mut caps_lines: Vec<(usize, &str)> = Vec::new();
    let mut name_lines: Vec<&str> = Vec::new();
    for (at, line) in lines_at(&out.text) {
        let (run, pair) = shape(line);
        if pair && caps_pair(line) {
            caps_windows(line, &mut wanted);
            caps_lines.push((at, line));
        }
        if run >= MIN_RUN {
            name_lines.push(line);
        }
    }
    if wanted.is_empty() {
        return;
    }
    let names = sentence_case_names(name_lines.into_iter(), &wanted);
    let fixes: FxHashMap<usize, String> = caps_lines
        .into_iter()
        .filter_map(|(at, line)| Some((at, fix_caps_line(&names, line)?)))
        .collect();
    if fixes.is_empty() {
        return;
    }
    let base = out.text.as_ptr() as usize;
    fix_lines(input, out, |line, _| {
        fixes.get(&(line.as_ptr() as usize - base)).cloned()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str, line: &str) -> Option<String> {
        let mut wanted = FxHashSet::default();
        if caps_pair(line) {
            caps_windows(line, &mut wanted);
        }
        fix_caps_line(&sentence_case_names(text.lines(), &wanted), line).filter(|_| caps_pair(line))
    }

    #[test]
    fn a_name_in_capitals_reads_as_the_body_spells_it() {
        let body = "Điều lệ của Bệnh viện Lê Hữu Trác được sửa.\nNgười ký: Trần Văn Bình.";
        assert_eq!(
            fixed(body, "ĐIỀU LỆ CỦA BỆNH VIỆN LỆ HƯU TRẮC").as_deref(),
            Some("ĐIỀU LỆ CỦA BỆNH VIỆN LÊ HỮU TRÁC")
        );
        // Signs around the words stay.
        assert_eq!(
            fixed(body, "(TRẦN VẤN BINH).").as_deref(),
            Some("(TRẦN VĂN BÌNH).")
        );
    }

    #[test]
    fn letters_spelled_two_ways_or_not_in_capitals_are_left() {
        // `Lê Văn Tám` and `Lệ Văn Tám` both in sentence case: no reading wins.
        let body = "Ông Lê Văn Tám và ông Lệ Văn Tám.";
        assert_eq!(fixed(body, "GỬI LỆ VĂN TÁM"), None);
        // Two capitalised words are no name (`Ban Thành ủy`).
        assert_eq!(
            fixed("Gửi các Ban Thành ủy.", "TRÊN ĐỊA BÀN THÀNH PHỐ"),
            None
        );
        // A line in sentence case is no line of capitals.
        let body = "Ông Lê Hữu Trác.";
        assert_eq!(fixed(body, "viện Lệ Hưu Trắc"), None);
        // One word alone in capitals is not matched.
        assert_eq!(fixed(body, "TRẮC"), None);
    }
}
