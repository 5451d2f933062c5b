//! Vietnamese syllable phonology: tones, folding, well-formedness and canonical tone placement.
//!
//! Everything here works on single lowercase syllables in NFC and allocates only when it returns a
//! new string. The tables are the 12 vowel letters times the 6 tones.

/// The vowel letters without tone, in the column order of [`TONED`].
const BASES: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// `TONED[v][t]`: vowel `BASES[v]` with tone `t` (0 ngang, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng).
const TONED: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// Whether `s` has a vowel letter (any case, any marks): capitals without one (`CCHC`, `VT`)
/// cannot be a syllable.
pub fn has_vowel(s: &str) -> bool {
    s.chars().any(|c| split_tone(lower_char(c)).is_some())
}

/// Splits a lowercase vowel letter into (toneless vowel, tone). `None` for non-vowels.
pub fn split_tone(c: char) -> Option<(char, u8)> {
    if (c as u32) < 0x61 {
        return None;
    }
    for (v, row) in TONED.iter().enumerate() {
        for (t, &tc) in row.iter().enumerate() {
            if tc == c {
                return Some((BASES[v], t as u8));
            }
        }
    }
    None
}

/// Puts tone `tone` on toneless lowercase vowel `v`.
pub fn with_tone(v: char, tone: u8) -> char {
    match BASES.iter().position(|&b| b == v) {
        Some(i) if tone < 6 => TONED[i][tone as usize],
        _ => v,
    }
}

/// Characters below this have their lower case and folded lower case in [`Table`].
const TABLED: u32 = 0x2000;

/// `lower[c]` and `fold_lower[c]` for every character below [`TABLED`] (Latin with all its
/// Vietnamese letters, Greek, Cyrillic): the Unicode case tables and the tone search are read
/// once, not for every character of every text.
struct Table {
    lower: Box<[char]>,
    fold_lower: Box<[char]>,
}

fn table() -> &'static Table {
    static T: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let chars = || (0..TABLED).map(|u| char::from_u32(u).unwrap_or('\0'));
        Table {
            lower: chars().map(lower_char_slow).collect(),
            fold_lower: chars()
                .map(|c| fold_char_slow(lower_char_slow(c)))
                .collect(),
        }
    })
}

/// Lowercase Vietnamese-aware (covers `Đ` and all toned capitals through `char::to_lowercase`).
pub fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if (c as u32) < TABLED {
        return table().lower[c as usize];
    }
    lower_char_slow(c)
}

fn lower_char_slow(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    c.to_lowercase().next().unwrap_or(c)
}

/// `fold_char(lower_char(c))`: the bare lower-case Latin letter of `c` (`Ố` -> `o`).
pub fn fold_lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if (c as u32) < TABLED {
        return table().fold_lower[c as usize];
    }
    fold_char_slow(lower_char_slow(c))
}

/// Uppercase, single char.
pub fn upper_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// Folds one lowercase char to its bare Latin letter: `ố` -> `o`, `đ` -> `d`; other chars unchanged.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    // The table folds lower-case letters only; a capital is left as it is, as below.
    if (c as u32) < TABLED && table().lower[c as usize] == c {
        return table().fold_lower[c as usize];
    }
    fold_char_slow(c)
}

fn fold_char_slow(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    if c == 'đ' {
        return 'd';
    }
    match split_tone(c) {
        Some((b, _)) => match b {
            'ă' | 'â' => 'a',
            'ê' => 'e',
            'ô' | 'ơ' => 'o',
            'ư' => 'u',
            other => other,
        },
        None => c,
    }
}

/// Lowercases and folds a whole string into `out` (cleared first).
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    for c in s.chars() {
        out.push(fold_lower(c));
    }
}

/// Lowercased, folded copy of `s`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// True if `c` is a Vietnamese letter (Latin a-z plus all toned vowels and đ), either case.
pub fn is_viet_letter(c: char) -> bool {
    let l = lower_char(c);
    l.is_ascii_lowercase() || l == 'đ' || split_tone(l).is_some()
}

/// True if the lowercase string carries any Vietnamese diacritic (tone, vowel mark or đ).
pub fn has_diacritic(s: &str) -> bool {
    s.chars().any(|c| {
        let l = lower_char(c);
        !l.is_ascii() && (l == 'đ' || split_tone(l).is_some())
    })
}

const ONSETS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

const NUCLEI: [&str; 50] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oay", "uây", "uôi", "ươi",
    "ươu", "yêu",
];
const NUCLEI3_EXTRA: [&str; 5] = ["oao", "oeo", "uya", "uyê", "uyu"];

/// Codas; `k` only occurs in ethnic-minority place names (`Đắk Lắk`, `Đắk Nông`).
const CODAS: [&str; 10] = ["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"];

/// The parts of a well-formed syllable, toneless: onset, vowel cluster, coda, and the tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub onset: String,
    pub nucleus: String,
    pub coda: String,
    pub tone: u8,
}

