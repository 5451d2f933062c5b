//! Organisation names in restored text (`Sở Nội vụ`, `Ủy ban nhân dân tỉnh Lai Châu`, `Cục
//! CST`), as byte ranges: where a name starts and how far it goes, by fixtures/real/ANNOTATION.md.

use crate::charclass::CharClass;

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use regex::Regex;

mod abbreviated;
mod compact;
mod extend;
mod headed;
mod heads;
mod joins;
mod learned;
mod levels;
mod lists;
mod lower;
mod objects;
mod ocr_case;
mod placement;
mod places;
mod reread;
mod sets;
mod state;
mod words;
mod wraps;

pub(crate) use learned::{tail_fits, tail_may_end, tail_word};
pub(crate) use levels::{damaged_level, department_misread};
pub(crate) use ocr_case::heads_fixed;
pub(crate) use words::digital_so;

use abbreviated::*;
use extend::*;
use heads::*;
use joins::*;
use lists::*;
use lower::*;
use places::*;
use words::*;

/// The compiled organisation patterns: listed names, level bodies, unit head + name.
struct Patterns {
    known: Regex,
    level: Regex,
    generic: headed::Headed,
    lower: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let build = crate::extract::built_in;
        Patterns {
            known: build(&known_orgs()),
            level: build(&level_pattern()),
            generic: headed::Headed {
                heads: build(GENERIC_HEADS),
                name: build(&format!("^(?:{GENERIC})")),
            },
            lower: build(LOWER),
        }
    })
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// The organisation names of `dictionaries/organizations.txt` (compiled in), as one
/// alternation, longest first, any whitespace between words.
fn known_orgs() -> String {
    let mut names: Vec<&str> = include_str!("../../../dictionaries/organizations.txt")
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
                    // `&` read `ở` by restoration (English OCR prints `ở` as `&`).
                    "và" => "(?:và|&|ở)".to_string(),
                    w => regex::escape(w),
                })
                .collect::<Vec<_>>()
                .join(r"\s+");
            format!("{first}(?i:{rest})")
        })
        .collect();
    format!("(?:{}|{MEDIA})", alts.join("|"))
}

/// A province's merged press and broadcaster (`Báo và Phát thanh, Truyền hình Cần Thơ`, `Báo
/// và PTTH tỉnh`, `Báo và Đài Phát thanh - Truyền hình Đà Nẵng`): its place or level after it
/// is taken as after a listed name.
const MEDIA: &str =
    r"Báo\s+(?i:và\s+(?:Đài\s+)?(?:Phát\s+thanh[ \t]*(?:,|-|–)?[ \t]*Truyền\s+hình|PTTH|PT-TH))";

/// Organisation mentions as byte ranges: known names first, then level bodies (`UBND tỉnh`)
/// and generic unit names where no known name overlaps (a generic name ends before a known one
/// inside it); then a unit and its parent body written together become one name (`Ban Pháp
/// chế` `Hội đồng nhân dân tỉnh`, `Cục Pháp chế` `Bộ Quốc phòng`, `Ủy ban Kinh tế và Tài chính`
/// `của Quốc hội`), and a name takes the office or standing body written before it (`Văn
/// phòng` `Ban Chỉ huy …`, `Chi nhánh số 1` `Trung tâm …`).
///
/// Names are found on a copy without OCR's stray marks (`compact`): each comes as its range in
/// `text` and its value, read on the copy with whitespace collapsed (then `reread` if damaged).
pub fn find(text: &str) -> Vec<(usize, usize, String)> {
    find_with(text, true)
}

/// `find` without the tails learned from the corpus: what `vanban train --name-tails` counts
/// them on (`learned.rs`).
pub fn find_unlearned(text: &str) -> Vec<(usize, usize, String)> {
    find_with(text, false)
}

fn find_with(text: &str, learned: bool) -> Vec<(usize, usize, String)> {
    let compact = compact::Compact::new(text);
    let mut names = reread::reread(text, compact.names(|t| find_compact(t, learned)));
    for n in &mut names {
        n.2 = joins::roman_read(&words::ocr_words_read(&words::digital_so(&n.2)));
    }
    issuer_in_lower_case(text, &mut names);
    office_of_chief(text, &mut names);
    glued_head(text, &mut names);
    names
}

