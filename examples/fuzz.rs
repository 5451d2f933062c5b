//! Fuzz driver on stable Rust: random and mutated inputs, for a given number of seconds,
//! through the text decoder (UTF-8/UTF-16/TCVN3/VNI), the PDF reader (no OCR: image pages
//! are skipped by giving them no engine), the restorer and the extractor. A panic is caught,
//! counted and its input saved. Usage:
//! `cargo run --release --example fuzz -- SECONDS [SEED_DIR]` (seeds: fixtures by default).
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use vanban::ingest::{pdf, text, Limits, OcrOptions};
use vanban::{extract, Restorer};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let i = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let k = i.min(v.len() - 1);
                v[k] = rng.next() as u8;
            }
            1 => v.insert(i, rng.next() as u8),
            2 if i < v.len() => {
                let end = (i + rng.below(64)).min(v.len());
                v.drain(i..end);
            }
            3 => {
                let s = rng.below(v.len().max(1));
                let e = (s + rng.below(256)).min(v.len());
                let chunk = v[s..e].to_vec();
                v.splice(i..i, chunk);
            }
            4 => v.truncate(i),
            _ => {
                let words: [&[u8]; 8] = [
                    b"S6",
                    b"QD-UBND",
                    "Sở".as_bytes(),
                    b"\xff",
                    b"/Filter /FlateDecode",
                    b"obj",
                    b"\n\n",
                    b"ti\xc3\xa9u ch\xc3\xad 1.5 0/2 di\xe1\xbb\x83m",
                ];
                let w = words[rng.below(words.len())];
                v.splice(i..i, w.iter().copied());
            }
        }
    }
    v
}

fn main() {
    let secs: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed_dir = std::env::args()
        .nth(2)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("fixtures"));
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    let mut stack = vec![seed_dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(b) = std::fs::read(&p) {
                if b.len() < 300_000 {
                    seeds.push(b);
                }
            }
        }
    }
    seeds.push(Vec::new());
    let r = Restorer::load(&Restorer::default_dir()).expect("dictionaries");
    // OCR is not fuzzed here (it is Tesseract's code); PDF image pages fail fast without it.
    let ocr = OcrOptions {
        lang: "none-fuzz".into(),
        ..Default::default()
    };
    let limits = Limits::default();
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut runs, mut panics) = (0u64, 0u64);
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        let input = if rng.below(8) == 0 {
            (0..rng.below(4096)).map(|_| rng.next() as u8).collect()
        } else {
            let s = &seeds[rng.below(seeds.len())];
            mutate(&mut rng, s)
        };
        let ok = catch_unwind(AssertUnwindSafe(|| {
            if input.starts_with(b"%PDF") {
                let _ = pdf::read(&input, &limits, &ocr);
            }
            let s = text::decode(&input)
                .unwrap_or_else(|_| String::from_utf8_lossy(&input).into_owned());
            let out = r.restore(&s);
            let _ = extract::extract(&out.text);
        }));
        runs += 1;
        if ok.is_err() {
            panics += 1;
            let _ = std::fs::write(format!("fuzz-crash-{panics}.bin"), &input);
        }
    }
    println!("fuzz: {runs} inputs in {secs} s, {panics} panics");
    if panics > 0 {
        std::process::exit(1);
    }
}
