//! Organisation names in restored text (`Sở Nội vụ`, `Ủy ban nhân dân tỉnh Lai Châu`, `Cục
//! CST`), as byte ranges: where a name starts and how far it goes, by fixtures/real/ANNOTATION.md.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use regex::Regex;

/// The compiled organisation patterns: listed names, level bodies, unit head + name.
struct Patterns {
    known: Regex,
    level: Regex,
    generic: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let build =
            |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("bad built-in pattern {p}: {e}"));
        Patterns {
            known: build(&known_orgs()),
            level: build(LEVEL),
            generic: build(GENERIC),
        }
    })
}

/// A level body up to its level word (`UBND tỉnh`, `Hội đồng nhân dân thành phố`); the place
/// after it is `place_after`'s.
const LEVEL: &str = r"(?:Văn\s+phòng\s+)?(?:UBND|HĐND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân|Thuế|Công\s+an|Kho\s+bạc\s+Nhà\s+nước|Bảo\s+hiểm\s+xã\s+hội|Bộ\s+Chỉ\s+huy\s+Quân\s+sự)\s+(?:(?i:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)|TP)";

/// A unit head word and its capitalised name or abbreviation (`Sở Nội vụ`, `Phòng Hành chính -
/// Tổng hợp`, `Sở KH&CN`, `Tập đoàn Bưu chính …`, `Trường Đại học …`); a portal is one only as
/// the e-portal of a body (`Cổng Thông tin điện tử`, `Cổng TTĐT`), which takes its owner after.
const GENERIC: &str = r"(?:Cổng\s+(?:[Tt]hông\s+tin\s+điện\s+tử|TTĐT)|(?:Sở|Bộ|Phòng|Ban|Trung\s+tâm|Chi\s+cục|Chi\s+nhánh|Cục|Vụ|Viện|Thanh\s+tra|Tổng\s+cục|Văn\s+phòng|Hội|Hiệp\s+hội|Liên\s+minh|Ủy\s+ban|Uỷ\s+ban|UB|Hội\s+đồng|Đoàn|Tập\s+đoàn|Tổng\s+[Cc]ông\s+[Tt]y|Công\s+[Tt]y|Trường|Đại\s+học|Học\s+[Vv]iện|Báo|Đài|Ngân\s+hàng)\s+(?:[A-ZĐ\p{Lu}][A-ZĐ\p{Lu}0-9&]+|[A-ZĐ\p{Lu}]\p{Ll}*(?:\s+\p{Ll}+)?)(?:\s+(?:và|-|–)\s+(?:[A-ZĐ\p{Lu}][A-ZĐ\p{Lu}0-9&]+|[A-ZĐ\p{Lu}]\p{Ll}*(?:\s+\p{Ll}+)?))*)";

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// The organisation names of `dictionaries/organizations.txt` (compiled in), as one
/// alternation, longest first, any whitespace between words.
fn known_orgs() -> String {
    let mut names: Vec<&str> = include_str!("../../dictionaries/organizations.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alts: Vec<String> = names
        .iter()
        .map(|n| {
            // The first letter as listed, the rest in any case (`Đài truyền hình Việt Nam`).
            let mut cs = n.chars();
            let first = cs
                .next()
                .map(|c| regex::escape(&c.to_string()))
                .unwrap_or_default();
            let rest = cs
                .as_str()
                .split(' ')
                .map(|w| match w {
                    // `Bộ Văn hóa, Thể thao & Du lịch`.
                    "và" => "(?:và|&)".to_string(),
                    w => regex::escape(w),
                })
                .collect::<Vec<_>>()
                .join(r"\s+");
            format!("{first}(?i:{rest})")
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}

/// Organisation mentions as byte ranges: known names first, then level bodies (`UBND tỉnh`)
/// and generic unit names where no known name overlaps (a generic name ends before a known one
/// inside it); then a unit and its parent body written together become one name (`Ban Pháp
/// chế` `Hội đồng nhân dân tỉnh`, `Cục Pháp chế` `Bộ Quốc phòng`, `Ủy ban Kinh tế và Tài chính`
/// `của Quốc hội`), and a name takes the office or standing body written before it (`Văn
/// phòng` `Ban Chỉ huy …`, `Chi nhánh số 1` `Trung tâm …`).
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let p = patterns();
    // Names found so far, start -> end, never overlapping: a new range is free when the last
    // name starting before its end ends before its start (log time, for long documents).
    let mut found: BTreeMap<usize, usize> = BTreeMap::new();
    for (k, re) in [&p.known, &p.level, &p.generic].iter().enumerate() {
        let mut at = 0;
        while let Some(m) = re.find_at(text, at) {
            // A rejected match is searched again from its next character (`Văn phòng UBND
            // tỉnh và Trung tâm …` holds a name after the part already found).
            at = m.start() + next_char(text, m.start()).map_or(1, char::len_utf8);
            // Inside a name found before (`Bộ Tài chính`, listed): nothing to do here.
            if let Some((_, &b)) = found.range(..=m.start()).next_back() {
                if b > m.start() {
                    at = b;
                    continue;
                }
            }
            if prev_char(text, m.start()).is_some_and(|c| c.is_alphanumeric())
                || next_char(text, m.end()).is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            if in_law_name(text, m.start()) || heading_caps(m.as_str()) {
                continue;
            }
            let t = m.as_str();
            // `Văn phòng Ban Chỉ huy …`: the office of a unit named after it; the unit is
            // found from its own head word, and takes `Văn phòng` back below.
            if k == 2 && office_of_unit(t) {
                at = m.start() + "Văn phòng".len();
                continue;
            }
            let t = &t[..joined_end(t)];
            let t = t.strip_suffix(" và").unwrap_or(t).trim_end();
            let t = split_word_end(t, &text[m.start() + t.len()..]);
            let (s, mut e) = (m.start(), m.start() + t.len());
            // `Cục Thuế nhận được`: a verb after the name is not part of it.
            if k == 2 {
                e = drop_verb(text, s, e);
            }
            // `Ủy ban nhân dân tỉnh` + `Vĩnh Phúc`: a listed name ending in a level goes on
            // through the place's capitalised words.
            if k < 2 {
                e = place_after(text, s, e);
            }
            if k == 0 {
                e = country_or_place_after(text, e);
            }
            // A generic unit name goes on through the lower-case words of unit names; one
            // whose name is a unit word (`Thanh tra Sở`) ends there.
            if k == 2 {
                e = unit_word_end(text, s, e);
                // `Trung tâm Chuyển đổi` + `số Thành phố`: one more syllable when the name
                // goes on after it.
                if let Some(l) = text[e..].strip_prefix(' ').map(word) {
                    if name_syllable(l) && name_goes_on(&text[e + 1 + l.len()..], true) {
                        e += 1 + l.len();
                    }
                }
                for _ in 0..4 {
                    let before = e;
                    e = extend_unit_name(text, extend_capitalised(text, e));
                    if e == before {
                        break;
                    }
                }
            }
            if k != 1 {
                e = level_after(text, e);
            }
            e = term_after(text, e);
            // `Phòng Tư pháp các huyện`, `Ủy ban nhân dân xã, phường`, `các Ban Hội đồng nhân
            // dân`: many units.
            if plural_after(&text[s..e], &text[e..]) || k == 2 && text[..s].ends_with("các ") {
                continue;
            }
            // A name found before inside this one (`Cổng TTĐT` + `Chính phủ`): this one ends
            // before it; the two are joined below when they are one name.
            if let Some((&inner, _)) = found.range(s + 1..e).next() {
                e = text[..inner].trim_end_matches([' ', '-', '–']).len();
                // What is left must still be a name, not a bare head word (`Văn phòng`).
                let still = e > s && re.find(&text[s..e]).is_some_and(|m| m.start() == 0);
                if !still {
                    continue;
                }
            }
            if found.range(..e).next_back().is_none_or(|(_, &b)| b <= s) {
                found.insert(s, e);
                at = at.max(e);
            }
        }
    }
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in found {
        // The office before a name is taken first (`Văn phòng Đoàn đại biểu` + `Quốc hội`,
        // then `và Hội đồng nhân dân …`), unless a name found before ends inside it.
        let office = office_before(text, s, e);
        let s = match merged.last() {
            Some(last) if last.1 > office => s,
            _ => office,
        };
        if let Some(last) = merged.last_mut() {
            if one_name(text, *last, (s, e)) {
                last.1 = e;
                continue;
            }
        }
        merged.push((s, e));
    }
    merged
}

/// Extends a listed name over `Việt Nam` or a listed place right after it on the same line
/// (`Bộ Công Thương Việt Nam`, `Sở Xây dựng Hà Nội`), two or three words, the longest.
fn country_or_place_after(text: &str, end: usize) -> usize {
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

/// Whether `t` (a generic match) is `Văn phòng` followed by another unit's head word and name
/// (`Văn phòng Ban Chỉ huy`), not a name of its own (`Văn phòng Sở`).
fn office_of_unit(t: &str) -> bool {
    let Some(r) = t.strip_prefix("Văn phòng ") else {
        return false;
    };
    let w = word(r);
    let n = r[w.len()..].strip_prefix(' ').map(word).unwrap_or("");
    w == "Đoàn"
        || matches!(w, "Ban" | "Cục" | "Sở" | "Bộ" | "Hội") && (capitalised(n) || abbreviation(n))
}

/// A match ending in the first syllable of a level or area word (`Đoàn ĐBQH thành` + `phố`,
/// `Chi cục Thuế khu` + `vực`) ends before it: the level word is `level_after`'s.
fn split_word_end<'a>(t: &'a str, rest: &str) -> &'a str {
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
const LEGAL_FORMS: [&str; 4] = ["CTCP", "JSC", "MTV", "TNHH"];

/// Where a generic match ends before a dash or `và` that joins another body to it: a unit's
/// head word (`Vụ Pháp chế - Bộ Xây dựng`, `Văn phòng HĐND và UBND`) or, after a dash, an
/// abbreviation (`Cục KSTTHC – VPCP`, the parent's short name), but not a company's legal form
/// (`- CTCP`).
fn joined_end(t: &str) -> usize {
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
        if r.strip_prefix(" và ").is_some_and(starts_unit) {
            return i;
        }
        from = i + r.chars().next().map_or(1, char::len_utf8);
    }
    t.len()
}

/// Extends a name over its term or area number: `Quốc hội khóa XV`, `Chi cục Thuế khu vực
/// II`: `khóa` (of the National Assembly) or `khu vực`, and a Roman numeral or a number.
fn term_after(text: &str, end: usize) -> usize {
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
    let Some(r) = r.strip_prefix(" khu vực ").or_else(term) else {
        return end;
    };
    let n = word(r);
    if !n.is_empty()
        && n.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L') || c.is_ascii_digit())
    {
        return text.len() - r.len() + n.len();
    }
    end
}

/// Sub-units whose parent body may follow them directly (`Cục Pháp chế Bộ Quốc phòng`).
const SUB_UNITS: [&str; 12] = [
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
const PARENTS: [&str; 15] = [
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
];

/// Whether two names found one after the other are one: a sub-unit and its parent with one
/// space between (`Ban Pháp chế Hội đồng nhân dân tỉnh`, `Cổng TTĐT Bộ Y tế`), or a committee
/// or portal `của` its parent (`Ủy ban Kinh tế và Tài chính của Quốc hội`); a front's committee
/// and the front (`Ủy ban TW` `Mặt trận Tổ quốc Việt Nam`); the joint office of deputies and
/// council (`Văn phòng Đoàn đại biểu Quốc hội` `và` `Hội đồng nhân dân tỉnh`).
fn one_name(text: &str, a: (usize, usize), b: (usize, usize)) -> bool {
    let (first, gap, second) = (&text[a.0..a.1], &text[a.1..b.0], &text[b.0..b.1]);
    let starts = |t: &str, list: &[&str]| {
        list.iter().any(|w| {
            t.strip_prefix(w)
                .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
        })
    };
    if gap == " " && starts(first, &["Ủy ban", "Uỷ ban", "UB"]) && second.starts_with("Mặt trận")
    {
        // `Ủy ban TW` `Mặt trận Tổ quốc Việt Nam`.
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
fn office_before(text: &str, start: usize, end: usize) -> usize {
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
        if digits.len() < b.len() && digits.ends_with("Chi nhánh số ") {
            s = digits.len() - "Chi nhánh số ".len();
        }
    }
    let name = &text[s..end];
    if text[..s].ends_with("Văn phòng ")
        && ["Ban", "Đoàn", "Cục", "Hội đồng", "Trung ương"]
            .iter()
            .any(|w| name.starts_with(w))
    {
        s -= "Văn phòng ".len();
    }
    s
}

/// Lower-case words that continue a unit name (`dictionaries/unit_words.txt`), longest first.
fn unit_words() -> &'static [Vec<&'static str>] {
    static W: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    W.get_or_init(|| {
        let mut w: Vec<Vec<&str>> = include_str!("../../dictionaries/unit_words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split_whitespace().collect())
            .collect();
        w.sort_by_key(|e: &Vec<&str>| std::cmp::Reverse(e.len()));
        w
    })
}

/// The length of the listed unit-name words (`tư pháp`, `hành chính công`) at the start of
/// `r`, the longest entry; `None` when none is there.
fn unit_word_at(r: &str) -> Option<usize> {
    'entries: for entry in unit_words() {
        let mut at = 0;
        for (i, w) in entry.iter().enumerate() {
            let mut t = &r[at..];
            if i > 0 {
                let Some(x) = t.strip_prefix(' ') else {
                    continue 'entries;
                };
                t = x;
                at += 1;
            }
            if !t.starts_with(w) || t[w.len()..].starts_with(|c: char| c.is_alphanumeric()) {
                continue 'entries;
            }
            at += w.len();
        }
        return Some(at);
    }
    None
}

/// Extends a unit name ending at byte `end` over following listed lower-case words
/// (`Phòng Hành chính` + `tư pháp`), separated by single spaces, stopping at punctuation.
fn extend_unit_name(text: &str, mut end: usize) -> usize {
    loop {
        let Some(rest) = text[end..].strip_prefix(' ') else {
            return end;
        };
        // `và` joins two name parts (`Quản lý văn hóa và gia đình`).
        let (skip, rest) = match rest.strip_prefix("và ") {
            Some(r) => ("và ".len(), r),
            None => (0, rest),
        };
        match unit_word_at(rest) {
            Some(n) => end += 1 + skip + n,
            None => return end,
        }
    }
}

/// A generic match whose capitalised word is itself a unit word (`Thanh tra Sở`, `Văn phòng
/// Bộ`) ends at that word: a lower-case word after it is the sentence's verb (`Sở kiểm tra`).
fn unit_word_end(text: &str, start: usize, end: usize) -> usize {
    let m = &text[start..end];
    let words: Vec<(usize, &str)> = m
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - m.as_ptr() as usize, w))
        .collect();
    for (i, &(at, w)) in words.iter().enumerate().skip(1) {
        if matches!(w, "Sở" | "Bộ" | "Ban" | "Phòng" | "Cục")
            && words
                .get(i + 1)
                .is_some_and(|(_, n)| n.starts_with(char::is_lowercase))
        {
            return start + at + w.len();
        }
    }
    end
}

