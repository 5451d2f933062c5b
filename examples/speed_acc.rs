//! Accuracy/speed trade-off of beam width and candidates per slot on a gold folder:
//! `cargo run --release --example speed_acc -- /tmp/heldout`.
use std::time::Instant;
use vanban::{eval, Restorer};

fn main() {
    let dir = std::env::args().nth(1).expect("gold dir");
    let mut r = Restorer::load(&Restorer::default_dir()).expect("load");
    for beam in [6usize, 8] {
        for k in [4.0f32, 6.0, 8.0, 12.0, 100.0] {
            r.params.decode.beam = beam;
            r.params.decode.threshold = k;
            let t = Instant::now();
            let rows = eval::eval_restoration(&r, std::path::Path::new(&dir)).expect("eval");
            let tot = rows.last().expect("total");
            let s = t.elapsed().as_secs_f64();
            println!(
                "beam={beam} threshold={k}: acc {:.3}% damaged {:.3}%  {:.0} tokens/s",
                100.0 * tot.accuracy(),
                100.0 * tot.damaged_rate(),
                tot.tokens as f64 / s
            );
        }
    }
}
