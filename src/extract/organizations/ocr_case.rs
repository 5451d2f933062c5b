//! OCR reads the case of a marked capital's small form wrongly (`Bộ` as `BỘ`, `Sở` as `SỞ`):
//! a unit's head word in capitals before a name in sentence case (`BỘ Y tế`, `SỞ Tài chính`) is
//! the head in sentence case. Heading lines in capitals (`BỘ Y TẾ`) are left as printed.

use std::borrow::Cow;

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
    let mut prev_caps = false;
    let mut buf = String::new();
    for (at, w) in words(text) {
        let caps = all_caps(w);
        let after_caps = std::mem::replace(&mut prev_caps, caps);
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
                .is_some_and(|n| n.starts_with(crate::charclass::is_lower));
        let capitalised = first_next
            .is_some_and(|n| n.starts_with(crate::charclass::is_upper) && !all_caps(n))
            || code;
        let mixed = rest
            .split_whitespace()
            .take(3)
            .any(|x| x.chars().any(crate::charclass::is_lower));
        if capitalised && mixed {
            out.get_or_insert_with(|| text.to_string())
                .replace_range(at..at + w.len(), &buf);
        }
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

/// The words of `text` with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - base, w))
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
}
