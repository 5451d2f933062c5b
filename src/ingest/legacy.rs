//! Legacy Vietnamese 8-bit encodings of old archives: TCVN3 (TCVN 5712, the ABC `.Vn` fonts)
//! and VNI (a base letter followed by a mark byte, bytes as Windows-1252). A file that is not
//! UTF-8 is decoded with each and kept when most of its words become valid syllables.

use crate::normalize::nfc;
use crate::syllable;

/// TCVN 5712 bytes 0x80..=0xFF (generated from glibc's TCVN5712-1 converter; 0xB0..=0xB4 are
/// combining tone marks, composed by NFC afterwards).
const TCVN_HIGH: &str = "\u{c0}\u{1ea2}\u{c3}\u{c1}\u{1ea0}\u{1eb6}\u{1eac}\u{c8}\u{1eba}\u{1ebc}\u{c9}\u{1eb8}\u{1ec6}\u{cc}\u{1ec8}\u{128}\u{cd}\u{1eca}\u{d2}\u{1ece}\u{d5}\u{d3}\u{1ecc}\u{1ed8}\u{1edc}\u{1ede}\u{1ee0}\u{1eda}\u{1ee2}\u{d9}\u{1ee6}\u{168}\u{a0}\u{102}\u{c2}\u{ca}\u{d4}\u{1a0}\u{1af}\u{110}\u{103}\u{e2}\u{ea}\u{f4}\u{1a1}\u{1b0}\u{111}\u{1eb0}\u{300}\u{309}\u{303}\u{301}\u{323}\u{e0}\u{1ea3}\u{e3}\u{e1}\u{1ea1}\u{1eb2}\u{1eb1}\u{1eb3}\u{1eb5}\u{1eaf}\u{1eb4}\u{1eae}\u{1ea6}\u{1ea8}\u{1eaa}\u{1ea4}\u{1ec0}\u{1eb7}\u{1ea7}\u{1ea9}\u{1eab}\u{1ea5}\u{1ead}\u{e8}\u{1ec2}\u{1ebb}\u{1ebd}\u{e9}\u{1eb9}\u{1ec1}\u{1ec3}\u{1ec5}\u{1ebf}\u{1ec7}\u{ec}\u{1ec9}\u{1ec4}\u{1ebe}\u{1ed2}\u{129}\u{ed}\u{1ecb}\u{f2}\u{1ed4}\u{1ecf}\u{f5}\u{f3}\u{1ecd}\u{1ed3}\u{1ed5}\u{1ed7}\u{1ed1}\u{1ed9}\u{1edd}\u{1edf}\u{1ee1}\u{1edb}\u{1ee3}\u{f9}\u{1ed6}\u{1ee7}\u{169}\u{fa}\u{1ee5}\u{1eeb}\u{1eed}\u{1eef}\u{1ee9}\u{1ef1}\u{1ef3}\u{1ef7}\u{1ef9}\u{fd}\u{1ef5}\u{1ed0}";

/// TCVN 5712 control-range positions that hold capitals.
const TCVN_LOW: [(u8, char); 12] = [
    (0x01, '\u{da}'),
    (0x02, '\u{1ee4}'),
    (0x04, '\u{1eea}'),
    (0x05, '\u{1eec}'),
    (0x06, '\u{1eee}'),
    (0x11, '\u{1ee8}'),
    (0x12, '\u{1ef0}'),
    (0x13, '\u{1ef2}'),
    (0x14, '\u{1ef6}'),
    (0x15, '\u{1ef8}'),
    (0x16, '\u{dd}'),
    (0x17, '\u{1ef4}'),
];

/// Decodes TCVN3 bytes.
pub fn decode_tcvn3(bytes: &[u8]) -> String {
    let high: Vec<char> = TCVN_HIGH.chars().collect();
    let mut s = String::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        if b >= 0x80 {
            s.push(high[(b - 0x80) as usize]);
        } else if let Some(&(_, c)) = TCVN_LOW.iter().find(|(k, _)| *k == b) {
            s.push(c);
        } else {
            s.push(b as char);
        }
    }
    nfc(&s)
}

/// Windows-1252 bytes 0x80..=0x9F (the rest of the byte range is Latin-1).
const CP1252_80: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn cp1252(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        CP1252_80[(b - 0x80) as usize]
    } else {
        b as char
    }
}

