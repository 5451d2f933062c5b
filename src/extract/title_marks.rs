//! Marks of a title or header body re-read from the text: restoration reads a line in capitals
//! with little context (a scan breaks it into short lines, glues signs into it), the body
//! spells the same words many times in sentences (`HÀ NƠI` in the title, `Hà Nội` eighteen
//! times below; `CHÍNH.PHỤ` in the header, `Chính phủ` in the body).

use crate::charclass::CharClass;

use crate::fxhash::FxHashMap;
use crate::syllable;

/// How often the body must spell a pair of words another way before the title's pair, seen
/// once (in the title itself), takes that spelling.
const MIN_BODY: usize = 3;

/// An upper-case title with each pair of adjacent syllables, and each word of syllables joined
/// by hyphens (`MÊ-HI-CÔ`), that the text spells at least `MIN_BODY` times with other marks,
/// and never elsewhere as in the title, in the text's spelling (in capitals).
#[cfg(test)]
pub(super) fn reread(title: String, text: &str) -> String {
    reread_all(vec![title], text).pop().unwrap_or_default()
}

/// `reread` of several titles (the header's bodies, the title) with one pass over the text.
pub(super) fn reread_all(titles: Vec<String>, text: &str) -> Vec<String> {
    let syl = |w: &str| {
        !w.is_empty()
            && w.chars().all(crate::charclass::is_alpha)
            && syllable::is_valid(&w.to_lowercase())
    };
    // Each upper-case title's words (`None`: left as it is).
    let mut titles: Vec<(String, Option<Vec<String>>)> = titles
        .into_iter()
        .map(|t| {
            let words = super::document::is_upper_line(&t)
                .then(|| t.split_whitespace().map(str::to_string).collect());
            (t, words)
        })
        .collect();
    // The titles' pairs, and their hyphened words, folded, with their spellings in the text;
    // a title with none is left as it is.
    let mut wanted: FxHashMap<String, FxHashMap<String, usize>> = FxHashMap::default();
    for (_, slot) in titles.iter_mut() {
        let Some(words) = slot.as_ref() else {
            continue;
        };
        let mut any = false;
        for k in 0..words.len() {
            if let Some(core) = hyphened(&words[k]) {
                wanted.entry(syllable::fold(core)).or_default();
                any = true;
            }
            if k > 0 && syl(&words[k - 1]) && syl(&words[k]) {
                let pair = format!("{} {}", words[k - 1], words[k]).to_lowercase();
                wanted.entry(syllable::fold(&pair)).or_default();
                any = true;
            }
        }
        if !any {
            *slot = None;
        }
    }
    if wanted.is_empty() {
        return titles.into_iter().map(|t| t.0).collect();
    }
    count_spellings(&mut wanted, text);
    // The text's other spelling of `own` (small letters), if it wins.
    let other = |own: &str| -> Option<String> {
        let spellings = wanted.get(&syllable::fold(own))?;
        let seen = spellings.get(own).copied().unwrap_or(0);
        let (s, &n) = spellings
            .iter()
            .filter(|(s, _)| s.as_str() != own)
            .max_by_key(|(s, n)| (**n, std::cmp::Reverse((*s).clone())))?;
        (seen <= 1 && n >= MIN_BODY).then(|| s.to_uppercase())
    };
    let mut out = Vec::with_capacity(titles.len());
    for (title, words) in titles.iter_mut() {
        let Some(words) = words else {
            out.push(std::mem::take(title));
            continue;
        };
        for k in 0..words.len() {
            if let Some(core) = hyphened(&words[k]) {
                if let Some(s) = other(&core.to_lowercase()) {
                    words[k] = words[k].replacen(core, &s, 1);
                }
                continue;
            }
            if k == 0 || !(syl(&words[k - 1]) && syl(&words[k])) {
                continue;
            }
            let own = format!("{} {}", words[k - 1], words[k]).to_lowercase();
            if let Some(s) = other(&own) {
                let mut parts = s.split(' ');
                if let (Some(a), Some(b)) = (parts.next(), parts.next()) {
                    words[k - 1] = a.to_string();
                    words[k] = b.to_string();
                }
            }
        }
        out.push(words.join(" "));
    }
    out
}

/// Counts into `wanted` the text's spellings (small letters) of each folded key: hyphened
/// words and pairs of adjacent words.
fn count_spellings(wanted: &mut FxHashMap<String, FxHashMap<String, usize>>, text: &str) {
    let text_words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alpha()))
        .collect();
    let (mut joined, mut key) = (String::new(), String::new());
    for w in text_words.iter().filter(|w| w.contains('-')) {
        syllable::fold_into(w, &mut key);
        if let Some(spellings) = wanted.get_mut(key.as_str()) {
            *spellings.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    // A pair's key starts with its first word's: a word no wanted pair starts with is passed
    // over with one fold, most of the text's words.
    let firsts: crate::fxhash::FxHashSet<String> = wanted
        .keys()
        .filter_map(|k| k.split_once(' ').map(|(a, _)| a.to_string()))
        .collect();
    let mut first = String::new();
    for pair in text_words.windows(2) {
        if pair[0].is_empty() || pair[1].is_empty() {
            continue;
        }
        syllable::fold_into(pair[0], &mut first);
        if !firsts.contains(first.as_str()) {
            continue;
        }
        joined.clear();
        joined.push_str(pair[0]);
        joined.push(' ');
        joined.push_str(pair[1]);
        syllable::fold_into(&joined, &mut key);
        if let Some(spellings) = wanted.get_mut(key.as_str()) {
            *spellings.entry(joined.to_lowercase()).or_default() += 1;
        }
    }
}

/// A word of syllables joined by hyphens (`MÊ-HI-CÔ`), without the signs around it.
fn hyphened(w: &str) -> Option<&str> {
    let core = w.trim_matches(|c: char| !c.is_alpha());
    let syl = |p: &str| {
        !p.is_empty()
            && p.chars().all(crate::charclass::is_alpha)
            && syllable::is_valid(&p.to_lowercase())
    };
    (core.contains('-') && core.split('-').all(syl)).then_some(core)
}

#[cfg(test)]
mod tests {
    use super::reread;

    #[test]
    fn title_pairs_take_the_body_s_marks() {
        let body = "QUYẾT ĐỊNH VỀ TRƯỜNG HÀ NƠI\nTrường ở Hà Nội. Sở Hà Nội, thành phố Hà Nội.\n";
        assert_eq!(reread("VỀ TRƯỜNG HÀ NƠI".into(), body), "VỀ TRƯỜNG HÀ NỘI");
        // Spelt so elsewhere too, or too seldom the other way: as read.
        let body = "VỀ TRƯỜNG HÀ NƠI\nHà Nơi, Hà Nội, Hà Nội, Hà Nội.\n";
        assert_eq!(reread("VỀ TRƯỜNG HÀ NƠI".into(), body), "VỀ TRƯỜNG HÀ NƠI");
        // A name spelt with hyphens, the same way.
        let body = "XUẤT KHẨU SANG ME-HI-CO\nsang Mê-hi-cô, từ Mê-hi-cô, của Mê-hi-cô.\n";
        assert_eq!(
            reread("XUẤT KHẨU SANG ME-HI-CO,".into(), body),
            "XUẤT KHẨU SANG MÊ-HI-CÔ,"
        );
        let body = "VỀ TRƯỜNG HÀ NƠI\nHà Nội.\n";
        assert_eq!(reread("VỀ TRƯỜNG HÀ NƠI".into(), body), "VỀ TRƯỜNG HÀ NƠI");
    }
}
