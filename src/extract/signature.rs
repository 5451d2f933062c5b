//! The end of the main document: the `Nơi nhận` list and the signature block (titles, then
//! the signer's name). Annexes, forms and footnotes may follow, so both are found from the
//! `Nơi nhận` line wherever it stands, and the signature block without one is the first
//! title-then-name pair after the header.

use crate::charclass::CharClass;

use super::document::{clean, is_upper_line};
use super::recipients;
use super::signer_title;
use crate::syllable;

/// Words that start or make a signer-title line. Decree 30 writes `KT.`, `TM.`, `TL.`;
/// Party documents `K/T`, `T/M`, `T/L`.
const SIGNER_WORDS: [&str; 22] = [
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
    "THỦ TƯỚNG",
    "TỔNG",
];

/// Military and police ranks printed before a signer's name (`Thượng tướng Vũ Hải Sản`).
const RANKS: [&str; 12] = [
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
    "Thiếu úy",
];

/// A word of a personal name: a capitalised syllable (`Tuyết`).
fn name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(crate::charclass::is_upper)
        && cs.all(crate::charclass::is_lower)
        && syllable::is_valid(&w.to_lowercase())
}

/// The personal name on a line (2–5 capitalised syllables, after an optional rank).
pub fn name_on_line(line: &str) -> Option<String> {
    let l = line.trim();
    // Ranks compared on folded letters: restoration may mark them otherwise (`Thường tướng`).
    let folded = syllable::fold(l);
    static FOLDED_RANKS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let folded_ranks =
        FOLDED_RANKS.get_or_init(|| RANKS.iter().map(|r| syllable::fold(r)).collect());
    let l = RANKS
        .iter()
        .zip(folded_ranks)
        .find_map(|(r, fr)| {
            folded
                .strip_prefix(fr.as_str())
                .filter(|rest| rest.starts_with(' '))
                .and_then(|_| l.char_indices().nth(r.chars().count()))
                .map(|(b, _)| &l[b..])
        })
        .unwrap_or(l);
    let words: Vec<&str> = l.split_whitespace().collect();
    let ok = (2..=5).contains(&words.len()) && words.iter().all(|w| name_word(w));
    ok.then(|| words.join(" "))
}

/// A line of signature titles: upper case and holding a title word (`KT.`, `CHỦ TỊCH`).
pub(super) fn is_title_line(l: &str) -> bool {
    is_upper_line(l)
        && SIGNER_WORDS
            .iter()
            .any(|w| l.starts_with(w) || l.contains(w))
}

/// The title lines just above line `i` (the name), joined; the title may share a line with the
/// recipients column (`Nơi nhận: KT GIÁM ĐỐC`).
fn titles_above(lines: &[&str], i: usize) -> Option<String> {
    let mut title_lines = Vec::new();
    for prev in lines[..i].iter().rev().take(4) {
        let p = prev.trim();
        if p.is_empty() {
            continue;
        }
        let p = match p.find(':') {
            Some(k) if syllable::fold(&p[..k]).contains("noi nhan") => p[k + 1..].trim(),
            _ => p,
        };
        // Scan junk before a title line (`‘TM. ỦY BAN …`) is no part of it.
        let p = p
            .trim_start_matches(|c: char| !c.is_alnum())
            .trim_end_matches(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        ':' | '|' | '_' | '~' | '*' | '"' | '\'' | '‘' | '’' | '“' | '”' | '—'
                    )
            });
        if is_title_line(p) {
            title_lines.push(clean(p));
        } else {
            break;
        }
    }
    title_lines.reverse();
    (!title_lines.is_empty()).then(|| title_lines.join(" "))
}

/// Under signature titles a name may carry one OCR-garbled word (`Viti Mạnh Hà`): at least
/// two capitalised syllables and at most one other capitalised word.
fn name_under_titles(line: &str) -> Option<String> {
    // A name is five words at most after a rank of two: a line with more words holding a
    // letter (most of a body's) is none, whichever way it is read below.
    if line
        .split_whitespace()
        .filter(|w| w.chars().any(crate::charclass::is_alpha))
        .nth(7)
        .is_some()
    {
        return None;
    }
    if let Some(n) = name_on_line(line) {
        return Some(n);
    }
    // Scan junk around the name (`Phạm Văn Thịnh : :`) is dropped: tokens without a letter;
    // two words OCR glued (`AnhTuấn`) part at the capital inside.
    let unglued = unglue(&letter_words(line));
    let words: Vec<&str> = unglued.split_whitespace().collect();
    if let Some(n) = name_on_line(&unglued) {
        return Some(n);
    }
    if let Some(n) = super::signer_name::damaged_start(&words).and_then(|s| name_on_line(&s)) {
        return Some(n);
    }
    let ok = (3..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(crate::charclass::is_upper))
        && words.iter().filter(|w| !name_word(w)).count() <= 1;
    ok.then(|| words.join(" "))
}

