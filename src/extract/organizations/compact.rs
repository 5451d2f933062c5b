//! English OCR leaves stray marks in and around names (`Văn'hóa`, `Thể thao.và`, `Chỉ} đạo`,
//! `Thường-vụ`, `Xây ‘dựng`, a line opening `* nhân dân`), runs of spaces, and blank lines inside
//! a wrapped paragraph. Names are found and read on a compact copy without them; a byte map takes
//! the copy's offsets back to the text's.

use crate::charclass::CharClass;

/// Marks that make up a junk token opening a line (a misread bullet or speck: `*`, `~`, `_`).
const LINE_JUNK: &[char] = &[
    '*', '~', '_', '|', '»', '«', '©', '•', '^', '¬', '"', '\'', '`',
];

/// Single quotes, which administrative text hardly uses: between letters or opening a word with
/// no closing one after it on the line, a speck.
const QUOTES: &[char] = &['\'', '‘', '’', '`'];

/// The text without OCR's stray marks, one space between words, and a wrapped paragraph's blank
/// lines left out; `map[i]` is the text's byte of the copy's byte `i`.
pub(super) struct Compact {
    pub(super) text: String,
    map: Vec<usize>,
}

impl Compact {
    pub(super) fn new(src: &str) -> Compact {
        let mut out = Compact {
            text: String::with_capacity(src.len()),
            map: Vec::with_capacity(src.len() + 1),
        };
        // A text with paragraphs on one line (a web page's) keeps its blank lines.
        let printed = !super::wraps::paragraph_lines(src);
        // Every cleaned line in one buffer, with the text's byte of each of its bytes: line
        // `i` is `lines.text[spans[i].1..spans[i].2]` and starts at the text's byte
        // `spans[i].0`.
        let mut lines = Compact {
            text: String::with_capacity(src.len()),
            map: Vec::with_capacity(src.len()),
        };
        let mut token = Vec::new();
        let spans: Vec<(usize, usize, usize)> = line_starts(src)
            .map(|(at, l)| {
                let s = lines.text.len();
                clean_line(l, at, &mut lines, &mut token);
                (at, s, lines.text.len())
            })
            .collect();
        let line = |i: usize| &lines.text[spans[i].1..spans[i].2];
        let mut i = 0;
        while i < spans.len() {
            let at = spans[i].0;
            if i > 0 {
                out.push('\n', at.saturating_sub(1));
            }
            let skip = if i > 0 {
                stray_opening(line(i - 1), line(i))
            } else {
                0
            };
            out.text.push_str(&line(i)[skip..]);
            out.map
                .extend_from_slice(&lines.map[spans[i].1 + skip..spans[i].2]);
            // `… Ủy ban nhân dân` / blank / `tỉnh xem xét`: the blank line of a wrapped
            // paragraph is left out, so the break is read as a wrap.
            if printed && !line(i).is_empty() {
                let next = (i + 1..spans.len().min(i + 3)).find(|&j| !line(j).is_empty());
                if let Some(j) = next.filter(|&j| j > i + 1) {
                    if across_blank(line(i), line(j)) {
                        i = j - 1;
                    }
                }
            }
            i += 1;
        }
        out.map.push(src.len());
        out
    }

    /// Appends `c`, each of its bytes mapped from the text's byte `at` on.
    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        match c.len_utf8() {
            1 => self.map.push(at),
            n => self.map.extend((0..n).map(|k| at + k)),
        }
    }

    /// Appends the text's `s`, which starts at its byte `at`, unchanged.
    fn push_str(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        self.map.extend(at..at + s.len());
    }

    /// The names `find` gives on the copy, as ranges of the text and values read on the copy
    /// (whitespace collapsed).
    pub(super) fn names(
        &self,
        find: impl Fn(&str) -> Vec<(usize, usize)>,
    ) -> Vec<(usize, usize, String)> {
        find(&self.text)
            .into_iter()
            .map(|(s, e)| {
                let v = self.text[s..e]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let (s, e) = self.range(s, e);
                (s, e, v)
            })
            .collect()
    }

    /// The text's byte range of the copy's non-empty range `s..e`.
    pub(super) fn range(&self, s: usize, e: usize) -> (usize, usize) {
        (self.map[s], self.map[e - 1] + 1)
    }
}

