//! The head words that open a unit's name: level bodies up to their level word (`UBND tỉnh`,
//! `Viện kiểm sát nhân dân huyện`, `Đảng bộ tỉnh`) and unit heads before a capitalised name
//! (`Sở Nội vụ`, `Hạt Kiểm lâm …`, `Nhà xuất bản …`).

use super::abbreviated::level_bodies;
use super::extend::{abbreviation, capitalised, name_syllable, word};

/// A level body up to its level word (`UBND tỉnh`, `Hội đồng nhân dân thành phố`, `VP UBND
/// TP`, an abbreviated body of `level_bodies.txt`: `BCHQS tỉnh`); the place after it is
/// `place_after`'s.
pub(super) fn level_pattern() -> String {
    format!(
        r"(?:(?:Văn\s+phòng|VP)\s+)?(?:UBND|HĐND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân|Thuế|Thi\s+hành\s+án\s+dân\s+sự|Công\s+an|Thanh\s+tra|Kho\s+bạc\s+Nhà\s+nước|Bảo\s+hiểm\s+xã\s+hội|Bộ\s+Chỉ\s+huy\s+Quân\s+sự|Bộ\s+Chỉ\s+huy\s+Bộ\s+đội\s+Biên\s+phòng|Tòa\s+án\s+nhân\s+dân|Toà\s+án\s+nhân\s+dân|Viện\s+[Kk]iểm\s+sát\s+nhân\s+dân|Đảng\s+bộ|Bưu\s+điện|Thư\s+viện|Bảo\s+tàng|Liên\s+đoàn\s+[Ll]ao\s+động|{})\s+(?:(?i:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)|TP)",
        level_bodies()
    )
}

/// The unit head words of `GENERIC` (shared with `GENERIC_HEADS`, which finds where one may
/// open).
macro_rules! generic_heads {
    () => {
        r"Sở|Bộ|Phòng|Ban|Trung\s+tâm|Chi\s+cục|Chi\s+nhánh|Cục|Vụ|Viện|Thanh\s+tra|Tổng\s+cục|Văn\s+phòng|Hội|Hiệp\s+hội|Liên\s+minh|Liên\s+đoàn|Ủy\s+ban|Uỷ\s+ban|UB|Cty|CTy|TT|Hội\s+đồng|Đoàn|Tập\s+đoàn|Tổng\s+[Cc]ông\s+[Tt]y|Công\s+[Tt]y|Trường|Đại\s+học|Học\s+[Vv]iện|Bảo\s+tàng|Bệnh\s+viện|Thư\s+viện|Báo|Đài|Ngân\s+hàng|Quỹ|Hạt|Trạm|Đồn|Đội|Hợp\s+tác\s+xã|Nhà\s+xuất\s+bản|Tạp\s+chí|Cảng\s+vụ|Vườn\s+quốc\s+gia|Câu\s+lạc\s+bộ"
    };
}

/// A unit head word and its capitalised name or abbreviation (`Sở Nội vụ`, `Phòng Hành chính -
/// Tổng hợp`, `Sở KH&CN`, `Tập đoàn Bưu chính …`, `Trường Đại học …`); a portal is one only as
/// the e-portal of a body (`Cổng Thông tin điện tử`, `Cổng TTĐT`), which takes its owner after.
pub(super) const GENERIC: &str = concat!(
    r"(?:Cổng\s+(?:[Tt]hông\s+tin\s+điện\s+tử|TTĐT)|(?:",
    generic_heads!(),
    r")\s+(?:[A-ZĐ\p{Lu}][A-ZĐ\p{Lu}0-9&]+|[A-ZĐ\p{Lu}]\p{Ll}*(?:\s+\p{Ll}+)?)(?:\s+(?:và|-|–)\s+(?:[A-ZĐ\p{Lu}][A-ZĐ\p{Lu}0-9&]+|[A-ZĐ\p{Lu}]\p{Ll}*(?:\s+\p{Ll}+)?))*)"
);

/// Where a generic name may open: `Cổng` or a unit head word, then a space (`GENERIC`'s
/// alternatives up to their first `\s+` after the head).
pub(super) const GENERIC_HEADS: &str = concat!(r"(?:Cổng|", generic_heads!(), r")\s");

