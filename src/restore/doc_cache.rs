//! Document-level consistency, a cache model after Kuhn & De Mori: the readings a document
//! makes with high confidence, by folded letters, are favoured where the same letters stand
//! again and the context decided less clearly. The bonus is bounded (`weight` × the reading's
//! share), so a reading the context clearly rejects still loses, and letters the document
//! reads two ways with confidence get no bonus at all.

use crate::fxhash::FxHashMap;
use crate::normalize;
use crate::syllable;

use super::{lexicon::Lexicon, Restored};

/// Confidence from which a reading counts as the document's own.
const CONFIDENT: f32 = 0.9;
/// Confident occurrences a reading needs before it is favoured.
const MIN_COUNT: u32 = 2;
/// Share of the confident occurrences of the letters the reading needs.
const MIN_SHARE: f32 = 0.75;

/// The favoured reading (syllable id) and its bonus in nats, by folded letters.
#[derive(Debug, Default)]
pub struct DocCache {
    favoured: FxHashMap<Box<str>, (u16, f32)>,
}

impl DocCache {
    /// Collects the first pass's confident readings of `input` (NFC) in `out`; `None` when no
    /// token read with less confidence has letters whose favoured reading differs from its own
    /// (then a second pass would change nothing).
    pub fn build(lex: &Lexicon, input: &str, out: &Restored, weight: f32) -> Option<DocCache> {
        if weight <= 0.0 {
            return None;
        }
        let mut counts: FxHashMap<Box<str>, FxHashMap<u16, u32>> = FxHashMap::default();
        let mut unsure: Vec<(Box<str>, Option<u16>)> = Vec::new();
        let mut k = 0;
        let mut lower = String::new();
        for ((line, _), (oline, _)) in normalize::lines(input).zip(normalize::lines(&out.text)) {
            for (t, o) in normalize::tokens(line).zip(normalize::tokens(oline)) {
                let conf = out.tokens.get(k).map_or(1.0, |x| x.confidence);
                k += 1;
                if !t.chars().all(char::is_alphabetic) || t.chars().count() < 2 {
                    continue;
                }
                lower.clear();
                lower.extend(o.chars().map(syllable::lower_char));
                let id = lex.id(&lower);
                let key: Box<str> = syllable::fold(t).into();
                if conf >= CONFIDENT {
                    if let Some(id) = id {
                        *counts.entry(key).or_default().entry(id).or_default() += 1;
                    }
                } else {
                    unsure.push((key, id));
                }
            }
        }
        let mut favoured = FxHashMap::default();
        for (key, readings) in counts {
            let total: u32 = readings.values().sum();
            let Some((&id, &n)) = readings.iter().max_by_key(|(id, n)| (**n, **id)) else {
                continue;
            };
            let share = n as f32 / total as f32;
            if n >= MIN_COUNT && share >= MIN_SHARE {
                favoured.insert(key, (id, weight * share));
            }
        }
        let needed = unsure
            .iter()
            .any(|(key, id)| favoured.get(key).is_some_and(|(fav, _)| Some(*fav) != *id));
        needed.then_some(DocCache { favoured })
    }

    /// The favoured reading of a word piece's letters, with its bonus.
    pub fn get(&self, piece: &str, folded: &mut String) -> Option<(u16, f32)> {
        syllable::fold_into(piece, folded);
        self.favoured.get(folded.as_str()).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::restore::TokenInfo;

    fn restored(text: &str, conf: &[f32]) -> Restored {
        Restored {
            text: text.to_string(),
            tokens: conf
                .iter()
                .map(|&c| TokenInfo {
                    start: 0,
                    end: 0,
                    changed: true,
                    confidence: c,
                })
                .collect(),
            alternatives: Vec::new(),
        }
    }

    /// A reading the document makes with confidence is favoured for an unsure token of the
    /// same letters; letters read two ways with confidence (a right minority reading) get no
    /// bonus, and nothing is built when no unsure token would change.
    #[test]
    fn favours_only_a_clear_majority() {
        let lex = Lexicon::parse("hàng\t5\nhằng\t5\n", "").unwrap();
        let input = "hang hang hang hang";
        let out = restored("hằng hằng hằng hàng", &[0.95, 0.95, 0.95, 0.5]);
        let c = DocCache::build(&lex, input, &out, 1.0).expect("a second pass is needed");
        let (id, bonus) = c.get("hang", &mut String::new()).unwrap();
        assert_eq!(lex.text(id), "hằng");
        assert!(bonus > 0.0 && bonus <= 1.0);
        // Two confident readings each: no favoured reading, no second pass.
        let out = restored("hằng hằng hàng hàng hàng", &[0.95, 0.95, 0.95, 0.95, 0.5]);
        assert!(DocCache::build(&lex, "hang hang hang hang hang", &out, 1.0).is_none());
        // The unsure token already has the favoured reading: nothing to do.
        let out = restored("hằng hằng hằng hằng", &[0.95, 0.95, 0.95, 0.5]);
        assert!(DocCache::build(&lex, input, &out, 1.0).is_none());
        // Weight 0 turns it off.
        let out = restored("hằng hằng hằng hàng", &[0.95, 0.95, 0.95, 0.5]);
        assert!(DocCache::build(&lex, input, &out, 0.0).is_none());
    }
}
