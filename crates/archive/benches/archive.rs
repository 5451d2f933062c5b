//! The archive at scale (issue 17's targets), run by `benches/archive.sh`: N synthetic records
//! (default 100,000) made from real records (`VANBAN_BENCH_BASE`, a JSON Lines file of `vanban
//! extract` output) with varied paths, sha256, numbers, dates and citations; then the index rate
//! into SQLite with records read on a second thread (`VANBAN_BENCH_THREADED=0` skips it) and on
//! one thread (issue 17's measure), the database size against the JSONL's, and query latencies
//! (median, p99) for two-word queries with a date filter and for `--cites`.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use serde_json::Value;
use vanban_archive::fold::{number_key, text_key};
use vanban_archive::query::parse;
use vanban_archive::sqlite::SqliteStore;
use vanban_archive::{Indexer, Search, Store};

/// CPU seconds of the process or the calling thread (the writer), as the timing examples read them.
#[path = "../examples/common/mod.rs"]
mod common;
use common::cpu;

fn env(k: &str, d: &str) -> String {
    std::env::var(k).unwrap_or_else(|_| d.to_string())
}

/// Replica `i` of a base record: another path and sha256, the number's serial and every
/// date's year changed, citations re-numbered in part (so `--cites` has selective numbers).
fn replica(base: &Value, i: usize) -> Value {
    let mut r = base.clone();
    let path = r["source"]["path"].as_str().unwrap_or("x").to_string();
    r["source"]["path"] = format!(
        "archive/{:03}/{i:06}-{}",
        i % 997,
        path.rsplit('/').next().unwrap_or("x")
    )
    .into();
    r["source"]["sha256"] = format!("{:064x}", (i as u128 + 1) * 0x9e37_79b9_7f4a_7c15).into();
    let year = 2010 + (i % 16);
    let shift = |d: &str| -> String {
        if d.len() == 10 {
            let md = if &d[5..] == "02-29" { "02-28" } else { &d[5..] };
            format!("{year}-{md}")
        } else {
            d.to_string()
        }
    };
    if let Some(n) = r["document"]["number"].as_str() {
        let rest = n.split_once('/').map_or(n, |x| x.1);
        r["document"]["number"] = format!("{}/{rest}", 1 + i % 9973).into();
    }
    if let Some(d) = r["document"]["date"].as_str() {
        r["document"]["date"] = shift(d).into();
    }
    if let Some(es) = r["entities"].as_array_mut() {
        for (k, e) in es.iter_mut().enumerate() {
            if e["type"] == "legal_reference" && k % 3 == 0 {
                if let Some(n) = e["value"]["number"].as_str() {
                    let rest = n.split_once('/').map_or(n, |x| x.1);
                    e["value"]["number"] = format!("{}/{rest}", 1 + (i * 7 + k) % 4999).into();
                }
            }
            if e["type"] == "date" {
                if let Some(d) = e["value"].as_str() {
                    e["value"] = shift(d).into();
                }
            }
        }
    }
    r
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// Search quality: each gold document's title, first six words without accents, must
/// bring its record into the top 3 of an archive of the real records.
fn quality(real: &str, gold_dirs: &str) {
    let dir = tempfile_dir();
    let db = dir.join("quality.db");
    let _ = std::fs::remove_file(&db);
    let mut ix = Indexer::new(Box::new(SqliteStore::open(&db, true).unwrap()));
    ix.index_file(std::path::Path::new(real), &mut |m| eprintln!("{m}"))
        .unwrap();
    ix.flush().unwrap();
    let docs = ix.store().count().unwrap();
    let (mut n, mut top1, mut top3) = (0, 0, 0);
    let mut misses = Vec::new();
    for g in gold_dirs.split(':') {
        let mut files: Vec<PathBuf> = std::fs::read_dir(g)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".entities.json"))
            .collect();
        files.sort();
        for f in files {
            let v: Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
            let Some(title) = v["document"]["title"].as_str() else {
                continue;
            };
            let q: String = vanban_archive::fold::fold(title)
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ");
            let name = f
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".entities.json", ".txt");
            let hits = ix
                .store()
                .search(&Search {
                    terms: parse(&q).unwrap(),
                    limit: 3,
                    ..Default::default()
                })
                .unwrap();
            n += 1;
            match hits
                .iter()
                .position(|h| h.path.ends_with(&format!("/{name}")))
            {
                Some(0) => {
                    top1 += 1;
                    top3 += 1
                }
                Some(_) => top3 += 1,
                None => misses.push(format!("{name}: {q:?}")),
            }
        }
    }
    println!(
        "search quality: {n} gold titles (first six words, no accents) against {docs} records: top-1 {top1} ({:.1} %), top-3 {top3} ({:.1} %)",
        100.0 * top1 as f64 / n as f64,
        100.0 * top3 as f64 / n as f64
    );
    for m in misses {
        println!("  not in the top 3: {m}");
    }
}

