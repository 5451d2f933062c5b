//! Unit names written in lower case after their head word (`Vụ pháp chế`, `Trung tâm truyền
//! thông dữ liệu và công nghệ số`, `Ban quản lý Khu …`): the head word and listed unit words.

use super::*;

/// A capitalised head word and a lower-case word after it: a candidate that `lower_name`
/// keeps only when listed unit words (or a committee's kind) follow the head.
pub(super) const LOWER: &str =
    r"(?:Vụ|Cục|Chi\s+cục|Ban|Phòng|Sở|Viện|Trung\s+tâm|Hội\s+đồng|Văn\s+phòng)\s+\p{Ll}+";

/// The kinds of committee whose second word is lower case (`Ban quản lý`, `Ban chỉ đạo`):
/// the name goes on after them, or `bare_kind` drops it.
const KINDS: [&str; 4] = ["chỉ đạo", "quản lý", "chỉ huy", "điều hành"];

/// Whether `r` (after `Ban`) opens with a committee's kind in lower case (` chỉ đạo`).
pub(super) fn lower_kind(r: &str) -> bool {
    r.strip_prefix(' ').is_some_and(|r| {
        KINDS.iter().any(|k| {
            r.strip_prefix(k)
                .is_some_and(|x| !x.starts_with(crate::charclass::is_alnum))
        })
    })
}

/// Whether `name` is a board's kind in lower case with its topic after it (`Ban chỉ đạo
/// phòng thủ dân sự`): a board named by what it steers, so `quốc gia` after it is its own.
pub(super) fn kind_with_topic(name: &str) -> bool {
    name.strip_prefix("Ban").is_some_and(|r| {
        lower_kind(r)
            && KINDS
                .iter()
                .filter_map(|k| r[1..].strip_prefix(k))
                .any(|t| t.starts_with(' ') && t.len() > 1)
    })
}

/// The end of a lower-case unit name whose head word starts at `start` and whose match ends
/// at `end` (after the first lower-case word): the head, then listed unit words joined by
/// spaces or `và`, or a committee's kind; `None` when the word after the head is none of these.
pub(super) fn lower_name(text: &str, start: usize, end: usize) -> Option<usize> {
    let m = &text[start..end];
    let head_end = start + m.rfind(char::is_whitespace)?;
    let head_end = text[..head_end].trim_end().len();
    let r = text[head_end..].strip_prefix(' ')?;
    // `Hội đồng thi đua khen thưởng` + `tỉnh`: a body's lower-case name closed by a level.
    let closed = LEVEL_HEADED
        .iter()
        .any(|h| m.starts_with(h))
        .then(|| level_run(text, head_end + 1, false))
        .flatten();
    if m.starts_with("Hội đồng") || m.starts_with("Văn phòng") {
        return closed;
    }
    if m.starts_with("Ban ") {
        if let Some(k) = KINDS.iter().find(|k| {
            r.strip_prefix(**k)
                .is_some_and(|x| !x.starts_with(crate::charclass::is_alnum))
        }) {
            let kind_end = head_end + 1 + k.len();
            let e = extend_unit_name(text, kind_end);
            // `Ban chỉ đạo` + `chuyển đổi số tỉnh`.
            let run = text[kind_end..]
                .strip_prefix(' ')
                .and_then(|_| level_run(text, kind_end + 1, true));
            return Some(run.map_or(e, |c| c.max(e)));
        }
    }
    let e = extend_unit_name(text, head_end);
    let e = closed.map_or(e, |c| c.max(e));
    (e > head_end).then_some(e)
}

/// The heads whose lower-case name may run to a level (`Ban chỉ đạo chuyển đổi số` + `tỉnh`):
/// kinds of board, council, office and centre that each province has one of.
const LEVEL_HEADED: [&str; 4] = ["Ban ", "Hội đồng", "Văn phòng", "Trung tâm"];

