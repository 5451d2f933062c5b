//! Learning the OCR channel from (truth, OCR) text pairs: token alignment by dynamic
//! programming over whole texts, then hard-EM over character edit paths.

use crate::fxhash::FxHashMap;
use crate::normalize::{self, PieceKind};
use crate::restore::channel::{levenshtein, Channel, Defaults, Op};
use crate::syllable;

/// One aligned word pair: (true syllable, observed token), both lowercase.
pub type WordPair = (String, String);

/// The single word piece of a token, if it has exactly one. In OCR'd text one or two digits
/// alone count as one (`6` <- `ở`, `56` <- `số`): the restorer reads them as words too.
fn core(tok: &str, buf: &mut Vec<normalize::Piece>, ocr: bool) -> Option<String> {
    if ocr {
        normalize::ocr_pieces(tok, buf);
        if let [p]
        | [p, normalize::Piece {
            kind: PieceKind::Sep,
            ..
        }] = buf.as_mut_slice()
        {
            if p.kind == PieceKind::Number && p.end - p.start <= 2 {
                p.kind = PieceKind::Word;
            }
        }
    } else {
        normalize::pieces(tok, buf);
    }
    let mut words = buf.iter().filter(|p| p.kind == PieceKind::Word);
    let w = words.next()?;
    if words.next().is_some() {
        return None;
    }
    Some(
        tok[w.start..w.end]
            .chars()
            .map(syllable::lower_char)
            .collect(),
    )
}

fn rough_fold(s: &str) -> String {
    s.chars()
        // OCR's `?` is the horn of `ư`/`ơ` (`st?` <- `sử`).
        .filter(|&c| c != '?')
        .map(|c| match c {
            '6' | '0' | '&' | '¢' | '§' => 'o',
            '1' | '|' => 'l',
            '4' => 'a',
            '€' => 'e',
            c => syllable::fold_char(syllable::lower_char(c)),
        })
        .collect()
}

/// Aligns the whitespace tokens of `truth` and `ocr` (whole texts) and returns the word pairs
/// whose tokens are similar enough to be the same word.
pub fn align_words(truth: &str, ocr: &str) -> Vec<WordPair> {
    let t: Vec<&str> = truth.split_whitespace().collect();
    let o: Vec<&str> = ocr.split_whitespace().collect();
    let tf: Vec<String> = t.iter().map(|s| rough_fold(s)).collect();
    let of: Vec<String> = o.iter().map(|s| rough_fold(s)).collect();
    let (n, m) = (t.len(), o.len());
    if n == 0 || m == 0 || n.saturating_mul(m) > 20_000_000 {
        return Vec::new();
    }
    let gap = 0.7f32;
    let w = m + 1;
    let mut d = vec![0f32; (n + 1) * w];
    let mut back = vec![0u8; (n + 1) * w];
    for i in 1..=n {
        d[i * w] = i as f32 * gap;
        back[i * w] = 2;
    }
    for j in 1..=m {
        d[j] = j as f32 * gap;
        back[j] = 3;
    }
    for i in 1..=n {
        for j in 1..=m {
            let a = &tf[i - 1];
            let b = &of[j - 1];
            let len = a.chars().count().max(b.chars().count()).max(1);
            let sub = levenshtein(a, b) as f32 / len as f32;
            let s = d[(i - 1) * w + j - 1] + sub.min(1.5);
            let del = d[(i - 1) * w + j] + gap;
            let ins = d[i * w + j - 1] + gap;
            let (v, k) = if s <= del && s <= ins {
                (s, 1)
            } else if del <= ins {
                (del, 2)
            } else {
                (ins, 3)
            };
            d[i * w + j] = v;
            back[i * w + j] = k;
        }
    }
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        match back[i * w + j] {
            1 => {
                if let Some(p) = folded_pair(t[i - 1], o[j - 1], &tf[i - 1], &of[j - 1], &mut buf) {
                    out.push(p);
                }
                i -= 1;
                j -= 1;
            }
            2 => i -= 1,
            _ => j -= 1,
        }
    }
    out.reverse();
    out
}

/// The word pair of a true token and the OCR token aligned with it, when they are similar
/// enough to be the same word (at most one edit in two characters, after a rough fold), each
/// has exactly one word piece and the true one is a Vietnamese syllable.
pub fn token_pair(truth: &str, ocr: &str) -> Option<WordPair> {
    folded_pair(
        truth,
        ocr,
        &rough_fold(truth),
        &rough_fold(ocr),
        &mut Vec::new(),
    )
}

/// [`token_pair`] with the rough folds already made.
fn folded_pair(
    truth: &str,
    ocr: &str,
    tf: &str,
    of: &str,
    buf: &mut Vec<normalize::Piece>,
) -> Option<WordPair> {
    let len = tf.chars().count().max(of.chars().count()).max(1);
    if levenshtein(tf, of) * 2 > len {
        return None;
    }
    let tc = core(truth, buf, false)?;
    let oc = core(ocr, buf, true)?;
    syllable::is_valid(&tc).then_some((tc, oc))
}

