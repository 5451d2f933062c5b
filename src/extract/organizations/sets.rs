//! Names written as one of a set, not as one body: an alternative (`Thành ủy/Tỉnh ủy`,
//! `Ủy ban nhân dân tỉnh/thành phố`) or an item of a shared head (`Các VP: Thành ủy, UBND TP`:
//! the offices of those bodies, not the bodies).

use crate::charclass::CharClass;

/// Levels and Party committees that a slash sets side by side (`tỉnh/thành phố`, `Thành
/// ủy/Tỉnh ủy`); a slash before a parent body (`Cục Pháp chế/Bộ Tư pháp`) means `of`.
const KINDS: [&str; 11] = [
    "tỉnh",
    "thành phố",
    "huyện",
    "quận",
    "xã",
    "phường",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Tỉnh uỷ",
    "Thành uỷ",
];

/// Whether the name `[start, end)` is one side of an alternative of kinds written with a
/// slash (`Ủy ban nhân dân tỉnh/thành phố`, `Thành ủy/Tỉnh ủy`).
pub(super) fn alternative(text: &str, start: usize, end: usize) -> bool {
    if text[start..end].contains('/') {
        return false;
    }
    let after = text[end..].strip_prefix('/').is_some_and(|r| {
        KINDS.iter().any(|k| {
            r.strip_prefix(k)
                .is_some_and(|x| !x.starts_with(crate::charclass::is_alnum))
        })
    });
    let before = text[..start].strip_suffix('/').is_some_and(|b| {
        KINDS.iter().any(|k| {
            b.strip_suffix(k)
                .is_some_and(|x| !x.ends_with(crate::charclass::is_alnum))
        })
    });
    after || before || party_pair(text, start, end)
}

/// The provincial Party committees of either kind, as written side by side.
const PARTY: [&str; 4] = ["Tỉnh ủy", "Thành ủy", "Tỉnh uỷ", "Thành uỷ"];

/// Whether the name is one of `Tỉnh ủy, Thành ủy` (a province's or a city's committee: an
/// alternative written with a comma, as with a slash), neither with its place.
fn party_pair(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    if !PARTY.contains(&name) {
        return false;
    }
    let head = |k: &str| k.split(' ').next().unwrap_or(k).to_string();
    let other = |k: &str| head(k) != head(name);
    let after = text[end..].strip_prefix(", ").is_some_and(|r| {
        PARTY.iter().filter(|k| other(k)).any(|k| {
            // No place after it (`Thành ủy Cần Thơ` is one body).
            r.strip_prefix(k).is_some_and(|x| {
                !x.starts_with(crate::charclass::is_alnum)
                    && !x
                        .trim_start_matches(' ')
                        .starts_with(crate::charclass::is_upper)
            })
        })
    });
    let before = text[..start].strip_suffix(", ").is_some_and(|b| {
        PARTY.iter().filter(|k| other(k)).any(|k| {
            b.strip_suffix(k)
                .is_some_and(|x| !x.ends_with(crate::charclass::is_alnum))
        })
    });
    after || before
}

/// Whether the name at `start` follows a count (`04 Tổng công ty Nhà nước`, `03 Sở`): so many
/// units of a kind, not one body. A number after a word that makes it a date, a document's
/// or a clause's number (`năm 2025 Sở …`, `số 12 …`, `khoản 3 …`) is no count.
pub(super) fn counted(text: &str, start: usize) -> bool {
    let Some(b) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let digits = b.len() - b.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return false;
    }
    let before = &b[..b.len() - digits];
    if before.ends_with(|c: char| c.is_alnum() || matches!(c, '/' | '.' | '-' | ',')) {
        return false;
    }
    // A number that opens its line numbers a table's row or a list's item (`2 Sở Tài chính
    // 90,80`).
    let line = before.rsplit('\n').next().unwrap_or(before);
    if line.trim().is_empty() || line.trim_end().ends_with(['|', ')']) {
        return false;
    }
    let n: u32 = b[before.len()..].parse().unwrap_or(0);
    let prev = before.trim_end().rsplit([' ', '\n']).next().unwrap_or("");
    let prev = prev.to_lowercase();
    n >= 2
        && !matches!(
            prev.as_str(),
            "năm"
                | "ngày"
                | "tháng"
                | "số"
                | "khoản"
                | "điều"
                | "mục"
                | "điểm"
                | "phần"
                | "chương"
                | "khu"
                | "vực"
                | "quý"
                | "lần"
                | "đợt"
                | "bảng"
                | "phụ"
                | "lục"
        )
}

/// Unit heads that a list item can share (`Các VP: …`, `Các Sở: …`).
const SHARED_HEADS: [&str; 8] = ["VP", "Văn phòng", "Ban", "Sở", "Bộ", "Cục", "Vụ", "Phòng"];

/// Whether the name at `start` stands in the list of a shared head on its line (`- Các VP:
/// Thành ủy, Đoàn ĐBQH và HĐND TP`): each item names that head of a body, not the body; the
/// list ends at `;`. So does a body after `các Ban` (`boards_of`).
pub(super) fn under_shared_head(text: &str, start: usize) -> bool {
    if boards_of(&text[..start]) {
        return true;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..start];
    let item = line.trim_start_matches(['-', '+', ' ']);
    let Some(r) = item
        .strip_prefix("Các ")
        .or_else(|| item.strip_prefix("các "))
    else {
        return false;
    };
    SHARED_HEADS.iter().any(|h| {
        r.strip_prefix(h)
            .and_then(|x| x.strip_prefix(':'))
            .is_some_and(|list| !list.contains(';'))
    })
}

