//! A name never ends inside a two-syllable word (`dictionaries/compounds.txt`, counted from the
//! corpus): one cut after a capitalised word's first syllable (`Di sản Văn` + `hóa`) takes the
//! rest of the word and goes on as a name does; one cut after a lower-case syllable that opens
//! the sentence's next word (`Ban Chỉ đạo phát` + `triển`) drops that syllable.

use crate::charclass::CharClass;

use super::*;

/// The two-syllable words, lower case, as `first second`.
fn compounds() -> &'static HashSet<&'static str> {
    static C: OnceLock<HashSet<&'static str>> = OnceLock::new();
    C.get_or_init(|| {
        include_str!("../../../dictionaries/compounds.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether `a b` is a listed two-syllable word (case ignored); the key is built in a
/// buffer of the thread's, not allocated per lookup.
pub(super) fn compound(a: &str, b: &str) -> bool {
    thread_local! {
        static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    KEY.with(|k| {
        let mut k = k.borrow_mut();
        k.clear();
        k.extend(a.chars().flat_map(char::to_lowercase));
        k.push(' ');
        k.extend(b.chars().flat_map(char::to_lowercase));
        compounds().contains(k.as_str())
    })
}

/// The end of the name `[start, end)` moved out of a word it would cut; `limit` bounds a
/// name that grows (the next name's start).
pub(super) fn whole_words(text: &str, start: usize, end: usize, limit: usize) -> usize {
    let name = &text[start..end];
    let Some((_, last)) = name.rsplit_once(|c: char| c.is_whitespace() || c == '-') else {
        return end;
    };
    let next = text[end..].strip_prefix(' ').map(word).unwrap_or("");
    if next.is_empty() || !next.chars().all(crate::charclass::is_lower) || !compound(last, next) {
        return end;
    }
    // A level (`Ủy ban nhân dân Tỉnh` + `xem xét`) or a word that never goes on a name
    // (`xem`, `biết`) is the sentence's, whatever the counts say.
    let name_word = name_syllable(next) || NOT_NAME_WORDS.contains(&next);
    // A listed name is whole: `Bộ Tài chính` + `xác định` is the sentence's verb, not a chain.
    if (capitalised(last) && name_word && !LEVEL_HEADS.contains(&last))
        || (in_chain(text, name, end, last, next) && !listed(name))
    {
        // `Văn` + `hóa`: the word's rest, then what a capitalised word's syllables allow.
        let mut e = end + 1 + next.len();
        // `Đa` + `dạng` + `sinh học`: each syllable that opens a word with the last one.
        for _ in 0..3 {
            let last = &text[..e].rsplit(char::is_whitespace).next().unwrap_or("");
            let next = text[e..].strip_prefix(' ').map(word).unwrap_or("");
            if next.is_empty()
                || !next.chars().all(crate::charclass::is_lower)
                || !compound(last, next)
                || !in_chain(text, &text[start..e], e, last, next)
            {
                break;
            }
            e += 1 + next.len();
        }
        e = compound_after(text, syllables_after(text, e));
        for _ in 0..4 {
            let before = e;
            e = extend_unit_name(text, extend_capitalised(text, e));
            if e == before {
                break;
            }
        }
        let e = level_after(text, e);
        let e = drop_opening(text, start, e);
        return if e <= limit { e } else { end };
    }
    if name_word {
        return drop_opening(text, start, end);
    }
    end
}

/// Whether lower-case `last` follows a one-letter capital in `head` that it makes no word with.
pub(super) fn after_letter(head: &str, last: &str) -> bool {
    let letter = head.rsplit(' ').next().unwrap_or("");
    let mut cs = letter.chars();
    cs.next().is_some_and(crate::charclass::is_upper)
        && cs.next().is_none()
        && last.starts_with(crate::charclass::is_lower)
        && !compound(letter, last)
}

/// Whether `name` is a listed organisation as a whole (`dictionaries/organizations.txt`).
fn listed(name: &str) -> bool {
    patterns()
        .known
        .find(name)
        .is_some_and(|m| m.start() == 0 && m.end() == name.len())
}

/// Whether the name ends on a lower-case syllable that closes a word with the one before it
/// and opens another with the next (`Văn phòng đăng` + `ký đất đai`, `Trung học phổ` +
/// `thông`, `Đa dạng` + `sinh học`): a run of words, so the name takes the next syllable when
/// it is a name's syllable or the name visibly goes on after it.
fn in_chain(text: &str, name: &str, end: usize, last: &str, next: &str) -> bool {
    let Some(prev) = name[..name.len() - last.len()]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
    else {
        return false;
    };
    if !last.chars().all(crate::charclass::is_lower) || !compound(prev, last) {
        return false;
    }
    let e = end + 1 + next.len();
    (name_syllable(next) && !NOT_NAME_WORDS.contains(&next))
        || matches!(next, "thông")
        || extend_unit_name(text, e) > e
        || name_goes_on(&text[e..], false)
}

/// The end of the name before its last syllable when that syllable is lower case and opens
/// the sentence's next word (`Ban Chỉ đạo phát` + `triển`, `… Chỉ đạo chuẩn` + `bị`), unless it
/// closes the word before (`Di sản` + `văn hóa`) or is a level (`tỉnh`).
fn drop_opening(text: &str, start: usize, end: usize) -> usize {
    let Some((head, last)) = text[start..end].rsplit_once(char::is_whitespace) else {
        return end;
    };
    let next = text[end..].strip_prefix(' ').map(word).unwrap_or("");
    let lower = |w: &str| !w.is_empty() && w.chars().all(crate::charclass::is_lower);
    let prev = head.rsplit(char::is_whitespace).next().unwrap_or("");
    let level = [
        "tỉnh",
        "huyện",
        "quận",
        "xã",
        "phường",
        "phố",
        "thị",
        "trấn",
    ]
    .contains(&last);
    let opens_next = lower(last)
        && lower(next)
        && !level
        && (name_syllable(next) || NOT_NAME_WORDS.contains(&next))
        && compound(last, next)
        && !compound(prev, last);
    if opens_next && head.contains(char::is_whitespace) {
        start + head.trim_end().len()
    } else {
        end
    }
}

/// The end of a committee's name that goes on with its topic in capitals (`Ban Chỉ đạo Nhà
/// nước` + `về Du lịch`, `Hội đồng Quốc gia` + `về Giáo dục`): a committee head, `về`, then a
/// capitalised word that opens no document type (`về Kế hoạch …` is what it is about) and no
/// unit; `end` otherwise.
pub(super) fn topic_after(text: &str, start: usize, end: usize, limit: usize) -> usize {
    let name = &text[start..end];
    let committee = ["Ban Chỉ đạo", "Hội đồng", "Ủy ban", "Uỷ ban"]
        .iter()
        .any(|h| name.starts_with(h))
        && !name.contains("nhân dân")
        // The Assembly's committees are named before it (`Ủy ban Thường vụ Quốc hội` + `về
        // Ưu đãi người có công`: a cited ordinance's subject).
        && !name.ends_with("Quốc hội");
    // `Ban Chỉ đạo` + `chuyển đổi số tỉnh`: a kind of body whose lower-case name runs to a
    // level.
    // `Văn phòng` + `Ban Chỉ đạo phòng, chống tham nhũng … tỉnh`: the office's committee.
    let kind = name.strip_prefix("Văn phòng ").unwrap_or(name);
    if let Some(k) = kind_prefix(kind) {
        let at = start + (name.len() - kind.len()) + k;
        if let Some(e) = text[at..]
            .strip_prefix(' ')
            .filter(|r| !r.starts_with("về "))
            .and_then(|_| level_run(text, at + 1, true))
        {
            let e = national_after(text, level_after(text, e));
            if e <= limit {
                return e;
            }
        }
    }
    let Some(r) = text[end..].strip_prefix(" về ") else {
        return end;
    };
    let w = word(r);
    if committee && !capitalised(w) {
        let at = text.len() - r.len();
        return lower_topic(text, at).filter(|&e| e <= limit).unwrap_or(end);
    }
    let doc_type = super::super::citations::doc_types()
        .iter()
        .any(|t| r.starts_with(t.0));
    if !committee || !capitalised(w) || doc_type || starts_unit(r) || HEADS.contains(&w) {
        return end;
    }
    let mut e = end + " về ".len() + w.len();
    e = syllables_after(text, e);
    e = extend_capitalised(text, e);
    if e <= limit {
        e
    } else {
        end
    }
}

/// The end of a committee's topic in lower case starting at `at` (after `về`): listed unit
/// words closed by the clause's end or a verb (`về du lịch;`), or a list of lower-case words
/// closed by a level and its place (`về phát triển khoa học, công nghệ và chuyển đổi số tỉnh
/// Đồng Tháp`); `None` for what a report is about (`về kết quả thực hiện`).
fn lower_topic(text: &str, at: usize) -> Option<usize> {
    level_topic(text, at).or_else(|| listed_topic(text, at))
}

/// A topic of listed unit words closed by the clause's end or a verb (`về du lịch;`).
fn listed_topic(text: &str, at: usize) -> Option<usize> {
    let e = extend_unit_name(text, at - 1);
    if e > at - 1 {
        let r = &text[e..];
        let next = r.strip_prefix(' ').map(word);
        let closed = r.is_empty()
            || r.starts_with([',', ';', '.', '\n', ')', ':'])
            || next.is_some_and(|w| NOT_NAME_WORDS.contains(&w));
        if closed {
            return Some(e);
        }
    }
    None
}

/// A list of lower-case words closed by a level and its place.
fn level_topic(text: &str, at: usize) -> Option<usize> {
    // A list of lower-case words, parted by spaces, `, ` or `và`, up to a level word.
    let mut e = at;
    let mut words = 0;
    loop {
        let r = &text[e..];
        let w = word(r);
        if w.is_empty() || words > 20 {
            return None;
        }
        if LEVEL_WORDS.iter().any(|l| {
            r.strip_prefix(l)
                .is_some_and(|x| !x.starts_with(crate::charclass::is_alnum))
        }) {
            let level_end = level_after(text, text[..e].trim_end().len());
            return (words >= 2 && level_end > e).then_some(level_end);
        }
        if !name_syllable(w) && w != "và" {
            return None;
        }
        words += 1;
        e += w.len();
        let r = &text[e..];
        let sep = [", ", " "].iter().find(|s| r.starts_with(**s))?;
        e += sep.len();
    }
}

/// The end after one more two-syllable word of lower case (`Thiết bị` + `y tế`) when the name
/// ends or visibly goes on after it; `end` otherwise.
fn compound_after(text: &str, end: usize) -> usize {
    let Some(r) = text[end..].strip_prefix(' ') else {
        return end;
    };
    let a = word(r);
    let Some(r2) = r[a.len()..].strip_prefix(' ') else {
        return end;
    };
    let b = word(r2);
    let lower = |w: &str| !w.is_empty() && w.chars().all(crate::charclass::is_lower);
    if !(lower(a) && lower(b) && name_syllable(a) && name_syllable(b) && compound(a, b)) {
        return end;
    }
    let e = end + 1 + a.len() + 1 + b.len();
    if name_goes_on(&text[e..], true) {
        e
    } else {
        end
    }
}

/// Verbs that follow an organisation as its sentence's predicate (`Sở Nội vụ tổng hợp`), one
/// or two syllables; not `thông tin` nor `kế hoạch`, which end many names (`Trung tâm Công
/// nghệ thông tin`).
const VERBS: [&str; 22] = [
    "ban hành",
    "báo cáo",
    "chủ trì",
    "cung cấp",
    "duyệt",
    "đề nghị",
    "giải quyết",
    "hướng dẫn",
    "kiểm tra",
    "phối hợp",
    "quyết định",
    "rà soát",
    "tham mưu",
    "theo dõi",
    "thẩm định",
    "thông báo",
    "thực hiện",
    "tiếp nhận",
    "tổ chức",
    "tổng hợp",
    "triển khai",
    "ưu tiên",
];

/// The length of `name` without a verb at its end that follows a capitalised word (`Cục Bưu
/// điện Trung ương` + `tổng hợp`, `Phòng Báo chí và Xuất bản` + `duyệt`): the verb is the
/// sentence's. After lower-case name words (`Cục Công nghiệp công nghệ thông tin`) a verb-like
/// word is the name's own and stays.
pub(super) fn verb_tail(name: &str) -> usize {
    for v in VERBS {
        let Some(head) = name.strip_suffix(v).and_then(|h| h.strip_suffix(' ')) else {
            continue;
        };
        // The word before the verb is capitalised, or the second syllable of one (`Trung
        // ương`, `Xuất bản`), and a head word and a name stay before it.
        let mut ws = head.rsplit(' ');
        let (Some(w1), Some(w2)) = (ws.next(), ws.next()) else {
            return name.len();
        };
        let cap = |w: &str| w.starts_with(crate::charclass::is_upper);
        if cap(w1) || (cap(w2) && w1.starts_with(crate::charclass::is_lower)) {
            return head.len();
        }
        return name.len();
    }
    name.len()
}

/// The end of the name `[start, end)` without a list label at its end (`… Việt Nam` + ` a)`
/// where the next item begins on the same line): a one-letter word closed by `)`.
pub(super) fn label_tail(text: &str, start: usize, end: usize) -> usize {
    let name = &text[start..end];
    match name.rsplit_once(' ') {
        Some((head, last))
            if last.chars().count() == 1
                && last.chars().all(|c| c.is_lower())
                && text[end..].starts_with(')')
                && head.contains(' ') =>
        {
            start + head.len()
        }
        _ => end,
    }
}

/// `Chính phủ điện tử`, `Chính phủ số`: e-government, a way of working, not the Government.
pub(super) fn e_government(name: &str, rest: &str) -> bool {
    let Some(after) = rest.strip_prefix(' ') else {
        return false;
    };
    let digital = after.strip_prefix("số").is_some_and(|r| {
        !r.starts_with(crate::charclass::is_alnum) && !r.trim_start().starts_with(char::is_numeric)
    });
    name == "Chính phủ" && (after.starts_with("điện tử") || digital)
}

/// Two-word heads that `số` (digital) follows and `sở` (a department) never does: `công nghệ
/// số`, `chuyển đổi số`.
const DIGITAL: [&str; 7] = [
    "công nghệ",
    "chuyển đổi",
    "kinh tế",
    "chính phủ",
    "dữ liệu",
    "hạ tầng",
    "nền tảng",
];

/// A name or item with `số` restored where English OCR's `so` was read as the department
/// `sở` after a head of digital (`Trung tâm … Công nghệ sở TP` -> `Công nghệ số TP`).
pub(crate) fn digital_so(value: &str) -> String {
    // Without `sở` there is nothing to read otherwise.
    if !value.contains("sở") {
        return value.trim_end().to_string();
    }
    let words: Vec<&str> = value.split(' ').collect();
    let mut s = String::with_capacity(value.len());
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        let digital = k >= 2 && {
            let head = format!("{} {}", words[k - 2], words[k - 1]).to_lowercase();
            DIGITAL.contains(&head.as_str())
        };
        let core = w.trim_end_matches(|c: char| !c.is_alpha());
        if digital && core == "sở" {
            // The word's own trailing signs stay with it; the next word stays apart.
            s.push_str("số");
            s.push_str(&w[core.len()..]);
        } else {
            s.push_str(w);
        }
    }
    s.trim_end().to_string()
}

/// A name's value with English OCR's misreadings that restoration keeps read back: `so`
/// before a number is `số` (`Chi nhánh so 1`); `ở` between a name's words before a capital is
/// the `&` OCR printed for it and restoration read as the common word (`Thể thao ở Du lịch`:
/// restoration is right about `nhà & xã hội`, never inside a name).
pub(crate) fn ocr_words_read(value: &str) -> String {
    let words: Vec<&str> = value.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        let next = words.get(k + 1);
        if k > 0 && *w == "so" && next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        {
            out.push("số");
        } else if k > 0 && *w == "ở" && next.is_some_and(|n| n.starts_with(char::is_uppercase)) {
            out.push("&");
        } else {
            out.push(w);
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    /// A listed name ends where it is listed: a word the next syllables open with its last
    /// one (`chính` + `xác định`) is the sentence's.
    #[test]
    fn listed_name_takes_no_chain() {
        use super::super::values;
        assert_eq!(
            values("Bộ Công Thương, Bộ Tài chính xác định các yếu tố cấu thành giá."),
            vec!["Bộ Công Thương", "Bộ Tài chính"]
        );
    }

    /// Glue and verbs end a name (`hoặc`, `gồm`, `nơi`); a one-letter name takes no lower-case
    /// word after it unless the two are a word (`Bộ Y tế`).
    #[test]
    fn glue_and_letters_end_a_name() {
        use super::super::values;
        assert_eq!(
            values("Hồ sơ gửi Cục Thuế hoặc Cục Hải quan; Hội đồng Tư vấn gồm: Thủ trưởng."),
            vec!["Cục Thuế", "Cục Hải quan", "Hội đồng Tư vấn"]
        );
        assert_eq!(
            values("Phòng Quản trị lên kế hoạch; Mặt trận Tổ quốc và các đoàn thể."),
            vec!["Phòng Quản trị", "Mặt trận Tổ quốc"]
        );
        assert_eq!(
            values("Chuyên viên Phòng A nhập điểm thi; Bộ Y tế ban hành; gửi Chi cục Hải quan nơi cấp phiếu."),
            vec!["Phòng A", "Bộ Y tế", "Chi cục Hải quan"]
        );
    }

    #[test]
    fn e_government_is_no_body() {
        use super::super::values;
        assert_eq!(
            values("Xây dựng Chính phủ điện tử, Chính phủ số theo Nghị quyết của Chính phủ."),
            vec!["Chính phủ"]
        );
        assert_eq!(
            values("Nghị quyết của Chính phủ số 01/NQ-CP ngày 8/1/2025."),
            vec!["Chính phủ"]
        );
    }

    #[test]
    fn digital_after_its_heads() {
        use super::digital_so;
        assert_eq!(
            digital_so("Trung tâm Dữ liệu và Công nghệ sở tỉnh"),
            "Trung tâm Dữ liệu và Công nghệ số tỉnh"
        );
        assert_eq!(
            digital_so("Ban Chỉ đạo chuyển đổi sở;"),
            "Ban Chỉ đạo chuyển đổi số;"
        );
        assert_eq!(digital_so("Văn phòng sở"), "Văn phòng sở");
        // A printed `số` keeps the word after it apart.
        assert_eq!(digital_so("Cục Dân số (để b/c)"), "Cục Dân số (để b/c)");
        assert_eq!(digital_so("Phòng Kinh tế Sở"), "Phòng Kinh tế Sở");
    }

    use super::super::values;

    #[test]
    fn a_name_takes_the_rest_of_a_run_of_words() {
        // A lower-case syllable that closes one word and opens the next: the name goes on
        // through the next (and through a run of them after a capitalised syllable).
        let v = values(
            "Hồ sơ gửi Chi nhánh Văn phòng đăng ký đất đai trong ngày; học sinh Trường Trung \
             học phổ thông chuyên Hùng Vương dự thi; báo cáo của Viện Bảo tồn động vật và Đa \
             dạng sinh học gửi Sở.",
        );
        assert_eq!(
            v,
            vec![
                "Chi nhánh Văn phòng đăng ký đất đai",
                "Trường Trung học phổ thông chuyên Hùng Vương",
                "Viện Bảo tồn động vật và Đa dạng sinh học",
            ]
        );
    }

    #[test]
    fn unspaced_dashes_party_committees_and_places() {
        // A capitalised part after a dash without spaces is the name's, an abbreviation the
        // parent's; a Party committee named by its body in capitals; a head word inside a
        // commune's name is the place's.
        let v = values(
            "Đề nghị Vụ Kế hoạch-Tài chính và Cục Quản lý TTHC-VPCP báo cáo; cán bộ Đảng ủy \
             Các cơ quan Đảng tỉnh nghỉ hưu; xã Tân Hội Đông và xã Bình Phòng Tây sáp nhập.",
        );
        assert_eq!(
            v,
            vec![
                "Vụ Kế hoạch-Tài chính",
                "Cục Quản lý TTHC",
                "Đảng ủy Các cơ quan Đảng tỉnh",
            ]
        );
    }

    #[test]
    fn a_verb_after_a_capitalised_word_is_the_sentence_s() {
        // The verb after a name ending in a capitalised word is cut; lower-case name words
        // keep a verb-like word of theirs.
        let v = values(
            "Cục Bưu điện Trung ương tổng hợp số liệu; lãnh đạo Phòng Báo chí và Xuất bản duyệt \
             hồ sơ; Cục Công nghiệp công nghệ thông tin tham gia.",
        );
        assert_eq!(
            v,
            vec![
                "Cục Bưu điện Trung ương",
                "Phòng Báo chí và Xuất bản",
                "Cục Công nghiệp công nghệ thông tin"
            ]
        );
        // A list label after a name is the next item's.
        let v = values("Hợp đồng đã ký với Tập đoàn Điện lực Việt Nam a) Trường hợp khác.");
        assert_eq!(v, vec!["Tập đoàn Điện lực Việt Nam"]);
    }

    #[test]
    fn committees_with_lower_case_topics() {
        // A lower-case topic closed by a level and its place, or listed unit words closed by
        // the clause, belong to the committee; what a report is about does not.
        let v = values(
            "Ban Chỉ đạo về phát triển nông nghiệp, nông thôn và kinh tế số tỉnh Hà Giang chủ \
             trì; báo cáo Ban Chỉ đạo về kết quả thực hiện; Ban Chỉ đạo Quốc gia về dân tộc; \
             Văn phòng Ban Chỉ đạo tỉnh về tình hình các xã.",
        );
        assert_eq!(
            v,
            vec![
                "Ban Chỉ đạo về phát triển nông nghiệp, nông thôn và kinh tế số tỉnh Hà Giang",
                "Ban Chỉ đạo Quốc gia về dân tộc",
                "Văn phòng Ban Chỉ đạo tỉnh"
            ]
        );
    }

    #[test]
    fn museums_hospitals_and_old_towns() {
        // `Bảo tàng`, `Bệnh viện` head a name; `thị` goes on a name unless `xã` follows.
        let v = values(
            "Giao Bảo tàng Lịch sử Quốc gia và Phòng Bảo tồn Di sản Đô thị cổ Hội An phối hợp \
             với Bệnh viện Đa khoa tỉnh.",
        );
        assert_eq!(
            v,
            vec![
                "Bảo tàng Lịch sử Quốc gia",
                "Phòng Bảo tồn Di sản Đô thị cổ Hội An",
                "Bệnh viện Đa khoa tỉnh"
            ]
        );
    }

    #[test]
    fn the_assemblys_committee_takes_no_topic() {
        assert_eq!(
            values(
                "Căn cứ Pháp lệnh số 02/2020/UBTVQH14 của Ủy ban Thường vụ Quốc hội về Ưu đãi \
                 người có công; Ủy ban Quốc gia về Người cao tuổi Việt Nam phối hợp."
            ),
            vec![
                "Ủy ban Thường vụ Quốc hội",
                "Ủy ban Quốc gia về Người cao tuổi Việt Nam"
            ]
        );
    }

    #[test]
    fn names_end_between_words() {
        let v = values(
            "Giao Cục Hạ tầng và Thiết bị y tế; Trung tâm Bảo tồn Di sản Văn hóa thế giới Mỹ \
             Sơn chủ trì; Ban Chỉ đạo phát triển du lịch họp; Ban Chỉ đạo Nhà nước về Biển \
             Đông; Hội đồng Thi đua về Kế hoạch năm; Ban Chỉ đạo Nhà nước về Du lịch ban hành quy chế.",
        );
        assert_eq!(
            v,
            vec![
                "Cục Hạ tầng và Thiết bị y tế",
                "Trung tâm Bảo tồn Di sản Văn hóa thế giới Mỹ Sơn",
                "Ban Chỉ đạo Nhà nước về Biển Đông",
                "Hội đồng Thi đua",
                "Ban Chỉ đạo Nhà nước về Du lịch"
            ]
        );
    }
}
