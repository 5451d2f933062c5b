//! Where the index time goes: reading and parsing record lines, then folding them into the
//! full-text columns, timed apart from SQLite (`cargo run --release --example index_parts
//! RECORDS.jsonl`); the rest of `vanban index`'s time is SQLite's.

use std::io::BufRead;
use std::time::Instant;

use vanban_archive::{Doc, Store};

fn main() {
    let path = std::env::args().nth(1).expect("RECORDS.jsonl");
    let lines: Vec<Vec<u8>> = std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .split(b'\n')
        .map(|l| l.unwrap())
        .collect();
    let t = Instant::now();
    let docs: Vec<Doc> = lines.iter().map(|l| Doc::from_json(l).unwrap()).collect();
    let parse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut n = 0usize;
    for d in &docs {
        let c = d.fts_columns();
        n += c.iter().map(String::len).sum::<usize>();
    }
    let fold = t.elapsed().as_secs_f64();
    let db = std::env::temp_dir().join(format!("index_parts_{}.db", std::process::id()));
    let mut store = vanban_archive::sqlite::SqliteStore::open(&db, true).unwrap();
    let t = Instant::now();
    for b in docs.chunks(2000) {
        store.index(b).unwrap();
    }
    let index = t.elapsed().as_secs_f64();
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    let k = docs.len() as f64;
    println!(
        "{} records: parse {:.1} µs/record, fold {:.1} µs/record ({n} bytes of columns), \
         store (fold included) {:.1} µs/record",
        docs.len(),
        parse / k * 1e6,
        fold / k * 1e6,
        index / k * 1e6
    );
}
