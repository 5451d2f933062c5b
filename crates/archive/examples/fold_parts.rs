//! The folding alone, best of several rounds (robust to a loaded machine): the full-text
//! columns of the first records of a file (`cargo run --release --example fold_parts
//! RECORDS.jsonl [N]`), then the two passes apart (tokens folded; accented forms).

use std::io::BufRead;
use std::time::Instant;

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
    let best = |f: &dyn Fn() -> usize| {
        (0..7)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64() / k * 1e6
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
    println!(
        "{} records, best of 7: full-text columns {all:.1} µs a record, the body's folded tokens {tokens:.1}",
        docs.len()
    );
}
