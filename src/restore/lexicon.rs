//! The syllable dictionary and the code list: integer ids for syllables, the folded index
//! (`so` -> `số, sở, sơ, …`) and canonical abbreviations (`QD` -> `QĐ`, `HDND` -> `HĐND`).
//!
//! Both load from sorted text files under `dictionaries/` (`syllables.txt`, `codes.txt`), so a
//! person can read and edit them; ids are assigned in file order.

use crate::error::Error;
use crate::fxhash::FxHashMap;
use crate::normalize::{Piece, PieceKind};
use crate::syllable;

/// Sentence start.
pub const BOS: u16 = 0;
/// Sentence end.
pub const EOS: u16 = 1;
/// A word that is neither a known syllable nor an abbreviation.
pub const UNK: u16 = 2;
/// A number.
pub const NUM: u16 = 3;
/// An abbreviation or code (`UBND`, `CCHC`, `SNgV`).
pub const ABBR: u16 = 4;
/// Punctuation that gets its own LM token; the id is `PUNCT_BASE + index`.
pub const PUNCT: [char; 12] = [',', '.', ';', ':', '(', ')', '-', '/', '"', '?', '!', '%'];
/// First punctuation id.
pub const PUNCT_BASE: u16 = 5;
/// First syllable id.
pub const FIRST_SYL: u16 = 32;
/// Largest vocabulary the 16-bit ids allow.
pub const MAX_VOCAB: usize = u16::MAX as usize - 1;

/// LM id of a separator piece (its first char), if it has one.
pub fn punct_id(sep: &str) -> Option<u16> {
    let c = sep.chars().next()?;
    PUNCT
        .iter()
        .position(|&p| p == c)
        .map(|i| PUNCT_BASE + i as u16)
}

/// Syllables with ids plus the code list.
#[derive(Debug, Default)]
pub struct Lexicon {
    syllables: Vec<Box<str>>,
    counts: Vec<u64>,
    ids: FxHashMap<Box<str>, u16>,
    by_fold: FxHashMap<Box<str>, Vec<u16>>,
    codes: FxHashMap<Box<str>, Box<str>>,
    /// Every known code with its weighted corpus count.
    code_set: FxHashMap<Box<str>, u64>,
    /// Known codes that contain `Đ`, for recognising longer codes built on them.
    d_codes: Vec<Box<str>>,
    /// Two-letter codes with `Đ` frequent enough to end a longer code (`ĐH`, `ĐT`).
    d_ends: Vec<Box<str>>,
    /// Frequent codes with their own LM id (after the syllables): `UBND tỉnh` and `chủ sổ
    /// ATA` are different contexts, which one shared `ABBR` class would blur.
    code_ids: FxHashMap<Box<str>, u16>,
}

/// Codes seen at least this often (weighted) get their own LM id.
pub const MIN_LM_CODE_COUNT: u64 = 100;

/// Weighted count from which a two-letter code with `Đ` (`ĐH`, `ĐT`) may end a longer code.
pub const MIN_D_END_COUNT: u64 = 100;

/// A printed code in accented text stands unless its canonical spelling is this many times
/// more frequent: 20 keeps `HD` (48 against `HĐ` 26) and `CD` (48 against `CĐ` 230) and mends
/// `QD` (12 against 9,369).
const CLEAN_CODE_SHARE: u64 = 20;

