//! The header's left column: the issuing authority and its parent, read from the upper-case
//! lines before the number, with the national motto cut off and OCR's slips in them mended
//! from the document's own text (the date line's place, the body's sentence-case name).

use crate::charclass::CharClass;

use std::sync::OnceLock;

use regex::Regex;

use super::document::{clean, is_upper_line};
use crate::syllable;

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

/// Level words that open a locality line (`TỈNH HÀ TĨNH` under `ỦY BAN NHÂN DÂN`).
const LOCALITY: [&str; 8] = [
    "tinh ",
    "thanh pho ",
    "huyen ",
    "quan ",
    "thi xa ",
    "xa ",
    "phuong ",
    "thi tran ",
];

/// Splits a one-line two-level header into (parent, authority).
pub(super) fn split_levels(line: &str) -> Option<(String, String)> {
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

/// Byte offset where the national (or Party) motto starts in a header line, or the line's
/// length. Matched on the folded line, so restoration slips (`CÔNG HÒA`) and OCR's signs
/// inside it (`CÔNG HỎA.XÃ`, `Độc, lập`, `Tự do` misread) do not hide it.
pub(super) fn motto_start(line: &str) -> usize {
    static MOTTO: OnceLock<Regex> = OnceLock::new();
    let motto = MOTTO.get_or_init(|| {
        Regex::new(r"cong ?hoa[ .,]*xa ?hoi|doc[ .,]*lap|dang cong san viet nam")
            .expect("motto pattern")
    });
    let folded = syllable::fold(line);
    match motto.find(&folded) {
        // Folding keeps one char per char (not one byte: `—` stays three), so the match's
        // char index carries over to the line.
        Some(m) => {
            let i = folded[..m.start()].chars().count();
            line.char_indices().nth(i).map_or(line.len(), |(b, _)| b)
        }
        None => line.len(),
    }
}

/// The header part of a line, before the motto, without OCR's stray signs (`PHÚ | THỌ —`).
pub(super) fn left_column(line: &str) -> String {
    let left = capitals_parted(&line[..motto_start(line)]);
    let mut words: Vec<&str> = left
        .split_whitespace()
        .filter(|w| w.chars().any(crate::charclass::is_alnum))
        .collect();
    while words.len() >= 3 && scan_junk_after_capitals(&words) {
        words.pop();
    }
    clean(words.join(" ").trim_matches(|c: char| !c.is_alnum()))
}

/// Whether the last word of a header line in capitals is scan junk (`BỘ Y TẾ do`, `SỞ TƯ PHÁP
/// ee`): short, in small letters, one of them a letter whose capital has another shape (a
/// capital OCR read small, `vụ` for `VỤ`, has the same shape), after two words in capitals.
fn scan_junk_after_capitals(words: &[&str]) -> bool {
    let n = words.len();
    let last = words[n - 1];
    let capitals = words[..n - 1].iter().rev().take(2).all(|w| {
        w.chars().any(crate::charclass::is_alpha) && !w.chars().any(crate::charclass::is_lower)
    });
    let same_shape = |c: char| "cosuvwxz".contains(syllable::fold(&c.to_string()).as_str());
    capitals
        && last.chars().count() <= 3
        && last.chars().all(|c| c.is_alpha() && c.is_lower())
        && !last.chars().all(same_shape)
}

/// A dot OCR put between two capitals of a header (`CHÍNH.PHỦ`) as the space it stands for;
/// a dot after an abbreviation (`TP. HỒ CHÍ MINH`) is followed by a space and stays.
fn capitals_parted(left: &str) -> String {
    let cs: Vec<char> = left.chars().collect();
    cs.iter()
        .enumerate()
        .map(|(k, &c)| {
            let between =
                k > 0 && cs[k - 1].is_upper() && cs.get(k + 1).is_some_and(|n| n.is_upper());
            if c == '.' && between {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Adds a header line to the authorities: a locality line continues a short body above it
/// (`ỦY BAN NHÂN DÂN` / `TỈNH HÀ TĨNH`), any other line is a body of its own.
pub(super) fn push_line(authorities: &mut Vec<String>, left: String) {
    let folded = syllable::fold(&left);
    let locality = LOCALITY.iter().any(|w| folded.starts_with(w));
    // One word alone is no body: the end of the line above, wrapped (`… VÀ ĐÀO` / `TẠO`).
    let wrapped = !left.contains(' ') && !BODY_HEADS.contains(&folded.as_str());
    match authorities.last_mut() {
        Some(prev) if wrapped => {
            prev.push(' ');
            prev.push_str(&left);
        }
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

/// Whether `a` and `b` differ by one letter replaced, added or dropped.
fn one_slip(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            short
                .iter()
                .zip(long.iter())
                .filter(|(x, y)| x != y)
                .count()
                == 1
        }
        1 => (0..long.len()).any(|k| long[..k] == short[..k] && long[k + 1..] == short[k..]),
        _ => false,
    }
}

/// A word's letters in `case`'s case: the first letter as `case`'s first, the rest lower case,
/// or all upper case when `case` is.
fn cased_like(word: &str, case: &str) -> String {
    if is_upper_line(case)
        || case.chars().count() == 1 && case.chars().all(crate::charclass::is_upper)
    {
        return word.to_uppercase();
    }
    let mut cs = word.chars();
    let upper = case.chars().next().is_some_and(crate::charclass::is_upper);
    let first: String = match cs.next() {
        Some(c) if upper => c.to_uppercase().collect(),
        Some(c) => c.to_lowercase().collect(),
        None => String::new(),
    };
    first + &cs.as_str().to_lowercase()
}

/// The date line's place and the last words of a header line name the same locality: where
/// one word differs from its twin by one OCR letter slip (`PHÚ THQ` / `Phú Thọ`, `Nhgon Bình`
/// / `NHƠN BÌNH`), the one that is a Vietnamese syllable is the reading of both. Returns the
/// mended (header, place), or `None` when nothing is mended.
pub(super) fn mend_place(header: &str, place: &str) -> Option<(String, String)> {
    let pw: Vec<&str> = place.split_whitespace().collect();
    let mut hw: Vec<String> = header.split_whitespace().map(str::to_string).collect();
    let start = hw.len().checked_sub(pw.len())?;
    let mut new_place: Vec<String> = pw.iter().map(|w| w.to_string()).collect();
    let mut mended = false;
    for (j, p) in pw.iter().enumerate() {
        let h = &hw[start + j];
        let (fh, fp) = (syllable::fold(h), syllable::fold(p));
        if fh == fp {
            continue;
        }
        let (vh, vp) = (
            syllable::is_valid(&h.to_lowercase()),
            syllable::is_valid(&p.to_lowercase()),
        );
        if fh.chars().count() < 2 || fp.chars().count() < 2 || !one_slip(&fh, &fp) || vh == vp {
            return None;
        }
        if vh {
            new_place[j] = cased_like(h, p);
        } else {
            hw[start + j] = cased_like(p, h);
        }
        mended = true;
    }
    mended.then(|| (hw.join(" "), new_place.join(" ")))
}

/// The last words of a header line that spell `place`'s letters (diacritics and case aside),
/// with the header's marks and the place's case (`Thành phố` stays so under `THÀNH PHỐ`), when
/// they differ from `place` only in their marks.
pub(super) fn header_place(header: &str, place: &str) -> Option<String> {
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
        .map(|(w, p)| cased_like(w, p))
        .collect();
    Some(cased.join(" ")).filter(|t| t != place)
}

/// A header body whose words OCR glued (`SỞ KHOAHOC VACONG NGHỆ`, `BỘ YTE`) read from the same
/// letters spaced in the text (`Sở Khoa học và Công nghệ`), in capitals; `None` when every
/// word of the body is a syllable or code as printed, or the text spells it no other way.
pub(super) fn respaced(body: &str, text: &str) -> Option<String> {
    let glued = body.split_whitespace().any(|w| {
        w.chars().count() >= 3
            && w.chars().all(crate::charclass::is_alpha)
            && !syllable::is_valid(&w.to_lowercase())
            && syllable::fold(w).contains(|c: char| "aeiouy".contains(c))
    });
    if !glued {
        return None;
    }
    let key: String = syllable::fold(body)
        .chars()
        .filter(|c| c.is_alnum())
        .collect();
    let want = body.split_whitespace().count();
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alnum()))
        .collect();
    let mut folded = String::new();
    for i in 0..words.len() {
        let mut at = 0;
        let mut j = i;
        while j < words.len() && at < key.len() {
            syllable::fold_into(words[j], &mut folded);
            if folded.is_empty() || !key[at..].starts_with(folded.as_str()) {
                break;
            }
            at += folded.len();
            j += 1;
        }
        if at == key.len() && j - i > want {
            return Some(words[i..j].join(" ").to_uppercase());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dot_between_capitals_of_a_header() {
        assert_eq!(left_column("THỦ TƯỚNG CHÍNH.PHỦ"), "THỦ TƯỚNG CHÍNH PHỦ");
        assert_eq!(left_column("UBND TP. HỒ CHÍ MINH"), "UBND TP. HỒ CHÍ MINH");
    }

    /// The motto is found after OCR's wide signs (`—` is three bytes but one char) and with a
    /// comma or dot inside it.
    #[test]
    fn motto_after_wide_signs_and_inside_junk() {
        let l = "SỞ XÂY DỰNG | — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
        assert_eq!(left_column(l), "SỞ XÂY DỰNG");
        assert_eq!(left_column("BAN DÂN TỘC Độc, lập - Tự do"), "BAN DÂN TỘC");
        assert_eq!(
            left_column("ỦY BAN NHÂN DÂN CỘNG HÒA.XÃ HỘI"),
            "ỦY BAN NHÂN DÂN"
        );
        assert_eq!(left_column("BAN TÔN GIÁO Độc lập - Ty'do"), "BAN TÔN GIÁO");
        // Scan junk in small letters after the capitals goes; a capital read small stays.
        assert_eq!(left_column("BỘ NÔNG NGHIỆP ee"), "BỘ NÔNG NGHIỆP");
        assert_eq!(
            left_column("SỞ TÀI CHÍNH do CỘNG HÒA XÃ HỘI"),
            "SỞ TÀI CHÍNH"
        );
        assert_eq!(left_column("BỘ NỘI vụ"), "BỘ NỘI vụ");
    }

    /// One OCR slip in the header's locality or in the date line's place is mended from the
    /// other, whichever is the syllable; two readings that are both syllables stay.
    #[test]
    fn header_and_place_mend_each_other() {
        assert_eq!(
            mend_place("UBND TỈNH CAO BẰNQ", "Cao Bằng"),
            Some(("UBND TỈNH CAO BẰNG".to_string(), "Cao Bằng".to_string()))
        );
        assert_eq!(
            mend_place("ỦY BAN NHÂN DÂN XÃ TÂN HƯNG", "Tân Hkưng"),
            Some((
                "ỦY BAN NHÂN DÂN XÃ TÂN HƯNG".to_string(),
                "Tân Hưng".to_string()
            ))
        );
        assert_eq!(mend_place("UBND XÃ TÂN AN", "Tân An"), None);
        assert_eq!(mend_place("UBND XÃ TÂN AN", "Tân Ân"), None);
        assert_eq!(mend_place("UBND XÃ TÂN AN", "Tân Bình"), None);
    }

    /// Glued header words take the spacing of the same letters in the text; a body whose
    /// words are all syllables, or a text that never spaces them, gives nothing.
    #[test]
    fn glued_header_words_from_the_text() {
        let text = "Sở Giao thông vận tải báo cáo như sau.";
        assert_eq!(
            respaced("SỞ GIAOTHÔNG VẬNTẢI", text).as_deref(),
            Some("SỞ GIAO THÔNG VẬN TẢI")
        );
        assert_eq!(respaced("SỞ GIAO THÔNG VẬN TẢI", text), None);
        assert_eq!(respaced("SỞ TƯPHÁP", text), None);
    }

    #[test]
    fn a_word_wrapped_alone_onto_the_next_line() {
        let mut a = vec!["SỞ KHOA HỌC VÀ CÔNG".to_string()];
        push_line(&mut a, "NGHỆ".to_string());
        assert_eq!(a, vec!["SỞ KHOA HỌC VÀ CÔNG NGHỆ".to_string()]);
        // A line of two words or more is a body of its own.
        push_line(&mut a, "PHÒNG KẾ TOÁN".to_string());
        assert_eq!(a.len(), 2);
    }

    #[test]
    fn two_levels_on_one_line() {
        assert_eq!(
            split_levels("BỘ TÀI CHÍNH CỤC THUẾ"),
            Some(("BỘ TÀI CHÍNH".to_string(), "CỤC THUẾ".to_string()))
        );
        assert_eq!(split_levels("ỦY BAN NHÂN DÂN TỈNH AN GIANG"), None);
    }
}
