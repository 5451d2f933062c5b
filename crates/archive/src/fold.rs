//! Accent folding, the key of accent-insensitive search: NFD, combining marks stripped,
//! `đ`/`Đ` to `d` (Unicode does not decompose them), lower case. Also the tokeniser that the
//! search and the index share, tone-placement normalisation for typed accents, and the key
//! that document numbers are compared by.

use std::hash::BuildHasherDefault;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Folds one character the slow way (Unicode tables) into `out`.
fn push_folded_slow(c: char, out: &mut String) {
    if matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð') {
        out.push('d');
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// First and last code point of the folding table: Latin-1 to Latin Extended Additional,
/// where every Vietnamese letter is.
const TABLE_FIRST: u32 = 0xC0;
const TABLE_LAST: u32 = 0x1EFF;

/// The folded form of each character of the table range that folds to one character (`\0`
/// where the slow path is needed: none, several, or a combining mark).
fn table() -> &'static [char] {
    static T: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        (TABLE_FIRST..=TABLE_LAST)
            .map(|u| {
                let Some(c) = char::from_u32(u) else {
                    return '\0';
                };
                let mut s = String::new();
                push_folded_slow(c, &mut s);
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(f), None) => f,
                    _ => '\0',
                }
            })
            .collect()
    })
}

/// Folds one character into `out` (nothing for a lone combining mark).
#[inline]
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let u = c as u32;
    if (TABLE_FIRST..=TABLE_LAST).contains(&u) {
        let f = table()[(u - TABLE_FIRST) as usize];
        if f != '\0' {
            out.push(f);
            return;
        }
    }
    push_folded_slow(c, out);
}

/// `Quyết Định` -> `quyet dinh`, `ĐƠN VỊ` -> `don vi`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Whether `c` is part of a token (letters, digits, combining marks), as FTS5's `unicode61`
/// tokeniser counts it.
#[inline]
pub fn is_token_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let u = c as u32;
    // Latin letters with diacritics (but × and ÷), and Latin Extended Additional: letters.
    if (0xC0..=0x24F).contains(&u) && u != 0xD7 && u != 0xF7 || (0x1E00..=0x1EFF).contains(&u) {
        return true;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The tokens of `s` with their byte ranges: maximal runs of token characters.
pub fn tokens(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(|c: char| !is_token_char(c))
        .filter(|t| !t.is_empty())
        .map(move |t| (t.as_ptr() as usize - s.as_ptr() as usize, t))
}

/// The folded tokens of `s`, space-joined: what the index and PostgreSQL's tsvector get.
pub fn folded_tokens(s: &str) -> String {
    folded_tokens_noting(s, &mut Vec::new())
}

/// For each code point below `0x1F00`: the lower-case ASCII letter or digit it folds to when
/// it is a token character that folds to one (every Vietnamese letter), else 0 (the slow
/// path decides).
fn ascii_fold_table() -> &'static [u8; 0x1F00] {
    static T: std::sync::OnceLock<Box<[u8; 0x1F00]>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([0u8; 0x1F00]);
        for (u, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(u as u32) else {
                continue;
            };
            if !is_token_char(c) {
                continue;
            }
            if c.is_ascii() {
                *slot = c.to_ascii_lowercase() as u8;
            } else if (TABLE_FIRST..=TABLE_LAST).contains(&(u as u32)) {
                let f = table()[u - TABLE_FIRST as usize];
                if f.is_ascii_alphanumeric() {
                    *slot = f as u8;
                }
            }
        }
        t
    })
}

/// The folded ASCII byte of the character at `i` when the table has it (0 if not), and the
/// character's length in bytes when known (0 for a character the table does not cover).
#[inline(always)]
fn fast_char(t: &[u8; 0x1F00], bytes: &[u8], i: usize) -> (u8, usize) {
    let b = bytes[i];
    if b < 0x80 {
        return (t[b as usize], 1);
    }
    let u = if b < 0xE0 {
        match bytes.get(i + 1) {
            Some(&c) => ((b as usize & 0x1F) << 6) | (c as usize & 0x3F),
            None => return (0, 0),
        }
    } else if b < 0xF0 {
        match (bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(&c), Some(&d)) => {
                ((b as usize & 0x0F) << 12) | ((c as usize & 0x3F) << 6) | (d as usize & 0x3F)
            }
            _ => return (0, 0),
        }
    } else {
        return (0, 0);
    };
    match t.get(u) {
        Some(&f) if f != 0 => (f, if b < 0xE0 { 2 } else { 3 }),
        _ => (0, 0),
    }
}

