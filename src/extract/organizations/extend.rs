//! How far an organisation name goes: unit words, capitalised and lower-case syllables that
//! go on, the place after a level word, a verb or a plural that ends it.

use crate::charclass::CharClass;

use super::*;

/// Lower-case words that continue a unit name (`dictionaries/unit_words.txt`), longest first.
pub(super) fn unit_words() -> &'static [Vec<&'static str>] {
    static W: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    W.get_or_init(|| {
        let mut w: Vec<Vec<&str>> = include_str!("../../../dictionaries/unit_words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split_whitespace().collect())
            .collect();
        w.sort_by_key(|e: &Vec<&str>| std::cmp::Reverse(e.len()));
        w
    })
}

/// The length of the listed unit-name words (`tư pháp`, `hành chính công`) at the start of
/// `r`, the longest entry; `None` when none is there.
pub(super) fn unit_word_at(r: &str) -> Option<usize> {
    'entries: for entry in unit_words() {
        let mut at = 0;
        for (i, w) in entry.iter().enumerate() {
            let mut t = &r[at..];
            if i > 0 {
                let Some(x) = t.strip_prefix(' ') else {
                    continue 'entries;
                };
                t = x;
                at += 1;
            }
            if !t.starts_with(w) || t[w.len()..].starts_with(|c: char| c.is_alnum()) {
                continue 'entries;
            }
            at += w.len();
        }
        return Some(at);
    }
    None
}

/// Extends a unit name ending at byte `end` over following listed lower-case words
/// (`Phòng Hành chính` + `tư pháp`), separated by single spaces, stopping at punctuation.
pub(super) fn extend_unit_name(text: &str, mut end: usize) -> usize {
    loop {
        let Some(rest) = text[end..].strip_prefix(' ') else {
            return end;
        };
        // `và` joins two name parts (`Quản lý văn hóa và gia đình`).
        let (skip, rest) = match rest.strip_prefix("và ") {
            Some(r) => ("và ".len(), r),
            None => (0, rest),
        };
        match unit_word_at(rest) {
            Some(n) => end += 1 + skip + n,
            None => return end,
        }
    }
}

/// A generic match whose capitalised word is itself a unit word (`Thanh tra Sở`, `Văn phòng
/// Bộ`) ends at that word: a lower-case word after it is the sentence's verb (`Sở kiểm tra`).
pub(super) fn unit_word_end(text: &str, start: usize, end: usize) -> usize {
    let m = &text[start..end];
    let words: Vec<(usize, &str)> = m
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - m.as_ptr() as usize, w))
        .collect();
    for (i, &(at, w)) in words.iter().enumerate().skip(1) {
        if matches!(w, "Sở" | "Bộ" | "Ban" | "Phòng" | "Cục")
            && words
                .get(i + 1)
                .is_some_and(|(_, n)| n.starts_with(crate::charclass::is_lower))
        {
            return start + at + w.len();
        }
    }
    end
}

/// Whether a match is (part of) a heading in capitals (`SỞ NỘI VỤ`, `UBND TỈNH`): a word in
/// capitals that is a syllable, not an abbreviation (`UBND TP` is a name).
pub(super) fn heading_caps(m: &str) -> bool {
    m.split_whitespace().any(|w| {
        let letters = w.chars().filter(|c| c.is_alpha()).count();
        letters >= 2
            && w.chars().all(|c| !c.is_lower())
            && crate::syllable::is_valid(&w.to_lowercase())
    })
}

/// Whether the name at `start` stands inside a law's name (`Luật Tổ chức Chính phủ`): `Luật`
/// a few words before it on the same clause, only words between.
pub(super) fn in_law_name(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    match before.rfind("Luật ") {
        Some(i) => before[i..].chars().all(|c| c.is_alpha() || c == ' '),
        None => false,
    }
}

