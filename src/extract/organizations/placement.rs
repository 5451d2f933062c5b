//! Accented text keeps its printed tone placement (`Đảng uỷ`, `Văn hoá`), which listed names and
//! head words spell the modern way (`Đảng ủy`, `Văn hóa`). Names are found on a copy with the
//! modern placement where it takes as many bytes, so offsets are the text's.

use crate::charclass::CharClass;

use std::borrow::Cow;

use crate::syllable::{split_tone, upper_char, with_tone};

/// The text with each open syllable's `oa`, `oe`, `uy` toned the modern way (`uỷ` -> `ủy`,
/// `hoá` -> `hóa`) where the two forms are as long in bytes; `quý` and closed syllables (`hoán`)
/// are placed alike in both styles and left.
pub(super) fn modern(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let bytes = text.as_bytes();
    // Only a marked letter (a non-ASCII character) after `o` or `u` is toned; each such pair
    // is read on its own, its neighbours taken from the text.
    for i in 0..bytes.len().saturating_sub(1) {
        if !matches!(bytes[i], b'o' | b'u' | b'O' | b'U') || bytes[i + 1] < 0xC0 {
            continue;
        }
        let (v, at) = (char::from(bytes[i]), i + 1);
        let Some(c) = text[at..].chars().next() else {
            continue;
        };
        let Some((base, tone)) = split_tone(c) else {
            continue;
        };
        let lower = v.to_ascii_lowercase();
        let pair = matches!((lower, base), ('o', 'a') | ('o', 'e') | ('u', 'y'));
        let open = text[at + c.len_utf8()..]
            .chars()
            .next()
            .is_none_or(|n| !n.is_alpha());
        // `quý`, `uoá`: the first vowel is no syllable's first vowel there.
        let onset = text[..i].chars().next_back().is_none_or(|b| {
            !matches!(b, 'q' | 'Q') && !"aeiouy".contains(crate::syllable::fold_char(b))
        });
        if tone == 0 || !pair || !open || !onset {
            continue;
        }
        let toned = with_tone(lower, tone);
        let toned = if v.is_upper() {
            upper_char(toned)
        } else {
            toned
        };
        if toned.len_utf8() + base.len_utf8() != v.len_utf8() + c.len_utf8() {
            continue;
        }
        let s = out.get_or_insert_with(|| text.to_string());
        let mut buf = [0u8; 8];
        let n = toned.encode_utf8(&mut buf).len();
        let m = base.encode_utf8(&mut buf[n..]).len();
        s.replace_range(
            i..at + c.len_utf8(),
            std::str::from_utf8(&buf[..n + m]).unwrap_or(""),
        );
    }
    out.map_or(Cow::Borrowed(text), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::super::values;
    use super::modern;

    /// The old placement is read as the modern one, byte for byte; `quý` and `hoán` stay.
    #[test]
    fn old_placement_read_as_modern() {
        let t = "Đảng uỷ, Uỷ ban, Văn hoá, hoà, khoẻ, quý, hoán, thuỵ";
        let m = modern(t);
        assert_eq!(m, "Đảng ủy, Ủy ban, Văn hóa, hòa, khỏe, quý, hoán, thụy");
        assert_eq!(m.len(), t.len());
        assert_eq!(
            values("Trong các hội nghị của Đảng uỷ, Sở Văn hoá và Thể thao."),
            vec!["Đảng uỷ", "Sở Văn hoá và Thể thao"]
        );
    }
}
