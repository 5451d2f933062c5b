//! The end of the main document: the `Nơi nhận` list and the signature block (titles, then
//! the signer's name). Annexes, forms and footnotes may follow, so both are found from the
//! `Nơi nhận` line wherever it stands, and the signature block without one is the first
//! title-then-name pair after the header.

use super::document::{clean, is_upper_line};
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
    cs.next().is_some_and(char::is_uppercase)
        && cs.all(char::is_lowercase)
        && syllable::is_valid(&w.to_lowercase())
}

/// The personal name on a line (2–5 capitalised syllables, after an optional rank).
pub fn name_on_line(line: &str) -> Option<String> {
    let l = line.trim();
    // Ranks compared on folded letters: restoration may mark them otherwise (`Thường tướng`).
    let folded = syllable::fold(l);
    let l = RANKS
        .iter()
        .find_map(|r| {
            let fr = syllable::fold(r);
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

fn is_title_line(l: &str) -> bool {
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
            .trim_start_matches(|c: char| !c.is_alphanumeric())
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
    let ok = (3..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().filter(|w| !name_word(w)).count() <= 1;
    ok.then(|| words.join(" "))
}

/// The line's words that hold a letter (scan junk such as `:` or `.` left out).
fn letter_words(line: &str) -> String {
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    words.join(" ")
}

/// Parts a word at a capital that follows a small letter (OCR's `AnhTuấn` → `Anh Tuấn`).
fn unglue(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 4);
    let mut prev_small = false;
    for c in line.chars() {
        if c.is_uppercase() && prev_small {
            out.push(' ');
        }
        prev_small = c.is_lowercase();
        out.push(c);
    }
    out
}

/// The signature block in `lines[from..to]`: the first name line with title lines above it.
fn signature_in(lines: &[&str], from: usize, to: usize) -> Option<(Option<String>, String)> {
    (from..to.min(lines.len())).find_map(|i| {
        let name = name_under_titles(lines[i])?;
        let title = titles_above(lines, i)?;
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
    // OCR may leave junk before it (`* Noi nhan:`) or glue and misread its words
    // (`Noinhaén: ©`: then the line holds nothing else).
    let ni = (body_start..lines.len())
        .find(|&i| {
            let l = lines[i].trim_start_matches(|c: char| !c.is_alphanumeric());
            let f = syllable::fold(l);
            f.starts_with("noi nhan")
                || f.starts_with("noinh")
                    && l.split_whitespace().count() <= 3
                    && l.split_whitespace()
                        .next()
                        .is_some_and(|w| w.chars().count() <= 10)
        })
        .or_else(|| (body_start..lines.len()).find(|&i| misread_heading(lines, i)));
    let mut tail = Tail {
        signer_title: None,
        signer: None,
        recipients: None,
    };
    let mut list_end = lines.len();
    if let Some(ni) = ni {
        let (items, end) = recipients(lines, ni);
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
        tail.signer_title = title;
        tail.signer = Some(name);
    }
    tail
}

/// Without a `Nơi nhận` line: one whose second word OCR misread (`Nơi an`): `Nơi` and one
/// more word alone on a line, a dashed item on the next line that holds text.
fn misread_heading(lines: &[&str], i: usize) -> bool {
    let l = lines[i].trim();
    let mut words = l.split_whitespace();
    let (Some(first), Some(_), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    if syllable::fold(first) != "noi" {
        return false;
    }
    lines[i + 1..]
        .iter()
        .map(|n| n.trim())
        .find(|n| !n.is_empty())
        .is_some_and(|n| {
            let lead = n.find(char::is_alphanumeric).unwrap_or(n.len());
            n[..lead].contains(['-', '–'])
        })
}

/// An item without its final punctuation and the scan junk OCR leaves after it (`Như trên; «`,
/// `Chính phủ; —`, `Văn phòng Chính phủ: oo`, `… Công nghệ; . a`).
fn trim_item(item: &str) -> &str {
    let end_junk = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ';' | ':' | '.' | ',' | '«' | '»' | '|' | '_' | '~' | '*' | '—' | '°' | '\'' | '"'
            )
    };
    let mut item = item.trim().trim_end_matches(end_junk);
    // A tail after the item's last `;` or `:` that holds no word: symbols, digits, one or two
    // plain lower-case letters (`oo`, `a`); a code in capitals (`PL`) or a note (`(để b/c)`)
    // is a word.
    while let Some(i) = item.rfind([';', ':']) {
        let tail = &item[i + 1..];
        let junk = tail.split_whitespace().all(|t| {
            !t.chars().any(char::is_alphanumeric)
                || t.chars().all(|c| c.is_ascii_digit())
                || (t.len() <= 2 && t.chars().all(|c| c.is_ascii_lowercase()))
        }) || (item[i..].starts_with(';') && one_letter(tail));
        if !junk {
            break;
        }
        item = item[..i].trim_end_matches(end_junk);
    }
    // Quote marks OCR leaves between the dash and the item (`- ‘Cổng …`) are no part of it.
    item.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '‘' | '’' | '\'' | '"' | '“' | '”')
    })
}

/// Whether `t` is one letter alone (`A` after `CT, PCT UBND TP;`): scan junk after a complete
/// item, never an item of its own.
fn one_letter(t: &str) -> bool {
    let mut cs = t.trim().chars();
    cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
}

/// The items after the `Nơi nhận` line `ni`, and the line after the list.
fn recipients(lines: &[&str], ni: usize) -> (Vec<String>, usize) {
    let mut list: Vec<String> = Vec::new();
    let mut after_blank = false;
    let mut filed = false;
    // The last item's line ended on `,` or `:`: the item is unfinished and goes on below,
    // however long its next line and across the blank lines of a scan (`UBND các tỉnh: Hà
    // Nội, …,` / `Tuyên Quang, Thái Nguyên, …`).
    let mut open: Option<char> = None;
    // The last item's line ended on `;`: the item is complete.
    let mut closed = false;
    let mut i = ni + 1;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            after_blank = true;
            i += 1;
            continue;
        }
        // OCR may put scan junk before the dash (`. - Văn phòng …`, `_'- TT. Thành ủy`).
        let lead = l
            .find(|c: char| c.is_alphanumeric() || c == '(')
            .unwrap_or(l.len());
        // A dash read as `_`, `~` or `.` still opens an item (`‘ _ Vụ Pháp chế`).
        let dashed = l[..lead]
            .char_indices()
            .rfind(|&(_, c)| matches!(c, '-' | '–' | '+' | '•' | '_' | '~' | '.' | '*'))
            .map(|(d, c)| &l[d + c.len_utf8()..]);
        match dashed {
            Some(item) => {
                open = ends_open(l);
                closed = ends_item(l);
                let item = clean(trim_item(item));
                if syllable::fold(&item).starts_with("luu") {
                    filed = true;
                } else if !item.is_empty() && !filed {
                    list.push(item);
                }
            }
            // A line without a dash continues the item before it, unless the signature block
            // (titles in capitals, a name) or a new paragraph starts there.
            None => {
                // The first item whose dash was lost (`Nơi nhận` / `Như Điều 3;`).
                let first = list.is_empty()
                    && !filed
                    && !is_upper_line(l)
                    && name_on_line(l).is_none()
                    && l.split_whitespace().count() <= 12;
                if first {
                    let item = clean(trim_item(l));
                    if !item.is_empty() && !syllable::fold(&item).starts_with("luu") {
                        list.push(item);
                        open = ends_open(l);
                        closed = ends_item(l);
                        after_blank = false;
                        i += 1;
                        continue;
                    }
                }
                // An item whose dash OCR lost or read as a figure (`"2 Ủy ban MTTQVN tỉnh;`):
                // after a complete item, a short line that ends on `;` is one of its own.
                let own = closed
                    && !filed
                    && ends_item(l)
                    && !is_upper_line(l)
                    && name_on_line(l).is_none()
                    && l.split_whitespace().count() <= 12;
                if own {
                    let from = l
                        .split_whitespace()
                        .find(|w| w.chars().any(char::is_alphabetic))
                        .map_or(l.len(), |w| w.as_ptr() as usize - l.as_ptr() as usize);
                    let item = clean(trim_item(&l[from..]));
                    if !item.is_empty() {
                        list.push(item);
                        after_blank = false;
                        i += 1;
                        continue;
                    }
                }
                let stop = if open.is_some() && !filed {
                    is_title_line(l)
                        || name_on_line(l).is_some()
                        || l.split_whitespace().count() > 40
                } else {
                    filed
                        || after_blank
                        || is_upper_line(l)
                        || name_on_line(l).is_some()
                        || l.split_whitespace().count() > 12
                };
                if stop {
                    break;
                }
                let glue = std::mem::replace(&mut open, ends_open(l));
                closed = ends_item(l);
                if let Some(last) = list.last_mut() {
                    let more = clean(trim_item(l));
                    if let Some(c) = glue.filter(|&c| c != ' ') {
                        last.push(c);
                    }
                    last.push(' ');
                    last.push_str(&more);
                } else {
                    break;
                }
            }
        }
        after_blank = false;
        i += 1;
    }
    (list, i)
}

