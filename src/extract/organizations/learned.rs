//! Lower-case tails learned from the corpus (`dictionaries/name_tails.txt`, built by `vanban
//! train --name-tails`): a name as the rules find it that the corpus's documents nearly always
//! write with the same words after it (`Cục Quản lý lao động` + `ngoài nước`, `Trung tâm Hành
//! động` + `bom mìn quốc gia Việt Nam`) takes them where the text has them too. The rules stop
//! at a lower-case word they cannot tell from the sentence's; the counts can.

use super::*;
use crate::fxhash::FxHashMap;

/// The learned tails, name -> tail (both with single spaces).
fn tails() -> &'static FxHashMap<&'static str, &'static str> {
    static T: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| parse(include_str!("../../../dictionaries/name_tails.txt")))
}

/// Parses `name<TAB>tail` lines; `#` lines and lines without a tab are skipped.
fn parse(text: &str) -> FxHashMap<&str, &str> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter(|(n, t)| !n.is_empty() && !t.is_empty())
        .collect()
}

/// Whether a word may stand in a learned tail: a capitalised word or code, a figure, or a
/// lower-case word that can go on a name (`name_syllable`, not the glue `ở`). Not `và`: a
/// joined part is the rules' to judge.
pub(crate) fn tail_word(w: &str) -> bool {
    w.starts_with(crate::charclass::is_upper) && w.chars().all(crate::charclass::is_alnum)
        || !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
        || name_syllable(w) && w != "ở"
}

/// Whether a learned tail fits the name it goes after: the name ends on no joining word (`Nhà
/// nước và`) and the tail opens no other unit (`Văn phòng Hội đồng`, `Bộ Công an`: a parent
/// or the next name, which the rules join or not).
pub(crate) fn tail_fits(name: &str, tail: &str) -> bool {
    !name.ends_with(" và")
        && !tail
            .match_indices(' ')
            .map(|(i, _)| i + 1)
            .chain([0])
            .any(|i| starts_unit(&tail[i..]))
}

/// Whether a tail may end after `last` when `next` follows: not inside a two-syllable word
/// (`và Ủy` + `ban`, `trực` + `thuộc`).
pub(crate) fn tail_may_end(last: &str, next: Option<&str>) -> bool {
    next.is_none_or(|n| !compound(last, n))
}

/// The end of the words of `phrase` when the text at `end` goes on with them, each after one
/// space or a line break, nothing alphanumeric glued after a word; `None` otherwise.
pub(super) fn words_after(text: &str, end: usize, phrase: &str) -> Option<usize> {
    let mut e = end;
    for w in phrase.split(' ') {
        let x = text[e..].strip_prefix([' ', '\n'])?.strip_prefix(w)?;
        if x.starts_with(crate::charclass::is_alnum) {
            return None;
        }
        e = text.len() - x.len();
    }
    Some(e)
}

/// The end of the name `[start, end)` with its learned tail when the text goes on with it
/// (words parted by one space or a line break, nothing alphanumeric glued after); `end`
/// otherwise or when it would pass `limit` (the next name).
pub(super) fn learned_tail(text: &str, start: usize, end: usize, limit: usize) -> usize {
    let name: String = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let Some(tail) = tails().get(name.as_str()) else {
        return end;
    };
    let Some(e) = words_after(text, end, tail) else {
        return end;
    };
    if e <= limit {
        e
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_parse_and_apply_only_where_the_text_has_them() {
        let t = parse("# comment\nCục A\tngoài nước\nbad line\n");
        assert_eq!(t.get("Cục A"), Some(&"ngoài nước"));
        assert_eq!(t.len(), 1);
        assert!(tail_word("ngoài") && tail_word("Việt") && tail_word("7"));
        assert!(!tail_word("có") && !tail_word("tỉnh") && !tail_word("(để") && !tail_word("và"));
        assert!(tail_may_end("nước", Some("hướng")) && tail_may_end("nước", None));
        assert!(!tail_may_end("Ủy", Some("ban")));
        assert!(tail_fits("Cục Tần số", "vô tuyến điện"));
        assert!(!tail_fits("Cục Quản lý Dược", "chuyển Văn phòng Hội đồng"));
        assert!(!tail_fits("Ủy ban Chứng khoán Nhà nước và", "công bố"));
    }
}
