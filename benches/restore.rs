//! Restoration speed: model load time and single-core throughput (tokens/s) on stripped text
//! and on English-model OCR text. Run with `cargo bench --bench restore`.
//!
//! Inputs come from the repo's fixtures (the gold text of seed 000, diacritics stripped, and
//! the raw OCR of both seeds), repeated to `VANBAN_BENCH_MB` megabytes (default 4). Set
//! `VANBAN_BENCH_TEXT=FILE` to time another file as it is.

use std::path::Path;
use std::time::Instant;

use vanban::train::strip_diacritics;
use vanban::Restorer;

fn repeat_to(text: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + text.len());
    while s.len() < bytes {
        s.push_str(text);
        s.push('\n');
    }
    s
}

fn time_restore(r: &Restorer, name: &str, text: &str) {
    let tokens = text.split_whitespace().count();
    // Warm up once on a slice, then time the whole text (best of 3).
    let _ = r.restore(&text[..text.len().min(20_000)]);
    let mut best = f64::MAX;
    let mut changed = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let out = r.restore(text);
        best = best.min(t.elapsed().as_secs_f64());
        changed = out.changed();
    }
    println!(
        "{name:<28} {:>9} tokens {:>8.1} MB  {:>8.3} s  {:>10.0} tokens/s  ({changed} changed)",
        tokens,
        text.len() as f64 / 1e6,
        best,
        tokens as f64 / best
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dict = root.join("dictionaries");
    let mut loads = Vec::new();
    let mut r = None;
    for _ in 0..5 {
        let t = Instant::now();
        r = Some(Restorer::load(&dict).expect("load dictionaries"));
        loads.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let r = r.expect("loaded");
    loads.sort_by(f64::total_cmp);
    println!(
        "model load: median {:.1} ms (min {:.1}, max {:.1})",
        loads[2], loads[0], loads[4]
    );

    if let Some(p) = std::env::var_os("VANBAN_BENCH_TEXT") {
        let text = std::fs::read_to_string(&p).expect("read VANBAN_BENCH_TEXT");
        time_restore(&r, "given file", &text);
        return;
    }
    let mb: usize = std::env::var("VANBAN_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let gold =
        std::fs::read_to_string(root.join("fixtures/gold/000_2599b5292b58604e.restored.txt"))
            .expect("gold fixture");
    let stripped = repeat_to(&strip_diacritics(&gold), mb << 20);
    time_restore(&r, "stripped (seed 000 gold)", &stripped);
    let mut ocr = String::new();
    for f in ["000_2599b5292b58604e.txt", "002_d7ab4e62f778b3e6.txt"] {
        ocr.push_str(&std::fs::read_to_string(root.join("fixtures/seeds").join(f)).expect("seed"));
    }
    let ocr = repeat_to(&ocr, mb << 20);
    time_restore(&r, "English OCR (seeds)", &ocr);

    // Extraction on restored text, against restoration of the same text.
    let restored = r.restore(&stripped).text;
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..3 {
        n = vanban::extract::extract(&restored).entities.len();
    }
    let ex = t.elapsed().as_secs_f64() / 3.0;
    let t = Instant::now();
    let _ = r.restore(&stripped);
    let rs = t.elapsed().as_secs_f64();
    println!(
        "extraction: {:.3} s for {:.1} MB ({n} entities), {:.1} % of restoration time ({rs:.3} s)",
        ex,
        restored.len() as f64 / 1e6,
        100.0 * ex / rs
    );
    real_documents(&r, root);
}

/// Extraction of real documents one by one (the published texts of the real tuning sets),
/// against the restoration of the same documents stripped: best of 3 each, after a warm-up
/// pass (the patterns' lazy automata are built as a batch of documents builds them).
fn real_documents(r: &Restorer, root: &Path) {
    let mut docs = Vec::new();
    for set in ["fixtures/real/dev", "fixtures/real/dev2"] {
        let Ok(dir) = std::fs::read_dir(root.join(set)) else {
            continue;
        };
        let mut paths: Vec<_> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".restored.txt"))
            .collect();
        paths.sort();
        docs.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    let stripped: Vec<String> = docs.iter().map(|d| strip_diacritics(d)).collect();
    let best = |f: &dyn Fn()| {
        f();
        (0..3)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min)
    };
    let ex = best(&|| {
        for d in &docs {
            std::hint::black_box(vanban::extract::extract(d));
        }
    });
    let rs = best(&|| {
        for d in &stripped {
            std::hint::black_box(r.restore(d));
        }
    });
    let mb = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    println!(
        "real documents ({} of them, {mb:.1} MB): extraction {ex:.3} s ({:.1} MB/s), {:.1} % of restoration time ({rs:.3} s)",
        docs.len(),
        mb / ex,
        100.0 * ex / rs
    );
}
