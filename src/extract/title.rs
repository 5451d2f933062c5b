//! The title (trích yếu): the heading's remaining line(s) after the type word, up to an
//! enacting authority, or a công văn's `V/v …` line.

use crate::charclass::CharClass;

use regex::Regex;

use super::document::{clean, is_upper_line};
use crate::syllable;

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
/// instead of enacting the document; a dash sets a title in apposition (`… PHẠM MINH CHÍNH -`
/// / `TRƯỞNG BAN CHỈ ĐẠO …`).
const LINKING: [&str; 20] = [
    "cua", "va", "cho", "toi", "voi", "boi", "theo", "tai", "doi", "ve", "giua", "thuoc", "cac",
    "nhiem", "cu", "truc", "pho", "-", "–", "—",
];

/// Words that open the body after the title.
const BODY_OPENERS: [&str; 5] = ["Căn cứ", "Thực hiện", "Kính gửi", "Theo", "Điều "];

/// The enacting phrase (its word count) that the folded words open at `k`.
fn enacting_at(folded: &[String], k: usize) -> Option<usize> {
    let rest = folded[k..].join(" ");
    ENACTING
        .iter()
        .find(|e| rest.starts_with(*e) || rest == e.trim_end())
        .map(|e| e.split_whitespace().count())
}

/// Whether an enacting phrase at `k` ends the title: not after a linking word (`CỦA ỦY BAN
/// NHÂN DÂN`), and not inside a longer phrase opened just before (`CỦA THỦ TƯỚNG` + `CHÍNH
/// PHỦ`, where `CHÍNH PHỦ` alone would be one).
fn cuts_at(folded: &[String], k: usize) -> bool {
    if k == 0 || enacting_at(folded, k).is_none() || LINKING.contains(&folded[k - 1].as_str()) {
        return false;
    }
    !(k.saturating_sub(3)..k).any(|j| enacting_at(folded, j).is_some_and(|n| j + n > k))
}

/// Cuts an enacting-authority phrase printed after the title on its line (it runs to the end).
fn cut_enacting(title: &str) -> &str {
    let words: Vec<(usize, &str)> = title
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - title.as_ptr() as usize, w))
        .collect();
    let folded: Vec<String> = words.iter().map(|(_, w)| syllable::fold(w)).collect();
    for k in 2..words.len() {
        if words.len() - k <= 14 && cuts_at(&folded, k) {
            return title[..words[k].0].trim_end();
        }
    }
    title
}

/// Whether an upper-case line opens an enacting authority that ends the title read so far
/// (`parts`): a line that goes on a phrase of the title (`… CỦA` / `THỦ TƯỚNG CHÍNH PHỦ VỀ
/// …`) does not.
fn enacting_line(parts: &[String], line: &str) -> bool {
    let before: Vec<String> = parts
        .iter()
        .flat_map(|p| p.split_whitespace())
        .map(syllable::fold)
        .collect();
    let k = before.len();
    let mut folded = before;
    folded.extend(line.split_whitespace().map(syllable::fold));
    if k == 0 {
        return enacting_at(&folded, 0).is_some();
    }
    cuts_at(&folded, k)
}

/// The title's end without OCR's stray signs after it (`NĂM 2025 ._`); a full stop printed
/// on the last word is kept (`… GIAO THÔNG VẬN TẢI.`).
fn trim_end(title: &str) -> String {
    let mut words: Vec<&str> = title.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| !w.chars().any(crate::charclass::is_alnum))
    {
        words.pop();
    }
    let t = words.join(" ");
    t.trim_end_matches([';', ',', ':', '_', '-', '—'])
        .to_string()
}

