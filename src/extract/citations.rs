//! Cited documents: a type word (`Quyết định`, `Luật … số`), or one shared by a list (`các
//! Nghị định: số 10/…; số 11/…`), then a document number, then the date written with that
//! citation in either form (`ngày 9 tháng 5 năm 2024`, `ngày15/8/2013`), possibly after the
//! issuer (`… của Thủ tướng Chính phủ ngày …`). The type nearest before the number wins.

use std::sync::OnceLock;

use regex::Regex;

use super::entities::parse_date;

/// Document types in sentence case with their Decree 30 codes (`dictionaries/doc_types.txt`).
pub fn doc_types() -> &'static [(&'static str, &'static str)] {
    static T: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        include_str!("../../dictionaries/doc_types.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (name, code) = l.split_once('\t').unwrap_or((l, ""));
                (name.trim(), code.trim())
            })
            .collect()
    })
}

struct Patterns {
    /// Any type word, folded (no marks, lower case), longest first.
    type_word: Regex,
    /// The date written right after a number: `, ngày …` or `của <issuer> ngày …`; a line
    /// break may stand inside (wrapped lines of OCR'd pages: `ngày⏎25 tháng 01 năm 2021`),
    /// or a blank line after `ngày` (`ngày⏎⏎22/11/2019`); OCR may glue `-ngày` to the number,
    /// open the next line with a stray sign (`⏎. ngày …`) or put a quote before the day.
    date_after: Regex,
    /// What may stand between two numbers that share one type word.
    shared_gap: Regex,
    /// The end of a gap after which a list item goes on with another number (`…; số`).
    shared_after_text: Regex,
    /// Two numbers joined by `và` or `,` alone (`… và số`), which share a date.
    and_gap: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let mut names: Vec<&str> = doc_types().iter().map(|t| t.0).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        // Matched on folded letters: OCR'd pages lose marks (`Nghi quyết`, `Quyết dinh`).
        let alts = names
            .iter()
            .map(|n| {
                crate::syllable::fold(n)
                    .split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    // OCR may read the space as a hyphen (`Quyết-định số …`) or put a
                    // quote mark before the next word (`Quyết ‘định`).
                    .join(r"(?:\s+[‘’'\x22]?|-)")
            })
            .collect::<Vec<_>>()
            .join("|");
        let build = crate::extract::built_in;
        Patterns {
            type_word: build(&format!(r"(?i)\b(?:{alts})\b")),
            date_after: build(
                r"^[ \t]*[,\-]?(?:[ \t]*\n(?:[ \t]*\n)*[ \t]*[.*_‘’'·\-]?)?[ \t]*(?:\(?(?i:của)\s+[^\d\n;.:()]{1,80}?(?:\n[^\d\n;.:()]{1,60}?)?\)?[ \t]*,?(?:[ \t]+|[ \t]*\n[ \t]*))?((?i:ngày)[ \t]*(?:\n[ \t]*){0,2}[‘’'“”*]?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}[\s:*°~\-–—]*(?i:tháng)[\s.,:]*\d{1,2}[\s.\-–—]*(?i:n[ăa4]m)[\s\-–—_]*\d{4}))",
            ),
            shared_gap: build(r"^[\s,;:]*(?:(?i:và|hoặc)\s+)?(?:(?i:số)\s*:?\s*)?$"),
            shared_after_text: build(r"[,;]\s*(?:(?i:và|hoặc)\s+)?(?i:số)\s*:?\s*$"),
            and_gap: build(r"^\s*(?:,|,?\s*(?i:và))\s*(?:(?i:số)\s*)?$"),
        }
    })
}

