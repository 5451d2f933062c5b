//! Names written as one of a set, not as one body: an alternative (`Thành ủy/Tỉnh ủy`,
//! `Ủy ban nhân dân tỉnh/thành phố`) or an item of a shared head (`Các VP: Thành ủy, UBND TP`:
//! the offices of those bodies, not the bodies).

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
                .is_some_and(|x| !x.starts_with(char::is_alphanumeric))
        })
    });
    let before = text[..start].strip_suffix('/').is_some_and(|b| {
        KINDS.iter().any(|k| {
            b.strip_suffix(k)
                .is_some_and(|x| !x.ends_with(char::is_alphanumeric))
        })
    });
    after || before
}

/// Unit heads that a list item can share (`Các VP: …`, `Các Sở: …`).
const SHARED_HEADS: [&str; 8] = ["VP", "Văn phòng", "Ban", "Sở", "Bộ", "Cục", "Vụ", "Phòng"];

/// Whether the name at `start` stands in the list of a shared head on its line (`- Các VP:
/// Thành ủy, Đoàn ĐBQH và HĐND TP`): each item names that head of a body, not the body; the
/// list ends at `;`.
pub(super) fn under_shared_head(text: &str, start: usize) -> bool {
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

#[cfg(test)]
mod tests {
    use super::super::values;

    #[test]
    fn alternatives_and_shared_heads() {
        // Either side of a slash is one of a set; the items of `Các VP:` are offices; a body
        // after the list's `;` is itself again.
        let v = values(
            "Tỉnh ủy/Thành ủy và Ủy ban nhân dân tỉnh/thành phố chỉ đạo; gửi Sở Tài chính.\n- Các \
             VP: Tỉnh ủy, Đoàn ĐBQH và HĐND tỉnh; Sở Nội vụ;\n- Các Ban Đảng Tỉnh ủy;",
        );
        assert_eq!(v, vec!["Sở Tài chính", "Sở Nội vụ"]);
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