/// The kinds of school written after `Trường` (longest first where one begins another): the
/// school's name goes on after the kind, whatever its first word's case.
const SCHOOL_KINDS: [&str; 17] = [
    "Tiểu học và Trung học cơ sở",
    "Trung học phổ thông",
    "Trung học cơ sở",
    "Phổ thông Dân tộc nội trú",
    "Phổ thông Dân tộc bán trú",
    "Phổ thông dân tộc nội trú",
    "Phổ thông dân tộc bán trú",
    "Tiểu học",
    "Mầm non",
    "Cao đẳng",
    "Trung cấp",
    "Đại học",
    "THPT",
    "THCS",
    "PTDTNT",
    "PTDTBT",
    "TH",
];

/// Words that open a school's name after `Trường` besides the kinds above (`Trường Chính trị
/// tỉnh`, `Trường Sĩ quan Lục quân 1`).
const SCHOOL_WORDS: [&str; 16] = [
    "Bồi dưỡng",
    "Cán bộ",
    "Chính trị",
    "Chuyên",
    "Công nhân",
    "Dạy nghề",
    "Dự bị",
    "Đào tạo",
    "Giáo dưỡng",
    "Hữu nghị",
    "Kỹ thuật",
    "Năng khiếu",
    "Nghiệp vụ",
    "Phổ thông",
    "Quân sự",
    "Sĩ quan",
];

/// Whether `rest`, the text after `Trường `, opens a school's name: a kind of school, a word
/// of the list above or an abbreviation (`ĐHCN`). Otherwise the capitalised words after
/// `Trường` are a place (`xã Trường Long Tây`, `quần đảo Trường Sa`, `Trường Sơn`).
pub(super) fn opens_school(rest: &str) -> bool {
    let starts = |k: &&str| {
        rest.get(..k.len()).is_some_and(|x| {
            x.chars()
                .flat_map(char::to_lowercase)
                .eq(k.chars().flat_map(char::to_lowercase))
        }) && !rest[k.len()..].starts_with(crate::charclass::is_alnum)
    };
    SCHOOL_KINDS.iter().any(&starts)
        || SCHOOL_WORDS.iter().any(&starts)
        || (abbreviation(word(rest)) && !matches!(word(rest), "UBND" | "HĐND" | "MTTQ"))
}

/// Whether `rest`, the text after `Đài `, opens a station's name: broadcasting, weather,
/// communications (`Đài Truyền hình`, `Đài Tiếng nói`, `Đài Khí tượng`, `Đài Thông tin`) or an
/// abbreviation (`Đài PT-TH`). Otherwise `Đài` begins a place (`Đài Loan`, `Đài Bắc`).
pub(super) fn opens_station(rest: &str) -> bool {
    let w = word(rest);
    let lower = w.to_lowercase();
    matches!(
        lower.as_str(),
        "truyền" | "tiếng" | "khí" | "thông" | "phát" | "viễn" | "quan" | "kiểm" | "trung"
    ) || abbreviation(w)
}

/// The levels a school teaches, as a kind of school names them.
const SCHOOL_LEVELS: [&str; 7] = [
    "Tiểu học",
    "Trung học cơ sở",
    "Trung học phổ thông",
    "Mầm non",
    "THCS",
    "THPT",
    "TH",
];