/// An upper-case title with OCR's small letters in a word (`ve TĂNG CƯỜNG`) as printed, in
/// capitals: only words of letters alone that are syllables (a code's `TTg` stays).
fn upper_words(title: &str) -> String {
    let words: Vec<String> = title
        .split_whitespace()
        .map(|w| {
            let small = w.chars().all(|c| c.is_alpha() && c.is_lower());
            if small && syllable::is_valid(w) {
                w.to_uppercase()
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ")
}

/// Words that count what follows them, so a figure after them is the title's own (`LẦN 2`,
/// `PHƯỜNG 3`, `NĂM 2025`), folded.
const COUNTERS: [&str; 24] = [
    "nam", "so", "lan", "dot", "ky", "khoa", "thu", "dieu", "khoan", "muc", "chuong", "phan",
    "nhom", "khu", "vuc", "quy", "cap", "loai", "tuan", "thang", "phuong", "quan", "to", "giai",
];

/// An upper-case title without two marks OCR leaves on a scan: an apostrophe between two
/// letters (`VỐN'ĐẦU TƯ`: a space), and one figure alone at the end after a word that counts
/// nothing (a page or margin mark: `… TỈNH BẮC NINH 3`).
fn without_scan_marks(title: &str) -> String {
    let cs: Vec<char> = title.chars().collect();
    let mut out = String::with_capacity(title.len());
    for (k, &c) in cs.iter().enumerate() {
        let apostrophe = matches!(c, '\'' | '’' | '‘');
        let between = k > 0 && cs[k - 1].is_alpha() && cs.get(k + 1).is_some_and(|n| n.is_alpha());
        out.push(if apostrophe && between { ' ' } else { c });
    }
    let joined = glued_signs(&out);
    let mut words: Vec<&str> = joined.split_whitespace().collect();
    let n = words.len();
    let stray = n >= 4
        && words[n - 1].len() == 1
        && words[n - 1].chars().all(|c| c.is_ascii_digit())
        && words[n - 2].chars().all(crate::charclass::is_alpha)
        && !COUNTERS.contains(&syllable::fold(words[n - 2]).as_str());
    if stray {
        words.pop();
    }
    words.join(" ")
}

/// The last line of an upper-case title without the specks a scan leaves after it, read as
/// small letters: words with small letters at the line's end that hold a sign no word has
/// (`… HỘ KINH DOANH Sẽ|`) or follow a lone sign (`… NGOÀI ~ oe`). A figure or code keeps
/// its small letters (`QĐ-TTg`).
fn without_trailing_specks(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    let small = |w: &str| {
        w.chars().any(crate::charclass::is_lower)
            && !w.chars().any(|c| c.is_ascii_digit() || c == '/')
    };
    let odd_sign = |w: &str| {
        w.chars()
            .any(|c| !c.is_alnum() && !matches!(c, '.' | ',' | ';' | ':' | '(' | ')' | '-'))
    };
    let lone_sign = |w: &str| !w.chars().any(crate::charclass::is_alnum);
    let mut end = words.len();
    while end > 1 && small(words[end - 1]) && words[end - 1].chars().count() <= 4 {
        end -= 1;
    }
    let run = &words[end..];
    let specks = !run.is_empty()
        && (run.iter().all(|w| odd_sign(w)) || (end > 1 && lone_sign(words[end - 1])));
    if specks {
        words[..end].join(" ")
    } else {
        line.to_string()
    }
}

/// A subject in small letters without the commas a scan glues between two words
/// (`chính,sách`: a space); a printed comma has a space after it.
fn comma_specks(t: &str) -> String {
    let cs: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    for (k, &c) in cs.iter().enumerate() {
        let glued = c == ','
            && k > 0
            && cs[k - 1].is_lower()
            && cs.get(k + 1).is_some_and(|n| n.is_lower());
        out.push(if glued { ' ' } else { c });
    }
    out
}

/// Whether `s` is one upper-case Vietnamese syllable (`CẤU`; a code's `QĐ` or `UBND` is not).
fn upper_syllable(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_alpha() && c.is_upper())
        && syllable::is_valid(&s.to_lowercase())
}

/// An upper-case title without the signs a rough scan glues between its words: a stop or a
/// single hyphen between two syllables (`CƠ CẤU-TỔ CHỨC`, `THUỘC.THẨM`: a space) and a stop
/// after a syllable inside the title (`BỔ. SUNG`: dropped). A name spelt with hyphens
/// (`MÊ-HI-CÔ`), codes (`QĐ-UBND`, `TP.HCM`) and a printed semicolon stay.
fn glued_signs(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        let last = k + 1 == words.len();
        let parts: Vec<&str> = w.split(['.', '-']).collect();
        let signs = w.chars().filter(|c| matches!(c, '.' | '-')).count();
        if parts.len() == 2 && signs == 1 && parts.iter().all(|p| upper_syllable(p)) {
            out.push(format!("{} {}", parts[0], parts[1]));
            continue;
        }
        let body = w.trim_end_matches('.');
        let next_upper = words
            .get(k + 1)
            .is_some_and(|n| n.chars().next().is_some_and(crate::charclass::is_upper));
        if !last && next_upper && body.len() + 1 == w.len() && upper_syllable(body) {
            out.push(body.to_string());
            continue;
        }
        out.push((*w).to_string());
    }
    out.join(" ")
}

/// Words that join a phrase and never open a name, which OCR may read with a capital whose
/// small form has the same shape (`và Của các sở`: `C`, `V`, `S`, `X`, `O`).
const JOINING: [&str; 9] = ["của", "các", "cho", "cùng", "với", "về", "vào", "so", "sau"];

/// A sentence-case title with a joining word inside it read in small letters (`… của tỉnh và
/// Của các sở` → `của`); the first word keeps its capital.
fn small_joining_words(title: &str) -> String {
    let words: Vec<String> = title
        .split_whitespace()
        .enumerate()
        .map(|(k, w)| {
            let lower = w.to_lowercase();
            let shaped = w.starts_with(['C', 'V', 'S', 'X', 'O']);
            if k > 0 && shaped && JOINING.contains(&lower.as_str()) {
                lower
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ")
}

/// The title after the type heading on line `ti` (`rest`: the heading line's words after the
/// type), and the first line after it.
pub(super) fn after_heading(lines: &[&str], ti: usize, rest: String) -> (Option<String>, usize) {
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
        let starts_body = BODY_OPENERS.iter().any(|w| l.starts_with(w));
        if starts_body || upper_title != is_upper_line(l) || enacting_line(&parts, l) {
            break;
        }
        parts.push(l.trim_start_matches(|c: char| !c.is_alnum()).to_string());
        i += 1;
    }
    if upper_title {
        if let Some(last) = parts.last_mut() {
            *last = without_trailing_specks(last);
        }
    }
    let mut title = clean(&parts.join(" "));
    if upper_title {
        title = without_scan_marks(&upper_words(&title));
    } else {
        title = small_joining_words(&title);
    }
    let mut title = trim_end(cut_enacting(&title));
    if let Some(next) = lines[i..].iter().take(3).find(|l| !l.trim().is_empty()) {
        title = split_enacting(title, next);
    }
    (Some(title).filter(|t| !t.is_empty()), i)
}

/// An upper-case title whose words OCR glued (`TỈNH GIALAI`) read from the same letters spaced
/// into syllables elsewhere in the text (`tỉnh Gia Lai`); other words stay.
pub(super) fn respaced(title: String, text: &str) -> String {
    if !is_upper_line(&title) {
        return title;
    }
    let mut changed = false;
    let words: Vec<String> = title
        .split_whitespace()
        .map(|w| {
            let core = w.trim_matches(|c: char| !c.is_alnum());
            let spaced = (core.chars().count() >= 4)
                .then(|| super::header::respaced(core, text))
                .flatten()
                .filter(|r| {
                    r.split_whitespace()
                        .all(|p| syllable::is_valid(&p.to_lowercase()))
                });
            match spaced {
                Some(r) => {
                    changed = true;
                    w.replacen(core, &r, 1)
                }
                None => w.to_string(),
            }
        })
        .collect();
    if changed {
        words.join(" ")
    } else {
        title
    }
}

/// The title without its last word when that word opens the enacting authority the next line
/// goes on with (`… TỈNH LẠNG SƠN CHỦ` / `TỊCH ỦY BAN NHÂN DÂN …`: a scan's line broke it).
fn split_enacting(title: String, next: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    let n = words.len();
    if n < 3 {
        return title;
    }
    let folded: Vec<String> = words
        .iter()
        .copied()
        .chain(next.split_whitespace())
        .map(syllable::fold)
        .collect();
    let crosses = enacting_at(&folded, n - 1).is_some_and(|len| len > 1);
    if crosses && cuts_at(&folded, n - 1) {
        trim_end(&words[..n - 1].join(" "))
    } else {
        title
    }
}

/// Whether a line opens on a công văn's `V/v`, also when OCR read its small `v` as a capital
/// before a subject in small letters (`V/V rà soát …`; a title in capitals keeps `V/V`).
pub(super) fn subject_marker(l: &str) -> bool {
    let l = l.trim_start();
    l.starts_with("V/v")
        || l.strip_prefix("V/V ").is_some_and(|rest| {
            rest.split_whitespace()
                .next()
                .is_some_and(|w| w.chars().next().is_some_and(crate::charclass::is_lower))
        })
}

/// A công văn's title: its `V/v …` line, wrapped lines joined; or, when the `V/v` was not
/// printed, a `Về …` line right under the number (`Về hướng dẫn …`). Returns the title and
/// the first line after the title line.
pub(super) fn công_văn(
    lines: &[&str],
    head_end: usize,
    number_line: &Regex,
    place_date: &Regex,
) -> Option<(Option<String>, usize)> {
    let head = &lines[..head_end];
    let vi = head.iter().position(|l| subject_marker(l)).or_else(|| {
        // The first line that holds text after the number line.
        let ni = head.iter().position(|l| number_line.is_match(l))?;
        let next = (ni + 1..head_end).find(|&k| !head[k].trim().is_empty())?;
        let l = head[next].trim_start();
        let words = l.split_whitespace().count();
        let subject = l.starts_with("Về ") || l.starts_with("Và ");
        (subject && words >= 3 && !place_date.is_match(l)).then_some(next)
    })?;
    let mut t = clean(lines[vi].trim_start());
    // No subject opens on `Và`: it is restoration's reading of OCR's `Vv` for `V/v`.
    if let Some(rest) = t.strip_prefix("Và ") {
        t = format!("V/v {rest}");
    }
    // `V/V` before a subject in small letters is OCR's reading of `V/v`.
    if let Some(rest) = t.strip_prefix("V/V ") {
        t = format!("V/v {rest}");
    }
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
            || place_date.is_match(l)
            || is_upper_line(l)
            || l.split_whitespace().count() > 10
            || l.ends_with(':')
        {
            break;
        }
        t.push(' ');
        t.push_str(&clean(l));
    }
    // OCR's signs after the subject (`V/v khai bổ sung :`) are no part of it.
    let t = trim_end(&comma_specks(&t));
    let title = (t.len() > "V/v".len()).then_some(t);
    Some((title, vi + 1))
}

#[cfg(test)]
#[path = "title_tests.rs"]
mod tests;