impl Lexicon {
    /// Builds a lexicon from `(syllable, count)` lines and `(code, count)` lines.
    pub fn new(mut syls: Vec<(String, u64)>, codes: Vec<(String, u64)>) -> Result<Self, Error> {
        syls.sort();
        syls.dedup_by(|a, b| a.0 == b.0);
        if syls.len() + FIRST_SYL as usize > MAX_VOCAB {
            return Err(Error::Model(format!("{} syllables: too many", syls.len())));
        }
        let mut lex = Lexicon::default();
        for (i, (s, c)) in syls.into_iter().enumerate() {
            let id = FIRST_SYL + i as u16;
            lex.by_fold
                .entry(syllable::fold(&s).into_boxed_str())
                .or_default()
                .push(id);
            lex.ids.insert(s.clone().into_boxed_str(), id);
            lex.syllables.push(s.into_boxed_str());
            lex.counts.push(c);
        }
        // Most frequent first within each folded class: candidate lists come out ranked.
        for v in lex.by_fold.values_mut() {
            v.sort_by_key(|&id| std::cmp::Reverse(lex.counts[(id - FIRST_SYL) as usize]));
        }
        // Codes: the key is the upper-case folded form; the most frequent spelling wins, and a
        // form that is itself a code keeps its own spelling. A spelling with `Đ` wins unless
        // the plain one is more than twice as frequent: a stripped copy of a code (`BCD` beside
        // `BCĐ`) is a corpus typo far more often than another code.
        let mut best: FxHashMap<Box<str>, (u64, Box<str>)> = FxHashMap::default();
        for (code, count) in &codes {
            lex.code_set.insert(code.clone().into_boxed_str(), *count);
            let key = code_key(code);
            if lex.by_fold.contains_key(key.to_lowercase().as_str()) {
                continue;
            }
            let e = best.entry(key.into_boxed_str()).or_insert((0, "".into()));
            let bars = |c: &str| c.chars().filter(|&ch| ch == 'Đ').count();
            let better = match bars(code).cmp(&bars(&e.1)) {
                std::cmp::Ordering::Greater => *count * 2 >= e.0,
                std::cmp::Ordering::Less => *count > e.0 * 2,
                std::cmp::Ordering::Equal => *count > e.0,
            };
            if better {
                *e = (*count, code.clone().into_boxed_str());
            }
        }
        lex.codes = best.into_iter().map(|(k, (_, v))| (k, v)).collect();
        let mut sorted: Vec<&(String, u64)> = codes.iter().collect();
        sorted.sort();
        sorted.dedup_by(|a, b| a.0 == b.0);
        let mut next = FIRST_SYL as usize + lex.syllables.len();
        for (code, count) in sorted {
            if code.contains('Đ') && code.chars().count() >= 3 {
                lex.d_codes.push(code.clone().into_boxed_str());
            }
            if code.contains('Đ') && code.chars().count() == 2 && *count >= MIN_D_END_COUNT {
                lex.d_ends.push(code.clone().into_boxed_str());
            }
            if *count >= MIN_LM_CODE_COUNT && word_class(code) == ABBR && next < MAX_VOCAB {
                lex.code_ids
                    .insert(code.clone().into_boxed_str(), next as u16);
                next += 1;
            }
        }
        Ok(lex)
    }

    /// Parses `syllables.txt` and `codes.txt` contents (`text<TAB>count` per line).
    pub fn parse(syllables: &str, codes: &str) -> Result<Self, Error> {
        Self::new(parse_counts(syllables)?, parse_counts(codes)?)
    }

    /// Number of LM ids (specials plus syllables).
    pub fn vocab_size(&self) -> usize {
        FIRST_SYL as usize + self.syllables.len() + self.code_ids.len()
    }

    /// LM id of a word that is not a syllable: a frequent code's own id, else its class
    /// (`ABBR` with two or more capitals, `UNK` otherwise).
    pub fn word_class(&self, word: &str) -> u16 {
        match self.code_ids.get(word) {
            Some(&id) => id,
            None => word_class(word),
        }
    }

    /// Number of syllables.
    pub fn len(&self) -> usize {
        self.syllables.len()
    }

    /// True when there are no syllables.
    pub fn is_empty(&self) -> bool {
        self.syllables.is_empty()
    }

    /// Id of a lowercase canonical syllable.
    pub fn id(&self, syl: &str) -> Option<u16> {
        self.ids.get(syl).copied()
    }

    /// Text of a syllable id.
    pub fn text(&self, id: u16) -> &str {
        id.checked_sub(FIRST_SYL)
            .and_then(|i| self.syllables.get(i as usize))
            .map(|s| &**s)
            .unwrap_or("")
    }

    /// Corpus count of a syllable id.
    pub fn count(&self, id: u16) -> u64 {
        id.checked_sub(FIRST_SYL)
            .and_then(|i| self.counts.get(i as usize))
            .copied()
            .unwrap_or(0)
    }

    /// Syllables whose folded form is `folded`, most frequent first.
    pub fn by_fold(&self, folded: &str) -> &[u16] {
        self.by_fold.get(folded).map(|v| &v[..]).unwrap_or(&[])
    }

    /// Iterates the folded forms.
    pub fn folded_forms(&self) -> impl Iterator<Item = &str> {
        self.by_fold.keys().map(|k| &**k)
    }

    /// True if `code` is a known abbreviation exactly as written.
    pub fn is_code(&self, code: &str) -> bool {
        self.code_set.contains_key(code)
    }

