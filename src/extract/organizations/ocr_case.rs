//! OCR reads the case of a marked capital's small form wrongly (`Bộ` as `BỘ`, `Sở` as `SỞ`):
//! a unit's head word in capitals before a name in sentence case (`BỘ Y tế`, `SỞ Tài chính`) is
//! the head in sentence case. Heading lines in capitals (`BỘ Y TẾ`) are left as printed.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

/// Unit head words that OCR may read in capitals.
const HEADS: [&str; 12] = [
    "Bộ",
    "Sở",
    "Cục",
    "Vụ",
    "Ban",
    "Phòng",
    "Viện",
    "Hội",
    "Đoàn",
    "Trường",
    "Báo",
    "Đài",
];

fn all_caps(w: &str) -> bool {
    // One pass, ending at the first small letter (most words' second character).
    let mut letters = 0;
    for c in w.chars() {
        if crate::charclass::is_lower(c) {
            return false;
        }
        letters += usize::from(crate::charclass::is_alpha(c));
    }
    letters >= 2
}

/// The text with every such head word in sentence case; the same length in bytes (the small
/// and capital forms of Vietnamese letters are), so offsets into it are offsets into `text`.
pub(crate) fn heads_fixed(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut buf = String::new();
    for (at, w) in candidates(text) {
        let caps = all_caps(w);
        // The word before, if any, in capitals (a heading's or a title's).
        let after_caps = text[..at]
            .split_whitespace()
            .next_back()
            .is_some_and(all_caps);
        if !caps || after_caps {
            continue;
        }
        let mut cs = w.chars();
        let Some(first) = cs.next() else { continue };
        buf.clear();
        buf.push(first);
        buf.extend(cs.flat_map(char::to_lowercase));
        if buf.len() != w.len() || !HEADS.contains(&buf.as_str()) {
            continue;
        }
        // The rest of the line: a capitalised name (`Y`, `Tài`) with small letters soon.
        let rest = &text[at + w.len()..];
        let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let mut next = rest.split_whitespace();
        let first_next = next.next();
        // `BỘ CHQS tỉnh`: an abbreviation (no syllable) then a word in small letters.
        let code = first_next
            .is_some_and(|n| all_caps(n) && !crate::syllable::is_valid(&n.to_lowercase()))
            && next
                .next()
                .is_some_and(|n| n.starts_with(char::is_lowercase));
        // `SỞ KH&CN` alone in a table's cell or an item: an abbreviation ends the line (a
        // sign or a speck may follow), where a heading would spell its name out.
        // Not two syllables glued (`BỘ YTE`, a heading's `Y TẾ`).
        let alone = first_next.is_some_and(|n| all_caps(n) && !glued_syllables(n))
            && rest
                .split_whitespace()
                .nth(1)
                .is_none_or(|n| !n.starts_with(char::is_alphanumeric));
        let capitalised =
            first_next.is_some_and(|n| n.starts_with(char::is_uppercase) && !all_caps(n)) || code;
        let mixed = rest
            .split_whitespace()
            .take(3)
            .any(|x| x.chars().any(char::is_lowercase));
        if capitalised && mixed || alone {
            out.get_or_insert_with(|| text.to_string())
                .replace_range(at..at + w.len(), &buf);
        }
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// Whether the word's letters are one syllable or two glued (`YTE`), not an abbreviation.
fn glued_syllables(w: &str) -> bool {
    let w = w.to_lowercase();
    let valid = crate::syllable::is_valid;
    valid(&w)
        || w.char_indices()
            .skip(1)
            .any(|(i, _)| valid(&w[..i]) && valid(&w[i..]))
}

/// The words of `text` (with their byte offsets) that are a head word in capitals (`BỘ`,
/// `SỞ`): only a word whose small form is a head's is changed, and a word in capitals whose
/// small form is `Bộ` is `BỘ` (no other capital lowers to these letters). Found with one
/// search, not by reading every word.
fn candidates(text: &str) -> impl Iterator<Item = (usize, &str)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let upper: Vec<String> = HEADS
            .iter()
            .map(|h| regex::escape(&h.to_uppercase()))
            .collect();
        crate::extract::built_in(&upper.join("|"))
    });
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(m) = re.find_at(text, from) {
            from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            // A whole word: whitespace or the text's end on both sides.
            let open = text[..m.start()]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace);
            let close = text[m.end()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace);
            if open && close {
                return Some((m.start(), m.as_str()));
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_in_capitals_before_a_sentence_case_name() {
        let t = "BỘ Y TẾ\nBộ trưởng BỘ Y tế; SỞ Tài chính và CỤC THUẾ; BỘ trưởng\n";
        assert_eq!(
            heads_fixed(t),
            "BỘ Y TẾ\nBộ trưởng Bộ Y tế; Sở Tài chính và CỤC THUẾ; BỘ trưởng\n"
        );
        assert!(matches!(heads_fixed("Sở Y tế"), Cow::Borrowed(_)));
        // An abbreviated name before a small word; a heading's `SỞ GDĐT TỈNH` stays.
        assert_eq!(
            heads_fixed("2. SỞ GDĐT tỉnh chủ trì.\nSỞ GDĐT TỈNH\nBỘ CÔNG AN tỉnh"),
            "2. Sở GDĐT tỉnh chủ trì.\nSỞ GDĐT TỈNH\nBỘ CÔNG AN tỉnh"
        );
    }

    #[test]
    fn a_head_in_capitals_before_an_abbreviation_ending_the_line() {
        // A table's cell and an item: the abbreviation ends the line, or a sign or speck does.
        assert_eq!(
            heads_fixed("Cấp phép\nSỞ GD&ĐT\nQuý I\n- BỘ NNMT;\nhằng năm\nPHÒNG TCKH «\n"),
            "Cấp phép\nSở GD&ĐT\nQuý I\n- Bộ NNMT;\nhằng năm\nPhòng TCKH «\n"
        );
        // A heading goes on in capitals; a head word after capitals is a title's.
        assert_eq!(
            heads_fixed("SỞ GD&ĐT HÀ TĨNH\nGIÁM ĐỐC SỞ KHCN\n"),
            "SỞ GD&ĐT HÀ TĨNH\nGIÁM ĐỐC SỞ KHCN\n"
        );
        // Two syllables glued: a heading (`BỘ Y TẾ`).
        assert_eq!(heads_fixed("BỘ YTE\n"), "BỘ YTE\n");
    }
}
