//! A search request: the query text parsed into terms, and the filters. Words are ANDed; a
//! word or a `"quoted phrase"` is a phrase of its tokens (`QĐ-TTg` is `qd ttg` in a row); a
//! trailing `*` makes the last token a prefix. Tokens match folded (`quyet` finds `quyết`,
//! `d` finds `đ`); a token typed with diacritics must also occur in the document with those
//! diacritics (`quyết` finds `quyết`, not `quyệt`), tone placement aside (`hoá` = `hóa`).

use crate::error::ArchiveError;
use crate::fold;

/// One query term: a phrase of folded tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub tokens: Vec<String>,
    /// The last token is a prefix.
    pub prefix: bool,
    /// Per token, its accented form (see [`fold::marked`]) when typed with diacritics: the
    /// document must also contain it.
    pub marks: Vec<Option<String>>,
}

/// Parses query text into terms; an error when it has no word.
pub fn parse(q: &str) -> Result<Vec<Term>, ArchiveError> {
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = q.nfc().collect();
    let q = nfc.as_str();
    let mut terms = Vec::new();
    let mut rest = q;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let (chunk, next) = if let Some(r) = rest.strip_prefix('"') {
            match r.find('"') {
                Some(i) => (&r[..i], &r[i + 1..]),
                None => (r, ""),
            }
        } else {
            match rest.find(char::is_whitespace) {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            }
        };
        rest = next;
        let prefix = chunk.trim_end().ends_with('*') || next.starts_with('*');
        if let Some(r) = next.strip_prefix('*') {
            rest = r;
        }
        let mut t = Term {
            tokens: Vec::new(),
            prefix,
            marks: Vec::new(),
        };
        for (_, tok) in fold::tokens(chunk) {
            t.tokens.push(fold::fold(tok));
            t.marks.push(fold::marked(tok));
        }
        if !t.tokens.is_empty() {
            terms.push(t);
        }
    }
    if terms.is_empty() && !q.trim().is_empty() {
        return Err(ArchiveError::Usage(format!(
            "the query {q:?} has no word to search for"
        )));
    }
    Ok(terms)
}

/// The FTS5 MATCH expression of the terms (SQLite): every term in the title or the body (the
/// accented forms are checked apart, against the `marks` table).
pub fn fts5_match(terms: &[Term]) -> String {
    let mut parts = Vec::new();
    for t in terms {
        let star = if t.prefix { " *" } else { "" };
        parts.push(format!("{{title body}} : \"{}\"{star}", t.tokens.join(" ")));
    }
    parts.join(" AND ")
}

/// The tsquery text of the terms (PostgreSQL, `simple` configuration); the accented forms go
/// in an array compared separately.
pub fn tsquery(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| {
            let mut toks: Vec<String> = t.tokens.clone();
            if t.prefix {
                if let Some(last) = toks.last_mut() {
                    last.push_str(":*");
                }
            }
            format!("({})", toks.join(" <-> "))
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// A search: terms and filters.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub terms: Vec<Term>,
    /// Folded type (`quyet dinh`, `cong van`).
    pub doc_type: Option<String>,
    /// Folded text the authority or parent authority contains.
    pub authority: Option<String>,
    /// Dates, inclusive, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Number keys ([`fold::number_key`]).
    pub number: Option<String>,
    pub cites: Option<String>,
    pub limit: usize,
}

/// A `--from`/`--to` date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the first (`end` false) or
/// last day it covers.
pub fn parse_date(s: &str, end: bool) -> Result<String, ArchiveError> {
    let bad = || ArchiveError::Usage(format!("bad date {s:?}: use YYYY, YYYY-MM or YYYY-MM-DD"));
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| -> Result<u32, ArchiveError> {
        if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let y = num(parts[0], 4)?;
    let m = match parts.get(1) {
        Some(p) => num(p, 2)?,
        None => {
            if end {
                12
            } else {
                1
            }
        }
    };
    if !(1..=12).contains(&m) || parts.len() > 3 {
        return Err(bad());
    }
    let last = crate::facets::days(y, m);
    let d = match parts.get(2) {
        Some(p) => num(p, 2)?,
        None => {
            if end {
                last
            } else {
                1
            }
        }
    };
    if d < 1 || d > last {
        return Err(bad());
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_phrases_prefixes_and_accents() {
        let t = parse("quyết dinh \"chuyen doi so\" QĐ-TTg hoa*").unwrap();
        assert_eq!(t.len(), 5);
        assert_eq!(t[0].tokens, ["quyet"]);
        assert_eq!(t[0].marks, [Some("quyết".to_string())]);
        assert_eq!(t[1].marks, [None]);
        assert_eq!(t[2].tokens, ["chuyen", "doi", "so"]);
        assert_eq!(t[3].tokens, ["qd", "ttg"]);
        assert_eq!(t[3].marks, [Some("qđ".to_string()), None]);
        assert!(t[4].prefix);
        assert_eq!(
            fts5_match(&t[..2]),
            "{title body} : \"quyet\" AND {title body} : \"dinh\""
        );
        assert_eq!(
            tsquery(&t[2..]),
            "(chuyen <-> doi <-> so) & (qd <-> ttg) & (hoa:*)"
        );
        assert!(parse("  -- ").is_err());
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn dates_cover_years_and_months() {
        assert_eq!(parse_date("2024", false).unwrap(), "2024-01-01");
        assert_eq!(parse_date("2024", true).unwrap(), "2024-12-31");
        assert_eq!(parse_date("2024-02", true).unwrap(), "2024-02-29");
        assert_eq!(parse_date("2025-06-14", true).unwrap(), "2025-06-14");
        for bad in ["24", "2024-13", "2024-02-30", "2024/01/01", "x"] {
            assert!(parse_date(bad, false).is_err(), "{bad}");
        }
    }
}