/// Extends a name over a following administrative level (`Trung tâm Văn hóa tỉnh`, `Hội Nông
/// dân xã`, `Công an Thành phố`), unless the level word begins another word (`xã hội`) or a place name follows
/// (`huyện Can Lộc`: the level belongs to the place).
fn level_after(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    for level in [
        "tỉnh",
        "huyện",
        "quận",
        "thị xã",
        "thị trấn",
        "thành phố",
        "xã",
        "phường",
        "Thành phố",
        "Tỉnh",
        "TP",
    ] {
        let Some(r) = rest.strip_prefix(' ').and_then(|r| r.strip_prefix(level)) else {
            continue;
        };
        if r.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        // `xã hội` is a word; `Tỉnh ủy` a body of its own.
        if r.starts_with(" hội") || r.starts_with(" ủy") || r.starts_with(" uỷ") {
            return end;
        }
        // `Sở Tư pháp tỉnh Đồng Nai`: the place after the level belongs to the name.
        return place_after(text, end, end + 1 + level.len());
    }
    end
}

/// Whether a match is (part of) a heading in capitals (`SỞ NỘI VỤ`, `UBND TỈNH`): a word in
/// capitals that is a syllable, not an abbreviation (`UBND TP` is a name).
fn heading_caps(m: &str) -> bool {
    m.split_whitespace().any(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && w.chars().all(|c| !c.is_lowercase())
            && crate::syllable::is_valid(&w.to_lowercase())
    })
}