/// Lower-case words that are a sentence's verb or glue, never the last syllable of a unit's
/// name (`Cục Thuế nhận`, `Sở Y tế có`, `Cục Thuế hoặc`, `Hội đồng Tư vấn gồm`, `Chi cục Hải
/// quan nơi`, `Phòng Đào tạo để`).
pub(super) const NOT_NAME_WORDS: [&str; 62] = [
    "bị", "bổ", "chưa", "chỉ", "chủ", "cho", "có", "còn", "của", "cung", "cũng", "cần", "do",
    "giao", "ghi", "gồm", "gửi", "họp", "hoặc", "hướng", "ký", "kết", "là", "lên", "lập", "luôn",
    "mà", "nên", "nhận", "nơi", "phải", "phê", "phối", "quy", "rà", "sau", "sẽ", "sửa", "tham",
    "theo", "thì", "thông", "thực", "tiếp", "trả", "trình", "triển", "trước", "tại", "tổ", "vẫn",
    "về", "với", "xin", "xây", "đang", "đều", "được", "đã", "đề", "để", "đôn",
];

/// Ends a generic name before a trailing lower-case word that is a verb or glue, or that
/// follows a one-letter name (`Phòng X` + `nhập`: a lettered unit's name is the letter; `Bộ Y
/// tế`, a word, stays).
pub(super) fn drop_verb(text: &str, start: usize, end: usize) -> usize {
    let m = &text[start..end];
    match m.rsplit_once(' ') {
        Some((head, last))
            if (NOT_NAME_WORDS.contains(&last) || after_letter(head, last))
                && head.contains(' ') =>
        {
            start + head.trim_end().len()
        }
        _ => end,
    }
}

/// Whether `r` begins another unit's name (`Ban …`, `Sở …`, `Công ty …`): a part joined by
/// `và` or a dash that does is a second organisation, not the rest of the first one's name.
pub(super) fn starts_unit(r: &str) -> bool {
    let w = word(r);
    HEADS.contains(&w)
        || matches!(
            w,
            "Ban"
                | "Vụ"
                | "Viện"
                | "Đoàn"
                | "Trường"
                | "Báo"
                | "Đài"
                | "UB"
                | "Tập"
                | "Đảng"
                | "Hạt"
                | "Trạm"
                | "Đồn"
                | "Đội"
        )
        || [
            "Tổng cục",
            "Tổng công ty",
            "Tổng Công ty",
            "Công ty",
            "Công an",
            "Ngân hàng",
            "Kho bạc",
            "Thanh tra",
            "Liên minh",
            "Hiệp hội",
            "Học viện",
            "Đại học",
            "Bảo tàng",
            "Bệnh viện",
            "Thư viện",
            "Hợp tác xã",
            "Nhà xuất bản",
            "Tạp chí",
            "Cảng vụ",
            "Vườn quốc gia",
            "Câu lạc bộ",
            "Bưu điện",
        ]
        .iter()
        .any(|h| r.starts_with(h))
}

/// Whether `r` is a unit's head word with no name after it (`và Đại học;`): a field of the
/// name before, since a head word alone names no unit.
pub(super) fn lone_head(r: &str) -> bool {
    let ends = |x: &str| x.is_empty() || x.starts_with([',', ';', '.', ')', '\n']);
    ends(&r[word(r).len()..])
        || [
            "Đại học",
            "Học viện",
            "Thanh tra",
            "Công an",
            "Kho bạc",
            "Ngân hàng",
        ]
        .iter()
        .any(|h| r.strip_prefix(h).is_some_and(ends))
}

/// Unit words that begin another organisation's name: a capitalised continuation stops there.
pub(super) const HEADS: [&str; 12] = [
    "Sở", "Bộ", "Ủy", "Uỷ", "UBND", "HĐND", "Cục", "Phòng", "Chi", "Trung", "Văn", "Hội",
];

/// Whether `w` is an abbreviation in capitals that is no syllable (`CST`, `KH&CN`, `TTĐT`):
/// the name of a unit after its head word (`Cục CST`), never a heading word (`NỘI`).
pub(super) fn abbreviation(w: &str) -> bool {
    let upper = w.chars().filter(|c| c.is_upper()).count();
    w.chars().next().is_some_and(crate::charclass::is_upper)
        && upper >= 2
        && w.chars()
            .all(|c| c.is_upper() || c.is_ascii_digit() || c == '&')
        && !crate::syllable::is_valid(&w.to_lowercase())
}

/// The word at the start of `r`: letters, digits and `&` (`KH&CN`).
pub(super) fn word(r: &str) -> &str {
    let end = r
        .find(|c: char| !(c.is_alnum() || c == '&'))
        .unwrap_or(r.len());
    &r[..end]
}

