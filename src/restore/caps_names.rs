//! Names a document spells in sentence case (`Viện Bỏng Lê Hữu Trác`) are read the same where
//! the same letters stand in capitals (`VIỆN BỎNG LE HUU TRAC` in a title, read `LỆ HƯU TRẮC`):
//! in capitals nothing tells a name from common words, while in running text the capitals of
//! a name do, and the name lists match it. Letters the document spells two ways in sentence
//! case are left alone.

use super::line_pass::fix_lines;
use super::Restored;
use crate::fxhash::FxHashMap;
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

/// The names spelled in sentence case, by folded letters: each run of two to [`MAX_WORDS`]
/// words inside a run of [`MIN_RUN`] capitalised words or more counts (a shorter run is as
/// often an organisation's first words, `Ban Thành ủy`, as a name); `None` marks letters read
/// two ways.
fn sentence_case_names(text: &str) -> FxHashMap<String, Option<String>> {
    let mut names: FxHashMap<String, Option<String>> = FxHashMap::default();
    let mut run: Vec<&str> = Vec::new();
    let mut add = |run: &[&str]| {
        if run.len() < MIN_RUN {
            return;
        }
        for n in 2..=MAX_WORDS.min(run.len()) {
            for w in run.windows(n) {
                let reading = w.iter().map(|x| lower(x)).collect::<Vec<_>>().join(" ");
                let key = syllable::fold(&reading);
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
    for (line, _) in normalize::lines(text) {
        for tok in normalize::tokens(line) {
            let (pre, w, post) = core(tok);
            if !sentence_case(w) || (!pre.is_empty() && !run.is_empty()) {
                add(&run);
                run.clear();
            }
            if sentence_case(w) {
                run.push(w);
                if !post.is_empty() {
                    add(&run);
                    run.clear();
                }
            }
        }
        add(&run);
        run.clear();
    }
    names
}

/// A line's runs of words in capitals rewritten where a window of them has the letters of a
/// sentence-case name read otherwise; `None` when nothing changes.
fn fix_caps_line(names: &FxHashMap<String, Option<String>>, line: &str) -> Option<String> {
    let toks: Vec<&str> = normalize::tokens(line).collect();
    let mut new: Vec<Option<String>> = vec![None; toks.len()];
    let mut changed = false;
    let mut k = 0;
    while k < toks.len() {
        // The run of capitalised words from `k`, broken after a sign.
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
        if end - k < 2 {
            k = end.max(k + 1);
            continue;
        }
        // Windows overlap, so a name's last word is matched even after a longer window.
        for i in k..end - 1 {
            for n in (2..=MAX_WORDS.min(end - i)).rev() {
                let words: Vec<String> = toks[i..i + n].iter().map(|t| lower(core(t).1)).collect();
                let reading = words.join(" ");
                let Some(Some(name)) = names.get(&syllable::fold(&reading)) else {
                    continue;
                };
                if *name != reading {
                    for (j, part) in name.split(' ').enumerate() {
                        let (pre, _, post) = core(toks[i + j]);
                        new[i + j] = Some(format!("{pre}{}{post}", part.to_uppercase()));
                    }
                    changed = true;
                }
                break;
            }
        }
        k = end;
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
    // Most documents' capitals are headings of a few lines; skip the work without any.
    let has_caps = normalize::lines(&out.text).any(|(l, _)| {
        normalize::tokens(l)
            .filter(|t| capitals(core(t).1))
            .nth(1)
            .is_some()
    });
    if !has_caps {
        return;
    }
    let names = sentence_case_names(&out.text);
    if names.values().all(Option::is_none) {
        return;
    }
    fix_lines(input, out, |line, _| fix_caps_line(&names, line));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str, line: &str) -> Option<String> {
        fix_caps_line(&sentence_case_names(text), line)
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
