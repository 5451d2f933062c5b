//! A unit named by what it does takes the object of that work in lower case (`Cục Quản lý` +
//! `xuất nhập cảnh`, `Cục An toàn` + `bức xạ và hạt nhân`, `Ban Bảo vệ` + `dân phố`): a name
//! that ends on such a word goes on through lower-case words up to the clause's end.

use super::*;

/// Capitalised words of a unit's work that need an object (`Cục Quản lý` alone names none).
/// Not `Kiểm soát` nor `Giám sát`: `Ban Kiểm soát` of a company is a name as it stands.
const TRANSITIVE: [&str; 10] = [
    "Quản lý",
    "Quản trị",
    "Bảo vệ",
    "Bảo tồn",
    "An toàn",
    "Phát triển",
    "Xúc tiến",
    "Hỗ trợ",
    "Chế biến",
    "Phòng chống",
];

/// The end of the name `[start, end)` with the object of its last word when that word is a
/// unit's work (`TRANSITIVE`) and lower-case name words follow (`thị trường`, `dự trữ ngoại hối
/// nhà nước`; `trong nước` too), closed by a sign, the line's end, a level or a verb or glue
/// word (`có`, `phải`); `end` otherwise, and for a kind of board (`Ban Quản lý`).
pub(super) fn object_of_work(text: &str, start: usize, end: usize, limit: usize) -> usize {
    let name = &text[start..end];
    if !TRANSITIVE.iter().any(|t| name.ends_with(t)) || kind_prefix(name).is_some() {
        return end;
    }
    let mut e = end;
    let mut words = 0;
    while let Some(r) = text[e..].strip_prefix(' ') {
        // `thị trường` + `khu vực Nam Bộ`: the region closes the object, and its name goes on.
        if r.strip_prefix("khu vực ")
            .is_some_and(|x| x.starts_with(crate::charclass::is_upper))
            && words > 0
        {
            let region = region_end(text, e + " khu vực".len());
            return if region <= limit { region } else { end };
        }
        let w = word(r);
        let n = if let Some(n) = ["trong nước", "ngoài nước"]
            .iter()
            .find(|p| r.starts_with(**p) && word(&r[p.len()..]).is_empty())
            .map(|p| p.len())
        {
            n
        } else if w == "và" && words > 0 {
            // `bức xạ và hạt nhân`: a second object, never the sentence's next clause.
            let next = word(r[w.len()..].trim_start());
            if !name_syllable(next) || NOT_NAME_WORDS.contains(&next) {
                break;
            }
            w.len()
        } else if (name_syllable(w) && !NOT_NAME_WORDS.contains(&w)) || market(w, r) {
            w.len()
        } else {
            break;
        };
        words += 1;
        if words > 6 {
            return end;
        }
        e += 1 + n;
    }
    if words == 0 || text[..e].ends_with(" và") {
        return end;
    }
    let r = &text[e..];
    let next = r.strip_prefix(' ').map(word).unwrap_or("");
    let level = LEVEL_WORDS.iter().any(|l| {
        r.strip_prefix(' ')
            .and_then(|x| x.strip_prefix(l))
            .is_some_and(|x| !x.starts_with(crate::charclass::is_alnum))
    });
    let closed = r.is_empty()
        || r.starts_with([',', ';', '.', ':', ')', '\n'])
        || level
        || NOT_NAME_WORDS.contains(&next);
    if !closed {
        return end;
    }
    let e = level_after(text, e);
    if e <= limit {
        e
    } else {
        end
    }
}

/// The end of a region's name after `khu vực` at `at`: up to four words with a capital
/// (`Nam Bộ`, `II`, `Bắc Trung Bộ`), whatever head words they hold.
fn region_end(text: &str, at: usize) -> usize {
    let mut e = at;
    for _ in 0..4 {
        match text[e..].strip_prefix(' ').map(word) {
            Some(w) if w.starts_with(crate::charclass::is_upper) => e += 1 + w.len(),
            _ => break,
        }
    }
    e
}

/// `thị` of `thị trường`: a level's first syllable only before `xã` or `trấn`.
fn market(w: &str, r: &str) -> bool {
    w == "thị" && !r[w.len()..].starts_with(" xã") && !r[w.len()..].starts_with(" trấn")
}

#[cfg(test)]
mod tests {
    use super::super::values;

    /// The object after a unit's work is the name's, up to the clause's end or its verb.
    #[test]
    fn work_takes_its_object() {
        assert_eq!(
            values("Cục Quản lý xuất nhập cảnh có trách nhiệm hướng dẫn; Cục An toàn bức xạ và hạt nhân phải cấp lại."),
            vec!["Cục Quản lý xuất nhập cảnh", "Cục An toàn bức xạ và hạt nhân"]
        );
        assert_eq!(
            values("Hồ sơ gửi Ngân hàng Nhà nước (Vụ Quản lý ngoại hối) và Chi cục Quản lý thị trường tỉnh Lạng Sơn."),
            vec!["Ngân hàng Nhà nước", "Vụ Quản lý ngoại hối", "Chi cục Quản lý thị trường tỉnh Lạng Sơn"]
        );
        assert_eq!(
            values("Cục trưởng Cục Quản lý và Phát triển thị trường trong nước có quyền kiểm tra."),
            vec!["Cục Quản lý và Phát triển thị trường trong nước"]
        );
        assert_eq!(
            values("Chi cục trưởng Chi cục Chất lượng, Chế biến và Phát triển thị trường; Trưởng đoàn kiểm tra."),
            vec!["Chi cục Chất lượng, Chế biến và Phát triển thị trường"]
        );
        assert_eq!(
            values("Chi cục Quản lý thị trường khu vực Nam Bộ thuộc Cục; Chi cục Quản lý thị trường khu vực Bắc Trung Bộ."),
            vec!["Chi cục Quản lý thị trường khu vực Nam Bộ", "Chi cục Quản lý thị trường khu vực Bắc Trung Bộ"]
        );
    }

    /// No object without a clause's end after it: the words are the sentence's
    /// (`Ban Bảo vệ` + `xem xét các …`); a kind of board keeps its own rule, and a board
    /// named by its work alone takes no object (`Ban Kiểm soát` + `định kỳ hằng quý`).
    #[test]
    fn no_object_in_a_running_sentence() {
        assert_eq!(
            values("Ban Bảo vệ xem xét các hồ sơ; Ngân hàng Phát triển cho vay vốn."),
            vec!["Ban Bảo vệ", "Ngân hàng Phát triển"]
        );
        assert_eq!(
            values("Báo cáo kết quả hoạt động của Ban Kiểm soát định kỳ hằng quý, 6 tháng."),
            vec!["Ban Kiểm soát"]
        );
        assert_eq!(
            values("Sở Tài chính và Ban Quản lý dự án thực hiện."),
            vec!["Sở Tài chính", "Ban Quản lý dự án"]
        );
    }
}