/// The end of a run of two to twenty lower-case name words starting at `at` (parted by spaces,
/// `, ` or `và`) when a level word follows it (`phát triển khoa học, công nghệ và chuyển đổi
/// số` + ` tỉnh`): the run is a body's name, and the level and place are `level_after`'s.
/// With `verbs` (after a committee's kind, `Ban Chỉ đạo`), a verb that opens a two-syllable
/// word goes on it (`xây dựng nông thôn mới`). `None` when a verb, a set word, a word of
/// the sentence (`trên địa bàn`) or a capitalised word comes first.
pub(super) fn level_run(text: &str, at: usize, verbs: bool) -> Option<usize> {
    let mut e = at;
    let mut words = 0;
    loop {
        let r = &text[e..];
        let w = word(r);
        if w.is_empty() || words > 20 || RUN_STOPS.contains(&w) {
            return None;
        }
        // Listed unit words first (`công trình`, whose `trình` alone is a verb; `xã hội`).
        let unit = unit_word_at(r);
        let level = unit.is_none()
            && LEVEL_WORDS.iter().any(|l| {
                r.strip_prefix(l)
                    .is_some_and(|x| !x.starts_with(crate::charclass::is_alnum))
            });
        if level {
            let end = text[..e].trim_end().len();
            let closed = words >= 2
                && !text[..end].ends_with(',')
                && !text[..end].ends_with(" và")
                && level_after(text, end) > end;
            return closed.then_some(end);
        }
        // `Ban chỉ đạo phòng chống thiên tai` + `quốc gia`: a board's topic closed by the
        // nation, as by a level (`national_after` takes it).
        if verbs && words >= 2 && !text[..e].trim_end().ends_with(',') {
            if let Some(x) = r.strip_prefix("quốc gia") {
                if !x.starts_with(crate::charclass::is_alnum) && !text[..e].ends_with(" và ") {
                    return Some(text[..e].trim_end().len());
                }
            }
        }
        let next = r[w.len()..].strip_prefix(' ').map(word).unwrap_or("");
        let verb = verbs
            && NOT_NAME_WORDS.contains(&w)
            && !matches!(
                w,
                "có" | "của" | "do" | "là" | "mà" | "sẽ" | "theo" | "thì" | "tại"
            )
            && !matches!(
                w,
                "về" | "với" | "đang" | "được" | "đã" | "sau" | "trước" | "nên"
            )
            && name_syllable(next)
            && compound(w, next);
        let n = match unit {
            Some(n) => n,
            None if name_syllable(w) || w == "và" || verb => w.len(),
            None => return None,
        };
        words += r[..n].split(' ').count();
        e += n;
        let r = &text[e..];
        let sep = [", ", " "].iter().find(|s| r.starts_with(**s))?;
        e += sep.len();
    }
}

/// Words of a sentence before a level (`trên địa bàn tỉnh`, `toàn tỉnh`), never a name's.
const RUN_STOPS: [&str; 7] = ["trên", "dưới", "địa", "toàn", "mỗi", "từng", "ngoài"];

/// Whether a lower-case name is a kind of centre or board (`Trung tâm y tế`, `Ban quản lý
/// dự án`), which many places have, unlike a ministry's department (`Vụ pháp chế`); a board
/// written before its council (`rest`: `Ban pháp chế` + ` Hội đồng nhân dân tỉnh`) is that
/// council's, one name with it.
pub(super) fn kind_in_lower_case(name: &str, rest: &str) -> bool {
    (name.starts_with("Trung tâm") || name.starts_with("Ban "))
        && ![" Hội đồng nhân dân ", " HĐND "]
            .iter()
            .any(|c| rest.starts_with(c))
}