/// Whether an item's line ends complete, on `;` (scan junk after it ignored).
fn ends_item(line: &str) -> bool {
    line.trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, ';' | ')' | '.'))
        .ends_with(';')
}

/// How an item's line ends unfinished: on `,` or `:` (that sign, kept when the next line
/// joins it), or on a word of a long, wrapped line (`Some(' ')`); scan junk after it ignored.
fn ends_open(line: &str) -> Option<char> {
    let l =
        line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '_' | '~' | '*'));
    match l.chars().next_back()? {
        c @ (',' | ':') => Some(c),
        c if c.is_alphanumeric() && l.split_whitespace().count() >= 8 => Some(' '),
        _ => None,
    }
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

    /// A star read for the dash, a quote mark after the dash and one letter after the `;`
    /// are scan junk, not the items' text.
    #[test]
    fn star_dashes_quotes_and_stray_letters() {
        let t = "Nơi nhận:\n* Như khoản 2;\n- ‘Sở Tài chính;\n- HĐND, UBND xã; B\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        let (items, _) = recipients(&lines, 0);
        assert_eq!(items, vec!["Như khoản 2", "Sở Tài chính", "HĐND, UBND xã"]);
    }

    #[test]
    fn ocr_junk_before_the_dash_of_an_item() {
        let t = "Nơi nhận: :\n\n. - Bộ Nội vụ;\n\n_'- TT. Huyện ủy;\n\n' - Sở Y tế;\n‘ _ Sở Tư pháp;\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        let (items, _) = recipients(&lines, 0);
        assert_eq!(
            items,
            ["Bộ Nội vụ", "TT. Huyện ủy", "Sở Y tế", "Sở Tư pháp"]
        );
        let t = "Điều 3. Thi hành.\n' Noinhaén: ©\n- Bộ Nội vụ;\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            parse(&lines, 0).recipients,
            Some(vec!["Bộ Nội vụ".to_string()])
        );
    }

    #[test]
    fn ocr_junk_after_an_item_is_cut() {
        assert_eq!(trim_item(" Chính phủ; — "), "Chính phủ");
        assert_eq!(trim_item("-Văn phòng Quốc hội: oo"), "Văn phòng Quốc hội");
        assert_eq!(
            trim_item("Các Bộ: Xây dựng, Tài chính; . a"),
            "Các Bộ: Xây dựng, Tài chính"
        );
        assert_eq!(trim_item("Sở Y tế; ° :"), "Sở Y tế");
        // Words after the separator stay: a code in capitals, a note in brackets.
        assert_eq!(trim_item("VPCP: BT, PL;"), "VPCP: BT, PL");
        assert_eq!(
            trim_item("Bộ Tài chính; (Báo cáo)"),
            "Bộ Tài chính; (Báo cáo)"
        );
        assert_eq!(trim_item("Bộ Xây dựng; (để b/c)"), "Bộ Xây dựng; (để b/c)");
    }

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
    fn an_item_ending_on_a_comma_goes_on_over_long_and_blank_lines() {
        let t = "Nơi nhận:\n- UBND các tỉnh: Hà Giang, Cao Bằng,\n\nLào Cai, Yên Bái, Sơn La, Hòa Bình, Thái Bình, Nam Định, Hà Nam, Ninh Bình, Phú Yên, Quảng\nNgãi, Kon Tum;\n- VPCP: BTCN, các Vụ:\n\nTH, PL;\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Văn An\n";
        let lines: Vec<&str> = t.lines().collect();
        let tail = parse(&lines, 0);
        assert_eq!(
            tail.recipients,
            Some(vec![
                "UBND các tỉnh: Hà Giang, Cao Bằng, Lào Cai, Yên Bái, Sơn La, Hòa Bình, Thái Bình, Nam Định, Hà Nam, Ninh Bình, Phú Yên, Quảng Ngãi, Kon Tum".to_string(),
                "VPCP: BTCN, các Vụ: TH, PL".to_string()
            ])
        );
        assert_eq!(tail.signer.as_deref(), Some("Lê Văn An"));
    }

    #[test]
    fn an_item_whose_dash_ocr_lost() {
        let t = "Nơi nhận:\n- Bộ Tài chính;\n\n\"2 Ủy ban MTTQVN tỉnh;\n\n- Đoàn ĐBQH tỉnh;\n- Văn phòng UBND\ntỉnh;\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        let (items, _) = recipients(&lines, 0);
        assert_eq!(
            items,
            [
                "Bộ Tài chính",
                "Ủy ban MTTQVN tỉnh",
                "Đoàn ĐBQH tỉnh",
                "Văn phòng UBND tỉnh"
            ]
        );
    }

    #[test]
    fn a_heading_whose_second_word_ocr_misread() {
        let t = "Điều 3. Thi hành.\nNơi an\n\n.- Bộ Nội vụ (b/c);\n- Các sở, ngành;\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            parse(&lines, 0).recipients,
            Some(vec![
                "Bộ Nội vụ (b/c)".to_string(),
                "Các sở, ngành".to_string()
            ])
        );
        // A body line `Nơi họp` before a list of its own is no heading once the real one is.
        let t = "Nơi họp\n- Phòng 2;\nNơi nhận:\n- Sở Y tế;\n";
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            parse(&lines, 0).recipients,
            Some(vec!["Sở Y tế".to_string()])
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
}