/// A VNI mark byte (as its Windows-1252 char): (vowel quality, tone). Quality 1 is the
/// circumflex (on a, e, o), 2 the breve (on a); tones as in [`syllable`].
fn vni_mark(c: char) -> Option<(u8, u8)> {
    let l = c.to_lowercase().next().unwrap_or(c);
    Some(match l {
        'ù' => (0, 2),
        'ø' => (0, 1),
        'û' => (0, 3),
        'õ' => (0, 4),
        'ï' => (0, 5),
        'â' => (1, 0),
        'á' => (1, 2),
        'à' => (1, 1),
        'å' => (1, 3),
        'ã' => (1, 4),
        'ä' => (1, 5),
        'ê' => (2, 0),
        'é' => (2, 2),
        'è' => (2, 1),
        'ú' => (2, 3),
        'ü' => (2, 4),
        'ë' => (2, 5),
        _ => return None,
    })
}

/// VNI single bytes that are letters of their own: ơ, ư, đ and the toned i.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        _ => return None,
    })
}

/// Decodes VNI bytes.
pub fn decode_vni(bytes: &[u8]) -> String {
    let chars: Vec<char> = bytes.iter().map(|&b| cp1252(b)).collect();
    let mut s = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < chars.len() {
        let c = vni_letter(chars[i]).unwrap_or(chars[i]);
        let lower = syllable::lower_char(c);
        let is_vowel =
            syllable::split_tone(lower).is_some_and(|(_, t)| t == 0) && c.is_alphabetic();
        if is_vowel {
            if let Some((quality, tone)) = chars.get(i + 1).and_then(|&m| vni_mark(m)) {
                let base = match (quality, lower) {
                    (1, 'a') => Some('â'),
                    (1, 'e') => Some('ê'),
                    (1, 'o') => Some('ô'),
                    (2, 'a') => Some('ă'),
                    (0, v) => Some(v),
                    _ => None,
                };
                if let Some(base) = base {
                    let v = syllable::with_tone(base, tone);
                    s.push(if c.is_uppercase() {
                        syllable::upper_char(v)
                    } else {
                        v
                    });
                    i += 2;
                    continue;
                }
            }
        }
        s.push(c);
        i += 1;
    }
    nfc(&s)
}

/// Share of words (two letters or more) that are valid Vietnamese syllables, and the share
/// that carry a diacritic.
fn score(text: &str) -> (f32, f32, usize) {
    let (mut words, mut valid, mut marked) = (0usize, 0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.chars().count() < 2 {
            continue;
        }
        words += 1;
        let l: String = w.chars().map(syllable::lower_char).collect();
        valid += syllable::is_valid(&l) as usize;
        marked += syllable::has_diacritic(&l) as usize;
    }
    let n = words.max(1) as f32;
    (valid as f32 / n, marked as f32 / n, words)
}

/// Decodes legacy bytes when one of the encodings makes Vietnamese of them: at least three
/// words, 80 % of them valid syllables and 15 % with diacritics. Returns the text and the
/// encoding's name.
pub fn detect(bytes: &[u8]) -> Option<(String, &'static str)> {
    let mut best: Option<(f32, String, &'static str)> = None;
    for (name, text) in [("TCVN3", decode_tcvn3(bytes)), ("VNI", decode_vni(bytes))] {
        let (valid, marked, words) = score(&text);
        if words >= 3 && valid >= 0.8 && marked >= 0.15 && best.as_ref().is_none_or(|b| valid > b.0)
        {
            best = Some((valid, text, name));
        }
    }
    best.map(|(_, t, n)| (t, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcvn3_encode(s: &str) -> Vec<u8> {
        let high: Vec<char> = TCVN_HIGH.chars().collect();
        crate::normalize::nfc(s)
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c as u8
                } else {
                    0x80 + high.iter().position(|&h| h == c).expect("char in TCVN3") as u8
                }
            })
            .collect()
    }

    #[test]
    fn tcvn3_roundtrip_and_detection() {
        let s = "cộng hòa xã hội chủ nghĩa việt nam, độc lập tự do hạnh phúc";
        let b = tcvn3_encode(s);
        assert!(std::str::from_utf8(&b).is_err());
        assert_eq!(decode_tcvn3(&b), s);
        assert_eq!(detect(&b), Some((s.to_string(), "TCVN3")));
    }

    #[test]
    fn vni_composition() {
        // "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc - năm" in VNI.
        let text =
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam - Ñoäc laäp - Töï do - Haïnh phuùc - naêm";
        let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
        let want = "Cộng hòa xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc - năm";
        assert_eq!(decode_vni(&bytes), want);
        assert_eq!(detect(&bytes).map(|d| d.1), Some("VNI"));
        assert_eq!(detect(b"\xff\xfe\x00garbage\x81\x82"), None);
    }
}
