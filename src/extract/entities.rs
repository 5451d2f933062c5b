//! Entities in restored text: document numbers, dates, criteria with their scores, scores,
//! percentages, rankings, legal references and organisations, one per occurrence, in order,
//! with character spans into the restored text.
//!
//! The patterns tolerate what restoration leaves behind: spaces inside codes (`11 /KH-SNgV`),
//! line breaks inside phrases (`Quyết⏎⏎định số …`), a decimal comma or point.

use crate::charclass::CharClass;

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;
use serde_json::{json, Value};

/// One entity occurrence.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Entity {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub text: String,
    pub value: Value,
    /// `[start, end)` in characters of the restored text.
    pub span: [usize; 2],
    pub confidence: f32,
}

/// The figures and words of a date in words from its day on (`24 tháng 01 năm 2025`), with
/// captures for day, month and year. Words may be glued to the figures, where restoration
/// leaves the glued word unmarked (`tháng 11nam 2025`, `25'thang 6`) or OCR read `á` as `d`
/// (`thdng`), and OCR may put a dot,
/// comma, hyphen, colon or quote between (`tháng.11 năm`, `tháng 11-năm`, `ngày 01, tháng`,
/// `02:năm`), or a line of scan junk after the day (`ngày 20⏎- tháng`) or before the year
/// (`năm⏎⏎_ 2025`), or read `ă` as `4` (`12n4m 2025`). Shared with the citation dates.
#[macro_export]
#[doc(hidden)]
macro_rules! date_words_body {
    () => {
        r"(\d{1,2})[\s:*°~\-–—,.‘’'“”]*(?i:th[aád]ng)[\s.,:‘’'“”]*(\d{1,2})[\s.,:\-–—]*(?i:n[ăa4]m)[\s\-–—_,.:°*‘’'“”]*(\d{4})"
    };
}

/// A date in words whose `tháng` OCR damaged past reading (`ngày 19 ‘hing 11 năm 2025`,
/// `ngày 01 chàng 12 năm.2025`): day, one short word of no figures, month, `năm`, year on one
/// line; captures day, month and year. Only after `ngày` (see [`date_damaged`]). Shared with
/// the citation dates.
#[macro_export]
#[doc(hidden)]
macro_rules! date_damaged_body {
    () => {
        r"(\d{1,2})[ \t]+[^\s\d/]{1,6}[ \t]+(\d{1,2})[ \t.,:\-–—]*(?i:n[ăa4]m)[ \t\-–—_,.:°*‘’'“”]*(\d{4})"
    };
}

/// A date in figures after its day and first separator: month (OCR may split its two digits,
/// `17/1 1/2025`, or leave a space after a slash, `04/ 10/2024`), separator, year; captures
/// month and year. Shared with the citation dates.
#[macro_export]
#[doc(hidden)]
macro_rules! date_num_tail {
    () => {
        r"(\d{1,2}|\d \d)(?:/[ \t]?|[.-])(\d{4})"
    };
}

/// The code part of a document number: upper-case led segments joined by `-` or `&`, spaces
/// around the joints tolerated, and OCR's `_` after a hyphen (`QĐ- _BNV`).
const CODE: &str = r"[A-ZĐ][A-Za-zĐđ]{1,9}\d{0,3}(?:&[ \t]?[A-ZĐ][A-Za-zĐđ]{1,9})*(?:[ \t]?-[ \t]?_?[A-ZĐ0-9][A-Za-zĐđ0-9]{0,9}(?:&[ \t]?[A-ZĐ][A-Za-zĐđ]{1,9})*)*";

/// The document-number pattern (also used by the header parser for an OCR-garbled `Số:`).
pub fn number_pattern() -> String {
    format!(
        r"(?:\d{{1,5}}(?:-\d{{1,5}})?(?:[ \t]?/[ \t]?(?:19|20)\d[ \t]?\d)?[ \t]?/[ \t]?{CODE}|\d{{1,5}}-[ \t]?[A-ZĐ][A-Za-zĐđ]{{0,5}}/[A-ZĐ][A-Za-zĐđ]{{0,9}}(?:-[A-ZĐ][A-Za-zĐđ]{{0,9}})*)"
    )
}

/// A date in words after its optional `ngày` (left out in `dịp 19 tháng 12 năm 2025`).
const DATE_WORDS: &str = concat!(r"(?:(?i:ngày)\s*)?", date_words_body!());
/// [`date_damaged_body`] after its `ngày`.
const DATE_DAMAGED: &str = concat!(r"(?i:ngày)[ \t.,:]*", date_damaged_body!());
/// A date in figures; OCR may split the month's two digits (`17/1 1/2025`) or leave a space
/// after a slash (`04/ 10/2024`).
const DATE_NUM: &str = concat!(r"(\d{1,2})(/[ \t]?|[.-])", date_num_tail!());
/// The first date of a range that writes the year once (`từ ngày 15/11 đến ngày 20/11/2025`).
const DATE_OPEN: &str =
    r"(\d{1,2})/(\d{1,2})\s*(?:(?i:đến)|-|–)\s*(?:(?i:ngày)\s*)?\d{1,2}/\d{1,2}/(\d{4})";

