//! Extraction alone on restored texts: `cargo run --release --example extract_speed -- FILE...`
//! times `extract` over each file (as one document each), repeated `VANBAN_REPEAT` times;
//! `VANBAN_DUMP=FILE` writes every extraction (Debug form) there, to check that a faster
//! extractor gives the same output.
use std::time::Instant;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    let reps: usize = std::env::var("VANBAN_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let bytes: usize = texts.iter().map(String::len).sum();
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..reps {
        for s in &texts {
            n += vanban::extract::extract(s).entities.len();
        }
    }
    let el = t.elapsed().as_secs_f64();
    if let Some(p) = std::env::var_os("VANBAN_DUMP") {
        let mut out = String::new();
        for (f, s) in files.iter().zip(&texts) {
            out.push_str(&format!("== {f}\n{:#?}\n", vanban::extract::extract(s)));
        }
        std::fs::write(p, out).expect("write dump");
    }
    println!(
        "{} docs x {reps}, {:.1} MB: {:.3} s, {:.1} MB/s ({n} entities)",
        texts.len(),
        bytes as f64 / 1e6,
        el,
        (bytes * reps) as f64 / 1e6 / el
    );
}