/// `6. SOY tế`, `SGY tế`: OCR dropped the space after a head word (`Sở`, `Bộ`) and misread its
/// marked vowel (`O`, `G`, `6`), so restoration kept the token; where the head and what follows
/// spell a listed name (`Sở Y tế`), that name is read there.
fn glued_head(text: &str, names: &mut Vec<(usize, usize, String)>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| crate::extract::built_in(r"\b([SB])[OG6]([A-ZĐ])"));
    let mut added = false;
    for c in re.captures_iter(text) {
        let (all, first) = (c.get(0).expect("match"), c.get(2).expect("group"));
        let head = if &c[1] == "S" { "Sở" } else { "Bộ" };
        let line = &text[first.start()..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let mut cut = line.len().min(80);
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let candidate = format!("{head} {}", &line[..cut]);
        let Some(m) = patterns().known.find(&candidate) else {
            continue;
        };
        let e = first.start() + m.end() - head.len() - 1;
        if m.start() != 0
            || m.end() <= head.len() + 1
            || next_char(text, e).is_some_and(char::is_alphanumeric)
            || names.iter().any(|n| n.0 < e && all.start() < n.1)
        {
            continue;
        }
        let v = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        names.push((all.start(), e, v));
        added = true;
    }
    if added {
        names.sort_by_key(|n| (n.0, n.1));
    }
}

/// `Chánh văn phòng Ủy ban nhân dân tỉnh`: the chief's title names the office (`văn phòng` in
/// small letters after `Chánh`), so the body after it is the office's (`Văn phòng Ủy ban nhân
/// dân tỉnh`), in sentence case, as `Chánh Văn phòng …` gives it.
fn office_of_chief(text: &str, names: &mut [(usize, usize, String)]) {
    for n in names.iter_mut() {
        let before = &text[..n.0];
        let Some(b) = before
            .strip_suffix(' ')
            .or_else(|| before.strip_suffix('\n'))
            .and_then(|b| b.strip_suffix("văn phòng"))
        else {
            continue;
        };
        if b.ends_with("Chánh ") && !n.2.starts_with("Văn phòng") {
            n.0 = b.len();
            n.2 = format!("Văn phòng {}", n.2);
        }
    }
}

/// `… số 31/2021/NĐ-CP ngày 26 tháng 3 năm 2021 của chính phủ`: a national body written in
/// small letters as the issuer of a cited document (after its number or date) is the body,
/// in sentence case; elsewhere `chính phủ` in small letters is a common noun (`chính phủ số`).
fn issuer_in_lower_case(text: &str, names: &mut Vec<(usize, usize, String)>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        crate::extract::built_in(
            r"(?:năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d+/[0-9A-Za-zĐđ/-]*[A-ZĐ][0-9A-Za-zĐđ/-]*)\s+của\s+(chính\s+phủ|quốc\s+hội)",
        )
    });
    if !text.contains("chính phủ") && !text.contains("quốc hội") {
        return;
    }
    let mut added = false;
    for c in re.captures_iter(text) {
        let m = c.get(1).expect("group");
        if next_char(text, m.end()).is_some_and(char::is_alphanumeric) {
            continue;
        }
        if names.iter().any(|n| n.0 < m.end() && m.start() < n.1) {
            continue;
        }
        let v = if m.as_str().starts_with('c') {
            "Chính phủ"
        } else {
            "Quốc hội"
        };
        names.push((m.start(), m.end(), v.to_string()));
        added = true;
    }
    if added {
        names.sort_by_key(|n| (n.0, n.1));
    }
}

