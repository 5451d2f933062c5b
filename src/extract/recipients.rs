//! The `Nơi nhận` list at the end of the main document: its heading line and its items, one
//! per dash, continued over wrapped lines, with the scan junk OCR leaves around them removed.

use super::document::{clean, is_upper_line};
use super::signature::{is_title_line, name_on_line};
use crate::syllable;

/// The `Nơi nhận` line at or after `body_start`. OCR may leave junk before it (`* Noi nhan:`)
/// or glue and misread its words (`Noinhaén: ©`: then the line holds nothing else).
pub(super) fn heading(lines: &[&str], body_start: usize) -> Option<usize> {
    (body_start..lines.len())
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
        .or_else(|| (body_start..lines.len()).find(|&i| misread_heading(lines, i)))
}

/// Without a `Nơi nhận` line: one whose words OCR misread (`Nơi an`, `Nei nhén:`): `Nơi` and
/// one more word alone on a line, a dashed item on the next line that holds text.
fn misread_heading(lines: &[&str], i: usize) -> bool {
    let l = lines[i].trim();
    let mut words = l.split_whitespace();
    let (Some(first), Some(_), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    if !noi_word(first) {
        return false;
    }
    lines[i + 1..]
        .iter()
        .map(|n| n.trim())
        .find(|n| !n.is_empty())
        .is_some_and(|n| {
            let lead = n.find(char::is_alphanumeric).unwrap_or(n.len());
            n[..lead].contains(['-', '–', '—'])
        })
}

/// `Nơi` as OCR reads it: the word, or three letters from `N` with one of the other two
/// misread (`Nei`, `Ngi`, `Nol`).
fn noi_word(w: &str) -> bool {
    let f = syllable::fold(w.trim_end_matches(':'));
    let cs: Vec<char> = f.chars().collect();
    f == "noi" || (cs.len() == 3 && cs[0] == 'n' && (cs[1] == 'o' || cs[2] == 'i'))
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
        c.is_whitespace()
            || matches!(
                c,
                '-' | '–' | '‘' | '’' | '\'' | '"' | '“' | '”' | '»' | '«' | '•' | '©'
            )
    })
}

/// Whether `t` is one letter alone (`A` after `CT, PCT UBND TP;`): scan junk after a complete
/// item, never an item of its own.
fn one_letter(t: &str) -> bool {
    let mut cs = t.trim().chars();
    cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
}

