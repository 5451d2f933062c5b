//! Interpolated modified Kneser-Ney n-gram estimation over syllable ids, count pruning, and
//! conversion to the backoff form that [`crate::restore::lm`] stores.
//!
//! Counts are weighted integers (administrative text counts `admin_weight` times). Orders below
//! the highest use continuation counts (distinct left contexts), except n-grams that start with
//! `<s>`, which keep raw counts, as in KenLM's lmplz.

use crate::fxhash::FxHashMap;
use crate::restore::lexicon::BOS;
use crate::restore::lm::Entry;

/// Packs ids (oldest first) into a u64 key, 16 bits each.
#[inline]
pub fn pack(ids: &[u16]) -> u64 {
    ids.iter().fold(0u64, |k, &i| (k << 16) | i as u64)
}

fn unpack(key: u64, n: usize) -> Vec<u16> {
    (0..n).rev().map(|i| (key >> (16 * i)) as u16).collect()
}

/// Raw weighted n-gram counts, one map per order (index 0 = unigrams).
pub struct Counts {
    pub order: usize,
    pub maps: Vec<FxHashMap<u64, u64>>,
}

impl Counts {
    /// Empty counts for an `order`-gram model.
    pub fn new(order: usize) -> Self {
        Counts {
            order,
            maps: (0..order).map(|_| FxHashMap::default()).collect(),
        }
    }

    /// Adds one sentence (already framed by `<s>` … `</s>`) with a weight.
    pub fn add(&mut self, seq: &[u16], weight: u64) {
        for n in 1..=self.order {
            if seq.len() < n {
                break;
            }
            let map = &mut self.maps[n - 1];
            for w in seq.windows(n) {
                if n == 1 && w[0] == BOS {
                    continue;
                }
                *map.entry(pack(w)).or_insert(0) += weight;
            }
        }
    }
}

#[derive(Default, Clone, Copy)]
struct CtxStats {
    sum: u64,
    n1: u32,
    n2: u32,
    n3: u32,
}

fn discounts(adjusted: &FxHashMap<u64, u64>) -> [f64; 4] {
    let mut n = [0u64; 5];
    for &a in adjusted.values() {
        if (1..=4).contains(&a) {
            n[a as usize] += 1;
        }
    }
    let (n1, n2, n3, n4) = (n[1] as f64, n[2] as f64, n[3] as f64, n[4] as f64);
    if n1 == 0.0 || n2 == 0.0 || n3 == 0.0 || n4 == 0.0 {
        return [0.0, 0.5, 0.75, 0.9];
    }
    let y = n1 / (n1 + 2.0 * n2);
    let d = |k: f64, nk: f64, nk1: f64| (k - (k + 1.0) * y * nk1 / nk).clamp(0.05, k);
    [0.0, d(1.0, n1, n2), d(2.0, n2, n3), d(3.0, n3, n4)]
}

#[inline]
fn disc(d: &[f64; 4], a: u64) -> f64 {
    d[(a as usize).min(3)]
}