/// The byte length of a kind of school built of parts (`Phổ thông Dân tộc nội trú liên cấp
/// Tiểu học và Trung học cơ sở`, `Phổ thông nội trú liên cấp THCS và THPT`): the boarding
/// words and `liên cấp`, then the levels joined by `và` or a comma; at least `liên cấp` or two
/// levels, so a single kind stays the list's. Case is ignored but for the first letter.
fn composite_kind(r: &str) -> Option<usize> {
    let eq = |a: &str, b: &str| {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    };
    // The length of `w` at the start of `x` (any case), whole words only.
    let take = |x: &str, w: &str| {
        x.get(..w.len())
            .filter(|p| eq(p, w) && !x[w.len()..].starts_with(crate::charclass::is_alnum))
            .map(|_| w.len())
    };
    let mut at = 0;
    let mut joined = false;
    for part in ["Phổ thông", "Dân tộc", "nội trú", "bán trú", "liên cấp"] {
        if let Some(n) = take(&r[at..], part) {
            at += n;
            joined |= part == "liên cấp";
            match r[at..].strip_prefix(' ') {
                Some(_) => at += 1,
                None => return None,
            }
        }
    }
    let mut levels = 0;
    while let Some(n) = SCHOOL_LEVELS.iter().find_map(|l| take(&r[at..], l)) {
        at += n;
        levels += 1;
        match [" và ", ", "].iter().find(|j| r[at..].starts_with(**j)) {
            Some(j)
                if SCHOOL_LEVELS
                    .iter()
                    .any(|l| take(&r[at + j.len()..], l).is_some()) =>
            {
                at += j.len()
            }
            _ => break,
        }
    }
    (levels > 0 && (joined || levels > 1)).then_some(at)
}

/// The end of a school's name that starts at `s` (`Trường` + a kind of school) and that the
/// generic pattern ended at `e`: the kind, then up to eight name words (capitalised, an
/// abbreviation, a one-letter syllable as in `Y tế`, a lower-case second syllable after a
/// capitalised word, a number closing it: `Trường Cao đẳng Y tế Hà Tĩnh`, `Trường Trung học
/// phổ thông Phan Bội Châu`, `Trường THCS Nghi Lộc 2`); `e` when it is no school or no name
/// word follows the kind.
pub(super) fn school_end(text: &str, s: usize, e: usize) -> usize {
    let Some(r) = text[s..].strip_prefix("Trường ") else {
        return e;
    };
    let Some(kind) = composite_kind(r).or_else(|| {
        SCHOOL_KINDS
            .iter()
            .find(|k| r.strip_prefix(**k).is_some_and(|x| x.starts_with(' ')))
            .map(|k| k.len())
    }) else {
        return e;
    };
    let mut at = s + "Trường ".len() + kind;
    let (mut n, mut after_cap) = (0, false);
    while n < 8 {
        let Some(x) = text[at..].strip_prefix(' ') else {
            break;
        };
        let w = word(x);
        let one_letter = w.chars().count() == 1 && w.starts_with(crate::charclass::is_upper);
        let cap = capitalised(w) || abbreviation(w) || one_letter;
        let number = n > 0 && !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
        if !(cap || number || after_cap && name_syllable(w)) || w.is_empty() {
            break;
        }
        at += 1 + w.len();
        n += 1;
        after_cap = cap;
        if number {
            break;
        }
    }
    if n == 0 {
        return e;
    }
    at.max(e)
}

#[cfg(test)]
mod tests {
    use super::super::values;

    #[test]
    fn trường_before_a_place_is_no_school() {
        // A place whose first word is `Trường`, and a misread `Trưởng` before a unit, are no
        // school; a kind of school, a school word or an abbreviation opens one.
        let v = values(
            "Sáp nhập xã Trường Long A và xã Trường Xuân thành xã Trường Long; tuyến đường \
             Trường Sơn qua tỉnh; Trường Ban Chỉ đạo ký. Trường Chính trị tỉnh Nghệ An và \
             Trường ĐHCN Hà Nội cùng dự.",
        );
        assert!(
            v.iter().all(|x| !x.starts_with("Trường Long")
                && !x.starts_with("Trường Sơn")
                && !x.starts_with("Trường Xuân")
                && !x.starts_with("Trường Ban")),
            "{v:?}"
        );
        assert!(v.iter().any(|x| x.starts_with("Trường Chính trị")), "{v:?}");
        assert!(v.iter().any(|x| x.starts_with("Trường ĐHCN")), "{v:?}");
    }

    #[test]
    fn the_assembly_takes_no_level() {
        // The deputies of a province are no body named `Quốc hội tỉnh …`; its delegation is.
        let v = values(
            "Các Ủy ban của Quốc hội, đại biểu Quốc hội tỉnh Cà Mau và Đoàn đại biểu Quốc hội \
             tỉnh Bạc Liêu giám sát; Đoàn Đại biểu Quốc hội Thành phố dự.",
        );
        assert!(
            v.contains(&"Đoàn Đại biểu Quốc hội Thành phố".to_string()),
            "{v:?}"
        );
        assert!(
            v.contains(&"Đoàn đại biểu Quốc hội tỉnh Bạc Liêu".to_string()),
            "{v:?}"
        );
        assert!(v.iter().all(|x| !x.starts_with("Quốc hội tỉnh")), "{v:?}");
    }

