//! The OCR channel model: how likely an observed OCR token is, given the true syllable.
//!
//! A weighted edit distance with learned costs (`-ln P`) for character substitutions (`ô`->`6`),
//! one-to-two splits (`ủ`->`ti`), deletions and insertions, plus whole-token confusions
//! (`ctia` <- `của`). Candidates come from the folded index and from a deletion index (SymSpell)
//! over the folded syllable forms, so no search scans the lexicon. Learned by `vanban train`
//! from aligned OCR pairs; stored as `dictionaries/channel.txt` (sorted text).

use crate::error::Error;
use crate::fxhash::{FxHashMap, FxHashSet};
use crate::restore::lexicon::Lexicon;
use crate::syllable;

/// Longest source syllable (chars) the DP handles.
const MAX_S: usize = 10;
/// Longest observed token (chars) the DP handles; longer tokens get no edit candidates.
pub const MAX_O: usize = 14;

/// Costs for unseen edits, by kind.
#[derive(Debug, Clone, Copy)]
pub struct Defaults {
    /// Observed char equals the true char.
    pub same: f32,
    /// Observed char is the true char with its diacritics lost (`ố` -> `o`).
    pub fold: f32,
    /// Any other substitution.
    pub other: f32,
    /// An inserted observed char.
    pub ins: f32,
    /// A deleted true char.
    pub del: f32,
    /// A true char read as two chars.
    pub split: f32,
    /// A vowel read as an OCR junk symbol (`§`, `€`) in a pairing training never saw.
    pub junk: f32,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            same: 0.05,
            fold: 2.5,
            other: 9.0,
            ins: 6.0,
            del: 6.0,
            split: 9.0,
            junk: 4.5,
        }
    }
}

/// The learned channel.
#[derive(Debug, Default)]
pub struct Channel {
    pub defaults: Defaults,
    sub: FxHashMap<(char, char), f32>,
    split: FxHashMap<(char, char, char), f32>,
    ins: FxHashMap<char, f32>,
    del: FxHashMap<char, f32>,
    /// Observed lowercase token -> (true syllable, -ln P(true | observed)).
    whole: FxHashMap<Box<str>, Vec<(Box<str>, f32)>>,
    /// Observed char -> the folded letter it most often stands for (`6` -> `o`).
    prefold: FxHashMap<char, char>,
    /// Observed pair -> folded letters that split into it cheaply (`if` -> `u`).
    split_index: FxHashMap<(char, char), Vec<char>>,
}