/// Estimates the model and returns (unigram log10 probs, unigram log10 backoffs, entries of
/// order ≥ 2 sorted by order then key). N-grams of order n are kept when their raw count is at
/// least `min_count[n-1]`; thresholds then rise from the top order down until at most
/// `max_entries` remain.
pub fn estimate(
    counts: &Counts,
    vocab: usize,
    min_count: &[u64],
    max_entries: usize,
) -> (Vec<f32>, Vec<f32>, Vec<Entry>) {
    let order = counts.order;
    // Adjusted counts: raw for the top order and for n-grams starting with <s>; continuation
    // counts otherwise.
    let mut adjusted: Vec<FxHashMap<u64, u64>> = Vec::with_capacity(order);
    for n in 1..=order {
        if n == order {
            adjusted.push(counts.maps[n - 1].clone());
            continue;
        }
        let mut a: FxHashMap<u64, u64> = FxHashMap::default();
        let mask = (1u64 << (16 * n)) - 1;
        for &k in counts.maps[n].keys() {
            *a.entry(k & mask).or_insert(0) += 1;
        }
        for (&k, &c) in &counts.maps[n - 1] {
            if (k >> (16 * (n - 1))) as u16 == BOS {
                a.insert(k, c);
            }
        }
        adjusted.push(a);
    }
    // Interpolated probabilities, order by order.
    let mut probs: Vec<FxHashMap<u64, f64>> = Vec::with_capacity(order);
    let mut gammas: Vec<FxHashMap<u64, f64>> = Vec::with_capacity(order);
    let mut uni_gamma = 0.0;
    for n in 1..=order {
        let d = discounts(&adjusted[n - 1]);
        let mut stats: FxHashMap<u64, CtxStats> = FxHashMap::default();
        let mut keys: Vec<u64> = adjusted[n - 1].keys().copied().collect();
        keys.sort_unstable();
        for &k in &keys {
            let a = adjusted[n - 1][&k];
            let s = stats.entry(if n == 1 { 0 } else { k >> 16 }).or_default();
            s.sum += a;
            match a {
                1 => s.n1 += 1,
                2 => s.n2 += 1,
                _ => s.n3 += 1,
            }
        }
        let gamma_of = |s: &CtxStats| {
            (d[1] * s.n1 as f64 + d[2] * s.n2 as f64 + d[3] * s.n3 as f64) / s.sum as f64
        };
        let mut p: FxHashMap<u64, f64> = FxHashMap::default();
        p.reserve(keys.len());
        for &k in &keys {
            let a = adjusted[n - 1][&k];
            let ctx = if n == 1 { 0 } else { k >> 16 };
            let s = &stats[&ctx];
            let lower = if n == 1 {
                1.0 / (vocab - 1).max(1) as f64
            } else {
                let mask = (1u64 << (16 * (n - 1))) - 1;
                probs[n - 2]
                    .get(&(k & mask))
                    .copied()
                    .unwrap_or(1.0 / (vocab - 1).max(1) as f64)
            };
            let v = (a as f64 - disc(&d, a)).max(0.0) / s.sum as f64 + gamma_of(s) * lower;
            p.insert(k, v);
        }
        let g: FxHashMap<u64, f64> = stats.iter().map(|(&c, s)| (c, gamma_of(s))).collect();
        if n == 1 {
            uni_gamma = g.get(&0).copied().unwrap_or(1.0);
        }
        probs.push(p);
        gammas.push(g);
    }
    // Unigrams: every id gets a probability, unseen ones the interpolated uniform share.
    let mut uni_prob = vec![(uni_gamma / (vocab - 1).max(1) as f64).log10() as f32; vocab];
    let mut uni_bow = vec![0.0f32; vocab];
    for (&k, &v) in &probs[0] {
        if (k as usize) < vocab {
            uni_prob[k as usize] = v.log10() as f32;
        }
    }
    uni_prob[BOS as usize] = -99.0;
    if order >= 2 {
        for (&c, &g) in &gammas[1] {
            if (c as usize) < vocab {
                uni_bow[c as usize] = g.log10() as f32;
            }
        }
    }
    // Pruning by raw count, raising thresholds from the top order until the budget fits.
    let mut thr: Vec<u64> = (0..order)
        .map(|i| min_count.get(i).copied().unwrap_or(1))
        .collect();
    let kept = |thr: &[u64]| -> usize {
        (2..=order)
            .map(|n| {
                counts.maps[n - 1]
                    .values()
                    .filter(|&&c| c >= thr[n - 1])
                    .count()
            })
            .sum()
    };
    let mut level = order;
    while kept(&thr) > max_entries {
        thr[level - 1] += 1;
        // Keep thresholds non-decreasing with order, so a kept n-gram's prefix is kept.
        level = if level <= 2 { order } else { level - 1 };
        for n in 2..order {
            thr[n] = thr[n].max(thr[n - 1]);
        }
    }
    let mut entries = Vec::new();
    for n in 2..=order {
        let mut keys: Vec<u64> = counts.maps[n - 1]
            .iter()
            .filter(|(_, &c)| c >= thr[n - 1])
            .map(|(&k, _)| k)
            .collect();
        keys.sort_unstable();
        for k in keys {
            let prob = probs[n - 1].get(&k).copied().unwrap_or(1e-9).log10() as f32;
            let bow = if n < order {
                gammas[n].get(&k).map_or(0.0, |g| g.log10() as f32)
            } else {
                0.0
            };
            entries.push(Entry {
                ids: unpack(k, n),
                prob,
                bow,
            });
        }
    }
    (uni_prob, uni_bow, entries)
}

/// The first stored n-gram (order ≥ 3) whose suffix or prefix (its last or first n-1 ids) is
/// not stored, if any: the scorer relies on suffix closure to stop probing at the first miss,
/// and on prefix closure for its minimal states (`Lm::score_next`).
pub fn first_unclosed(entries: &[Entry]) -> Option<&[u16]> {
    let stored: std::collections::HashSet<&[u16]> =
        entries.iter().map(|e| e.ids.as_slice()).collect();
    entries.iter().map(|e| e.ids.as_slice()).find(|ids| {
        ids.len() >= 3 && (!stored.contains(&ids[1..]) || !stored.contains(&ids[..ids.len() - 1]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_normalise() {
        let mut c = Counts::new(3);
        c.add(&[0, 5, 6, 7, 1], 1);
        c.add(&[0, 5, 6, 8, 1], 1);
        c.add(&[0, 6, 7, 1], 2);
        let vocab = 9;
        let (uni, _, entries) = estimate(&c, vocab, &[1, 1, 1], usize::MAX);
        let total: f64 = uni.iter().skip(1).map(|&p| 10f64.powf(p as f64)).sum();
        assert!((total - 1.0).abs() < 1e-3, "unigrams sum to {total}");
        let lm = crate::restore::lm::Lm::from_bytes(&crate::restore::lm::write(
            3, &uni, &[0.0; 9], &entries,
        ))
        .unwrap();
        // p(7 | 5 6) should beat p(8 | 5 6) only by a little; both beat an unseen word.
        assert!(lm.score(&[5, 6], 7) > lm.score(&[5, 6], 2));
        assert!(!entries.is_empty());
    }
}
