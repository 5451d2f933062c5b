//! `dictionaries/compounds.txt` (`vanban train --compounds`): the two-syllable words of the
//! documents in the corpus, so that the organisation extractor never ends a name inside a word
//! (`Di sản Văn` + `hóa`). A pair of adjacent syllables is a word when it stands together at
//! least [`MIN_PAIR`] times and makes up at least [`MIN_SHARE_PERCENT`] % of either syllable's
//! occurrences; grammar words ([`GRAMMAR_WORDS`]) and a syllable repeated (`vi vi`) make none.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{corpus_files, excluded_lines, for_each_training_line};
use crate::error::Error;
use crate::fxhash::FxHashMap;

/// Fewest times a pair must stand together.
pub const MIN_PAIR: u32 = 10;
/// Least share (percent) of either syllable's occurrences the pair must make up.
pub const MIN_SHARE_PERCENT: u64 = 8;
/// Corpus files larger than this are not counted: the documents' texts are (administrative
/// texts and the full texts of decrees and circulars, 0.6–4.6 MB each), the 99 MB
/// codification of provisions by subject is not (it would outweigh them ten to one).
pub const MAX_FILE_BYTES: u64 = 16_000_000;
/// Function words, numerals and date words, frequent beside everything (`và các`, `theo quy`,
/// `ngày làm`): a pair with one of them is no word (sorted).
pub const GRAMMAR_WORDS: &[&str] = &[
    "ba", "cho", "chưa", "các", "có", "cũng", "của", "do", "hai", "hoặc", "khi", "không", "là",
    "mà", "mọi", "một", "ngày", "người", "nhưng", "những", "này", "nên", "năm", "nếu", "rất", "sẽ",
    "số", "theo", "tháng", "thì", "trong", "tại", "từ", "và", "về", "với", "đang", "đây", "đã",
    "đó", "được", "đến", "để",
];

/// Syllable and pair counts over integer ids.
#[derive(Debug, Default)]
pub struct Counts {
    ids: FxHashMap<String, u32>,
    words: Vec<String>,
    unigrams: Vec<u64>,
    pairs: FxHashMap<u64, u32>,
}

impl Counts {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.ids.insert(w.to_string(), i);
        self.words.push(w.to_string());
        self.unigrams.push(0);
        i
    }

    /// Counts one line: its words are the runs of letters, lower case; a figure between two
    /// words does not part them (`dưới 18 tuổi`), any other sign does (`Sở, ban`).
    pub fn add_line(&mut self, line: &str, word: &mut String) {
        let mut prev: Option<u32> = None;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_alphabetic() {
                word.clear();
                word.extend(c.to_lowercase());
                while let Some(&n) = chars.peek().filter(|n| n.is_alphabetic()) {
                    word.extend(n.to_lowercase());
                    chars.next();
                }
                let id = self.id(word);
                self.unigrams[id as usize] += 1;
                if let Some(p) = prev {
                    *self
                        .pairs
                        .entry((u64::from(p) << 32) | u64::from(id))
                        .or_default() += 1;
                }
                prev = Some(id);
            } else if !(c.is_whitespace() || c.is_numeric()) {
                prev = None;
            }
        }
    }

    /// The two-syllable words, `first second`, sorted.
    pub fn words(&self) -> Vec<String> {
        let grammar: HashSet<&str> = GRAMMAR_WORDS.iter().copied().collect();
        let mut out: Vec<String> = self
            .pairs
            .iter()
            .filter_map(|(&k, &n)| {
                let (a, b) = ((k >> 32) as usize, (k & 0xffff_ffff) as usize);
                let share = |u: u64| u64::from(n) * 100 >= MIN_SHARE_PERCENT * u;
                let (wa, wb) = (&self.words[a], &self.words[b]);
                let word = n >= MIN_PAIR
                    && a != b
                    && (share(self.unigrams[a]) || share(self.unigrams[b]))
                    && !grammar.contains(wa.as_str())
                    && !grammar.contains(wb.as_str());
                word.then(|| format!("{wa} {wb}"))
            })
            .collect();
        out.sort();
        out
    }
}

/// The corpus files counted (sorted; see [`MAX_FILE_BYTES`]).
pub fn files(corpus: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut v = Vec::new();
    for f in corpus_files(corpus)? {
        let len = std::fs::metadata(&f).map_err(|e| Error::io(&f, e))?.len();
        if len <= MAX_FILE_BYTES {
            v.push(f);
        }
    }
    Ok(v)
}

/// Builds the text of `compounds.txt`, reading the corpus a line at a time (held-out lines and
/// lines of the excluded documents left out); returns it and its number of words.
pub fn build(
    corpus: &Path,
    holdout_every: usize,
    exclude_docs: Option<&Path>,
) -> Result<(String, usize), Error> {
    let exclude = excluded_lines(exclude_docs)?;
    let files = files(corpus)?;
    let mut counts = Counts::default();
    let mut word = String::new();
    for_each_training_line(&files, holdout_every, &exclude, |line| {
        counts.add_line(line, &mut word)
    })?;
    let words = counts.words();
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str().map(String::from))
        .collect();
    let mut s = header(&names, holdout_every, exclude_docs.is_some());
    for w in &words {
        s.push_str(w);
        s.push('\n');
    }
    Ok((s, words.len()))
}

fn header(files: &[String], holdout_every: usize, excluded: bool) -> String {
    let mut h = format!(
        "# Two-syllable words (lower case, one per line, sorted), built by `vanban train --corpus \
         ../shared/corpus\n# --compounds --exclude-docs ../shared/realdocs --out dictionaries`: \
         syllable pairs that stand together\n# at least {MIN_PAIR} times and make up at least \
         {MIN_SHARE_PERCENT} % of either syllable's occurrences in {}.\n",
        files.join(", ")
    );
    h.push_str(
        "# Words are runs of letters; a figure between two does not part them, any other sign \
         does. No pair holds a\n# syllable twice or a grammar word (",
    );
    h.push_str(&GRAMMAR_WORDS.join(", "));
    h.push_str(").\n# ");
    if holdout_every > 0 {
        h.push_str(&format!(
            "Every {holdout_every}th line of each file is held out. "
        ));
    }
    if excluded {
        h.push_str("The lines of the excluded documents are left out. ");
    }
    h.push_str(
        "Used by the organisation extractor so that a\n# name never ends inside a word \
         (`Di sản Văn` + `hóa`).\n",
    );
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> Vec<String> {
        let mut c = Counts::default();
        let mut w = String::new();
        for l in text.lines() {
            c.add_line(l, &mut w);
        }
        c.words()
    }

    #[test]
    fn pairs_counted_by_the_rule() {
        // `văn hóa` stands together 10 times: a word. `văn bản` 9 times: too few.
        let mut t = "Văn hóa\n".repeat(10) + &"văn bản\n".repeat(9);
        // `tỉnh` 200 times alone and 10 times beside `ủy` (200 times): 10/210 and 10/210 of
        // their occurrences, under 8 %.
        t += &"tỉnh ủy\n".repeat(10);
        t += &"tỉnh\nủy\n".repeat(200);
        // A figure between does not part a pair, a comma does; a grammar word makes none;
        // a syllable repeated makes none.
        t += &"dưới 18 tuổi\nSở, ban\ncủa các\nvi vi\n".repeat(12);
        assert_eq!(words_of(&t), vec!["dưới tuổi", "văn hóa"]);
    }
}
