//! Tests of the n-gram model: round trips, back-off, the state after a word.
use super::*;

#[test]
fn roundtrip_and_backoff() {
    let uni_prob = vec![-1.0, -2.0, -3.0, -4.0];
    let uni_bow = vec![-0.5, -0.25, 0.0, 0.0];
    let entries = vec![
        Entry {
            ids: vec![0, 1],
            prob: -0.5,
            bow: -0.1,
        },
        // Stored n-grams are suffix-closed, as `vanban train` writes them.
        Entry {
            ids: vec![1, 2],
            prob: -0.7,
            bow: 0.0,
        },
        Entry {
            ids: vec![0, 1, 2],
            prob: -0.2,
            bow: 0.0,
        },
    ];
    let lm = Lm::from_bytes(&write(3, &uni_prob, &uni_bow, &entries)).unwrap();
    assert!((lm.score(&[0, 1], 2) - -0.2).abs() < 0.03);
    assert!((lm.score(&[0], 1) - -0.5).abs() < 0.03);
    assert!((lm.score(&[1], 2) - -0.7).abs() < 0.03);
    // (2,1,2) absent, (1,2) stored: bow(2,1) is 0 (absent context) + p(1,2)
    assert!((lm.score(&[2, 1], 2) - -0.7).abs() < 0.03);
    // (1,3) absent: bow(1) + p(3)
    assert!((lm.score(&[1], 3) - (-0.25 - 4.0)).abs() < 0.03);
    // (0,1,3) absent, (1,3) absent: bow(0,1) + bow(1) + p(3)
    assert!((lm.score(&[0, 1], 3) - (-0.1 - 0.25 - 4.0)).abs() < 0.05);
    for (ctx, w) in [
        (&[0u16, 1][..], 2u16),
        (&[0], 1),
        (&[1], 3),
        (&[0, 1], 3),
        (&[2, 0, 1], 3),
    ] {
        let a = lm.score(ctx, w);
        let b = lm.score_ctx(&lm.context(ctx), w);
        assert!((a - b).abs() < 1e-6, "{ctx:?} {w}: {a} vs {b}");
    }
    assert!(Lm::from_bytes(b"garbage").is_err());
}

/// Scoring word by word through `score_next`'s states gives the same scores as scoring
/// each word in its full history, and the states are the histories' longest stored
/// suffixes, on every sequence over a small vocabulary.
#[test]
fn state_out_matches_full_history() {
    let uni_prob = vec![-1.0, -1.5, -2.0, -2.5];
    let uni_bow = vec![-0.3, -0.2, -0.1, -0.4];
    let e = |ids: &[u16], prob: f32, bow: f32| Entry {
        ids: ids.to_vec(),
        prob,
        bow,
    };
    // Prefix- and suffix-closed, as `vanban train` writes them.
    let entries = vec![
        e(&[0, 1], -0.4, -0.2),
        e(&[1, 2], -0.6, -0.1),
        e(&[2, 0], -0.9, -0.3),
        e(&[1, 0], -0.8, -0.05),
        e(&[0, 1, 2], -0.2, -0.15),
        e(&[1, 2, 0], -0.3, -0.25),
        e(&[0, 1, 2, 0], -0.1, 0.0),
    ];
    let lm = Lm::from_bytes(&write(4, &uni_prob, &uni_bow, &entries)).unwrap();
    for code in 0..4u32.pow(6) {
        let seq: Vec<u16> = (0..6).map(|i| (code / 4u32.pow(i) % 4) as u16).collect();
        let mut st = lm.context(&[]);
        for i in 0..seq.len() {
            let (p, next) = lm.score_next(&st, seq[i]);
            let full = lm.score(&seq[..i], seq[i]);
            assert!((p - full).abs() < 1e-5, "{seq:?} at {i}: {p} vs {full}");
            let want = lm.context(&seq[..=i]);
            assert_eq!(Lm::state_ids(&next), Lm::state_ids(&want), "{seq:?} at {i}");
            assert_eq!(next.bows, want.bows, "{seq:?} at {i}");
            st = next;
        }
    }
}
