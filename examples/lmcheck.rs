//! Checks that context-state scoring equals plain backoff scoring on the real model.
use vanban::Restorer;
fn main() {
    let r = Restorer::load(&Restorer::default_dir()).expect("load");
    let v = r.lm.vocab() as u64;
    let mut x: u64 = 12345;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % v) as u16
    };
    let text = std::fs::read_to_string("/tmp/heldout/heldout_admin_tnt305_tvpl_docs.restored.txt")
        .unwrap();
    let mut ids = vec![0u16];
    let mut lower = String::new();
    let mut pieces = Vec::new();
    for tok in vanban::normalize::tokens(&text) {
        vanban::normalize::pieces(tok, &mut pieces);
        for p in &pieces {
            if let Some(id) = r.lex.class_of(tok, p, &mut lower) {
                ids.push(id);
            }
        }
    }
    let mut bad = 0;
    for i in 3..ids.len().min(50000) {
        let ctx = &ids[i - 3..i];
        for w in [ids[i], next(), next()] {
            let a = r.lm.score(ctx, w);
            let b = r.lm.score_ctx(&r.lm.context(ctx), w);
            if (a - b).abs() > 1e-4 {
                bad += 1;
                if bad < 5 {
                    println!("{ctx:?} {w}: {a} vs {b}");
                }
            }
        }
    }
    println!("mismatches: {bad}");
}