/// Whether the name at `start` stands inside a law's name (`Luật Tổ chức Chính phủ`): `Luật`
/// a few words before it on the same clause, only words between.
fn in_law_name(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    match before.rfind("Luật ") {
        Some(i) => before[i..].chars().all(|c| c.is_alphabetic() || c == ' '),
        None => false,
    }
}

/// Lower-case words that are a sentence's verb or glue, never the last syllable of a unit's
/// name (`Cục Thuế nhận`, `Sở Y tế có`).
const NOT_NAME_WORDS: [&str; 47] = [
    "bị", "bổ", "chỉ", "chủ", "cho", "có", "của", "cung", "cần", "do", "giao", "ghi", "gửi",
    "hướng", "ký", "là", "lập", "mà", "nên", "nhận", "phê", "phối", "quy", "rà", "sau", "sẽ",
    "sửa", "tham", "theo", "thì", "thông", "thực", "tiếp", "trả", "trình", "triển", "trước", "tại",
    "tổ", "về", "với", "xây", "đang", "được", "đã", "đề", "đôn",
];

/// Ends a generic name before a trailing lower-case word that is a verb or glue.
fn drop_verb(text: &str, start: usize, end: usize) -> usize {
    let m = &text[start..end];
    match m.rsplit_once(' ') {
        Some((head, last)) if NOT_NAME_WORDS.contains(&last) && head.contains(' ') => {
            start + head.trim_end().len()
        }
        _ => end,
    }
}

