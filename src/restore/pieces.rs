//! How a token's pieces are read before decoding: list labels (`b)`, `(ii)`), the letters of
//! slash abbreviations (`đ/c`) and file extensions (`.doc`) as printed, the hyphen of a
//! Party-style number, and whether a line is a heading in capitals.

use super::*;

/// A heading line: most of its words (two letters or more) are in capitals. Outside
/// headings, an isolated word OCR read in capitals (`SO Noi vu`) is restored in title case
/// (`Sở Nội vụ`); capitals next to capitals are a real capitalised phrase and stay.
pub(super) fn is_heading(line: &str, pieces: &mut Vec<Piece>) -> bool {
    let (mut words, mut upper) = (0usize, 0usize);
    for tok in normalize::tokens(line) {
        normalize::pieces(tok, pieces);
        for p in pieces.iter().filter(|p| p.kind == PieceKind::Word) {
            let w = &tok[p.start..p.end];
            if w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                continue;
            }
            words += 1;
            upper += (syllable::case_of(w) == Case::Upper) as usize;
        }
    }
    upper * 2 > words
}

/// The hyphen after the serial of a Party-style document number (`30-CTr/TU`, `14-KH/TU`):
/// the language model hears it as the slash of the common style (`30/KH-UBND`), which the
/// corpus shows far more often after `số` (read as `sổ` before a rarer hyphen).
pub(super) fn party_style_hyphen(tok: &str, pieces: &[Piece], pi: usize) -> bool {
    pi == 1
        && &tok[pieces[1].start..pieces[1].end] == "-"
        && pieces[0].kind == PieceKind::Number
        && pieces.get(2).is_some_and(|p| {
            p.kind == PieceKind::Word && tok[p.start..].starts_with(char::is_uppercase)
        })
        && tok[pieces[1].end..].contains('/')
}

/// Marks as punctuation (kept as printed, no slot) a list label: a one-consonant word piece
/// or a Roman numeral (`ii`, `vii`) that opens the token (after a `(` at most) and that a `)`
/// follows (`b)`, `(c)`, `g).`, `(ii)`), not the end of a slash abbreviation (`(b/c)`).
pub(super) fn label_letters_as_printed(tok: &str, pieces: &mut [Piece]) {
    for i in 0..pieces.len().saturating_sub(1) {
        let (p, next) = (pieces[i], pieces[i + 1]);
        let w = &tok[p.start..p.end];
        if matches!(&tok[..p.start], "" | "(")
            && p.kind == PieceKind::Word
            && (w.len() == 1
                && w.bytes()
                    .all(|b| b.is_ascii_alphabetic() && !b"aeiouyAEIOUY".contains(&b))
                || roman_numeral(w))
            && next.kind == PieceKind::Sep
            && tok[next.start..].starts_with(')')
        {
            pieces[i].kind = PieceKind::Sep;
        }
    }
}

/// Marks as punctuation (kept as printed) the extension of a file name (`mau_01.doc`,
/// `Bieu_mau.XLSX`): `doc` is no `đọc` there.
pub(super) fn file_extension_as_printed(tok: &str, pieces: &mut [Piece]) {
    const EXTENSIONS: [&str; 18] = [
        "avi", "doc", "docx", "gif", "jpeg", "jpg", "json", "mp4", "odt", "pdf", "png", "ppt",
        "pptx", "rar", "tif", "tiff", "xlsx", "zip",
    ];
    let n = pieces.len();
    if n < 3 {
        return;
    }
    let (before, dot, ext) = (pieces[n - 3], pieces[n - 2], pieces[n - 1]);
    let e = &tok[ext.start..ext.end];
    if ext.kind == PieceKind::Word
        && ext.end == tok.len()
        && &tok[dot.start..dot.end] == "."
        && before.kind != PieceKind::Sep
        && EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e))
    {
        pieces[n - 1].kind = PieceKind::Sep;
    }
}

/// Whether `w` is a Roman numeral of two to four letters, one case (`ii`, `vii`, `XIV`).
fn roman_numeral(w: &str) -> bool {
    (2..=4).contains(&w.len())
        && (w.bytes().all(|b| b"ivx".contains(&b)) || w.bytes().all(|b| b"IVX".contains(&b)))
}

/// The one reading of a one-letter part of a slash abbreviation: the letter as printed, with
/// `d` read `đ` (`d/c` is `đ/c`, đồng chí: no Vietnamese abbreviation has a bare `d`).
pub(super) fn slash_letter_reading(
    r: &Restorer,
    s: &str,
    bufs: &mut Bufs,
    out: &mut Vec<(Cand, Out)>,
) {
    let lm = r.lex.word_class(s);
    let bar = match s {
        "d" => Some("đ"),
        "D" => Some("Đ"),
        _ => None,
    };
    let o = match bar {
        Some(b) => {
            let i = bufs.owned.len();
            bufs.owned.push(b.to_string());
            Out::Owned(i as u32)
        }
        None => Out::Keep,
    };
    out.push((Cand { lm, cost: 0.0 }, o));
}
