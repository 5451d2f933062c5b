//! Sweeps the stripped-text costs on gold folders (tuning folders only: held-out folders are
//! measured, never tuned on): `cargo run --release --example sweep_stripped -- \
//! COSTS NAME_WEIGHTS DIR...`, each list comma-separated, e.g. `0,0.25,0.5 1 /tmp/tune`.
use std::path::Path;
use vanban::{eval, Restorer};

fn list(s: &str) -> Vec<f32> {
    s.split(',').filter_map(|x| x.parse().ok()).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: sweep_stripped COSTS NAME_WEIGHTS DIR...");
        std::process::exit(2);
    }
    let mut r = Restorer::load(&Restorer::default_dir()).expect("load");
    for cost in list(&args[0]) {
        for nw in list(&args[1]) {
            r.params.stripped_change_cost = cost;
            r.params.name_weight = nw;
            let mut line = format!("cost={cost} name_weight={nw}:");
            for dir in &args[2..] {
                match eval::eval_restoration(&r, Path::new(dir)) {
                    Ok(rows) => {
                        let t = rows.last().expect("total row");
                        line += &format!(
                            "  {dir} {:.3}% ({}) dmg {:.2}% ({}/{})",
                            100.0 * t.accuracy(),
                            t.correct,
                            100.0 * t.damaged_rate(),
                            t.damaged,
                            t.raw_right
                        );
                    }
                    Err(e) => line += &format!("  {dir} error: {e}"),
                }
            }
            println!("{line}");
        }
    }
}
