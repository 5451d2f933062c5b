//! Unicode normalisation and the line/token model on which the restoration invariant rests.
//!
//! A document is lines (split on `\n`, a trailing `\r` kept with the line ending); a line is
//! whitespace runs and tokens; a token is pieces: word runs (letters, digits and OCR junk glued
//! to letters), number runs and separator runs. Restoration rewrites word runs only, so tokens,
//! their order and all whitespace survive by construction.

use unicode_normalization::UnicodeNormalization;

/// Unicode NFC of `s`, with the Icelandic eth (`Ð`, `ð`: never Vietnamese, an OCR and
/// legacy-font stand-in) read as `Đ`, `đ`.
pub fn nfc(s: &str) -> String {
    // Most text is NFC already: a quick check and a copy instead of recomposing every char.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
        && !s.contains(['Ð', 'Ɖ', 'ð'])
    {
        return s.to_string();
    }
    s.nfc()
        .map(|c| match c {
            'Ð' | 'Ɖ' => 'Đ',
            'ð' => 'đ',
            c => c,
        })
        .collect()
}

/// What a piece of a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Letters, possibly with OCR digits or junk inside (`S6`, `1ong`, `t§n`): restorable.
    Word,
    /// Digits only.
    Number,
    /// Punctuation and symbols between or around words (`,`, `/`, `-`, `(`).
    Sep,
}

/// One piece of a token, as a byte range into the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    pub start: usize,
    pub end: usize,
}

/// Characters that OCR puts inside words in place of Vietnamese letters (`S&`, `t§n`, `So'`,
/// `$6` <- `Số`).
pub fn is_ocr_junk(c: char) -> bool {
    matches!(
        c,
        '&' | '$'
            | '¢'
            | '§'
            | '€'
            | '£'
            | '¥'
            | '©'
            | '®'
            | '@'
            | '\''
            | '’'
            | '‘'
            | '`'
            | '´'
            | '°'
            | 'ﬁ'
            | 'ﬂ'
            | '¬'
            | '¡'
            | '¿'
            | '|'
    )
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || is_ocr_junk(c);
    }
    is_letter(c) || c.is_numeric() || is_ocr_junk(c)
}

/// `char::is_alphabetic`, answered without Unicode tables for ASCII and the Latin blocks
/// that Vietnamese letters come from (this runs on every character of a document).
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7f}' => false,
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Splits a token (no whitespace) into pieces. A run of word characters is a `Word` if it holds
/// a letter, a `Number` if it is all digits; junk with no letter (`§`, `|`) is a `Sep`.
pub fn pieces(token: &str, out: &mut Vec<Piece>) {
    out.clear();
    // Most tokens of stripped text are ASCII letters: one word piece, no char decoding.
    if token.bytes().all(|b| b.is_ascii_alphabetic()) {
        if !token.is_empty() {
            out.push(Piece {
                kind: PieceKind::Word,
                start: 0,
                end: token.len(),
            });
        }
        return;
    }
    let mut iter = token.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        // A leading apostrophe or junk before any letter is a separator.
        if is_word_char(c) && !(matches!(c, '\'' | '’' | '‘' | '`' | '´' | '|')) {
            let mut end = start + c.len_utf8();
            let mut letters = is_letter(c) as usize;
            let mut digits_only = c.is_ascii_digit();
            while let Some(&(i, d)) = iter.peek() {
                if !is_word_char(d) || d == '|' {
                    break;
                }
                // `&` between two upper-case runs is a code separator (`CCHC&VTLT`).
                end = i + d.len_utf8();
                letters += is_letter(d) as usize;
                digits_only &= d.is_ascii_digit();
                iter.next();
            }
            // `$` and one more character is OCR's `S` and a misread vowel (`$6` <- `Số`).
            let dollar_syllable = c == '$' && token[start..end].chars().count() == 2;
            let kind = if digits_only {
                PieceKind::Number
            } else if letters > 0 || dollar_syllable {
                PieceKind::Word
            } else {
                PieceKind::Sep
            };
            push(out, kind, start, end);
        } else {
            push(out, PieceKind::Sep, start, start + c.len_utf8());
        }
    }
}

/// [`pieces`] of an OCR'd token: a `?` right after a letter is part of the word, as OCR reads
/// the horn of `ư` (`st?` <- `sử`, `chi?c` <- `chức`), so the word after it joins too.
pub fn ocr_pieces(token: &str, out: &mut Vec<Piece>) {
    pieces(token, out);
    split_glued(token, out);
    if !token.as_bytes().contains(&b'?') {
        return;
    }
    let mut i = 0;
    while i + 1 < out.len() {
        let (a, b) = (out[i], out[i + 1]);
        if a.kind == PieceKind::Word
            && b.kind == PieceKind::Sep
            && token[b.start..].starts_with('?')
        {
            // The `?` joins the word; a word right after it joins as well.
            let mut end = a.end + 1;
            let rest_sep = b.end > end;
            if rest_sep {
                out[i + 1].start = end;
            } else {
                out.remove(i + 1);
                if let Some(c) = out
                    .get(i + 1)
                    .copied()
                    .filter(|c| c.kind == PieceKind::Word)
                {
                    end = c.end;
                    out.remove(i + 1);
                }
            }
            out[i].end = end;
            continue;
        }
        i += 1;
    }
}

