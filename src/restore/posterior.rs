//! How sure the decoder is of each choice of a segment: the softmax over a slot's candidates
//! of the best forward score ending in each (kept by the search), and the runners-up that a
//! doubtful token reports as alternatives.

use super::decode::Workspace;

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
        // One `exp` per candidate, none for the best (exactly 1), the chosen one's kept: the
        // same floats as a sum followed by the chosen one's own `exp`.
        let (mut sum, mut chosen) = (0.0f32, 0.0f32);
        for (k, &s) in scores.iter().enumerate() {
            let e = if s == max && max.is_finite() {
                1.0
            } else {
                (s - max).exp()
            };
            sum += e;
            if k == c as usize {
                chosen = e;
            }
        }
        out.push(if sum > 0.0 { chosen / sum } else { 0.0 });
    }
}

/// The best other candidates of slot `slot` of the last decoded segment (not `chosen`),
/// most probable first, with their share of the slot's softmax (see [`confidences`]); returns
/// how many were written to `out`. Allocates nothing.
pub fn runners_up(
    ranges: &[(u32, u32)],
    slot: usize,
    chosen: u16,
    ws: &Workspace,
    out: &mut [(u16, f32)],
) -> usize {
    let Some(&(s, e)) = ranges.get(slot) else {
        return 0;
    };
    // `best` holds the segment's slots back to back from the first slot's start.
    let base = ranges[0].0;
    let Some(scores) = ws.best.get((s - base) as usize..(e - base) as usize) else {
        return 0;
    };
    let max = scores.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    if !max.is_finite() {
        return 0;
    }
    let sum: f32 = scores.iter().map(|x| (x - max).exp()).sum();
    let mut n = 0;
    for (ci, &sc) in scores.iter().enumerate() {
        if ci == chosen as usize || !sc.is_finite() {
            continue;
        }
        let p = (sc - max).exp() / sum;
        // Insertion into the short sorted `out`.
        let mut j = n.min(out.len());
        if j == out.len() && (j == 0 || out[j - 1].1 >= p) {
            continue;
        }
        if n < out.len() {
            n += 1;
        }
        if j == out.len() {
            j -= 1;
        }
        while j > 0 && out[j - 1].1 < p {
            out[j] = out[j - 1];
            j -= 1;
        }
        out[j] = (ci as u16, p);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::restore::decode::{decode_segment, tests::model, Cand, DecodeParams};

    /// The runners-up of a slot leave out the chosen candidate, come best first and share
    /// the softmax with the chosen one's confidence.
    #[test]
    fn runners_up_are_the_other_candidates_best_first() {
        let m = model(32, 33);
        let cands = [
            Cand { lm: 33, cost: 1.0 },
            Cand { lm: 32, cost: 1.0 },
            Cand { lm: 31, cost: 1.5 },
        ];
        let ranges = [(0u32, 3u32)];
        let mut ws = Workspace::default();
        let mut choice = Vec::new();
        decode_segment(
            &m,
            &DecodeParams::default(),
            &cands,
            &ranges,
            false,
            &mut choice,
            &mut ws,
        );
        assert_eq!(choice, vec![1]);
        let mut conf = Vec::new();
        confidences(&ranges, &choice, &ws, &mut conf);
        let mut top = [(0u16, 0f32); 3];
        let n = runners_up(&ranges, 0, choice[0], &ws, &mut top);
        assert_eq!(n, 2);
        assert_eq!((top[0].0, top[1].0), (0, 2));
        assert!(top[0].1 > top[1].1);
        assert!((conf[0] + top[0].1 + top[1].1 - 1.0).abs() < 1e-4);
        // A shorter output keeps the best only.
        let mut one = [(0u16, 0f32); 1];
        assert_eq!(runners_up(&ranges, 0, choice[0], &ws, &mut one), 1);
        assert_eq!(one[0].0, 0);
    }
}
