//! Scoring-genre layouts that the one-line patterns of `entities` miss: a scoring table with a
//! cell per line (web layout), and a ranking whose word OCR garbled (`xếp bene 05/34`).

use crate::charclass::CharClass;

use std::sync::OnceLock;

use regex::Regex;
use serde_json::{json, Value};

use super::entities::number_value;

struct Patterns {
    /// A row with a cell per line: the code and name (up to five lines), then the maximum
    /// alone on a line, then the points obtained when that cell is filled; a scan's OCR may
    /// leave blank lines between the cells and between the lines of a long name.
    cell_row: Regex,
    /// `xếp` / `đứng` + one word + `a/b`.
    ranking_word: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let build = crate::extract::built_in;
        Patterns {
            cell_row: build(
                r"(?m)^[ \t]*(\d{1,2}(?:\.\d{1,2}){1,2})\.?[ \t]*[^\d\s][^\n]*\n(?:(?:[ \t]*\n)*[ \t]*[^\d\s][^\n]*\n){0,4}(?:[ \t]*\n)*[ \t]*(\d{1,3}(?:[.,]\d{1,2})?)[ \t]*\n(?:(?:[ \t]*\n)*[ \t]*(\d{1,3}(?:[.,]\d{1,2})?)[ \t]*(?:\n|$))?",
            ),
            ranking_word: build(
                r"(?i:xếp|đứng)\s+([^\s\d]{2,8})\s+(\d{1,3})[ \t]*/[ \t]*(\d{1,3})\b",
            ),
        }
    })
}

/// Criteria of a scoring table written a cell per line (`1.1. Có đủ các chức danh …` / `4` /
/// `3,5`): byte range of the code and the value `{code, score, max}`. A table only when three
/// rows or more read so, since one numbered heading can be followed by a line holding a bare
/// figure (a page number); a maximum above 100 is no point cell.
pub fn cell_rows(text: &str) -> Vec<(usize, usize, Value)> {
    let rows: Vec<(usize, usize, Value)> = patterns()
        .cell_row
        .captures_iter(text)
        .filter_map(|c| {
            let code = c.get(1)?;
            let max = number_value(c.get(2)?.as_str())?;
            if max.as_f64().is_none_or(|v| v > 100.0) {
                return None;
            }
            let score = c.get(3).and_then(|m| number_value(m.as_str()));
            Some((
                code.start(),
                code.end(),
                json!({"code": code.as_str(), "score": score, "max": max}),
            ))
        })
        .collect();
    if rows.len() >= 3 {
        rows
    } else {
        Vec::new()
    }
}

/// Rankings whose word OCR garbled (`xếp bene 05/34`): `xếp` or `đứng`, one word that is no
/// Vietnamese syllable, then `a/b` with `0 < a ≤ b`. A real word there (`xếp loại 3/4`) is
/// another phrase.
pub fn junk_rankings(text: &str) -> Vec<(usize, usize, Value)> {
    patterns()
        .ranking_word
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let w: String = c[1]
                .chars()
                .filter(|c| c.is_alpha())
                .flat_map(char::to_lowercase)
                .collect();
            let (rank, of): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
            let ok = !w.is_empty() && !crate::syllable::is_valid(&w) && rank > 0 && rank <= of;
            ok.then(|| (m.start(), m.end(), json!({"rank": rank, "of": of})))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_with_a_cell_per_line() {
        let t = "TIÊU CHÍ\nĐiểm tối đa\n1.1. Phòng họp đủ chỗ ngồi.\n4\nẢnh chụp phòng họp.\n\
                 1.2. Sổ theo dõi công văn đến\nvà công văn đi.\n3\n2,5\nSổ ghi chép.\n2.1. Tủ hồ sơ.\n5\n";
        let v: Vec<Value> = cell_rows(t).into_iter().map(|r| r.2).collect();
        assert_eq!(
            v,
            vec![
                json!({"code": "1.1", "score": null, "max": 4}),
                json!({"code": "1.2", "score": 2.5, "max": 3}),
                json!({"code": "2.1", "score": null, "max": 5}),
            ]
        );
        // One numbered heading before a page number is no table.
        assert!(cell_rows("2.1. Mục tiêu chung\n7\nNâng cao chất lượng.").is_empty());
    }

    /// A scan's OCR leaves blank lines between the cells of a row.
    #[test]
    fn table_rows_with_blank_lines_between_cells() {
        let t = "1.1. Phòng họp đủ chỗ ngồi,\nbàn ghế.\n\n4\n\nẢnh chụp phòng họp.\n\n\
                 1.2. Sổ công văn.\n\n3\n\n2,5\n\nSổ ghi chép.\n\n2.1. Tủ hồ sơ.\n\nfs)\n\n\
                 2.2. Máy tính.\n\n5\n\nHóa đơn mua máy.\n\n2.3. Họp định kỳ hàng tháng;\n\nbáo cáo\nhàng quý.\n\n2\n";
        let v: Vec<Value> = cell_rows(t).into_iter().map(|r| r.2).collect();
        assert_eq!(
            v,
            vec![
                json!({"code": "1.1", "score": null, "max": 4}),
                json!({"code": "1.2", "score": 2.5, "max": 3}),
                json!({"code": "2.2", "score": null, "max": 5}),
                json!({"code": "2.3", "score": null, "max": 2}),
            ]
        );
    }

    #[test]
    fn rankings_with_a_garbled_word() {
        let v: Vec<Value> = junk_rankings("tỉnh đạt 80 điểm, xếp bcnc 07/63 cả nước; xếp loại 3/4")
            .into_iter()
            .map(|r| r.2)
            .collect();
        assert_eq!(v, vec![json!({"rank": 7, "of": 63})]);
    }
}