/// Quote-like marks that OCR prints inside a word: for a tone or the horn (`thu'c` <- `thực`,
/// `tru'ong` <- `trường`) or for the space between two words (`trién‘khai`, `dinh’s6`).
fn is_inner_quote(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '´' | '°')
}

/// A letter, digit or OCR symbol that stands for a vowel (`6` <- `ô`, `@` <- `ơ`).
fn is_vowel_like(c: char) -> bool {
    matches!(
        crate::syllable::fold_char(crate::syllable::lower_char(c)),
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | '0'
            | '4'
            | '6'
            | '8'
            | '9'
            | '@'
            | '&'
            | '¢'
            | '§'
            | '€'
    )
}

/// Splits a word piece of OCR'd text at a quote that stands for a space: the part after it
/// opens a syllable (consonants, then a vowel: `‘khai`, `’s6`) or a number (`s6'148/2025`),
/// and the part before holds a vowel. A quote before a vowel or a coda (`nu’éc`, `thu'c`,
/// `du'gc`) is a mark of the syllable and stays in it.
fn split_glued(token: &str, out: &mut Vec<Piece>) {
    if !token.chars().any(is_inner_quote) {
        return;
    }
    let mut i = 0;
    while i < out.len() {
        let p = out[i];
        if p.kind != PieceKind::Word {
            i += 1;
            continue;
        }
        let w = &token[p.start..p.end];
        let mut split = None;
        for (k, q) in w.char_indices().skip(1) {
            if !is_inner_quote(q) {
                continue;
            }
            let (head, tail) = (&w[..k], &w[k + q.len_utf8()..]);
            if !head.chars().any(is_vowel_like) {
                continue;
            }
            let digits = tail.bytes().take_while(|b| b.is_ascii_digit()).count();
            let number = digits > 0 && !tail[digits..].starts_with(char::is_alphanumeric);
            let onset = tail
                .chars()
                .take_while(|&c| is_letter(c) && !is_vowel_like(c))
                .count();
            let syllable = onset > 0 && tail.chars().nth(onset).is_some_and(is_vowel_like);
            if number || syllable {
                split = Some((k, q.len_utf8(), number.then_some(digits)));
                break;
            }
        }
        let Some((k, qlen, number)) = split else {
            i += 1;
            continue;
        };
        let at = p.start + k;
        let tail_start = at + qlen;
        let mut rest = vec![Piece {
            kind: PieceKind::Sep,
            start: at,
            end: tail_start,
        }];
        match number {
            Some(d) => {
                rest.push(Piece {
                    kind: PieceKind::Number,
                    start: tail_start,
                    end: tail_start + d,
                });
                if tail_start + d < p.end {
                    rest.push(Piece {
                        kind: PieceKind::Word,
                        start: tail_start + d,
                        end: p.end,
                    });
                }
            }
            None => rest.push(Piece {
                kind: PieceKind::Word,
                start: tail_start,
                end: p.end,
            }),
        }
        out[i].end = at;
        out.splice(i + 1..i + 1, rest);
        // The tail may be glued again (`a’b’c`): look at it next.
        i += 2;
    }
}

fn push(out: &mut Vec<Piece>, kind: PieceKind, start: usize, end: usize) {
    if kind == PieceKind::Sep {
        if let Some(last) = out.last_mut() {
            if last.kind == PieceKind::Sep && last.end == start {
                last.end = end;
                return;
            }
        }
    }
    out.push(Piece { kind, start, end });
}

/// A span of a line: a token or the whitespace between tokens (byte ranges into the line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub is_token: bool,
}

/// Splits a line into alternating whitespace and token spans covering the whole line.
pub fn spans(line: &str, out: &mut Vec<Span>) {
    out.clear();
    let mut cur: Option<(usize, bool)> = None;
    for (i, c) in line.char_indices() {
        let tok = !c.is_whitespace();
        match cur {
            Some((_, t)) if t == tok => {}
            Some((s, t)) => {
                out.push(Span {
                    start: s,
                    end: i,
                    is_token: t,
                });
                cur = Some((i, tok));
            }
            None => cur = Some((i, tok)),
        }
    }
    if let Some((s, t)) = cur {
        out.push(Span {
            start: s,
            end: line.len(),
            is_token: t,
        });
    }
}

/// Iterates the whitespace-separated tokens of a line.
pub fn tokens(line: &str) -> impl Iterator<Item = &str> {
    line.split(char::is_whitespace).filter(|t| !t.is_empty())
}

