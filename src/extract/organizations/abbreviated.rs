//! Bodies written with abbreviations: an abbreviated body before a level word (`UBMTTQVN
//! tỉnh`, `BCHQS tỉnh`, `VP UBND TP`), a company as `Cty` and a centre as `TT` (`TT Phục vụ
//! hành chính công tỉnh`), which `TT` for `Thường trực` (`TT Tỉnh ủy`, `TT HĐND`) is not.

use super::*;

/// The abbreviated bodies of `dictionaries/level_bodies.txt` as a regex alternation, longest
/// first, any whitespace inside an entry.
pub(super) fn level_bodies() -> String {
    let mut names: Vec<&str> = include_str!("../../../dictionaries/level_bodies.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
        .iter()
        .map(|n| {
            n.split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Surnames of `dictionaries/names.txt` (`surname` lines): `TT` + a surname is a person's
/// title and name (`TT Nguyễn …`, a deputy minister), not a centre.
fn surnames() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        include_str!("../../../dictionaries/names.txt")
            .lines()
            .filter_map(|l| l.strip_prefix("surname\t"))
            .map(str::trim)
            .collect()
    })
}

/// Whether a generic match that opens with `TT` is a centre (`Trung tâm`): its next word is a
/// capitalised name word, not a level or Party committee (`TT Tỉnh ủy`, `TT Đảng ủy`), not an
/// abbreviated body (`TT HĐND`: the standing committee), not a head word or a surname.
pub(super) fn short_centre(t: &str, rest: &str) -> bool {
    let Some(r) = t.strip_prefix("TT") else {
        return true;
    };
    // `TT` alone on a line is a table's column (`TT` / `Tên TTHC`), not a centre.
    let Some(r) = r.strip_prefix(' ') else {
        return !r.starts_with(char::is_whitespace);
    };
    let w = word(r);
    let after = &r[w.len()..];
    let after = if after.is_empty() { rest } else { after };
    capitalised(w)
        && !LEVEL_HEADS.contains(&w)
        && !HEADS.contains(&w)
        && !surnames().contains(w)
        && !after.starts_with(" ủy")
        && !after.starts_with(" uỷ")
}

#[cfg(test)]
mod tests {
    use super::super::values;

    #[test]
    fn abbreviated_bodies_with_a_level() {
        // An abbreviated body with its level is one name, an office `VP` with it too; `TT` is
        // a centre before a name word, the standing committee before a body or a committee.
        let v = values(
            "Gửi UBMTTQVN tỉnh, BCHQS huyện và VP UBND TP; TT Dịch vụ việc làm tỉnh; TT \
             Huyện ủy, TT HĐND huyện; Cty Cấp nước tỉnh; Chi cục Thuế huyện Đông Anh.",
        );
        assert_eq!(
            v,
            vec![
                "UBMTTQVN tỉnh",
                "BCHQS huyện",
                "VP UBND TP",
                "TT Dịch vụ việc làm tỉnh",
                "Huyện ủy",
                "HĐND huyện",
                "Cty Cấp nước tỉnh",
                "Chi cục Thuế huyện Đông Anh"
            ]
        );
    }

    #[test]
    fn provincial_bodies_by_level() {
        // Provincial courts, labour federations and border guards by their level; a
        // committee of a Party committee is one name with it.
        let v = values(
            "Gửi Tòa án nhân dân tỉnh, Liên đoàn Lao động huyện, Bộ Chỉ huy Bộ đội Biên phòng \
             tỉnh và Ủy ban Kiểm tra Thành ủy.",
        );
        assert_eq!(
            v,
            vec![
                "Tòa án nhân dân tỉnh",
                "Liên đoàn Lao động huyện",
                "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
                "Ủy ban Kiểm tra Thành ủy"
            ]
        );
    }
}