struct Patterns {
    number: Regex,
    date_words: Regex,
    date_num: Regex,
    date_open: Regex,
    date_damaged: Regex,
    percent: Regex,
    score: Regex,
    ranking: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let num = number_pattern();
        let build = crate::extract::built_in;
        Patterns {
            number: build(&num),
            date_words: build(DATE_WORDS),
            date_num: build(DATE_NUM),
            date_open: build(DATE_OPEN),
            date_damaged: build(DATE_DAMAGED),
            percent: build(r"(\d{1,3}(?:[.,]\d{1,3}|, \d{2})?)[ \t]?%"),
            score: build(r"(\d{1,3}(?:[.,]\d{1,2}|, \d{2})?)[ \t]*/[ \t]*(\d{1,3}(?:[.,]\d{1,2})?)\s+(?i:điểm)"),
            // `thu`/`hang` without marks: restoration can miss the tone of a ranking word
            // (`xếp thu` is no phrase of its own), and extraction tolerates what it leaves.
            ranking: build(r"(?i:(?:xếp|đứng|đúng)\s+(?:hạng|thứ|hang|thu|thì))[?!.:]?\s+(\d{1,3})(?:[ \t]*/[ \t]*(\d{1,3})|\s+(?:trong|trên)\s+(?:tổng\s+số\s+)?(\d{1,3})\b)?"),
        }
    })
}

/// Parses `24`, `0,5` or `1.5` as a JSON number (integers stay integers); OCR's space after
/// a decimal comma (`83, 75`) is dropped.
pub fn number_value(s: &str) -> Option<Value> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let f: f64 = t.parse().ok()?;
    if f.fract() == 0.0 && f.abs() < 1e15 {
        Some(json!(f as i64))
    } else {
        Some(json!(f))
    }
}

