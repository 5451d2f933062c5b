//! Snippets in the accented text: the window of the restored text where most query terms
//! occur, matched tokens in `[brackets]`. Computed on the few hits shown, from the stored
//! text, so the index needs no second copy of it.

use crate::fold;
use crate::query::Term;

/// Tokens a snippet shows.
const WINDOW: usize = 24;

/// A one-line snippet of `text` around the query terms (`None` without terms or text).
pub fn snippet(text: &str, terms: &[Term]) -> Option<String> {
    if terms.is_empty() || text.is_empty() {
        return None;
    }
    let toks: Vec<(usize, &str)> = fold::tokens(text).collect();
    // Every token folded into one buffer (one allocation, not one per token).
    let folded_all = fold::folded_tokens(text);
    let folded: Vec<&str> = folded_all.split(' ').collect();
    if folded.len() != toks.len() {
        return None;
    }
    // For each token, the term (index) it matches the first token of, and the phrase length.
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    for i in 0..folded.len() {
        for (k, t) in terms.iter().enumerate() {
            let n = t.tokens.len();
            if i + n > folded.len() {
                continue;
            }
            let ok = t.tokens.iter().enumerate().all(|(j, q)| {
                let f = folded[i + j];
                let letters = if t.prefix && j == n - 1 {
                    f.starts_with(q.as_str())
                } else {
                    f == q.as_str()
                };
                // A token typed with diacritics matches only the same accented token.
                letters
                    && match &t.marks[j] {
                        Some(m) => fold::marked(toks[i + j].1).as_ref() == Some(m),
                        None => true,
                    }
            });
            if ok {
                hits.push((i, k, n));
            }
        }
    }
    // The window (starting at a hit) that covers the most distinct terms; the first on ties.
    let mut best = (0usize, 0usize);
    for (a, &(start, _, _)) in hits.iter().enumerate() {
        let mut seen = vec![false; terms.len()];
        for &(i, k, _) in &hits[a..] {
            if i >= start + WINDOW {
                break;
            }
            seen[k] = true;
        }
        let n = seen.iter().filter(|&&s| s).count();
        if n > best.1 {
            best = (start, n);
        }
    }
    let first = best.0.saturating_sub(4);
    let last = (first + WINDOW).min(toks.len());
    let mut marks = vec![false; toks.len()];
    for &(i, _, n) in &hits {
        if i >= first && i < last {
            for m in marks.iter_mut().skip(i).take(n) {
                *m = true;
            }
        }
    }
    let mut out = String::new();
    if first > 0 {
        out.push('…');
    }
    let mut pos = toks[first].0;
    for (i, &(at, tok)) in toks.iter().enumerate().take(last).skip(first) {
        // The text between tokens, whitespace collapsed to one space.
        let gap = &text[pos..at];
        if i > first {
            push_gap(&mut out, gap);
        }
        if marks[i] {
            out.push('[');
            out.push_str(tok);
            out.push(']');
        } else {
            out.push_str(tok);
        }
        pos = at + tok.len();
    }
    if last < toks.len() {
        push_gap(&mut out, &text[pos..toks[last].0]);
        out.push('…');
    }
    Some(out)
}

fn push_gap(out: &mut String, gap: &str) {
    let mut space = false;
    for c in gap.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    #[test]
    fn shows_accented_text_with_marks() {
        let text = "Căn cứ Quyết định số 15/2025/QĐ-TTg\nngày 14 tháng 6 năm 2025 của Thủ tướng";
        let s = snippet(text, &parse("quyet dinh thu tuong").unwrap()).unwrap();
        assert_eq!(
            s,
            "Căn cứ [Quyết] [định] số 15/2025/QĐ-TTg ngày 14 tháng 6 năm 2025 của [Thủ] [tướng]"
        );
        let s = snippet(text, &parse("QD-TTg").unwrap()).unwrap();
        assert!(s.contains("[QĐ]-[TTg]"), "{s}");
        assert_eq!(snippet(text, &[]), None);
        let s = snippet("đối với việc chuyển đổi", &parse("đổi").unwrap()).unwrap();
        assert_eq!(s, "đối với việc chuyển [đổi]");
    }
}
