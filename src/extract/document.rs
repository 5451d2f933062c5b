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

/// Type headings in upper case, longest first (`THÔNG TƯ LIÊN TỊCH` before `THÔNG TƯ`), from
/// `dictionaries/doc_types.txt`; a công văn has none.
fn type_headings() -> &'static [String] {
    static T: OnceLock<Vec<String>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t: Vec<String> = super::citations::doc_types()
            .iter()
            .map(|t| t.0.to_uppercase())
            .collect();
        t.sort_by_key(|h| std::cmp::Reverse(h.len()));
        t
    })
}

/// The type heading a header line starts with, and the rest of the line (a title printed on
/// the same line: `QUYẾT ĐỊNH BÃI BỎ …`). Compared on folded letters, so a restoration slip
/// in the heading (`CÔNG ĐIỂN`) does not hide it.
fn type_heading(line: &str) -> Option<(&'static str, String)> {
    let t = clean(line.trim_matches(|c: char| !c.is_alphanumeric()));
    if !is_upper_line(&t) {
        return None;
    }
    let folded = syllable::fold(&t);
    type_headings().iter().find_map(|h| {
        let fh = syllable::fold(h);
        let rest = folded.strip_prefix(fh.as_str())?;
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        // Folding keeps one char per char, so the heading's char count carries over.
        let rest: String = t.chars().skip(h.chars().count()).collect();
        let rest = rest.trim();
        // `QUYẾT ĐỊNH SỐ 12/…` in capitals cites a document; it is no heading.
        if syllable::fold(rest).starts_with("so ") {
            return None;
        }
        Some((h.as_str(), rest.to_string()))
    })
}

/// Words that open an enacting-authority line or phrase after the title (`CHỦ TỊCH ỦY BAN NHÂN
/// DÂN TỈNH …`, `BỘ TRƯỞNG BỘ Y TẾ`, `THỦ TƯỚNG CHÍNH PHỦ`).
const ENACTING: [&str; 14] = [
    "chu tich uy ban",
    "chu tich ubnd",
    "bo truong bo",
    "thu tuong chinh phu",
    "giam doc ",
    "tong kiem toan",
    "truong ban ",
    "chanh van phong",
    "hoi dong nhan dan",
    "uy ban nhan dan",
    "uy ban thuong vu quoc hoi",
    "chinh phu",
    "tong cuc truong",
    "cuc truong",
];

/// Words after which an authority phrase describes the subject (`… CỦA ỦY BAN NHÂN DÂN …`)
/// instead of enacting the document.
const LINKING: [&str; 17] = [
    "cua", "va", "cho", "toi", "voi", "boi", "theo", "tai", "doi", "ve", "giua", "thuoc", "cac",
    "nhiem", "cu", "truc", "pho",
];

/// Cuts an enacting-authority phrase printed after the title on its line (it runs to the end).
fn cut_enacting(title: &str) -> &str {
    let words: Vec<(usize, &str)> = title
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - title.as_ptr() as usize, w))
        .collect();
    for k in 2..words.len() {
        let rest = syllable::fold(&title[words[k].0..]);
        let prev = syllable::fold(words[k - 1].1);
        if words.len() - k <= 14
            && !LINKING.contains(&prev.as_str())
            && ENACTING
                .iter()
                .any(|e| rest.starts_with(e) || rest == e.trim_end())
        {
            return title[..words[k].0].trim_end();
        }
    }
    title
}

/// Whether an upper-case line opens an enacting authority (it ends the title).
fn enacting_line(line: &str) -> bool {
    let f = syllable::fold(line.trim());
    ENACTING.iter().any(|e| f.starts_with(e))
}

/// Upper-case words that head an issuing body; a header line holding two bodies
/// (`BỘ TÀI CHÍNH CỤC THUẾ`) splits before the last one that starts a body of two words or
/// more after a body of two words or more.
const BODY_HEADS: [&str; 16] = [
    "bo",
    "uy ban",
    "ubnd",
    "hoi dong",
    "hdnd",
    "so",
    "cuc",
    "chi cuc",
    "tong cuc",
    "thue",
    "ban",
    "van phong",
    "trung tam",
    "phong",
    "kho bac",
    "bao hiem",
];

