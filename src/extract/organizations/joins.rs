//! How organisation names join: a place or country after a listed name, a sub-unit before its
//! parent, an office before a name, names joined by `và` or a dash.

use crate::charclass::CharClass;

use super::*;

/// Party committees of a level, as printed (both tone placements of `ủy`).
const PARTY_COMMITTEES: [&str; 6] = [
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Thành ủy",
    "Thành uỷ",
    "Huyện ủy",
    "Đảng ủy",
];

/// Extends a listed name over `Việt Nam` or a listed place right after it on the same line
/// (`Bộ Công Thương Việt Nam`, `Sở Xây dựng Hà Nội`), two or three words, the longest.
pub(super) fn country_or_place_after(text: &str, end: usize) -> usize {
    let Some(r) = text[end..].strip_prefix(' ') else {
        return end;
    };
    let mut ends = [0usize; 3];
    let mut n = 0;
    let mut at = 0;
    while n < ends.len() {
        // Only a listed place counts, so a head word may be its last (`Hải Phòng`).
        let w = word(&r[at..]);
        if !capitalised(w) {
            break;
        }
        at += w.len();
        ends[n] = at;
        n += 1;
        match r[at..].strip_prefix(' ') {
            Some(_) => at += 1,
            None => break,
        }
    }
    ends[..n]
        .iter()
        .skip(1)
        .rev()
        .find(|&&e| &r[..e] == "Việt Nam" || places().contains(&r[..e]))
        .map_or(end, |&e| end + 1 + e)
}

/// Whether `t` (a generic match, at the start of `from`) is `Văn phòng` followed by another
/// unit's head word and name (`Văn phòng Ban Chỉ huy`), not a name of its own (`Văn phòng Sở`).
pub(super) fn office_of_unit(t: &str, from: &str) -> bool {
    let Some(r) = t.strip_prefix("Văn phòng ") else {
        return false;
    };
    let w = word(r);
    let n = r[w.len()..].strip_prefix(' ').map(word).unwrap_or("");
    w == "Đoàn"
        || matches!(w, "Ban" | "Cục" | "Sở" | "Bộ" | "Hội") && (capitalised(n) || abbreviation(n))
        // `Văn phòng Ban chỉ đạo …`: a board's kind in lower case, named after it.
        || w == "Ban" && super::lower::lower_kind(&from[t.len() - r.len() + w.len()..])
}

/// A match ending in the first syllable of a level or area word (`Đoàn ĐBQH thành` + `phố`,
/// `Chi cục Thuế khu` + `vực`) ends before it: the level word is `level_after`'s.
pub(super) fn split_word_end<'a>(t: &'a str, rest: &str) -> &'a str {
    let Some((head, last)) = t.rsplit_once(' ') else {
        return t;
    };
    let split = match last {
        "thành" => rest.starts_with(" phố"),
        "thị" => rest.starts_with(" xã") || rest.starts_with(" trấn"),
        "khu" => rest.starts_with(" vực"),
        "đặc" => rest.starts_with(" khu"),
        _ => false,
    };
    if split {
        head.trim_end()
    } else {
        t
    }
}

/// Legal-form abbreviations that end a company's name after a dash (`… Dầu khí - CTCP`).
pub(super) const LEGAL_FORMS: [&str; 4] = ["CTCP", "JSC", "MTV", "TNHH"];

/// Where a generic match ends before a dash or `và` that joins another body to it: a unit's
/// head word (`Vụ Pháp chế - Bộ Xây dựng`, `Văn phòng HĐND và UBND`) or, after a dash, an
/// abbreviation (`Cục KSTTHC – VPCP`, the parent's short name), but not a company's legal form
/// (`- CTCP`).
pub(super) fn joined_end(t: &str) -> usize {
    let mut from = 0;
    while let Some(i) = t[from..].find([' ', '-', '–']).map(|i| from + i) {
        let r = &t[i..];
        let dash = r.trim_start_matches(' ');
        if let Some(after) = dash.strip_prefix('-').or_else(|| dash.strip_prefix('–')) {
            let w = word(after.trim_start());
            if starts_unit(after.trim_start()) || abbreviation(w) && !LEGAL_FORMS.contains(&w) {
                return t[..i].trim_end().len();
            }
        }
        if r.strip_prefix(" và ").is_some_and(|x| {
            starts_unit(x) || starts_title(x) || starts_doc_type(x) || kind_alone(x)
        }) {
            return i;
        }
        from = i + r.chars().next().map_or(1, char::len_utf8);
    }
    t.len()
}

