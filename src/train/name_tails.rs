//! `dictionaries/name_tails.txt` (`vanban train --name-tails`): the lower-case tails that the
//! corpus's documents nearly always write after a name as the organisation rules find it
//! (`Cục Quản lý lao động` + `ngoài nước`). Each corpus line is read by the rules without the
//! learned tails (`organizations::find_unlearned`); the words after each name, up to
//! [`MAX_TAIL`], are counted (a line repeated in the corpus once; a tail never ends inside a
//! two-syllable word); a name seen [`MIN_NAME`] times or more takes the longest tail that at
//! least [`MIN_SHARE_PERCENT`] % of its occurrences go on with.

use std::path::Path;

use rayon::prelude::*;

use super::{corpus_files, excluded_lines, for_each_training_line};
use crate::error::Error;
use crate::extract::organizations::{find_unlearned, tail_fits, tail_may_end, tail_word};
use crate::fxhash::{FxHashMap, FxHashSet, FxHasher};

/// Fewest occurrences of a name for its tail to be learned.
pub const MIN_NAME: u32 = 8;
/// Least share (percent) of a name's occurrences that go on with the tail.
pub const MIN_SHARE_PERCENT: u32 = 80;
/// Most words in a tail.
pub const MAX_TAIL: usize = 6;
/// Lines read and counted together (in parallel) before their counts are merged.
const BATCH: usize = 20_000;

/// Name counts and (name, tail prefix) counts, keyed `name` and `name\ttail`.
#[derive(Default)]
struct Counts {
    names: FxHashMap<String, u32>,
    tails: FxHashMap<String, u32>,
}

impl Counts {
    fn merge(mut self, o: Counts) -> Counts {
        for (k, v) in o.names {
            *self.names.entry(k).or_default() += v;
        }
        for (k, v) in o.tails {
            *self.tails.entry(k).or_default() += v;
        }
        self
    }