/// Days in a month, `None` for an invalid month.
fn days_in(month: u32, year: u32) -> Option<u32> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// ISO date from day, month, year strings, if it is a real calendar date in 1900–2100.
pub fn iso_date(d: &str, m: &str, y: &str) -> Option<String> {
    // A month OCR split in two (`1 1`) is read joined.
    let m = m.replace(' ', "");
    let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    if !(1900..=2100).contains(&y) || d == 0 || d > days_in(m, y)? {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Parses a date in any written form the extractor knows.
pub fn parse_date(s: &str) -> Option<String> {
    let p = patterns();
    if let Some(c) = p.date_words.captures(s) {
        return iso_date(&c[1], &c[2], &c[3]);
    }
    if let Some(c) = p.date_num.captures(s) {
        return iso_date(&c[1], &c[3], &c[4]);
    }
    date_damaged(s).next().map(|(_, date)| date)
}

/// Dates in words with a damaged month word ([`date_damaged_body`]) in `text`: their ranges
/// and values. The word in the month's place must not be one that joins two days (`ngày 3 và
/// 4 năm …` is no date of one day).
fn date_damaged(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, String)> + '_ {
    patterns().date_damaged.captures_iter(text).filter_map(|c| {
        let m = c.get(0)?;
        let word = text[c.get(1)?.end()..c.get(2)?.start()].trim();
        let folded = crate::syllable::fold(word).to_lowercase();
        if matches!(
            folded.as_str(),
            "va" | "den" | "hoac" | "toi" | "hay" | "-" | "–"
        ) {
            return None;
        }
        Some((m.range(), iso_date(&c[1], &c[2], &c[3])?))
    })
}

/// A document number without spaces (`11 /KH-SNgV` -> `11/KH-SNgV`), its type code repaired
/// where OCR read `Đ` as `B`, `DB` or `BD` (`15/2025/QDB-TTg` -> `15/2025/QĐ-TTg`).
pub fn canonical_number(s: &str) -> String {
    let n: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    // No document is numbered 0: a `0-` before the number is OCR's `số` glued to it by a
    // hyphen (`$0-187/2025/NĐ-CP`).
    let n = match n.strip_prefix("0-") {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest.to_string(),
        _ => n,
    };
    let n = repair_type_code(&n).unwrap_or(n);
    super::number_ocr::repaired_term(&n).unwrap_or(n)
}

/// The number with its type code (the segment after the last `/`, before the issuer's `-`)
/// read as a Decree 30 code with `Đ` (`QĐ`, `NĐ`, `CĐ`, `HĐ`), when it is no code as printed
/// and one `B`, `DB`, `BD` or `D` read as `Đ` makes it one.
fn repair_type_code(n: &str) -> Option<String> {
    let slash = n.rfind('/')?;
    let (seg, issuer) = n[slash + 1..].split_once('-')?;
    // A decree (`NĐ`) is the Government's alone: an issuer one letter off `CP` is OCR's
    // reading of it (`NĐ-GP`).
    let near_cp = issuer.len() == 2 && (issuer.starts_with('C') || issuer.ends_with('P'));
    if seg == "NĐ" && issuer != "CP" && near_cp {
        return Some(format!("{}NĐ-CP", &n[..slash + 1]));
    }
    if issuer.is_empty() || seg.len() < 2 || !seg.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let codes = || super::citations::doc_types().iter().map(|t| t.1);
    if codes().any(|c| c == seg) {
        return None;
    }
    let fixed = ["DB", "BD", "B", "D"]
        .iter()
        .filter_map(|from| {
            seg.find(from)
                .map(|i| format!("{}Đ{}", &seg[..i], &seg[i + from.len()..]))
        })
        .find(|cand| codes().any(|c| c == cand && c.contains('Đ')))?;
    Some(format!("{}{fixed}-{issuer}", &n[..slash + 1]))
}

/// Whether a year closes a range right after a figure (`giai đoạn 202% - 2030`): then the
/// `%` is OCR's reading of the range's first year's last figure, not a percentage.
fn year_range_after(rest: &str) -> bool {
    let r = rest.trim_start_matches([' ', '\t']);
    let Some(r) = r.strip_prefix(['-', '–', '—']) else {
        return false;
    };
    let r = r.trim_start_matches([' ', '\t']);
    let digits = r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits == 4 && (r.starts_with("19") || r.starts_with("20"))
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

pub(super) fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// True if a numeric match at `[s, e)` stands alone (no digit or number glue around it).
fn isolated(text: &str, s: usize, e: usize) -> bool {
    let before =
        prev_char(text, s).is_some_and(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | ','));
    let after = text[e..].chars().take(2).collect::<Vec<_>>();
    let glued_after = match after.as_slice() {
        [c, ..] if c.is_ascii_digit() => true,
        ['/' | '.' | ',' | '-', d, ..] if d.is_ascii_digit() => true,
        // `03-12/2024/CV-ABC`: the digits belong to a document number.
        ['/', l, ..] if l.is_alpha() => true,
        _ => false,
    };
    !before && !glued_after
}

/// A raw match in byte offsets, before conversion to a character span.
struct Raw {
    kind: &'static str,
    start: usize,
    end: usize,
    value: Value,
    confidence: f32,
}

/// Extracts every entity of `text`, in order of appearance.
pub fn extract(text: &str) -> Vec<Entity> {
    let p = patterns();
    let mut raw: Vec<Raw> = Vec::new();
    let mut numbers: Vec<(usize, usize, String)> = Vec::new();
    for m in p.number.find_iter(text) {
        if prev_char(text, m.start()).is_some_and(|c| c.is_alnum() || c == '/') {
            continue;
        }
        let (end, n) = match super::number_ocr::code_tail(text, m.end()) {
            Some((end, more)) => (end, canonical_number(&format!("{}{more}", m.as_str()))),
            None => (m.end(), canonical_number(m.as_str())),
        };
        numbers.push((m.start(), end, n.clone()));
        raw.push(Raw {
            kind: "document_number",
            start: m.start(),
            end,
            value: json!(n),
            confidence: 0.95,
        });
    }
    // Dates in words (`ngày 24 tháng 01 năm 2025`) and in figures (`24/01/2025`), real ones only.
    let words = p.date_words.captures_iter(text).map(|c| (c, [1, 2, 3]));
    let figures = p.date_num.captures_iter(text).map(|c| (c, [1, 3, 4]));
    let open = p.date_open.captures_iter(text).map(|c| (c, [1, 2, 3]));
    for (c, [d, mo, y]) in words.chain(figures).chain(open) {
        let mut m = c.get(0).map_or(0..0, |m| m.range());
        if y == 3 {
            // A range's open date: its own figures, the year of the closing one.
            m.end = c.get(2).map_or(m.end, |g| g.end());
            if prev_char(text, m.start).is_some_and(|c| c.is_ascii_digit() || c == '/') {
                continue;
            }
        } else if c.get(4).is_some() && !isolated(text, m.start, m.end) {
            continue;
        }
        // Without `ngày`, the day must stand on its own (`118 tháng` is no date).
        if c.get(4).is_none()
            && y != 3
            && prev_char(text, m.start).is_some_and(|c| c.is_alnum() || c == '/')
        {
            continue;
        }
        if let Some(date) = iso_date(&c[d], &c[mo], &c[y]) {
            raw.push(Raw {
                kind: "date",
                start: m.start,
                end: m.end,
                value: json!(date),
                confidence: 0.95,
            });
        }
    }
    // A damaged month word, where no date was read already.
    for (m, date) in date_damaged(text) {
        let taken = raw
            .iter()
            .any(|r| r.kind == "date" && r.start < m.end && m.start < r.end);
        if !taken {
            raw.push(Raw {
                kind: "date",
                start: m.start,
                end: m.end,
                value: json!(date),
                confidence: 0.8,
            });
        }
    }
    for c in p.percent.captures_iter(text) {
        let m = c.get(0).map_or(0..0, |m| m.range());
        if prev_char(text, m.start).is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            continue;
        }
        if year_range_after(&text[m.end..]) {
            continue;
        }
        if let Some(v) = number_value(&c[1]) {
            raw.push(Raw {
                kind: "percentage",
                start: m.start,
                end: m.end,
                value: v,
                confidence: 0.95,
            });
        }
    }
    let mut scores: Vec<(usize, usize, Value, Value)> = Vec::new();
    for c in p.score.captures_iter(text) {
        let m = c.get(0).map_or(0..0, |m| m.range());
        if prev_char(text, m.start)
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/'))
        {
            continue;
        }
        if let (Some(v), Some(mx)) = (number_value(&c[1]), number_value(&c[2])) {
            scores.push((m.start, m.end, v.clone(), mx.clone()));
            raw.push(Raw {
                kind: "score",
                start: m.start,
                end: m.end,
                value: json!({"value": v, "max": mx}),
                confidence: 0.9,
            });
        }
    }
    for (start, end, value, confidence) in super::criteria::find(text, &scores) {
        raw.push(Raw {
            kind: "criterion",
            start,
            end,
            value,
            confidence,
        });
    }
    for (start, end, value) in super::scoring::cell_rows(text) {
        if !raw
            .iter()
            .any(|r| r.kind == "criterion" && r.start == start)
        {
            raw.push(Raw {
                kind: "criterion",
                start,
                end,
                value,
                confidence: 0.8,
            });
        }
    }
    for c in p.ranking.captures_iter(text) {
        let m = c.get(0).map_or(0..0, |m| m.range());
        let rank: Option<u32> = c[1].parse().ok();
        // `07/20`, or `4 trong 31 xã` (a total no smaller than the rank).
        let of: Option<u32> = c
            .get(2)
            .or(c.get(3))
            .and_then(|g| g.as_str().parse().ok())
            .filter(|&n| rank.is_none_or(|r| n >= r));
        if let Some(rank) = rank {
            raw.push(Raw {
                kind: "ranking",
                start: m.start,
                end: m.end,
                value: json!({"rank": rank, "of": of}),
                confidence: 0.9,
            });
        }
    }
    for (start, end, value) in super::scoring::junk_rankings(text) {
        if !raw.iter().any(|r| r.kind == "ranking" && r.start == start) {
            raw.push(Raw {
                kind: "ranking",
                start,
                end,
                value,
                confidence: 0.6,
            });
        }
    }
    for c in super::citations::citations(text, &numbers) {
        raw.push(Raw {
            kind: "legal_reference",
            start: c.start,
            end: c.end,
            value: json!({"doc_type": c.doc_type, "number": c.number, "date": c.date}),
            confidence: 0.9,
        });
    }
    // Found on the text with OCR's capitals of head words undone (`BỘ Y tế`), which has the
    // same offsets.
    let cased = super::organizations::heads_fixed(text);
    for (start, end, v) in super::organizations::find(&cased) {
        raw.push(Raw {
            kind: "organization",
            start,
            end,
            value: json!(v),
            confidence: 0.7,
        });
    }
    raw.sort_by_key(|r| (r.start, r.end));
    to_entities(text, raw)
}

/// Converts byte ranges to character spans in one pass (the matches are sorted).
fn to_entities(text: &str, raw: Vec<Raw>) -> Vec<Entity> {
    let mut out = Vec::with_capacity(raw.len());
    let mut byte = 0;
    let mut chars = 0;
    let mut pos = |b: usize| {
        if b < byte {
            // Spans are sorted by start; an end before the cursor is recounted from zero.
            return text[..b].chars().count();
        }
        chars += text[byte..b].chars().count();
        byte = b;
        chars
    };
    for r in raw {
        let s = pos(r.start);
        let e = s + text[r.start..r.end].chars().count();
        out.push(Entity {
            kind: r.kind,
            text: text[r.start..r.end].to_string(),
            value: r.value,
            span: [s, e],
            confidence: r.confidence,
        });
    }
    out
}

#[cfg(test)]
#[path = "entities_tests.rs"]
pub(crate) mod tests;
