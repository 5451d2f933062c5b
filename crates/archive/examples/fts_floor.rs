//! FTS5's own cost of the archive's full-text columns, apart from everything else
//! `vanban index` does: the columns of each record are worked out first, then only the
//! FTS5 inserts are timed (`cargo run --release --example fts_floor RECORDS.jsonl [SETUP_SQL]`).
//! `FTS_COLS` (default `title, body, facets`, the archive's; `marked` adds the accented forms
//! as schema version 2 indexed them) chooses the columns given to FTS5, `FTS_OPTS` extra
//! table options (e.g. `detail=column`).

use std::io::BufRead;
use std::time::Instant;

use vanban_archive::Doc;

mod common;
use common::cpu;

fn main() {
    let path = std::env::args().nth(1).expect("RECORDS.jsonl");
    let setup = std::env::args().nth(2).unwrap_or_default();
    let cols: Vec<[String; 4]> = std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .split(b'\n')
        .map(|l| Doc::from_json(&l.unwrap()).unwrap().fts_columns())
        .collect();
    let names = std::env::var("FTS_COLS").unwrap_or("title, body, facets".into());
    let which: Vec<usize> = names
        .split(',')
        .map(|n| match n.trim() {
            "title" => 0,
            "body" => 1,
            "marked" => 2,
            _ => 3,
        })
        .collect();
    let opts = std::env::var("FTS_OPTS").unwrap_or_default();
    let db = std::env::temp_dir().join(format!("fts_floor_{}.db", std::process::id()));
    let mut conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.pragma_update(None, "cache_size", -65536).unwrap();
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE f USING fts5({names}, content='', \
         tokenize='unicode61 remove_diacritics 0' {opts});
         INSERT INTO f (f, rank) VALUES ('hashsize', 67108864); {setup}"
    ))
    .unwrap();
    let marks: Vec<String> = (1..=which.len()).map(|i| format!("?{i}")).collect();
    let sql = format!("INSERT INTO f ({names}) VALUES ({})", marks.join(", "));
    let t = Instant::now();
    let c0 = cpu("thread-self");
    let mut tokens = 0usize;
    let batch: usize = std::env::var("FTS_BATCH").map_or(2000, |b| b.parse().unwrap());
    for chunk in cols.chunks(batch) {
        let tx = conn.transaction().unwrap();
        {
            let mut st = tx.prepare_cached(&sql).unwrap();
            for c in chunk {
                let v: Vec<&str> = which.iter().map(|&i| c[i].as_str()).collect();
                tokens += v.iter().map(|s| s.split(' ').count()).sum::<usize>();
                st.execute(rusqlite::params_from_iter(v)).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let s = t.elapsed().as_secs_f64();
    let c = cpu("thread-self") - c0;
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    println!(
        "{} records, {:.0} tokens each: FTS5 {:.1} µs/record ({:.1} µs of CPU), {:.0} ns/token, {:.0} MB",
        cols.len(),
        tokens as f64 / cols.len() as f64,
        s / cols.len() as f64 * 1e6,
        c / cols.len() as f64 * 1e6,
        s / tokens as f64 * 1e9,
        size as f64 / 1e6
    );
}