/// Whether `r` begins another unit's name (`Ban …`, `Sở …`, `Công ty …`): a part joined by
/// `và` or a dash that does is a second organisation, not the rest of the first one's name.
fn starts_unit(r: &str) -> bool {
    let w = word(r);
    HEADS.contains(&w)
        || matches!(
            w,
            "Ban" | "Vụ" | "Viện" | "Đoàn" | "Trường" | "Báo" | "Đài" | "UB" | "Tập" | "Đảng"
        )
        || [
            "Tổng cục",
            "Tổng công ty",
            "Tổng Công ty",
            "Công ty",
            "Công an",
            "Ngân hàng",
            "Kho bạc",
            "Thanh tra",
            "Liên minh",
            "Hiệp hội",
            "Học viện",
            "Đại học",
        ]
        .iter()
        .any(|h| r.starts_with(h))
}

/// Unit words that begin another organisation's name: a capitalised continuation stops there.
const HEADS: [&str; 12] = [
    "Sở", "Bộ", "Ủy", "Uỷ", "UBND", "HĐND", "Cục", "Phòng", "Chi", "Trung", "Văn", "Hội",
];

/// Whether `w` is an abbreviation in capitals that is no syllable (`CST`, `KH&CN`, `TTĐT`):
/// the name of a unit after its head word (`Cục CST`), never a heading word (`NỘI`).
fn abbreviation(w: &str) -> bool {
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    w.chars().next().is_some_and(char::is_uppercase)
        && upper >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
        && !crate::syllable::is_valid(&w.to_lowercase())
}

