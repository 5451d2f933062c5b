//! Organisation names in restored text (`Sở Nội vụ`, `Ủy ban nhân dân tỉnh Lai Châu`, `Cục
//! CST`), as byte ranges: where a name starts and how far it goes, by fixtures/real/ANNOTATION.md.

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

/// A level body (`UBND tỉnh`, `Hội đồng nhân dân thành phố Hà Nội`).
const LEVEL: &str = r"(?:Văn\s+phòng\s+)?(?:UBND|HĐND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân|Thuế|Công\s+an|Kho\s+bạc\s+Nhà\s+nước|Bảo\s+hiểm\s+xã\s+hội|Bộ\s+Chỉ\s+huy\s+Quân\s+sự)\s+(?:(?i:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)|TP)(?:\s+[A-ZĐ\p{Lu}]\p{Ll}*(?:\s+[A-ZĐ\p{Lu}]\p{Ll}*){0,3})?";

/// A unit head word and its capitalised name (`Sở Nội vụ`, `Phòng Hành chính - Tổng hợp`).
const GENERIC: &str = r"(?:Sở|Bộ|Phòng|Ban|Trung\s+tâm|Chi\s+cục|Cục|Vụ|Thanh\s+tra|Tổng\s+cục|Văn\s+phòng|Hội)\s+[A-ZĐ\p{Lu}]\p{Ll}*(?:\s+\p{Ll}+)?(?:\s+(?:và|-)\s+[A-ZĐ\p{Lu}]\p{Ll}*(?:\s+\p{Ll}+)?)*";

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
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+");
            format!("{first}(?i:{rest})")
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}

/// Organisation mentions as byte ranges: known names first, then level bodies (`UBND tỉnh`)
/// and generic unit names where no known name overlaps; a unit followed directly by its
/// parent body (`Ban Pháp chế` `Hội đồng nhân dân tỉnh`) is one name.
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let p = patterns();
    // Names found so far, start -> end, never overlapping: a new range is free when the last
    // name starting before its end ends before its start (log time, for long documents).
    let mut found: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let free = |found: &std::collections::BTreeMap<usize, usize>, s: usize, e: usize| {
        found.range(..e).next_back().is_none_or(|(_, &b)| b <= s)
    };
    for (k, re) in [&p.known, &p.level, &p.generic].iter().enumerate() {
        for m in re.find_iter(text) {
            if prev_char(text, m.start()).is_some_and(|c| c.is_alphanumeric())
                || next_char(text, m.end()).is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            if in_law_name(text, m.start()) || heading_caps(m.as_str()) {
                continue;
            }
            let t = m.as_str();
            let t = t.strip_suffix(" và").unwrap_or(t).trim_end();
            let (s, mut e) = (m.start(), m.start() + t.len());
            // `Cục Thuế nhận được`: a verb after the name is not part of it.
            if k == 2 {
                e = drop_verb(text, s, e);
            }
            // `Ủy ban nhân dân tỉnh` + `Vĩnh Phúc`: a listed name ending in a level goes on
            // through the place's capitalised words.
            if k == 0 {
                e = place_after(text, s, e);
            }
            // A generic unit name goes on through the lower-case words of unit names; one
            // whose name is a unit word (`Thanh tra Sở`) ends there.
            if k == 2 {
                e = unit_word_end(text, s, e);
                e = extend_capitalised(text, e);
                e = extend_unit_name(text, e);
            }
            if k != 1 {
                e = level_after(text, e);
            }
            // `Phòng Tư pháp các huyện`: many units, not one organisation.
            if plural_after(&text[e..]) {
                continue;
            }
            if free(&found, s, e) {
                found.insert(s, e);
            }
        }
    }
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in found {
        if let Some(last) = merged.last_mut() {
            let gap = &text[last.1..s];
            let parent = &text[s..e];
            let is_parent = [
                "Hội đồng nhân dân",
                "HĐND",
                "Ủy ban nhân dân",
                "UBND",
                "Đảng ủy",
            ]
            .iter()
            .any(|w| parent.starts_with(w));
            if gap.len() == 1
                && gap == " "
                && is_parent
                && !text[last.0..last.1].starts_with("Văn phòng")
            {
                last.1 = e;
                continue;
            }
        }
        merged.push((s, e));
    }
    merged
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

