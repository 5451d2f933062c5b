//! Accent folding, the key of accent-insensitive search: NFD, combining marks stripped,
//! `đ`/`Đ` to `d` (Unicode does not decompose them), lower case. Also the tokeniser that the
//! search and the index share, tone-placement normalisation for typed accents, and the key
//! that document numbers are compared by.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Folds one character into `out` (nothing for a lone combining mark).
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð') {
        out.push('d');
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// `Quyết Định` -> `quyet dinh`, `ĐƠN VỊ` -> `don vi`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Whether `c` is part of a token (letters, digits, combining marks), as FTS5's `unicode61`
/// tokeniser counts it.
pub fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The tokens of `s` with their byte ranges: maximal runs of token characters.
pub fn tokens(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(|c: char| !is_token_char(c))
        .filter(|t| !t.is_empty())
        .map(move |t| (t.as_ptr() as usize - s.as_ptr() as usize, t))
}

/// The folded tokens of `s`, space-joined: what the index and PostgreSQL's tsvector get.
pub fn folded_tokens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (_, t) in tokens(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in t.chars() {
            push_folded(c, &mut out);
        }
    }
    out
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The accented form a token is compared by when its diacritics narrow a search: lower case,
/// NFC, tone on the first vowel of a final `oa`/`oe`/`uy` (`hoá` = `hóa`, `thuỷ` = `thủy`);
/// `None` for a token without diacritics.
pub fn marked(token: &str) -> Option<String> {
    let lower = token.to_lowercase();
    if fold(&lower) == lower {
        return None;
    }
    let mut d: Vec<char> = lower.nfd().collect();
    let n = d.len();
    // ...v1 v2 TONE at the end: move TONE after v1.
    if n >= 3 && TONES.contains(&d[n - 1]) {
        let (v1, v2) = (d[n - 3], d[n - 2]);
        let pair = matches!((v1, v2), ('o', 'a') | ('o', 'e') | ('u', 'y'));
        let qu = v1 == 'u' && n >= 4 && d[n - 4] == 'q';
        if pair && !qu {
            let tone = d.pop().unwrap_or('\u{301}');
            d.insert(n - 2, tone);
        }
    }
    Some(d.into_iter().nfc().collect())
}

/// Distinct accented tokens of the texts (see [`marked`]), space-joined: the `marked` column
/// that typed accents are checked against.
pub fn marked_tokens<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen = std::collections::BTreeSet::new();
    for t in texts {
        for (_, tok) in tokens(t) {
            if tok.is_ascii() {
                continue;
            }
            if let Some(m) = marked(tok) {
                seen.insert(m);
            }
        }
    }
    let mut out = String::new();
    for m in seen {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&m);
    }
    out
}

/// The key document numbers are compared by: no whitespace, folded (`QĐ` = `QD` = `qd`),
/// so `15/2025/QD-TTg` finds `15/2025/QĐ-TTg`.
pub fn number_key(number: &str) -> String {
    fold(&number.split_whitespace().collect::<String>())
}

/// The key authorities and types are compared by: folded, whitespace collapsed.
pub fn text_key(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_d() {
        assert_eq!(fold("Quyết Định ĐƠN VỊ"), "quyet dinh don vi");
        assert_eq!(fold("Chuyển đổi số"), "chuyen doi so");
        assert_eq!(fold("QĐ-TTg"), "qd-ttg");
    }

    #[test]
    fn tokens_split_like_unicode61() {
        let t: Vec<_> = tokens("Số: 15/2025/QĐ-TTg, ngày").collect();
        assert_eq!(
            t.iter().map(|x| x.1).collect::<Vec<_>>(),
            ["Số", "15", "2025", "QĐ", "TTg", "ngày"]
        );
        assert_eq!(t[1].0, "Số: ".len());
        assert_eq!(folded_tokens("Số: 15/2025/QĐ-TTg"), "so 15 2025 qd ttg");
    }

    #[test]
    fn marked_forms_normalise_tone_placement() {
        assert_eq!(marked("hoá").as_deref(), Some("hóa"));
        assert_eq!(marked("HÓA").as_deref(), Some("hóa"));
        assert_eq!(marked("thuỷ").as_deref(), Some("thủy"));
        assert_eq!(marked("quý").as_deref(), Some("quý"));
        assert_eq!(marked("toán").as_deref(), Some("toán"));
        assert_eq!(marked("quyết").as_deref(), Some("quyết"));
        assert_ne!(marked("quyết"), marked("quyệt"));
        assert_eq!(marked("UBND"), None);
        assert_eq!(marked("Đinh").as_deref(), Some("đinh"));
    }

    #[test]
    fn number_keys_fold_d_case_and_spaces() {
        assert_eq!(number_key("15/2025/QĐ-TTg"), number_key("15/2025/QD-TTG"));
        assert_eq!(number_key("15 / 2025 / QĐ-TTg"), "15/2025/qd-ttg");
    }
}
