//! The document block every administrative document carries under Decree 30/2020/NĐ-CP:
//! issuing authority and its parent (header, left column), number, place and date, type,
//! title, signer and signer title, recipients. A field is null when the text does not state it.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::entities::{canonical_number, iso_date};
use crate::syllable;

/// The document block of a record.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Document {
    pub number: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub authority: Option<String>,
    pub parent_authority: Option<String>,
    pub title: Option<String>,
    pub signer: Option<String>,
    pub signer_title: Option<String>,
    /// The `Nơi nhận` list; null when the document has none.
    pub recipients: Option<Vec<String>>,
}

/// Upper-case type headings (a công văn has none).
const TYPES: [&str; 18] = [
    "QUYẾT ĐỊNH",
    "KẾ HOẠCH",
    "BÁO CÁO",
    "NGHỊ QUYẾT",
    "THÔNG BÁO",
    "CHỈ THỊ",
    "TỜ TRÌNH",
    "CÔNG ĐIỆN",
    "HƯỚNG DẪN",
    "QUY ĐỊNH",
    "THÔNG TƯ",
    "NGHỊ ĐỊNH",
    "QUY CHẾ",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "BIÊN BẢN",
    "GIẤY MỜI",
    "KẾT LUẬN",
];

/// Words that start a signer-title line.
/// Decree 30 writes `KT.`, `TM.`, `TL.`; Party documents `K/T`, `T/M`, `T/L`.
const SIGNER_WORDS: [&str; 20] = [
    "KT.",
    "TM.",
    "Q.",
    "TL.",
    "TUQ.",
    "K/T",
    "T/M",
    "T/L",
    "BÍ THƯ",
    "CHỦ NHIỆM",
    "ỦY VIÊN",
    "THƯ KÝ",
    "HIỆU TRƯỞNG",
    "GIÁM ĐỐC",
    "CHỦ TỊCH",
    "PHÓ",
    "TRƯỞNG",
    "BỘ TRƯỞNG",
    "THỦ TRƯỞNG",
    "CHÁNH",
];

struct Patterns {
    number_line: Regex,
    place_date: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let build = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("bad built-in pattern {p}: {e}"));
        Patterns {
            number_line: build(r"(?i:s[ốổởơớờợọòóo6b])\s*:\s*(\d{1,5}\s?(?:/\s?\d{4}\s?)?/\s?[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s?-\s?[A-ZĐ0-9][A-Za-zĐđ0-9&]*)*|\d{1,5}-[A-ZĐ]{1,6}/[A-ZĐ][A-Za-zĐđ]{0,9})"),
            place_date: build(r"((?:[A-ZĐÂĂÊÔƠƯ\p{Lu}][\p{L}.]*\s){0,4}[A-ZĐ\p{Lu}][\p{L}]*)\s*,\s*(?i:ngày)\s+(\d{1,2})\s+(?i:tháng)\s+(\d{1,2})\s+(?i:năm)\s+(\d{4})"),
        }
    })
}

/// Byte offset where the national (or Party) motto starts in a header line, or the line's
/// length. Matched on the folded line, so restoration slips (`CÔNG HÒA`) do not hide it.
fn motto_start(line: &str) -> usize {
    let folded = syllable::fold(line);
    let at = [
        "cong hoa xa hoi",
        "doc lap - tu do",
        "doc lap-tu do",
        "dang cong san viet nam",
    ]
    .iter()
    .filter_map(|m| folded.find(m))
    .min();
    match at {
        // Folding maps each char to one ASCII char, so the char index carries over.
        Some(i) => line.char_indices().nth(i).map_or(line.len(), |(b, _)| b),
        None => line.len(),
    }
}

