//! A cited number's type code as its type word says: `Hướng dẫn số 12/HD-BNV` is a guidance
//! (`HD`), `Hợp đồng số 12/HĐ-UBND` a contract (`HĐ`). Stripped and OCR'd text lose the `Đ`
//! that tells them apart, and the code list alone picks one spelling for both.

use crate::doc_types::doc_types;
use crate::normalize;
use crate::syllable;

/// The line with each number's type code spelled as the type word right before it (`số` may
/// stand between) gives it, where the two differ in `Đ` alone. `None` when nothing changes.
pub fn fix_line(line: &str) -> Option<String> {
    if !line.contains('/') || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let toks: Vec<&str> = normalize::tokens(line).collect();
    let mut out: Option<String> = None;
    let base = line.as_ptr() as usize;
    for (i, tok) in toks.iter().enumerate() {
        let Some((a, b)) = code_range(tok) else {
            continue;
        };
        let code = &tok[a..b];
        let Some(want) = cited_type_code(&toks[..i]) else {
            continue;
        };
        if want == code || !same_but_bars(want, code) {
            continue;
        }
        // Rewrites keep the line's tokens; `Đ` and `D` differ in bytes, so offsets shift.
        let o = out.get_or_insert_with(|| line.to_string());
        let at = tok.as_ptr() as usize - base + a + o.len() - line.len();
        o.replace_range(at..at + code.len(), want);
    }
    out
}

/// Byte range of the type code in a number token: `12/HD-BNV`, `5/2025/HD-UBND` (the part
/// after the last `/` before `-`) or the Party style `36-HD/VPTW` (between `-` and `/`).
fn code_range(tok: &str) -> Option<(usize, usize)> {
    let tok = tok.trim_end_matches([',', ';', '.', ':', ')']);
    if !tok.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let dash = tok.find('-')?;
    let slash = tok.find('/')?;
    let (a, b) = if slash < dash {
        (tok[..dash].rfind('/')? + 1, dash)
    } else {
        (dash + 1, slash)
    };
    let code = &tok[a..b];
    let ok = (2..=5).contains(&code.chars().count())
        && code.chars().all(|c| c.is_uppercase() && c.is_alphabetic())
        && code.contains(['D', 'Đ']);
    ok.then_some((a, b))
}

/// The code of the document type whose words end `before` (after a trailing `số`).
fn cited_type_code(before: &[&str]) -> Option<&'static str> {
    let mut end = before.len();
    if end > 0 && before[end - 1].to_lowercase() == "số" {
        end -= 1;
    }
    doc_types()
        .iter()
        .filter(|(_, code)| !code.is_empty())
        .filter(|(name, _)| {
            let words: Vec<&str> = name.split(' ').collect();
            end >= words.len()
                && before[end - words.len()..end]
                    .iter()
                    .zip(&words)
                    .all(|(t, w)| same_word(t, w))
        })
        .max_by_key(|(name, _)| name.len())
        .map(|(_, code)| *code)
}

/// Whether token `t` is word `w` in any case and tone placement.
fn same_word(t: &str, w: &str) -> bool {
    let lower = |s: &str| -> String { s.chars().map(syllable::lower_char).collect() };
    syllable::placement_key(&lower(t)) == syllable::placement_key(&lower(w))
}

/// Whether two codes have the same letters once `Đ` is read `D`.
fn same_but_bars(a: &str, b: &str) -> bool {
    let fold = |s: &str| -> String { s.chars().map(|c| if c == 'Đ' { 'D' } else { c }).collect() };
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_word_decides_the_bar() {
        assert_eq!(
            fix_line("Thực hiện Hướng dẫn số 15/HĐ-SYT ngày 3/4/2024 và Hợp đồng 7/2023/HD-CTY.")
                .as_deref(),
            Some("Thực hiện Hướng dẫn số 15/HD-SYT ngày 3/4/2024 và Hợp đồng 7/2023/HĐ-CTY.")
        );
        assert_eq!(
            fix_line("theo Hướng dẫn số 21-HĐ/BTCTW;").as_deref(),
            Some("theo Hướng dẫn số 21-HD/BTCTW;")
        );
    }

    #[test]
    fn other_numbers_stand() {
        // No type word before, another type, or letters that differ beyond the bar.
        assert_eq!(fix_line("ký hiệu 15/HĐ-SYT ngày 3/4/2024"), None);
        assert_eq!(fix_line("Quyết định số 15/QĐ-UBND"), None);
        assert_eq!(fix_line("Chỉ thị số 15/CT-UBND"), None);
        assert_eq!(fix_line("Hướng dẫn số 15/HDLT-SYT"), None);
        assert_eq!(fix_line("Hướng dẫn chung"), None);
    }
}