/// Whether `r` opens with a body named by its kind alone (`Nhà trường`, a `Khoa` that is no
/// `Khoa học`, `Cơ quan` before a lower-case word): after `và` it is a second body (`Bộ GDĐT
/// và Nhà trường`, `… đất đai và Cơ quan có chức năng`), not a name part.
pub(super) fn kind_alone(r: &str) -> bool {
    let w = word(r);
    let rest = r[w.len()..].strip_prefix(' ');
    let next = rest.map(word).unwrap_or("");
    match w {
        "Nhà" => next == "trường",
        "Khoa" => !matches!(next, "học" | "giáo"),
        "Cơ" => {
            next == "quan"
                && rest.is_some_and(|x| {
                    !x[next.len()..]
                        .strip_prefix(' ')
                        .is_some_and(|y| y.starts_with(|c: char| c.is_upper()))
                })
        }
        _ => false,
    }
}

/// Extends a name over its term or area number: `Quốc hội khóa XV`, `Chi cục Thuế khu vực
/// II`: `khóa` (of the National Assembly) or `khu vực`, and a Roman numeral or a number.
pub(super) fn term_after(text: &str, end: usize) -> usize {
    let r = &text[end..];
    let term = || {
        text[..end]
            .ends_with("Quốc hội")
            .then(|| {
                r.strip_prefix(" khóa ")
                    .or_else(|| r.strip_prefix(" khoá "))
            })
            .flatten()
    };
    // `Phòng Thi hành án dân sự khu vực”`: the area unit named as a kind, its number left out.
    if let Some(x) = r.strip_prefix(" khu vực") {
        if x.is_empty() || x.starts_with(['”', '"', ',', ';', '.', ')', '\n']) {
            return end + " khu vực".len();
        }
    }
    // The area's words may wrap at the margin (`khu` / `vực III`).
    let Some(r) = r
        .strip_prefix(" khu vực ")
        .or_else(|| r.strip_prefix(" khu\nvực "))
        .or_else(term)
    else {
        return end;
    };
    let n = word(r);
    if !n.is_empty()
        && n.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L') || c.is_ascii_digit())
    {
        return text.len() - r.len() + n.len();
    }
    // `khu vực IIT’`, `khu vực Il`: a Roman numeral whose `I` OCR misread after its first.
    let damaged = roman_damaged(r);
    if damaged > 0 {
        return text.len() - r.len() + damaged;
    }
    end
}

/// The length of a Roman numeral at the start of `r` with `I`s that OCR misread (`IIT`, `Il`,
/// `I1`, `VI]`): a numeral's letter first, then such letters, then no letter or digit; 0 if none.
fn roman_damaged(r: &str) -> usize {
    if !r.starts_with(['I', 'V', 'X']) {
        return 0;
    }
    let n = r
        .find(|c: char| !matches!(c, 'I' | 'V' | 'X' | 'l' | '1' | 'T' | ']' | '|'))
        .unwrap_or(r.len());
    let misread = r[..n].chars().any(|c| !matches!(c, 'I' | 'V' | 'X'));
    if n >= 2 && misread && !r[n..].starts_with(char::is_alphanumeric) {
        n
    } else {
        0
    }
}

/// A name's value with such a numeral after `khu vực` or `khóa` read as printed (`khu vực
/// IIT` -> `khu vực III`).
pub(super) fn roman_read(value: &str) -> String {
    for key in [" khu vực ", " khóa ", " khoá "] {
        if let Some(i) = value.find(key) {
            let at = i + key.len();
            let n = roman_damaged(&value[at..]);
            if n > 0 {
                let fixed: String = value[at..at + n]
                    .chars()
                    .map(|c| if matches!(c, 'V' | 'X') { c } else { 'I' })
                    .collect();
                return format!("{}{}{}", &value[..at], fixed, &value[at + n..]);
            }
        }
    }
    value.to_string()
}