/// Splits text into lines on `\n`; each item is (line content without `\r\n`, line ending).
pub fn lines(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (line, ending, next) = match rest.find('\n') {
            Some(i) => {
                let body = &rest[..i];
                if let Some(b) = body.strip_suffix('\r') {
                    (b, &rest[i - 1..=i], &rest[i + 1..])
                } else {
                    (body, &rest[i..=i], &rest[i + 1..])
                }
            }
            None => (rest, "", ""),
        };
        rest = next;
        Some((line, ending))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(PieceKind, &str)> {
        let mut v = Vec::new();
        pieces(t, &mut v);
        v.iter().map(|p| (p.kind, &t[p.start..p.end])).collect()
    }

    #[test]
    fn is_letter_agrees_with_unicode() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn token_pieces() {
        use PieceKind::*;
        assert_eq!(
            kinds("S6:11"),
            vec![(Word, "S6"), (Sep, ":"), (Number, "11")]
        );
        assert_eq!(
            kinds("78/QD-UBND"),
            vec![
                (Number, "78"),
                (Sep, "/"),
                (Word, "QD"),
                (Sep, "-"),
                (Word, "UBND")
            ]
        );
        assert_eq!(
            kinds("(CCHC),"),
            vec![(Sep, "("), (Word, "CCHC"), (Sep, "),")]
        );
        assert_eq!(kinds("So'"), vec![(Word, "So'")]);
        assert_eq!(kinds("§"), vec![(Sep, "§")]);
        assert_eq!(kinds("t§n"), vec![(Word, "t§n")]);
        // OCR's `$` for `S` before one letter or digit; a price stays symbols and a number.
        assert_eq!(kinds("$6,"), vec![(Word, "$6"), (Sep, ",")]);
        assert_eq!(kinds("$100"), vec![(Sep, "$100")]);
        assert_eq!(kinds("100$"), vec![(Sep, "100$")]);
    }

    /// The pieces of an OCR'd token with their text.
    fn ocr(t: &str) -> Vec<(PieceKind, &str)> {
        let mut v = Vec::new();
        ocr_pieces(t, &mut v);
        v.iter().map(|p| (p.kind, &t[p.start..p.end])).collect()
    }

    #[test]
    fn ocr_question_marks_join_words() {
        use PieceKind::*;
        assert_eq!(ocr("st?"), vec![(Word, "st?")]);
        assert_eq!(ocr("chi?c,"), vec![(Word, "chi?c"), (Sep, ",")]);
        assert_eq!(ocr("thi?)."), vec![(Word, "thi?"), (Sep, ").")]);
        assert_eq!(ocr("(tri?"), vec![(Sep, "("), (Word, "tri?")]);
        // Not after a letter: punctuation as before.
        assert_eq!(ocr("?"), vec![(Sep, "?")]);
        assert_eq!(ocr("12?"), vec![(Number, "12"), (Sep, "?")]);
    }

    #[test]
    fn ocr_quote_between_words_splits() {
        use PieceKind::*;
        // A quote before a new syllable or a number is a space.
        assert_eq!(
            ocr("nhiém‘vu,"),
            vec![(Word, "nhiém"), (Sep, "‘"), (Word, "vu"), (Sep, ",")]
        );
        assert_eq!(
            ocr("khoa'hoc"),
            vec![(Word, "khoa"), (Sep, "'"), (Word, "hoc")]
        );
        assert_eq!(
            ocr("ngay’s6"),
            vec![(Word, "ngay"), (Sep, "’"), (Word, "s6")]
        );
        assert_eq!(
            ocr("s6°15/2024"),
            vec![
                (Word, "s6"),
                (Sep, "°"),
                (Number, "15"),
                (Sep, "/"),
                (Number, "2024")
            ]
        );
        assert_eq!(
            ocr("a’b6’ca"),
            vec![
                (Word, "a"),
                (Sep, "’"),
                (Word, "b6"),
                (Sep, "’"),
                (Word, "ca")
            ]
        );
        // A quote for a mark (the horn, a tone) before a vowel or a coda stays in the word.
        assert_eq!(ocr("mu'a"), vec![(Word, "mu'a")]);
        assert_eq!(ocr("thu'c"), vec![(Word, "thu'c")]);
        assert_eq!(ocr("du'gc"), vec![(Word, "du'gc")]);
        assert_eq!(ocr("So'"), vec![(Word, "So'")]);
        // No vowel before it: not two words.
        assert_eq!(ocr("km'xa"), vec![(Word, "km'xa")]);
    }

    #[test]
    fn line_split_keeps_endings() {
        let v: Vec<_> = lines("a\r\nb\n\nc").collect();
        assert_eq!(v, vec![("a", "\r\n"), ("b", "\n"), ("", "\n"), ("c", "")]);
    }

    #[test]
    fn spans_cover_line() {
        let mut v = Vec::new();
        spans("  ab  c ", &mut v);
        assert_eq!(v.len(), 5);
        assert_eq!(
            v[1],
            Span {
                start: 2,
                end: 4,
                is_token: true
            }
        );
    }
}