/// Words a paragraph's line may end on but no heading or paragraph does.
const CONNECTORS: [&str; 12] = [
    "và", "của", "với", "các", "cho", "về", "tại", "thuộc", "trong", "hoặc", "cùng", "những",
];

/// Whether line `a` wraps into line `b` across a blank line: as at the margin, and `b` goes on
/// in lower case (`Ủy ban nhân dân` / `tỉnh xem xét`) or `a` ends on a connecting word
/// (`Dân số và` / `Phát triển`); a line ending on a name (`… thành phố` / `Tăng cường …`) ends.
fn across_blank(a: &str, b: &str) -> bool {
    super::wraps::wrapped(a, b)
        && (b.starts_with(crate::charclass::is_lower)
            || a.split_whitespace()
                .next_back()
                .is_some_and(|w| CONNECTORS.contains(&w)))
}

/// Marks OCR prints for a speck opening a line that a list dash or a full stop cannot open.
const SPECKS: &[char] = &['-', '.', '—', '–'];

/// How many bytes open `line` as a speck: a dash or stop (and its space) before a word in
/// lower case, after a line that wraps into it (`… Ban Quản lý dự án đầu tư xây dựng` / `- thành
/// phố đẩy nhanh`): a list item after a line ending mid-sentence is no list's.
fn stray_opening(prev: &str, line: &str) -> usize {
    let Some(c) = line.chars().next() else {
        return 0;
    };
    if !SPECKS.contains(&c) {
        return 0;
    }
    let skip = c.len_utf8() + usize::from(line[c.len_utf8()..].starts_with(' '));
    if !line[skip..].chars().next().is_some_and(|x| x.is_lower()) {
        return 0;
    }
    if super::wraps::wrapped(prev, &line[skip..]) {
        skip
    } else {
        0
    }
}

/// The lines of `src` with their byte offsets.
fn line_starts(src: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    src.split('\n').map(move |l| {
        let s = at;
        at += l.len() + 1;
        (s, l)
    })
}

/// A line's characters (each byte with its text offset) without its stray marks, words one
/// space apart, appended to `all`; `token` is a buffer for one word's characters.
fn clean_line(line: &str, at: usize, all: &mut Compact, token: &mut Vec<(char, usize)>) {
    let start = all.text.len();
    let mut first = true;
    let base = line.as_ptr() as usize;
    // Sized once for the line (a token is two bytes or more with its space): no regrowth.
    let mut toks: Vec<&str> = Vec::with_capacity(line.len() / 2 + 1);
    toks.extend(line.split([' ', '\t', '\r']).filter(|t| !t.is_empty()));
    let keep = toks.len() - junk_tail(&toks);
    for &tok in &toks[..keep] {
        let off = at + (tok.as_ptr() as usize - base);
        if first && tok.chars().all(|c| LINE_JUNK.contains(&c)) {
            continue;
        }
        let rest_of_line = &line[off - at + tok.len()..];
        // Most words are kept as they are: no stray mark, no level or code to repair, no
        // `Số`; they are copied whole.
        if !has_marks(tok)
            && !level_may_follow(&all.text[start..], tok.chars().next())
            && !crate::extract::codes::may_hold_code(tok.chars())
            && tok != "Số"
        {
            if all.text.len() > start {
                all.push(' ', off.saturating_sub(1));
            }
            all.push_str(tok, off);
            first = false;
            continue;
        }
        clean_token(tok, off, first, rest_of_line, token);
        if token.is_empty() {
            continue;
        }
        let out = &all.text[start..];
        level_fixed(token, out);
        code_fixed(token);
        // `Giám đốc Số Văn hóa`: `Sở` (the same bytes but a tone's).
        if matches!(token[..], [('S', _), ('ố', _)]) {
            let prev = &out[out.rfind(' ').map_or(0, |k| k + 1)..];
            let next = rest_of_line.split_whitespace().next();
            if !prev.is_empty() && super::levels::department_misread(Some(prev), "Số", next) {
                token[1].0 = 'ở';
            }
        }
        if all.text.len() > start {
            all.push(' ', off.saturating_sub(1));
        }
        for (c, o) in token.drain(..) {
            all.push(c, o);
        }
        first = false;
    }
}

/// The last `n` characters of `s` (all of it when shorter).
fn last_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n - 1) {
        Some((k, _)) => &s[k..],
        None => s,
    }
}

