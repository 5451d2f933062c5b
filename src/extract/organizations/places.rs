//! The place after a level word (`UBND tỉnh` + `Quảng Trị`, `Sở Tư pháp tỉnh Đồng Nai`) and
//! the gazetteer that tells a listed place from the sentence's next capitalised words.

use crate::charclass::CharClass;

use super::*;

/// Extends a name over a following administrative level (`Trung tâm Văn hóa tỉnh`, `Hội Nông
/// dân xã`, `Công an Thành phố`), unless the level word begins another word (`xã hội`) or a place name follows
/// (`huyện Can Lộc`: the level belongs to the place).
pub(super) fn level_after(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    for level in [
        "tỉnh",
        "huyện",
        "quận",
        "thị xã",
        "thị trấn",
        "thành phố",
        "xã",
        "phường",
        "Thành phố",
        "Tỉnh",
        "TP",
    ] {
        // The level may open the next line (`Ban Quản lý dự án` / `thành phố đẩy nhanh …`).
        let Some(r) = rest
            .strip_prefix([' ', '\n'])
            .and_then(|r| r.strip_prefix(level))
        else {
            continue;
        };
        if r.starts_with(|c: char| c.is_alnum()) {
            continue;
        }
        // `xã hội` is a word; `Tỉnh ủy` a body of its own.
        if r.starts_with(" hội") || r.starts_with(" ủy") || r.starts_with(" uỷ") {
            return end;
        }
        // `TP.HCM`: the city's short name glued to its level.
        if level == "TP" {
            if let Some(x) = r.strip_prefix('.') {
                let n = x.find(|c: char| !c.is_upper()).unwrap_or(x.len());
                if (2..=12).contains(&n) && !x[n..].starts_with(crate::charclass::is_alnum) {
                    return end + 1 + level.len() + 1 + n;
                }
            }
        }
        // `Sở Tư pháp tỉnh Đồng Nai`: the place after the level belongs to the name.
        return place_after(text, end, end + 1 + level.len());
    }
    end
}

