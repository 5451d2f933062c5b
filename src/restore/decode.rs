//! Beam search over the token lattice: each slot has candidates with a channel cost; the
//! language model scores the sequence. Hypotheses that share the LM state (last three ids) are
//! recombined, so the beam is a Viterbi search over the trigram-context state space.

use crate::restore::lexicon::{BOS, EOS};
use crate::restore::lm::Lm;

/// One candidate for a slot: LM id, channel cost (`-ln P(obs | cand)`) and an opaque tag.
#[derive(Debug, Clone, Copy)]
pub struct Cand {
    pub lm: u16,
    pub cost: f32,
    pub tag: u32,
}

/// Decoding knobs.
#[derive(Debug, Clone, Copy)]
pub struct DecodeParams {
    /// Hypotheses kept per slot.
    pub beam: usize,
    /// Weight of the LM's natural-log probability against the channel cost.
    pub lm_weight: f32,
}

impl Default for DecodeParams {
    fn default() -> Self {
        DecodeParams {
            beam: 6,
            lm_weight: 1.0,
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
}

/// Decodes one segment (slots `cands[ranges[i]]`), writing the chosen candidate index of each
/// slot into `choice`. The segment starts after `<s>` and ends with `</s>`.
pub fn decode_segment(
    lm: &Lm,
    p: &DecodeParams,
    cands: &[Cand],
    ranges: &[(u32, u32)],
    choice: &mut Vec<u16>,
    ws: &mut Workspace,
) {
    choice.clear();
    if ranges.is_empty() {
        return;
    }
    let w = p.lm_weight * LN10;
    ws.hyps.clear();
    ws.trace.clear();
    ws.hyps.push(Hyp {
        ctx: [BOS; 3],
        len: 1,
        score: 0.0,
        back: u32::MAX,
    });
    for &(s, e) in ranges {
        let slot = &cands[s as usize..e as usize];
        ws.next.clear();
        for h in &ws.hyps {
            for (ci, c) in slot.iter().enumerate() {
                let score = h.score - c.cost + w * lm.score(h.ctx(), c.lm);
                let (ctx, len) = h.push(c.lm);
                ws.trace.push((h.back, ci as u16));
                ws.next.push(Hyp {
                    ctx,
                    len,
                    score,
                    back: (ws.trace.len() - 1) as u32,
                });
            }
        }
        // Recombine equal states, keep the best `beam`.
        ws.next.sort_unstable_by(|a, b| {
            (a.ctx, a.len)
                .cmp(&(b.ctx, b.len))
                .then(b.score.total_cmp(&a.score))
        });
        ws.next
            .dedup_by(|later, first| later.ctx == first.ctx && later.len == first.len);
        ws.next.sort_unstable_by(|a, b| b.score.total_cmp(&a.score));
        ws.next.truncate(p.beam.max(1));
        std::mem::swap(&mut ws.hyps, &mut ws.next);
    }
    let mut best = 0;
    let mut best_score = f32::NEG_INFINITY;
    for (i, h) in ws.hyps.iter().enumerate() {
        let s = h.score + w * lm.score(h.ctx(), EOS);
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

/// Posterior-style confidence of each chosen candidate: a softmax over the slot's candidates
/// scored with the chosen left context and the chosen right neighbour.
pub fn confidences(
    lm: &Lm,
    p: &DecodeParams,
    cands: &[Cand],
    ranges: &[(u32, u32)],
    choice: &[u16],
    out: &mut Vec<f32>,
) {
    out.clear();
    let w = p.lm_weight * LN10;
    let ids: Vec<u16> = ranges
        .iter()
        .zip(choice)
        .map(|(&(s, _), &c)| cands[s as usize + c as usize].lm)
        .collect();
    for (i, &(s, e)) in ranges.iter().enumerate() {
        let slot = &cands[s as usize..e as usize];
        if slot.len() == 1 {
            out.push(1.0);
            continue;
        }
        let mut ctx = [BOS; 3];
        let lo = i.saturating_sub(3);
        let n = i - lo;
        ctx[3 - n..].copy_from_slice(&ids[lo..i]);
        let left = if n == 0 { &ctx[2..] } else { &ctx[3 - n..] };
        let mut scores = [0f32; 64];
        let k = slot.len().min(64);
        for (j, c) in slot.iter().take(k).enumerate() {
            let mut sc = -c.cost + w * lm.score(left, c.lm);
            // Right neighbour given this candidate (bigram context is enough for a margin).
            let next = ids.get(i + 1).copied().unwrap_or(EOS);
            sc += w * lm.score(&[c.lm], next);
            scores[j] = sc;
        }
        let max = scores[..k].iter().cloned().fold(f32::NEG_INFINITY, f32::max);
        let sum: f32 = scores[..k].iter().map(|s| (s - max).exp()).sum();
        let chosen = choice[i] as usize;
        out.push(if chosen < k {
            (scores[chosen] - max).exp() / sum
        } else {
            0.0
        });
    }
}
