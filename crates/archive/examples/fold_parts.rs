//! The folding alone, best of several rounds (robust to a loaded machine): the full-text
//! columns of the first records of a file (`cargo run --release --example fold_parts
//! RECORDS.jsonl [N]`), then the two passes apart (tokens folded; accented forms).

use std::io::BufRead;

use vanban_archive::Doc;

fn main() {
    let path = std::env::args().nth(1).expect("RECORDS.jsonl");
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let docs: Vec<Doc> = std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .split(b'\n')
        .take(n)
        .map(|l| Doc::from_json(&l.unwrap()).unwrap())
        .collect();
    let k = docs.len() as f64;
    // The thread's time on a CPU (ns, `/proc/thread-self/schedstat`): the time it waited for
    // one, on a machine shared with other work, is left out.
    let on_cpu = || -> f64 {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0)
    };
    let best = |f: &dyn Fn() -> usize| {
        (0..7)
            .map(|_| {
                let t = on_cpu();
                std::hint::black_box(f());
                (on_cpu() - t) / 1e3 / k
            })
            .fold(f64::MAX, f64::min)
    };
    let all = best(&|| docs.iter().map(|d| d.fts_columns()[1].len()).sum());
    let tokens = best(&|| {
        docs.iter()
            .map(|d| {
                let mut acc = Vec::new();
                vanban_archive::fold::folded_tokens_noting(
                    d.restored.as_deref().unwrap_or(""),
                    &mut acc,
                )
                .len()
                    + acc.len()
            })
            .sum()
    });
    let calib = best(&|| {
        docs.iter()
            .map(|d| {
                let s = d.restored.as_deref().unwrap_or("");
                s.chars().filter(|c| c.is_alphanumeric()).count()
            })
            .sum()
    });
    let chars: usize = docs
        .iter()
        .map(|d| d.restored.as_deref().unwrap_or("").chars().count())
        .sum();
    println!(
        "calibration: alphanumeric chars counted {calib:.1} µs a record, {:.0} chars a record",
        chars as f64 / k
    );
    println!(
        "{} records, best of 7: full-text columns {all:.1} µs a record, the body's folded tokens {tokens:.1}",
        docs.len()
    );
}
