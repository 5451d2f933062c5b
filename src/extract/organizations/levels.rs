//! OCR damages the level word after a council or committee (`HĐND phifing`, `UBND phutng`),
//! and restoration may give it the wrong tones (`HĐND phương`); there only a level can stand,
//! so a word close to one is read as that level.

use crate::syllable::fold;

/// Level words that OCR damages, as printed.
const LEVELS: [&str; 4] = ["phường", "huyện", "tỉnh", "quận"];

/// Whether `before` (the text before a word) ends on a council or committee that a level
/// follows (`UBND`, `HĐND`, `… nhân dân`).
pub(super) fn before_level(before: &str) -> bool {
    let b = before.trim_end();
    ["UBND", "HĐND", "nhân dân"].iter().any(|h| {
        b.strip_suffix(h)
            .is_some_and(|r| !r.ends_with(crate::charclass::is_alnum))
    })
}

/// The level that `word` (lower-case letters) stands for after `before`: the same letters
/// with other tones (`phương`), or the level's first two and last two letters with at most
/// two letters more or fewer between (`phifing`, `phuwéng`); `None` for a word that is a level.
pub(crate) fn damaged_level(before: &str, word: &str) -> Option<&'static str> {
    if word.is_empty() || !word.chars().all(crate::charclass::is_lower) || !before_level(before) {
        return None;
    }
    if LEVELS.contains(&word) || matches!(word, "xã" | "thành" | "thị") {
        return None;
    }
    let w = fold(word);
    LEVELS.into_iter().find(|l| {
        let f = fold(l);
        if w == f {
            return true;
        }
        let (n, m) = (w.chars().count(), f.chars().count());
        m >= 5
            && n.abs_diff(m) <= 2
            && w.is_ascii()
            && w.get(..2) == f.get(..2)
            && w.get(n - 2..) == f.get(m - 2..)
    })
}

/// Whether a lower-case word (its letters) may be a damaged level, tested without building it:
/// no level as printed, no `xã`/`thành`/`thị`, and not opening on an ASCII letter no level's
/// folded form opens with (`damaged_level` gives `None` for all those).
pub(crate) fn may_be_damaged_level<I: Iterator<Item = char> + Clone>(word: I) -> bool {
    let first = word.clone().next();
    if first.is_some_and(|c| c.is_ascii() && !matches!(c, 'p' | 'h' | 't' | 'q')) {
        return false;
    }
    !LEVELS
        .iter()
        .chain(&["xã", "thành", "thị"])
        .any(|l| l.chars().eq(word.clone()))
}

/// Words after which a department is named (`Giám đốc`, `phối hợp với`, `của`).
const BEFORE_DEPARTMENT: [&str; 9] = ["đốc", "của", "với", "và", "cho", "giao", "gửi", "về", "tại"];

/// Whether `word` is `Số` misread for `Sở` (OCR's `So`, restored with the wrong tone): before a
/// capitalised name (`Số Văn hóa`) after `Giám đốc` or a connecting word, or opening a list
/// item (`prev` none) before a name or a comma (`Số, ban ngành`). A number's `Số` has digits.
pub(crate) fn department_misread(prev: Option<&str>, word: &str, next: Option<&str>) -> bool {
    let named = next.is_some_and(|n| {
        let mut cs = n.chars();
        cs.next().is_some_and(crate::charclass::is_upper)
            && n.chars().count() >= 2
            && cs.all(crate::charclass::is_lower)
    });
    word == "Số"
        && match prev {
            None => named || next == Some(","),
            Some(p) => named && BEFORE_DEPARTMENT.contains(&p.to_lowercase().as_str()),
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_levels_after_councils() {
        assert_eq!(damaged_level("TT Đảng ủy, HĐND ", "phương"), Some("phường"));
        assert_eq!(
            damaged_level("Văn phòng HĐND và UBND ", "phifing"),
            Some("phường")
        );
        assert_eq!(damaged_level("Ủy ban nhân dân ", "phuwéng"), Some("phường"));
        assert_eq!(damaged_level("UBND ", "huyén"), Some("huyện"));
        // A level as printed, a word after anything else, a word too far from a level.
        assert_eq!(damaged_level("UBND ", "phường"), None);
        assert_eq!(damaged_level("UBND ", "xã"), None);
        assert_eq!(damaged_level("lập ", "phương"), None);
        assert_eq!(damaged_level("UBND ", "phê"), None);
        assert_eq!(damaged_level("VUBND ", "phương"), None);
    }

    #[test]
    fn the_quick_test_passes_every_damaged_level() {
        for w in ["phương", "phifing", "phuwéng", "huyén", "tinh", "quan"] {
            assert!(may_be_damaged_level(w.chars()), "{w}");
        }
        for w in ["phường", "xã", "thành", "các", "cấp"] {
            assert!(!may_be_damaged_level(w.chars()), "{w}");
            assert_eq!(damaged_level("UBND ", w), None);
        }
        // A word opening on a marked letter takes the long way.
        assert!(may_be_damaged_level("đã".chars()));
    }

    #[test]
    fn a_department_misread_as_a_number() {
        assert!(department_misread(Some("đốc"), "Số", Some("Văn")));
        assert!(department_misread(None, "Số", Some(",")));
        assert!(department_misread(None, "Số", Some("Nội")));
        assert!(!department_misread(Some("đốc"), "Số", Some("12")));
        assert!(!department_misread(Some("đổi"), "Số", Some("Quốc")));
        assert!(!department_misread(None, "Số", Some("UBND")));
    }
}
