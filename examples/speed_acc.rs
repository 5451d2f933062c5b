//! Accuracy/speed trade-off of beam width and the per-word threshold on a gold folder
//! (`BEAMS=6,8 WORD_THRESHOLDS=0,12,16 MAX_CANDS=8 CAND_MARGIN=3`):
//! `cargo run --release --example speed_acc -- /tmp/heldout`.
use std::time::Instant;
use vanban::{eval, Restorer};

fn main() {
    let dir = std::env::args().nth(1).expect("gold dir");
    let mut r = Restorer::load(&Restorer::default_dir()).expect("load");
    let beams: Vec<usize> = std::env::var("BEAMS")
        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|_| vec![6]);
    let words: Vec<f32> = std::env::var("WORD_THRESHOLDS")
        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|_| vec![0.0, 12.0, 16.0]);
    if let Some(k) = std::env::var("MAX_CANDS").ok().and_then(|v| v.parse().ok()) {
        r.params.max_cands = k;
    }
    if let Some(m) = std::env::var("CAND_MARGIN")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        r.params.cand_margin = m;
    }
    for beam in beams {
        for wt in &words {
            let k = r.params.decode.threshold;
            r.params.decode.beam = beam;
            r.params.decode.word_threshold = *wt;
            let t = Instant::now();
            let rows = eval::eval_restoration(&r, std::path::Path::new(&dir)).expect("eval");
            let tot = rows.last().expect("total");
            let s = t.elapsed().as_secs_f64();
            println!(
                "beam={beam} threshold={k} word_threshold={wt}: acc {:.3}% damaged {:.3}%  {:.0} tokens/s",
                100.0 * tot.accuracy(),
                100.0 * tot.damaged_rate(),
                tot.tokens as f64 / s
            );
        }
    }
}