/// The sentence-case type for a matched type word, if its case makes it a citation: sentence
/// case or capitals anywhere, lower case only right before `số` (`công văn số 12/…`), since a
/// lower-case `luật` in running text is a word (`pháp luật`), not a document.
fn cited_type(word: &str, after: &str) -> Option<&'static str> {
    let norm = word
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_start_matches(['‘', '’', '\'', '"']))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = norm.to_lowercase();
    let folded = crate::syllable::fold(&norm);
    let ty = doc_types()
        .iter()
        .map(|t| t.0)
        .find(|t| crate::syllable::fold(t) == folded)?;
    let upper = norm == norm.to_uppercase();
    // Sentence case as printed, whatever marks OCR lost (`Nghi quyết`).
    let mut cs = norm.chars();
    let sentence =
        cs.next().is_some_and(char::is_uppercase) && cs.as_str() == cs.as_str().to_lowercase();
    let before_so = {
        let a = after.trim_start();
        a.starts_with("số") || a.starts_with("Số")
    };
    (upper || sentence || (norm == lower && before_so)).then_some(ty)
}

/// Whether the text between a citation and the next number lets the number share the
/// citation's type: list glue only (`; số`), or the cited document's description ending in
/// `; số` / `, số` with no other type word, number or sentence end in it.
fn shares_type(gap: &str) -> bool {
    let p = patterns();
    if p.shared_gap.is_match(gap) {
        return true;
    }
    gap.split_whitespace().count() <= 40
        && p.shared_after_text.is_match(gap)
        && !gap.chars().any(|c| c.is_ascii_digit())
        && !gap.contains(". ")
        && !type_words(gap)
            .into_iter()
            .any(|(a, b)| cited_type(&gap[a..b], &gap[b..]).is_some())
}

/// Byte ranges of the type words in `s`, matched on its folded letters (folding keeps one
/// char per char, so each folded char boundary maps to one of `s`).
fn type_words(s: &str) -> Vec<(usize, usize)> {
    let folded = crate::syllable::fold(s);
    let mut at = vec![s.len(); folded.len() + 1];
    for ((fb, _), (b, _)) in folded.char_indices().zip(s.char_indices()) {
        at[fb] = b;
    }
    patterns()
        .type_word
        .find_iter(&folded)
        .map(|m| (at[m.start()], at[m.end()]))
        .collect()
}

/// Whether `gap` holds a figure that opens a number; a digit right after a letter is OCR's
/// reading of a letter (`Nghị định s6'148/…`: `số`), not a number, and so is a lone digit in
/// a gap that ends with `số` (`Luật Nhà 6 số 27/2023/QH15`: `ở`).
fn number_in(gap: &str) -> bool {
    if ocr_so(gap.trim()) {
        return false;
    }
    let before_so = gap.trim_end().ends_with("số") || gap.trim_end().ends_with("Số");
    let lone = |w: &str| w.len() == 1 && w.chars().all(|c| c.is_ascii_digit());
    gap.split_whitespace().any(|w| {
        if before_so && lone(w) {
            return false;
        }
        let mut prev = ' ';
        w.chars().any(|c| {
            let opens = c.is_ascii_digit() && !prev.is_alphabetic() && !prev.is_ascii_digit();
            prev = c;
            opens
        })
    })
}

/// Whether `w` is OCR's reading of `số` with a figure in it (`56`, `36`, `s6`, `S0`): two
/// characters, an `s`, `5` or `3` then a figure or a letter, one of them a figure.
fn ocr_so(w: &str) -> bool {
    let mut cs = w.chars();
    let (Some(a), Some(b), None) = (cs.next(), cs.next(), cs.next()) else {
        return false;
    };
    matches!(a, '5' | '3' | 's' | 'S' | '$')
        && (b.is_ascii_digit() || b.is_alphabetic())
        && (a.is_ascii_digit() || b.is_ascii_digit())
}

/// Whether `gap` holds a `?` or `!` that ends a sentence; one with a letter right after it is
/// OCR junk inside a word (`Luật Tổ chí?cỡ chính quyền`), not an end.
fn sentence_mark(gap: &str) -> bool {
    let mut cs = gap.chars().peekable();
    while let Some(c) = cs.next() {
        if matches!(c, '?' | '!') && !cs.peek().is_some_and(|n| n.is_alphabetic()) {
            return true;
        }
    }
    false
}

