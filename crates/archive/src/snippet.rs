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
    // Every token folded into one buffer, with its place in the text, in one pass.
    let mut folded = String::new();
    let mut spans = Vec::new();
    fold::folded_spans(text, &mut folded, &mut spans);
    let tok = |i: usize| &text[spans[i][0] as usize..spans[i][1] as usize];
    let ftok = |i: usize| &folded[spans[i][2] as usize..spans[i][3] as usize];
    // For each token, the term (index) it matches the first token of, and the phrase length.
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    for i in 0..spans.len() {
        let first = ftok(i);
        for (k, t) in terms.iter().enumerate() {
            let n = t.tokens.len();
            // The first token's first byte rules out most tokens before any comparison.
            if i + n > spans.len() || t.tokens[0].as_bytes().first() != first.as_bytes().first() {
                continue;
            }
            let ok = t.tokens.iter().enumerate().all(|(j, q)| {
                let f = ftok(i + j);
                let letters = if t.prefix && j == n - 1 {
                    f.starts_with(q.as_str())
                } else {
                    f == q.as_str()
                };
                // A token typed with diacritics matches only the same accented token.
                letters
                    && match &t.marks[j] {
                        Some(m) => fold::marked(tok(i + j)).as_ref() == Some(m),
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
    let last = (first + WINDOW).min(spans.len());
    let mut marks = vec![false; last];
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
    if first >= last {
        return None;
    }
    let mut pos = spans[first][0] as usize;
    for i in first..last {
        let (at, tok) = (spans[i][0] as usize, tok(i));
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
    if last < spans.len() {
        push_gap(&mut out, &text[pos..spans[last][0] as usize]);
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
