//! The document block every administrative document carries under Decree 30/2020/NĐ-CP:
//! issuing authority and its parent (header, left column), number, place and date, type,
//! title, signer and signer title, recipients. A field is null when the text does not state it.

use crate::charclass::CharClass;

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::entities::{canonical_number, iso_date};
use super::{header, title};
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
/// in the heading (`CÔNG ĐIỂN`) does not hide it. A line that is the type word alone with
/// every word capitalised (OCR's `Chỉ Thị` for `CHỈ THỊ`) is the heading too.
fn type_heading(line: &str) -> Option<(&'static str, String)> {
    let t = clean(line.trim_matches(|c: char| !c.is_alnum()));
    let t = without_speck_letters(&t);
    let capitalised = t.split_whitespace().count() >= 2
        && t.split_whitespace()
            .all(|w| w.chars().next().is_some_and(crate::charclass::is_upper));
    let upper = is_upper_line(&t);
    if !upper && !capitalised {
        return None;
    }
    let folded = syllable::fold(&t);
    type_headings().iter().find_map(|h| {
        let fh = syllable::fold(h);
        if !upper {
            return (folded == fh).then(|| (h.as_str(), String::new()));
        }
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

/// A heading line without the one or two small letters a scan's specks leave after it
/// (`KẾ HOẠCH ee`, `Chỉ Thị a`): the words before are all capitalised, the last is not.
fn without_speck_letters(t: &str) -> String {
    let words: Vec<&str> = t.split_whitespace().collect();
    let Some((last, head)) = words.split_last() else {
        return t.to_string();
    };
    let speck = last.chars().count() <= 2 && last.chars().all(|c| c.is_ascii_lowercase());
    let capitalised = !head.is_empty()
        && head
            .iter()
            .all(|w| w.chars().next().is_some_and(crate::charclass::is_upper));
    if speck && capitalised {
        head.join(" ")
    } else {
        t.to_string()
    }
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
            place_date: build(r"((?:(?:[A-ZĐÂĂÊÔƠƯ\p{Lu}][\p{L}.]*|phố|xã|trấn)\s){0,5}[A-ZĐ\p{Lu}][\p{L}]*)\s*,\s*(?i:ngày)\s*(?:[;:,.'’]\s*)?(\d{1,2})\s*(?i:tháng)\s*(?:[;:,.'’]\s*)?(\d{1,2})\s*(?i:n[ăa]m)\s*(\d{4})"),
        }
    })
}

/// A line in capitals: at least two letters, and all upper case but for a few (`1899/QĐ-TTg`
/// in an upper-case title keeps its code's lower-case letter).
pub(super) fn is_upper_line(s: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alpha()) {
        if c.is_upper() {
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
                || cs.next().is_some_and(|c| c.is_upper())
                    && (w == "TP." || cs.all(|c| c.is_lower() || c == '.'))
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
            .take_while(|w| w.starts_with(crate::charclass::is_lower))
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
            || title::subject_marker(l)
        {
            seen_number = true;
            continue;
        }
        if seen_number {
            continue;
        }
        let left = header::left_column(l);
        if left.len() >= 3 && is_upper_line(&left) && authorities.len() < 3 && i < 12 {
            header::push_line(&mut authorities, left);
        }
    }
    authorities.truncate(2);
    if authorities.len() == 1 {
        if let Some((parent, authority)) = header::split_levels(&authorities[0]) {
            authorities = vec![parent, authority];
        }
    }
    // The place of the date line is where the issuing body sits, which its header names in
    // capitals (`XÃ THẠCH LIÊN` / `Thạch Liên, ngày …`): where the two spell the same letters
    // differently, the header's reading (two words of context more) is taken.
    if let Some(place) = doc.place.as_mut() {
        if let Some(reading) = authorities
            .iter()
            .find_map(|a| header::header_place(a, place))
        {
            *place = reading;
        }
        // One OCR letter slip in either (`PHÚ THQ` / `Phú Thọ`) is mended from the other.
        for a in authorities.iter_mut() {
            if let Some((h, p)) = header::mend_place(a, place) {
                *a = h;
                *place = p;
                break;
            }
        }
    }
    // Words OCR glued in the header (`SỞ KHOAHOC`) take the text's spacing of their letters.
    for a in authorities.iter_mut() {
        if let Some(r) = header::respaced(a, text) {
            *a = r;
        }
    }
    // Title: what follows the type heading, up to an enacting authority; or the V/v line
    // of a công văn.
    let mut body_start = 0;
    let mut heading_title = None;
    if let Some((ti, rest)) = type_line {
        let title;
        (title, body_start) = title::after_heading(&lines, ti, rest);
        heading_title = title.map(|t| title::respaced(t, text));
    } else if let Some((t, next)) =
        title::công_văn(&lines, head_end, &p.number_line, &p.place_date)
    {
        (doc.title, body_start) = (t, next);
    }
    // Pairs of words the body spells otherwise, many times (`CHÍNH PHỤ`: `Chính phủ`), in
    // the header's bodies and the heading's title (one pass over the text for all).
    let titled = heading_title.is_some();
    authorities.extend(heading_title);
    let mut authorities = super::title_marks::reread_all(authorities, text);
    if titled {
        doc.title = authorities.pop();
    }
    match authorities.len() {
        0 => {}
        1 => doc.authority = authorities.pop(),
        _ => {
            doc.authority = authorities.pop();
            doc.parent_authority = authorities.pop();
        }
    }
    let tail = super::signature::parse(&lines, body_start);
    doc.signer = tail.signer;
    doc.signer_title = tail.signer_title;
    // An item's unit head word in OCR's capitals (`BỘ Y tế`) is read as the name's.
    doc.recipients = tail.recipients.map(|items| {
        items
            .into_iter()
            .map(|i| {
                super::organizations::item_signs_read(
                    super::organizations::heads_fixed(&i).into_owned(),
                )
            })
            .collect()
    });
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small letters a scan's specks leave after the type heading do not hide it.
    #[test]
    fn a_type_heading_with_speck_letters_after_it() {
        let t = "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 7/KH-UBND\nAn Giang, ngày 3 tháng 5 năm 2024\nKẾ HOẠCH ee\nPHÒNG CHỐNG LỤT BÃO NĂM 2025\nCăn cứ Luật Phòng chống thiên tai;\n";
        let d = parse(t);
        assert_eq!(d.doc_type.as_deref(), Some("KẾ HOẠCH"));
        assert_eq!(d.title.as_deref(), Some("PHÒNG CHỐNG LỤT BÃO NĂM 2025"));
        assert_eq!(without_speck_letters("Chỉ Thị a"), "Chỉ Thị");
        // A word in small letters of a sentence stays, and so does a lone word.
        assert_eq!(without_speck_letters("Kế hoạch này"), "Kế hoạch này");
        assert_eq!(without_speck_letters("ee"), "ee");
    }

    /// The date line's place takes the header's reading of the same letters; a place the
    /// header does not name, or names the same way, stays as written.
    /// A speck OCR left between `ngày` (or `tháng`) and its figure.
    #[test]
    fn a_speck_inside_the_date_line() {
        let d = parse(
            "ỦY BAN NHÂN DÂN\nSố: 7/KH-UBND\nHuế, ngày ; 9 tháng 3 năm 2025\nKẾ HOẠCH\nVề y tế\n",
        );
        assert_eq!(d.date.as_deref(), Some("2025-03-09"));
        assert_eq!(d.place.as_deref(), Some("Huế"));
    }

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