/// The gazetteer `dictionaries/places.txt` (compiled in): names of provinces, districts,
/// communes and wards without their unit word, as spelled there (both tone placements).
pub(super) fn places() -> &'static HashSet<&'static str> {
    static P: OnceLock<HashSet<&'static str>> = OnceLock::new();
    P.get_or_init(|| {
        include_str!("../../../dictionaries/places.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// The level words (lower case) that a place name follows.
pub(super) const LEVEL_WORDS: [&str; 7] = [
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
    "thành phố",
    "thị xã",
];

/// Extends a name that ends in a level word (`tỉnh`, `thành phố`) over the place after it:
/// the longest run of up to four capitalised words on the same line that the gazetteer lists
/// (`Đà Nẵng`, not `Đà Nẵng Sửa` of a title that follows); an unlisted place (a misspelling)
/// keeps its capitalised words, but not a single one that opens a phrase (`Chỉ đạo`).
pub(super) fn place_after(text: &str, start: usize, end: usize) -> usize {
    // The level's words may be parted by a line break (`UBND thành` / `phố Quy Nhơn`).
    let mut words = text[start.min(end)..end].split_whitespace().rev();
    let (last, prev) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let mut levels = LEVEL_WORDS
        .iter()
        .chain(&["thị trấn", "Thành phố", "Tỉnh", "TP"]);
    let level = levels.any(|l| match l.split_once(' ') {
        Some((a, b)) => prev == a && last == b,
        None => last == *l,
    });
    if !level {
        return end;
    }
    // Ends of the capitalised words after the level, same line, single spaces.
    let mut ends = [0usize; 4];
    let mut n = 0;
    let mut e = end;
    // A wrapped line may put the place on the next one; then only a listed place counts.
    let wrapped = text[end..].starts_with('\n');
    while n < ends.len() {
        let r = &text[e..];
        let Some(r) = r
            .strip_prefix(' ')
            .or_else(|| r.strip_prefix('\n').filter(|_| n == 0))
        else {
            break;
        };
        let w_end = r.find(|c: char| !c.is_alnum()).unwrap_or(r.len());
        let w = &r[..w_end];
        // A head word opens a new name (`… tỉnh Sở Y tế`) unless it opens a listed place
        // (`thành phố Hội An`) or ends one (`thành phố Hải Phòng`).
        let new_name = HEADS.contains(&w)
            && if n > 0 {
                !places().contains(&text[end + 1..e + 1 + w.len()])
            } else {
                place_at(r).is_none()
            };
        if !capitalised(w) || new_name {
            break;
        }
        e += 1 + w.len();
        ends[n] = e;
        n += 1;
    }
    if n == 0 {
        return end;
    }
    if let Some(&e) = ends[..n]
        .iter()
        .rev()
        .find(|&&e| places().contains(&text[end + 1..e]))
    {
        return e;
    }
    let last = ends[n - 1];
    let opens_phrase = text[last..]
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(crate::charclass::is_lower));
    if wrapped || n == 1 && opens_phrase {
        return end;
    }
    last
}

/// The byte length of the longest listed place (two to four capitalised words, single spaces)
/// at the start of `r`.
pub(super) fn place_at(r: &str) -> Option<usize> {
    let mut end = 0;
    let mut best = None;
    for k in 0..4 {
        let rest = &r[end..];
        let rest = if k == 0 {
            rest
        } else {
            match rest.strip_prefix(' ') {
                Some(x) => x,
                None => break,
            }
        };
        let w_end = rest.find(|c: char| !c.is_alnum()).unwrap_or(rest.len());
        let w = &rest[..w_end];
        if !capitalised(w) {
            break;
        }
        end += (k > 0) as usize + w.len();
        if k > 0 && places().contains(&r[..end]) {
            best = Some(end);
        }
    }
    best
}

/// Whether the word at `at` stands inside a place's name: after a level word in lower case
/// and one capitalised word (`xã Mỹ` + `Hội Đông`, `phường Tân` + `Phòng`), or in a
/// country's (`Tây` + `Ban Nha`).
pub(super) fn inside_place(text: &str, at: usize) -> bool {
    let Some(before) = text[..at].strip_suffix(' ') else {
        return false;
    };
    if before.ends_with("Tây") && text[at..].starts_with("Ban Nha") {
        return true;
    }
    let mut ws = before.rsplit([' ', '\n']);
    let (Some(w1), Some(w2)) = (ws.next(), ws.next()) else {
        return false;
    };
    // `xã Đoàn Kết`, `đường Trường Chinh`: a head word right after a commune's or a street's
    // word opens the place's name.
    if SMALL_PLACES.contains(&w1) || matches!(w1, "đường" | "phố") {
        return true;
    }
    // `các xã Tân Lý Đông, Tân Hội Đông`: a head word inside a later place of a list of them.
    if capitalised(w1) && in_place_list(before) {
        return true;
    }
    // The level word may open a line or a list item in capitals (`Xã Nam` + `Ban Lâm Hà`).
    capitalised(w1)
        && matches!(
            w2,
            "xã" | "phường"
                | "huyện"
                | "quận"
                | "tỉnh"
                | "trấn"
                | "thôn"
                | "ấp"
                | "xóm"
                | "Xã"
                | "Phường"
                | "Huyện"
                | "Quận"
                | "Thôn"
                | "Ấp"
                | "Xóm"
        )
}

/// The words of the places below a province (`thị trấn` as `trấn`), lower case.
const SMALL_PLACES: [&str; 8] = ["xã", "phường", "huyện", "quận", "trấn", "thôn", "ấp", "xóm"];

/// Whether `before` ends inside a list of place names that follows a level word (`các xã Tân
/// Lý Đông, Tân`): back over capitalised words, at least one `,` or `và` between items, to a
/// level word.
fn in_place_list(before: &str) -> bool {
    let mut parted = false;
    for w in before.rsplit([' ', '\n']).take(16) {
        let core = w.strip_suffix(',');
        if core.is_some() {
            parted = true;
        }
        let core = core.unwrap_or(w);
        if w == "và" {
            parted = true;
            continue;
        }
        if capitalised(core) {
            continue;
        }
        return parted && SMALL_PLACES.contains(&core);
    }
    false
}