/// The line's words that hold a letter (scan junk such as `:` or `.` left out).
fn letter_words(line: &str) -> String {
    // A quote or speck glued to a word (`"Hồ`, `Phớc’`) is no part of it.
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(crate::charclass::is_alpha))
        .map(|w| {
            w.trim_matches(|c: char| {
                matches!(
                    c,
                    '"' | '\'' | '‘' | '’' | '“' | '”' | '`' | '«' | '»' | '*' | '~' | '.' | ','
                )
            })
        })
        .collect();
    words.join(" ")
}

/// Parts a word at a capital that follows a small letter (OCR's `AnhTuấn` → `Anh Tuấn`).
fn unglue(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 4);
    let mut prev_small = false;
    for c in line.chars() {
        if c.is_upper() && prev_small {
            out.push(' ');
        }
        prev_small = c.is_lower();
        out.push(c);
    }
    out
}

/// The signature block in `lines[from..to]`: the first name line with title lines above it.
fn signature_in(lines: &[&str], from: usize, to: usize) -> Option<(Option<String>, String)> {
    (from..to.min(lines.len())).find_map(|i| {
        if let Some(name) = name_under_titles(lines[i]) {
            let title = titles_above(lines, i)?;
            return Some((Some(title), name));
        }
        // A name whose given name OCR lost, under titles: read from the rest of the text.
        let words = letter_words(lines[i]);
        let words: Vec<&str> = words.split_whitespace().collect();
        if !(3..=4).contains(&words.len()) {
            return None;
        }
        let title = titles_above(lines, i)?;
        let name = super::signer_name::completed_from_text(&words, lines)?;
        Some((Some(title), name))
    })
}

/// Signer title and signer, and the recipients (`None` without a `Nơi nhận` list).
pub struct Tail {
    pub signer_title: Option<String>,
    pub signer: Option<String>,
    pub recipients: Option<Vec<String>>,
}

/// Reads the recipients and the signature block; `body_start` is the first line after the
/// header (the signature search never looks above it).
pub fn parse(lines: &[&str], body_start: usize) -> Tail {
    let ni = recipients::heading(lines, body_start);
    let mut tail = Tail {
        signer_title: None,
        signer: None,
        recipients: None,
    };
    let mut list_end = lines.len();
    if let Some(ni) = ni {
        let (items, end) = recipients::list(lines, ni);
        tail.recipients = Some(items);
        list_end = end;
    }
    let found = match ni {
        // Web layout: the signature after the list; scan layout: beside or above it.
        Some(ni) => signature_in(lines, list_end, list_end + 12)
            .or_else(|| signature_in(lines, ni.saturating_sub(12), list_end)),
        None => signature_in(lines, body_start, lines.len()),
    }
    .or_else(|| last_name_block(lines, body_start));
    if let Some((title, name)) = found {
        tail.signer_title = title.map(|t| signer_title::repair(&t));
        tail.signer = Some(super::signer_name::reread(&name));
    }
    tail
}