/// [`folded_tokens`] in one pass over `s`, noting the tokens that are not plain ASCII in
/// `accented` (the candidates for [`marked_tokens`]). Bytes are read directly: ASCII and the
/// two- and three-byte characters below U+1F00 through one table, anything else the slow way.
pub fn folded_tokens_noting<'a>(s: &'a str, accented: &mut Vec<&'a str>) -> String {
    let t = ascii_fold_table();
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut out: Vec<u8> = Vec::with_capacity(n + 8);
    let mut slow = String::new();
    let mut i = 0;
    'tokens: loop {
        // Separators up to the next token character.
        loop {
            if i >= n {
                break 'tokens;
            }
            let (f, len) = fast_char(t, bytes, i);
            if f != 0 {
                break;
            }
            if len == 0 {
                let c = s[i..].chars().next().unwrap_or(' ');
                if is_token_char(c) {
                    break;
                }
                i += c.len_utf8();
            } else {
                i += len;
            }
        }
        if !out.is_empty() {
            out.push(b' ');
        }
        let start = i;
        let mut wide = false;
        while i < n {
            let (f, len) = fast_char(t, bytes, i);
            if f != 0 {
                wide |= len > 1;
                out.push(f);
                i += len;
                continue;
            }
            if len != 0 {
                break; // an ASCII separator
            }
            let c = s[i..].chars().next().unwrap_or(' ');
            if !is_token_char(c) {
                break;
            }
            wide = true;
            slow.clear();
            push_folded(c, &mut slow);
            out.extend_from_slice(slow.as_bytes());
            i += c.len_utf8();
        }
        if wide {
            accented.push(&s[start..i]);
        }
    }
    // Only ASCII bytes and whole encoded characters were written.
    String::from_utf8(out).unwrap_or_default()
}

/// The folded tokens of `s`, space-joined, into `out`, with each token's byte range in `s`
/// and in `out` (`[start, end, folded start, folded end]`): what a snippet needs in one pass.
pub fn folded_spans(s: &str, out: &mut String, spans: &mut Vec<[u32; 4]>) {
    out.clear();
    spans.clear();
    let mut cur: Option<[u32; 4]> = None;
    for (i, c) in s.char_indices() {
        if is_token_char(c) {
            if cur.is_none() {
                if !out.is_empty() {
                    out.push(' ');
                }
                cur = Some([i as u32, 0, out.len() as u32, 0]);
            }
            push_folded(c, out);
        } else if let Some(mut t) = cur.take() {
            t[1] = i as u32;
            t[3] = out.len() as u32;
            spans.push(t);
        }
    }
    if let Some(mut t) = cur {
        t[1] = s.len() as u32;
        t[3] = out.len() as u32;
        spans.push(t);
    }
}

/// The one character `c` folds to, when it is one (the table's fast path).
#[inline]
fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    let u = c as u32;
    if (TABLE_FIRST..=TABLE_LAST).contains(&u) {
        let f = table()[(u - TABLE_FIRST) as usize];
        if f != '\0' {
            return Some(f);
        }
    }
    let mut s = String::new();
    push_folded_slow(c, &mut s);
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(f), None) => Some(f),
        _ => None,
    }
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The accented form a token is compared by when its diacritics narrow a search: lower case,
/// NFC, tone on the first vowel of a final `oa`/`oe`/`uy` (`hoá` = `hóa`, `thuỷ` = `thủy`);
/// `None` for a token without diacritics.
pub fn marked(token: &str) -> Option<String> {
    let lower = token.to_lowercase();
    // Some character that folding changes (a diacritic, `đ`), else no accented form.
    if !lower
        .chars()
        .any(|c| !c.is_ascii() && fold_char(c) != Some(c))
    {
        return None;
    }
    // Only a final oa/oe/uy can have its tone in two places.
    let mut tail = lower.chars().rev();
    let (v2, v1) = (tail.next().unwrap_or(' '), tail.next().unwrap_or(' '));
    let maybe = matches!(
        (fold_char(v1), fold_char(v2)),
        (Some('o'), Some('a')) | (Some('o'), Some('e')) | (Some('u'), Some('y'))
    );
    if !maybe && lower.chars().all(|c| !is_combining_mark(c)) {
        return Some(lower);
    }
    let mut d: Vec<char> = lower.nfd().collect();
    let n = d.len();
    // ...v1 v2 TONE at the end: move TONE after v1.
    if n >= 3 && TONES.contains(&d[n - 1]) {
        let (v1, v2) = (d[n - 3], d[n - 2]);
        let pair = matches!((v1, v2), ('o', 'a') | ('o', 'e') | ('u', 'y'));
        let qu = v1 == 'u' && n >= 4 && d[n - 4] == 'q';
        if pair && !qu {
            let tone = d.pop().unwrap_or('\u{301}');
            d.insert(n - 2, tone);
        }
    }
    Some(d.into_iter().nfc().collect())
}