/// Splits a one-line two-level header into (parent, authority).
fn split_levels(line: &str) -> Option<(String, String)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| syllable::fold(w)).collect();
    let head_at = |k: usize| {
        BODY_HEADS.iter().any(|h| {
            let hw: Vec<&str> = h.split(' ').collect();
            folded.len() >= k + hw.len() && hw.iter().enumerate().all(|(j, w)| folded[k + j] == *w)
        })
    };
    if !head_at(0) && !folded[0].starts_with("uy") {
        return None;
    }
    let k = (2..words.len().saturating_sub(1)).rev().find(|&k| {
        head_at(k) && !matches!(folded[k - 1].as_str(), "va" | "cua" | "uy" | "chi" | "tong")
    })?;
    Some((words[..k].join(" "), words[k..].join(" ")))
}

struct Patterns {
    number_line: Regex,
    garbled_number_line: Regex,
    place_date: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let build = crate::extract::built_in;
        Patterns {
            garbled_number_line: build(&format!(
                r"(?m)^[ \t]*\S{{0,4}}[ \t]*:[ \t]*({})",
                super::entities::number_pattern()
            )),
            number_line: build(r"(?i:s[ốổởơớờợọòóo6b])\s*:\s*(\d{1,5}\s?(?:/\s?\d{4}\s?)?/\s?[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s?-\s?[A-ZĐ0-9][A-Za-zĐđ0-9&]*)*|\d{1,5}-[A-ZĐ]{1,6}/[A-ZĐ][A-Za-zĐđ]{0,9})"),
            place_date: build(r"((?:(?:[A-ZĐÂĂÊÔƠƯ\p{Lu}][\p{L}.]*|phố|xã|trấn)\s){0,5}[A-ZĐ\p{Lu}][\p{L}]*)\s*,\s*(?i:ngày)\s*(\d{1,2})\s*(?i:tháng)\s*(\d{1,2})\s*(?i:n[ăa]m)\s*(\d{4})"),
        }
    })
}

/// Byte offset where the national (or Party) motto starts in a header line, or the line's
/// length. Matched on the folded line, so restoration slips (`CÔNG HÒA`) do not hide it.
fn motto_start(line: &str) -> usize {
    // OCR glues or splits the motto's words (`CONGHOA XÃ HỘI`, `Độc lập- Tự do`).
    static MOTTO: OnceLock<Regex> = OnceLock::new();
    let motto = MOTTO.get_or_init(|| {
        Regex::new(r"cong ?hoa ?xa ?hoi|doc ?lap ?-? ?tu ?do|dang cong san viet nam")
            .expect("motto pattern")
    });
    let folded = syllable::fold(line);
    let at = motto.find(&folded).map(|m| m.start());
    match at {
        // Folding maps each char to one ASCII char, so the char index carries over.
        Some(i) => line.char_indices().nth(i).map_or(line.len(), |(b, _)| b),
        None => line.len(),
    }
}

/// The last words of a header line that spell `place`'s letters (diacritics and case aside),
/// with the header's marks and the place's case (`Thành phố` stays so under `THÀNH PHỐ`), when
/// they differ from `place` only in their marks.
fn header_place(header: &str, place: &str) -> Option<String> {
    let n = place.split_whitespace().count();
    let words: Vec<&str> = header.split_whitespace().collect();
    let tail = words.get(words.len().checked_sub(n)?..)?;
    let tail = tail.join(" ");
    if syllable::fold(&tail) != syllable::fold(place) {
        return None;
    }
    let cased: Vec<String> = tail
        .split_whitespace()
        .zip(place.split_whitespace())
        .map(|(w, p)| {
            let mut cs = w.chars();
            let upper = p.chars().next().is_some_and(char::is_uppercase);
            let first: String = match cs.next() {
                Some(c) if upper => c.to_uppercase().collect(),
                Some(c) => c.to_lowercase().collect(),
                None => String::new(),
            };
            first + &cs.as_str().to_lowercase()
        })
        .collect();
    Some(cased.join(" ")).filter(|t| t != place)
}

/// A line in capitals: at least two letters, and all upper case but for a few (`1899/QĐ-TTg`
/// in an upper-case title keeps its code's lower-case letter).
pub(super) fn is_upper_line(s: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    upper >= 2 && lower * 6 <= upper
}

