//! Cited documents: a type word (`Quyết định`, `Luật … số`), or one shared by a list (`các
//! Nghị định: số 10/…; số 11/…`), then a document number, then the date written with that
//! citation in either form (`ngày 9 tháng 5 năm 2024`, `ngày15/8/2013`), possibly after the
//! issuer (`… của Thủ tướng Chính phủ ngày …`). The type nearest before the number wins.

use crate::charclass::CharClass;

use std::sync::OnceLock;

use regex::Regex;

use super::entities::parse_date;

pub use crate::doc_types::doc_types;

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
    /// A word character (`\w`), for `ascii_stand_in`.
    word: Regex,
    /// Whether every folded type word is ASCII, so `ascii_stand_in` keeps their matches.
    ascii_types: bool,
    /// Each type's name folded, in `doc_types` order (folded once, not per citation).
    folded_types: Vec<(String, &'static str)>,
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
                concat!(
                    r#"^[ \t]*[,\-]?(?:[ \t]*\n(?:[ \t]*\n)*[ \t]*[.*_‘’'·\-]?)?[ \t]*(?:\(?(?i:của)\s+[^\d\n;.:()]{1,80}?(?:\n[^\d\n;.:()]{1,60}?)?\)?[ \t]*,?(?:[ \t]+|[ \t]*\n[ \t]*))?((?i:ngày)[ \t.,:\-–—]*(?:\n[ \t]*){0,2}[‘’'“”*.·_\-]?[ \t]*(?:\d{1,2}(?:/[ \t]?|[.-])"#,
                    crate::date_num_tail!(),
                    "|",
                    crate::date_words_body!(),
                    "|",
                    crate::date_damaged_body!(),
                    "))"
                ),
            ),
            shared_gap: build(r"^[\s,;:]*(?:(?i:và|hoặc)\s+)?(?:(?i:số)\s*:?\s*)?$"),
            shared_after_text: build(r"[,;]\s*(?:(?i:và|hoặc)\s+)?(?i:số)\s*:?\s*$"),
            and_gap: build(r"^\s*(?:,|,?\s*(?i:và))\s*(?:(?i:số)\s*)?$"),
            word: build(r"\w"),
            ascii_types: names.iter().all(|n| crate::syllable::fold(n).is_ascii()),
            folded_types: doc_types()
                .iter()
                .map(|t| (crate::syllable::fold(t.0), t.0))
                .collect(),
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
    let ty = patterns()
        .folded_types
        .iter()
        .find(|t| t.0 == folded)
        .map(|t| t.1)?;
    let upper = norm == norm.to_uppercase();
    // Sentence case as printed, whatever marks OCR lost (`Nghi quyết`).
    let mut cs = norm.chars();
    let sentence = cs.next().is_some_and(crate::charclass::is_upper)
        && cs.as_str() == cs.as_str().to_lowercase();
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
    let folded = ascii_stand_in(crate::syllable::fold(s));
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

/// `folded` with each non-ASCII character as one ASCII character that the type-word pattern
/// reads the same way: a space for a space, `'` for a curly quote, `s`/`k` for the two signs
/// that match them in any case (`ſ`, the Kelvin sign), `0` for another word character (for
/// `\b`), `#` for any other sign. Under `\b` the lazy automaton gives up on non-ASCII text
/// and a slower engine reads the window; on ASCII it reads it all, with the same matches.
fn ascii_stand_in(folded: String) -> String {
    let p = patterns();
    if folded.is_ascii() || !p.ascii_types {
        return folded;
    }
    let mut buf = [0u8; 4];
    folded
        .chars()
        .map(|c| match c {
            c if c.is_ascii() => c,
            'ſ' => 's',
            '\u{212A}' => 'k',
            '‘' | '’' => '\'',
            c if c.is_whitespace() => ' ',
            c if p.word.is_match(c.encode_utf8(&mut buf)) => '0',
            _ => '#',
        })
        .collect()
}

/// Whether `gap` holds a figure that opens a number; a digit right after a letter is OCR's
/// reading of a letter (`Nghị định s6'148/…`: `số`), not a number, and so is a lone digit in
/// a gap that ends with `số` (`Luật Nhà 6 số 27/2023/QH15`: `ở`).
fn number_in(gap: &str) -> bool {
    // The gap's one word (stray signs aside: `-⏎56`) is OCR's `số`.
    let mut words = gap
        .split_whitespace()
        .filter(|w| w.chars().any(crate::charclass::is_alnum));
    if let (Some(w), None) = (words.next(), words.next()) {
        if ocr_so(w) {
            return false;
        }
    }
    let before_so = gap.trim_end().ends_with("số") || gap.trim_end().ends_with("Số");
    let lone = |w: &str| w.len() == 1 && w.chars().all(|c| c.is_ascii_digit());
    gap.split_whitespace().any(|w| {
        if before_so && lone(w) {
            return false;
        }
        let mut prev = ' ';
        w.chars().any(|c| {
            let opens = c.is_ascii_digit() && !prev.is_alpha() && !prev.is_ascii_digit();
            prev = c;
            opens
        })
    })
}

/// Whether `w` is OCR's reading of `số` with a figure in it (`56`, `36`, `86`, `s6`, `S0`):
/// two characters, an `s`, `5`, `3` or `8` then a figure or a letter, one of them a figure.
pub(super) fn ocr_so(w: &str) -> bool {
    let mut cs = w.chars();
    let (Some(a), Some(b), None) = (cs.next(), cs.next(), cs.next()) else {
        return false;
    };
    matches!(a, '5' | '3' | '8' | 's' | 'S' | '$')
        && (b.is_ascii_digit() || b.is_alpha())
        && (a.is_ascii_digit() || b.is_ascii_digit())
}

/// Whether `gap` holds a `?` or `!` that ends a sentence; one with a letter right after it is
/// OCR junk inside a word (`Luật Tổ chí?cỡ chính quyền`), not an end.
fn sentence_mark(gap: &str) -> bool {
    let mut cs = gap.chars().peekable();
    while let Some(c) = cs.next() {
        if matches!(c, '?' | '!') && !cs.peek().is_some_and(|n| n.is_alpha()) {
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
        letters.next() == Some('N') && letters.next().is_some_and(crate::charclass::is_lower);
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
            && !c.is_alnum()
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
        // A type word OCR damaged right before `số` is nearer than any found further back.
        let found = match super::damaged_type::damaged_type(window, number) {
            Some((at, t)) if found.is_none_or(|(fs, _)| fs < from + at) => Some((from + at, t)),
            _ => found,
        };
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
#[path = "citations_tests.rs"]
mod tests;
