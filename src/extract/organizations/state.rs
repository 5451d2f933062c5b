//! Tails of a name the rules above leave: the state's full name after a national body
//! (`Chính phủ` + `nước Cộng hòa xã hội chủ nghĩa Việt Nam`), a listed unit word whose first
//! word the name writes with a capital (`Cục Người` + `có công`: `người có công`), and the
//! committee of a joint office (`Văn phòng Hội đồng nhân dân` + `và Ủy ban nhân dân`).

use crate::charclass::CharClass;

use super::*;

/// The state's name as written after a national body, longest first.
const STATE: [&str; 4] = [
    "nước Cộng hòa xã hội chủ nghĩa Việt Nam",
    "nước Cộng hoà xã hội chủ nghĩa Việt Nam",
    "nước CHXHCN Việt Nam",
    "nước CHXHCNVN",
];

/// The end of the name `[start, end)` with the state's name after it (words parted by a
/// space or a line break); `end` otherwise.
pub(super) fn state_after(text: &str, _start: usize, end: usize, limit: usize) -> usize {
    STATE
        .iter()
        .find_map(|s| super::learned::words_after(text, end, s))
        .filter(|&e| e <= limit)
        .unwrap_or(end)
}

/// The end of the name `[start, end)` over the rest of a listed unit word that its last,
/// capitalised word opens (`Cục Người` + ` có công`, as `người có công`); `end` otherwise.
pub(super) fn capitalised_unit_word(text: &str, start: usize, end: usize, limit: usize) -> usize {
    let name = &text[start..end];
    let Some((_, last)) = name.rsplit_once(' ') else {
        return end;
    };
    let mut cs = last.chars();
    let Some(first) = cs.next().filter(|c| c.is_upper()) else {
        return end;
    };
    if !cs.as_str().chars().all(crate::charclass::is_lower) || !text[end..].starts_with(' ') {
        return end;
    }
    let lower: String = first.to_lowercase().chain(cs).collect();
    // The unit words are short: the next 80 bytes or so are enough to match one.
    let mut cut = (end + 80).min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let probe = format!("{lower}{}", &text[end..cut]);
    match unit_word_at(&probe) {
        Some(n) if n > lower.len() + 1 && end + n - lower.len() <= limit => end + n - lower.len(),
        _ => end,
    }
}

/// The joint office of a council and its committee written out (`Văn phòng Hội đồng nhân dân`
/// then ` và Ủy ban nhân dân`, and a level and place if any): one office, as `Văn phòng HĐND
/// và UBND` is; `end` otherwise. A committee after it with its own level (`… và UBND tỉnh`) is
/// found on its own and stays a second name.
pub(super) fn joint_office_after(text: &str, start: usize, end: usize, limit: usize) -> usize {
    if !matches!(
        &text[start..end],
        "Văn phòng Hội đồng nhân dân" | "Văn phòng HĐND"
    ) {
        return end;
    }
    for c in [" và Ủy ban nhân dân", " và Uỷ ban nhân dân", " và UBND"] {
        let Some(x) = text[end..].strip_prefix(c) else {
            continue;
        };
        if x.starts_with(crate::charclass::is_alnum) {
            return end;
        }
        let e = end + c.len();
        let lv = level_after(text, e);
        let e = place_after(text, start, lv);
        return if e <= limit { e } else { end };
    }
    end
}