/// Whether `tok` holds a mark `clean_token` reads (tested on bytes: the curly quotes' first
/// byte, 0xE2, opens other signs too, which take the long way).
fn has_marks(tok: &str) -> bool {
    tok.bytes()
        .any(|b| matches!(b, b'\'' | b'`' | b'.' | b'-' | b'}' | b'|' | 0xE2))
}

/// Whether a word opening on `first` may be a damaged level after the line so far, `out`:
/// only a lower-case word after a council's or committee's last letter (`UBND`, `HĐND`,
/// `nhân dân`) among the line's last characters (`LEVEL_BEFORE`).
fn level_may_follow(out: &str, first: Option<char>) -> bool {
    first.is_some_and(|c| c.is_lower()) && {
        let last = out
            .chars()
            .rev()
            .take(LEVEL_BEFORE)
            .find(|c| !c.is_whitespace());
        matches!(last, Some('D' | 'n'))
    }
}

/// The council before a level is a word or two: the line's last characters, so a line of any
/// length costs the same per word.
const LEVEL_BEFORE: usize = 24;

/// Marks a scan leaves after a line's last word (`… ban hành Kế hoạch ~`, `… Chính phủ _`).
const TAIL_JUNK: &[char] = &['~', '_', '|', '*', '»', '«', '©', '•', '^', '¬'];

/// How many tokens close a line as scan junk after its words: marks of `TAIL_JUNK` (dashes
/// among them), or two dash tokens or more (`của Văn - -`); one dash is a printed one (`Vụ
/// Pháp luật -` / `Văn phòng …`). So a line wrapped at the margin still ends on its word.
fn junk_tail(toks: &[&str]) -> usize {
    let dash = |c: char| matches!(c, '-' | '—' | '–');
    let n = toks
        .iter()
        .rev()
        .take_while(|t| t.chars().all(|c| dash(c) || TAIL_JUNK.contains(&c)))
        .count();
    let marks = toks[toks.len() - n..]
        .iter()
        .any(|t| t.chars().any(|c| TAIL_JUNK.contains(&c)));
    if n == toks.len() || !(marks || n >= 2) {
        0
    } else {
        n
    }
}

/// A damaged level word after a council (`HĐND phifing;`) as the level (`phường;`): its
/// first letter at the word's offset, the others at its last byte's, so ranges map back whole.
fn level_fixed(token: &mut Vec<(char, usize)>, out: &str) {
    // Most words end here, with nothing built.
    if !level_may_follow(out, token.first().map(|x| x.0)) {
        return;
    }
    let before = last_chars(out, LEVEL_BEFORE);
    let core = token.iter().take_while(|x| x.0.is_alpha()).count();
    if core == 0 || token[core..].iter().any(|x| x.0.is_alnum()) {
        return;
    }
    // Most words after a council are a level as printed or no level's (`tỉnh`, `các`).
    if !super::levels::may_be_damaged_level(token[..core].iter().map(|x| x.0)) {
        return;
    }
    // Nor is a word after `dân` that is no council's (`công dân`): nothing built for it.
    if !super::levels::before_level(before) {
        return;
    }
    let word: String = token[..core].iter().map(|x| x.0).collect();
    let before = format!("{before} ");
    let Some(level) = super::levels::damaged_level(&before, &word) else {
        return;
    };
    let (first, last) = (
        token[0].1,
        token[core - 1].1 + token[core - 1].0.len_utf8() - 1,
    );
    let fixed = level
        .chars()
        .enumerate()
        .map(|(k, c)| (c, if k == 0 { first } else { last }));
    token.splice(..core, fixed);
}

/// A damaged code (`HBND`, `Đoàn DBBQH&HĐND`) as the common code it stands for
/// (`crate::extract::codes`): a character past the token's length at its last byte's offset.
fn code_fixed(token: &mut Vec<(char, usize)>) {
    // Most words hold no code: the word is not built for them.
    if !crate::extract::codes::may_hold_code(token.iter().map(|x| x.0)) {
        return;
    }
    let word: String = token.iter().map(|x| x.0).collect();
    let Some(fixed) = crate::extract::codes::repaired_word(&word) else {
        return;
    };
    let Some(&(lc, lo)) = token.last() else {
        return;
    };
    let last = lo + lc.len_utf8() - 1;
    let n = token.len();
    let offsets: Vec<usize> = token.iter().map(|x| x.1).collect();
    *token = fixed
        .chars()
        .enumerate()
        .map(|(k, c)| (c, if k + 1 < n { offsets[k] } else { last }))
        .collect();
}

