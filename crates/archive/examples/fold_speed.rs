use std::time::Instant;
fn main() {
    let line = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let d = vanban_archive::Doc::from_json(line.lines().next().unwrap().as_bytes()).unwrap();
    let text = d.restored.unwrap();
    let n = 20000;
    let t = Instant::now();
    let mut total = 0;
    let mut acc = 0;
    for _ in 0..n {
        let mut a = Vec::new();
        total += vanban_archive::fold::folded_tokens_noting(&text, &mut a).len();
        acc += a.len();
        std::hint::black_box(vanban_archive::fold::marked_of(a));
    }
    let e = t.elapsed().as_secs_f64();
    println!(
        "{} bytes, {} accented/doc: {:.1} µs per text, {:.0} MB/s ({total})",
        text.len(),
        acc / n,
        e / n as f64 * 1e6,
        (text.len() * n) as f64 / e / 1e6
    );
    let t = Instant::now();
    for _ in 0..n {
        let mut a = Vec::new();
        total += vanban_archive::fold::folded_tokens_noting(&text, &mut a).len();
    }
    let e = t.elapsed().as_secs_f64();
    println!("fold only {:.1} µs per text", e / n as f64 * 1e6);
}
