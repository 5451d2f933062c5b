//! The `Nơi nhận` list at the end of the main document: its heading line and its items, one
//! per dash, continued over wrapped lines, with the scan junk OCR leaves around them removed.

use crate::charclass::CharClass;

use super::document::{clean, is_upper_line};
use super::signature::{is_title_line, name_on_line};
use crate::syllable;

/// The `Nơi nhận` line at or after `body_start`. OCR may leave junk before it (`* Noi nhan:`)
/// or glue and misread its words (`Noinhaén: ©`: then the line holds nothing else).
pub(super) fn heading(lines: &[&str], body_start: usize) -> Option<usize> {
    (body_start..lines.len())
        .find(|&i| {
            let l = lines[i].trim_start_matches(|c: char| !c.is_alnum());
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
            let lead = n.find(crate::charclass::is_alnum).unwrap_or(n.len());
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
    // A lone dash at the end (`các Vụ: PL, -`): a speck, or a dash whose name goes on below.
    if let Some(rest) = lone_dash_before(item) {
        item = rest.trim_end_matches(end_junk);
    }
    // A tail after the item's last `;` or `:` that holds no word: symbols, digits, one or two
    // plain lower-case letters (`oo`, `a`); a code in capitals (`PL`) or a note (`(để b/c)`)
    // is a word.
    while let Some(i) = item.rfind([';', ':']) {
        let tail = &item[i + 1..];
        let junk = tail.split_whitespace().all(|t| {
            !t.chars().any(crate::charclass::is_alnum)
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
                '-' | '–' | '‘' | '’' | '\'' | '"' | '“' | '”' | '»' | '«' | '•' | '©' | '='
            )
    })
}

/// Whether `t` is one letter alone (`A` after `CT, PCT UBND TP;`): scan junk after a complete
/// item, never an item of its own.
fn one_letter(t: &str) -> bool {
    let mut cs = t.trim().chars();
    cs.next().is_some_and(crate::charclass::is_alpha) && cs.next().is_none()
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
            .find(|c: char| c.is_alnum() || c == '(')
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
                        if c == '-' {
                            last.push(' ');
                        }
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
                let mut item = clean(trim_item(item));
                // The `Lưu:` line OCR glued after an item (two columns read as one line).
                if let Some(at) = filed_inside(&item) {
                    if !filed {
                        list.push(clean(trim_item(&item[..at])));
                    }
                    item.clear();
                    filed = true;
                }
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
                        .find(|w| w.chars().any(crate::charclass::is_alpha))
                        .map_or(l.len(), |w| w.as_ptr() as usize - l.as_ptr() as usize);
                    let item = clean(trim_item(&l[from..]));
                    if !item.is_empty() {
                        list.push(item);
                        after_blank = false;
                        i += 1;
                        continue;
                    }
                }
                // The `Lưu:` line whose dash OCR read as another sign (`"= Lưu: VT`).
                if !filed && filed_item(&clean(trim_item(l))) {
                    filed = true;
                    i += 1;
                    continue;
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
                        if c == '-' {
                            last.push(' ');
                        }
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
        && first.chars().skip(1).all(crate::charclass::is_lower)
        && !syllable::is_valid(&first.to_lowercase())
        && code.chars().count() >= 2
        && code.chars().all(crate::charclass::is_upper)
}

/// Where a `Lưu: VT` that OCR glued after an item's text begins (`… Đỗ Văn An = Lưu: VT`),
/// after scan junk; `None` when the item holds none after some text of its own.
fn filed_inside(item: &str) -> Option<usize> {
    let at = item.find(" Lưu:")?;
    let before = item[..at].trim_end_matches(|c: char| !c.is_alnum() && c != ')');
    (!before.is_empty() && filed_item(&item[at + 1..])).then_some(before.len())
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
        let letter_both = prev.is_some_and(crate::charclass::is_alpha)
            && next.is_some_and(crate::charclass::is_alpha);
        let small_both = prev.is_some_and(crate::charclass::is_lower)
            && next.is_some_and(crate::charclass::is_lower);
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
        // A dot after a word in small letters before the next word (`Văn. phòng`, `và.Công
        // nghệ`): an item runs on after it, so it is a speck, not the end of a sentence.
        let small_before = prev.is_some_and(crate::charclass::is_lower);
        if c == '.' && small_before {
            let after_space = cs.get(k + 2).copied();
            if next == Some(' ') && after_space.is_some_and(crate::charclass::is_lower) {
                continue;
            }
            if next.is_some_and(crate::charclass::is_upper) {
                out.push(' ');
                continue;
            }
        }
        // A speck opening a code in a list (`TH, .NC, KGVX`): a dot after a space.
        let speck = c == '.'
            && prev.is_some_and(char::is_whitespace)
            && next.is_some_and(crate::charclass::is_upper);
        if speck {
            continue;
        }
        out.push(c);
    }
    let spaced = out.replace(" -", " - ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let mut fixed: Vec<String> = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        // A comma after a word that needs the next (`các, Ủy viên`, `của, Quốc hội`) is a speck.
        if let Some(core) = w.strip_suffix(',') {
            if k + 1 < words.len() && matches!(core, "các" | "của" | "và" | "Các") {
                fixed.push(core.to_string());
                continue;
            }
        }
        // `Bộ` read `B6` where a code glued it (`Cục KTVB-B6 Tư pháp`): before a name.
        let named = words
            .get(k + 1)
            .is_some_and(|n| n.starts_with(crate::charclass::is_upper));
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
        .filter(|c| c.is_alpha())
        .nth(1)
        .is_some_and(crate::charclass::is_lower);
    (core.chars().count() >= 2
        && core.chars().all(crate::charclass::is_upper)
        && marked
        && small_before
        && crate::syllable::is_valid(&lower))
    .then(|| format!("{first}{}:", cs.as_str().to_lowercase()))
}

/// The text before a dash that ends `s` alone, after a space (`PL, -`, `Cổng TTĐT –`); a
/// hyphen inside a word or code (`CT-`) is no lone dash.
fn lone_dash_before(s: &str) -> Option<&str> {
    let rest = s.strip_suffix(['-', '–', '—'])?;
    rest.ends_with(char::is_whitespace).then_some(rest)
}

fn ends_item(line: &str) -> bool {
    line.trim_end_matches(|c: char| !c.is_alnum() && !matches!(c, ';' | ')' | '.'))
        .ends_with(';')
}

/// How an item's line ends unfinished: on `,` or `:` (that sign, kept when the next line
/// joins it), or on a word of a long, wrapped line (`Some(' ')`); scan junk after it ignored.
fn ends_open(line: &str) -> Option<char> {
    let l =
        line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '_' | '~' | '*'));
    // A lone dash at the end: after `,` or `:` a speck on an unfinished item; after a word the
    // dash between two parts of one name (`Cổng TTĐT -` / `Bộ Y tế;`).
    if let Some(rest) = lone_dash_before(l) {
        return match rest.trim_end().chars().next_back()? {
            c @ (',' | ':') => Some(c),
            c if c.is_alnum() || c == ')' => Some('-'),
            _ => None,
        };
    }
    match l.chars().next_back()? {
        c @ (',' | ':') => Some(c),
        c if c.is_alnum() && l.split_whitespace().count() >= 8 => Some(' '),
        _ => None,
    }
}

#[cfg(test)]
#[path = "recipients_tests.rs"]
mod tests;