/// The end of a named steering committee's object written after it (`Ban Chỉ đạo Nhà nước`
/// then `các công trình, dự án trọng điểm ngành năng lượng`): `các` and a list of lower-case
/// words, four or more with a comma, closed by a bracket, the clause's end or `và` and a word
/// that no name takes (`và các cơ quan`); `end` otherwise.
pub(super) fn object_after(text: &str, start: usize, end: usize, limit: usize) -> usize {
    let name = &text[start..end];
    let found = level_of_committee(text, start, end)
        .or_else(|| zones_after(text, start, end))
        .or_else(|| line_rest(text, start, end))
        .or_else(|| described_to_level(text, start, end));
    if let Some(e) = found {
        if e <= limit {
            return e;
        }
    }
    let named = name
        .strip_prefix("Ban Chỉ đạo ")
        .or_else(|| name.strip_prefix("Ban chỉ đạo "))
        .is_some_and(|r| capitalised(word(r)));
    let Some(r) = text[end..].strip_prefix(" các ") else {
        return end;
    };
    if !named {
        return end;
    }
    let mut at = text.len() - r.len();
    let (mut words, mut commas) = (0, 0);
    while words <= 20 {
        let r = &text[at..];
        match unit_word_at(r) {
            Some(n) => at += n,
            None if name_syllable(word(r)) => at += word(r).len(),
            None => return end,
        }
        words += 1;
        let r = &text[at..];
        if let Some(x) = r.strip_prefix(", ") {
            commas += 1;
            at = text.len() - x.len();
            continue;
        }
        let closed = r.is_empty()
            || r.starts_with([';', '.', '\n', ')', '”', '"'])
            || r.starts_with(" (")
            || r.strip_prefix(" và ")
                .is_some_and(|x| !name_syllable(word(x)));
        if closed {
            return if words >= 4 && commas >= 1 && at <= limit {
                at
            } else {
                end
            };
        }
        match r.strip_prefix(' ') {
            Some(x) => at = text.len() - x.len(),
            None => return end,
        }
    }
    end
}

/// The end of a named steering committee's level (`Ban Chỉ đạo Dân số và Phát triển` + ` cấp
/// thành phố`): a province's or city's committee of that name is one body, unlike the
/// centres of every district (`Trung tâm Y tế cấp huyện`); `None` otherwise.
fn level_of_committee(text: &str, start: usize, end: usize) -> Option<usize> {
    let name = &text[start..end];
    let r = name
        .strip_prefix("Ban Chỉ đạo ")
        .or_else(|| name.strip_prefix("Ban chỉ đạo "))?;
    if !capitalised(word(r)) {
        return None;
    }
    let rest = &text[end..];
    [" cấp tỉnh", " cấp thành phố"].iter().find_map(|l| {
        rest.strip_prefix(l)
            .filter(|x| !x.starts_with(crate::charclass::is_alnum))
            .map(|_| end + l.len())
    })
}

/// The end of a managing board's name that goes on with what it manages (`Ban Quản lý` +
/// `các khu chế xuất và công nghiệp Cần Thơ`, `Ban Quản lý dự án` + `các công trình dân dụng
/// tỉnh`): `các` and lower-case name words closed by a level and its place or by a listed
/// place; `None` otherwise.
fn zones_after(text: &str, start: usize, end: usize) -> Option<usize> {
    if !text[start..end].to_lowercase().starts_with("ban quản lý") {
        return None;
    }
    let r = text[end..].strip_prefix(" các ")?;
    let at = text.len() - r.len();
    if let Some(e) = level_run(text, at, false) {
        return Some(level_after(text, e));
    }
    // Up to a listed place (`Cần Thơ`).
    let mut e = at;
    for words in 0..12 {
        let r = &text[e..];
        if let Some(n) = place_at(r) {
            return (words >= 1).then_some(e + n);
        }
        let w = word(r);
        if !name_syllable(w) && w != "và" {
            return None;
        }
        e += w.len();
        let sep = [", ", " "].iter().find(|s| text[e..].starts_with(**s))?;
        e += sep.len();
    }
    None
}