/// The word at the start of `r`: letters, digits and `&` (`KH&CN`).
fn word(r: &str) -> &str {
    let end = r
        .find(|c: char| !(c.is_alphanumeric() || c == '&'))
        .unwrap_or(r.len());
    &r[..end]
}

/// Capitalised words that are a level (`Thành phố`, `Tỉnh`, `TP`) or a party committee
/// (`Tỉnh ủy`): a name's capitalised continuation stops there, for `level_after`.
const LEVEL_HEADS: [&str; 3] = ["Thành", "Tỉnh", "TP"];

/// Whether a lower-case word can go on a name as the second syllable of a capitalised word
/// (`Đổi mới`, `Phát triển`, `Chuyển đổi số`): no verb or glue, no level, no set word.
fn name_syllable(w: &str) -> bool {
    !w.is_empty()
        && w.chars().all(char::is_lowercase)
        // `Viễn thông`, `Phát triển`: second syllables of name words, verbs' first ones.
        && (matches!(w, "thông" | "triển") || !NOT_NAME_WORDS.contains(&w))
        && !matches!(
            w,
            "và" | "các" | "của" | "cấp" | "tỉnh"
                | "huyện"
                | "quận"
                | "xã"
                | "phường"
                | "thành"
                | "thị"
                | "ban"
                | "báo"
                | "kiểm"
                | "chịu"
                | "xin"
                | "yêu"
                | "những"
                | "này"
                | "trong"
                | "thuộc"
                | "đến"
                | "từ"
                | "để"
                | "hoặc"
                | "nhằm"
                | "đối"
                | "khi"
                | "nếu"
                | "biết"
                | "rõ"
                | "đó"
                | "đây"
                | "ngay"
                | "cùng"
                | "xem"
                | "nắm"
        )
}