/// Extends a unit's name over `quốc gia` written after it in lower case (`Trung tâm Dữ liệu
/// quốc gia`, `Cục Viễn thám quốc gia`, `Quỹ Đổi mới công nghệ quốc gia`): in corpus text a unit
/// name before it is the national unit's, not a phrase's.
pub(super) fn national_after(text: &str, end: usize) -> usize {
    match text[end..].strip_prefix(" quốc gia") {
        Some(r) if !r.starts_with(crate::charclass::is_alnum) => text.len() - r.len(),
        _ => end,
    }
}

/// Sub-units whose parent body may follow them directly (`Cục Pháp chế Bộ Quốc phòng`).
pub(super) const SUB_UNITS: [&str; 12] = [
    "Văn phòng",
    "Cục",
    "Vụ",
    "Ban",
    "Phòng",
    "Cổng",
    "Trung tâm",
    "Chi nhánh",
    "Chi cục",
    "Viện",
    "Thanh tra",
    "Đoàn",
];

/// Parent bodies that make one name with a sub-unit written right before them.
pub(super) const PARENTS: [&str; 22] = [
    "Bộ",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "HĐND",
    "Hội đồng",
    "Chính phủ",
    "Quốc hội",
    "Sở",
    "Tổng cục",
    "Tỉnh ủy",
    "Thành ủy",
    "Đảng ủy",
    "Tỉnh uỷ",
    "Thành uỷ",
    "Huyện ủy",
    "Huyện uỷ",
    "Quận ủy",
    "Quận uỷ",
    "Thị ủy",
    "Thị uỷ",
    "Đảng bộ",
];

/// Whether two names found one after the other are one: a sub-unit and its parent with one
/// space between (`Ban Pháp chế Hội đồng nhân dân tỉnh`, `Cổng TTĐT Bộ Y tế`), or a committee
/// or portal `của` its parent (`Ủy ban Kinh tế và Tài chính của Quốc hội`); a front's committee
/// and the front (`Ủy ban TW` `Mặt trận Tổ quốc Việt Nam`); the joint office of deputies and
/// council (`Văn phòng Đoàn đại biểu Quốc hội` `và` `Hội đồng nhân dân tỉnh`).
pub(super) fn one_name(text: &str, a: (usize, usize), b: (usize, usize)) -> bool {
    let (first, gap, second) = (&text[a.0..a.1], &text[a.1..b.0], &text[b.0..b.1]);
    let starts = |t: &str, list: &[&str]| {
        list.iter().any(|w| {
            t.strip_prefix(w)
                .is_some_and(|r| !r.starts_with(crate::charclass::is_alnum))
        })
    };
    if gap == " " && starts(first, &["Ủy ban", "Uỷ ban", "UB"]) && second.starts_with("Mặt trận")
    {
        // `Ủy ban TW` `Mặt trận Tổ quốc Việt Nam`.
        return true;
    }
    // `Ủy ban Kiểm tra` `Tỉnh ủy`: a committee of a Party committee.
    if gap == " "
        && starts(first, &["Ủy ban", "Uỷ ban"])
        && !first.contains("nhân dân")
        && starts(second, &PARTY_COMMITTEES)
    {
        return true;
    }
    // `Ủy ban Công tác đại biểu` `Quốc hội`: a committee or council of the Assembly, written
    // without `của` (as `Ủy ban Thường vụ Quốc hội`).
    if gap == " "
        && starts(first, &["Ủy ban", "Uỷ ban", "Hội đồng"])
        && !first.contains("nhân dân")
        && second == "Quốc hội"
    {
        return true;
    }
    if gap == " " {
        // `Văn phòng UBND tỉnh` is found whole; `Văn phòng Sở` + `UBND` are two.
        let level = [
            "Hội đồng nhân dân",
            "HĐND",
            "Ủy ban nhân dân",
            "UBND",
            "Đảng ủy",
        ]
        .iter()
        .any(|w| second.starts_with(w));
        return level && !first.starts_with("Văn phòng")
            || starts(first, &SUB_UNITS) && starts(second, &PARENTS) && !level;
    }
    // The joint office of a province's deputies and council, or of a council and its committee
    // (`Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh`, `Văn phòng HĐND và UBND`).
    let council = |t: &str| {
        ["Hội đồng nhân dân", "HĐND", "Ủy ban nhân dân", "UBND"]
            .iter()
            .any(|w| t.starts_with(w))
    };
    if gap == " và "
        && first.starts_with("Văn phòng")
        && (first.contains("Đoàn") || council(&first["Văn phòng ".len().min(first.len())..]))
        && council(second)
    {
        return true;
    }
    gap == " của "
        && starts(first, &["Ủy ban", "Uỷ ban", "Hội đồng", "Cổng"])
        && matches!(second, "Quốc hội" | "Chính phủ")
}

