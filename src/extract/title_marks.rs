//! Marks of a title or header body re-read from the text: restoration reads a line in capitals
//! with little context (a scan breaks it into short lines, glues signs into it), the body
//! spells the same words many times in sentences (`HÀ NƠI` in the title, `Hà Nội` eighteen
//! times below; `CHÍNH.PHỤ` in the header, `Chính phủ` in the body).

use crate::fxhash::FxHashMap;
use crate::syllable;

/// How often the body must spell a pair of words another way before the title's pair, seen
/// once (in the title itself), takes that spelling.
const MIN_BODY: usize = 3;

/// An upper-case title with each pair of adjacent syllables that the text spells at least
/// `MIN_BODY` times with other marks, and never elsewhere as in the title, in the text's
/// spelling (in capitals).
pub(super) fn reread(title: String, text: &str) -> String {
    if !super::document::is_upper_line(&title) {
        return title;
    }
    let mut words: Vec<String> = title.split_whitespace().map(str::to_string).collect();
    let syl = |w: &str| {
        !w.is_empty() && w.chars().all(char::is_alphabetic) && syllable::is_valid(&w.to_lowercase())
    };
    // The title's pairs, folded, with their spelling in small letters.
    let mut wanted: FxHashMap<String, FxHashMap<String, usize>> = FxHashMap::default();
    for k in 1..words.len() {
        if syl(&words[k - 1]) && syl(&words[k]) {
            let pair = format!("{} {}", words[k - 1], words[k]).to_lowercase();
            wanted.entry(syllable::fold(&pair)).or_default();
        }
    }
    if wanted.is_empty() {
        return title;
    }
    let text_words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .collect();
    let (mut joined, mut key) = (String::new(), String::new());
    for pair in text_words.windows(2) {
        if pair[0].is_empty() || pair[1].is_empty() {
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
    for k in 1..words.len() {
        if !(syl(&words[k - 1]) && syl(&words[k])) {
            continue;
        }
        let own = format!("{} {}", words[k - 1], words[k]).to_lowercase();
        let Some(spellings) = wanted.get(&syllable::fold(&own)) else {
            continue;
        };
        let seen = spellings.get(&own).copied().unwrap_or(0);
        let best = spellings
            .iter()
            .filter(|(s, _)| **s != own)
            .max_by_key(|(s, n)| (**n, std::cmp::Reverse((*s).clone())));
        if let Some((s, &n)) = best {
            if seen <= 1 && n >= MIN_BODY {
                let mut parts = s.split(' ');
                if let (Some(a), Some(b)) = (parts.next(), parts.next()) {
                    words[k - 1] = a.to_uppercase();
                    words[k] = b.to_uppercase();
                }
            }
        }
    }
    words.join(" ")
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
        let body = "VỀ TRƯỜNG HÀ NƠI\nHà Nội.\n";
        assert_eq!(reread("VỀ TRƯỜNG HÀ NƠI".into(), body), "VỀ TRƯỜNG HÀ NƠI");
    }
}
