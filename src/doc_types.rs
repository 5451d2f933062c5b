//! The document types of Decree 30/2020/NĐ-CP (Appendix III) and of the Law on Legal
//! Normative Documents, with their codes: one table for restoration (a cited number's code
//! follows its type word) and extraction (types of headings and citations).

use std::sync::OnceLock;

/// `(type in sentence case, its Decree 30 code or "")`, from `dictionaries/doc_types.txt`
/// (sorted, edited by hand, compiled in).
pub fn doc_types() -> &'static [(&'static str, &'static str)] {
    static T: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        include_str!("../dictionaries/doc_types.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (name, code) = l.split_once('\t').unwrap_or((l, ""));
                (name.trim(), code.trim())
            })
            .collect()
    })
}