    /// Counts the names of one line and each prefix of the words after them.
    fn add_line(&mut self, line: &str) {
        for (s, e, _) in find_unlearned(line) {
            let name = line[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
            *self.names.entry(name.clone()).or_default() += 1;
            let mut key = name;
            key.push('\t');
            let (words, next) = tail_words(&line[e..]);
            for (i, tok) in words.iter().enumerate() {
                if i > 0 {
                    key.push(' ');
                }
                key.push_str(tok);
                if tail_may_end(tok, words.get(i + 1).copied().or(next)) {
                    *self.tails.entry(key.clone()).or_default() += 1;
                }
            }
        }
    }
}

/// The words right after a name that a tail may hold (parted by single spaces, each a
/// [`tail_word`]; a word with a sign glued after it, `nước,`, is the last), and the word
/// after them when one stands right there (`ban` after `Ủy`), so that no tail ends inside a
/// word.
fn tail_words(rest: &str) -> (Vec<&str>, Option<&str>) {
    let mut v = Vec::new();
    let mut r = rest;
    while v.len() <= MAX_TAIL {
        let Some(x) = r.strip_prefix(' ') else { break };
        let n = x.find(' ').unwrap_or(x.len());
        let tok = &x[..n];
        let core = tok.trim_end_matches([',', '.', ';', ':', ')']);
        if core.is_empty() || core.len() < tok.len() && !tail_word(core) {
            break;
        }
        if !tail_word(core) || v.len() == MAX_TAIL {
            return (v, Some(core));
        }
        v.push(core);
        if core.len() < tok.len() {
            break;
        }
        r = &x[n..];
    }
    (v, None)
}

/// The learned `name\ttail` lines, sorted: for each name seen [`MIN_NAME`] times, the longest
/// counted tail shared by [`MIN_SHARE_PERCENT`] % of them, without a trailing figure.
fn learned(c: &Counts) -> Vec<String> {
    let mut best: FxHashMap<&str, &str> = FxHashMap::default();
    for (k, &n) in &c.tails {
        let (name, tail) = k.split_once('\t').unwrap_or((k, ""));
        let total = c.names.get(name).copied().unwrap_or(0);
        if total < MIN_NAME || n * 100 < total * MIN_SHARE_PERCENT {
            continue;
        }
        let e = best.entry(name).or_insert("");
        if tail.len() > e.len() {
            *e = tail;
        }
    }
    let mut out: Vec<String> = best
        .into_iter()
        .filter_map(|(name, tail)| {
            let mut words: Vec<&str> = tail.split(' ').collect();
            while words
                .last()
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
            {
                words.pop();
            }
            let tail = words.join(" ");
            (!words.is_empty() && tail_fits(name, &tail)).then(|| format!("{name}\t{tail}"))
        })
        .collect();
    out.sort();
    out
}

/// A line's hash, to count a repeated line once.
fn line_hash(l: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = FxHasher::default();
    h.write(l.as_bytes());
    h.finish()
}

/// Builds the text of `name_tails.txt` (held-out lines and lines of the excluded documents left
/// out); returns it and its number of tails.
pub fn build(
    corpus: &Path,
    holdout_every: usize,
    exclude_docs: Option<&Path>,
) -> Result<(String, usize), Error> {
    let exclude = excluded_lines(exclude_docs)?;
    let files = corpus_files(corpus)?;
    let mut counts = Counts::default();
    let mut batch: Vec<String> = Vec::with_capacity(BATCH);
    let count = |batch: &mut Vec<String>, counts: Counts| {
        let c = batch
            .par_iter()
            .fold(Counts::default, |mut c, l| {
                c.add_line(l);
                c
            })
            .reduce(Counts::default, Counts::merge);
        batch.clear();
        counts.merge(c)
    };
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    for_each_training_line(&files, holdout_every, &exclude, |line| {
        // A line repeated (a provision codified under several subjects) counts once.
        let line = line.trim_end();
        if seen.insert(line_hash(line.trim())) {
            batch.push(line.to_string());
            if batch.len() == BATCH {
                counts = count(&mut batch, std::mem::take(&mut counts));
            }
        }
    })?;
    counts = count(&mut batch, counts);
    let lines = learned(&counts);
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name()?.to_str().map(String::from))
        .collect();
    let mut s = format!(
        "# Lower-case tails of organisation names (name<TAB>tail, sorted), built by `vanban train \
         --corpus\n# ../shared/corpus --name-tails --exclude-docs ../shared/realdocs --out \
         dictionaries` from {}:\n# a name as the rules find it, seen {MIN_NAME} times or more, \
         and the longest run of up to {MAX_TAIL} name words\n# after it that {MIN_SHARE_PERCENT} \
         % of its occurrences share.",
        names.join(", ")
    );
    if holdout_every > 0 {
        s.push_str(&format!(
            " Every {holdout_every}th line of each file is held out."
        ));
    }
    if exclude_docs.is_some() {
        s.push_str(" The lines of the excluded documents are left out.");
    }
    s.push('\n');
    for l in &lines {
        s.push_str(l);
        s.push('\n');
    }
    Ok((s, lines.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tail_most_occurrences_share_is_learned() {
        let mut c = Counts::default();
        for _ in 0..9 {
            c.add_line("Giao Cục Quản lý lao động ngoài nước hướng dẫn.");
        }
        c.add_line("Giao Cục Quản lý lao động chủ trì.");
        for k in 0..10 {
            // A tail no share reaches: the sentence's next words vary.
            c.add_line(&format!("Cục Thuế thông báo {k} lần."));
        }
        assert_eq!(learned(&c), vec!["Cục Quản lý lao động\tngoài nước"]);
        assert_eq!(tail_words(" ngoài nước, và"), (vec!["ngoài", "nước"], None));
        assert_eq!(tail_words(" Ủy ban"), (vec!["Ủy"], Some("ban")));
    }
}
