//! Unit names written in lower case after their head word (`Vụ pháp chế`, `Trung tâm truyền
//! thông dữ liệu và công nghệ số`, `Ban quản lý Khu …`): the head word and listed unit words.

use super::*;

/// A capitalised head word and a lower-case word after it: a candidate that `lower_name`
/// keeps only when listed unit words (or a committee's kind) follow the head.
pub(super) const LOWER: &str = r"(?:Vụ|Cục|Chi\s+cục|Ban|Phòng|Sở|Viện|Trung\s+tâm)\s+\p{Ll}+";

/// The kinds of committee whose second word is lower case (`Ban quản lý`, `Ban chỉ đạo`):
/// the name goes on after them, or `bare_kind` drops it.
const KINDS: [&str; 4] = ["chỉ đạo", "quản lý", "chỉ huy", "điều hành"];

/// The end of a lower-case unit name whose head word starts at `start` and whose match ends
/// at `end` (after the first lower-case word): the head, then listed unit words joined by
/// spaces or `và`, or a committee's kind; `None` when the word after the head is none of these.
pub(super) fn lower_name(text: &str, start: usize, end: usize) -> Option<usize> {
    let m = &text[start..end];
    let head_end = start + m.rfind(char::is_whitespace)?;
    let head_end = text[..head_end].trim_end().len();
    let r = text[head_end..].strip_prefix(' ')?;
    if m.starts_with("Ban ") {
        if let Some(k) = KINDS.iter().find(|k| {
            r.strip_prefix(**k)
                .is_some_and(|x| !x.starts_with(char::is_alphanumeric))
        }) {
            return Some(extend_unit_name(text, head_end + 1 + k.len()));
        }
    }
    let e = extend_unit_name(text, head_end);
    (e > head_end).then_some(e)
}

/// Whether a lower-case name is a kind of centre or board (`Trung tâm y tế`, `Ban quản lý
/// dự án`), which many places have, unlike a ministry's department (`Vụ pháp chế`).
pub(super) fn kind_in_lower_case(name: &str) -> bool {
    name.starts_with("Trung tâm") || name.starts_with("Ban ")
}

/// The end of a named steering committee's object written after it (`Ban Chỉ đạo Nhà nước`
/// then `các công trình, dự án trọng điểm ngành năng lượng`): `các` and a list of lower-case
/// words, four or more with a comma, closed by a bracket, the clause's end or `và` and a word
/// that no name takes (`và các cơ quan`); `end` otherwise.
pub(super) fn object_after(text: &str, start: usize, end: usize, limit: usize) -> usize {
    let name = &text[start..end];
    let named = name
        .strip_prefix("Ban Chỉ đạo ")
        .or_else(|| name.strip_prefix("Ban chỉ đạo "))
        .is_some_and(|r| capitalised(word(r)));
    let Some(r) = text[end..].strip_prefix(" các ") else {
        return end;
    };
    if !named {
        return end;
    }
    let mut at = text.len() - r.len();
    let (mut words, mut commas) = (0, 0);
    while words <= 20 {
        let r = &text[at..];
        match unit_word_at(r) {
            Some(n) => at += n,
            None if name_syllable(word(r)) => at += word(r).len(),
            None => return end,
        }
        words += 1;
        let r = &text[at..];
        if let Some(x) = r.strip_prefix(", ") {
            commas += 1;
            at = text.len() - x.len();
            continue;
        }
        let closed = r.is_empty()
            || r.starts_with([';', '.', '\n', ')', '”', '"'])
            || r.starts_with(" (")
            || r.strip_prefix(" và ")
                .is_some_and(|x| !name_syllable(word(x)));
        if closed {
            return if words >= 4 && commas >= 1 && at <= limit {
                at
            } else {
                end
            };
        }
        match r.strip_prefix(' ') {
            Some(x) => at = text.len() - x.len(),
            None => return end,
        }
    }
    end
}

/// The length of `, ` and a list of lower-case words closed by `và` and the clause's end,
/// when a function-named unit goes on with its other functions (`Cục Quản lý` + `, giám sát
/// giá, phí và lệ phí;`); `None` for the sentence's own words (`, các đơn vị`, `, có …`).
pub(super) fn lower_list(rest: &str) -> Option<usize> {
    let r = rest.strip_prefix(", ")?;
    let clause = &r[..r.find([';', '.', '\n', '(', ')']).unwrap_or(r.len())];
    let clause = clause.trim_end();
    if clause.len() == r.len() && !r.is_empty() && !r.ends_with(char::is_alphabetic) {
        return None;
    }
    let words: Vec<&str> = clause.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let ok = (3..=12).contains(&words.len())
        && words.contains(&"và")
        && words.last() != Some(&"và")
        && words.iter().all(|w| *w == "và" || name_syllable(w))
        && !clause.contains(",,");
    ok.then(|| ", ".len() + clause.len())
}

#[cfg(test)]
mod tests {
    use super::super::values;

    #[test]
    fn lower_case_unit_names() {
        // Listed unit words after a head word make a name, with its level; a verb after a
        // head word (`Sở vừa`) or a kind alone (`Ban quản lý`) makes none.
        let v = values(
            "Gửi Vụ pháp chế; Trung tâm dịch vụ việc làm tỉnh chủ trì; Sở vừa nhận; Ban quản lý \
             báo cáo; Ban quản lý Khu Kinh tế Vân Phong; các Trung tâm y tế, Ban quản lý dự án \
             và Trung tâm dữ liệu.",
        );
        assert_eq!(
            v,
            vec![
                "Vụ pháp chế",
                "Trung tâm dịch vụ việc làm tỉnh",
                "Ban quản lý Khu Kinh tế Vân Phong"
            ]
        );
        // A unit named by its functions goes on with their lower-case list to the clause's
        // end; a list that the sentence goes on after is the sentence's.
        let v = values(
            "Giao Cục Quản lý, giám sát giá, phí và lệ phí; Sở Y tế, cơ quan và đơn vị có liên \
             quan thực hiện.",
        );
        assert_eq!(
            v,
            vec!["Cục Quản lý, giám sát giá, phí và lệ phí", "Sở Y tế"]
        );
        // A named steering committee takes the list of what it steers.
        let v = values(
            "Ban Chỉ đạo Quốc gia các công trình, dự án trọng điểm ngành năng lượng (Ban Chỉ \
             đạo) và Ban chỉ đạo Nhà nước các dự án và các cơ quan.",
        );
        assert_eq!(
            v,
            vec![
                "Ban Chỉ đạo Quốc gia các công trình, dự án trọng điểm ngành năng lượng",
                "Ban chỉ đạo Nhà nước"
            ]
        );
    }
}