    /// Whether accented text's code `word`, printed without the `Đ` of its canonical spelling,
    /// is meant as printed: it is a known code itself and not rare beside the canonical one
    /// (`CD` of a disc, `HD` of a Hướng dẫn stay; the corpus's typo `QD` for `QĐ` does not).
    pub fn printed_code_stands(&self, word: &str) -> bool {
        let Some(&own) = self.code_set.get(word) else {
            return false;
        };
        let canon = self.codes.get(code_key(word).as_str());
        let theirs = canon
            .and_then(|c| self.code_set.get(&**c))
            .copied()
            .unwrap_or(0);
        own * CLEAN_CODE_SHARE >= theirs
    }

    /// The canonical spelling of an abbreviation written without `Đ` or with an OCR stand-in
    /// for it (`QD`, `Qb`, `HDND` -> `QĐ`, `QĐ`, `HĐND`). `None` when unknown.
    pub fn canonical_code(&self, word: &str) -> Option<&str> {
        self.canonical_code_in(word, false, true)
    }

    /// [`Self::canonical_code`], where `leading_d` also reads a leading `D` as `Đ`: right
    /// inside a document number (`NQ/DU` -> `NQ/ĐU`), too bold in running text (`DAK LAK`);
    /// `ocr` allows OCR's stand-ins for `Đ` (`P`, `b`): in stripped text a `P` is a `P`
    /// (`HCTP` stays).
    pub fn canonical_code_in(&self, word: &str, leading_d: bool, ocr: bool) -> Option<&str> {
        if let Some(c) = self.codes.get(code_key(word).as_str()) {
            // Only the bar letter is restored: a code that differs from the canonical one in
            // case alone keeps its printed case when that spelling is known too (`CTr`, `CTR`)
            // or is in capitals (`QĐ-TTG` in a heading in capitals).
            let same_bars = word
                .chars()
                .zip(c.chars())
                .all(|(a, b)| (b == 'Đ') == (a == 'Đ'));
            if same_bars && **c != *word {
                if let Some((k, _)) = self.code_set.get_key_value(word) {
                    return Some(k);
                }
                if !word.chars().any(char::is_lowercase) {
                    return None;
                }
            }
            return Some(c);
        }
        // OCR doubles the bar letter (`QĐĐ`).
        if word.contains("ĐĐ") {
            let once = word.replace("ĐĐ", "Đ");
            if let Some((k, _)) = self.code_set.get_key_value(once.as_str()) {
                return Some(k);
            }
        }
        // OCR stand-ins for Đ: try each D/P/b/B/Ð position as Đ. A letter other than `D` is
        // no stand-in in the letters of a syllable whose marks were lost (`AP` is `ÁP` in a
        // heading, not `AĐ`).
        let chars: Vec<char> = word.chars().collect();
        if chars.len() > 10 {
            return None;
        }
        let syllable_letters = ocr && self.by_fold.contains_key(word.to_lowercase().as_str());
        for (i, &c) in chars.iter().enumerate() {
            let stand_in = if ocr {
                matches!(c, 'D' | 'Ð' | 'đ' | 'd') || !syllable_letters && matches!(c, 'P' | 'b')
            } else {
                matches!(c, 'D' | 'd')
            };
            if (stand_in && i > 0) || (c == 'D' && i == 0 && leading_d) {
                let mut v = chars.clone();
                v[i] = 'Đ';
                let cand: String = v.into_iter().collect();
                if self.is_code(&cand) {
                    return self
                        .code_set
                        .get_key_value(cand.as_str())
                        .map(|(k, _)| &**k);
                }
            }
        }
        None
    }

