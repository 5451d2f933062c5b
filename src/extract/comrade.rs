//! A person's title after `đ/c` (đồng chí, comrade) in a recipients item, where English OCR
//! damages it into a common word of the same letters.

use crate::charclass::CharClass;

/// `Các đ/c Thị trường`: after `đ/c` (đồng chí) comes a person's title, so a pair read as
/// `Th? tr?ờng` there (`Thì trưởng`, `Thể trường`: the market `thị trường` is no title) is a
/// deputy's `Thứ trưởng`; the head's `Thủ trưởng` stays.
pub(super) fn deputy_after_comrade(words: &mut [String]) {
    for k in 1..words.len().saturating_sub(1) {
        let comrade = matches!(words[k - 1].as_str(), "đ/c" | "Đ/c")
            || k >= 2 && matches!(words[k - 2].as_str(), "đồng" | "Đồng") && words[k - 1] == "chí";
        if !comrade {
            continue;
        }
        let first = crate::syllable::fold(&words[k].to_lowercase());
        let core = words[k + 1].trim_end_matches(|c: char| !c.is_alpha()).len();
        let second = crate::syllable::fold(&words[k + 1][..core].to_lowercase());
        let shaped = first.len() == 3 && first.starts_with("th") && second == "truong";
        if !shaped || matches!(words[k].as_str(), "Thủ" | "thủ") && !ministry_deputies(words, k)
        {
            continue;
        }
        let capital = words[k].starts_with('T');
        words[k] = if capital { "Thứ" } else { "thứ" }.to_string();
        let tail = words[k + 1][core..].to_string();
        words[k + 1] = format!("trưởng{tail}");
    }
}

/// `Các đ/c Thủ trưởng` ending the item or before its body (`Bộ Y tế`, a note in brackets):
/// the comrades a list names by a title alone are a ministry's deputies, `Thứ trưởng`; the
/// heads go with what they head (`Thủ trưởng các đơn vị`).
fn ministry_deputies(words: &[String], k: usize) -> bool {
    let plural = k >= 2 && matches!(words[k - 2].as_str(), "Các" | "các");
    let ends = !words[k + 1].ends_with(|c: char| c.is_alpha());
    let next_body = words
        .get(k + 2)
        .is_none_or(|n| n.starts_with(|c: char| c.is_upper() || c == '('));
    plural && (ends || next_body)
}

#[cfg(test)]
mod tests {
    use super::deputy_after_comrade;

    fn fixed(item: &str) -> String {
        let mut words: Vec<String> = item.split(' ').map(str::to_string).collect();
        deputy_after_comrade(&mut words);
        words.join(" ")
    }

    #[test]
    fn deputy_title_after_comrade() {
        assert_eq!(
            fixed("Các đ/c Thị trường Bộ Xây dựng"),
            "Các đ/c Thứ trưởng Bộ Xây dựng"
        );
        assert_eq!(fixed("Đ/c Thể trường (b/c);"), "Đ/c Thứ trưởng (b/c);");
        assert_eq!(
            fixed("Các đ/c Thủ trưởng các đơn vị"),
            "Các đ/c Thủ trưởng các đơn vị"
        );
        assert_eq!(fixed("Các đ/c Thủ trưởng"), "Các đ/c Thứ trưởng");
        assert_eq!(
            fixed("Các đ/c Thủ trưởng Bộ Tài chính (để biết)"),
            "Các đ/c Thứ trưởng Bộ Tài chính (để biết)"
        );
        assert_eq!(fixed("Đ/c Thủ trưởng đơn vị"), "Đ/c Thủ trưởng đơn vị");
        assert_eq!(
            fixed("Vụ Thị trường trong nước"),
            "Vụ Thị trường trong nước"
        );
    }
}
