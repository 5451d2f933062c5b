//! Criteria of the scoring genre: a code the text names as a criterion (`tiêu chí 1.5`,
//! `tiêu chí thành phần 2.1, 2.2`) with the first `x/y điểm` of its sentence, and the rows of
//! a scoring table written one row a line (code, name, maximum, points obtained).

use std::sync::OnceLock;

use regex::Regex;
use serde_json::{json, Value};

use super::entities::{next_char, number_value};

struct Patterns {
    /// `tiêu chí` (OCR may misplace its marks: `tiéu chỉ`, or glue it to the word before)
    /// and an optional `thành phần`, then the code.
    criterion: Regex,
    /// The next code of a list after a criterion (`, 2.2 và 3.4`).
    criterion_more: Regex,
    /// A scoring-table row: code (after a stray OCR sign), name, maximum points, points
    /// obtained (OCR may read the rule between the two as a dash, and leave a speck after).
    table_row: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let build = crate::extract::built_in;
        Patterns {
            criterion: build(r"(?i:ti[eêéèẻẽẹếềểễệ]u\s+ch[iíìỉĩị])(?:\s+(?i:thành\s+phần))?\s+(\d{1,2}(?:\.\d{1,2}){1,3})"),
            criterion_more: build(r"^\s*(?:,|và|;)\s*(?:(?i:tiêu\s+chí)(?:\s+(?i:thành\s+phần))?\s+)?(\d{1,2}(?:\.\d{1,2}){1,3})"),
            table_row: build(r"(?m)^[ \t]*(?:['‘’“”*_|~][ \t]*)?(\d{1,2}(?:\.\d{1,2}){1,2})\.?[ \t]+\S[^\n]*?[ \t](\d{1,3}(?:[.,]\d{1,2})?)(?:[ \t]+|[ \t]*-[ \t]*)(\d{1,3}(?:[.,]\d{1,2})?)[ \t]*(?:[-–—|_~.,;:][ \t]*)?$"),
        }
    })
}

/// A score found in the text: byte range, value and maximum.
pub type Score = (usize, usize, Value, Value);

/// The criteria of `text`, given its scores: byte range, value `{code, score, max}` and
/// confidence.
pub fn find(text: &str, scores: &[Score]) -> Vec<(usize, usize, Value, f32)> {
    let p = patterns();
    let mut out = Vec::new();
    let mut crits: Vec<(usize, usize, String)> = p
        .criterion
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let code = c.get(1)?;
            // `tiêu chí 1.5.` at a sentence end is fine; `1.5.2x` is not a code.
            if next_char(text, m.end()).is_some_and(|ch| ch.is_ascii_digit()) {
                return None;
            }
            Some((m.start(), m.end(), code.as_str().to_string()))
        })
        .collect();
    // A list goes on: `tiêu chí thành phần 2.1, 2.2 và 3.4` names three criteria.
    let mut more = Vec::new();
    for &(_, e, _) in &crits {
        let mut at = e;
        while let Some(c) = p.criterion_more.captures(&text[at..]) {
            let (Some(m), Some(code)) = (c.get(0), c.get(1)) else {
                break;
            };
            if next_char(text, at + m.end()).is_some_and(|ch| ch.is_ascii_digit()) {
                break;
            }
            more.push((at + code.start(), at + m.end(), code.as_str().to_string()));
            at += m.end();
        }
    }
    crits.extend(more);
    // One criterion per code occurrence: a list item that is itself `tiêu chí 3.4` is found
    // by both patterns, with the same end; the wider match is kept.
    crits.sort_by_key(|c| (c.1, c.0));
    crits.dedup_by_key(|c| c.1);
    crits.sort();
    crits.dedup_by_key(|c| c.0);
    for (i, (s, e, code)) in crits.iter().enumerate() {
        let limit = crits.get(i + 1).map_or(text.len(), |n| n.0).min(e + 600);
        // The score of the same sentence: the first `x/y điểm` before the sentence ends.
        let sentence_end = sentence_end(text, *e, limit);
        let sc = scores
            .iter()
            .find(|(ss, _, _, _)| *ss >= *e && *ss < sentence_end);
        let (score, max) = sc.map_or((Value::Null, Value::Null), |(_, _, v, m)| {
            (v.clone(), m.clone())
        });
        let confidence = if sc.is_some() { 0.9 } else { 0.8 };
        out.push((
            *s,
            *e,
            json!({"code": code, "score": score, "max": max}),
            confidence,
        ));
    }
    // Scoring-table rows: the code's maximum and obtained points are the row's last cells.
    for c in p.table_row.captures_iter(text) {
        let (Some(code), Some(mx), Some(sc)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        if crits.iter().any(|k| k.0 == code.start()) {
            continue;
        }
        out.push((
            code.start(),
            c.get(0).map_or(code.end(), |m| m.end()),
            json!({
                "code": code.as_str(),
                "score": number_value(sc.as_str()),
                "max": number_value(mx.as_str()),
            }),
            0.8,
        ));
    }
    out
}

/// End of the sentence that starts before `from`: a `.`, `;` or `!` followed by whitespace, or
/// a blank line; `limit` at most.
fn sentence_end(text: &str, from: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < limit {
        let b = bytes[i];
        if matches!(b, b'.' | b';' | b'!')
            && (i + 1 >= bytes.len() || bytes[i + 1].is_ascii_whitespace())
        {
            // A decimal point between digits is not a sentence end.
            return i;
        }
        if b == b'\n' && text[i + 1..].starts_with('\n') {
            return i;
        }
        i += 1;
    }
    limit
}

#[cfg(test)]
mod tests {
    use crate::extract::entities::tests::values;
    use serde_json::json;

    /// `tiêu chí` with OCR's marks or glued to the word before, and a table row after a stray
    /// sign, are criteria.
    #[test]
    fn criteria_through_ocr_slips() {
        assert_eq!(
            values(
                "Riêng v6itiéu chỉ thành phần 4.2.1 (0,5/1 điểm) còn thiếu.",
                "criterion"
            ),
            vec![json!({"code": "4.2.1", "score": 0.5, "max": 1})]
        );
        assert_eq!(
            values(
                "STT Tiêu chí Điểm tối đa Điểm đạt\n‘ 2.3 Kiểm tra công vụ 1,5 1\n",
                "criterion"
            ),
            vec![json!({"code": "2.3", "score": 1, "max": 1.5})]
        );
        // The rule between the last two cells read as a dash, a speck after the row.
        assert_eq!(
            values(
                "2.4 Tự kiểm tra định kỳ 2-1,5 -
",
                "criterion"
            ),
            vec![json!({"code": "2.4", "score": 1.5, "max": 2})]
        );
    }

    /// OCR's space after a decimal comma (`91, 25%`, `77, 50/100 điểm`) is read as one number.
    #[test]
    fn decimal_comma_with_a_space() {
        assert_eq!(
            values("đạt 91, 25% kế hoạch", "percentage"),
            vec![json!(91.25)]
        );
        assert_eq!(
            values("tổng điểm 77, 50/100 điểm.", "score"),
            vec![json!({"value": 77.5, "max": 100})]
        );
        assert_eq!(
            values("tăng 8,5% và 12%", "percentage"),
            vec![json!(8.5), json!(12)]
        );
    }
}