    /// A code built on a known `Đ` code (`SGDDT` on `GDĐT`): the spelling with that `Đ`.
    pub fn code_with_known_part(&self, word: &str) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 4 || chars.len() > 12 || !chars.iter().all(|c| c.is_uppercase()) {
            return None;
        }
        for (i, &c) in chars.iter().enumerate() {
            if c != 'D' || i == 0 {
                continue;
            }
            let mut v = chars.clone();
            v[i] = 'Đ';
            let cand: String = v.into_iter().collect();
            let part = |k: &str| k.len() < cand.len() && (cand.ends_with(k) || cand.starts_with(k));
            // A frequent two-letter code only at the end (`GDTXNNĐH`, `THĐT`): at the start, a
            // `D` is as often `Dân`, `Dự` (`DTTS`).
            let end = |k: &str| cand.ends_with(k) && i + 2 >= chars.len();
            if self.d_codes.iter().any(|k| part(k)) || self.d_ends.iter().any(|k| end(k)) {
                return Some(cand);
            }
        }
        None
    }

    /// LM id for a piece of clean text during training: a syllable id, or a class id.
    pub fn class_of(&self, token: &str, piece: &Piece, lower_buf: &mut String) -> Option<u16> {
        let text = &token[piece.start..piece.end];
        match piece.kind {
            PieceKind::Number => Some(NUM),
            PieceKind::Sep => punct_id(text),
            PieceKind::Word => {
                lower_buf.clear();
                lower_buf.extend(text.chars().map(syllable::lower_char));
                if let Some(id) = self.id(lower_buf) {
                    return Some(id);
                }
                if let Some(c) = syllable::canonical(lower_buf) {
                    if let Some(id) = self.id(&c) {
                        return Some(id);
                    }
                }
                Some(self.word_class(text))
            }
        }
    }
}

/// Class of a word that is not a syllable: `ABBR` with two or more capitals, else `UNK`.
pub fn word_class(word: &str) -> u16 {
    if word.chars().filter(|c| c.is_uppercase()).count() >= 2 {
        ABBR
    } else {
        UNK
    }
}

/// The lookup key of a code: upper case, `Đ` folded to `D`.
pub fn code_key(code: &str) -> String {
    code.chars()
        .map(|c| match c {
            'Đ' | 'đ' | 'Ð' => 'D',
            c => syllable::upper_char(c),
        })
        .collect()
}

/// Parses `text<TAB>count` lines; `#` comments and blank lines are skipped.
pub fn parse_counts(s: &str) -> Result<Vec<(String, u64)>, Error> {
    let mut out = Vec::new();
    for (n, line) in s.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (t, c) = match line.split_once('\t') {
            Some((t, c)) => (t, c.trim().parse::<u64>()),
            None => (line, Ok(1)),
        };
        let c = c.map_err(|_| Error::Model(format!("line {}: bad count in {line:?}", n + 1)))?;
        out.push((t.to_string(), c));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(
            vec![
                ("số".into(), 10),
                ("sở".into(), 5),
                ("sơ".into(), 1),
                ("đơn".into(), 3),
            ],
            vec![
                ("QĐ".into(), 9),
                ("UBND".into(), 9),
                ("HĐND".into(), 4),
                ("BNG".into(), 2),
                ("TTg".into(), 5),
                ("CTr".into(), 3),
                ("CTR".into(), 2),
                ("BCD".into(), 6),
                ("BCĐ".into(), 4),
                ("ĐH".into(), 150),
            ],
        )
        .unwrap()
    }

    #[test]
    fn folded_index_is_ranked() {
        let l = lex();
        let v: Vec<_> = l.by_fold("so").iter().map(|&i| l.text(i)).collect();
        assert_eq!(v, vec!["số", "sở", "sơ"]);
    }

    #[test]
    fn codes() {
        let l = lex();
        assert_eq!(l.canonical_code("QD"), Some("QĐ"));
        assert_eq!(l.canonical_code("HDND"), Some("HĐND"));
        assert_eq!(l.canonical_code("Qb"), Some("QĐ"));
        assert_eq!(l.canonical_code("QĐĐ"), Some("QĐ"));
        assert_eq!(l.canonical_code("UBND"), Some("UBND"));
        assert_eq!(l.canonical_code("BNG"), Some("BNG"));
        assert_eq!(l.canonical_code("XYZ"), None);
        // Case stays as printed where only the case differs.
        assert_eq!(l.canonical_code("TTG"), None);
        assert_eq!(l.canonical_code("TTg"), Some("TTg"));
        assert_eq!(l.canonical_code("CTr"), Some("CTr"));
        assert_eq!(l.canonical_code("CTR"), Some("CTR"));
        assert_eq!(l.canonical_code("Ttg"), Some("TTg"));
        // The spelling with `Đ` wins unless the plain one is more than twice as frequent.
        assert_eq!(l.canonical_code("BCD"), Some("BCĐ"));
        // A frequent two-letter code ends a longer one, never starts it.
        assert_eq!(
            l.code_with_known_part("GDTXNNDH").as_deref(),
            Some("GDTXNNĐH")
        );
        assert_eq!(l.code_with_known_part("DHTX"), None);
    }
}
