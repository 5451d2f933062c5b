//! Beam search over the token lattice: each slot has candidates with a channel cost; the
//! language model scores the sequence. Hypotheses that share the LM state (the longest stored
//! suffix of their words, which is all the model's future scores depend on) are recombined, so
//! the beam is a Viterbi search over the model's minimal state space.

use crate::restore::lexicon::{BOS, EOS};
use crate::restore::lm::{prefetch_read, Context, Lm, Packed, Partials};

/// One candidate for a slot: LM id and channel cost (`-ln P(obs | cand)`).
#[derive(Debug, Clone, Copy)]
pub struct Cand {
    pub lm: u16,
    pub cost: f32,
}

/// Decoding knobs.
#[derive(Debug, Clone, Copy)]
pub struct DecodeParams {
    /// Hypotheses kept per slot.
    pub beam: usize,
    /// Weight of the LM's natural-log probability against the channel cost.
    pub lm_weight: f32,
    /// Hypotheses scoring this much (nats) below the best are dropped.
    pub threshold: f32,
    /// Beyond the beam, each candidate word of the slot keeps its best hypothesis if it
    /// scores within this many nats of the best: a reading that the next word will vindicate
    /// (`văn phòng đảng | ủy` against the frequent `văn phòng đăng | ký`) survives one
    /// slot of garden path. 0 turns it off.
    pub word_threshold: f32,
}

impl Default for DecodeParams {
    fn default() -> Self {
        DecodeParams {
            beam: 4,
            lm_weight: 1.0,
            threshold: 8.0,
            word_threshold: 12.0,
        }
    }
}

const LN10: f32 = std::f32::consts::LN_10;

#[derive(Clone, Copy)]
struct Hyp {
    /// The LM state after this hypothesis's words.
    st: Context,
    /// Its state's ids packed (see [`state_key`]): the recombination and cache key.
    key: u64,
    /// Its last word's LM id.
    word: u16,
    score: f32,
    /// Its entry in the trace: (parent's entry, candidate index). Written to the trace only
    /// when the hypothesis survives pruning; until then `back` is the parent's entry.
    back: u32,
    cand: u16,
}

/// A (hypothesis, candidate) pair of one slot still to be scored by the model (`bo` false)
/// or, backing off to the unigram, already scored (`score`).
#[derive(Clone, Copy)]
struct Pair {
    hi: u32,
    ci: u32,
    bo: bool,
    score: f32,
}

/// Reusable buffers for [`decode_segment`], so the hot loop allocates nothing per token.
#[derive(Default)]
pub struct Workspace {
    hyps: Vec<Hyp>,
    next: Vec<Hyp>,
    trace: Vec<(u32, u16)>,
    /// Per slot and candidate, the best forward score of a hypothesis ending in it.
    pub(super) best: Vec<f32>,
    /// Recombination table: indices into `next`, `u32::MAX` for empty.
    rec: Vec<u32>,
    /// Each word's best hypothesis while pruning one slot.
    extra: Vec<Hyp>,
    /// Each hypothesis's state hashes (see [`Lm::partials`]) for the current slot, once a
    /// pair of it goes to the model.
    parts: Vec<Option<Partials>>,
    /// The current slot's (hypothesis, candidate) pairs that may survive, hypothesis-major:
    /// the model's pairs and the back-off pairs not yet doomed when scored.
    pairs: Vec<Pair>,
    /// Indices into `pairs` of the pairs the model scores (for the prefetch pass).
    model: Vec<u32>,
    /// Direct-mapped cache of LM transitions keyed by (state ids, word) packed in 64 bits.
    cache: Vec<(u64, f32, Packed)>,
    /// The [`Lm::id`] of the model whose scores `cache` holds (the workspace is per thread and
    /// outlives any one model).
    cache_lm: u64,
}

/// 2^15 transitions of 16 bytes (512 KB per decoding thread). Larger tables miss less and run
/// fewer instructions (on the stripped bench, 2^14 entries 8,445 a token, 2^18 8,136, 2^20
/// 8,046) but leave the processor's caches: with 32-byte entries 2^20 took 0.49 s of user time
/// against 0.45 for 2^14 and 0.44 for 2^16. Entries packed to 16 bytes (see [`Packed`]): 2^16
/// took about 1-2 % less CPU time than 32-byte 2^16, 2^15 about 2 % less (20-30 interleaved
/// runs, paired medians).
const CACHE_BITS: u32 = 15;

