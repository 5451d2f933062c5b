//! OCR damage to a document number's code that the number pattern cannot see: letters cut
//! off by a sign OCR put inside the code (`QĐ-TT¢g`), a figure read as `S` (`QH1S5`), and the
//! National Assembly's term after `QH` misread (`QHI15`, `QH45`), which the year fixes.

use crate::charclass::CharClass;

/// The end of a code that OCR broke after the number pattern's match at `end`, with what to
/// add to it: figures after an `S` read before a figure (`QH1S5`: `QH15`), or the small
/// letters after a sign inside the code (`QĐ-TT¢g`: `QĐ-TTg`).
pub(super) fn code_tail(text: &str, end: usize) -> Option<(usize, String)> {
    figures_after_s(text, end).or_else(|| letters_after_sign(text, end))
}

fn figures_after_s(text: &str, end: usize) -> Option<(usize, String)> {
    if !text[..end].ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits = text[end..].strip_prefix('S')?;
    let n = digits.len()
        - digits
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let after = digits[n..].chars().next();
    let closed = !after.is_some_and(|c| c.is_alnum() || c == '/' || c == '-');
    (n > 0 && closed).then(|| (end + 1 + n, digits[..n].to_string()))
}

/// Signs OCR reads inside a word from specks (`TT¢g`, `TT’g`).
const SPECKS: [char; 6] = ['¢', '’', '\'', '`', '°', '«'];

/// One speck right after a code in capitals, then one or two small letters that end the
/// word (`TTg`'s `g`): the letters are the code's.
fn letters_after_sign(text: &str, end: usize) -> Option<(usize, String)> {
    if !text[..end].ends_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let mut rest = text[end..].chars();
    let sign = rest.next().filter(|c| SPECKS.contains(c))?;
    let tail = &text[end + sign.len_utf8()..];
    let n = tail.len()
        - tail
            .trim_start_matches(|c: char| c.is_ascii_lowercase())
            .len();
    let closed = !tail[n..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alnum() || c == '/' || c == '-');
    ((1..=2).contains(&n) && closed).then(|| (end + sign.len_utf8() + n, tail[..n].to_string()))
}

/// The National Assembly's terms: (term, first year, last year). A term starts and ends in
/// the middle of a year, so a boundary year belongs to two.
const TERMS: [(u32, u32, u32); 6] = [
    (11, 2002, 2007),
    (12, 2007, 2011),
    (13, 2011, 2016),
    (14, 2016, 2021),
    (15, 2021, 2026),
    (16, 2026, 2031),
];

/// A canonical number whose `…QH` term OCR damaged (`56/2024/QHI15`, `80/2025/QH45`), with
/// the term of the number's year: the figures after `QH` hold a letter, or are two that name
/// a term outside the year's. A term printed short (`QH1`, `QH`) stays as printed. Where the
/// year belongs to two terms, the damaged term's last figure chooses.
pub(super) fn repaired_term(n: &str) -> Option<String> {
    let (head, code) = n.rsplit_once('/')?;
    let at = code.rfind("QH")?;
    let term = &code[at + 2..];
    let year: u32 = head.rsplit_once('/')?.1.parse().ok()?;
    let terms: Vec<u32> = TERMS
        .iter()
        .filter(|t| (t.1..=t.2).contains(&year))
        .map(|t| t.0)
        .collect();
    let digits_only = term.chars().all(|c| c.is_ascii_digit());
    let damaged = match term.parse::<u32>() {
        Ok(t) if digits_only && term.len() == 2 => !terms.contains(&t),
        _ => {
            term.chars().count() >= 2
                && !digits_only
                && term.chars().all(|c| c.is_ascii_alphanumeric())
        }
    };
    if !damaged || terms.is_empty() {
        return None;
    }
    let last = term.chars().next_back()?.to_digit(10);
    let pick = match terms.as_slice() {
        [t] => *t,
        _ => *terms.iter().find(|t| Some(*t % 10) == last)?,
    };
    Some(format!("{head}/{}QH{pick}", &code[..at]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_after_a_speck_inside_the_code() {
        let t = "Quyết định số 12/2019/QĐ-TT¢g ngày 5";
        let end = t.find('¢').unwrap();
        assert_eq!(
            code_tail(t, end),
            Some((end + '¢'.len_utf8() + 1, "g".into()))
        );
        // A speck before a word is no part of the code.
        let t = "số 12/QĐ-UBND’ngày 5";
        assert_eq!(code_tail(t, t.find('’').unwrap()), None);
        let t = "số 12/QĐ-UBND’ và";
        assert_eq!(code_tail(t, t.find('’').unwrap()), None);
    }

    #[test]
    fn a_figure_read_as_s() {
        let t = "Luật số 5/2023/QH1S5;";
        let end = t.find('S').unwrap();
        assert_eq!(code_tail(t, end), Some((end + 2, "5".into())));
    }

    #[test]
    fn a_damaged_term_is_the_year_s() {
        assert_eq!(
            repaired_term("12/2023/QHI15").as_deref(),
            Some("12/2023/QH15")
        );
        assert_eq!(repaired_term("7/2018/QH44").as_deref(), Some("7/2018/QH14"));
        assert_eq!(
            repaired_term("3/2024/UBTVQH1S").as_deref(),
            Some("3/2024/UBTVQH15")
        );
        // A boundary year: the damaged term's last figure chooses.
        assert_eq!(repaired_term("9/2016/QH43").as_deref(), Some("9/2016/QH13"));
        assert_eq!(repaired_term("9/2016/QH4I"), None);
        // Terms that fit the year, printed short, or no year: as printed.
        assert_eq!(repaired_term("12/2023/QH15"), None);
        assert_eq!(repaired_term("12/2024/QH1"), None);
        assert_eq!(repaired_term("12/2025/QH"), None);
        assert_eq!(repaired_term("12/QH14"), None);
        assert_eq!(repaired_term("12/2023/QĐ-UBND"), None);
    }
}