/// Capitalised words that are a level (`Thành phố`, `Tỉnh`, `TP`) or a party committee
/// (`Tỉnh ủy`): a name's capitalised continuation stops there, for `level_after`.
pub(super) const LEVEL_HEADS: [&str; 3] = ["Thành", "Tỉnh", "TP"];

/// Whether a lower-case word can go on a name as the second syllable of a capitalised word
/// (`Đổi mới`, `Phát triển`, `Chuyển đổi số`): no verb or glue, no level, no set word, no verb
/// of motion (`Phòng Quản trị` + `lên kế hoạch`).
pub(super) fn name_syllable(w: &str) -> bool {
    !w.is_empty()
        && w.chars().all(crate::charclass::is_lower)
        // `Viễn thông`, `Phát triển`: second syllables of name words, verbs' first ones.
        && (matches!(w, "thông" | "triển") || !NOT_NAME_WORDS.contains(&w))
        && !matches!(
            w,
            "và" | "các" | "của" | "cấp" | "còn" | "lên" | "ra" | "vào" | "đưa" | "xuống" | "tỉnh"
                | "huyện"
                | "quận"
                | "xã"
                | "phường"
                | "thành"
                | "thị"
                | "ban"
                | "báo"
                | "kiểm"
                | "chịu"
                | "xin"
                | "yêu"
                | "những"
                | "này"
                | "trong"
                | "thuộc"
                | "đến"
                | "từ"
                | "để"
                | "hoặc"
                | "nhằm"
                | "đối"
                | "khi"
                | "nếu"
                | "biết"
                | "rõ"
                | "đó"
                | "đây"
                | "ngay"
                | "cùng"
                | "xem"
                | "nắm"
        )
}

/// Whether the text after a name's lower-case run shows that the name goes on: a capitalised
/// word, an abbreviation, a joined part (`và Phát triển`, `- CTCP`), a level or a listed unit
/// word; with `last_ok`, also the name's end (punctuation or the line's end).
pub(super) fn name_goes_on(r: &str, last_ok: bool) -> bool {
    let Some(r) = r.strip_prefix(' ') else {
        return last_ok && (r.is_empty() || r.starts_with(['\n', ',', ';', '.', ':', ')']));
    };
    let w = word(r);
    // `Ban Chỉ huy` + `chủ trì`, `Ban Chỉ huy` + `và cơ quan`: the sentence goes on, the name
    // ends after the syllable.
    if last_ok
        && (NOT_NAME_WORDS.contains(&w)
            || w == "và"
                && r[w.len()..]
                    .trim_start()
                    .starts_with(crate::charclass::is_lower))
    {
        return true;
    }
    if capitalised(w) || abbreviation(w) {
        return true;
    }
    if w == "và" || r.starts_with("- ") || r.starts_with("– ") {
        let after = r
            .strip_prefix("và")
            .unwrap_or(r)
            .trim_start_matches([' ', '-', '–']);
        let n = word(after);
        return capitalised(n) || abbreviation(n);
    }
    let level = LEVEL_WORDS.iter().chain(&["Thành phố"]).any(|l| {
        r.strip_prefix(l)
            .is_some_and(|t| t.chars().next().is_none_or(|c| !c.is_alnum()))
    });
    level || unit_word_at(r).is_some()
}

