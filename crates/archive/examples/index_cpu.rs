//! Wall and CPU time of indexing a records file, with the records read on a second thread or
//! not (`cargo run --release --example index_cpu RECORDS.jsonl [one|threaded]`): the writing
//! thread's own CPU time shows whether the reader slows it down. `VANBAN_KEEP_DB=PATH`: the
//! archive is written there and kept (to compare archives made by two builds).

use std::time::Instant;

mod common;
use common::cpu;

fn main() {
    let path = std::env::args().nth(1).expect("RECORDS.jsonl");
    let threaded = std::env::args().nth(2).as_deref() != Some("one");
    let keep = std::env::var_os("VANBAN_KEEP_DB").map(std::path::PathBuf::from);
    let db = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("index_cpu_{}.db", std::process::id()))
    });
    let store = vanban_archive::indexer::open(&db.display().to_string(), true).unwrap();
    let mut ix = vanban_archive::Indexer::new(store);
    ix.reading_thread = threaded;
    let t = Instant::now();
    ix.index_files(&[path.into()], &mut |m| eprintln!("{m}"))
        .unwrap();
    let wall = t.elapsed().as_secs_f64();
    let n = ix.counts.added as f64;
    println!(
        "{} records {}: {:.0} records/s; CPU all threads {:.1} s, writing thread {:.1} s ({:.0} µs/record)",
        n,
        if threaded { "threaded" } else { "one thread" },
        n / wall,
        cpu("self"),
        cpu("thread-self"),
        cpu("thread-self") / n * 1e6
    );
    // What the archive takes on disk, and what the process wrote (`/proc/self/io`: the
    // journal and the pages, whether or not they reached the disk yet).
    let io = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    let wchar = io
        .lines()
        .find_map(|l| l.strip_prefix("wchar: "))
        .and_then(|v| v.trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    println!(
        "archive {:.1} MiB ({:.1} KiB a record), {:.1} KiB written a record",
        std::fs::metadata(&db).map_or(0, |m| m.len()) as f64 / 1048576.0,
        std::fs::metadata(&db).map_or(0, |m| m.len()) as f64 / 1024.0 / n,
        wchar / 1024.0 / n
    );
    if keep.is_none() {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
    }
}
