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
        let oks: Vec<bool> = words.iter().map(|w| syl(w)).collect();
        for k in 0..words.len() {
            if let Some(core) = hyphened(&words[k]) {
                wanted.entry(syllable::fold(core)).or_default();
                any = true;
            }
            if k > 0 && oks[k - 1] && oks[k] {
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
        // Whether the word before is a syllable, as it stands after its own pair's rewrite.
        let mut prev_ok = false;
        for k in 0..words.len() {
            if let Some(core) = hyphened(&words[k]) {
                if let Some(s) = other(&core.to_lowercase()) {
                    words[k] = words[k].replacen(core, &s, 1);
                }
                prev_ok = syl(&words[k]);
                continue;
            }
            let ok = syl(&words[k]);
            if k == 0 || !(prev_ok && ok) {
                prev_ok = ok;
                continue;
            }
            prev_ok = ok;
            let own = format!("{} {}", words[k - 1], words[k]).to_lowercase();
            if let Some(s) = other(&own) {
                let mut parts = s.split(' ');
                if let (Some(a), Some(b)) = (parts.next(), parts.next()) {
                    words[k - 1] = a.to_string();
                    words[k] = b.to_string();
                    prev_ok = syl(&words[k]);
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
    let (mut key, mut lower) = (String::new(), String::new());
    // A pair's key starts with its first word's: a word no wanted pair starts with is passed
    // over after one look at its first letter (most of the text's words) or one fold.
    let firsts: crate::fxhash::FxHashSet<String> = wanted
        .keys()
        .filter_map(|k| k.split_once(' ').map(|(a, _)| a.to_string()))
        .collect();
    let mut initials = [false; 128];
    let mut other_initial = false;
    for f in &firsts {
        match f.chars().next() {
            Some(c) if c.is_ascii() => initials[c as usize] = true,
            _ => other_initial = true,
        }
    }
    let may_start = |w: &str| match w.chars().next().map(syllable::fold_lower) {
        Some(c) if c.is_ascii() => initials[c as usize],
        _ => other_initial,
    };
    // The previous word, and its fold when it may start a wanted pair.
    let (mut prev, mut prev_fold, mut fold) = ("", String::new(), String::new());
    let mut prev_starts = false;
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alpha());
        if w.contains('-') {
            syllable::fold_into(w, &mut key);
            if let Some(spellings) = wanted.get_mut(key.as_str()) {
                *spellings.entry(w.to_lowercase()).or_default() += 1;
            }
        }
        if prev_starts && !w.is_empty() {
            // The pair's key: the first word's fold, a space, the second's.
            key.clear();
            key.push_str(&prev_fold);
            key.push(' ');
            key.extend(w.chars().map(syllable::fold_lower));
            if let Some(spellings) = wanted.get_mut(key.as_str()) {
                // The pair in small letters (a matched pair is Vietnamese letters only: the
                // table's lower case is `to_lowercase`), allocated only when first met.
                lower.clear();
                lower.extend(prev.chars().map(syllable::lower_char));
                lower.push(' ');
                lower.extend(w.chars().map(syllable::lower_char));
                match spellings.get_mut(lower.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        spellings.insert(lower.clone(), 1);
                    }
                }
            }
        }
        prev_starts = false;
        if !w.is_empty() && may_start(w) {
            syllable::fold_into(w, &mut fold);
            if firsts.contains(fold.as_str()) {
                std::mem::swap(&mut fold, &mut prev_fold);
                prev_starts = true;
            }
        }
        prev = w;
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
