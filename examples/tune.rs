//! Grid search of restorer costs on the training OCR pairs (held-out pairs are not used):
//! `cargo run --release --example tune -- ../shared/ocr-pairs`.
use std::path::Path;
use vanban::{eval, train, Restorer};

fn main() {
    let dir = std::env::args().nth(1).expect("pairs dir");
    let mut r = Restorer::load(&Restorer::default_dir()).expect("load");
    let mut docs = Vec::new();
    for n in 0..200usize {
        if train::is_heldout_pair(n) {
            continue;
        }
        let gt = Path::new(&dir).join(format!("pair{n:03}.gt.txt"));
        let eng = Path::new(&dir).join(format!("pair{n:03}.eng.txt"));
        if let (Ok(g), Ok(e)) = (std::fs::read_to_string(&gt), std::fs::read_to_string(&eng)) {
            docs.push((g, e));
        }
    }
    let base = r.params;
    for keep in [7.0f32, 9.0, 11.0, 13.0] {
        for lmw in [0.8f32, 1.0, 1.2] {
            for strip in [1.0f32, 1.6, 2.5] {
                r.params = base;
                r.params.keep_cost = keep;
                r.params.decode.lm_weight = lmw;
                r.params.ocr_strip_cost = strip;
                let (mut e, mut w) = (0, 0);
                for (g, o) in &docs {
                    let (ee, ww) = eval::wer(g, &r.restore(o).text);
                    e += ee;
                    w += ww;
                }
                println!(
                    "keep={keep} lm_weight={lmw} ocr_strip={strip}: WER {:.3}%",
                    100.0 * e as f64 / w as f64
                );
            }
        }
    }
}
