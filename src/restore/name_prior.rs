//! The name prior (`dictionaries/name_prior.txt`, built by `vanban train --name-prior`): how
//! often each syllable is read as a surname, a middle name or a given name in the corpus, so
//! a capitalised word in a name's position takes the reading names have (`Trương Hải Thanh`,
//! not `Thành`), not the one general text has.
//!
//! A name's position is found the same way in training and in restoration ([`positions`]):
//! a run of two to four words in title case (letters only, punctuation only after the last),
//! the first of them a listed surname (`names.txt`); the first word is the surname, the last
//! the given name, those between middle names.

use super::lexicon::Lexicon;
use super::Names;
use crate::error::Error;
use crate::syllable;

/// Position of a word in a personal name.
pub const NONE: u8 = 0;
pub const SURNAME: u8 = 1;
pub const MIDDLE: u8 = 2;
pub const GIVEN: u8 = 3;

/// Counts below which a folded form's readings at a position say nothing.
const MIN_TOTAL: u32 = 3;
/// Additive smoothing of the counts.
const ALPHA: f32 = 0.5;

/// Cost (nats, -ln p) of each syllable's reading at each name position, by syllable id; 0 where
/// the prior knows nothing about the letters.
#[derive(Debug, Default)]
pub struct NamePrior {
    costs: Vec<[f32; 3]>,
}

impl NamePrior {
    /// Parses `name_prior.txt` (`reading<TAB>surname<TAB>middle<TAB>given` counts) against the
    /// lexicon: readings it does not know are skipped.
    pub fn parse(text: &str, lex: &Lexicon) -> Result<NamePrior, Error> {
        let n = lex.vocab_size();
        let mut counts = vec![[0u32; 3]; n];
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || Error::Model(format!("line {}: {line:?}", i + 1));
            let mut f = line.split('\t');
            let w = f.next().ok_or_else(bad)?;
            let mut c = [0u32; 3];
            for x in &mut c {
                *x = f.next().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
            }
            if let Some(id) = lex.id(w) {
                counts[id as usize] = c;
            }
        }
        let mut costs = vec![[0f32; 3]; n];
        let mut folded = String::new();
        let mut seen = vec![false; n];
        for id in 0..n {
            if seen[id] || counts[id] == [0; 3] {
                continue;
            }
            syllable::fold_into(lex.text(id as u16), &mut folded);
            let same = lex.by_fold(&folded);
            for &s in same {
                seen[s as usize] = true;
            }
            for pos in 0..3 {
                let total: u32 = same.iter().map(|&s| counts[s as usize][pos]).sum();
                if total < MIN_TOTAL {
                    continue;
                }
                let denom = total as f32 + ALPHA * same.len() as f32;
                for &s in same {
                    costs[s as usize][pos] =
                        -((counts[s as usize][pos] as f32 + ALPHA) / denom).ln();
                }
            }
        }
        Ok(NamePrior { costs })
    }

    /// The cost of syllable `id` at name position `pos` ([`SURNAME`], [`MIDDLE`], [`GIVEN`]).
    #[inline]
    pub fn cost(&self, id: u16, pos: u8) -> f32 {
        match (self.costs.get(id as usize), pos) {
            (Some(c), SURNAME..=GIVEN) => c[pos as usize - 1],
            _ => 0.0,
        }
    }
}

/// A word in title case, letters only, with `trail` true when punctuation follows its letters
/// (it ends a name); `None` when the token is not such a word.
fn title_word(tok: &str) -> Option<(&str, bool)> {
    let end = tok
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(tok.len(), |(i, _)| i);
    let (w, rest) = tok.split_at(end);
    let mut cs = w.chars();
    let first = cs.next()?;
    if !first.is_uppercase()
        || !cs.all(char::is_lowercase)
        || !rest
            .chars()
            .all(|c| matches!(c, ',' | '.' | ';' | ':' | ')'))
    {
        return None;
    }
    Some((w, !rest.is_empty()))
}

/// The name position of each token of a line (`tokens`), written into `out` (cleared first);
/// `folded` is a scratch buffer. In a longer run of title-case words the name is its last
/// `min_len` (2 or more) to four words from the first surname (`Ông Lê Huy Vịnh`: `Ông` is
/// listed too).
pub fn positions<'a>(
    names: &Names,
    tokens: impl Iterator<Item = &'a str>,
    min_len: usize,
    out: &mut Vec<u8>,
    folded: &mut String,
) {
    let min_len = min_len.max(2);
    /// Marks a surname's letters while a run is open.
    const SURNAME_MARK: u8 = 9;
    out.clear();
    let close = |out: &mut Vec<u8>, start: Option<usize>, end: usize| {
        let Some(start) = start else { return };
        let from = (start..end.saturating_sub(min_len - 1))
            .find(|&s| out[s] == SURNAME_MARK && end - s <= 4);
        for p in &mut out[start..end] {
            *p = NONE;
        }
        if let Some(s) = from {
            out[s] = SURNAME;
            for p in &mut out[s + 1..end - 1] {
                *p = MIDDLE;
            }
            out[end - 1] = GIVEN;
        }
    };
    let mut start: Option<usize> = None;
    for (i, tok) in tokens.enumerate() {
        match title_word(tok) {
            Some((w, trail)) => {
                syllable::fold_into(w, folded);
                out.push(if names.is_surname_fold(folded) {
                    SURNAME_MARK
                } else {
                    NONE
                });
                start.get_or_insert(i);
                if trail {
                    close(out, start.take(), i + 1);
                }
            }
            None => {
                close(out, start.take(), i);
                out.push(NONE);
            }
        }
    }
    let n = out.len();
    close(out, start.take(), n);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_positions_in_a_line() {
        let n = Names::parse("surname\tTrương\nsurname\tLê\n").unwrap();
        let mut out = Vec::new();
        let mut f = String::new();
        let line = "Ông Truong Hai Thanh, Chuyen vien; Le Huy Vinh Le Van";
        positions(&n, line.split_whitespace(), 2, &mut out, &mut f);
        // `Ông` is no surname here; in `Le Huy Vinh Le Van` the name starts at the first
        // surname that leaves four words at most.
        assert_eq!(out, [0, 1, 2, 3, 0, 0, 0, 0, 0, 1, 3]);
        let line = "do Truong Hai Thanh, Chuyen vien; ong Le Huy Vinh";
        positions(&n, line.split_whitespace(), 2, &mut out, &mut f);
        assert_eq!(out, [0, 1, 2, 3, 0, 0, 0, 1, 2, 3]);
    }
}
