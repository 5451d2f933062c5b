//! The cost of `vanban run --db`'s indexing: record lines queued one at a time as a run writes
//! them (`Indexer::queue_line`), timed per 500 records as the archive grows, with the
//! archive's size (`cargo run --release --example index_lines RECORDS.jsonl [N]`).

use std::io::BufRead;
use std::time::Instant;

use vanban_archive::indexer::{open, Indexer};

mod common;
use common::cpu;

fn main() {
    let path = std::env::args().nth(1).expect("RECORDS.jsonl");
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let db = std::env::temp_dir().join(format!("index_lines_{}.db", std::process::id()));
    let mut ix = Indexer::new(open(&db.display().to_string(), true).expect("open"));
    let lines = std::io::BufReader::new(std::fs::File::open(path).expect("open records"))
        .split(b'\n')
        .map_while(Result::ok)
        .take(n);
    let (mut t, mut cpu0) = (Instant::now(), cpu("self"));
    for (i, l) in lines.enumerate() {
        ix.queue_line(&l).expect("index");
        if (i + 1) % 500 == 0 {
            let (wall, c) = (t.elapsed().as_secs_f64(), cpu("self"));
            let size = std::fs::metadata(&db).map_or(0, |m| m.len())
                + std::fs::metadata(format!("{}-wal", db.display())).map_or(0, |m| m.len());
            println!(
                "{:>6} records: {:>7.0} µs/record wall, {:>7.0} µs CPU, archive+WAL {:.0} MB",
                i + 1,
                wall / 500.0 * 1e6,
                (c - cpu0) / 500.0 * 1e6,
                size as f64 / 1e6
            );
            (t, cpu0) = (Instant::now(), c);
        }
    }
    ix.flush().expect("index");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
}
