//! A person's surname in a recipients item (`PCT Đặng Ngọc Minh`), which restoration reads
//! with little context and may give marks no surname has (`Đăng`, `Do`): after a person's
//! title, the first of a run of title-case name words is a surname, and the common surnames
//! are few, each one spelling of its letters.

use crate::charclass::CharClass;

use crate::syllable;

/// Common surnames, each the one reading of its folded letters as a surname (`Trương` is left
/// out: `Trường` opens names of schools after a title).
pub(super) const SURNAMES: [&str; 20] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lương",
];

/// Words a person's name follows in an item: titles as abbreviations (`PCT`, `PCN`), the
/// last word of a title (`Phó Thủ tướng`, `Bộ trưởng`, `Chủ tịch`), `đ/c`, `ông`, `bà`.
const BEFORE_NAME: [&str; 20] = [
    "PCT",
    "PCTr",
    "PCN",
    "CT",
    "TGĐ",
    "PTGĐ",
    "GĐ",
    "PGĐ",
    "BT",
    "TT",
    "PTT",
    "đ/c",
    "Đ/c",
    "ông",
    "bà",
    "Ông",
    "Bà",
    "tướng",
    "trưởng",
    "tịch",
];

/// The item's words with the surname of a named person spelt as the surname its letters fold
/// to: after a title word, the first of three or four title-case syllables.
pub(super) fn fixed(words: &mut [String]) {
    for k in 1..words.len() {
        if !BEFORE_NAME.contains(&words[k - 1].as_str()) {
            continue;
        }
        let run = words[k..]
            .iter()
            .take(4)
            .take_while(|w| {
                let core = w.trim_end_matches(|c: char| !c.is_alpha());
                syllable::is_title_case(core) && syllable::is_valid(&core.to_lowercase())
            })
            .count();
        if !(3..=4).contains(&run) {
            continue;
        }
        let folded = syllable::fold(&words[k]);
        if let Some(s) = SURNAMES.iter().find(|s| syllable::fold(s) == folded) {
            words[k] = (*s).to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    fn item(s: &str) -> String {
        let mut w: Vec<String> = s.split(' ').map(str::to_string).collect();
        fixed(&mut w);
        w.join(" ")
    }

    #[test]
    fn surname_after_a_title() {
        assert_eq!(
            item("PCT Đăng Văn Hải (để b/c)"),
            "PCT Đặng Văn Hải (để b/c)"
        );
        assert_eq!(
            item("Phó Thủ tướng Do Minh Tâm"),
            "Phó Thủ tướng Đỗ Minh Tâm"
        );
        // No title before it, or too few name words: as read.
        assert_eq!(item("Hội Do Thái Việt Nam"), "Hội Do Thái Việt Nam");
        assert_eq!(item("PCT Đăng Hải"), "PCT Đăng Hải");
    }
}