/// Fallback: the last name-like line of the document, with its titles when it has them,
/// stopping at the body (a long line).
fn last_name_block(lines: &[&str], body_start: usize) -> Option<(Option<String>, String)> {
    for i in (body_start..lines.len()).rev() {
        let l = lines[i].trim();
        if l.is_empty() {
            continue;
        }
        // Scan junk after the name (`Lê Văn An .`) is no part of it.
        if let Some(name) = name_on_line(&letter_words(l)) {
            return Some((titles_above(lines, i), name));
        }
        if l.split_whitespace().count() > 8 {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_no_name() {
        // `name_under_titles` passes over lines of more than seven letter words: a rank of
        // two words and a name of five.
        assert!(RANKS.iter().all(|r| r.split_whitespace().count() <= 2));
        assert_eq!(
            name_under_titles("Thượng tướng Nguyễn Văn Thị Minh Anh").as_deref(),
            Some("Nguyễn Văn Thị Minh Anh")
        );
        assert_eq!(
            name_under_titles("Ông Nguyễn Văn An đã ký thay cho ông Bình"),
            None
        );
    }

    /// A star read for the dash, a quote mark after the dash and one letter after the `;`
    /// are scan junk, not the items' text.
    #[test]
    fn recipient_items_over_two_lines_and_a_rank() {
        let t = "Điều 3. Thi hành.\nNơi nhận:\n- Như Điều 3;\n- Văn phòng Ủy ban nhân dân\ntỉnh (để báo cáo);\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nThiếu tướng Lê Văn An\nPHỤ LỤC\nMẫu số 01\n";
        let lines: Vec<&str> = t.lines().collect();
        let tail = parse(&lines, 0);
        assert_eq!(
            tail.recipients,
            Some(vec![
                "Như Điều 3".to_string(),
                "Văn phòng Ủy ban nhân dân tỉnh (để báo cáo)".to_string()
            ])
        );
        assert_eq!(tail.signer.as_deref(), Some("Lê Văn An"));
        assert_eq!(
            tail.signer_title.as_deref(),
            Some("KT. BỘ TRƯỞNG THỨ TRƯỞNG")
        );
    }

    #[test]
    fn glued_name_and_junk_after_a_name_without_titles() {
        // OCR glued two words of the name under the titles: the titles are still read.
        let t =
            "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê HồngQuân .\n";
        let lines: Vec<&str> = t.lines().collect();
        let tail = parse(&lines, 0);
        assert_eq!(tail.signer.as_deref(), Some("Lê Hồng Quân"));
        assert_eq!(
            tail.signer_title.as_deref(),
            Some("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC")
        );
        // Titles OCR garbled past reading: the name alone, without the dot after it.
        let t = "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n\n: ma Oy naan\nCHỮ TICH’\n\nĐinh Thị Hoa .\n";
        let lines: Vec<&str> = t.lines().collect();
        let tail = parse(&lines, 0);
        assert_eq!(tail.signer.as_deref(), Some("Đinh Thị Hoa"));
    }

    #[test]
    fn quote_glued_to_the_name() {
        let t = "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN CHỦ TỊCH\n“Lý Văn Tâm.\n";
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(parse(&lines, 0).signer.as_deref(), Some("Lý Văn Tâm"));
    }

    #[test]
    fn scan_junk_around_the_signature_block() {
        let t = "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\n\n‘TM. ỦY BAN NHÂN DÂN CHỦ TỊCH :\n\nPhạm Văn Bình : :\n";
        let lines: Vec<&str> = t.lines().collect();
        let tail = parse(&lines, 0);
        assert_eq!(tail.signer.as_deref(), Some("Phạm Văn Bình"));
        assert_eq!(
            tail.signer_title.as_deref(),
            Some("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")
        );
    }

    #[test]
    fn signature_before_an_annex_without_nơi_nhận() {
        let t = "Điều 2. Hiệu lực.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrần Văn Bình\nQUY ĐỊNH\nChương I\nNgười lập biểu\n(Ký, ghi rõ họ tên)\n";
        let lines: Vec<&str> = t.lines().collect();
        let tail = parse(&lines, 0);
        assert_eq!(tail.recipients, None);
        assert_eq!(tail.signer.as_deref(), Some("Trần Văn Bình"));
        assert_eq!(
            tail.signer_title.as_deref(),
            Some("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")
        );
    }

    #[test]
    fn damaged_name_lines_under_titles() {
        // A surname in small letters; a rank whose first word is junk.
        let t = "Nơi nhận:\n- Sở Y tế;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nđỗ Văn Khải\n";
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(parse(&lines, 0).signer.as_deref(), Some("Đỗ Văn Khải"));
        let t =
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nmy tướng Lê Văn An\n";
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(parse(&lines, 0).signer.as_deref(), Some("Lê Văn An"));
        // The given name lost: the text names the signer in full elsewhere.
        let t = "Ý kiến của Phó Giám đốc Hồ Thanh Mai được ghi nhận.\nNơi nhận:\n- Sở Y tế;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nHổ Thanh ne\n";
        let lines: Vec<&str> = t.lines().collect();
        let tail = parse(&lines, 0);
        assert_eq!(tail.signer.as_deref(), Some("Hồ Thanh Mai"));
        assert_eq!(
            tail.signer_title.as_deref(),
            Some("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC")
        );
    }
}
