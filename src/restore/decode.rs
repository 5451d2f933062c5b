//! Beam search over the token lattice: each slot has candidates with a channel cost; the
//! language model scores the sequence. Hypotheses that share the LM state (last three ids) are
//! recombined, so the beam is a Viterbi search over the trigram-context state space.

use crate::restore::lexicon::{BOS, EOS};
use crate::restore::lm::Lm;

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
    ctx: [u16; 3],
    len: u8,
    score: f32,
    back: u32,
}

impl Hyp {
    #[inline]
    fn ctx(&self) -> &[u16] {
        &self.ctx[3 - self.len as usize..]
    }
    #[inline]
    fn push(&self, w: u16) -> ([u16; 3], u8) {
        let mut c = self.ctx;
        c.rotate_left(1);
        c[2] = w;
        (c, (self.len + 1).min(3))
    }
}

/// Reusable buffers for [`decode_segment`], so the hot loop allocates nothing per token.
#[derive(Default)]
pub struct Workspace {
    hyps: Vec<Hyp>,
    next: Vec<Hyp>,
    trace: Vec<(u32, u16)>,
    /// Per slot and candidate, the best forward score of a hypothesis ending in it.
    best: Vec<f32>,
    /// Each hypothesis's prepared LM context for the current word (`None`: all cached).
    ctxs: Vec<Option<crate::restore::lm::Context>>,
    /// Recombination table: indices into `next`, `u32::MAX` for empty.
    rec: Vec<u32>,
    /// Each word's best hypothesis while pruning one slot.
    extra: Vec<Hyp>,
    /// Direct-mapped cache of LM scores keyed by (three context ids, word) packed in 64 bits.
    cache: Vec<(u64, f32)>,
}

const CACHE_BITS: u32 = 16;