/// One token's characters without stray marks: a quote, dot or hyphen inside a word
/// (`Văn'hóa`, `thao.và`, `Thường-vụ`) is a space; a brace or bar closing a word (`Chỉ}`), an
/// unclosed quote opening one (`‘dựng`), and a hyphen opening a line's lower-case word (`-ban`,
/// a wrapped name's rest) are dropped.
fn clean_token(tok: &str, off: usize, line_start: bool, rest: &str, out: &mut Vec<(char, usize)>) {
    out.clear();
    // A token without any of the marks below is kept as it is (most are). Tested on bytes:
    // the curly quotes' first byte, 0xE2, opens other signs too, which take the long way.
    if !has_marks(tok) {
        out.extend(tok.char_indices().map(|(b, c)| (c, off + b)));
        return;
    }
    let cs: Vec<(usize, char)> = tok.char_indices().collect();
    let n = cs.len();
    let letter = |k: usize| k < n && cs[k].1.is_alpha();
    let lower = |k: usize| k < n && cs[k].1.is_lower();
    let url = tok.contains(['/', '@', ':'])
        || tok.matches('.').count() > 1
        || tok
            .as_bytes()
            .windows(3)
            .any(|w| w.iter().all(|b| b.eq_ignore_ascii_case(&b'w')));
    let hyphens = tok.matches('-').count();
    for (k, &(b, c)) in cs.iter().enumerate() {
        let inner = k > 0 && letter(k - 1);
        // A mark inside a word parts its syllables.
        let space = QUOTES.contains(&c) && inner && letter(k + 1)
            || c == '.' && k > 0 && lower(k - 1) && lower(k + 1) && !url
            || c == '-' && inner && lower(k + 1) && hyphens == 1 && k > 1 && letter(k + 2);
        // A mark opening or closing a word goes.
        let dropped = QUOTES.contains(&c)
            && k == 0
            && letter(1)
            && !tok[c.len_utf8()..].contains(QUOTES)
            && !rest.contains(QUOTES)
            || c == '-' && k == 0 && line_start && lower(1)
            || matches!(c, '}' | '|') && k + 1 == n && inner && !tok.contains('{');
        let keep = if space {
            Some(' ')
        } else if dropped {
            None
        } else {
            Some(c)
        };
        if let Some(c) = keep {
            out.push((c, off + b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::values;
    use super::*;

    #[test]
    fn stray_marks_are_left_out() {
        let t = "Giao Trung tâm Bảo tồn Di sản Văn'hóa thế giới; Sở Văn hóa, Thể thao.và Du \
                 lịch; Ban Chỉ} đạo Quốc gia; Ban Thường-vụ Đảng ủy UBND tỉnh; Sở Xây ‘dựng \
                 và Sở  Tài chính.";
        let c = Compact::new(t);
        assert_eq!(
            c.text,
            "Giao Trung tâm Bảo tồn Di sản Văn hóa thế giới; Sở Văn hóa, Thể thao và Du lịch; \
             Ban Chỉ đạo Quốc gia; Ban Thường vụ Đảng ủy UBND tỉnh; Sở Xây dựng và Sở Tài chính."
        );
        // Offsets go back to the text's.
        let s = c.text.find("Sở Tài chính").unwrap();
        let (a, b) = c.range(s, s + "Sở Tài chính".len());
        assert_eq!(&t[a..b], "Sở  Tài chính");
        // Web addresses, a dash before a capital, a quotation and footnotes are kept.
        let t = "Cổng www.chinhphu.vn; Phòng Văn hóa-Xã hội; “Chi cục Thuế”; phủ[2]; 'Đề án'";
        assert_eq!(Compact::new(t).text, t);
    }

    /// Scan marks after a line's last word go, so a name wraps over the break (and over a
    /// blank line before its lower-case rest); one printed dash stays.
    #[test]
    fn junk_closing_a_line_is_left_out() {
        let t = "Đơn vị thực hiện theo Thông báo số 12/TB-VPCP ngày 3 tháng 5 của Văn - -\n\n\
                 phòng Chính phủ về việc tổ chức hội nghị tập huấn.\n";
        assert_eq!(values(t), vec!["Văn phòng Chính phủ"]);
        let t = "Các sở phối hợp chặt chẽ với Trung tâm Bảo tồn Di sản Văn hóa ~\nthế giới Mỹ \
                 Sơn trong việc này.\n";
        assert_eq!(
            values(t),
            vec!["Trung tâm Bảo tồn Di sản Văn hóa thế giới Mỹ Sơn"]
        );
        assert_eq!(junk_tail(&["Vụ", "Pháp", "luật", "-"]), 0);
        assert_eq!(junk_tail(&["-", "~"]), 0);
        assert_eq!(junk_tail(&["tỉnh", "_", "|"]), 2);
    }

    #[test]
    fn a_speck_opening_a_wrapped_line_is_left_out() {
        let t = "Giao Phòng Kinh tế phối hợp với Ban Quản lý dự án đầu tư xây dựng\n- \
                 thành phố rà soát hồ sơ.\nCác đơn vị gồm:\n- các phòng chuyên môn;\n";
        assert_eq!(
            values(t),
            vec![
                "Phòng Kinh tế",
                "Ban Quản lý dự án đầu tư xây dựng thành phố"
            ]
        );
        // A list item after a line that ends its sentence keeps its dash.
        let t = "Các đơn vị sau đây phối hợp thực hiện nhiệm vụ được giao:\n- các phòng;\n";
        assert!(Compact::new(t).text.contains("\n- các phòng"));
    }

    #[test]
    fn damaged_codes_in_names() {
        let t = "Gửi Đoàn DBBQH&HĐND thành phố và Văn phòng HBND tỉnh.";
        assert_eq!(
            values(t),
            vec!["Đoàn ĐBQH", "HĐND thành phố", "Văn phòng HĐND tỉnh"]
        );
        let c = Compact::new(t);
        let s = c.text.find("Văn phòng HĐND tỉnh").unwrap();
        let (a, b) = c.range(s, s + "Văn phòng HĐND tỉnh".len());
        assert_eq!(&t[a..b], "Văn phòng HBND tỉnh");
    }

    #[test]
    fn damaged_levels_are_read_as_levels() {
        let t = "Giao Văn phòng HĐND và UBND phifing theo dõi; TT Đảng ủy, HĐND phương;";
        assert_eq!(
            values(t),
            vec!["Văn phòng HĐND và UBND phường", "Đảng ủy", "HĐND phường"]
        );
        let c = Compact::new(t);
        let s = c.text.find("UBND phường").unwrap();
        let (a, b) = c.range(s, s + "UBND phường".len());
        assert_eq!(&t[a..b], "UBND phifing");
    }

    #[test]
    fn a_department_misread_as_a_number() {
        assert_eq!(
            values("theo đề nghị của Giám đốc Số Văn hóa, Thể thao và Du lịch; văn bản Số 12."),
            vec!["Sở Văn hóa, Thể thao và Du lịch"]
        );
    }

    #[test]
    fn wrapped_paragraph_across_a_blank_line() {
        let t = "c) Chủ trì, phối hợp các ngành, đơn vị có liên quan tham mưu đề xuất Ủy ban\n\n\
                 * nhân dân tỉnh xem xét, điều chỉnh; gửi Sở Xây dựng để tổng hợp, báo cáo Ủy\n \n\
                 -ban nhân dân tỉnh.\n\nĐiều 3. Hiệu lực";
        assert_eq!(
            values(t),
            vec![
                "Ủy ban nhân dân tỉnh",
                "Sở Xây dựng",
                "Ủy ban nhân dân tỉnh"
            ]
        );
        // A line ending on a name before a capital is no wrapped line; one ending on `và` is.
        let t = "9. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố\n\nTăng cường công \
                 tác tuyên truyền, vận động\nđ) kiện toàn Ban Chỉ đạo Dân số và Phát triển cấp xã và\n\n\
                 Phát triển cấp thành phố.";
        assert!(Compact::new(t).text.contains("thành phố\n\nTăng"));
        assert!(Compact::new(t).text.contains("xã và\nPhát"));
    }
}
