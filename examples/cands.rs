//! Prints channel costs of candidates for OCR'd words: `cargo run --example cands -- du lieu`.
use vanban::Restorer;

fn main() {
    let r = Restorer::load(&Restorer::default_dir()).expect("load");
    for w in std::env::args().skip(1) {
        let c = r.channel_candidates(&w);
        let lower: String = w.to_lowercase();
        let shown: Vec<String> = c
            .iter()
            .map(|s| format!("{s}:{:.2}", r.channel.edit_cost(s, &lower)))
            .collect();
        println!("{w}: {}", shown.join(" "));
    }
}
