//! OCR word pairs from gold files (`vanban train --pairs-from-gold DIR`): the raw OCR text
//! `NAME.txt` and its correction `NAME.restored.txt`, as `vanban review --export-gold` writes
//! them (SPEC.md's gold format). The two are token-aligned by the restoration invariant (same
//! lines, same tokens per line), so token i of a raw line was read for token i of the true
//! line: no alignment search is needed, and each pair similar enough to be the same word
//! ([`channel::token_pair`]) teaches the channel.

use std::path::{Path, PathBuf};

use super::channel::{self, WordPair};
use super::read_text;
use crate::error::Error;

/// What reading a folder of gold files gave.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct GoldPairs {
    /// The word pairs (true syllable, OCR token), lowercase, in file and line order.
    pub pairs: Vec<WordPair>,
    /// Documents read (a `NAME.restored.txt` with its `NAME.txt`).
    pub documents: usize,
    /// Lines left out because they break the invariant (another token count, or the files
    /// have different numbers of lines: the lines past the shorter one).
    pub skipped_lines: usize,
}

/// The word pairs of one document: its raw text and the true text aligned with it. A line
/// whose token counts differ is left out (counted in the second value).
pub fn align(raw: &str, truth: &str) -> (Vec<WordPair>, usize) {
    let raw_lines: Vec<&str> = raw.lines().collect();
    let true_lines: Vec<&str> = truth.lines().collect();
    let mut pairs = Vec::new();
    let mut skipped = raw_lines.len().abs_diff(true_lines.len());
    for (r, t) in raw_lines.iter().zip(&true_lines) {
        let (rt, tt): (Vec<&str>, Vec<&str>) = (
            r.split_whitespace().collect(),
            t.split_whitespace().collect(),
        );
        if rt.len() != tt.len() {
            skipped += 1;
            continue;
        }
        pairs.extend(
            tt.iter()
                .zip(&rt)
                .filter_map(|(t, o)| channel::token_pair(t, o)),
        );
    }
    (pairs, skipped)
}

/// The gold documents of `dir`: each `NAME.restored.txt` that has a `NAME.txt` beside it,
/// sorted by name.
pub fn gold_files(dir: &Path) -> Result<Vec<(PathBuf, PathBuf)>, Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut v: Vec<(PathBuf, PathBuf)> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let stem = name.strip_suffix(".restored.txt")?;
            let raw = p.with_file_name(format!("{stem}.txt"));
            raw.is_file().then_some((raw, p))
        })
        .collect();
    v.sort();
    Ok(v)
}

/// Reads every gold document of `dir` into word pairs. A folder without any is an error
/// (a wrong path would otherwise train nothing without a word).
pub fn load(dir: &Path) -> Result<GoldPairs, Error> {
    let files = gold_files(dir)?;
    if files.is_empty() {
        return Err(Error::Model(format!(
            "{}: no gold files (NAME.txt + NAME.restored.txt)",
            dir.display()
        )));
    }
    let mut out = GoldPairs::default();
    for (raw, truth) in files {
        let (p, skipped) = align(&read_text(&raw)?, &read_text(&truth)?);
        out.pairs.extend(p);
        out.skipped_lines += skipped;
        out.documents += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(t: &str, o: &str) -> WordPair {
        (t.to_string(), o.to_string())
    }

    #[test]
    fn tokens_pair_one_to_one() {
        let raw = "CONG HQA xA hoi\nS6: 12/QD-UBND ngbia\n";
        let truth = "CỘNG HÒA XÃ hội\nSố: 12/QĐ-UBND nghĩa\n";
        let (p, skipped) = align(raw, truth);
        assert_eq!(skipped, 0);
        assert_eq!(
            p,
            vec![
                pair("cộng", "cong"),
                pair("hòa", "hqa"),
                pair("xã", "xa"),
                pair("hội", "hoi"),
                pair("số", "s6"),
                pair("nghĩa", "ngbia"),
            ],
            "the code (not a syllable) is left out"
        );
    }

    #[test]
    fn a_line_breaking_the_invariant_is_left_out() {
        let (p, skipped) = align("Ke hoach\nso mot hai\nthem", "Kế hoạch\nsố một\n");
        assert_eq!(p, vec![pair("kế", "ke"), pair("hoạch", "hoach")]);
        assert_eq!(skipped, 2, "a token count differs, a line is missing");
        // Junk read for a word is not a pair: too far from it.
        assert!(align("xyzw", "Việt").0.is_empty());
        assert_eq!(align("", ""), (Vec::new(), 0));
    }

    #[test]
    fn a_folder_without_gold_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).is_err());
        assert!(load(&dir.path().join("missing")).is_err());
        std::fs::write(dir.path().join("a.txt"), "Ke hoach\n").unwrap();
        std::fs::write(dir.path().join("a.restored.txt"), "Kế hoạch\n").unwrap();
        std::fs::write(dir.path().join("b.restored.txt"), "lone\n").unwrap();
        let g = load(dir.path()).unwrap();
        assert_eq!(g.documents, 1);
        assert_eq!(g.pairs.len(), 2);
    }
}