/// Extends a unit name ending at byte `end` over following listed lower-case words
/// (`Phòng Hành chính` + `tư pháp`), separated by single spaces, stopping at punctuation.
fn extend_unit_name(text: &str, mut end: usize) -> usize {
    'outer: loop {
        let rest = &text[end..];
        // `và` joins two name parts (`Quản lý văn hóa và gia đình`).
        let (skip, rest) = match rest.strip_prefix(" và") {
            Some(r) if r.starts_with(' ') => (" và".len(), r),
            _ => (0, rest),
        };
        for entry in unit_words() {
            let mut at = 0;
            let mut ok = true;
            for w in entry {
                let r = &rest[at..];
                let Some(r) = r.strip_prefix(' ') else {
                    ok = false;
                    break;
                };
                if !r.starts_with(w) || r[w.len()..].starts_with(|c: char| c.is_alphanumeric()) {
                    ok = false;
                    break;
                }
                at += 1 + w.len();
            }
            if ok {
                end += skip + at;
                continue 'outer;
            }
        }
        return end;
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
/// dân xã`), unless the level word begins another word (`xã hội`) or a place name follows
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
    ] {
        let Some(r) = rest.strip_prefix(' ').and_then(|r| r.strip_prefix(level)) else {
            continue;
        };
        if r.starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        if r.starts_with(" hội") {
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
const NOT_NAME_WORDS: [&str; 40] = [
    "bổ", "chỉ", "chủ", "cho", "có", "của", "cung", "cần", "giao", "ghi", "gửi", "hướng", "ký",
    "là", "lập", "nhận", "phê", "phối", "quy", "rà", "sẽ", "sửa", "tham", "theo", "thông", "thực",
    "tiếp", "trả", "trình", "triển", "tại", "tổ", "về", "với", "xây", "đang", "được", "đã", "đề",
    "đôn",
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

/// Unit words that begin another organisation's name: a capitalised continuation stops there.
const HEADS: [&str; 12] = [
    "Sở", "Bộ", "Ủy", "Uỷ", "UBND", "HĐND", "Cục", "Phòng", "Chi", "Trung", "Văn", "Hội",
];

/// Extends a generic name over following capitalised words on the same line (`Văn phòng
/// Tổng Bí thư`, `Ban Bí thư Trung ương Đảng`), and one lower-case word after them when it
/// is no verb (`Văn phòng Chủ tịch nước`).
fn extend_capitalised(text: &str, mut end: usize) -> usize {
    loop {
        let rest = &text[end..];
        let Some(r) = rest.strip_prefix(' ') else {
            return end;
        };
        let w_end = r.find(|c: char| !c.is_alphanumeric()).unwrap_or(r.len());
        let w = &r[..w_end];
        let parent_body = ["Đảng ủy", "Đảng uỷ", "Ủy ban", "Hội đồng"]
            .iter()
            .any(|p| r.starts_with(p));
        if w.is_empty() || parent_body || HEADS.contains(&w) && !text[..end].ends_with("Trung") {
            return end;
        }
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() && w.chars().skip(1).all(|c| c.is_lowercase()) && w.len() > 1 {
            end += 1 + w.len();
            continue;
        }
        return end;
    }
}

/// Extends a listed name that ends in a level word (`tỉnh`, `thành phố`) over the place's
/// capitalised words after it (at most four).
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
    ];
    if !levels.iter().any(|l| name.ends_with(l)) {
        return end;
    }
    let mut e = end;
    for _ in 0..4 {
        let Some(r) = text[e..].strip_prefix(' ') else {
            break;
        };
        let w_end = r.find(|c: char| !c.is_alphanumeric()).unwrap_or(r.len());
        let w = &r[..w_end];
        if w.chars().next().is_some_and(|c| c.is_uppercase())
            && w.chars().skip(1).all(|c| c.is_lowercase())
            && !HEADS.contains(&w)
        {
            e += 1 + w.len();
        } else {
            break;
        }
    }
    e
}

/// Whether the text after an organisation name makes it many units (`các huyện`, `các xã`).
fn plural_after(rest: &str) -> bool {
    let mut words = rest.split_whitespace();
    words.next() == Some("các")
        && words.next().is_some_and(|w| {
            let w = w.trim_end_matches([',', '.', ';', ':']);
            matches!(
                w,
                "tỉnh" | "huyện" | "quận" | "thị" | "thành" | "xã" | "phường" | "sở" | "địa"
            )
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
}