/// Distinct accented tokens of the texts (see [`marked`]), space-joined: the `marked` column
/// that typed accents are checked against.
pub fn marked_tokens<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut raw = Vec::new();
    for t in texts {
        for (_, tok) in tokens(t) {
            if !tok.is_ascii() {
                raw.push(tok);
            }
        }
    }
    marked_of(raw)
}

/// [`marked_tokens`] of tokens already found (any order, repeats allowed); the accented forms
/// in the order of their first token. Each distinct token's form is worked out once per
/// thread (see [`MarkCache`]), not once per document.
pub fn marked_of(raw: Vec<&str>) -> String {
    MARKS.with(|m| m.borrow_mut().marked_of(&raw))
}

thread_local! {
    static MARKS: std::cell::RefCell<MarkCache> = std::cell::RefCell::new(MarkCache::default());
}

/// The accented form of each token met so far (a document collection's vocabulary is small:
/// some tens of thousands of spellings), and per form the last document it was written for.
/// Tokens of up to 16 bytes (nearly all: `nghiệp` is 8) are found in an open-addressing table
/// that holds them in its slots, so a look-up reads one slot and compares two words (with a
/// hash map of boxed strings it was a hash, a probe, a pointer to follow and a `memcmp`);
/// longer ones in a hash map.
struct MarkCache {
    /// Linear probing over a power of two of slots, at most half of them used; an empty slot's
    /// key has length 0 (a token is never empty).
    slots: Vec<Slot>,
    /// Slots in use.
    used: usize,
    /// Tokens longer than 16 bytes -> their form's index.
    long: std::collections::HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>,
    /// Form -> its index in `forms`.
    form_ids: std::collections::HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>,
    /// Each form and the stamp of the last document that wrote it.
    forms: Vec<(Box<str>, u32)>,
    stamp: u32,
}

/// A slot of [`MarkCache`]: a token's [`ShortKey`] and its form's index (`NO_FORM`: none).
#[derive(Clone, Copy, Default)]
struct Slot {
    key: ShortKey,
    id: u32,
}

/// A token of at most 16 bytes as two words and its length: the first 8 bytes (under 8, the
/// first 4 and the last 4, or the bytes zero-padded under 4) and, over 8, the last 8; with the
/// length they tell any two tokens apart.
type ShortKey = [u64; 3];

/// [`ShortKey`] of `b` (1 to 16 bytes).
#[inline]
fn short_key(b: &[u8]) -> ShortKey {
    let n = b.len();
    let word = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
    if n >= 8 {
        return [word(0), if n > 8 { word(n - 8) } else { 0 }, n as u64];
    }
    let half = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or([0; 4])) as u64;
    let k0 = if n >= 4 {
        // Overlapping halves; with the length they tell the bytes apart.
        half(0) | half(n - 4) << 32
    } else {
        b.iter()
            .enumerate()
            .fold(0u64, |k, (i, &x)| k | (x as u64) << (8 * i))
    };
    [k0, 0, n as u64]
}

#[inline]
fn slot_hash(k: &ShortKey, bits: u32) -> usize {
    const M: u64 = 0x9e37_79b9_7f4a_7c15;
    let h = (k[0].wrapping_mul(M) ^ k[1] ^ k[2]).wrapping_mul(M);
    (h >> (64 - bits)) as usize
}

impl Default for MarkCache {
    fn default() -> MarkCache {
        MarkCache {
            slots: vec![Slot::default(); 1 << 12],
            used: 0,
            long: Default::default(),
            form_ids: Default::default(),
            forms: Vec::new(),
            stamp: 0,
        }
    }
}