/// A state's ids packed in 48 bits, oldest first; missing positions get an id no word has.
#[inline]
fn state_key(st: &Context) -> u64 {
    let c = Lm::state_ids(st);
    let mut k: u64 = 0;
    for i in 0..3 {
        let id = if i + c.len() >= 3 {
            c[i + c.len() - 3]
        } else {
            u16::MAX
        };
        k = (k << 16) | id as u64;
    }
    k
}

#[inline]
fn cache_slot(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - CACHE_BITS)) as usize
}

/// Decodes one segment (slots `cands[ranges[i]]`), writing the chosen candidate index of each
/// slot into `choice`. The segment starts after `<s>`; it ends with `</s>` when `eos` (a
/// paragraph end), and open otherwise (a sentence that the next line may continue).
pub fn decode_segment(
    lm: &Lm,
    p: &DecodeParams,
    cands: &[Cand],
    ranges: &[(u32, u32)],
    eos: bool,
    choice: &mut Vec<u16>,
    ws: &mut Workspace,
) {
    choice.clear();
    if ranges.is_empty() {
        return;
    }
    let w = p.lm_weight * LN10;
    // A hypothesis this far below a slot's best is dropped by [`prune`] whatever else comes.
    let doom = p.threshold.max(p.word_threshold);
    if ws.cache.is_empty() || ws.cache_lm != lm.id() {
        ws.cache = vec![(u64::MAX, 0.0, Packed::default()); 1 << CACHE_BITS];
        ws.cache_lm = lm.id();
    }
    ws.hyps.clear();
    ws.trace.clear();
    let st = lm.context(&[BOS]);
    ws.hyps.push(Hyp {
        st,
        key: state_key(&st),
        word: BOS,
        score: 0.0,
        back: u32::MAX,
        cand: 0,
    });
    ws.best.clear();
    // The first word's bigram bits after `<s>` (later words' are hinted a word ahead).
    for c in &cands[ranges[0].0 as usize..ranges[0].1 as usize] {
        lm.prefetch_bigram_bit(&st, c.lm);
    }
    for (t, &(s, e)) in ranges.iter().enumerate() {
        let slot = &cands[s as usize..e as usize];
        // The next word's bigram bits depend on this word's candidates only: hinted a word
        // ahead (below, once a candidate has a pair that may survive), they have arrived when
        // the next word's hypotheses test them. `hinted`: candidates (below 64) done.
        let next_slot = ranges
            .get(t + 1)
            .map_or(&cands[..0], |&(s2, e2)| &cands[s2 as usize..e2 as usize]);
        let mut hinted = 0u64;
        ws.next.clear();
        // At most hyps x candidates states: a table at least twice that size.
        let need = (ws.hyps.len() * slot.len() * 2).next_power_of_two().max(16);
        if ws.rec.len() < need {
            ws.rec.resize(need, u32::MAX);
        }
        ws.rec[..need].fill(u32::MAX);
        let mask = need - 1;
        let best_start = ws.best.len();
        ws.best.resize(best_start + slot.len(), f32::NEG_INFINITY);
        // Most pairs back off to the unigram (no stored bigram): their score and state need
        // neither the table nor the transition cache, so they are scored here, their bigram
        // bits having been hinted a word ahead; the other pairs' cache entries are hinted.
        // The best score of the slot's pairs seen so far: the top after pruning is at least
        // this, so a pair more than `doom` below it cannot survive [`prune`] and is neither
        // built nor recombined (only its candidate's best score counts it). Seeded here with
        // the back-off pairs, whose scores are cheap, so the cut bites from the first pair.
        let mut run_max = f32::NEG_INFINITY;
        ws.pairs.clear();
        ws.model.clear();
        let best = &mut ws.best[best_start..];
        for (hi, h) in ws.hyps.iter().enumerate() {
            let bsum = lm.backoff_sum(&h.st);
            let row = lm.bigram_row(&h.st);
            for (ci, c) in slot.iter().enumerate() {
                if lm.backs_off_row(row, c.lm) {
                    let s = h.score - c.cost + w * (lm.unigram(c.lm) + bsum);
                    if s > best[ci] {
                        best[ci] = s;
                    }
                    if s > run_max {
                        run_max = s;
                    } else if s < run_max - doom {
                        continue;
                    }
                    ws.pairs.push(Pair {
                        hi: hi as u32,
                        ci: ci as u32,
                        bo: true,
                        score: s,
                    });
                } else {
                    ws.model.push(ws.pairs.len() as u32);
                    ws.pairs.push(Pair {
                        hi: hi as u32,
                        ci: ci as u32,
                        bo: false,
                        score: 0.0,
                    });
                    // The transition cache (32 k x 16 bytes) competes for L2 with the bigram
                    // bitmap.
                    prefetch_read(
                        &ws.cache[cache_slot(cache_key(h.key, c.lm))] as *const _ as *const u8,
                    );
                }
            }
        }
        // Memory latency on the n-gram table is the cost: hint every table slot this word
        // will probe, so the misses overlap, then score. A state's hashes are only needed
        // when one of its pairs is scored by the model.
        ws.parts.clear();
        ws.parts.resize(ws.hyps.len(), None);
        for &i in &ws.model {
            let pr = &ws.pairs[i as usize];
            let (h, c) = (&ws.hyps[pr.hi as usize], &slot[pr.ci as usize]);
            if ws.cache[cache_slot(cache_key(h.key, c.lm))].0 != cache_key(h.key, c.lm) {
                let part = ws.parts[pr.hi as usize].get_or_insert_with(|| lm.partials(&h.st));
                lm.prefetch_stored(&h.st, part, c.lm);
            }
        }
        for pr in &ws.pairs {
            // A back-off pair, already scored, is dropped before its hypothesis is looked at.
            if pr.bo && pr.score < run_max - doom {
                continue;
            }
            let (h, c) = (&ws.hyps[pr.hi as usize], &slot[pr.ci as usize]);
            // A pair's state is built only if the pair may survive.
            let (score, q) = if pr.bo {
                (pr.score, None)
            } else {
                let key = cache_key(h.key, c.lm);
                let cs = cache_slot(key);
                let (lp, q) = if ws.cache[cs].0 == key {
                    (ws.cache[cs].1, ws.cache[cs].2)
                } else {
                    // A pair that found its entry above may have lost it to an earlier
                    // pair of this slot since: its hashes are then made here.
                    let part = ws.parts[pr.hi as usize].get_or_insert_with(|| lm.partials(&h.st));
                    let (v, q) = lm.score_packed(&h.st, part, c.lm);
                    ws.cache[cs] = (key, v, q);
                    (v, q)
                };
                let score = h.score - c.cost + w * lp;
                let b = &mut ws.best[best_start + pr.ci as usize];
                if score > *b {
                    *b = score;
                }
                (score, Some(q))
            };
            // Pruned for certain: neither built nor recombined.
            if score < run_max - doom {
                continue;
            }
            if score > run_max {
                run_max = score;
            }
            let bit = 1u64.checked_shl(pr.ci).unwrap_or(0);
            if hinted & bit == 0 {
                hinted |= bit;
                for c2 in next_slot {
                    lm.prefetch_bigram_pair(c.lm, c2.lm);
                }
            }
            let (st, skey) = match q {
                Some(q) => {
                    let skey = out_key(h.key, c.lm, q.len as usize);
                    (lm.unpack(skey, q), skey)
                }
                None => (lm.unigram_state(c.lm), out_key(h.key, c.lm, 1)),
            };
            debug_assert_eq!(skey, state_key(&st));
            let hyp = Hyp {
                st,
                key: skey,
                word: c.lm,
                score,
                back: h.back,
                cand: pr.ci as u16,
            };
            // Recombine equal states through a small open-addressing table of indices
            // into `next`.
            let mut r = state_hash(skey) & mask;
            loop {
                let at = ws.rec[r];
                if at == u32::MAX {
                    ws.rec[r] = ws.next.len() as u32;
                    ws.next.push(hyp);
                    break;
                }
                let old = &mut ws.next[at as usize];
                if old.key == skey {
                    if score > old.score {
                        *old = hyp;
                    }
                    break;
                }
                r = (r + 1) & mask;
            }
        }
        prune(&mut ws.next, &mut ws.extra, p);
        for h in ws.next.iter_mut() {
            ws.trace.push((h.back, h.cand));
            h.back = (ws.trace.len() - 1) as u32;
        }
        std::mem::swap(&mut ws.hyps, &mut ws.next);
    }
    let mut best = 0;
    let mut best_score = f32::NEG_INFINITY;
    for (i, h) in ws.hyps.iter().enumerate() {
        let s = if eos {
            h.score + w * lm.score_ctx(&h.st, EOS)
        } else {
            h.score
        };
        if s > best_score {
            best_score = s;
            best = i;
        }
    }
    choice.resize(ranges.len(), 0);
    let mut b = ws.hyps[best].back;
    let mut i = ranges.len();
    while b != u32::MAX && i > 0 {
        i -= 1;
        let (parent, ci) = ws.trace[b as usize];
        choice[i] = ci;
        b = parent;
    }
}