/// Extends a generic name over what follows it on the same line (`Văn phòng Tổng Bí thư`,
/// `Ban Bí thư Trung ương Đảng`, `Cục Kiểm soát TTHC`): capitalised words and abbreviations;
/// the lower-case syllables of a capitalised word (`Ban Chỉ đạo Đổi mới và Phát triển …`) when
/// the name visibly goes on after them; a part joined by `và` or a dash. It stops at the head
/// word of another unit (`Sở`, `Ủy ban`, `Phòng Tư pháp`; not `Phòng thủ`, an ordinary word)
/// and at a level (`Thành phố`), which `level_after` takes.
pub(super) fn extend_capitalised(text: &str, mut end: usize) -> usize {
    loop {
        let rest = &text[end..];
        // `Truyền thông` + `, Dữ liệu và Công nghệ số`: a list of the name's parts.
        if let Some(n) = comma_part(rest) {
            end = syllables_after(text, end + n);
            continue;
        }
        // `Công nghiệp-Năng lượng`: a capitalised part joined by a dash without spaces (not
        // an abbreviation: `Cục Kiểm soát TTHC-VPCP` is the parent's short name).
        if let Some(r) = rest.strip_prefix(['-', '–']) {
            let n = word(r);
            let before = text[..end].rsplit([' ', '\n']).next().unwrap_or("");
            let ok = capitalised(n)
                && before.chars().all(crate::charclass::is_alpha)
                && !starts_unit(r)
                && !LEVEL_HEADS.contains(&n);
            if !ok {
                return end;
            }
            end = syllables_after(text, end + rest.len() - r.len() + n.len());
            continue;
        }
        let Some(r) = rest.strip_prefix(' ') else {
            return end;
        };
        // `và Phát triển`, `- CTCP`: a joined part that is itself capitalised.
        if let Some(j) = ["và ", "- ", "– "].iter().find(|j| r.starts_with(**j)) {
            let n = word(&r[j.len()..]);
            let ok = (capitalised(n) || abbreviation(n))
                && (!starts_unit(&r[j.len()..]) || lone_head(&r[j.len()..]))
                && !starts_title(&r[j.len()..])
                && !super::joins::kind_alone(&r[j.len()..])
                && (!j.starts_with('v') || !starts_doc_type(&r[j.len()..]))
                && !LEVEL_HEADS.contains(&n)
                && !(j.starts_with(['-', '–']) && abbreviation(n) && !LEGAL_FORMS.contains(&n));
            if !ok {
                return end;
            }
            // A joined code takes the syllables after it as a word does (`và QL` + `xử lý
            // VPHC`).
            end = syllables_after(text, end + 1 + j.len() + n.len());
            continue;
        }
        let w = word(r);
        let parent_body = ["Đảng ủy", "Đảng uỷ", "Ủy ban", "Hội đồng"]
            .iter()
            .any(|p| r.starts_with(p));
        // `Phòng thủ`, `Ban hành`: a head word before a lower-case syllable is a plain word.
        let plain_word = matches!(w, "Phòng" | "Ban" | "Văn" | "Hội" | "Chi")
            && r[w.len()..].strip_prefix(' ').is_some_and(|n| {
                n.starts_with(crate::charclass::is_lower)
                    && !matches!(word(n), "cục" | "nhánh" | "phòng" | "đồng")
            });
        // `Hải` + `Phòng`: a head word that ends a listed place is the place's.
        let ends_place = text[..end]
            .rfind(' ')
            .is_some_and(|i| places().contains(&text[i + 1..end + 1 + w.len()]));
        if ends_place {
            end += 1 + w.len();
            continue;
        }
        // `… Di sản Văn hóa` + `Hội An`: a listed place whose first word is a head word.
        if HEADS.contains(&w) && capitalised(w) {
            if let Some(n) = place_at(r) {
                end += 1 + n;
                continue;
            }
        }
        if w.is_empty()
            || parent_body
            || LEVEL_HEADS.contains(&w)
            || HEADS.contains(&w) && !plain_word && !(w == "Trung" && r.starts_with("Trung ương"))
        {
            return end;
        }
        if abbreviation(w) {
            // `Cục Kiểm tra văn bản và QL` + `xử lý VPHC`: syllables after it, as after a word.
            end = syllables_after(text, end + 1 + w.len());
            continue;
        }
        if !capitalised(w) {
            return end;
        }
        end += 1 + w.len();
        // `Hà Nội` + `ban hành`: a listed place ends the run of capitalised words.
        let place = text[..end]
            .rfind(' ')
            .and_then(|i| text[..i].rfind(' ').map(|j| &text[j + 1..end]))
            .is_some_and(|p| places().contains(p));
        if place {
            continue;
        }
        end = syllables_after(text, end);
    }
}