/// Extends a name's start over the office or standing body written before it on its line:
/// `Văn phòng` (`Văn phòng Ban Chỉ huy …`, `Văn phòng Đoàn …`),
/// `Chi nhánh số N` of a centre, `Đoàn đại biểu` of the National Assembly.
pub(super) fn office_before(text: &str, start: usize, end: usize) -> usize {
    let name = &text[start..end];
    let before = &text[..start];
    let mut s = start;
    if name.starts_with("Quốc hội") || name.starts_with("QH") {
        // One space or a line break between (`Đoàn đại biểu` / `Quốc hội`).
        let b = before.strip_suffix([' ', '\n']).unwrap_or(before);
        for d in ["Đoàn đại biểu", "Đoàn Đại biểu"] {
            if b.ends_with(d) && b.len() < before.len() {
                s = b.len() - d.len();
                break;
            }
        }
    }
    if name.starts_with("Trung tâm") {
        // `Chi nhánh số 1 ` before the centre.
        let b = before.trim_end_matches(' ');
        let digits = b.trim_end_matches(|c: char| c.is_ascii_digit());
        // English OCR's `số` may stay `so` before the digits (`Chi nhánh so 1`).
        for branch in ["Chi nhánh số ", "Chi nhánh so "] {
            if digits.len() < b.len() && digits.ends_with(branch) {
                s = digits.len() - branch.len();
            }
        }
    }
    // `Cục` `Thuế tỉnh`: the tax office of a level, named with its head word.
    if name.starts_with("Thuế ") {
        if let Some(p) = ["Chi cục ", "Cục "]
            .iter()
            .find(|p| text[..s].ends_with(**p))
        {
            s -= p.len();
        }
    }
    // The Party committee of a body (`Đảng ủy` `UBND tỉnh`, `Đảng ủy` `Bộ`).
    for p in ["Đảng ủy ", "Đảng uỷ "] {
        if text[..s].ends_with(p) && !name.starts_with("Đảng") {
            s -= p.len();
            break;
        }
    }
    let name = &text[s..end];
    if text[..s].ends_with("Văn phòng ")
        && ["Ban", "Đoàn", "Cục", "Hội đồng", "Trung ương"]
            .iter()
            .chain(&PARTY_COMMITTEES)
            .any(|w| name.starts_with(w))
    {
        s -= "Văn phòng ".len();
    }
    s
}

/// A Party committee named by its unit's head word alone (`Đảng ủy` + `Bộ`, `Đảng ủy` +
/// `Sở`: the committee of the ministry the text is about) takes that word; not one before a
/// name (`Đảng ủy` `Bộ Tư pháp`: two names, joined or not by `one_name`).
pub(super) fn unit_word_alone_after(text: &str, start: usize, end: usize) -> usize {
    if !(text[start..end].ends_with("Đảng ủy") || text[start..end].ends_with("Đảng uỷ")) {
        return end;
    }
    let Some(r) = text[end..].strip_prefix(' ') else {
        return end;
    };
    for w in ["Bộ", "Sở", "Cục", "Khối"] {
        let Some(x) = r.strip_prefix(w) else {
            continue;
        };
        let named = x
            .strip_prefix(' ')
            .is_some_and(|n| n.starts_with(crate::charclass::is_upper));
        if !x.starts_with(crate::charclass::is_alnum) && !named {
            return end + 1 + w.len();
        }
    }
    end
}