/// Whether the date after a number opens a sentence on a line of its own (`⏎Ngày 28 tháng
/// 11 …`): a line break before it and `Ngày` in sentence case. A title's date in capitals
/// wrapped inside (`NGÀY 31 THÁNG⏎10 NĂM 2006`) goes with the number.
fn opens_sentence(c: &regex::Captures) -> bool {
    let (Some(all), Some(date)) = (c.get(0), c.get(1)) else {
        return false;
    };
    let before = &c[0][..date.start() - all.start()];
    let mut letters = date.as_str().chars();
    let sentence_case =
        letters.next() == Some('N') && letters.next().is_some_and(char::is_lowercase);
    before.contains('\n') && sentence_case
}

/// Whether `của` follows (`… ngày 21/3/2018 của UBND …`): a date on the next line that opens
/// with a capital still goes on the citation when its issuer comes after it.
fn issuer_after(rest: &str) -> bool {
    let r = rest.trim_start_matches([' ', '\t']);
    r.starts_with("của ") || r.starts_with("của\n")
}

/// The length of what follows a number glued to it when it opens with a sign no code or
/// sentence holds (`¥-STC` after `421/TT`): the rest of a code OCR broke.
fn broken_code_tail(rest: &str) -> usize {
    let glued = rest.chars().next().is_some_and(|c| {
        !c.is_ascii()
            && !c.is_alphanumeric()
            && !c.is_whitespace()
            && !matches!(c, '–' | '—' | '‘' | '’' | '“' | '”' | '…')
    });
    if !glued {
        return 0;
    }
    rest.find(char::is_whitespace).unwrap_or(rest.len())
}

/// One citation in byte offsets of the text.
pub struct Citation {
    pub start: usize,
    pub end: usize,
    pub doc_type: &'static str,
    pub number: String,
    pub date: Option<String>,
}

/// At most this many words between a type word and its number (`Luật Tổ chức chính quyền địa
/// phương số`).
const MAX_GAP_WORDS: usize = 14;