const NO_FORM: u32 = u32::MAX;
/// Tokens remembered before the cache starts again (bounded memory on any input).
const MARK_CACHE_MAX: usize = 200_000;

impl MarkCache {
    /// The index of `tok`'s form (`NO_FORM`: none), worked out the first time it is met.
    #[inline]
    fn form_of(&mut self, tok: &str) -> u32 {
        if tok.len() > 16 {
            if let Some(&id) = self.long.get(tok) {
                return id;
            }
            let id = self.new_form(tok);
            self.long.insert(tok.into(), id);
            return id;
        }
        let key = short_key(tok.as_bytes());
        let bits = self.slots.len().trailing_zeros();
        let mask = self.slots.len() - 1;
        let mut i = slot_hash(&key, bits);
        loop {
            let slot = self.slots[i];
            if slot.key == key {
                return slot.id;
            }
            if slot.key[2] == 0 {
                break;
            }
            i = (i + 1) & mask;
        }
        let id = self.new_form(tok);
        self.slots[i] = Slot { key, id };
        self.used += 1;
        if 2 * self.used > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Twice the slots, every key placed again.
    fn grow(&mut self) {
        let twice = vec![Slot::default(); 2 * self.slots.len()];
        let old = std::mem::replace(&mut self.slots, twice);
        let bits = self.slots.len().trailing_zeros();
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.key[2] != 0) {
            let mut i = slot_hash(&s.key, bits);
            while self.slots[i].key[2] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    /// The form of a token not met before, its index in `forms` (`NO_FORM`: none).
    fn new_form(&mut self, tok: &str) -> u32 {
        match marked(tok) {
            None => NO_FORM,
            Some(m) => match self.form_ids.get(m.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.forms.len() as u32;
                    self.form_ids.insert(m.clone().into_boxed_str(), id);
                    self.forms.push((m.into_boxed_str(), 0));
                    id
                }
            },
        }
    }

    fn marked_of(&mut self, raw: &[&str]) -> String {
        if self.used + self.long.len() > MARK_CACHE_MAX || self.stamp == u32::MAX {
            *self = MarkCache::default();
        }
        self.stamp += 1;
        let mut out = String::new();
        for &tok in raw {
            let id = self.form_of(tok);
            if id == NO_FORM {
                continue;
            }
            let (form, last) = &mut self.forms[id as usize];
            if *last != self.stamp {
                *last = self.stamp;
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(form);
            }
        }
        out
    }
}

/// A fast hasher for short words (multiply and rotate over 8-byte chunks, as rustc's
/// FxHasher); the sets it serves hold one document's words, no untrusted keys across calls
/// that could be made to collide at scale.
#[derive(Default)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(26) ^ w).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(26) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(26) ^ i as u64).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The key document numbers are compared by: no whitespace, folded (`QĐ` = `QD` = `qd`),
/// so `15/2025/QD-TTg` finds `15/2025/QĐ-TTg`.
pub fn number_key(number: &str) -> String {
    fold(&number.split_whitespace().collect::<String>())
}

/// The key authorities and types are compared by: folded, whitespace collapsed.
pub fn text_key(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_folds_as_unicode_does() {
        for u in TABLE_FIRST..=TABLE_LAST {
            let Some(c) = char::from_u32(u) else { continue };
            let (mut fast, mut slow) = (String::new(), String::new());
            push_folded(c, &mut fast);
            push_folded_slow(c, &mut slow);
            assert_eq!(fast, slow, "U+{u:04X}");
            assert_eq!(
                is_token_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "U+{u:04X}"
            );
        }
    }

    #[test]
    fn folds_accents_and_d() {
        assert_eq!(fold("Quyết Định ĐƠN VỊ"), "quyet dinh don vi");
        assert_eq!(fold("Chuyển đổi số"), "chuyen doi so");
        assert_eq!(fold("QĐ-TTg"), "qd-ttg");
    }

    #[test]
    fn tokens_split_like_unicode61() {
        let t: Vec<_> = tokens("Số: 15/2025/QĐ-TTg, ngày").collect();
        assert_eq!(
            t.iter().map(|x| x.1).collect::<Vec<_>>(),
            ["Số", "15", "2025", "QĐ", "TTg", "ngày"]
        );
        assert_eq!(t[1].0, "Số: ".len());
        assert_eq!(folded_tokens("Số: 15/2025/QĐ-TTg"), "so 15 2025 qd ttg");
    }

    #[test]
    fn one_pass_folding_agrees_with_the_tokeniser() {
        for s in [
            "Số: 15/2025/QĐ-TTg, ngày 14 tháng 6",
            "ĐƠN VỊ hoá thuỷ Москва ß x\u{301}y 3½ café",
            "",
            "  ...  ",
            "a",
            "Đ",
        ] {
            let slow: Vec<String> = tokens(s).map(|(_, t)| fold(t)).collect();
            let mut wide = Vec::new();
            assert_eq!(folded_tokens_noting(s, &mut wide), slow.join(" "), "{s:?}");
            let want: Vec<&str> = tokens(s).map(|t| t.1).filter(|t| !t.is_ascii()).collect();
            assert_eq!(wide, want, "{s:?}");
            assert_eq!(marked_of(wide), marked_tokens([s]));
        }
        assert_eq!(marked_tokens(["Hoá hóa HÓA quyết hóa"]), "hóa quyết");
    }

    #[test]
    fn the_byte_folder_agrees_with_the_tokeniser_on_every_character() {
        // Every code point up to U+2100 and a sample above, each between two letters and
        // alone, so both the token and the separator paths see it.
        let cps = (0..0x2100u32).chain((0x2100..0x11_0000).step_by(97));
        let mut s = String::new();
        for u in cps {
            let Some(c) = char::from_u32(u) else { continue };
            s.push('a');
            s.push(c);
            s.push('b');
            s.push(' ');
            s.push(c);
            s.push(' ');
        }
        let slow: Vec<String> = tokens(&s).map(|(_, t)| fold(t)).collect();
        let mut wide = Vec::new();
        assert_eq!(folded_tokens_noting(&s, &mut wide), slow.join(" "));
        let want: Vec<&str> = tokens(&s).map(|t| t.1).filter(|t| !t.is_ascii()).collect();
        assert_eq!(wide, want);
    }

    #[test]
    fn the_mark_cache_gives_each_tokens_form() {
        // Tokens of every length up to 40 bytes, many more than the first table's slots, met
        // in several documents: each document's forms are those worked out one by one.
        let letters: Vec<char> = "aăâeêioôơuưyđĐÁẤỆỳ".chars().collect();
        let mut x: u64 = 12345;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let vocab: Vec<String> = (0..20_000)
            .map(|_| {
                let len = 1 + (next() % 14) as usize;
                (0..len)
                    .map(|_| letters[(next() % letters.len() as u64) as usize])
                    .collect()
            })
            .collect();
        for _ in 0..30 {
            let doc: Vec<&str> = (0..3000)
                .map(|_| vocab[(next() % vocab.len() as u64) as usize].as_str())
                .collect();
            let mut want: Vec<String> = Vec::new();
            for t in &doc {
                if let Some(m) = marked(t) {
                    if !want.contains(&m) {
                        want.push(m);
                    }
                }
            }
            assert_eq!(marked_of(doc), want.join(" "));
        }
        assert_eq!(short_key(b"abcdefgh"), [short_key(b"abcdefgh")[0], 0, 8]);
        assert_ne!(short_key(b"abcdefghi"), short_key(b"abcdefghj"));
        assert_ne!(short_key(b"abcde"), short_key(b"abcd"));
        assert_ne!(short_key(b"ab"), short_key(b"ba"));
    }

    #[test]
    fn marked_forms_normalise_tone_placement() {
        assert_eq!(marked("hoá").as_deref(), Some("hóa"));
        assert_eq!(marked("HÓA").as_deref(), Some("hóa"));
        assert_eq!(marked("thuỷ").as_deref(), Some("thủy"));
        assert_eq!(marked("quý").as_deref(), Some("quý"));
        assert_eq!(marked("toán").as_deref(), Some("toán"));
        assert_eq!(marked("quyết").as_deref(), Some("quyết"));
        assert_ne!(marked("quyết"), marked("quyệt"));
        assert_eq!(marked("UBND"), None);
        assert_eq!(marked("Đinh").as_deref(), Some("đinh"));
    }

    #[test]
    fn number_keys_fold_d_case_and_spaces() {
        assert_eq!(number_key("15/2025/QĐ-TTg"), number_key("15/2025/QD-TTG"));
        assert_eq!(number_key("15 / 2025 / QĐ-TTg"), "15/2025/qd-ttg");
    }
}