/// The end of a line that holds a unit's name alone (`Phòng Hướng dẫn` + ` tham quan`, one
/// item of a list of units, one a line): up to four lower-case words after the name (no glue),
/// then the line's end (a closing sign allowed) and a next line that is no continuation.
fn line_rest(text: &str, start: usize, end: usize) -> Option<usize> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let lead = text[line_start..start].trim();
    if !matches!(lead, "" | "-" | "+" | "–" | "•" | "*") || kind_prefix(&text[start..end]).is_some()
    {
        return None;
    }
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    if text[line_start..line_end].chars().count() > 80 {
        return None;
    }
    // A name closed by a proper name (`… tỉnh Nghệ An`, `… Hồ Chí Minh`) is whole: lower-case
    // words after it are the sentence's (`chi trả chế độ.`), as is a verb or glue word.
    // So is a name closed by its level (`Hội đồng Thi đua - Khen thưởng tỉnh` + `xét …`).
    let last = text[start..end].rsplit(' ').next().unwrap_or("");
    if last.starts_with(crate::charclass::is_upper) || LEVEL_ENDS.contains(&last) {
        return None;
    }
    // A line without a list sign that ends a sentence is one (`Tạp chí Cộng sản đăng bài.`),
    // unless it closes a list of units written one a line.
    if lead.is_empty() && text[end..line_end].trim_end().ends_with('.') {
        let before = &text[..line_start.saturating_sub(1)];
        let mut lo = before.len().saturating_sub(160);
        while !before.is_char_boundary(lo) {
            lo += 1;
        }
        let window = &before[lo..];
        let prev = match window.rfind('\n') {
            Some(i) => &window[i + 1..],
            None if lo == 0 => window,
            None => "",
        };
        if !starts_unit(prev) {
            return None;
        }
    }
    let rest = text[end..line_end].trim_end_matches([';', '.', ',', ':', ' ']);
    let words: Vec<&str> = rest.strip_prefix(' ')?.split(' ').collect();
    let next_line = text[line_end..].trim_start_matches('\n');
    let ok = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().all(crate::charclass::is_lower) && !w.is_empty() && !LINE_GLUE.contains(w)
        })
        && !next_line.starts_with(crate::charclass::is_lower);
    ok.then_some(end + rest.len())
}

/// The end of a council's, centre's, fund's or office's name that goes on with lower-case
/// words of what it does up to its level (`Hội đồng Giáo dục` + ` quốc phòng và an ninh tỉnh`,
/// `Trung tâm Xúc tiến đầu tư` + `, thương mại và du lịch tỉnh`): one to eight name words
/// (a list after a comma closed by `và`), then the level and its place; `None` otherwise.
fn described_to_level(text: &str, start: usize, end: usize) -> Option<usize> {
    const HEADS: [&str; 9] = [
        "Hội đồng ",
        "Trung tâm ",
        "Quỹ ",
        "Văn phòng ",
        "Bệnh viện ",
        "Trường ",
        "Đài ",
        "Liên đoàn ",
        "Hội ",
    ];
    let name = &text[start..end];
    if !HEADS.iter().any(|h| name.starts_with(h)) {
        return None;
    }
    let (at, listed) = match text[end..].strip_prefix(", ") {
        Some(_) => (end + 2, true),
        None => (end + 1, false),
    };
    if !text[end..].starts_with([' ', ',']) {
        return None;
    }
    let run = level_run(text, at, false)?;
    let words = text[at..run].split([' ', ',']).filter(|w| !w.is_empty());
    let n = words.clone().count();
    let ok = n <= 8 && (!listed || words.clone().any(|w| w == "và"));
    ok.then(|| level_after(text, run))
}

/// Level words that close a unit's name (`… tỉnh`, `… thành phố`).
const LEVEL_ENDS: [&str; 7] = ["tỉnh", "phố", "huyện", "quận", "xã", "phường", "trấn"];

/// Words that make a line after a unit's name a sentence, not the rest of the name.
const LINE_GLUE: [&str; 20] = [
    "và", "của", "các", "có", "là", "được", "đã", "đang", "sẽ", "tại", "theo", "với", "cho", "thì",
    "mà", "này", "đó", "để", "về", "không",
];