/// Finds the citations among the document numbers `numbers` (byte ranges with canonical
/// values, in text order).
pub fn citations(text: &str, numbers: &[(usize, usize, String)]) -> Vec<Citation> {
    let p = patterns();
    let mut out: Vec<Citation> = Vec::new();
    for (s, e, number) in numbers {
        let (s, e) = (*s, *e);
        // The window before the number: its clause, up to 400 bytes, not across a `;` or a
        // sentence end (a law's name may hold commas).
        let mut from = s.saturating_sub(400);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let window = &text[from..s];
        let found = type_words(window).last().and_then(|&(ms, me)| {
            let gap = &window[me..];
            let words = gap.split_whitespace().count();
            let clean = !number_in(gap)
                && !gap.contains(';')
                && !sentence_mark(gap)
                && !gap.contains(". ")
                && !gap.contains("\n\n\n");
            (words <= MAX_GAP_WORDS && clean)
                .then(|| cited_type(&window[ms..me], gap).map(|t| (from + ms, t)))
                .flatten()
        });
        // A number joined to the one before by `và` or `,` alone (`số 8/CĐ-X và số 9/CĐ-X
        // ngày …`) shares its type and, when it has none of its own, its date.
        let mut joined = false;
        let (start, doc_type) = match found {
            Some(f) => f,
            // `các Nghị định: số 10/…; số 11/…`: the previous citation's type, when only list
            // glue stands between.
            None => match out.last() {
                Some(prev) if prev.end <= s && shares_type(&text[prev.end..s]) => {
                    joined = p.and_gap.is_match(&text[prev.end..s]);
                    (s, prev.doc_type)
                }
                _ => continue,
            },
        };
        // A date on the next line belongs to the citation only when it goes on the sentence
        // (`ngày …`), not when it opens one (`Ngày 28 tháng 11 năm 2025, tại …`).
        // The rest of a code OCR broke with a sign (`421/TT¥-STC ngày …`) stands before the date.
        let e_date = e + broken_code_tail(&text[e..]);
        let (date, end) = match p.date_after.captures(&text[e_date..]) {
            Some(c)
                if !opens_sentence(&c)
                    || issuer_after(&text[e_date + c.get(0).map_or(0, |m| m.end())..]) =>
            {
                (parse_date(&c[1]), e_date + c.get(0).map_or(0, |m| m.end()))
            }
            _ => (None, e),
        };
        if let Some(prev) = out.last_mut().filter(|prev| joined && prev.date.is_none()) {
            prev.date.clone_from(&date);
        }
        out.push(Citation {
            start,
            end,
            doc_type,
            number: number.clone(),
            date,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::extract::entities::extract;

    fn refs(text: &str) -> Vec<(String, String, Option<String>)> {
        extract(text)
            .into_iter()
            .filter(|e| e.kind == "legal_reference")
            .map(|e| {
                let v = e.value;
                (
                    v["doc_type"].as_str().unwrap_or("").to_string(),
                    v["number"].as_str().unwrap_or("").to_string(),
                    v["date"].as_str().map(String::from),
                )
            })
            .collect()
    }

    #[test]
    fn date_in_words_and_without_a_space() {
        let r = refs("Thực hiện Quyết định số 15/2023/QĐ-TTg ngày 3 tháng 4 năm 2023 của Thủ tướng và Thông tư số 7/2012/TT-BYT ngày12/3/2012.");
        assert_eq!(
            r[0],
            (
                "Quyết định".into(),
                "15/2023/QĐ-TTg".into(),
                Some("2023-04-03".into())
            )
        );
        assert_eq!(
            r[1],
            (
                "Thông tư".into(),
                "7/2012/TT-BYT".into(),
                Some("2012-03-12".into())
            )
        );
    }

    #[test]
    fn date_on_the_next_line_and_an_ocr_read_type_code() {
        let r = refs("theo Thông tư số 04/2019/TT-BNV ngày\n12 tháng 6 năm 2019 và Quyết định số 9/2020/QDB-TTg của Bộ trưởng Bộ Nội vụ\nngày 3/2/2020; Kế hoạch số 5/TB-UBND.");
        assert_eq!(
            r,
            vec![
                (
                    "Thông tư".into(),
                    "04/2019/TT-BNV".into(),
                    Some("2019-06-12".into())
                ),
                (
                    "Quyết định".into(),
                    "9/2020/QĐ-TTg".into(),
                    Some("2020-02-03".into())
                ),
                ("Kế hoạch".into(), "5/TB-UBND".into(), None),
            ]
        );
    }

    #[test]
    fn date_after_the_issuer() {
        let r =
            refs("theo Chỉ thị 08/CT-UBND của Ủy ban nhân dân tỉnh ngày 02/02/2022 về phòng dịch");
        assert_eq!(
            r,
            vec![(
                "Chỉ thị".into(),
                "08/CT-UBND".into(),
                Some("2022-02-02".into())
            )]
        );
    }

    #[test]
    fn shared_type_word_over_three_numbers() {
        let r = refs("các Nghị định của Chính phủ: số 11/2020/NĐ-CP; số 12/2021/NĐ-CP và số 13/2022/NĐ-CP ngày 5/6/2022.");
        let types: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(types, ["Nghị định"; 3]);
        assert_eq!(r[2].2.as_deref(), Some("2022-06-05"));
    }

    #[test]
    fn nearest_type_word_wins() {
        let r = refs("Kế hoạch triển khai thực hiện Nghị quyết số 77/NQ-CP ngày 01/3/2024; Luật Đường sắt số 95/2025/QH15; pháp luật về thuế theo Tờ trình 9/TTr-STC.");
        let types: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(types, ["Nghị quyết", "Luật", "Tờ trình"]);
    }

    #[test]
    fn ocr_junk_inside_a_word_is_no_sentence_end() {
        let r =
            refs("Căn cứ Luật Tố chí?cỡ chính quyền số 72/2025/QH15; Nghị định? Theo số 5/NĐ-CP.");
        assert_eq!(r, vec![("Luật".into(), "72/2025/QH15".into(), None)]);
    }

    #[test]
    fn ocr_noise_in_a_citation() {
        let r = refs("Căn cứ Nghị định s6'148/2025/NĐ-CP ngày 12 tháng 6 năm —\n2025; Quyết-định số 9/QĐ-BYT; Luật Nhà 6 số 27/2023/QH15; Kế hoạch 12 năm 5/KH-X.");
        assert_eq!(
            r,
            vec![
                (
                    "Nghị định".into(),
                    "148/2025/NĐ-CP".into(),
                    Some("2025-06-12".into())
                ),
                ("Quyết định".into(), "9/QĐ-BYT".into(), None),
                ("Luật".into(), "27/2023/QH15".into(), None)
            ]
        );
    }

    #[test]
    fn ocr_read_số_and_a_date_below_a_blank_line() {
        // `số` read as `56` or `s6`; `ngày` with its date below a blank line, or glued to the
        // number by a hyphen; two figures before a number are no `số` (`12 5/…`); a dot or a
        // hyphen inside a date in words (`tháng. 11-năm`).
        let r = refs("theo Chỉ thị 56 8/CT-UBND ngày\n\n3/4/2021; Kế hoạch s6 7/KH-X-ngày 5/6/2022; Quyết định 12 5/QĐ-Y; Thông tư số 2/2020/TT-Z ngày 8 tháng. 11-năm 2020.");
        assert_eq!(
            r,
            vec![
                (
                    "Chỉ thị".into(),
                    "8/CT-UBND".into(),
                    Some("2021-04-03".into())
                ),
                (
                    "Kế hoạch".into(),
                    "7/KH-X".into(),
                    Some("2022-06-05".into())
                ),
                (
                    "Thông tư".into(),
                    "2/2020/TT-Z".into(),
                    Some("2020-11-08".into())
                )
            ]
        );
    }

    /// A title's citation in capitals whose date a line break parts: the date is its own; a
    /// date opening the next sentence is not.
    #[test]
    fn a_wrapped_date_in_capitals() {
        let r = refs("BÃI BỎ QUYẾT ĐỊNH SỐ 12/2010/QĐ-UBND NGÀY 3 THÁNG\n5 NĂM 2010 CỦA UBND TỈNH");
        assert_eq!(r[0].2.as_deref(), Some("2010-05-03"));
        let r = refs("theo Quyết định số 12/2010/QĐ-UBND.\nNgày 3 tháng 5 năm 2010, Sở họp.");
        assert_eq!(r[0].2, None);
    }

    /// A code OCR broke with a sign: the date after it is still the citation's, and the next
    /// number of the list shares its type.
    #[test]
    fn a_code_broken_by_a_sign() {
        let r = refs("theo Tờ trình số 12/TT¥-SYT ngày 3/10/2025, 15/TTr-SYT ngày 4/11/2025.");
        assert_eq!(
            r,
            vec![
                ("Tờ trình".into(), "12/TT".into(), Some("2025-10-03".into())),
                (
                    "Tờ trình".into(),
                    "15/TTr-SYT".into(),
                    Some("2025-11-04".into())
                )
            ]
        );
    }

    /// A date on the next line after a stray dash, opening with a capital, followed by the
    /// issuer: the citation's; one that opens a sentence is not.
    #[test]
    fn a_capital_date_below_with_its_issuer() {
        let r = refs("theo Kế hoạch số 8/KH-UBND\n\n- Ngày 2/3/2019 của UBND tỉnh; Kế hoạch số 9/KH-UBND.\nNgày 4/5/2020, tại hội trường");
        assert_eq!(
            r,
            vec![
                (
                    "Kế hoạch".into(),
                    "8/KH-UBND".into(),
                    Some("2019-03-02".into())
                ),
                ("Kế hoạch".into(), "9/KH-UBND".into(), None)
            ]
        );
    }

    /// `số` read as `36` (a `3` for the `s`); a quote mark inside a type word.
    #[test]
    fn ocr_read_số_with_a_three() {
        let r = refs("theo Luật 36 4/2020/QH14 về đầu tư; Quyết ‘định số 5/QĐ-UBND.");
        assert_eq!(
            r,
            vec![
                ("Luật".into(), "4/2020/QH14".into(), None),
                ("Quyết định".into(), "5/QĐ-UBND".into(), None)
            ]
        );
    }

    /// Scan junk after the day of a date in words: a sign (`ngày 7: tháng`) or a line of its
    /// own (`ngày 9⏎⏎*⏎⏎tháng`), in a citation and as a date.
    #[test]
    fn scan_junk_after_the_day_of_a_date() {
        let t = "theo Quyết định số 31/QĐ-BXD ngày 9\n\n*\n\ntháng 4 năm 2022 và đến ngày 7: tháng 5 năm 2023 thì xong.";
        let r = refs(t);
        assert_eq!(
            r,
            vec![(
                "Quyết định".into(),
                "31/QĐ-BXD".into(),
                Some("2022-04-09".into())
            )]
        );
        let dates: Vec<_> = extract(t)
            .into_iter()
            .filter(|e| e.kind == "date")
            .map(|e| e.value.as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(dates, ["2022-04-09", "2023-05-07"]);
    }

    /// A stray sign opening the date's line, or a quote before its day, is scan junk.
    #[test]
    fn stray_signs_before_a_citation_s_date() {
        let r = refs("theo Quyết định số 17/QĐ-UBND\n. ngày 02/3/2021 và Thông tư số 6/2024/TT-BXD ngày ‘4 tháng 7 năm 2024.");
        assert_eq!(
            r,
            vec![
                (
                    "Quyết định".into(),
                    "17/QĐ-UBND".into(),
                    Some("2021-03-02".into())
                ),
                (
                    "Thông tư".into(),
                    "6/2024/TT-BXD".into(),
                    Some("2024-07-04".into())
                )
            ]
        );
    }

    /// Two numbers joined by `và` share the date written after the second; a list item after
    /// `;` keeps its own (none).
    #[test]
    fn numbers_joined_by_và_share_a_date() {
        let r = refs("các Thông báo: số 3/TB-X và số 4/TB-X ngày 9/9/2024; số 5/TB-X; số 6/TB-X ngày 1/10/2024.");
        let dates: Vec<Option<String>> = r.into_iter().map(|x| x.2).collect();
        assert_eq!(
            dates,
            [
                Some("2024-09-09".to_string()),
                Some("2024-09-09".to_string()),
                None,
                Some("2024-10-01".to_string())
            ]
        );
    }

    /// A type word that lost its marks on an OCR'd page is still the citation's type, in
    /// its own sentence case; a lower-case one only before `số`.
    #[test]
    fn type_word_without_its_marks() {
        let r = refs("theo Nghi quyết số 12-NQ/TU ngày 3/3/2023 và Quyết dinh 45/QĐ-UBND; thong tu số 7/2021/TT-BTC.");
        let types: Vec<String> = r.into_iter().map(|x| x.0).collect();
        assert_eq!(types, ["Nghị quyết", "Quyết định", "Thông tư"]);
    }

    #[test]
    fn lower_case_only_before_số_and_no_date_before() {
        let r = refs("Ngày 20/10/2025, Sở đã có công văn số 881/STC-QLG gửi các đơn vị; theo quyết định 5/QĐ-X.");
        assert_eq!(r, vec![("Công văn".into(), "881/STC-QLG".into(), None)]);
    }
}