/// The last words of a header line that spell `place`'s letters (diacritics and case aside),
/// in title case, when they differ from `place` only in their marks.
fn header_place(header: &str, place: &str) -> Option<String> {
    let n = place.split_whitespace().count();
    let words: Vec<&str> = header.split_whitespace().collect();
    let tail = words.get(words.len().checked_sub(n)?..)?;
    let tail = tail.join(" ");
    if syllable::fold(&tail) != syllable::fold(place) {
        return None;
    }
    let titled: Vec<String> = tail
        .split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            let first: String = cs
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            first + &cs.as_str().to_lowercase()
        })
        .collect();
    Some(titled.join(" ")).filter(|t| t != place)
}

fn is_upper_line(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses the document block from restored text.
pub fn parse(text: &str) -> Document {
    let p = patterns();
    let lines: Vec<&str> = text.lines().collect();
    let mut doc = Document::default();
    let head_end = lines.len().min(40);
    // Number and place/date from the first lines.
    let head: String = lines[..head_end].join("\n");
    if let Some(c) = p.number_line.captures(&head) {
        doc.number = Some(canonical_number(&c[1]));
    }
    if let Some(c) = p.place_date.captures(&head) {
        let place = clean(&c[1]);
        // Drop a leading number or code glued before the place (`Số:11 /KH-SNgV Lạng Sơn`).
        let place = place
            .rsplit_once(|ch: char| ch == '/' || ch.is_ascii_digit())
            .map_or(place.as_str(), |(_, rest)| rest)
            .trim()
            .to_string();
        let words: Vec<&str> = place.split_whitespace().collect();
        // The place is the run of title-case words before the comma (`Lạng Sơn`, `TP. Hồ Chí Minh`).
        let title_case = |w: &str| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_uppercase())
                && (w == "TP." || cs.all(|c| c.is_lowercase() || c == '.'))
        };
        let keep: Vec<&str> = words
            .iter()
            .rev()
            .take_while(|w| title_case(w))
            .copied()
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !keep.is_empty() {
            doc.place = Some(keep.join(" "));
        }
        doc.date = iso_date(&c[2], &c[3], &c[4]);
    }
    // Header: the left column before the motto, upper-case lines before the number/type.
    let mut authorities: Vec<String> = Vec::new();
    let mut type_line = None;
    let mut seen_number = false;
    for (i, line) in lines[..head_end].iter().enumerate() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let t = clean(l.trim_matches(|c: char| !c.is_alphabetic()));
        if let Some(ty) = TYPES.iter().find(|ty| t == **ty) {
            doc.doc_type = Some(ty.to_string());
            type_line = Some(i);
            break;
        }
        if p.number_line.is_match(l) || p.place_date.is_match(l) || l.starts_with("V/v") {
            seen_number = true;
            continue;
        }
        if seen_number {
            continue;
        }
        let left = &l[..motto_start(l)];
        let left = clean(left.trim_matches(|c: char| !c.is_alphanumeric()));
        if left.len() >= 3 && is_upper_line(&left) && authorities.len() < 3 && i < 12 {
            // `ỦY BAN NHÂN DÂN` / `TỈNH HÀ TĨNH`: a locality line continues the line above.
            let folded = syllable::fold(&left);
            let locality = [
                "tinh ",
                "thanh pho ",
                "huyen ",
                "quan ",
                "thi xa ",
                "xa ",
                "phuong ",
                "thi tran ",
            ]
            .iter()
            .any(|w| folded.starts_with(w));
            match authorities.last_mut() {
                Some(prev)
                    if locality
                        && !prev.contains(" TỈNH ")
                        && !prev.starts_with("UBND ")
                        && prev.split_whitespace().count() <= 5 =>
                {
                    prev.push(' ');
                    prev.push_str(&left);
                }
                _ => authorities.push(left),
            }
        }
    }
    authorities.truncate(2);
    // The place of the date line is where the issuing body sits, which its header names in
    // capitals (`XÃ THẠCH LIÊN` / `Thạch Liên, ngày …`): where the two spell the same letters
    // differently, the header's reading (two words of context more) is taken.
    if let Some(place) = doc.place.as_mut() {
        if let Some(reading) = authorities.iter().find_map(|a| header_place(a, place)) {
            *place = reading;
        }
    }
    match authorities.len() {
        0 => {}
        1 => doc.authority = authorities.pop(),
        _ => {
            doc.authority = authorities.pop();
            doc.parent_authority = authorities.pop();
        }
    }
    // Title: the lines after the type heading, or the V/v line of a công văn.
    if let Some(ti) = type_line {
        let mut parts = Vec::new();
        for line in &lines[ti + 1..lines.len().min(ti + 8)] {
            let l = line.trim();
            if l.is_empty() {
                if parts.is_empty() {
                    continue;
                }
                break;
            }
            if is_upper_line(l)
                || ["Căn cứ", "Thực hiện", "Kính gửi", "Theo"]
                    .iter()
                    .any(|w| l.starts_with(w))
            {
                break;
            }
            parts.push(
                l.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .to_string(),
            );
        }
        let title = clean(&parts.join(" "));
        let title = title.trim_end_matches(['.', ';', ',', ':']).to_string();
        if !title.is_empty() {
            doc.title = Some(title);
        }
    } else if let Some(l) = lines[..head_end]
        .iter()
        .find(|l| l.trim_start().starts_with("V/v"))
    {
        let t = clean(
            l.trim_start()
                .trim_start_matches("V/v")
                .trim_start_matches(':'),
        );
        if !t.is_empty() {
            doc.title = Some(t);
        }
    }
    parse_tail(&lines, &mut doc);
    doc
}

