//! OCR'd pages keep the printed line breaks, so a name may wrap at the margin (`Trung tâm Bảo
//! tồn Di` / `sản Văn hóa thế giới …`, `Sở Văn hóa, … tỉnh Quảng` / `Nam`). Names are found on
//! a copy in which such a break is a space: one byte for one, so offsets are the text's.

use std::borrow::Cow;

/// Words a line needs to be read as wrapped at the margin, not ended (a heading, a table
/// cell, a list item are shorter).
const WRAPPED_WORDS: usize = 8;

/// Words of a line that only a text with paragraphs on one line has (a web page's); a printed
/// page's lines are shorter, a line of 20–25 words at most.
pub(super) const PARAGRAPH_WORDS: usize = 30;

/// The text with every wrapped line's break made a space when the text is a printed page's
/// (no line of `PARAGRAPH_WORDS` words): a line of `WRAPPED_WORDS` words or more, not in
/// capitals, ending on a letter or digit, before a line that opens with one. A text with
/// paragraph lines (a heading line then its paragraph) is left as it is.
pub(super) fn wraps_joined(text: &str) -> Cow<'_, str> {
    if paragraph_lines(text) {
        return Cow::Borrowed(text);
    }
    let mut out: Option<Vec<u8>> = None;
    let mut line_start = 0;
    for (i, _) in text.match_indices('\n') {
        let line = &text[line_start..i];
        line_start = i + 1;
        if wrapped(line, &text[i + 1..]) {
            out.get_or_insert_with(|| text.as_bytes().to_vec())[i] = b' ';
        }
    }
    // A newline byte replaced by a space byte leaves the text valid UTF-8.
    match out.map(String::from_utf8) {
        Some(Ok(s)) => Cow::Owned(s),
        _ => Cow::Borrowed(text),
    }
}

/// Whether the text has its paragraphs on one line each (a web page's): a line of
/// `PARAGRAPH_WORDS` words or more. Its line ends are then no wraps.
pub(super) fn paragraph_lines(text: &str) -> bool {
    text.lines()
        .any(|l| l.split_whitespace().nth(PARAGRAPH_WORDS).is_some())
}

/// Whether `line` wraps at the margin into `next` (the text after its break): a line of
/// `WRAPPED_WORDS` words or more, not in capitals, ending on a letter or digit, before a line
/// that opens with one.
pub(super) fn wrapped(line: &str, next: &str) -> bool {
    line.chars()
        .next_back()
        .is_some_and(crate::charclass::is_alnum)
        && next.chars().next().is_some_and(crate::charclass::is_alnum)
        && line.chars().any(crate::charclass::is_lower)
        && line.split_whitespace().nth(WRAPPED_WORDS - 1).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::values;
    use super::*;

    #[test]
    fn paragraph_lines_are_not_joined() {
        let long = "và ".repeat(PARAGRAPH_WORDS);
        let t = format!("Điều 3. Các hình thức làm việc của Ban Chỉ đạo\nBan Chỉ đạo họp {long}\n");
        assert!(matches!(wraps_joined(&t), Cow::Borrowed(_)));
    }

    #[test]
    fn a_paragraph_lines_end_ends_a_name() {
        // A web page's text: the article heading's last word is no name's start.
        let long = "và ".repeat(PARAGRAPH_WORDS);
        let t = format!(
            "Điều 9. Cơ cấu tổ chức của Quỹ\nCơ cấu tổ chức của Quỹ thực hiện theo quy định \
             {long}\nĐiều 10. Trách nhiệm của Sở Tài chính\nPhối hợp với Sở Nội vụ {long}\n\
             Thay thế Quyết định của Ủy ban nhân dân thành\nphố Cần Thơ về việc ban hành.\n"
        );
        assert_eq!(
            values(&t),
            vec![
                "Sở Tài chính",
                "Sở Nội vụ",
                "Ủy ban nhân dân thành phố Cần Thơ"
            ]
        );
    }

    #[test]
    fn names_wrapped_at_the_margin() {
        let t = "Các đơn vị phối hợp chặt chẽ với Trung tâm Bảo tồn Di\nsản Văn hóa Mỹ Sơn \
                 trong việc này.\nPhòng Tổ chức\nPhòng Kế toán\n";
        assert_eq!(wraps_joined(t).len(), t.len());
        assert_eq!(
            values(t),
            vec![
                "Trung tâm Bảo tồn Di sản Văn hóa Mỹ Sơn",
                "Phòng Tổ chức",
                "Phòng Kế toán"
            ]
        );
    }
}
