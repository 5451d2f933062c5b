//! OCR damages a word of a name (`Sở Nông nghiệp và Môi trong`, `Bộ Chính tj`) or parts it with
//! a speck (`Bộ Nông nghiệp và⏎, Môi trường`, `UBND tỉnh Phú.Thọ`), and the name is found cut or
//! misspelt. Where the document names the same body whole elsewhere, or the name is a listed
//! one, a name whose words and the words after it spell that name with small slips is read as it;
//! a name left with a word no syllable is (`Bộ Chính tj`) is junk, no name.

use crate::charclass::CharClass;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::syllable;

/// Words after a name that a reading may take; specks skipped count too (bounded, so a long
/// line costs the same per name).
const MORE: usize = 6;

/// How many names a document lends for the same first two words (bounded work per name).
const PER_KEY: usize = 8;

/// A reference name: its words as written and folded.
struct Reference {
    written: Vec<String>,
    folded: Vec<String>,
}

/// A word's folded letters without the signs around it (`hóa,` → `hoa`).
fn letters(w: &str) -> String {
    syllable::fold(w.trim_matches(|c: char| !c.is_alnum()))
}

impl Reference {
    fn new(name: &str) -> Option<Reference> {
        let written: Vec<String> = name.split_whitespace().map(String::from).collect();
        let folded: Vec<String> = written.iter().map(|w| letters(w)).collect();
        (written.len() >= 3).then_some(Reference { written, folded })
    }

    fn key(&self) -> (String, String) {
        (self.folded[0].clone(), self.folded[1].clone())
    }
}

/// The listed names of `dictionaries/organizations.txt` of three words or more, by their
/// first two words, and as written.
struct Listed {
    by_key: HashMap<(String, String), Vec<Reference>>,
    names: HashSet<String>,
}

fn listed() -> &'static Listed {
    static L: OnceLock<Listed> = OnceLock::new();
    L.get_or_init(|| {
        let mut l = Listed {
            by_key: HashMap::new(),
            names: HashSet::new(),
        };
        let refs = include_str!("../../../dictionaries/organizations.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(Reference::new);
        for r in refs {
            l.names.insert(r.written.join(" "));
            l.by_key.entry(r.key()).or_default().push(r);
        }
        l
    })
}

/// A word after the name: folded letters, where it ends in the text, and whether a speck
/// stood before or inside it (`.Thọ`, `Văn'hóa`).
struct After {
    folded: String,
    end: usize,
    speck: bool,
}

/// The words after byte `e` (at most `MORE` tokens), or `None` at a sign that ends the name
/// (`;`, `:`, `(`) before them.
fn words_after(text: &str, e: usize) -> Vec<After> {
    let base = text.as_ptr() as usize;
    let mut out = Vec::new();
    for tok in text[e..].split_whitespace().take(MORE) {
        let end = tok.as_ptr() as usize - base + tok.len();
        let core = tok.trim_matches(|c: char| !c.is_alnum());
        if core.is_empty() {
            // A speck alone (`,` opening a wrapped line): skipped, unless it ends a clause.
            if tok.contains([';', ':', '(', ')']) {
                break;
            }
            out.push(After {
                folded: String::new(),
                end,
                speck: true,
            });
            continue;
        }
        let lead = tok.len() - tok.trim_start_matches(|c: char| !c.is_alnum()).len();
        let parts: Vec<&str> = core
            .split(['.', '\'', '‘', '’', '`'])
            .filter(|p| !p.is_empty())
            .collect();
        let inner = parts.len() > 1;
        for p in parts {
            out.push(After {
                folded: syllable::fold(p),
                end,
                speck: lead > 0 || inner,
            });
        }
        // A sign after the word ends the name there.
        if tok.len() > lead + core.len() {
            break;
        }
    }
    out
}