/// The end of a capitalised word's lower-case syllables (one or two) after `end`, when the name
/// visibly goes on after them (`Đổi mới và …`, `Chuyển đổi số Thành phố`, `Viễn thông Quân`),
/// or a single syllable ends the name (`Quân đội;`); `end` otherwise.
pub(super) fn syllables_after(text: &str, end: usize) -> usize {
    let mut e = end;
    for n in 0..2 {
        let Some(r) = text[e..].strip_prefix(' ') else {
            break;
        };
        let l = word(r);
        // `Đô thị cổ`: `thị` is a level's first syllable only before `xã` or `trấn`.
        let town =
            l == "thị" && !r[l.len()..].starts_with(" xã") && !r[l.len()..].starts_with(" trấn");
        if !name_syllable(l) && !town {
            break;
        }
        e += 1 + l.len();
        if name_goes_on(&text[e..], n == 0) {
            return e;
        }
    }
    end
}

/// Whether `w` is a capitalised word (`Đà`, `Nẵng`), not a capitals abbreviation.
pub(super) fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(crate::charclass::is_upper)
        && w.len() > 1
        && cs.all(crate::charclass::is_lower)
}

/// Whether the text after an organisation name makes it many units or a kind of unit: `các
/// huyện`, `các cấp`, `cấp tỉnh`, or another level after a name that ends in a level
/// (`Ủy ban nhân dân xã, phường`, `Sở Y tế tỉnh, thành phố`).
pub(super) fn plural_after(name: &str, rest: &str) -> bool {
    if let Some(r) = rest.strip_prefix(" thuộc ") {
        return of_many(r);
    }
    let mut words = rest.split_whitespace();
    let first = words.next();
    // `các tỉnh/TP`: a set of levels written with a slash is one of levels.
    let second = words
        .next()
        .map(|w| w.split('/').next().unwrap_or(w))
        .map(bare);
    // `Kho bạc Nhà nước các khu vực`: one in each region (not `các khu công nghiệp`, a name's).
    if first == Some("các") && second == Some("khu") && words.next().map(bare) == Some("vực") {
        return true;
    }
    if first == Some("các")
        && second.is_some_and(|w| {
            matches!(
                w,
                "tỉnh"
                    | "huyện"
                    | "quận"
                    | "thị"
                    | "thành"
                    | "xã"
                    | "phường"
                    | "sở"
                    | "địa"
                    | "cấp"
            )
        })
    {
        return true;
    }
    if first == Some("cấp")
        && second.is_some_and(|w| matches!(w, "tỉnh" | "huyện" | "xã" | "trung" | "cơ"))
    {
        return true;
    }
    let levels = LEVEL_WORDS;
    levels.iter().any(|l| name.ends_with(l))
        && rest.strip_prefix(", ").is_some_and(|r| {
            // `UBND tỉnh, Thành phố`: a capital for the centrally-run city's level.
            levels.iter().chain(&["đặc khu", "Thành phố"]).any(|l| {
                r.strip_prefix(l)
                    .is_some_and(|t| !t.starts_with(crate::charclass::is_alnum))
            })
        })
}

/// A word without the signs that may close it (`huyện”`, `vực;`).
fn bare(w: &str) -> &str {
    w.trim_end_matches([',', '.', ';', ':', '”', '"', ')'])
}

/// Whether `r` (after `thuộc`) is a council or committee of many places (`Ủy ban nhân dân
/// xã, phường`, `UBND các huyện`): the unit before it is a kind of unit, one in each.
fn of_many(r: &str) -> bool {
    let bodies = [
        "Ủy ban nhân dân ",
        "Uỷ ban nhân dân ",
        "UBND ",
        "Hội đồng nhân dân ",
        "HĐND ",
    ];
    let Some(r) = bodies.iter().find_map(|b| r.strip_prefix(b)) else {
        return false;
    };
    if r.starts_with("các ") {
        return true;
    }
    LEVEL_WORDS
        .iter()
        .find(|l| r.starts_with(**l))
        .is_some_and(|l| plural_after(l, &r[l.len()..]))
}

/// A kind of body written without a name of its own (`Ban Chỉ đạo`, `Ban Quản lý`): the
/// short form a document uses for a body it named in full before, or any such body.
pub(super) fn bare_kind(name: &str) -> bool {
    // Every kind is a board's (`ban …`): any other name is passed over without more work.
    let first = name.split_whitespace().next().unwrap_or("");
    if !first.eq_ignore_ascii_case("ban") {
        return false;
    }
    let norm = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    KINDS.contains(&norm.as_str()) || kind_then_sentence(name, &KINDS)
}