/// Whether `before` (the text before a name) ends on `các Ban` (`của`): the boards of the body
/// named after it (`các Ban của Hội đồng nhân dân tỉnh`, `Các Ban Đảng của Thành ủy`, `các Ban
/// HĐND thành phố`), a set named by its owner, not the owner.
fn boards_of(before: &str) -> bool {
    let b = before.strip_suffix(' ').unwrap_or(before);
    let b = b.strip_suffix(" của").unwrap_or(b);
    let b = b.strip_suffix(" Đảng").unwrap_or(b);
    ["các Ban", "Các Ban", "các ban", "Các ban"]
        .iter()
        .any(|h| {
            b.strip_suffix(h)
                .is_some_and(|x| !x.ends_with(crate::charclass::is_alnum))
        })
}

/// Names read as many units (`Ủy ban Mặt trận Tổ quốc cấp tỉnh`): no shorter read of one from
/// the same start is a name either (`Ủy ban Mặt trận Tổ` + `quốc cấp tỉnh`).
#[derive(Default)]
pub(super) struct Many(Vec<(usize, usize)>);

impl Many {
    pub(super) fn add(&mut self, start: usize, end: usize) {
        self.0.push((start, end));
    }

    /// Whether `[start, end)` is a shorter read of a name read as many units.
    pub(super) fn covers(&self, start: usize, end: usize) -> bool {
        self.0.iter().any(|&(s, e)| s == start && e >= end)
    }
}

#[cfg(test)]
mod tests {
    use super::super::values;

    /// A committee of every province is no name, nor a shorter read of it.
    #[test]
    fn many_units_read_shorter_are_no_name() {
        assert_eq!(
            values("Tòa án nhân dân cấp tỉnh; Ủy ban Mặt trận Tổ quốc cấp tỉnh; Sở Tư pháp."),
            vec!["Sở Tư pháp"]
        );
    }

    #[test]
    fn counted_units_are_a_set() {
        // A count before a unit's head is so many units; a year or a clause number is no count.
        let v = values(
            "Giám đốc 04 Tổng công ty Nhà nước thuộc Thành phố và 03 Sở chuyên ngành; năm 2025 \
             Sở Tư pháp chủ trì; theo khoản 2 Bộ Tài chính hướng dẫn.",
        );
        assert_eq!(v, vec!["Sở Tư pháp", "Bộ Tài chính"]);
        // `tỉnh, Thành phố`: the city's level in capitals closes a set of levels too.
        let v = values("Chủ tịch UBND tỉnh, Thành phố chỉ đạo; Sở Xây dựng phối hợp.");
        assert_eq!(v, vec!["Sở Xây dựng"]);
        // A row's number opens its line.
        assert_eq!(
            values("1 Sở Nội vụ 92,5\n2 Sở Y tế 90"),
            vec!["Sở Nội vụ", "Sở Y tế"]
        );
    }

    #[test]
    fn alternatives_and_shared_heads() {
        // Either side of a slash is one of a set; the items of `Các VP:` are offices; a body
        // after the list's `;` is itself again.
        let v = values(
            "Tỉnh ủy/Thành ủy và Ủy ban nhân dân tỉnh/thành phố chỉ đạo; gửi Sở Tài chính.\n- Các \
             VP: Tỉnh ủy, Đoàn ĐBQH và HĐND tỉnh; Sở Nội vụ;\n- Các Ban Đảng Tỉnh ủy;",
        );
        assert_eq!(v, vec!["Sở Tài chính", "Sở Nội vụ"]);
        // `Tỉnh ủy, Thành ủy` with a comma is the same alternative; one alone is a body.
        let v = values("Bí thư Tỉnh ủy, Thành ủy các tỉnh chỉ đạo; báo cáo Tỉnh ủy; Sở Y tế.");
        assert_eq!(v, vec!["Tỉnh ủy", "Sở Y tế"]);
        // A slash before a parent body means `of`: both names stay.
        let v = values("Gửi Cục Quản lý Đấu thầu/Bộ Tài chính.");
        assert_eq!(v, vec!["Cục Quản lý Đấu thầu", "Bộ Tài chính"]);
        // A committee with its name, then `cấp xã`: one in each commune, a kind.
        let v = values("Kiện toàn Ban Chỉ đạo An toàn và Vệ sinh cấp xã, Sở Y tế.");
        assert_eq!(v, vec!["Sở Y tế"]);
        // `Trường` before a unit's head is a title misread (`Trưởng`), not a school.
        let v = values("Trường\nBan Tổ chức Tỉnh ủy ký; Trường Đại học Luật.");
        assert_eq!(v, vec!["Ban Tổ chức Tỉnh ủy", "Trường Đại học Luật"]);
        // A head word with no name after `và` is a field of the name before it.
        let v = values("Gửi Phòng Khảo thí - Giáo dục và Đại học, Sở Y tế và Đại học Huế.");
        assert_eq!(
            v,
            vec![
                "Phòng Khảo thí - Giáo dục và Đại học",
                "Sở Y tế",
                "Đại học Huế"
            ]
        );
    }
}