/// Learns a channel from aligned word pairs with `iterations` rounds of hard EM.
pub fn learn(pairs: &[WordPair], iterations: usize) -> Channel {
    let defaults = Defaults::default();
    let mut ch = Channel::from_parts(
        defaults,
        FxHashMap::default(),
        FxHashMap::default(),
        FxHashMap::default(),
        FxHashMap::default(),
        FxHashMap::default(),
    );
    let mut path = Vec::new();
    for _ in 0..iterations.max(1) {
        let mut sub: FxHashMap<(char, char), u32> = FxHashMap::default();
        let mut split: FxHashMap<(char, char, char), u32> = FxHashMap::default();
        let mut del: FxHashMap<char, u32> = FxHashMap::default();
        let mut ins: FxHashMap<char, u32> = FxHashMap::default();
        let mut total: FxHashMap<char, u32> = FxHashMap::default();
        let mut positions = 0u32;
        for (t, o) in pairs {
            if ch.edit_path(t, o, &mut path) == f32::MAX {
                continue;
            }
            positions += o.chars().count() as u32 + 1;
            for op in &path {
                match *op {
                    Op::Sub(a, b) => {
                        *sub.entry((a, b)).or_default() += 1;
                        *total.entry(a).or_default() += 1;
                    }
                    Op::Split(a, b, c) => {
                        *split.entry((a, b, c)).or_default() += 1;
                        *total.entry(a).or_default() += 1;
                    }
                    Op::Del(a) => {
                        *del.entry(a).or_default() += 1;
                        *total.entry(a).or_default() += 1;
                    }
                    Op::Ins(b) => *ins.entry(b).or_default() += 1,
                }
            }
        }
        let cost =
            |c: u32, tot: u32| (-((c as f64) / (tot.max(1) as f64)).ln() as f32).clamp(0.01, 12.0);
        let sub_c = sub
            .iter()
            .filter(|(_, &c)| c >= 2)
            .map(|(&k, &c)| (k, cost(c, total[&k.0])))
            .collect();
        let split_c = split
            .iter()
            .filter(|(_, &c)| c >= 2)
            .map(|(&k, &c)| (k, cost(c, total[&k.0])))
            .collect();
        let del_c = del
            .iter()
            .filter(|(_, &c)| c >= 2)
            .map(|(&k, &c)| (k, cost(c, total[&k])))
            .collect();
        let ins_c = ins
            .iter()
            .filter(|(_, &c)| c >= 2)
            .map(|(&k, &c)| (k, cost(c, positions)))
            .collect();
        ch = Channel::from_parts(defaults, sub_c, split_c, ins_c, del_c, FxHashMap::default());
    }
    // Whole-token confusions: P(observed | truth) for pairs seen at least twice that the edit
    // model finds unlikely.
    let mut pair_n: FxHashMap<(&str, &str), u32> = FxHashMap::default();
    let mut truth_n: FxHashMap<&str, u32> = FxHashMap::default();
    for (t, o) in pairs {
        *pair_n.entry((o.as_str(), t.as_str())).or_default() += 1;
        *truth_n.entry(t.as_str()).or_default() += 1;
    }
    let mut whole: FxHashMap<Box<str>, Vec<(Box<str>, f32)>> = FxHashMap::default();
    let mut keys: Vec<_> = pair_n.iter().collect();
    keys.sort();
    for (&(o, t), &c) in keys {
        if c < 2 || o == t {
            continue;
        }
        let p = c as f64 / truth_n[t] as f64;
        let cost = (-p.ln() as f32).clamp(0.01, 12.0);
        if cost + 0.5 < ch.edit_cost(t, o) {
            whole.entry(o.into()).or_default().push((t.into(), cost));
        }
    }
    ch.set_whole(whole);
    ch
}

/// Mean top-k recall of the channel on held-out pairs: the share of pairs whose true syllable
/// is among the `k` cheapest candidates the restorer would consider.
pub fn topk_recall(r: &crate::restore::Restorer, pairs: &[WordPair], k: usize) -> f64 {
    let mut hit = 0usize;
    for (t, o) in pairs {
        if r.channel_candidates(o).iter().take(k).any(|c| c == t) {
            hit += 1;
        }
    }
    hit as f64 / pairs.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::token_pair;

    /// One or two OCR digits aligned with a syllable teach the channel (`56` <- `số`); a
    /// number read as a number teaches nothing.
    #[test]
    fn digit_tokens_pair_with_syllables() {
        assert_eq!(token_pair("số", "56"), Some(("số".into(), "56".into())));
        assert_eq!(token_pair("ở", "6,"), Some(("ở".into(), "6".into())));
        assert_eq!(token_pair("56", "56"), None);
        assert_eq!(token_pair("số", "566"), None);
    }
}
