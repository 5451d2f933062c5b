//! Names that list their parts (`Trung tâm Truyền thông, Dữ liệu và Công nghệ số`) and what
//! joins no name: a person's title after `và` (`Ban Chỉ đạo và Phó Trưởng Ban`), a kind of
//! body followed by the sentence's own words (`Ban Chỉ đạo phân công`).

use super::*;

/// Titles of persons: a part joined by `và` that opens with one is a person, not a name part
/// (`Trưởng Ban Chỉ đạo và Phó Trưởng Ban Chỉ đạo`).
const PERSON_TITLES: [&str; 20] = [
    "Phó",
    "Trưởng",
    "Chủ tịch",
    "Chủ nhiệm",
    "Giám đốc",
    "Tổng Giám đốc",
    "Bộ trưởng",
    "Thứ trưởng",
    "Thủ trưởng",
    "Thủ tướng",
    "Chánh",
    "Bí thư",
    "Tổng Bí thư",
    "Tổng Thư ký",
    "Thống đốc",
    "Viện trưởng",
    "Cục trưởng",
    "Vụ trưởng",
    "Hiệu trưởng",
    "Tư lệnh",
];

/// Whether `r` opens with a person's title (`Phó Trưởng Ban`, `Giám đốc Sở`).
pub(super) fn starts_title(r: &str) -> bool {
    PERSON_TITLES.iter().any(|t| {
        r.strip_prefix(t)
            .is_some_and(|x| !x.starts_with(crate::charclass::is_alnum))
    })
}

/// Whether `r` opens with a document type (`Quyết định số …`, `Nghị định`): a part joined by
/// `và` that does is the sentence's next object, not a part of the name before it.
pub(super) fn starts_doc_type(r: &str) -> bool {
    super::super::citations::doc_types().iter().any(|t| {
        r.strip_prefix(t.0)
            .is_some_and(|x| !x.starts_with(crate::charclass::is_alnum))
    })
}

/// The length of `, ` and the next part's first word when a name goes on as a list of
/// capitalised parts closed by `và` and a capitalised part in the same clause: `Truyền thông`
/// then `, Dữ liệu và Công nghệ số`, `Văn hóa` then `, Thể thao và Du lịch`; also `, ` and a
/// unit word of two syllables that ends the name (`Khám` then `, chữa bệnh;`). `None` when
/// `rest` (the text right after the name) is a list of bodies or places, or lower-case words.
pub(super) fn comma_part(rest: &str) -> Option<usize> {
    if let Some(n) = lower_list(rest) {
        return Some(n);
    }
    let r = rest.strip_prefix(", ")?;
    // `Khám` + `, chữa bệnh;`: a unit word of two syllables or more that ends the name.
    if let Some(n) = unit_word_at(r).filter(|&n| r[..n].contains(' ')) {
        if r[n..].is_empty() || r[n..].starts_with([';', '.', '\n', ')']) {
            return Some(", ".len() + n);
        }
    }
    let clause = &r[..r.find([';', '.', '\n', '(', ':', ')']).unwrap_or(r.len())];
    let i = clause.find(" và ")?;
    let (list, last) = (&clause[..i], &clause[i + " và ".len()..]);
    let part_ok = |p: &str| {
        let w = word(p);
        capitalised(w)
            && p.split(' ').count() <= 4
            && !starts_unit(p)
            && !starts_title(p)
            && !HEADS.contains(&w)
            && !LEVEL_HEADS.contains(&w)
            && !places().contains(p)
            && p.split(' ')
                .all(|x| capitalised(x) || abbreviation(x) || name_syllable(x))
    };
    let last_word = word(last);
    let last_ok = capitalised(last_word)
        && !starts_unit(last)
        && !starts_title(last)
        && !HEADS.contains(&last_word)
        && !LEVEL_HEADS.contains(&last_word);
    (last_ok && list.split(", ").all(part_ok)).then(|| ", ".len() + word(r).len())
}

/// Whether `name` is a kind of body (`Ban Chỉ đạo`) followed only by the sentence's lower-case
/// words (`phân công`, `bằng văn bản`, `mới`): no unit word or topic opening them, no level
/// nor `quốc gia` closing them, so no name of its own.
pub(super) fn kind_then_sentence(name: &str, kinds: &[&str]) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    kinds.iter().any(|kind| {
        let k = kind.split(' ').count();
        if words.len() <= k || words[..k].join(" ").to_lowercase() != *kind {
            return false;
        }
        let rest = words[k..].join(" ");
        let levels = [
            "tỉnh",
            "huyện",
            "quận",
            "xã",
            "phường",
            "thành",
            "thị",
            "khu",
            "cấp",
        ];
        // A topic (`về …`) or a unit word right after the kind (`Ban Quản lý dự án`) names it.
        words[k..]
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(crate::charclass::is_lower))
            && !words[k..].iter().any(|w| levels.contains(w))
            && words[k] != "về"
            && unit_word_at(&rest).is_none()
            // `Ban chỉ đạo phòng chống thiên tai quốc gia`: a topic closed by the nation.
            && !(words.len() > k + 2 && rest.ends_with(" quốc gia"))
    })
}

#[cfg(test)]
mod tests {
    use super::super::values;

    #[test]
    fn names_that_list_their_parts() {
        // A list of capitalised parts closed by `và` is one name; a list of units or places
        // is not; lower-case parts do not go on.
        let v = values(
            "Giao Trung tâm Điện ảnh, Âm nhạc và Mỹ thuật Thành phố chủ trì; Sở Y tế, Sở Tư pháp \
             và Ban Dân tộc phối hợp; Phòng Quản lý Nam Định, Thái Bình và Hà Nam báo cáo; Cục \
             Bảo vệ Trẻ, trẻ em;",
        );
        assert_eq!(
            v,
            vec![
                "Trung tâm Điện ảnh, Âm nhạc và Mỹ thuật Thành phố",
                "Sở Y tế",
                "Sở Tư pháp",
                "Ban Dân tộc",
                "Phòng Quản lý Nam Định",
                "Cục Bảo vệ Trẻ, trẻ em"
            ]
        );
    }

    #[test]
    fn syllables_after_a_head_or_code_and_documents_after_và() {
        // Two lower-case syllables go on a name that goes on after them (`bảo tồn Di tích`),
        // also after a code (`QL` + `xử lý VPHC`); `và` + a document type is the sentence's.
        let v = values(
            "Giao Trung tâm Quản lý bảo tồn Di tích Côn Sơn và Quyết định số 5/QĐ-UBND; Cục \
             Kiểm tra và QL xử lý VPHC phối hợp; Cục Kiểm tra văn bản và QL xử lý VPHC; Phòng \
             Tài chính - Kế hoạch.",
        );
        assert_eq!(
            v,
            vec![
                "Trung tâm Quản lý bảo tồn Di tích Côn Sơn",
                "Cục Kiểm tra và QL xử lý VPHC",
                "Cục Kiểm tra văn bản và QL xử lý VPHC",
                "Phòng Tài chính - Kế hoạch"
            ]
        );
    }

    #[test]
    fn kinds_followed_by_the_sentence() {
        // `Ban Chỉ đạo` + the sentence's words, or + `và` a person's title, is no name; with
        // a unit word after it (`dự án`) it is one.
        let v = values(
            "Việc được Ban Chỉ đạo đồng ý; gửi Ban Quản lý bằng thư; Trưởng Ban Điều hành và \
             Phó Trưởng Ban Điều hành ký; Ban Quản lý dự án họp.",
        );
        assert_eq!(v, vec!["Ban Quản lý dự án"]);
    }
}