pub(super) fn clean(s: &str) -> String {
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
    } else if let Some(c) = p.garbled_number_line.captures(&head) {
        // OCR lost the `Số` (`6: 08/2025/NQ-CP`, `S$6:10988/BNV`): a header line that is a
        // short prefix, a colon and a document number.
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
        // Level words inside a place's name (`Thành phố Hồ Chí Minh`) stay lower case.
        let title_case = |w: &str| {
            let mut cs = w.chars();
            matches!(w, "phố" | "xã" | "trấn")
                || cs.next().is_some_and(|c| c.is_uppercase())
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
        let lead = keep
            .iter()
            .take_while(|w| w.starts_with(char::is_lowercase))
            .count();
        if keep.len() > lead {
            doc.place = Some(keep[lead..].join(" "));
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
        if let Some((ty, rest)) = type_heading(l) {
            doc.doc_type = Some(ty.to_string());
            type_line = Some((i, rest));
            break;
        }
        if p.number_line.is_match(l)
            || p.garbled_number_line.is_match(l)
            || p.place_date.is_match(l)
            || l.starts_with("V/v")
        {
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
    if authorities.len() == 1 {
        if let Some((parent, authority)) = split_levels(&authorities[0]) {
            authorities = vec![parent, authority];
        }
    }
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
    // Title: what follows the type heading (same line, then upper-case lines, or sentence-case
    // lines), up to an enacting authority; or the V/v line of a công văn.
    let mut body_start = 0;
    if let Some((ti, rest)) = type_line {
        let mut parts: Vec<String> = Vec::new();
        if !rest.is_empty() {
            parts.push(rest);
        }
        let upper_title = !parts.is_empty()
            || lines[ti + 1..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| is_upper_line(l));
        let mut i = ti + 1;
        while i < lines.len().min(ti + 8) {
            let l = lines[i].trim();
            if l.is_empty() {
                if parts.is_empty() {
                    i += 1;
                    continue;
                }
                break;
            }
            let starts_body = ["Căn cứ", "Thực hiện", "Kính gửi", "Theo", "Điều "]
                .iter()
                .any(|w| l.starts_with(w));
            if starts_body || upper_title != is_upper_line(l) || enacting_line(l) {
                break;
            }
            parts.push(
                l.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .to_string(),
            );
            i += 1;
        }
        body_start = i;
        let title = clean(&parts.join(" "));
        let title = cut_enacting(&title)
            .trim_end_matches(['.', ';', ',', ':'])
            .to_string();
        if !title.is_empty() {
            doc.title = Some(title);
        }
    } else if let Some(vi) = lines[..head_end]
        .iter()
        .position(|l| l.trim_start().starts_with("V/v"))
    {
        let mut t = clean(lines[vi].trim_start());
        // A wrapped subject line goes on below it (`V/v … các tiêu chí` / `Chỉ số CCHC năm
        // 2025`; a scan's OCR may leave a blank line between), short and no header item.
        let mut blanks = 0;
        for l in &lines[vi + 1..head_end.min(vi + 4)] {
            let l = l.trim();
            if l.is_empty() {
                blanks += 1;
                if blanks > 1 {
                    break;
                }
                continue;
            }
            let header_item = ["Kính gửi", "Căn cứ", "Thực hiện", "Số", "Nơi nhận"]
                .iter()
                .any(|w| l.starts_with(w));
            if header_item
                || p.place_date.is_match(l)
                || is_upper_line(l)
                || l.split_whitespace().count() > 10
                || l.ends_with(':')
            {
                break;
            }
            t.push(' ');
            t.push_str(&clean(l));
        }
        if t.len() > "V/v".len() {
            doc.title = Some(t);
        }
        body_start = vi + 1;
    }
    let tail = super::signature::parse(&lines, body_start);
    doc.signer = tail.signer;
    doc.signer_title = tail.signer_title;
    // An item's unit head word in OCR's capitals (`BỘ Y tế`) is read as the name's.
    doc.recipients = tail.recipients.map(|items| {
        items
            .into_iter()
            .map(|i| super::organizations::heads_fixed(&i).into_owned())
            .collect()
    });
    doc
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
        // The header's marks, the date line's case (`phố` stays lower case).
        let hcm = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 5/QĐ-UBND\nThành phố Hồ Chí Minh, ngày 2 tháng 3 năm 2025\n";
        assert_eq!(parse(hcm).place.as_deref(), Some("Thành phố Hồ Chí Minh"));
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

    /// Web layout: body and motto on consecutive lines, one line holding two levels, an
    /// upper-case title over two lines ended by the enacting authority.
    #[test]
    fn two_level_header_and_upper_case_title() {
        let d = parse("BỘ XÂY DỰNG CỤC ĐƯỜNG BỘ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 71/QĐ-CĐB\nHà Nội, ngày 2 tháng 3 năm 2025\nQUYẾT ĐỊNH\nVỀ VIỆC GIAO NHIỆM VỤ BẢO TRÌ\nQUỐC LỘ NĂM 2025\nCỤC TRƯỞNG CỤC ĐƯỜNG BỘ\nCăn cứ Luật Đường bộ;\n");
        assert_eq!(d.parent_authority.as_deref(), Some("BỘ XÂY DỰNG"));
        assert_eq!(d.authority.as_deref(), Some("CỤC ĐƯỜNG BỘ"));
        assert_eq!(d.doc_type.as_deref(), Some("QUYẾT ĐỊNH"));
        assert_eq!(
            d.title.as_deref(),
            Some("VỀ VIỆC GIAO NHIỆM VỤ BẢO TRÌ QUỐC LỘ NĂM 2025")
        );
        // The same title on the heading's line, the authority glued after it; a subject's
        // own `CỦA ỦY BAN NHÂN DÂN` stays.
        let d = parse("ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 5/2025/QĐ-UBND\nAn Giang, ngày 2 tháng 3 năm 2025\nQUYẾT ĐỊNH BÃI BỎ QUYẾT ĐỊNH SỐ 9/2020/QĐ-UBND CỦA ỦY BAN NHÂN DÂN TỈNH ỦY BAN NHÂN DÂN TỈNH AN GIANG\nCăn cứ Luật;\n");
        assert_eq!(
            d.title.as_deref(),
            Some("BÃI BỎ QUYẾT ĐỊNH SỐ 9/2020/QĐ-UBND CỦA ỦY BAN NHÂN DÂN TỈNH")
        );
        assert_eq!(
            d.authority.as_deref(),
            Some("ỦY BAN NHÂN DÂN TỈNH AN GIANG")
        );
        assert_eq!(d.parent_authority, None);
    }

    /// A công điện's addressees (after `… điện:`) are no recipients; its `Nơi nhận` list is.
    #[test]
    fn công_điện_addressees_are_not_recipients() {
        let d = parse("THỦ TƯỚNG CHÍNH PHỦ\nSố: 12/CĐ-TTg\nHà Nội, ngày 2 tháng 3 năm 2025\nCÔNG ĐIỆN VỀ VIỆC ỨNG PHÓ BÃO SỐ 3\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng các Bộ: Quốc phòng, Công an;\n- Chủ tịch Ủy ban nhân dân các tỉnh ven biển.\nCác cơ quan khẩn trương thực hiện./.\nNơi nhận:\n- Như trên;\n- VPCP: BTCN;\n- Lưu: VT.\nKT. THỦ TƯỚNG PHÓ THỦ TƯỚNG\nTrần Văn Nam\n");
        assert_eq!(d.doc_type.as_deref(), Some("CÔNG ĐIỆN"));
        assert_eq!(d.title.as_deref(), Some("VỀ VIỆC ỨNG PHÓ BÃO SỐ 3"));
        assert_eq!(
            d.recipients,
            Some(vec!["Như trên".to_string(), "VPCP: BTCN".to_string()])
        );
        assert_eq!(d.signer.as_deref(), Some("Trần Văn Nam"));
        assert_eq!(
            d.signer_title.as_deref(),
            Some("KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG")
        );
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
        assert_eq!(d.title.as_deref(), Some("V/v hướng dẫn góp vốn"));
        assert_eq!(d.parent_authority.as_deref(), Some("BỘ TÀI CHÍNH"));
        assert_eq!(d.authority.as_deref(), Some("CỤC THUẾ"));
        assert_eq!(d.place.as_deref(), Some("Hà Nội"));
    }
}