/// `find` on the compact copy: byte ranges of it.
fn find_compact(text: &str, learned: bool) -> Vec<(usize, usize)> {
    // A name wrapped at a page's margin is read across the break (same offsets).
    let paragraphs = wraps::paragraph_lines(text);
    let joined = wraps::wraps_joined(text);
    // `Đảng uỷ` is read as `Đảng ủy` (same offsets).
    let modern = placement::modern(&joined);
    let text: &str = &modern;
    let p = patterns();
    // Names found so far, start -> end, never overlapping: a new range is free when the last
    // name starting before its end ends before its start (log time, for long documents).
    let mut found: BTreeMap<usize, usize> = BTreeMap::new();
    let mut many = sets::Many::default();
    // The generic names are tried only where a unit head word stands (`headed`).
    for (k, re) in [Some(&p.known), Some(&p.level), None, Some(&p.lower)]
        .iter()
        .enumerate()
    {
        let find = |at: usize| match re {
            Some(re) => re.find_at(text, at).map(headed::Found::from),
            None => p.generic.find_at(text, at),
        };
        // Whether a match opens `h`.
        let opens = |h: &str| match re {
            Some(re) => re.find(h).is_some_and(|m| m.start() == 0),
            None => p.generic.name.is_match(h),
        };
        let mut at = 0;
        while let Some(m) = find(at) {
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
            if prev_char(text, m.start()).is_some_and(|c| c.is_alnum())
                || next_char(text, m.end()).is_some_and(|c| c.is_alnum())
            {
                continue;
            }
            if in_law_name(text, m.start())
                || heading_caps(m.as_str())
                || e_government(m.as_str(), &text[m.end()..])
            {
                continue;
            }
            // A lower-case name (`Vụ pháp chế`) is the head and its listed unit words, then
            // goes on as a generic name does.
            let t = if k == 3 {
                match lower_name(text, m.start(), m.end()) {
                    Some(e) => &text[m.start()..e],
                    None => continue,
                }
            } else {
                m.as_str()
            };
            let lower_end = (k == 3).then(|| m.start() + t.len());
            let k = k.min(2);
            // `Bộ Trưởng`: a person's title in capitals (`Bộ trưởng`), no unit's name.
            if k == 2 && t.split_whitespace().nth(1) == Some("Trưởng") {
                continue;
            }
            // `Trường` opens a school's name only before a kind of school: `Trường Ban Chỉ
            // đạo` is a title misread (`Trưởng`), `xã Trường Long Tây` a place.
            if k == 2
                && t.starts_with("Trường")
                && !opens_school(text[m.start() + "Trường".len()..].trim_start())
            {
                continue;
            }
            // `Đài` opens a station's name, not a place (`Đài Loan`).
            if k == 2 && t.starts_with("Đài ") && !opens_station(&text[m.start() + "Đài ".len()..])
            {
                continue;
            }
            // `TT`: a centre before a name word, not the standing committee (`TT HĐND`).
            if k == 2 && !short_centre(t, &text[m.start() + t.len()..]) {
                continue;
            }
            // `Hội An`, `Hội An Tây`: a place whose first word is a unit's head word.
            if k == 2 && t.starts_with("Hội ") && place_at(&text[m.start()..]).is_some() {
                continue;
            }
            // `xã Mỹ Hội Đông`: a head word inside a place's name, after its level word.
            if inside_place(text, m.start()) {
                continue;
            }
            // `Văn phòng Ban Chỉ huy …`: the office of a unit named after it; the unit is
            // found from its own head word, and takes `Văn phòng` back below.
            if k == 2 && office_of_unit(t, &text[m.start()..]) {
                at = m.start() + "Văn phòng".len();
                continue;
            }
            // `Báo và Đài …`: the press and broadcaster are one body, not two joined names.
            let media = k == 0 && t.starts_with("Báo") && !t.contains('\n');
            let t = if media { t } else { &t[..joined_end(t)] };
            let t = t.strip_suffix(" và").unwrap_or(t).trim_end();
            let t = split_word_end(t, &text[m.start() + t.len()..]);
            let (s, mut e) = (m.start(), m.start() + t.len());
            // `Cục Thuế nhận được`: a verb after the name is not part of it.
            // `Trường Cao đẳng Y tế Hà Tĩnh`: a school's name is whole after its name words.
            let mut school = None;
            if k == 2 {
                e = drop_verb(text, s, e);
                school = Some(school_end(text, s, e)).filter(|&x| x > e);
                e = school.unwrap_or(e);
            }
            // `Ủy ban nhân dân tỉnh` + `Vĩnh Phúc`: a listed name ending in a level goes on
            // through the place's capitalised words.
            if k < 2 {
                e = place_after(text, s, e);
            }
            if k == 0 {
                e = country_or_place_after(text, e);
                e = unit_word_alone_after(text, s, e);
                // `Đảng ủy Khu công nghiệp`, `Đảng ủy Các cơ quan Đảng`: a Party committee
                // named by its body, in capitals.
                if matches!(&text[s..e], "Đảng ủy" | "Đảng uỷ") {
                    e = extend_unit_name(text, extend_capitalised(text, e));
                }
            }
            // `Báo và PTTH CT`: the place's short name after the broadcaster.
            if media {
                if let Some(w) = text[e..].strip_prefix(' ').map(word) {
                    if abbreviation(w) && w.chars().count() <= 4 {
                        e += 1 + w.len();
                    }
                }
            }
            // A generic unit name goes on through the lower-case words of unit names; one
            // whose name is a unit word (`Thanh tra Sở`) ends there.
            if k == 2 {
                e = unit_word_end(text, s, e);
                // `Trung tâm Chuyển đổi` + `số Thành phố`, `Trung tâm Quản lý` + `bảo tồn Di
                // sản`: one or two more syllables when the name goes on after them.
                e = syllables_after(text, e);
                for _ in 0..4 {
                    let before = e;
                    e = extend_unit_name(text, extend_capitalised(text, e));
                    if e == before {
                        break;
                    }
                }
                e = school.unwrap_or(e);
            }
            if k != 1 {
                let before = e;
                e = level_after(text, e);
                // `TT` for a centre names its level (`TT Phục vụ hành chính công tỉnh`); a
                // table's `TT` column (`TT Nội dung`) does not.
                if k == 2 && e == before && t.starts_with("TT") {
                    continue;
                }
            }
            e = term_after(text, e);
            // `Trung tâm Dữ liệu` + `quốc gia`, `Cục Viễn thám` + `quốc gia`: the national
            // unit's name ends on it (not a kind in lower case: `Trung tâm dữ liệu quốc gia`).
            if k == 2 && (lower_end.is_none() || kind_with_topic(&text[s..e])) {
                e = national_after(text, e);
            }
            // `Đảng ủy cơ quan`: a Party committee of a kind of body, no name; one alone is
            // one before a sign or a name (`TT Đảng ủy, HĐND phường`).
            if k == 0
                && matches!(&text[s..e], "Đảng ủy" | "Đảng uỷ")
                && text[e..]
                    .strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(crate::charclass::is_lower))
            {
                continue;
            }
            // `Phòng Tư pháp các huyện`, `Ủy ban nhân dân xã, phường`, `các Ban Hội đồng nhân
            // dân`: many units.
            if plural_after(&text[s..e], &text[e..]) || k == 2 && text[..s].ends_with("các ") {
                many.add(s, e);
                continue;
            }
            if many.covers(s, e) {
                continue;
            }
            // `Trung tâm dữ liệu`, `Ban quản lý dự án`: a kind of centre or board in lower
            // case names one only with a level, place or capitalised name after it.
            if lower_end.is_some_and(|l| e <= l && kind_in_lower_case(&text[s..e], &text[e..])) {
                continue;
            }
            // With a paragraph a line (a web page's text), a line's end ends a name (`… của
            // Quỹ` / `Cơ cấu tổ chức …`, a heading then its article) unless the next line goes
            // on in lower case (`… của Ủy ban nhân dân thành` / `phố Cần Thơ về việc …`).
            if paragraphs {
                let ends = |nl: &usize| !text[s + nl + 1..].starts_with(crate::charclass::is_lower);
                if let Some(nl) = text[s..e].find('\n').filter(ends) {
                    e = text[..s + nl]
                        .trim_end_matches([' ', '\t', ',', '-', '–', '&'])
                        .len();
                    if !(e > s && opens(&text[s..e])) {
                        continue;
                    }
                }
            }
            // A name found before inside this one (`Cổng TTĐT` + `Chính phủ`): this one ends
            // before it; the two are joined below when they are one name.
            if let Some((&inner, _)) = found.range(s + 1..e).next() {
                // `Đoàn ĐBQH&` + `HĐND TP`: the joining sign goes with neither.
                e = text[..inner].trim_end_matches([' ', '-', '–', '&']).len();
                // What is left must still be a name, not a bare head word (`Văn phòng`).
                let still = e > s && opens(&text[s..e]);
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
        // `đại biểu Quốc hội tỉnh X` (the deputies): the Assembly is national, a level and
        // place after it belong to a delegation (`Đoàn đại biểu Quốc hội tỉnh X`), not to it.
        let delegation = ["Đoàn đại biểu", "Đoàn Đại biểu"]
            .iter()
            .any(|d| text[..s].trim_end().ends_with(d));
        let e = match text[s..e].strip_prefix("Quốc hội ") {
            Some(r)
                if !delegation
                    && places::LEVEL_WORDS
                        .iter()
                        .chain(&["Thành phố", "Tỉnh", "TP"])
                        .any(|l| {
                            r.strip_prefix(l)
                                .is_some_and(|t| !t.starts_with(crate::charclass::is_alnum))
                        }) =>
            {
                s + "Quốc hội".len()
            }
            _ => e,
        };
        if let Some(last) = merged.last_mut() {
            if one_name(text, *last, (s, e)) {
                last.1 = e;
                continue;
            }
        }
        merged.push((s, e));
    }
    // No name ends inside a word (`Di sản Văn` + `hóa`, `Ban Chỉ đạo phát` + `triển`).
    let mut whole: Vec<(usize, usize)> = Vec::with_capacity(merged.len());
    for i in 0..merged.len() {
        let (s, e) = merged[i];
        let limit = merged.get(i + 1).map_or(text.len(), |n| n.0);
        let e = whole_words(text, s, e, limit);
        // A topic ends between words too (`về Du` + `lịch`); an object (`Cục Quản lý` +
        // `xuất nhập cảnh`).
        let tails: [Tail; 7] = [
            topic_after,
            object_after,
            objects::object_of_work,
            state::state_after,
            state::joint_office_after,
            state::capitalised_unit_word,
            if learned {
                learned::learned_tail
            } else {
                |_, _, e, _| e
            },
        ];
        let t = tails
            .iter()
            .map(|f| f(text, s, e, limit))
            .find(|&t| t != e)
            .unwrap_or(e);
        whole.push((
            s,
            if t > e {
                whole_words(text, s, t, limit)
            } else {
                t
            },
        ));
    }
    let mut merged = whole;
    // `Cục Bưu điện Trung ương` + `tổng hợp`: the sentence's verb after a capitalised word.
    // `Tập đoàn Điện lực Việt Nam` + `a)`: the next item's label.
    for (s, e) in merged.iter_mut() {
        *e = *s + words::verb_tail(&text[*s..*e]);
        *e = words::label_tail(text, *s, *e);
    }
    // A kind of body without a name of its own (`Ban Chỉ đạo`, `Ban Quản lý`) is no
    // organisation; with its parent (`Ban Thường vụ Đảng ủy Khối`) or office (`Văn phòng Ban
    // Chỉ đạo`) it is.
    merged.retain(|&(s, e)| !bare_kind(&text[s..e]));
    // One of a set: `Tỉnh ủy/Thành ủy`, the items of `Các VP:`, `Các Ban Đảng Tỉnh ủy`.
    merged.retain(|&(s, e)| {
        let many = (text[..s].ends_with("Các ") || text[..s].ends_with("các "))
            && starts_unit(&text[s..e]);
        // A name grown after it was found is checked again for a plural (`… cấp xã`).
        !many
            && !sets::alternative(text, s, e)
            && !sets::under_shared_head(text, s)
            && !sets::counted(text, s)
            && !plural_after(&text[s..e], &text[e..])
    });
    merged
}

/// A `Nơi nhận` item with the `&` of a listed name that restoration read `ở` printed back
/// (`Bộ Văn hóa, Thể thao ở Du lịch` -> `… Thể thao & Du lịch`); other items as they are.
pub(crate) fn item_signs_read(item: String) -> String {
    let item = portal_read(item);
    if !item.contains(" ở ") {
        return item;
    }
    let mut out = item.clone();
    for (s, e, v) in find(&item) {
        if v.contains(" & ") && item[s..e].contains(" ở ") {
            out.replace_range(s..e, &item[s..e].replace(" ở ", " & "));
            break;
        }
    }
    out
}

/// `Cổng thông tin điện tty Chính phủ`: the word after a portal's `thông tin điện` is `tử`; a
/// short word OCR damaged there is read as it.
fn portal_read(item: String) -> String {
    let Some((i, key)) = ["Cổng thông tin điện ", "Cổng Thông tin điện "]
        .iter()
        .find_map(|k| item.find(k).map(|i| (i, k)))
    else {
        return item;
    };
    let at = i + key.len();
    let w = item[at..].split([' ', ',', ';', '(']).next().unwrap_or("");
    let short = (1..=3).contains(&w.chars().count()) && w.chars().all(char::is_alphabetic);
    if !short || w == "tử" {
        return item;
    }
    format!("{}tử{}", &item[..at], &item[at + w.len()..])
}

/// A rule that moves a name's end over what follows it (`text`, start, end, limit).
type Tail = fn(&str, usize, usize, usize) -> usize;

/// The names `find` gives for `text`, whitespace collapsed (the tests' view).
#[cfg(test)]
pub(crate) fn values(text: &str) -> Vec<String> {
    find(text).into_iter().map(|(_, _, v)| v).collect()
}

#[cfg(test)]
mod tests;