/// Parses a lowercase syllable into its parts; `None` if it breaks Vietnamese phonotactics
/// (unknown onset or rhyme, two tone marks, a stop coda without sắc/nặng, `k` before `a`, …).
pub fn parse(s: &str) -> Option<Parts> {
    if s.is_empty() || s.len() > 24 {
        return None;
    }
    let mut tone = 0u8;
    let mut bare = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some((b, t)) = split_tone(c) {
            if t != 0 {
                if tone != 0 {
                    return None;
                }
                tone = t;
            }
            bare.push(b);
        } else if c.is_ascii_lowercase() || c == 'đ' {
            bare.push(c);
        } else {
            return None;
        }
    }
    let is_vowel = |c: char| BASES.contains(&c);
    // Onset: longest match, with `gi`/`qu` only when a vowel follows.
    let mut onset = "";
    for o in ONSETS {
        if let Some(rest) = bare.strip_prefix(o) {
            let next_vowel = rest.chars().next().is_some_and(is_vowel);
            if (o == "gi" || o == "qu") && !next_vowel {
                continue;
            }
            onset = o;
            break;
        }
    }
    let rest = &bare[onset.len()..];
    let vlen: usize = rest
        .char_indices()
        .find(|&(_, c)| !is_vowel(c))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let (nucleus, coda) = rest.split_at(vlen);
    if nucleus.is_empty() || !CODAS.contains(&coda) {
        return None;
    }
    if !NUCLEI.contains(&nucleus) && !NUCLEI3_EXTRA.contains(&nucleus) {
        return None;
    }
    // Rhymes that end in a glide take no coda.
    let glide_end = nucleus.chars().count() >= 2
        && matches!(
            nucleus,
            "ai" | "ao"
                | "au"
                | "ay"
                | "âu"
                | "ây"
                | "eo"
                | "êu"
                | "iu"
                | "oi"
                | "ôi"
                | "ơi"
                | "ui"
                | "ưi"
                | "ưu"
                | "iêu"
                | "oai"
                | "oay"
                | "uây"
                | "uôi"
                | "ươi"
                | "ươu"
                | "yêu"
                | "oao"
                | "oeo"
                | "uyu"
                | "ia"
                | "ưa"
                | "ua"
        );
    if glide_end && !coda.is_empty() {
        return None;
    }
    if matches!(nucleus, "iê" | "yê" | "uô" | "ươ" | "uyê" | "oă" | "uâ") && coda.is_empty()
    {
        return None;
    }
    if matches!(nucleus, "ă" | "â") && coda.is_empty() {
        return None;
    }
    if coda == "k" && !matches!(nucleus, "ă" | "ơ" | "ô" | "a") {
        return None;
    }
    if matches!(coda, "c" | "ch" | "p" | "t" | "k") && !matches!(tone, 2 | 5) {
        return None;
    }
    let first = nucleus.chars().next().unwrap_or('a');
    let front = matches!(first, 'i' | 'e' | 'ê' | 'y');
    match onset {
        "k" | "gh" | "ngh" if !front => return None,
        // `g` + `i` is the `gi` onset merged with its vowel (`gì`, `gìn`).
        "g" if front && first == 'i' => {}
        "c" | "g" | "ng" if front => return None,
        "q" => return None,
        _ => {}
    }
    if coda == "ch" && !matches!(nucleus, "a" | "ê" | "i" | "oa" | "uê" | "uy") {
        return None;
    }
    if coda == "nh" && !matches!(nucleus, "a" | "ê" | "i" | "oa" | "uê" | "uy") {
        return None;
    }
    Some(Parts {
        onset: onset.to_string(),
        nucleus: nucleus.to_string(),
        coda: coda.to_string(),
        tone,
    })
}

/// True if the lowercase string is a well-formed Vietnamese syllable.
pub fn is_valid(s: &str) -> bool {
    parse(s).is_some()
}

/// Index (in chars) of the vowel of `nucleus` that carries the tone, traditional placement
/// (`hóa`, `thủy`, `hoàn`, `người`).
fn tone_position(nucleus: &[char], has_coda: bool) -> usize {
    let marked = |c: char| matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư');
    if let Some(i) = nucleus.iter().rposition(|&c| marked(c)) {
        // ươ: the tone sits on ơ, the last marked one, which rposition finds.
        return i;
    }
    match nucleus.len() {
        0 | 1 => 0,
        2 => usize::from(has_coda),
        _ => 1,
    }
}

/// Rewrites a lowercase well-formed syllable with the tone in its traditional place; returns
/// `None` when it is not well formed.
pub fn canonical(s: &str) -> Option<String> {
    let p = parse(s)?;
    Some(compose(&p))
}

