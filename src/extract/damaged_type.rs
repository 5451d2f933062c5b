//! A cited document's type word that OCR damaged by one letter (`Tự trình số`, `Chương ttinh
//! số`, `hông tư số`, `Nghj-định số`): read as the type it is one edit from, only right before
//! `số` and a number whose code agrees with the type.

use crate::charclass::CharClass;

use super::citations::{doc_types, ocr_so};

/// Fewest letters a type needs for a one-letter repair: `Luật` or `Dự án` are one edit from
/// too many words.
const MIN_LETTERS: usize = 7;

/// How far back from the number the damaged words are looked for, in bytes.
const TAIL: usize = 120;

/// The type and the byte offset in `window` where its damaged words start, when `window` (the
/// text before a number) ends with words one letter from a type, then `số` (or OCR's `s6`).
/// A type with a code (`TTr`, `NĐ`) needs it among the number's code parts (`1930/TTr-BGDĐT`).
pub fn damaged_type(window: &str, number: &str) -> Option<(usize, &'static str)> {
    let mut from = window.len().saturating_sub(TAIL);
    while !window.is_char_boundary(from) {
        from += 1;
    }
    let tail = &window[from..];
    let words: Vec<(usize, &str)> = tail
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != ":")
        .map(|w| (w.as_ptr() as usize - tail.as_ptr() as usize, w))
        .collect();
    let (last, before) = words.split_last()?;
    let so = last.1.trim_end_matches(':');
    if !(so == "số" || so == "Số" || so == "SỐ" || ocr_so(so)) {
        return None;
    }
    let parts: Vec<&str> = number.split(['/', '-']).collect();
    let mut best: Option<(usize, usize, &'static str)> = None;
    // The last `k` words folded, for each `k` a type has (worked out once, not per type).
    let mut phrases: Vec<Option<Option<String>>> = Vec::new();
    for &(name, code, k, ref folded_name) in repairable() {
        if before.len() < k {
            continue;
        }
        let cand = &before[before.len() - k..];
        if phrases.len() <= k {
            phrases.resize(k + 1, None);
        }
        let phrase = phrases[k].get_or_insert_with(|| {
            cand.iter()
                .all(|(_, w)| w.chars().all(crate::charclass::is_alpha))
                .then(|| {
                    let joined = cand.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
                    crate::syllable::fold(&joined)
                })
        });
        let Some(phrase) = phrase else {
            continue;
        };
        if !one_edit_apart(phrase, folded_name) {
            continue;
        }
        if !code.is_empty() && !parts.contains(&code) {
            continue;
        }
        // The longest type wins (`Quy chế phối hợp` over `Quy chế`); two of one length that
        // both fit leave the words unread.
        match best {
            Some((bk, _, _)) if bk > k => {}
            Some((bk, _, _)) if bk == k => return None,
            _ => best = Some((k, from + cand[0].0, name)),
        }
    }
    best.map(|(_, at, name)| (at, name))
}

/// Whether `a` and `b` are one edit apart (`levenshtein(a, b) == 1`): one letter changed,
/// added or left out. Linear, without the edit-distance table.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (na, nb) = (a.chars().count(), b.chars().count());
    let (short, long) = if na <= nb { (a, b) } else { (b, a) };
    let (s, l) = (short.chars(), long.chars());
    match na.abs_diff(nb) {
        // One change: exactly one place where the letters differ.
        0 => s.zip(l).filter(|(x, y)| x != y).count() == 1,
        // One letter more: past the first difference, the longer one letter ahead.
        1 => {
            let head = s.clone().zip(l.clone()).take_while(|(x, y)| x == y).count();
            s.skip(head).eq(l.skip(head + 1))
        }
        _ => false,
    }
}

/// The types with letters enough for a repair: (name, code, words, folded name).
fn repairable() -> &'static [(&'static str, &'static str, usize, String)] {
    static T: std::sync::OnceLock<Vec<(&str, &str, usize, String)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        doc_types()
            .iter()
            .map(|&(name, code)| {
                let folded = crate::syllable::fold(name);
                (name, code, name.split_whitespace().count(), folded)
            })
            .filter(|t| t.3.chars().filter(|c| c.is_alpha()).count() >= MIN_LETTERS)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::{damaged_type, one_edit_apart};
    use crate::restore::channel::levenshtein;

    #[test]
    fn one_edit_apart_is_an_edit_distance_of_one() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "abd",
            "abcd",
            "xabc",
            "abxc",
            "to trinh",
            "tu trinh",
            "tu trnh",
            "thong tu",
            "hong tu",
            "nghi dinh",
            "nghj dinh",
            "ttinh",
            "trinh",
            "chuong",
        ];
        for a in words {
            for b in words {
                assert_eq!(one_edit_apart(a, b), levenshtein(a, b) == 1, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn one_letter_off_before_số_and_an_agreeing_code() {
        let w = "theo đề nghị tại Tự trình số ";
        let (at, t) = damaged_type(w, "77/TTr-SYT").unwrap();
        assert_eq!((&w[at..], t), ("Tự trình số ", "Tờ trình"));
        assert_eq!(
            damaged_type("căn cứ Chương ttinh s6 ", "12-CTr/TU").map(|r| r.1),
            Some("Chương trình")
        );
        assert_eq!(
            damaged_type("quy định tại hông tư số ", "5/2020/TT-BYT").map(|r| r.1),
            Some("Thông tư")
        );
        assert_eq!(
            damaged_type("chính; Nghj-định số ", "9/2019/NĐ-CP").map(|r| r.1),
            Some("Nghị định")
        );
    }

    #[test]
    fn no_repair_without_số_a_code_that_agrees_or_a_long_enough_type() {
        // The code says Quyết định, not Tờ trình.
        assert_eq!(damaged_type("tại Tự trình số ", "77/QĐ-SYT"), None);
        // No `số` between.
        assert_eq!(damaged_type("tại Tự trình ", "77/TTr-SYT"), None);
        // Two edits away.
        assert_eq!(damaged_type("tại Tu trih số ", "77/TTr-SYT"), None);
        // `Luật` is too short to repair (`Luận số …`).
        assert_eq!(damaged_type("theo Luận số ", "5/2020/QH14"), None);
        // Figures in the words are no type.
        assert_eq!(damaged_type("điều 3ờ trình số ", "77/TTr-SYT"), None);
    }
}