/// The length of `, ` and a list of lower-case words closed by `và` and the clause's end,
/// when a function-named unit goes on with its other functions (`Cục Quản lý` + `, giám sát
/// giá, phí và lệ phí;`); `None` for the sentence's own words (`, các đơn vị`, `, có …`).
pub(super) fn lower_list(rest: &str) -> Option<usize> {
    let r = rest.strip_prefix(", ")?;
    let clause = &r[..r.find([';', '.', '\n', '(', ')']).unwrap_or(r.len())];
    let clause = clause.trim_end();
    if clause.len() == r.len() && !r.is_empty() && !r.ends_with(crate::charclass::is_alpha) {
        return None;
    }
    let words: Vec<&str> = clause.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let ok = (3..=12).contains(&words.len())
        && words.contains(&"và")
        && words.last() != Some(&"và")
        && words.iter().all(|w| *w == "và" || name_syllable(w))
        && !clause.contains(",,");
    ok.then(|| ", ".len() + clause.len())
}

#[cfg(test)]
mod tests {
    use super::super::values;

    #[test]
    fn line_rest_stops_after_a_place_or_level() {
        // A one-line sentence after a name closed by a place or level keeps its own words;
        // a unit's lower-case rest alone on its line is still the name's.
        for (t, want) in [
            (
                "Bảo hiểm xã hội huyện Đức Thọ chi trả trợ cấp.",
                "Bảo hiểm xã hội huyện Đức Thọ",
            ),
            (
                "Hội đồng Giáo dục quốc phòng tỉnh họp định kỳ.",
                "Hội đồng Giáo dục quốc phòng tỉnh",
            ),
            ("- Phòng Hướng dẫn tham quan;", "Phòng Hướng dẫn tham quan"),
            (
                "Tạp chí Thanh niên đăng tải bài viết.",
                "Tạp chí Thanh niên",
            ),
        ] {
            assert_eq!(values(t), vec![want], "{t}");
        }
        // The last unit of a list written one a line keeps its rest before the full stop.
        assert_eq!(
            values("Phòng Tổ chức\nPhòng Hướng dẫn tham quan."),
            vec!["Phòng Tổ chức", "Phòng Hướng dẫn tham quan"]
        );
    }