/// [`state_key`] of the state after `w`, from the previous state's key and the new state's
/// length (at most 3): the new state is the last `len` ids of the old one's and `w`. Lanes
/// older than the state's length hold the missing-id marker, set by one shift rather than a
/// branch per length (this runs for every hypothesis and candidate).
#[inline]
fn out_key(prev: u64, w: u16, len: usize) -> u64 {
    const LANES: u64 = (1 << 48) - 1;
    let k = ((prev << 16) | w as u64) & LANES;
    // len 0: every lane; 1: the two oldest; 2: the oldest; 3: none.
    let pad = (LANES << (16 * len.min(3) as u32)) & LANES;
    k | pad
}

#[inline]
fn state_hash(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize
}

/// Cache key of the transition from a state (packed by [`state_key`]) by word `w`.
#[inline]
fn cache_key(state: u64, w: u16) -> u64 {
    (state << 16) | w as u64
}

/// Keeps the best `beam` hypotheses within `threshold` of the best, and each last word's
/// best hypothesis within `word_threshold` (see [`DecodeParams::word_threshold`]). Linear
/// time, one pass after finding the `beam`-th best score (the order of the survivors does not
/// matter; hypotheses tied with the `beam`-th are all kept).
fn prune(next: &mut Vec<Hyp>, extra: &mut Vec<Hyp>, p: &DecodeParams) {
    let beam = p.beam.max(1);
    // The `beam` best scores, best first (beams are small: insertion into a short array).
    let mut topk = [f32::NEG_INFINITY; 16];
    let k = beam.min(topk.len());
    if next.len() <= k {
        // No more hypotheses than the beam (the usual case): insertion would take every score
        // above -inf, so only the best and, when there are `k` of them, the worst matter.
        let (mut top, mut low, mut m) = (f32::NEG_INFINITY, f32::INFINITY, 0);
        for h in next.iter().filter(|h| h.score > f32::NEG_INFINITY) {
            m += 1;
            top = top.max(h.score);
            low = low.min(h.score);
        }
        topk[0] = top;
        if m == k {
            topk[k - 1] = low;
        }
    } else {
        for h in next.iter() {
            if h.score > topk[k - 1] {
                let mut j = k - 1;
                while j > 0 && topk[j - 1] < h.score {
                    topk[j] = topk[j - 1];
                    j -= 1;
                }
                topk[j] = h.score;
            }
        }
    }
    let kth = if beam <= topk.len() {
        topk[k - 1]
    } else if next.len() > beam {
        // Wide beams (tuning sweeps): the `beam`-th score by selection.
        let mut scores: Vec<f32> = next.iter().map(|h| h.score).collect();
        scores.select_nth_unstable_by(beam - 1, |a, b| b.total_cmp(a));
        scores[beam - 1]
    } else {
        f32::NEG_INFINITY
    };
    let top = topk[0];
    if top == f32::NEG_INFINITY {
        next.clear();
        return;
    }
    let keep = kth.max(top - p.threshold);
    let word_cut = if p.word_threshold > 0.0 {
        top - p.word_threshold
    } else {
        f32::INFINITY
    };
    extra.clear();
    let mut n = 0;
    for i in 0..next.len() {
        let h = next[i];
        if h.score >= keep {
            next[n] = h;
            n += 1;
        } else if h.score >= word_cut {
            match extra.iter_mut().find(|e| e.word == h.word) {
                Some(e) if e.score >= h.score => {}
                Some(e) => *e = h,
                None => extra.push(h),
            }
        }
    }
    next.truncate(n);
    // A word's best hypothesis is kept as an extra unless the beam already holds the word
    // (then the beam holds its best).
    for e in extra.iter() {
        if !next[..n].iter().any(|h| h.word == e.word) {
            next.push(*e);
        }
    }
}

