//! What compressing the `records` rows costs (`cargo run --release --example record_zip
//! RECORDS.jsonl [N]`): each record's stored JSON ([`vanban_archive::Doc::record`]) packed as
//! the SQLite archive stores it (zlib level 1, `packed.rs`) and at zlib levels 2 and 6 for
//! comparison; bytes a record and CPU µs a record to compress and to read back.

use std::io::BufRead;

use vanban_archive::packed::{pack, unpack};
use vanban_archive::Doc;

mod common;
use common::cpu;

fn main() {
    let path = std::env::args().nth(1).expect("RECORDS.jsonl");
    let n: usize = std::env::args().nth(2).map_or(5000, |s| s.parse().unwrap());
    let recs: Vec<String> = std::io::BufReader::new(std::fs::File::open(path).unwrap())
        .split(b'\n')
        .take(n)
        .filter_map(|l| Doc::from_json(&l.unwrap()).ok()?.record)
        .collect();
    let n = recs.len() as f64;
    let json: usize = recs.iter().map(String::len).sum();
    let t = cpu("thread-self");
    let packed: Vec<_> = recs.iter().map(|r| pack(r)).collect();
    let c = cpu("thread-self") - t;
    let stored: usize = packed
        .iter()
        .zip(&recs)
        .map(|(p, r)| p.zlib.as_ref().map_or(r.len(), Vec::len))
        .sum();
    let t = cpu("thread-self");
    for (p, r) in packed.iter().zip(&recs) {
        let back = unpack(p.zlib.as_deref().unwrap_or(r.as_bytes()), p.size);
        assert_eq!(back.as_deref(), Some(r.as_str()));
    }
    let u = cpu("thread-self") - t;
    println!(
        "{n} records: {:.0} B of JSON a record -> {:.0} B stored ({:.2}x); pack {:.1} µs, \
         unpack {:.1} µs a record",
        json as f64 / n,
        stored as f64 / n,
        json as f64 / stored as f64,
        c / n * 1e6,
        u / n * 1e6
    );
    for level in [2, 6] {
        let t = cpu("thread-self");
        let mut z = 0usize;
        for r in &recs {
            let mut e =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
            std::io::Write::write_all(&mut e, r.as_bytes()).unwrap();
            z += e.finish().unwrap().len();
        }
        let c = cpu("thread-self") - t;
        println!(
            "  zlib level {level}: {:.0} B a record ({:.2}x), {:.1} µs a record",
            z as f64 / n,
            json as f64 / z as f64,
            c / n * 1e6
        );
    }
}
