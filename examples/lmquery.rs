//! Prints per-token LM scores of a sentence: `cargo run --example lmquery -- "kể từ ngày"`.
use vanban::restore::lexicon::{self, BOS};
use vanban::Restorer;

fn main() {
    let r = Restorer::load(&Restorer::default_dir()).expect("load");
    let text = std::env::args().nth(1).unwrap_or_default();
    let mut ctx = vec![BOS];
    let mut pieces = Vec::new();
    let mut lower = String::new();
    let mut total = 0.0;
    for tok in vanban::normalize::tokens(&text) {
        vanban::normalize::pieces(tok, &mut pieces);
        for p in &pieces {
            let id = r.lex.class_of(tok, p, &mut lower).unwrap_or(lexicon::UNK);
            let s = r.lm.score(&ctx, id);
            total += s;
            println!("{:>8} id={:<6} log10p={:.3}", &tok[p.start..p.end], id, s);
            ctx.push(id);
        }
    }
    println!("total {total:.3}");
}