/// The items after the `Nơi nhận` line `ni`, and the line after the list.
pub(super) fn list(lines: &[&str], ni: usize) -> (Vec<String>, usize) {
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
        // A dash read as `_`, `~`, `.` or a long dash still opens an item (`‘ _ Vụ Pháp chế`).
        let dashed = l[..lead]
            .char_indices()
            .rfind(|&(_, c)| {
                matches!(
                    c,
                    '-' | '–' | '—' | '−' | '+' | '•' | '·' | '_' | '~' | '.' | '*'
                )
            })
            .map(|(d, c)| (&l[d + c.len_utf8()..], c));
        // A speck OCR read as a dash (`.`, `_`, `~`) opening the line after an item's long
        // line that ended on a word (`… Thuế tỉnh` / `. Lạng Sơn;`) continues that item; after
        // `:` or `,` (often a misread `;`) it is a dash.
        let dashed = match dashed {
            Some((_, c)) if matches!(c, '.' | '_' | '~' | '*') && open == Some(' ') && !filed => {
                if let Some(last) = list.last_mut() {
                    let more = clean(trim_item(&l[lead..]));
                    if let Some(c) = open.filter(|&c| c != ' ') {
                        last.push(c);
                    }
                    last.push(' ');
                    last.push_str(&more);
                    open = ends_open(l);
                    closed = ends_item(l);
                    after_blank = false;
                    i += 1;
                    continue;
                }
                dashed.map(|d| d.0)
            }
            d => d.map(|d| d.0),
        };
        match dashed {
            Some(item) => {
                open = ends_open(l);
                closed = ends_item(l);
                let item = clean(trim_item(item));
                if filed_item(&item) {
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
                    if !item.is_empty() && !filed_item(&item) {
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
    (list.iter().map(|item| tidy(item)).collect(), i)
}

/// Whether an item is the `Lưu: VT` line that closes the list, also when OCR garbled its
/// word (`Litu: VT`, `Liftt VE, AB`): a capital `L` word that is no syllable, then a code.
fn filed_item(item: &str) -> bool {
    if syllable::fold(item).starts_with("luu") {
        return true;
    }
    let mut words = item.split_whitespace();
    let (Some(first), Some(code)) = (words.next(), words.next()) else {
        return false;
    };
    let first = first.trim_end_matches([':', '.', ',']);
    let letters = first.chars().count();
    let code = code.trim_end_matches([',', ';', '.', ':']);
    first.starts_with('L')
        && (3..=6).contains(&letters)
        && first.chars().skip(1).all(char::is_lowercase)
        && !syllable::is_valid(&first.to_lowercase())
        && code.chars().count() >= 2
        && code.chars().all(char::is_uppercase)
}

/// An item without the signs OCR scatters inside it: a quote mark or apostrophe (Vietnamese
/// writes none; `Cục’Kiểm soát`, a lone `"`), a hyphen or dot between two small letters
/// (`Các-cơ quan`, `Trung.tâm`), a second separator after `;` (`Tỉnh ủy;,(Báo cáo)`), a
/// dash glued to the word after it (`điện tử -Bộ Y tế`); `d/c` read without its bar, and
/// `B6` for `Bộ`.
fn tidy(item: &str) -> String {
    let double_quotes = item
        .chars()
        .filter(|c| matches!(c, '"' | '“' | '”'))
        .count();
    let cs: Vec<char> = item.chars().collect();
    let mut out = String::with_capacity(item.len());
    for (k, &c) in cs.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| cs[j]);
        let next = cs.get(k + 1).copied();
        let letter_both =
            prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic);
        let small_both =
            prev.is_some_and(char::is_lowercase) && next.is_some_and(char::is_lowercase);
        let junk_quote = matches!(c, '’' | '‘' | '\'' | '`')
            || (double_quotes == 1 && matches!(c, '"' | '“' | '”'));
        let second_sign = matches!(c, ',' | ';' | '.') && matches!(prev, Some(';' | ','));
        if junk_quote || second_sign {
            if letter_both || (second_sign && next.is_some_and(|n| !n.is_whitespace())) {
                out.push(' ');
            }
            continue;
        }
        if (c == '-' || c == '.') && small_both {
            out.push(' ');
            continue;
        }
        // A speck opening a code in a list (`TH, .NC, KGVX`): a dot after a space.
        let speck = c == '.'
            && prev.is_some_and(char::is_whitespace)
            && next.is_some_and(char::is_uppercase);
        if speck {
            continue;
        }
        out.push(c);
    }
    let spaced = out.replace(" -", " - ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let mut fixed: Vec<String> = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        // `Bộ` read `B6` where a code glued it (`Cục KTVB-B6 Tư pháp`): before a name.
        let named = words
            .get(k + 1)
            .is_some_and(|n| n.starts_with(char::is_uppercase));
        let bo = (*w == "B6" || w.ends_with("-B6") || w.ends_with("/B6")) && named;
        // `Các Ban HBND`: a damaged code is the common code it stands for.
        if let Some(r) = super::codes::repaired_word(w) {
            fixed.push(r);
            continue;
        }
        // `HĐND phifing;`: a damaged level after a council is the level.
        let core = w.trim_end_matches([';', ',', '.', ':']);
        // `Số, ban ngành`: an item opens on `Sở`, never on a number's `Số`.
        let after = if core.len() < w.len() {
            Some(&w[core.len()..core.len() + 1])
        } else {
            words.get(1).copied()
        };
        if k == 0 && super::organizations::department_misread(None, core, after) {
            fixed.push(format!("Sở{}", &w[core.len()..]));
            continue;
        }
        // The council before a level is at most its last three words (`… nhân dân`).
        let before = words[k.saturating_sub(3)..k].join(" ");
        if let Some(l) = super::organizations::damaged_level(&before, core) {
            fixed.push(format!("{l}{}", &w[core.len()..]));
            continue;
        }
        if let Some(t) = k.checked_sub(1).and_then(|j| caps_list_head(words[j], w)) {
            fixed.push(t);
            continue;
        }
        fixed.push(match *w {
            "d/c" => "đ/c".to_string(),
            "D/c" => "Đ/c".to_string(),
            _ if bo => format!("{}Bộ", &w[..w.len() - 2]),
            _ => w.to_string(),
        });
    }
    super::comrade::deputy_after_comrade(&mut fixed);
    super::surnames::fixed(&mut fixed);
    super::codes::before_code(&mut fixed);
    super::ocr_spaces::restored(&super::organizations::digital_so(&fixed.join(" ")))
}

/// Whether an item's line ends complete, on `;` (scan junk after it ignored).
/// `Các BỘ: GDĐT`: a word in capitals that carries a mark (no code does), after a word in
/// small letters and before the colon that opens its list, written in title case (`Bộ:`).
fn caps_list_head(prev: &str, w: &str) -> Option<String> {
    let core = w.strip_suffix(':')?;
    let mut cs = core.chars();
    let first = cs.next()?;
    let lower = core.to_lowercase();
    let marked = crate::syllable::fold(&lower) != lower;
    let small_before = prev
        .chars()
        .filter(|c| c.is_alphabetic())
        .nth(1)
        .is_some_and(char::is_lowercase);
    (core.chars().count() >= 2
        && core.chars().all(char::is_uppercase)
        && marked
        && small_before
        && crate::syllable::is_valid(&lower))
    .then(|| format!("{first}{}:", cs.as_str().to_lowercase()))
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::signature::parse;

    #[test]
    fn star_dashes_quotes_and_stray_letters() {
        let t = "Nơi nhận:\n* Như khoản 2;\n- ‘Sở Tài chính;\n- HĐND, UBND xã; B\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        let (items, _) = list(&lines, 0);
        assert_eq!(items, vec!["Như khoản 2", "Sở Tài chính", "HĐND, UBND xã"]);
    }

    #[test]
    fn a_speck_for_a_dash_after_an_unfinished_item() {
        let t = "Nơi nhận:\n- Các Sở: Nội vụ, Tư pháp; Ban quản lý Khu kinh tế; Thuế tỉnh\n. Hà Giang;\n_ Bộ Y tế; (để báo cáo) :\n_ Cục Thuế;\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        let (items, _) = list(&lines, 0);
        assert_eq!(
            items,
            vec![
                "Các Sở: Nội vụ, Tư pháp; Ban quản lý Khu kinh tế; Thuế tỉnh Hà Giang",
                "Bộ Y tế; (để báo cáo)",
                "Cục Thuế"
            ]
        );
    }

    #[test]
    fn damaged_codes_in_items() {
        let t =
            "Nơi nhận:\n- Các Ban HBND huyện;\n- VPGP: các Vụ;\n- Cổng TIDT tỉnh;\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        let (items, _) = list(&lines, 0);
        assert_eq!(
            items,
            vec!["Các Ban HĐND huyện", "VPCP: các Vụ", "Cổng TTĐT tỉnh"]
        );
        // A guillemet before the item and a dot before a code are specks.
        let t = "Nơi nhận:\n- » Thường trực UBND: CT, các PCT;\n- VP: TH, .KT, NC;\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        let (items, _) = list(&lines, 0);
        assert_eq!(
            items,
            vec!["Thường trực UBND: CT, các PCT", "VP: TH, KT, NC"]
        );
    }

    #[test]
    fn ocr_junk_before_the_dash_of_an_item() {
        let t = "Nơi nhận: :\n\n. - Bộ Nội vụ;\n\n_'- TT. Huyện ủy;\n\n' - Sở Y tế;\n‘ _ Sở Tư pháp;\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        let (items, _) = list(&lines, 0);
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
    fn ocr_signs_inside_an_item() {
        assert_eq!(
            tidy("Cục’Thống kê - Bộ Tài chính"),
            "Cục Thống kê - Bộ Tài chính"
        );
        assert_eq!(tidy("Các’ phòng, ban"), "Các phòng, ban");
        assert_eq!(tidy("Báo-điện tử tỉnh"), "Báo điện tử tỉnh");
        assert_eq!(tidy("Trung.tâm Y tế TP.HCM"), "Trung tâm Y tế TP.HCM");
        assert_eq!(tidy("Sở Xây dựng;,(để b/c)"), "Sở Xây dựng; (để b/c)");
        assert_eq!(
            tidy("Cổng Thông tin -\"Sở Nội vụ"),
            "Cổng Thông tin - Sở Nội vụ"
        );
        assert_eq!(tidy("Các d/c Phó Giám đốc"), "Các đ/c Phó Giám đốc");
        assert_eq!(
            tidy("Các đ/c Thị trường Bộ Công an"),
            "Các đ/c Thứ trưởng Bộ Công an"
        );
        assert_eq!(tidy("Cục Kiểm tra/B6 Tư pháp"), "Cục Kiểm tra/Bộ Tư pháp");
        assert_eq!(
            tidy("Trung tâm Công nghệ sở TP"),
            "Trung tâm Công nghệ số TP"
        );
        assert_eq!(tidy("Đ/c Thể trường;"), "Đ/c Thứ trưởng;");
        assert_eq!(tidy("Các đồng chí Thì trưởng"), "Các đồng chí Thứ trưởng");
        assert_eq!(
            tidy("Các đ/c Thủ trưởng đơn vị"),
            "Các đ/c Thủ trưởng đơn vị"
        );
        assert_eq!(
            tidy("Sở Công Thương (thị trường)"),
            "Sở Công Thương (thị trường)"
        );
        assert_eq!(tidy("Vụ PC-B6 Công an"), "Vụ PC-Bộ Công an");
        assert_eq!(tidy("TT Đảng ủy, HĐND phuwéng"), "TT Đảng ủy, HĐND phường");
        assert_eq!(tidy("Số, ban ngành TP"), "Sở, ban ngành TP");
        assert_eq!(tidy("Số Nội vụ"), "Sở Nội vụ");
        // As printed: a hyphen between capitals, a comma without a space, a quoted name.
        assert_eq!(tidy("Cục KTVB-Bộ Tư pháp"), "Cục KTVB-Bộ Tư pháp");
        assert_eq!(tidy("UBND các phường,xã"), "UBND các phường,xã");
        assert_eq!(tidy("Báo \"Lao động\""), "Báo \"Lao động\"");
    }

    #[test]
    fn a_filed_item_that_ocr_garbled() {
        assert!(filed_item("Litu: VT, KH"));
        assert!(filed_item("Liftt VE, AB"));
        assert!(!filed_item("Lãnh đạo VP"));
        assert!(!filed_item("LĐLĐ tỉnh"));
        assert!(!filed_item("Liên đoàn Lao động tỉnh"));
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
        let (items, _) = list(&lines, 0);
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
        // Both words misread, the next item's dash read as a long one.
        let t = "Điều 3. Thi hành.\nNei nhén:\n- Bộ Nội vụ;\n— Sở Y tế;\n- Lưu: VT.\n";
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            parse(&lines, 0).recipients,
            Some(vec!["Bộ Nội vụ".to_string(), "Sở Y tế".to_string()])
        );
        // A body line `Nơi họp` before a list of its own is no heading once the real one is.
        let t = "Nơi họp\n- Phòng 2;\nNơi nhận:\n- Sở Y tế;\n";
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            parse(&lines, 0).recipients,
            Some(vec!["Sở Y tế".to_string()])
        );
    }

    /// The recipients `parse` finds in `t` from its first line.
    fn recipients_of(t: &str) -> Option<Vec<String>> {
        let lines: Vec<&str> = t.lines().collect();
        parse(&lines, 0).recipients
    }

    #[test]
    fn a_list_head_in_capitals() {
        let t = "Nơi nhận:\n- Các SỞ: Y tế, Tài chính;\n- Văn phòng: LĐVP, TH;\n- UBND TỈNH;\n- Lưu: VT.\n";
        assert_eq!(
            recipients_of(t),
            Some(vec![
                "Các Sở: Y tế, Tài chính".to_string(),
                "Văn phòng: LĐVP, TH".to_string(),
                "UBND TỈNH".to_string()
            ])
        );
        // Codes carry no marks; a word after capitals stays.
        assert_eq!(caps_list_head("Các", "KTTH:"), None);
        assert_eq!(caps_list_head("UBND", "TỈNH:"), None);
        assert_eq!(caps_list_head("các", "VỤ:").as_deref(), Some("Vụ:"));
    }
}