    #[test]
    fn lower_case_unit_names() {
        // Listed unit words after a head word make a name, with its level; a verb after a
        // head word (`Sở vừa`) or a kind alone (`Ban quản lý`) makes none.
        let v = values(
            "Gửi Vụ pháp chế; Trung tâm dịch vụ việc làm tỉnh chủ trì; Sở vừa nhận; Ban quản lý \
             báo cáo; Ban quản lý Khu Kinh tế Vân Phong; các Trung tâm y tế, Ban quản lý dự án \
             và Trung tâm dữ liệu.",
        );
        assert_eq!(
            v,
            vec![
                "Vụ pháp chế",
                "Trung tâm dịch vụ việc làm tỉnh",
                "Ban quản lý Khu Kinh tế Vân Phong"
            ]
        );
        // A unit named by its functions goes on with their lower-case list to the clause's
        // end; a list that the sentence goes on after is the sentence's.
        let v = values(
            "Giao Cục Quản lý, giám sát giá, phí và lệ phí; Sở Y tế, cơ quan và đơn vị có liên \
             quan thực hiện.",
        );
        assert_eq!(
            v,
            vec!["Cục Quản lý, giám sát giá, phí và lệ phí", "Sở Y tế"]
        );
        // A board, council, office or centre whose lower-case name runs to a level is one
        // name with its level and place; without the level it is the sentence's.
        let v = values(
            "Ban chỉ đạo xây dựng nông thôn mới tỉnh Hà Giang họp; Hội đồng tư vấn chính sách \
             tỉnh góp ý; Ban Chỉ đạo giảm nghèo bền vững, an sinh xã hội và việc làm huyện chủ \
             trì; Ban Chỉ đạo họp định kỳ; Hội đồng xét duyệt hồ sơ của huyện; Trung tâm điều \
             hành đô thị thông minh thành phố Vinh.",
        );
        assert_eq!(
            v,
            vec![
                "Ban chỉ đạo xây dựng nông thôn mới tỉnh Hà Giang",
                "Hội đồng tư vấn chính sách tỉnh",
                "Ban Chỉ đạo giảm nghèo bền vững, an sinh xã hội và việc làm huyện",
                "Trung tâm điều hành đô thị thông minh thành phố Vinh"
            ]
        );
        // A board of zones closed by its place; a unit alone on its line keeps its
        // lower-case words.
        let v = values(
            "Giao Ban Quản lý các khu công nghiệp và kinh tế Bắc Ninh chủ trì; Ban Quản lý các \
             khu du lịch tỉnh phối hợp; Ban Quản lý các dự án.\nCác phòng gồm:\nPhòng Kiểm \
             định chất lượng\n- Phòng Tiếp đón khách;\nPhòng Nội vụ tổng hợp ý kiến của các \
             đơn vị trực thuộc và gửi Sở Tài chính trước ngày 15 tháng 6.",
        );
        assert_eq!(
            v,
            vec![
                "Ban Quản lý các khu công nghiệp và kinh tế Bắc Ninh",
                "Ban Quản lý các khu du lịch tỉnh",
                "Phòng Kiểm định chất lượng",
                "Phòng Tiếp đón khách",
                "Phòng Nội vụ",
                "Sở Tài chính"
            ]
        );
        // A council, centre or fund named with what it does runs to its level; a board goes
        // on with what it manages; the sentence's words after a name stay apart, and so does
        // a list without `và`.
        let v = values(
            "Mời Hội đồng Phối hợp phổ biến và giáo dục pháp luật tỉnh; Trung tâm Khuyến nông, \
             giống cây trồng và vật nuôi huyện; Ban Quản lý dự án giao thông các công trình \
             thủy lợi tỉnh; Hội đồng Thi đua đánh giá kết quả của huyện; Trung tâm Y tế \
             tiêm chủng trên địa bàn tỉnh; Trung tâm Văn hóa, \
             thể thao huyện.",
        );
        assert_eq!(
            v,
            vec![
                "Hội đồng Phối hợp phổ biến và giáo dục pháp luật tỉnh",
                "Trung tâm Khuyến nông, giống cây trồng và vật nuôi huyện",
                "Ban Quản lý dự án giao thông các công trình thủy lợi tỉnh",
                "Hội đồng Thi đua",
                "Trung tâm Y tế",
                "Trung tâm Văn hóa"
            ]
        );
        // A named steering committee takes its province's or city's level; the office of a
        // committee named in lower case runs to its level too.
        let v = values(
            "Ban Chỉ đạo Du lịch cấp thành phố họp; Văn phòng Ban Chỉ đạo phòng, chống \
             tham nhũng, lãng phí tỉnh chuẩn bị; Ban Chỉ đạo Bầu cử cấp xã.",
        );
        assert_eq!(
            v,
            vec![
                "Ban Chỉ đạo Du lịch cấp thành phố",
                "Văn phòng Ban Chỉ đạo phòng, chống tham nhũng, lãng phí tỉnh"
            ]
        );
        // Listed unit words of land, forest, disease-control and legal-aid units.
        let v = values(
            "Gửi Văn phòng đăng ký đất đai tỉnh; Chi cục kiểm lâm huyện; Trung tâm kiểm soát \
             bệnh tật thành phố; Trung tâm giáo dục thường xuyên tỉnh; Trung tâm trợ giúp \
             pháp lý tỉnh.",
        );
        assert_eq!(
            v,
            vec![
                "Văn phòng đăng ký đất đai tỉnh",
                "Chi cục kiểm lâm huyện",
                "Trung tâm kiểm soát bệnh tật thành phố",
                "Trung tâm giáo dục thường xuyên tỉnh",
                "Trung tâm trợ giúp pháp lý tỉnh"
            ]
        );
        // A named steering committee takes the list of what it steers.
        let v = values(
            "Ban Chỉ đạo Quốc gia các công trình, dự án trọng điểm ngành năng lượng (Ban Chỉ \
             đạo) và Ban chỉ đạo Nhà nước các dự án và các cơ quan.",
        );
        assert_eq!(
            v,
            vec![
                "Ban Chỉ đạo Quốc gia các công trình, dự án trọng điểm ngành năng lượng",
                "Ban chỉ đạo Nhà nước"
            ]
        );
    }
}
