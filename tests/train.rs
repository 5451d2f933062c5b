//! `train` on a tiny corpus produces a working, deterministic model.

use vanban::train::{self, TrainOptions};
use vanban::Restorer;

const CORPUS: &str = "Sở Nội vụ chủ trì tổ chức thực hiện kế hoạch cải cách hành chính.
Các phòng, đơn vị thuộc Sở phối hợp thực hiện nhiệm vụ được giao.
Ủy ban nhân dân tỉnh ban hành Quyết định số 12/QĐ-UBND về việc phê duyệt kế hoạch.
Người dân và doanh nghiệp hài lòng với sự phục vụ của cơ quan hành chính.
Sở Nội vụ tổng hợp báo cáo kết quả thực hiện gửi Ủy ban nhân dân tỉnh.
";

fn build(dir: &std::path::Path, out: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("admin_tiny.txt"), CORPUS.repeat(3)).unwrap();
    let mut o = TrainOptions::new(dir.to_path_buf(), out.to_path_buf());
    o.holdout_every = 0;
    o.min_syllable_count = 1;
    o.min_code_count = 1;
    train::train(&o).expect("train");
}

#[test]
fn tiny_corpus_trains_a_working_model() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, out) = (tmp.path().join("c"), tmp.path().join("d"));
    build(&corpus, &out);
    let r = Restorer::load(&out).expect("load trained model");
    let got = r
        .restore("So Noi vu chu tri to chuc thuc hien ke hoach")
        .text;
    assert_eq!(got, "Sở Nội vụ chủ trì tổ chức thực hiện kế hoạch");
    let got = r.restore("Quyet dinh so 12/QD-UBND").text;
    assert!(got.ends_with("12/QĐ-UBND"), "{got}");
}

#[test]
fn training_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let c = tmp.path().join("c");
    build(&c, &tmp.path().join("a"));
    build(&c, &tmp.path().join("b"));
    for f in ["syllables.txt", "codes.txt", "channel.txt", "lm.bin"] {
        let a = std::fs::read(tmp.path().join("a").join(f)).unwrap();
        let b = std::fs::read(tmp.path().join("b").join(f)).unwrap();
        assert!(a == b, "{f} differs between two runs");
    }
}

#[test]
fn missing_corpus_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let o = TrainOptions::new(tmp.path().join("nope"), tmp.path().join("out"));
    assert!(train::train(&o).is_err());
}

#[test]
fn channel_learns_from_several_pair_folders() {
    // Two folders of OCR pairs (truth + English OCR, as `scripts/make-pairs.sh` writes them):
    // the channel is learned from both, deterministically, without a corpus.
    let tmp = tempfile::tempdir().unwrap();
    let gt = "Cộng hòa xã hội chủ nghĩa Việt Nam số của đơn vị thành phố\n".repeat(6);
    let eng = [
        "Cong hoa x4 hoi chu nghia Viet Nam s6 ctia don vi thanh ph6\n",
        "CONG HQI xA hoi CilU nghia Viet Nam S& cua Pon vi TIIANH pho\n",
    ];
    let mut dirs = Vec::new();
    for (k, e) in eng.iter().enumerate() {
        let d = tmp.path().join(format!("p{k}"));
        std::fs::create_dir_all(&d).unwrap();
        for n in 0..3 {
            std::fs::write(d.join(format!("pair{n:03}.gt.txt")), &gt).unwrap();
            std::fs::write(d.join(format!("pair{n:03}.eng.txt")), e.repeat(6)).unwrap();
        }
        dirs.push(d);
    }
    let (one, n_one, _) = train::train_channel(&dirs[..1]).expect("channel");
    let (both, n_both, held) = train::train_channel(&dirs).expect("channel");
    assert!(n_both > n_one && held.is_empty(), "{n_one} {n_both}");
    assert_ne!(one, both, "the second folder taught the channel nothing");
    assert_eq!(both, train::train_channel(&dirs).unwrap().0);
    assert!(train::train_channel(&[tmp.path().join("none")]).is_err());
}

#[test]
fn gold_files_teach_the_channel_as_ocr_pairs_do() {
    // The same texts as gold files (`NAME.txt` OCR + `NAME.restored.txt` truth, as `vanban
    // review --export-gold` writes them) and as OCR pairs: token-aligned, they give the same
    // word pairs, so the same channel; with the pairs, the gold adds its own.
    let tmp = tempfile::tempdir().unwrap();
    let gt = "Cộng hòa xã hội chủ nghĩa Việt Nam số của đơn vị thành phố\n".repeat(6);
    let eng = "CONG HQI xA hoi CilU nghia Viet Nam S& cua Pon vi TIIANH pho\n".repeat(6);
    let (pairs, gold) = (tmp.path().join("pairs"), tmp.path().join("gold"));
    std::fs::create_dir_all(&pairs).unwrap();
    std::fs::create_dir_all(&gold).unwrap();
    for n in 0..3 {
        std::fs::write(pairs.join(format!("pair{n:03}.gt.txt")), &gt).unwrap();
        std::fs::write(pairs.join(format!("pair{n:03}.eng.txt")), &eng).unwrap();
        std::fs::write(gold.join(format!("doc{n}_abc.restored.txt")), &gt).unwrap();
        std::fs::write(gold.join(format!("doc{n}_abc.txt")), &eng).unwrap();
        std::fs::write(gold.join(format!("doc{n}_abc.entities.json")), "{}").unwrap();
    }
    let got = train::gold_pairs::load(&gold).unwrap();
    assert_eq!((got.documents, got.skipped_lines), (3, 0));
    assert!(got.pairs.contains(&("nghĩa".into(), "nghia".into())));
    assert!(got.pairs.contains(&("đơn".into(), "pon".into())));
    let (from_pairs, n_pairs, _) = train::train_channel(std::slice::from_ref(&pairs)).unwrap();
    let (from_gold, n_gold, held) =
        train::train_channel_from(&[], std::slice::from_ref(&gold)).unwrap();
    assert_eq!((n_gold, held.len()), (got.pairs.len(), 0));
    assert_eq!(n_pairs, n_gold);
    assert_eq!(from_pairs, from_gold);
    // `Pon` read for `đơn` every time: the channel has learned that `p` stands for `đ`.
    assert!(
        from_gold.lines().any(|l| l.starts_with("sub\tđ\tp\t")),
        "{from_gold}"
    );
    let (both, n_both, _) = train::train_channel_from(&[pairs], &[gold]).unwrap();
    assert_eq!(n_both, 2 * n_gold);
    assert_ne!(both, vanban::restore::channel::Channel::default().to_text());
    // A folder without gold files is an error, not an empty training.
    assert!(train::train_channel_from(&[], &[tmp.path().join("pairs")]).is_err());
}