/// Builds the lowercase syllable from its parts, tone in the traditional place.
pub fn compose(p: &Parts) -> String {
    let nuc: Vec<char> = p.nucleus.chars().collect();
    let pos = tone_position(&nuc, !p.coda.is_empty());
    let mut out = String::with_capacity(p.onset.len() + p.nucleus.len() + p.coda.len() + 2);
    out.push_str(&p.onset);
    for (i, &c) in nuc.iter().enumerate() {
        out.push(if i == pos { with_tone(c, p.tone) } else { c });
    }
    out.push_str(&p.coda);
    out
}

/// Tone-placement-insensitive comparison key for any token: `hoá` and `hóa` give the same key.
/// Non-syllables are returned unchanged.
pub fn placement_key(token: &str) -> String {
    let lower: String = token.chars().map(lower_char).collect();
    match canonical(&lower) {
        Some(c) => {
            // Restore the original casing pattern on the canonical form.
            apply_case(token, &c)
        }
        None => token.to_string(),
    }
}

/// The casing pattern of an input token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Title,
    Upper,
}

/// Whether `w` is strictly in title case: a capital, then one small letter or more and nothing
/// else (`Hồ`, not `Đ`, `HỒ` or `Hồ.`).
pub fn is_title_case(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && cs.as_str().chars().count() >= 1
        && cs.all(char::is_lowercase)
}

/// Detects the casing of a token from its letters: all upper (2+ letters, or 3 in 4 of 3+) ->
/// Upper; first letter upper -> Title; otherwise Lower. Digits and symbols are ignored.
pub fn case_of(token: &str) -> Case {
    let mut letters = 0;
    let mut upper = 0;
    let mut first_upper = None;
    for c in token.chars() {
        if c.is_alphabetic() {
            letters += 1;
            let u = c.is_uppercase();
            if u {
                upper += 1;
            }
            if first_upper.is_none() {
                first_upper = Some(u);
            }
        }
    }
    // OCR mixes case inside capitalised words (`PiCH` for `ĐÍCH`): mostly capitals is capitals.
    if letters >= 2 && (upper == letters || (letters >= 3 && upper * 4 >= letters * 3)) {
        Case::Upper
    } else if first_upper == Some(true) {
        Case::Title
    } else {
        Case::Lower
    }
}

/// Writes lowercase `word` into `out` with the casing of `pattern`.
pub fn push_cased(out: &mut String, word: &str, case: Case) {
    match case {
        Case::Lower => out.push_str(word),
        Case::Upper => out.extend(word.chars().map(upper_char)),
        Case::Title => {
            let mut it = word.chars();
            if let Some(c) = it.next() {
                out.push(upper_char(c));
            }
            out.push_str(it.as_str());
        }
    }
}

/// Returns lowercase `word` cased like `pattern`.
pub fn apply_case(pattern: &str, word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_cased(&mut out, word, case_of(pattern));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_agree_with_unicode() {
        for c in (0..TABLED + 0x100).filter_map(char::from_u32) {
            assert_eq!(lower_char(c), lower_char_slow(c), "{c:?}");
            assert_eq!(fold_lower(c), fold_char_slow(lower_char_slow(c)), "{c:?}");
            assert_eq!(fold_char(c), fold_char_slow(c), "{c:?}");
        }
        assert_eq!(fold_lower('Ố'), 'o');
        assert_eq!(fold_char('Ố'), 'Ố');
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Số"), "so");
        assert_eq!(fold("ĐƯỜNG"), "duong");
        assert_eq!(fold("người"), "nguoi");
    }

    #[test]
    fn validity() {
        for ok in [
            "số", "người", "nghiêng", "quốc", "giữa", "gì", "khuya", "hoá", "hóa", "đích",
        ] {
            assert!(is_valid(ok), "{ok}");
        }
        for bad in ["sô1", "kan", "ngiêng", "cộnghòa", "tât", "xyz", "bna", "ốá"] {
            assert!(!is_valid(bad), "{bad}");
        }
        assert!(!is_valid("tan") || is_valid("tan"));
        assert!(!is_valid("tàt"), "stop coda needs sắc or nặng");
    }

    #[test]
    fn tone_placement() {
        assert_eq!(canonical("hoá").unwrap(), "hóa");
        assert_eq!(canonical("thuỷ").unwrap(), "thủy");
        assert_eq!(canonical("hoàn").unwrap(), "hoàn");
        assert_eq!(canonical("người").unwrap(), "người");
        assert_eq!(canonical("quý").unwrap(), "quý");
        assert_eq!(canonical("giữa").unwrap(), "giữa");
        assert_eq!(canonical("khuyết").unwrap(), "khuyết");
        assert_eq!(placement_key("Hoá"), placement_key("Hóa"));
    }

    #[test]
    fn casing() {
        assert_eq!(apply_case("KE", "kế"), "KẾ");
        assert_eq!(apply_case("Ke", "kế"), "Kế");
        assert_eq!(apply_case("ke", "kế"), "kế");
        assert_eq!(apply_case("S6", "số"), "Số");
        assert_eq!(apply_case("Pon", "đơn"), "Đơn");
    }
}