impl Channel {
    /// Parses `channel.txt`: `default KIND COST`, `sub T O COST`, `split T OO COST`,
    /// `ins O COST`, `del T COST`, `whole OBS TRUE COST`, tab-separated.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let mut ch = Channel::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || Error::Model(format!("channel.txt line {}: {line:?}", n + 1));
            let cost: f32 = f.last().and_then(|c| c.parse().ok()).ok_or_else(bad)?;
            let one = |s: &str| {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => Some(c),
                    _ => None,
                }
            };
            match (f[0], f.len()) {
                ("default", 3) => {
                    let d = &mut ch.defaults;
                    match f[1] {
                        "same" => d.same = cost,
                        "fold" => d.fold = cost,
                        "other" => d.other = cost,
                        "ins" => d.ins = cost,
                        "del" => d.del = cost,
                        "split" => d.split = cost,
                        "junk" => d.junk = cost,
                        _ => return Err(bad()),
                    }
                }
                ("sub", 4) => {
                    ch.sub.insert(
                        (one(f[1]).ok_or_else(bad)?, one(f[2]).ok_or_else(bad)?),
                        cost,
                    );
                }
                ("split", 4) => {
                    let t = one(f[1]).ok_or_else(bad)?;
                    let o: Vec<char> = f[2].chars().collect();
                    if o.len() != 2 {
                        return Err(bad());
                    }
                    ch.split.insert((t, o[0], o[1]), cost);
                }
                ("ins", 3) => {
                    ch.ins.insert(one(f[1]).ok_or_else(bad)?, cost);
                }
                ("del", 3) => {
                    ch.del.insert(one(f[1]).ok_or_else(bad)?, cost);
                }
                ("whole", 4) => {
                    ch.whole
                        .entry(f[1].into())
                        .or_default()
                        .push((f[2].into(), cost));
                }
                _ => return Err(bad()),
            }
        }
        ch.build_prefold();
        Ok(ch)
    }

    /// Serialises to the text format, sorted, so rebuilding gives identical bytes.
    pub fn to_text(&self) -> String {
        let mut lines = Vec::new();
        let d = self.defaults;
        for (k, v) in [
            ("same", d.same),
            ("fold", d.fold),
            ("other", d.other),
            ("ins", d.ins),
            ("del", d.del),
            ("split", d.split),
            ("junk", d.junk),
        ] {
            lines.push(format!("default\t{k}\t{v:.3}"));
        }
        let mut body = Vec::new();
        for ((t, o), c) in &self.sub {
            body.push(format!("sub\t{t}\t{o}\t{c:.3}"));
        }
        for ((t, a, b), c) in &self.split {
            body.push(format!("split\t{t}\t{a}{b}\t{c:.3}"));
        }
        for (o, c) in &self.ins {
            body.push(format!("ins\t{o}\t{c:.3}"));
        }
        for (t, c) in &self.del {
            body.push(format!("del\t{t}\t{c:.3}"));
        }
        for (o, v) in &self.whole {
            for (t, c) in v {
                body.push(format!("whole\t{o}\t{t}\t{c:.3}"));
            }
        }
        body.sort();
        let mut out = String::from(
            "# vanban OCR channel: -ln P(observed | true) per edit, learned by `vanban train`\n",
        );
        for l in lines.into_iter().chain(body) {
            out.push_str(&l);
            out.push('\n');
        }
        out
    }

    /// Sets the learned tables (used by the trainer).
    pub fn from_parts(
        defaults: Defaults,
        sub: FxHashMap<(char, char), f32>,
        split: FxHashMap<(char, char, char), f32>,
        ins: FxHashMap<char, f32>,
        del: FxHashMap<char, f32>,
        whole: FxHashMap<Box<str>, Vec<(Box<str>, f32)>>,
    ) -> Self {
        let mut ch = Channel {
            defaults,
            sub,
            split,
            ins,
            del,
            whole,
            prefold: FxHashMap::default(),
            split_index: FxHashMap::default(),
        };
        ch.build_prefold();
        ch
    }

    /// Replaces the whole-token confusion table.
    pub fn set_whole(&mut self, whole: FxHashMap<Box<str>, Vec<(Box<str>, f32)>>) {
        self.whole = whole;
    }

    fn build_prefold(&mut self) {
        let mut best: FxHashMap<char, (f32, char)> = FxHashMap::default();
        let mut keys: Vec<_> = self.sub.iter().collect();
        keys.sort_by(|a, b| a.0.cmp(b.0));
        for (&(t, o), &c) in keys {
            if syllable::is_viet_letter(o) {
                continue;
            }
            let e = best.entry(o).or_insert((f32::MAX, 'a'));
            if c < e.0 {
                *e = (c, syllable::fold_char(t));
            }
        }
        self.prefold = best.into_iter().map(|(k, (_, v))| (k, v)).collect();
        let mut splits: Vec<_> = self.split.iter().filter(|(_, &c)| c < 8.0).collect();
        splits.sort_by(|a, b| a.0.cmp(b.0));
        self.split_index.clear();
        for (&(t, a, b), _) in splits {
            let f = syllable::fold_char(t);
            let e = self.split_index.entry((a, b)).or_default();
            if !e.contains(&f) {
                e.push(f);
            }
        }
    }

    /// Whether OCR's `c` (a digit or symbol) most often stands for a vowel (`6` for `ô`).
    pub fn stands_for_vowel(&self, c: char) -> bool {
        self.prefold
            .get(&c)
            .is_some_and(|&f| matches!(f, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
    }

    /// Whether OCR's `c` (a digit or symbol) most often stands for a consonant (`1` for `l`).
    pub fn stands_for_consonant(&self, c: char) -> bool {
        self.prefold
            .get(&c)
            .is_some_and(|&f| f.is_alphabetic() && !matches!(f, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
    }

    /// Maps an observed lowercase token to the folded letters it most likely stands for
    /// (`s6` -> `so`, `1a` -> `la`); chars with no mapping are kept.
    pub fn prefold_into(&self, obs: &str, out: &mut String) {
        out.clear();
        for c in obs.chars() {
            if syllable::is_viet_letter(c) {
                out.push(syllable::fold_char(c));
            } else if let Some(&f) = self.prefold.get(&c) {
                out.push(f);
            } else if !matches!(c, '\'' | '’' | '`' | '´' | '?') {
                out.push(c);
            }
        }
    }

    #[inline]
    fn sub_cost(&self, t: char, o: char) -> f32 {
        if let Some(&c) = self.sub.get(&(t, o)) {
            return c;
        }
        if t == o {
            self.defaults.same
        } else if syllable::fold_char(t) == syllable::fold_char(o) {
            self.defaults.fold
        } else if crate::normalize::is_ocr_junk(o) && syllable::split_tone(t).is_some() {
            // A junk symbol nearly always stands for some vowel; one with learned readings
            // prefers those.
            self.defaults.junk
                + if self.prefold.contains_key(&o) {
                    1.0
                } else {
                    0.0
                }
        } else {
            self.defaults.other
        }
    }

    /// `-ln P(obs | truth)` under the edit model; both lowercase. Long inputs get `f32::MAX`.
    pub fn edit_cost(&self, truth: &str, obs: &str) -> f32 {
        self.dp(truth, obs, None)
    }

    /// The cheapest edit sequence turning `truth` into `obs` (for training), with its cost.
    pub fn edit_path(&self, truth: &str, obs: &str, path: &mut Vec<Op>) -> f32 {
        self.dp(truth, obs, Some(path))
    }

    fn dp(&self, truth: &str, obs: &str, path: Option<&mut Vec<Op>>) -> f32 {
        let mut s = [' '; MAX_S];
        let mut o = [' '; MAX_O];
        let mut ns = 0;
        for c in truth.chars() {
            if ns == MAX_S {
                return f32::MAX;
            }
            s[ns] = c;
            ns += 1;
        }
        let mut no = 0;
        for c in obs.chars() {
            if no == MAX_O {
                return f32::MAX;
            }
            o[no] = c;
            no += 1;
        }
        let mut d = [[f32::MAX; MAX_O + 1]; MAX_S + 1];
        let mut back = [[0u8; MAX_O + 1]; MAX_S + 1];
        d[0][0] = 0.0;
        for i in 0..=ns {
            for j in 0..=no {
                let cur = d[i][j];
                if cur == f32::MAX {
                    continue;
                }
                let mut relax = |ii: usize, jj: usize, v: f32, k: u8| {
                    if v < d[ii][jj] {
                        d[ii][jj] = v;
                        back[ii][jj] = k;
                    }
                };
                if i < ns && j < no {
                    relax(i + 1, j + 1, cur + self.sub_cost(s[i], o[j]), 1);
                }
                if i < ns {
                    let c = self.del.get(&s[i]).copied().unwrap_or(self.defaults.del);
                    relax(i + 1, j, cur + c, 2);
                }
                if j < no {
                    let c = self.ins.get(&o[j]).copied().unwrap_or(self.defaults.ins);
                    relax(i, j + 1, cur + c, 3);
                }
                if i < ns && j + 1 < no {
                    let c = self
                        .split
                        .get(&(s[i], o[j], o[j + 1]))
                        .copied()
                        .unwrap_or(self.defaults.split);
                    relax(i + 1, j + 2, cur + c, 4);
                }
            }
        }
        if let Some(path) = path {
            path.clear();
            let (mut i, mut j) = (ns, no);
            while i > 0 || j > 0 {
                match back[i][j] {
                    1 => {
                        path.push(Op::Sub(s[i - 1], o[j - 1]));
                        i -= 1;
                        j -= 1;
                    }
                    2 => {
                        path.push(Op::Del(s[i - 1]));
                        i -= 1;
                    }
                    3 => {
                        path.push(Op::Ins(o[j - 1]));
                        j -= 1;
                    }
                    4 => {
                        path.push(Op::Split(s[i - 1], o[j - 2], o[j - 1]));
                        i -= 1;
                        j -= 2;
                    }
                    _ => break,
                }
            }
            path.reverse();
        }
        d[ns][no]
    }

    /// Query variants of an observed token with one learned split collapsed back to the folded
    /// letter it stands for (`dif` -> `du`, from `ữ` -> `if`), each prefolded.
    pub fn split_variants(&self, obs: &str, out: &mut Vec<String>) {
        out.clear();
        let o: Vec<char> = obs.chars().collect();
        if o.len() > MAX_O {
            return;
        }
        for j in 0..o.len().saturating_sub(1) {
            if let Some(ts) = self.split_index.get(&(o[j], o[j + 1])) {
                for &t in ts {
                    let mut v = String::with_capacity(obs.len());
                    let mut tmp = String::new();
                    let head: String = o[..j].iter().collect();
                    self.prefold_into(&head, &mut tmp);
                    v.push_str(&tmp);
                    v.push(t);
                    let tail: String = o[j + 2..].iter().collect();
                    self.prefold_into(&tail, &mut tmp);
                    v.push_str(&tmp);
                    if !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
        }
    }

    /// Whole-token confusions seen for this observed token.
    pub fn whole(&self, obs: &str) -> &[(Box<str>, f32)] {
        self.whole.get(obs).map(|v| &v[..]).unwrap_or(&[])
    }
}

/// One edit of the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// True char read as one observed char (possibly itself).
    Sub(char, char),
    /// True char read as two observed chars.
    Split(char, char, char),
    /// True char lost.
    Del(char),
    /// Observed char with no true char.
    Ins(char),
}

/// Deletion index (SymSpell) over the folded syllable forms: finds every form within edit
/// distance 2 of a query by hashing deletions, never by scanning.
#[derive(Debug, Default)]
pub struct DeletionIndex {
    forms: Vec<Box<str>>,
    map: FxHashMap<Box<str>, Vec<u32>>,
}

/// Maximum edit distance the index answers.
pub const MAX_DIST: usize = 2;

fn deletes(s: &str, dist: usize, out: &mut FxHashSet<String>) {
    let chars: Vec<char> = s.chars().collect();
    let mut frontier = vec![chars];
    for _ in 0..dist {
        let mut next = Vec::new();
        for w in &frontier {
            for i in 0..w.len() {
                let mut v = w.clone();
                v.remove(i);
                let k: String = v.iter().collect();
                if out.insert(k) {
                    next.push(v);
                }
            }
        }
        frontier = next;
    }
}

impl DeletionIndex {
    /// Indexes the folded forms of a lexicon.
    pub fn new(lex: &Lexicon) -> Self {
        let mut forms: Vec<Box<str>> = lex.folded_forms().map(Into::into).collect();
        forms.sort();
        let mut map: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        let mut set = FxHashSet::default();
        for (i, f) in forms.iter().enumerate() {
            set.clear();
            set.insert(f.to_string());
            deletes(f, MAX_DIST, &mut set);
            for d in set.drain() {
                map.entry(d.into_boxed_str()).or_default().push(i as u32);
            }
        }
        DeletionIndex { forms, map }
    }

    /// Folded forms within `dist` (≤ 2) edits of `q` (plain Levenshtein), appended to `out`.
    pub fn within<'a>(&'a self, q: &str, dist: usize, out: &mut Vec<&'a str>) {
        let dist = dist.min(MAX_DIST);
        let mut set = FxHashSet::default();
        set.insert(q.to_string());
        deletes(q, dist, &mut set);
        let mut seen = FxHashSet::default();
        for d in &set {
            if let Some(v) = self.map.get(d.as_str()) {
                for &i in v {
                    if seen.insert(i) {
                        let f = &*self.forms[i as usize];
                        if levenshtein(f, q) <= dist {
                            out.push(f);
                        }
                    }
                }
            }
        }
        out.sort_unstable();
    }
}

/// Plain Levenshtein distance over chars.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_cost_prefers_learned_edits() {
        let mut ch = Channel::parse("sub\tố\t6\t0.5\nsplit\tủ\tti\t1.0\n").unwrap();
        ch.defaults = Defaults::default();
        assert!(ch.edit_cost("số", "s6") < ch.edit_cost("sở", "s6"));
        assert!(ch.edit_cost("của", "ctia") < 3.0);
        assert!(ch.edit_cost("số", "so") < ch.edit_cost("số", "xa"));
        assert_eq!(ch.edit_cost("a", &"x".repeat(40)), f32::MAX);
    }

    #[test]
    fn deletion_index_finds_neighbours() {
        let lex = Lexicon::new(
            vec![("của".into(), 5), ("cao".into(), 3), ("xa".into(), 1)],
            vec![],
        )
        .unwrap();
        let idx = DeletionIndex::new(&lex);
        let mut out = Vec::new();
        idx.within("ctia", 2, &mut out);
        assert_eq!(out, vec!["cua"]);
        out.clear();
        idx.within("cao", 0, &mut out);
        assert_eq!(out, vec!["cao"]);
    }

    #[test]
    fn text_roundtrip() {
        let ch =
            Channel::parse("default\tfold\t2.000\nsub\tố\t6\t0.500\nwhole\tctia\tcủa\t0.100\n")
                .unwrap();
        let again = Channel::parse(&ch.to_text()).unwrap();
        assert_eq!(ch.to_text(), again.to_text());
        assert_eq!(again.whole("ctia").len(), 1);
    }
}