/// Whether the text after a name's lower-case run shows that the name goes on: a capitalised
/// word, an abbreviation, a joined part (`và Phát triển`, `- CTCP`), a level or a listed unit
/// word; with `last_ok`, also the name's end (punctuation or the line's end).
fn name_goes_on(r: &str, last_ok: bool) -> bool {
    let Some(r) = r.strip_prefix(' ') else {
        return last_ok && (r.is_empty() || r.starts_with(['\n', ',', ';', '.', ':', ')']));
    };
    let w = word(r);
    // `Ban Chỉ huy` + `chủ trì`, `Ban Chỉ huy` + `và cơ quan`: the sentence goes on, the name
    // ends after the syllable.
    if last_ok
        && (NOT_NAME_WORDS.contains(&w)
            || w == "và" && r[w.len()..].trim_start().starts_with(char::is_lowercase))
    {
        return true;
    }
    if capitalised(w) || abbreviation(w) {
        return true;
    }
    if w == "và" || r.starts_with("- ") || r.starts_with("– ") {
        let after = r
            .strip_prefix("và")
            .unwrap_or(r)
            .trim_start_matches([' ', '-', '–']);
        let n = word(after);
        return capitalised(n) || abbreviation(n);
    }
    let level = [
        "tỉnh",
        "huyện",
        "quận",
        "xã",
        "phường",
        "thành phố",
        "thị xã",
        "Thành phố",
    ]
    .iter()
    .any(|l| {
        r.strip_prefix(l)
            .is_some_and(|t| t.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    });
    level || unit_word_at(r).is_some()
}

/// Extends a generic name over what follows it on the same line (`Văn phòng Tổng Bí thư`,
/// `Ban Bí thư Trung ương Đảng`, `Cục Kiểm soát TTHC`): capitalised words and abbreviations;
/// the lower-case syllables of a capitalised word (`Ban Chỉ đạo Đổi mới và Phát triển …`) when
/// the name visibly goes on after them; a part joined by `và` or a dash. It stops at the head
/// word of another unit (`Sở`, `Ủy ban`, `Phòng Tư pháp`; not `Phòng thủ`, an ordinary word)
/// and at a level (`Thành phố`), which `level_after` takes.
fn extend_capitalised(text: &str, mut end: usize) -> usize {
    loop {
        let rest = &text[end..];
        let Some(r) = rest.strip_prefix(' ') else {
            return end;
        };
        // `và Phát triển`, `- CTCP`: a joined part that is itself capitalised.
        if let Some(j) = ["và ", "- ", "– "].iter().find(|j| r.starts_with(**j)) {
            let n = word(&r[j.len()..]);
            let ok = (capitalised(n) || abbreviation(n))
                && !starts_unit(&r[j.len()..])
                && !LEVEL_HEADS.contains(&n)
                && !(j.starts_with(['-', '–']) && abbreviation(n) && !LEGAL_FORMS.contains(&n));
            if !ok {
                return end;
            }
            end += 1 + j.len() + n.len();
            if abbreviation(n) {
                continue;
            }
            end = syllables_after(text, end);
            continue;
        }
        let w = word(r);
        let parent_body = ["Đảng ủy", "Đảng uỷ", "Ủy ban", "Hội đồng"]
            .iter()
            .any(|p| r.starts_with(p));
        // `Phòng thủ`, `Ban hành`: a head word before a lower-case syllable is a plain word.
        let plain_word = matches!(w, "Phòng" | "Ban" | "Văn" | "Hội" | "Chi")
            && r[w.len()..].strip_prefix(' ').is_some_and(|n| {
                n.starts_with(char::is_lowercase)
                    && !matches!(word(n), "cục" | "nhánh" | "phòng" | "đồng")
            });
        // `Hải` + `Phòng`: a head word that ends a listed place is the place's.
        let ends_place = text[..end]
            .rfind(' ')
            .is_some_and(|i| places().contains(&text[i + 1..end + 1 + w.len()]));
        if ends_place {
            end += 1 + w.len();
            continue;
        }
        if w.is_empty()
            || parent_body
            || LEVEL_HEADS.contains(&w)
            || HEADS.contains(&w) && !plain_word && !(w == "Trung" && r.starts_with("Trung ương"))
        {
            return end;
        }
        if abbreviation(w) {
            end += 1 + w.len();
            continue;
        }
        if !capitalised(w) {
            return end;
        }
        end += 1 + w.len();
        // `Hà Nội` + `ban hành`: a listed place ends the run of capitalised words.
        let place = text[..end]
            .rfind(' ')
            .and_then(|i| text[..i].rfind(' ').map(|j| &text[j + 1..end]))
            .is_some_and(|p| places().contains(p));
        if place {
            continue;
        }
        end = syllables_after(text, end);
    }
}

/// The end of a capitalised word's lower-case syllables (one or two) after `end`, when the name
/// visibly goes on after them (`Đổi mới và …`, `Chuyển đổi số Thành phố`, `Viễn thông Quân`),
/// or a single syllable ends the name (`Quân đội;`); `end` otherwise.
fn syllables_after(text: &str, end: usize) -> usize {
    let mut e = end;
    for n in 0..2 {
        let Some(r) = text[e..].strip_prefix(' ') else {
            break;
        };
        let l = word(r);
        if !name_syllable(l) {
            break;
        }
        e += 1 + l.len();
        if name_goes_on(&text[e..], n == 0) {
            return e;
        }
    }
    end
}

/// The gazetteer `dictionaries/places.txt` (compiled in): names of provinces, districts,
/// communes and wards without their unit word, as spelled there (both tone placements).
fn places() -> &'static HashSet<&'static str> {
    static P: OnceLock<HashSet<&'static str>> = OnceLock::new();
    P.get_or_init(|| {
        include_str!("../../dictionaries/places.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether `w` is a capitalised word (`Đà`, `Nẵng`), not a capitals abbreviation.
fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && w.len() > 1 && cs.all(char::is_lowercase)
}

/// Extends a name that ends in a level word (`tỉnh`, `thành phố`) over the place after it:
/// the longest run of up to four capitalised words on the same line that the gazetteer lists
/// (`Đà Nẵng`, not `Đà Nẵng Sửa` of a title that follows); an unlisted place (a misspelling)
/// keeps its capitalised words, but not a single one that opens a phrase (`Chỉ đạo`).
fn place_after(text: &str, start: usize, end: usize) -> usize {
    let name = &text[start.min(end)..end];
    let levels = [
        "tỉnh",
        "huyện",
        "quận",
        "xã",
        "phường",
        "thành phố",
        "thị xã",
        "thị trấn",
        "Thành phố",
        "Tỉnh",
        "TP",
    ];
    if !levels.iter().any(|l| name.ends_with(l)) {
        return end;
    }
    // Ends of the capitalised words after the level, same line, single spaces.
    let mut ends = [0usize; 4];
    let mut n = 0;
    let mut e = end;
    // A wrapped line may put the place on the next one; then only a listed place counts.
    let wrapped = text[end..].starts_with('\n');
    while n < ends.len() {
        let r = &text[e..];
        let Some(r) = r
            .strip_prefix(' ')
            .or_else(|| r.strip_prefix('\n').filter(|_| n == 0))
        else {
            break;
        };
        let w_end = r.find(|c: char| !c.is_alphanumeric()).unwrap_or(r.len());
        let w = &r[..w_end];
        if !capitalised(w) || HEADS.contains(&w) {
            break;
        }
        e += 1 + w.len();
        ends[n] = e;
        n += 1;
    }
    if n == 0 {
        return end;
    }
    if let Some(&e) = ends[..n]
        .iter()
        .rev()
        .find(|&&e| places().contains(&text[end + 1..e]))
    {
        return e;
    }
    let last = ends[n - 1];
    let opens_phrase = text[last..]
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(char::is_lowercase));
    if wrapped || n == 1 && opens_phrase {
        return end;
    }
    last
}

/// Whether the text after an organisation name makes it many units or a kind of unit: `các
/// huyện`, `các cấp`, `cấp tỉnh`, or another level after a name that ends in a level
/// (`Ủy ban nhân dân xã, phường`, `Sở Y tế tỉnh, thành phố`).
fn plural_after(name: &str, rest: &str) -> bool {
    let mut words = rest.split_whitespace();
    let first = words.next();
    let second = words
        .next()
        .map(|w| w.trim_end_matches([',', '.', ';', ':']));
    if first == Some("các")
        && second.is_some_and(|w| {
            matches!(
                w,
                "tỉnh"
                    | "huyện"
                    | "quận"
                    | "thị"
                    | "thành"
                    | "xã"
                    | "phường"
                    | "sở"
                    | "địa"
                    | "cấp"
            )
        })
    {
        return true;
    }
    if first == Some("cấp")
        && second.is_some_and(|w| matches!(w, "tỉnh" | "huyện" | "xã" | "trung" | "cơ"))
    {
        return true;
    }
    let levels = [
        "tỉnh",
        "huyện",
        "quận",
        "xã",
        "phường",
        "thành phố",
        "thị xã",
    ];
    levels.iter().any(|l| name.ends_with(l))
        && rest.strip_prefix(", ").is_some_and(|r| {
            levels.iter().chain(&["đặc khu"]).any(|l| {
                r.strip_prefix(l)
                    .is_some_and(|t| !t.starts_with(char::is_alphanumeric))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        find(text)
            .into_iter()
            .map(|(s, e)| text[s..e].split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn organizations() {
        let v = values(
            "Giao Sở Nội vụ, Văn phòng Sở và Phòng Hành chính - Tổng hợp; UBND tỉnh chỉ đạo.",
        );
        assert!(v.iter().any(|x| x == "Sở Nội vụ"), "{v:?}");
        assert!(v.iter().any(|x| x == "Văn phòng Sở"), "{v:?}");
        assert!(v.iter().any(|x| x == "UBND tỉnh"), "{v:?}");
        // Lower-case name words of units go on; a verb after the name ends it.
        let v = values(
            "Phòng Hành chính tư pháp chủ trì; Sở Nội vụ tổng hợp báo cáo; Trung tâm Phục vụ \
             hành chính công tiếp nhận.",
        );
        assert_eq!(
            v,
            vec![
                "Phòng Hành chính tư pháp",
                "Sở Nội vụ",
                "Trung tâm Phục vụ hành chính công"
            ]
        );
        // Many units (`các huyện`) are not one organisation; a title before an organ is not
        // part of it.
        let v = values("Kính gửi Phòng Tư pháp các huyện, thị xã và Thủ tướng Chính phủ.");
        assert_eq!(v, vec!["Chính phủ"]);
        // A level after the name is part of it, and so is a place name after the level (as
        // the real documents' gold reads `Sở Tư pháp tỉnh Đồng Nai`); a unit word ends a name
        // before a verb; `và` joins listed name words.
        let v = values(
            "Hội Nông dân xã phối hợp với Trung tâm Văn hóa tỉnh; Thanh tra Sở kiểm tra; \
             Phòng Quản lý văn hóa và gia đình chủ trì; Phòng Tư pháp huyện Can Lộc.",
        );
        assert_eq!(
            v,
            vec![
                "Hội Nông dân xã",
                "Trung tâm Văn hóa tỉnh",
                "Thanh tra Sở",
                "Phòng Quản lý văn hóa và gia đình",
                "Phòng Tư pháp huyện Can Lộc"
            ]
        );
    }

    #[test]
    fn places_after_levels() {
        // A listed place ends where the gazetteer's name ends (`Đà Nẵng`, not `Đà Nẵng Sửa`
        // of a title that follows); an unlisted one keeps its capitalised words; a single
        // capitalised word that opens a phrase (`Chỉ đạo`) is no place.
        let v = values(
            "Quyết định của UBND thành phố Đà Nẵng Sửa đổi quy chế; Công an Thành phố Chỉ đạo \
             các đơn vị; UBND thành phố Quy Nhơn về việc; UBND tỉnh\nQuảng Trị chỉ đạo.",
        );
        assert_eq!(
            v,
            vec![
                "UBND thành phố Đà Nẵng",
                "Công an Thành phố",
                "UBND thành phố Quy Nhơn",
                "UBND tỉnh Quảng Trị"
            ]
        );
    }

    #[test]
    fn abbreviated_unit_names() {
        // A head word and an abbreviation in capitals are a name; a heading in capitals is
        // not; a dash before a parent's short name ends the name.
        let v = values(
            "Gửi Cục QLG, Ban TCCB; Sở KH&CN chủ trì; Cục KSTTHC – VPCP; Bộ CHQS tỉnh phối hợp.\nSỞ NỘI VỤ",
        );
        assert_eq!(
            v,
            vec![
                "Cục QLG",
                "Ban TCCB",
                "Sở KH&CN",
                "Cục KSTTHC",
                "Bộ CHQS tỉnh"
            ]
        );
    }

    #[test]
    fn long_unit_names() {
        // Lower-case syllables of a capitalised word go on when the name visibly goes on;
        // a joined part takes its own syllables; `Phòng thủ` is a word, not a new unit.
        let v = values(
            "Mời Ban Chỉ đạo Đổi mới và Phát triển doanh nghiệp, Tập đoàn Điện lực - Viễn thông \
             Hải Phòng và Ban Chỉ huy Phòng thủ dân sự tỉnh; Trung tâm Chuyển đổi số Thành phố \
             chủ trì.",
        );
        assert_eq!(
            v,
            vec![
                "Ban Chỉ đạo Đổi mới và Phát triển doanh nghiệp",
                "Tập đoàn Điện lực - Viễn thông Hải Phòng",
                "Ban Chỉ huy Phòng thủ dân sự tỉnh",
                "Trung tâm Chuyển đổi số Thành phố"
            ]
        );
        // A company's legal form after a dash stays; a verb after a name ends it.
        let v = values("Tổng Công ty Xăng dầu Miền Bắc - CTCP; Sở Xây dựng Hải Phòng ban hành.");
        assert_eq!(
            v,
            vec![
                "Tổng Công ty Xăng dầu Miền Bắc - CTCP",
                "Sở Xây dựng Hải Phòng"
            ]
        );
    }

    #[test]
    fn units_with_their_parents() {
        // A sub-unit and its parent written together are one name; an office takes the unit
        // after it; a committee `của Quốc hội` is one name; a portal takes its owner.
        let v = values(
            "Gửi Vụ Tổ chức Bộ Ngoại giao; Văn phòng Ban Chỉ đạo Đổi mới tỉnh; Ủy ban Pháp luật \
             của Quốc hội; Cổng TTĐT Bộ Nội vụ; Chi nhánh số 2 Trung tâm Phục vụ hành chính \
             công tỉnh; Đoàn đại biểu Quốc hội tỉnh; Quốc hội khóa XVI; Chi cục Hải quan khu \
             vực IV.",
        );
        assert_eq!(
            v,
            vec![
                "Vụ Tổ chức Bộ Ngoại giao",
                "Văn phòng Ban Chỉ đạo Đổi mới tỉnh",
                "Ủy ban Pháp luật của Quốc hội",
                "Cổng TTĐT Bộ Nội vụ",
                "Chi nhánh số 2 Trung tâm Phục vụ hành chính công tỉnh",
                "Đoàn đại biểu Quốc hội tỉnh",
                "Quốc hội khóa XVI",
                "Chi cục Hải quan khu vực IV"
            ]
        );
    }

    #[test]
    fn sets_of_units() {
        // Several levels (`xã, phường`), a kind of unit (`cấp xã`, `các cấp`) and `các Ban …`
        // are no organisation; a single one is.
        let v = values(
            "Chủ tịch Ủy ban nhân dân xã, phường; Sở Y tế tỉnh, thành phố; Trung tâm Y tế cấp \
             huyện; Trung tâm Văn hóa các cấp; các Ban Hội đồng nhân dân tỉnh; Sở Y tế tỉnh.",
        );
        assert_eq!(v, vec!["Hội đồng nhân dân tỉnh", "Sở Y tế tỉnh"]);
    }

    #[test]
    fn name_ends_before_the_sentence_goes_on() {
        // A capitalised word's single syllable is the name's when a verb or `và` + a common
        // noun follows (`Ban Chỉ huy` + `chủ trì`); `biết` after a name is the sentence's.
        let v = values(
            "Văn phòng Ban Điều hành chủ trì; Ban Chỉ huy và cơ quan liên quan; Sở Nội vụ biết, \
             thực hiện; Ngân hàng Nhà nước; Văn phòng Trung ương Đảng.",
        );
        assert_eq!(
            v,
            vec![
                "Văn phòng Ban Điều hành",
                "Ban Chỉ huy",
                "Sở Nội vụ",
                "Ngân hàng Nhà nước",
                "Văn phòng Trung ương Đảng"
            ]
        );
    }
}
