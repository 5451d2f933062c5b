//! Query latency of archives side by side (`cargo run --release --example query_lat
//! ARCHIVE.db...`): the bench's two-word queries with a one-year date filter (words from the
//! archive's own titles), each query run on every archive in turn so that the machine's load
//! falls on all alike; median and p99 per archive. For comparing two builds' archives (page
//! size, schema) on the same records.

use std::time::Instant;

use vanban_archive::fold::text_key;
use vanban_archive::query::parse;
use vanban_archive::sqlite::SqliteStore;
use vanban_archive::{Search, Store};

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let dbs: Vec<String> = std::env::args().skip(1).collect();
    assert!(!dbs.is_empty(), "usage: query_lat ARCHIVE.db...");
    let titles: Vec<String> = rusqlite::Connection::open(&dbs[0])
        .unwrap()
        .prepare("SELECT DISTINCT title FROM documents WHERE title IS NOT NULL LIMIT 200")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let pairs: Vec<String> = titles
        .iter()
        .filter_map(|t| {
            let w: Vec<String> = text_key(t)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 1)
                .map(String::from)
                .collect();
            (w.len() >= 3).then(|| format!("{} {}", w[1], w[2]))
        })
        .collect();
    let mut stores: Vec<SqliteStore> = dbs
        .iter()
        .map(|d| SqliteStore::open(std::path::Path::new(d), false).unwrap())
        .collect();
    let mut lat = vec![Vec::new(); stores.len()];
    for k in 0..400 {
        let y = 2010 + k % 16;
        let s = Search {
            terms: parse(&pairs[k % pairs.len()]).unwrap(),
            from: Some(format!("{y}-01-01")),
            to: Some(format!("{y}-12-31")),
            limit: 20,
            ..Default::default()
        };
        for (i, st) in stores.iter_mut().enumerate() {
            let t = Instant::now();
            st.search(&s).unwrap();
            lat[i].push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    for (d, l) in dbs.iter().zip(&mut lat) {
        println!(
            "{d}: two words + one-year filter, 400 queries: median {:.2} ms, p99 {:.2} ms",
            pct(l, 0.5),
            pct(l, 0.99)
        );
    }
}
