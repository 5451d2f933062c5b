//! `dictionaries/name_prior.txt` (`vanban train --name-prior`): how often each syllable stands
//! as a surname, a middle name and a given name in the corpus (weighted as training weighs
//! it; held-out and excluded lines left out), found by [`crate::restore::name_prior::positions`].

use std::collections::BTreeMap;
use std::path::Path;

use super::{corpus_files, excluded_lines, is_heldout, read_text, weight_of};
use crate::error::Error;
use crate::normalize;
use crate::restore::name_prior::{positions, NONE};
use crate::restore::Names;
use crate::syllable;

/// Fewest words of a run counted as a name. Two-word title-case runs from a surname's letters
/// are mostly not people in the corpus (`Hà Nội`, `Vụ Pháp chế`, `Phó Thủ tướng`), and
/// counted they made `Vụ` the likelier surname than `Vũ`: three-word runs are names far more
/// often.
const MIN_WORDS: usize = 3;

/// Readings seen fewer times than this (all positions, weighted) are left out.
const MIN_COUNT: u64 = 2;

/// Counts name readings in `text` (one corpus file's lines) into `counts`.
pub fn count_text(
    names: &Names,
    text: &str,
    weight: u64,
    holdout_every: usize,
    exclude: &std::collections::HashSet<String>,
    counts: &mut BTreeMap<String, [u64; 3]>,
) {
    let (mut pos, mut folded, mut lower) = (Vec::new(), String::new(), String::new());
    for (i, line) in text.lines().enumerate() {
        if is_heldout(i, holdout_every) || exclude.contains(line.trim()) {
            continue;
        }
        positions(
            names,
            normalize::tokens(line),
            MIN_WORDS,
            &mut pos,
            &mut folded,
        );
        for (tok, &p) in normalize::tokens(line).zip(&pos) {
            if p == NONE {
                continue;
            }
            lower.clear();
            lower.extend(
                tok.chars()
                    .take_while(|c| c.is_alphabetic())
                    .map(syllable::lower_char),
            );
            if let Some(c) = syllable::canonical(&lower) {
                counts.entry(c).or_default()[p as usize - 1] += weight;
            }
        }
    }
}

/// Builds the text of `name_prior.txt` from the corpus; returns it and its number of entries.
pub fn build(
    corpus: &Path,
    names: &Names,
    holdout_every: usize,
    admin_weight: u64,
    exclude_docs: Option<&Path>,
) -> Result<(String, usize), Error> {
    let exclude = excluded_lines(exclude_docs)?;
    let mut counts: BTreeMap<String, [u64; 3]> = BTreeMap::new();
    for f in corpus_files(corpus)? {
        let text = read_text(&f)?;
        let w = weight_of(&f, admin_weight);
        count_text(names, &text, w, holdout_every, &exclude, &mut counts);
    }
    let mut s = String::from(
        "# vanban name prior: syllable, weighted corpus counts as surname, middle and given name \
         (a run of 3-4 title-case words from a listed surname); built by `vanban train \
         --name-prior`\n",
    );
    let mut n = 0;
    for (w, c) in &counts {
        if c.iter().sum::<u64>() < MIN_COUNT {
            continue;
        }
        n += 1;
        s.push_str(&format!("{w}\t{}\t{}\t{}\n", c[0], c[1], c[2]));
    }
    Ok((s, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_names_by_position() {
        let names = Names::parse("surname\tTrương\nsurname\tLê\n").unwrap();
        let text =
            "Ông Trương Hải Thanh, Chuyên viên\nđồng chí Lê Huy Vịnh\nheld out Lê Văn Bình\n\
                    Lê Thanh";
        let mut counts = BTreeMap::new();
        let none = Default::default();
        count_text(&names, text, 2, 3, &none, &mut counts);
        assert_eq!(counts["trương"], [2, 0, 0]);
        assert_eq!(counts["hải"], [0, 2, 0]);
        // Two-word runs (`Lê Thanh`) are not counted: mostly not people in the corpus.
        assert_eq!(counts["thanh"], [0, 0, 2]);
        assert_eq!(counts["huy"], [0, 2, 0]);
        // The third line is held out (every third line).
        assert!(!counts.contains_key("bình"));
        assert_eq!(counts["lê"], [2, 0, 0]);
    }
}