    #[test]
    fn level_bodies_of_courts_party_and_services() {
        // A procuracy, a party organisation, a post office, a library or a museum with its
        // level (and place) is one body, as a court or a People's Committee is.
        let v = values(
            "Viện kiểm sát nhân dân huyện Cẩm Xuyên phối hợp với Đảng bộ tỉnh Yên Bái; Bưu điện \
             thành phố Vinh, Thư viện tỉnh và Bảo tàng tỉnh Quảng Bình cùng tham gia.",
        );
        assert_eq!(
            v,
            vec![
                "Viện kiểm sát nhân dân huyện Cẩm Xuyên",
                "Đảng bộ tỉnh Yên Bái",
                "Bưu điện thành phố Vinh",
                "Thư viện tỉnh",
                "Bảo tàng tỉnh Quảng Bình"
            ]
        );
    }

    #[test]
    fn unit_heads_of_forestry_cooperatives_and_press() {
        // Forest rangers' units, stations, border posts, cooperatives, publishers, journals,
        // port authorities, national parks and clubs before a capitalised name.
        let v = values(
            "Hạt Kiểm lâm Con Cuông và Trạm Y tế xã Yên Hòa kiểm tra; Đồn Biên phòng Na Mèo, \
             Hợp tác xã Dịch vụ Đông Hưng; Nhà xuất bản Tư pháp; Tạp chí Tuyên giáo; Cảng vụ \
             Hàng hải Quy Nhơn; Vườn quốc gia Bạch Mã; Câu lạc bộ Doanh nhân trẻ.",
        );
        assert_eq!(
            v,
            vec![
                "Hạt Kiểm lâm Con Cuông",
                "Trạm Y tế xã Yên Hòa",
                "Đồn Biên phòng Na Mèo",
                "Hợp tác xã Dịch vụ Đông Hưng",
                "Nhà xuất bản Tư pháp",
                "Tạp chí Tuyên giáo",
                "Cảng vụ Hàng hải Quy Nhơn",
                "Vườn quốc gia Bạch Mã",
                "Câu lạc bộ Doanh nhân trẻ"
            ]
        );
        // Lower-case uses of the same words are no names.
        assert!(values("trạm biến áp, đội ngũ cán bộ và hợp tác xã kiểu mới.").is_empty());
        // An adverb after the name is the sentence's (`còn phối hợp`).
        assert_eq!(
            values("Trạm Y tế còn phối hợp với nhà trường."),
            vec!["Trạm Y tế"]
        );
    }

    #[test]
    fn school_names_after_their_kind() {
        // The kind of school, then the name to its end, whatever the kind's case.
        let v = values(
            "Trường Cao đẳng Y tế Thanh Hóa, Trường Trung học phổ thông Lê Lợi và Trường THCS \
             Hưng Dũng 2 tham gia; Trường Đại học Kinh tế Quốc dân tại Hà Nội chủ trì.",
        );
        assert_eq!(
            v,
            vec![
                "Trường Cao đẳng Y tế Thanh Hóa",
                "Trường Trung học phổ thông Lê Lợi",
                "Trường THCS Hưng Dũng 2",
                "Trường Đại học Kinh tế Quốc dân"
            ]
        );
    }

    #[test]
    fn front_and_youth_union_abbreviations() {
        // The Front's committee abbreviated with `Việt Nam` or `UB` and a level; a youth union
        // of a province or district.
        let v = values("- UBMTTQ Việt Nam tỉnh;\n- UB MTTQ huyện;\n- Tỉnh đoàn Hà Tĩnh;");
        assert_eq!(
            v,
            vec!["UBMTTQ Việt Nam tỉnh", "UB MTTQ huyện", "Tỉnh đoàn Hà Tĩnh"]
        );
    }
}