/// The byte length of the kind of body that opens `name` (`Ban Chỉ đạo`, `Ban quản lý`) when
/// only lower-case words follow it in the name; `None` otherwise.
pub(super) fn kind_prefix(name: &str) -> Option<usize> {
    // Every kind opens with `ban` (`every_kind_is_a_board`).
    if !name.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("ban")) {
        return None;
    }
    KINDS.iter().find_map(|k| {
        let n = k.len();
        let head = name.get(..n)?;
        let rest = &name[n..];
        let ok = head.to_lowercase() == *k
            && (rest.is_empty() || rest.starts_with(' '))
            && !rest.contains(crate::charclass::is_upper);
        ok.then_some(n)
    })
}

/// Kinds of body that are no name without their own (`Ban Chỉ đạo`, `Ban Quản lý`).
/// A body's own leading boards (`Ban Giám đốc`, `Ban Lãnh đạo`) are kinds too.
const KINDS: [&str; 15] = [
    "ban biên tập",
    "ban chấp hành",
    "ban chỉ huy",
    "ban chỉ đạo",
    "ban công tác",
    "ban điều hành",
    "ban giám đốc",
    "ban giám hiệu",
    "ban lãnh đạo",
    "ban quản lý",
    "ban soạn thảo",
    "ban thường trực",
    "ban thường vụ",
    "ban tổ chức",
    "ban vận động",
];

#[cfg(test)]
mod tests {
    use super::super::values;

    #[test]
    fn every_kind_is_a_board() {
        // `bare_kind` passes over names whose first word is not `ban`.
        assert!(super::KINDS.iter().all(|k| k.starts_with("ban ")));
    }

    /// An adverb, modal or verb after a name is the sentence's (`luôn`, `phải`, `họp`), not the
    /// name's.
    #[test]
    fn grammar_words_end_a_name() {
        assert_eq!(
            values("Trạm Y tế luôn thực hiện tốt việc khám bệnh."),
            vec!["Trạm Y tế"]
        );
        assert_eq!(
            values("Khi đó Chi nhánh Văn phòng đăng ký đất đai phải thông báo cho người dân."),
            vec!["Chi nhánh Văn phòng đăng ký đất đai"]
        );
        // Verbs of a body as subject: `lên kế hoạch`, `họp`, `gồm`, `kết hợp`, `đều`, `để`.
        assert_eq!(
            values(
                "Trạm Y tế lên kế hoạch phòng dịch; Hội đồng Khoa họp góp ý; Văn phòng Khoa gồm \
                 3 người; Hội đồng Tư vấn kết hợp với Phòng Đào tạo để rà soát."
            ),
            vec![
                "Trạm Y tế",
                "Hội đồng Khoa",
                "Văn phòng Khoa",
                "Hội đồng Tư vấn",
                "Phòng Đào tạo"
            ]
        );
    }

    /// A body named by its kind alone after `và` is a second body, not a part of the name.
    #[test]
    fn kind_alone_after_va_is_no_name_part() {
        assert_eq!(
            values("Theo quy định của Bộ GDĐT và Nhà trường về chuẩn đầu ra."),
            vec!["Bộ GDĐT"]
        );
        assert_eq!(
            values("Phòng Đào tạo và Khoa xem xét kết quả; Sở Khoa học và Công nghệ thẩm định."),
            vec!["Phòng Đào tạo", "Sở Khoa học và Công nghệ"]
        );
        assert_eq!(
            values("Chi nhánh Văn phòng Đăng ký đất đai và Cơ quan có chức năng phối hợp."),
            vec!["Chi nhánh Văn phòng Đăng ký đất đai"]
        );
    }

    /// `Đài` opens a station's name, not a place's.
    #[test]
    fn dai_opens_a_station_not_a_place() {
        assert_eq!(
            values("Xuất khẩu sang Đài Loan; phối hợp với Đài Phát thanh và Truyền hình tỉnh."),
            vec!["Đài Phát thanh và Truyền hình tỉnh"]
        );
        assert_eq!(
            values("Học tại Đại học IE (Tây Ban Nha) theo đề nghị của Ban Dân vận Tỉnh ủy."),
            vec!["Đại học IE", "Ban Dân vận Tỉnh ủy"]
        );
    }
}