/// Whether `a` (as read) is `b` with a small slip: the same first letter and one letter
/// changed, added or dropped (two in a word of five letters or more).
fn slip(a: &str, b: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.is_empty() || y.is_empty() || x[0] != y[0] || x.len() > 12 || y.len() > 12 {
        return false;
    }
    let allowed = if y.len() >= 5 { 2 } else { 1 };
    let mut prev: Vec<usize> = (0..=y.len()).collect();
    for (i, &cx) in x.iter().enumerate() {
        let mut cur = vec![i + 1; y.len() + 1];
        for (j, &cy) in y.iter().enumerate() {
            let sub = prev[j] + usize::from(cx != cy);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[y.len()] <= allowed
}

/// The reading of the name `value` (ending at byte `e`) as `r`: the new end and value, when
/// the name's words and those after it spell `r` past a shared start of two words or more,
/// with a slip or a speck on the way.
fn read_as(
    value: &[String],
    after: &[After],
    e: usize,
    r: &Reference,
    sounder: bool,
) -> Option<(usize, String)> {
    let n = r.folded.len();
    if value.len() > n {
        return None;
    }
    let mut seq: Vec<(&str, Option<usize>, bool)> =
        value.iter().map(|w| (w.as_str(), None, false)).collect();
    let mut end = e;
    let mut specks = false;
    for a in after {
        if seq.len() >= n {
            break;
        }
        if a.folded.is_empty() {
            specks = true;
            continue;
        }
        seq.push((a.folded.as_str(), Some(a.end), a.speck));
    }
    if seq.len() < n {
        return None;
    }
    let shared = seq
        .iter()
        .zip(&r.folded)
        .take_while(|(s, f)| s.0 == f.as_str())
        .count();
    // The name's words spell the reference already: nothing to read.
    if shared < 2 || shared >= n && n <= value.len() {
        return None;
    }
    let mut damaged = specks;
    for (k, (s, f)) in seq[shared..n].iter().zip(&r.folded[shared..]).enumerate() {
        if s.0 != f.as_str() {
            // A slip inside the name as found is mended only from a sounder spelling.
            if !slip(s.0, f) || (shared + k < value.len() && !sounder) {
                return None;
            }
            damaged = true;
        }
    }
    // The words taken after the name: where the reading ends, and a speck among them.
    for s in &seq[value.len()..n] {
        damaged |= s.2;
        if let Some(x) = s.1 {
            end = end.max(x);
        }
    }
    let reading = r.written.join(" ");
    damaged.then_some((end, reading))
}

/// The names found, each read as the document's whole spelling of it or a listed name where
/// OCR damaged or parted it (`text` is the text the ranges are in).
pub(super) fn reread(
    text: &str,
    names: Vec<(usize, usize, String)>,
) -> Vec<(usize, usize, String)> {
    let mut refs: HashMap<(String, String), Vec<Reference>> = HashMap::new();
    // How often the document writes each name: the commoner spelling is the sounder one.
    let mut count: HashMap<String, usize> = HashMap::new();
    for n in &names {
        *count.entry(n.2.clone()).or_default() += 1;
    }
    for r in names.iter().filter_map(|n| Reference::new(&n.2)) {
        let slot = refs.entry(r.key()).or_default();
        if slot.len() < PER_KEY && !slot.iter().any(|x| x.written == r.written) {
            slot.push(r);
        }
    }
    let count_of = |v: &str| count.get(v).copied().unwrap_or(0);
    names
        .into_iter()
        .map(|(s, e, v)| {
            let words: Vec<String> = v.split_whitespace().map(letters).collect();
            // A listed name is read as listed.
            let is_listed = listed().names.contains(&v);
            if words.len() < 2 || e > text.len() || is_listed {
                return (s, e, v);
            }
            let key = (words[0].clone(), words[1].clone());
            let mine = count_of(&v);
            let own = refs
                .get(&key)
                .into_iter()
                .flatten()
                .map(|r| (r, count_of(&r.written.join(" ")) > mine));
            let candidates = own.chain(
                listed()
                    .by_key
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .map(|r| (r, true)),
            );
            let after = words_after(text, e);
            let best = candidates
                .filter_map(|(r, sounder)| {
                    read_as(&words, &after, e, r, sounder).map(|x| (r.folded.len(), x))
                })
                .filter(|(_, (end, reading))| *end > e || *reading != v)
                .max_by_key(|(n, _)| *n);
            match best {
                Some((_, (end, reading))) => (s, end, reading),
                None => (s, e, v),
            }
        })
        .filter(|n| !junk_left(&n.2))
        .collect()
}

/// Whether a name still holds, after the reading above, a small-letter word that no
/// Vietnamese syllable is (`Bộ Chính tj`, `Sở Xây dig`, `Văn phòng Ban Chỉ es …`): OCR's junk
/// inside it, no name as printed. A company's name may hold foreign words (`… Our game`).
fn junk_left(name: &str) -> bool {
    const COMPANIES: [&str; 6] = ["Công ty", "Công Ty", "Cty", "CTy", "Tập đoàn", "Tổng"];
    !COMPANIES.iter().any(|c| name.starts_with(c))
        && name.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alnum());
            !w.is_empty() && w.chars().all(crate::charclass::is_lower) && !syllable::is_valid(w)
        })
}

#[cfg(test)]
mod tests {
    use super::super::values;

    #[test]
    fn a_damaged_name_read_as_the_document_spells_it() {
        // A slip in the last word, a word cut by a speck, a wrapped name after a stray comma.
        let v = values(
            "Sở Công nghệ và Thông tin chủ trì. Sở Công nghệ và Thông tin báo cáo. Sở Công nghệ \
             và Thông tn phối hợp với UBND tỉnh Lâm Đồng và UBND tỉnh Lâm.Đồng; theo Thông tư \
             của Bộ Nông nghiệp và\n, Môi trường;",
        );
        assert_eq!(
            v,
            vec![
                "Sở Công nghệ và Thông tin",
                "Sở Công nghệ và Thông tin",
                "Sở Công nghệ và Thông tin",
                "UBND tỉnh Lâm Đồng",
                "UBND tỉnh Lâm Đồng",
                "Bộ Nông nghiệp và Môi trường"
            ]
        );
        // A name cut before a speck goes on through the words after it.
        let v =
            values("Giao Sở Công nghệ và Thông tin chủ trì; Sở Công nghệ và Thông-\ntin phối hợp.");
        assert_eq!(v, vec!["Sở Công nghệ và Thông tin"; 2]);
        // A name written whole is not read as a rarer misspelling of it.
        let v = values(
            "Giao Sở Công nghệ và Thông tn; Sở Công nghệ và Thông tin; Sở Công nghệ \
             và Thông tin.",
        );
        assert_eq!(v, vec!["Sở Công nghệ và Thông tin"; 3]);
        // A word no syllable is left in a name: OCR's junk, no name; a company may hold one.
        let v =
            values("Theo ý kiến của Bộ Chính tj, Sở Xây dig và Công ty TNHH Blue game; Sở Y tế.");
        assert_eq!(v, vec!["Công ty TNHH Blue game", "Sở Y tế"]);
        // Another name after a complete one is not taken; a different place stays.
        let v = values("UBND tỉnh Lâm Đồng và UBND tỉnh Lào Cai; Sở Y tế tỉnh Lâm Đồng.");
        assert_eq!(
            v,
            vec![
                "UBND tỉnh Lâm Đồng",
                "UBND tỉnh Lào Cai",
                "Sở Y tế tỉnh Lâm Đồng"
            ]
        );
    }
}