#[cfg(test)]
pub(in crate::restore) mod tests {
    use super::*;
    use crate::restore::lm::{write, Entry};

    /// A bigram model over 34 ids in which `<s>` is followed by `a` (preferred) or `b`.
    pub(in crate::restore) fn model(a: u16, b: u16) -> Lm {
        let uni_prob = vec![-2.0f32; 34];
        let uni_bow = vec![0.0f32; 34];
        let e = |w: u16, prob: f32| Entry {
            ids: vec![BOS, w],
            prob,
            bow: 0.0,
        };
        Lm::from_bytes(&write(2, &uni_prob, &uni_bow, &[e(a, -0.1), e(b, -1.5)])).unwrap()
    }

    /// The packed key of a state after a word, from the previous key and the new length,
    /// is the key of that state packed from scratch, for every length.
    #[test]
    fn out_key_matches_state_key() {
        let m = model(32, 33);
        let (mut st, w) = (m.context(&[]), [32u16, 33, 31, 32, 33]);
        for &x in &w {
            let (_, next) = m.score_next(&st, x);
            let len = Lm::state_ids(&next).len();
            assert_eq!(out_key(state_key(&st), x, len), state_key(&next));
            st = next;
        }
        // Each length from the same previous key: the new word, then older ids, then markers.
        let prev = (1u64 << 32) | (2 << 16) | 3;
        assert_eq!(out_key(prev, 9, 0), (1 << 48) - 1);
        assert_eq!(out_key(prev, 9, 1), 0xFFFF_FFFF_0009);
        assert_eq!(out_key(prev, 9, 2), 0xFFFF_0003_0009);
        assert_eq!(out_key(prev, 9, 3), 0x0002_0003_0009);
    }