fn tempfile_dir() -> PathBuf {
    let d = PathBuf::from(env("VANBAN_BENCH_DIR", "target/archive-bench"));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn main() {
    if let (Ok(real), Ok(gold)) = (
        std::env::var("VANBAN_BENCH_REAL"),
        std::env::var("VANBAN_BENCH_GOLD"),
    ) {
        quality(&real, &gold);
    }
    let base_path = PathBuf::from(env("VANBAN_BENCH_BASE", "target/archive-bench/base.jsonl"));
    let n: usize = env("VANBAN_BENCH_N", "100000").parse().unwrap();
    let dir = PathBuf::from(env("VANBAN_BENCH_DIR", "target/archive-bench"));
    std::fs::create_dir_all(&dir).unwrap();
    let base: Vec<Value> = std::io::BufReader::new(std::fs::File::open(&base_path).unwrap())
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .filter(|v: &Value| v["status"] == "ok")
        .collect();
    let jsonl = dir.join("records.jsonl");
    let t = Instant::now();
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap());
        for i in 0..n {
            serde_json::to_writer(&mut w, &replica(&base[i % base.len()], i)).unwrap();
            w.write_all(b"\n").unwrap();
        }
    }
    let jsonl_bytes = std::fs::metadata(&jsonl).unwrap().len();
    println!(
        "generated {n} records from {} base records: {:.1} MiB JSONL ({:.1} KiB a record), {:.1} s",
        base.len(),
        jsonl_bytes as f64 / 1048576.0,
        jsonl_bytes as f64 / 1024.0 / n as f64,
        t.elapsed().as_secs_f64()
    );
    // Only the records file (for `examples/index_cpu.rs` and the like).
    if env("VANBAN_BENCH_GENERATE_ONLY", "0") == "1" {
        return;
    }

    let db = dir.join("archive.db");
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    // Reading on a second thread (what `vanban index` does), into a scratch archive.
    if env("VANBAN_BENCH_THREADED", "1") == "1" {
        let db2 = dir.join("archive-threaded.db");
        let t = Instant::now();
        let (all, own) = (cpu("self"), cpu("thread-self"));
        let mut ix = Indexer::new(Box::new(SqliteStore::open(&db2, true).unwrap()));
        ix.index_files(std::slice::from_ref(&jsonl), &mut |m| eprintln!("{m}"))
            .unwrap();
        drop(ix);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "indexed {n} records in {secs:.1} s: {:.0} records/s (records read and folded on a second thread); CPU {:.0} µs a record, the writer's {:.0}",
            n as f64 / secs,
            (cpu("self") - all) / n as f64 * 1e6,
            (cpu("thread-self") - own) / n as f64 * 1e6
        );
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db2.display()));
        }
    }
    let t = Instant::now();
    let all = cpu("self");
    let mut ix = Indexer::new(Box::new(SqliteStore::open(&db, true).unwrap()));
    ix.reading_thread = false;
    ix.index_files(std::slice::from_ref(&jsonl), &mut |m| eprintln!("{m}"))
        .unwrap();
    drop(ix);
    let secs = t.elapsed().as_secs_f64();
    // The WAL is checkpointed into the file when the last connection closes.
    let db_bytes = std::fs::metadata(&db).unwrap().len();
    println!(
        "indexed {n} records in {secs:.1} s: {:.0} records/s (one thread), CPU {:.0} µs a record; archive {:.1} MiB = {:.2}x the JSONL",
        n as f64 / secs,
        (cpu("self") - all) / n as f64 * 1e6,
        db_bytes as f64 / 1048576.0,
        db_bytes as f64 / jsonl_bytes as f64
    );
    let t = Instant::now();
    let mut ix = Indexer::new(Box::new(SqliteStore::open(&db, true).unwrap()));
    ix.index_files(std::slice::from_ref(&jsonl), &mut |m| eprintln!("{m}"))
        .unwrap();
    println!(
        "indexed again: {} unchanged, {} added, {:.1} s",
        ix.counts.unchanged,
        ix.counts.added,
        t.elapsed().as_secs_f64()
    );
    drop(ix);

    let mut store = SqliteStore::open(&db, false).unwrap();
    // Two-word queries: folded word pairs from the base titles.
    let mut pairs: Vec<String> = Vec::new();
    for b in &base {
        if let Some(t) = b["document"]["title"].as_str() {
            let w: Vec<String> = text_key(t)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 1)
                .map(String::from)
                .collect();
            if w.len() >= 3 {
                pairs.push(format!("{} {}", w[1], w[2]));
            }
        }
    }
    let mut lat = Vec::new();
    let mut found = 0usize;
    for k in 0..400 {
        let y = 2010 + k % 16;
        let s = Search {
            terms: parse(&pairs[k % pairs.len()]).unwrap(),
            from: Some(format!("{y}-01-01")),
            to: Some(format!("{y}-12-31")),
            limit: 20,
            ..Default::default()
        };
        let t = Instant::now();
        found += store.search(&s).unwrap().len();
        lat.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "two-word query + one-year date filter, limit 20 ({} queries, {:.1} hits each): median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        found as f64 / lat.len() as f64,
        pct(&mut lat, 0.5),
        pct(&mut lat, 0.99),
        pct(&mut lat, 1.0)
    );
    // Without the date filter: the whole archive ranked.
    let mut lat = Vec::new();
    for k in 0..200 {
        let s = Search {
            terms: parse(&pairs[k % pairs.len()]).unwrap(),
            limit: 20,
            ..Default::default()
        };
        let t = Instant::now();
        store.search(&s).unwrap();
        lat.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "two-word query, no filter, limit 20: median {:.2} ms, p99 {:.2} ms",
        pct(&mut lat, 0.5),
        pct(&mut lat, 0.99)
    );
    // --cites: numbers the replicas cite.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let nums: Vec<(String, i64)> = conn
        .prepare("SELECT number, count(*) FROM citations GROUP BY number_key ORDER BY random() LIMIT 400")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut lat = Vec::new();
    let mut total = 0;
    for (num, _) in &nums {
        let s = Search {
            cites: Some(number_key(num)),
            limit: 20,
            ..Default::default()
        };
        let t = Instant::now();
        total += store.search(&s).unwrap().len();
        lat.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "--cites NUMBER, limit 20 ({} numbers, {:.1} hits each): median {:.2} ms, p99 {:.2} ms",
        nums.len(),
        total as f64 / nums.len() as f64,
        pct(&mut lat, 0.5),
        pct(&mut lat, 0.99)
    );
}