/// Signer, signer title and recipients from the end of the document.
fn parse_tail(lines: &[&str], doc: &mut Document) {
    let start = lines.len().saturating_sub(40);
    let tail = &lines[start..];
    // Recipients: the dash list after `Nơi nhận:`.
    if let Some(ni) = tail.iter().position(|l| {
        let f = syllable::fold(l.trim_start());
        f.starts_with("noi nhan")
    }) {
        let mut list = Vec::new();
        for line in &tail[ni + 1..] {
            let l = line.trim();
            if l.is_empty() {
                continue;
            }
            let Some(item) = l.strip_prefix(['-', '–', '+', '•']) else {
                break;
            };
            let item = clean(item.trim().trim_end_matches([';', '.', ',']).trim());
            let f = syllable::fold(&item);
            if item.is_empty() || f.starts_with("luu") {
                continue;
            }
            list.push(item);
        }
        doc.recipients = Some(list);
    }
    // Signer: the last line that looks like a personal name (2-5 capitalised syllables).
    for (i, line) in tail.iter().enumerate().rev() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let words: Vec<&str> = l.split_whitespace().collect();
        let name_like = (2..=5).contains(&words.len())
            && words.iter().all(|w| {
                let mut cs = w.chars();
                cs.next().is_some_and(|c| c.is_uppercase())
                    && cs.all(|c| c.is_lowercase())
                    && syllable::is_valid(&w.to_lowercase())
            });
        if name_like {
            doc.signer = Some(words.join(" "));
            // Signer title: upper-case lines just above the name, beginning with a title word.
            let mut title_lines = Vec::new();
            for prev in tail[..i].iter().rev().take(4) {
                let p = prev.trim();
                if p.is_empty() {
                    continue;
                }
                // The title may share a line with the recipients column (`Nơi nhận: KT GIÁM ĐỐC`).
                let p = match p.find(':') {
                    Some(k) if syllable::fold(&p[..k]).contains("noi nhan") => p[k + 1..].trim(),
                    _ => p,
                };
                if is_upper_line(p)
                    && SIGNER_WORDS
                        .iter()
                        .any(|w| p.starts_with(w) || p.contains(w))
                {
                    title_lines.push(clean(p));
                } else {
                    break;
                }
            }
            title_lines.reverse();
            if !title_lines.is_empty() {
                doc.signer_title = Some(title_lines.join(" "));
            }
            break;
        }
        // Stop at the body: a long sentence line.
        if words.len() > 8 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date line's place takes the header's reading of the same letters; a place the
    /// header does not name, or names the same way, stays as written.
    #[test]
    fn place_agrees_with_the_header() {
        let t = "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHƯỜNG BẮC LÝ        \
                 Độc lập - Tự do - Hạnh phúc\nSố: 9/TB-UBND        Bắc Lỵ, ngày 3 tháng 5 năm 2024\n";
        assert_eq!(parse(t).place.as_deref(), Some("Bắc Lý"));
        let t = t.replace("Bắc Lỵ", "Đồng Hới");
        assert_eq!(parse(&t).place.as_deref(), Some("Đồng Hới"));
        let t = t.replace("Đồng Hới", "Bắc Lý");
        assert_eq!(parse(&t).place.as_deref(), Some("Bắc Lý"));
    }

    #[test]
    fn kế_hoạch_header_and_tail() {
        let t = "UBND TỈNH LẠNG SƠN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSỞ NGOẠI VỤ Độc lập - Tự do - Hạnh phúc\nSố:11 /KH-SNgV Lạng Sơn, ngày 24 tháng 01  năm 2025\nKẾ HOẠCH\n\n) Khắc phục tồn tại\nnăm 2024 của Sở\n\nThực hiện Quyết định…\n\nNơi nhận:\n- Sở Nội vụ;\n- Lãnh đạo Sở;\n- Lưu: VT, VP.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrịnh Tuyết Mai\n";
        let d = parse(t);
        assert_eq!(d.parent_authority.as_deref(), Some("UBND TỈNH LẠNG SƠN"));
        assert_eq!(d.authority.as_deref(), Some("SỞ NGOẠI VỤ"));
        assert_eq!(d.number.as_deref(), Some("11/KH-SNgV"));
        assert_eq!(d.place.as_deref(), Some("Lạng Sơn"));
        assert_eq!(d.date.as_deref(), Some("2025-01-24"));
        assert_eq!(d.doc_type.as_deref(), Some("KẾ HOẠCH"));
        assert_eq!(
            d.title.as_deref(),
            Some("Khắc phục tồn tại năm 2024 của Sở")
        );
        assert_eq!(
            d.recipients,
            Some(vec!["Sở Nội vụ".to_string(), "Lãnh đạo Sở".to_string()])
        );
        assert_eq!(d.signer.as_deref(), Some("Trịnh Tuyết Mai"));
        assert_eq!(d.signer_title.as_deref(), Some("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"));
    }

    #[test]
    fn two_line_people_s_committee() {
        let d = parse("ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ TĨNH        Độc lập - Tự do - Hạnh phúc\nSố: 512/QĐ-UBND        Hà Tĩnh, ngày 14 tháng 3 năm 2024\nQUYẾT ĐỊNH\nVề việc phê duyệt\n");
        assert_eq!(d.authority.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"));
        assert_eq!(d.parent_authority, None);
        assert_eq!(d.title.as_deref(), Some("Về việc phê duyệt"));
    }

    #[test]
    fn no_structure_gives_nulls() {
        let d = parse("chỉ là một đoạn văn bình thường không có gì.\n");
        assert_eq!(d, Document::default());
    }

    #[test]
    fn công_văn_title_from_v_v() {
        let d = parse("BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5/CT-CS\nV/v hướng dẫn góp vốn\nHà Nội, ngày 20 tháng 11 năm 2025\nKính gửi: Thuế tỉnh.\n");
        assert_eq!(d.doc_type, None);
        assert_eq!(d.title.as_deref(), Some("hướng dẫn góp vốn"));
        assert_eq!(d.parent_authority.as_deref(), Some("BỘ TÀI CHÍNH"));
        assert_eq!(d.authority.as_deref(), Some("CỤC THUẾ"));
        assert_eq!(d.place.as_deref(), Some("Hà Nội"));
    }
}