    /// A pair that backs off to the unigram scores as the model does, and its state scores
    /// every next word as the model's own state does (the decoder relies on both).
    #[test]
    fn backoff_pairs_score_as_the_model() {
        let uni_prob: Vec<f32> = (0..34).map(|i| -1.0 - i as f32 / 20.0).collect();
        let uni_bow: Vec<f32> = (0..34).map(|i| -0.1 - i as f32 / 50.0).collect();
        let e = |ids: &[u16], prob: f32, bow: f32| Entry {
            ids: ids.to_vec(),
            prob,
            bow,
        };
        let entries = [
            e(&[BOS, 32], -0.3, -0.2),
            e(&[32, 33], -0.4, -0.25),
            e(&[33, 31], -0.5, -0.15),
            e(&[BOS, 32, 33], -0.2, -0.05),
            e(&[32, 33, 31], -0.1, 0.0),
        ];
        let m = Lm::from_bytes(&write(3, &uni_prob, &uni_bow, &entries)).unwrap();
        let words = [BOS, 31, 32, 33, 30, 5];
        let mut states = vec![m.context(&[]), m.context(&[BOS])];
        for &a in &words {
            for &b in &words {
                states.push(m.context(&[a, b]));
            }
        }
        let mut backed_off = 0;
        for st in &states {
            for &x in &words {
                assert_eq!(m.backs_off(st, x), m.backs_off_row(m.bigram_row(st), x));
                if !m.backs_off(st, x) {
                    continue;
                }
                backed_off += 1;
                let (lp, next) = m.score_next(st, x);
                assert_eq!(lp.to_bits(), (m.unigram(x) + m.backoff_sum(st)).to_bits());
                let uni = m.unigram_state(x);
                assert_eq!(Lm::state_ids(&next), Lm::state_ids(&uni));
                for &y in &words {
                    assert_eq!(
                        m.score_next(&next, y).0.to_bits(),
                        m.score_next(&uni, y).0.to_bits()
                    );
                }
            }
        }
        assert!(backed_off > 20);
    }

    /// The per-thread workspace outlives a model: a second model's decoding must not be
    /// answered from the first model's cached scores.
    #[test]
    fn workspace_cache_follows_the_model() {
        let (m1, m2) = (model(32, 33), model(33, 32));
        let cands = [Cand { lm: 32, cost: 1.0 }, Cand { lm: 33, cost: 1.0 }];
        let ranges = [(0u32, 2u32)];
        let p = DecodeParams::default();
        let mut ws = Workspace::default();
        let mut choice = Vec::new();
        decode_segment(&m1, &p, &cands, &ranges, false, &mut choice, &mut ws);
        assert_eq!(choice, vec![0]);
        decode_segment(&m2, &p, &cands, &ranges, false, &mut choice, &mut ws);
        assert_eq!(choice, vec![1]);
    }
}