#[inline]
fn cache_key(h: &Hyp, w: u16) -> u64 {
    let c = h.ctx();
    let mut k: u64 = 0;
    for i in 0..3 {
        // Missing context positions (segment start) get an id no word has.
        let id = if i + c.len() >= 3 {
            c[i + c.len() - 3]
        } else {
            u16::MAX
        };
        k = (k << 16) | id as u64;
    }
    (k << 16) | w as u64
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
    if ws.cache.is_empty() {
        ws.cache = vec![(u64::MAX, 0.0); 1 << CACHE_BITS];
    }
    ws.hyps.clear();
    ws.trace.clear();
    ws.hyps.push(Hyp {
        ctx: [BOS; 3],
        len: 1,
        score: 0.0,
        back: u32::MAX,
    });
    ws.best.clear();
    for &(s, e) in ranges {
        let slot = &cands[s as usize..e as usize];
        ws.next.clear();
        // At most hyps x candidates states: a table at least twice that size.
        let need = (ws.hyps.len() * slot.len() * 2).next_power_of_two().max(64);
        if ws.rec.len() < need {
            ws.rec.resize(need, u32::MAX);
        }
        ws.rec[..need].fill(u32::MAX);
        let mask = need - 1;
        let best_start = ws.best.len();
        ws.best.resize(best_start + slot.len(), f32::NEG_INFINITY);
        // Memory latency on the n-gram table is the cost: first hint every table slot this
        // word will probe (the hypotheses' contexts, then each context with each candidate),
        // so the misses overlap, then score.
        for h in &ws.hyps {
            lm.prefetch_context(h.ctx());
        }
        ws.ctxs.clear();
        for h in &ws.hyps {
            let cached = slot.iter().all(|c| {
                let key = cache_key(h, c.lm);
                ws.cache[cache_slot(key)].0 == key
            });
            ws.ctxs.push(if cached {
                None
            } else {
                let st = lm.context(h.ctx());
                for c in slot {
                    lm.prefetch(&st, c.lm);
                }
                Some(st)
            });
        }
        for (hi, h) in ws.hyps.iter().enumerate() {
            let mut st = ws.ctxs[hi];
            for (ci, c) in slot.iter().enumerate() {
                let key = cache_key(h, c.lm);
                let cs = cache_slot(key);
                let lp = if ws.cache[cs].0 == key {
                    ws.cache[cs].1
                } else {
                    let st = st.get_or_insert_with(|| lm.context(h.ctx()));
                    let v = lm.score_ctx(st, c.lm);
                    ws.cache[cs] = (key, v);
                    v
                };
                let score = h.score - c.cost + w * lp;
                let b = &mut ws.best[best_start + ci];
                if score > *b {
                    *b = score;
                }
                let (ctx, len) = h.push(c.lm);
                ws.trace.push((h.back, ci as u16));
                let hyp = Hyp {
                    ctx,
                    len,
                    score,
                    back: (ws.trace.len() - 1) as u32,
                };
                // Recombine equal states (same last three words) through a small open-
                // addressing table of indices into `next`.
                let mut r = state_hash(&ctx, len) & mask;
                loop {
                    let at = ws.rec[r];
                    if at == u32::MAX {
                        ws.rec[r] = ws.next.len() as u32;
                        ws.next.push(hyp);
                        break;
                    }
                    let old = &mut ws.next[at as usize];
                    if old.ctx == ctx && old.len == len {
                        if score > old.score {
                            *old = hyp;
                        }
                        break;
                    }
                    r = (r + 1) & mask;
                }
            }
        }
        prune(&mut ws.next, &mut ws.extra, p);
        std::mem::swap(&mut ws.hyps, &mut ws.next);
    }
    let mut best = 0;
    let mut best_score = f32::NEG_INFINITY;
    for (i, h) in ws.hyps.iter().enumerate() {
        let s = if eos {
            h.score + w * lm.score(h.ctx(), EOS)
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

#[inline]
fn state_hash(ctx: &[u16; 3], len: u8) -> usize {
    let k = (ctx[0] as u64) | (ctx[1] as u64) << 16 | (ctx[2] as u64) << 32 | (len as u64) << 48;
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize
}

/// Keeps the best `beam` hypotheses within `threshold` of the best, and each last word's
/// best hypothesis within `word_threshold` (see [`DecodeParams::word_threshold`]). Linear
/// time: a selection, not a sort (the order of the survivors does not matter).
fn prune(next: &mut Vec<Hyp>, extra: &mut Vec<Hyp>, p: &DecodeParams) {
    let Some(top) = next.iter().map(|h| h.score).max_by(f32::total_cmp) else {
        return;
    };
    let cut = top - p.threshold;
    let word_cut = top - p.word_threshold;
    extra.clear();
    if p.word_threshold > 0.0 {
        for h in next.iter() {
            if h.score < word_cut {
                continue;
            }
            match extra.iter_mut().find(|e| e.ctx[2] == h.ctx[2]) {
                Some(e) if e.score >= h.score => {}
                Some(e) => *e = *h,
                None => extra.push(*h),
            }
        }
    }
    let beam = p.beam.max(1);
    if next.len() > beam {
        next.select_nth_unstable_by(beam - 1, |a, b| b.score.total_cmp(&a.score));
        next.truncate(beam);
    }
    next.retain(|h| h.score >= cut || h.score == top);
    for e in extra.iter() {
        if !next.iter().any(|h| h.ctx == e.ctx && h.len == e.len) {
            next.push(*e);
        }
    }
}

/// Confidence of each chosen candidate of the last decoded segment: a softmax over the slot's
/// candidates of the best forward score of any hypothesis ending in each (max-marginals from
/// the left), computed during the search at no extra LM cost.
pub fn confidences(ranges: &[(u32, u32)], choice: &[u16], ws: &Workspace, out: &mut Vec<f32>) {
    out.clear();
    let mut off = 0;
    for (&(s, e), &c) in ranges.iter().zip(choice) {
        let n = (e - s) as usize;
        let scores = &ws.best[off..off + n];
        off += n;
        if n == 1 {
            out.push(1.0);
            continue;
        }
        let max = scores.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
        let sum: f32 = scores.iter().map(|s| (s - max).exp()).sum();
        let chosen = scores.get(c as usize).copied().unwrap_or(f32::NEG_INFINITY);
        out.push(if sum > 0.0 {
            (chosen - max).exp() / sum
        } else {
            0.0
        });
    }
}
