//! English OCR misreads the letters of a body's short code (`HBND` for `HĐND`, `TIDT` for
//! `TTĐT`, `VPGP` for `VPCP`, `DBBQH` for `ĐBQH`): an upper-case code that no document uses is
//! read as the one code in common use that its letters are one OCR confusion away from (`I`
//! or `F` for `T`, `B` for `Đ`, `G` for `C`, `Đ` read `DB`; `D` and `Đ` alike).

use crate::charclass::CharClass;

use std::collections::HashMap;
use std::sync::OnceLock;

/// How often a code must occur in the corpus (`codes.txt`) to be the reading of a damaged one.
const COMMON: u32 = 10;

/// Letters OCR reads for another in a code: (read, meant).
const CONFUSED: [(char, char); 4] = [('I', 'T'), ('F', 'T'), ('B', 'D'), ('G', 'C')];

/// The codes of `codes.txt` and `abbreviations.txt`: each code's `D`-folded letters (`HDND`)
/// with its written form and count; `None` where two common codes share the folded letters.
struct Codes {
    known: HashMap<String, u32>,
    common: HashMap<String, Option<(String, u32)>>,
}

fn codes() -> &'static Codes {
    static C: OnceLock<Codes> = OnceLock::new();
    C.get_or_init(|| {
        let mut known: HashMap<String, u32> = HashMap::new();
        let counted = include_str!("../../dictionaries/codes.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (code, n) = l.split_once('\t')?;
                Some((code.trim(), n.trim().parse::<u32>().ok()?))
            });
        // Hand-listed abbreviations count as common.
        let listed = include_str!("../../dictionaries/abbreviations.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| (l, COMMON));
        for (code, n) in counted.chain(listed) {
            let e = known.entry(code.to_string()).or_insert(0);
            *e = (*e).max(n);
        }
        let mut common: HashMap<String, Option<(String, u32)>> = HashMap::new();
        for (code, &n) in &known {
            if n < COMMON || !upper_code(code) {
                continue;
            }
            let key = d_folded(code);
            match common.get_mut(&key) {
                Some(slot) => {
                    // The same letters with and without `Đ` (`HDND`, `HĐND`): the commoner.
                    if let Some((c, m)) = slot.as_ref() {
                        let keep = (*m > n * 4).then(|| (c.clone(), *m));
                        let take = (n > *m * 4).then(|| (code.clone(), n));
                        *slot = keep.or(take);
                    }
                }
                None => {
                    common.insert(key, Some((code.clone(), n)));
                }
            }
        }
        Codes { known, common }
    })
}

/// Whether `w` is a code's letters: 3 to 7 capitals (`Đ` among them).
fn upper_code(w: &str) -> bool {
    let n = w.chars().count();
    (3..=7).contains(&n) && w.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
}

/// `Đ` written `D`: OCR reads either for the other.
fn d_folded(w: &str) -> String {
    w.chars().map(|c| if c == 'Đ' { 'D' } else { c }).collect()
}

/// The common code that the damaged code `w` stands for, if exactly one does; `None` for a
/// code in use (or any other word).
pub(crate) fn repaired(w: &str) -> Option<&'static str> {
    if !upper_code(w) {
        return None;
    }
    let c = codes();
    if c.known.contains_key(w) || c.known.contains_key(&d_folded(w)) {
        return None;
    }
    let key = d_folded(w);
    // The code itself with `D` for `Đ` is read by restoration already.
    if c.common.contains_key(&key) {
        return None;
    }
    let letters: Vec<char> = key.chars().collect();
    let mut found: Option<&'static str> = None;
    let mut seen = 0;
    let mut consider = |cand: String| {
        if let Some(Some((code, _))) = c.common.get(&cand) {
            if found != Some(code.as_str()) {
                seen += 1;
                found = Some(code.as_str());
            }
        }
    };
    for (k, &l) in letters.iter().enumerate() {
        for &(read, meant) in &CONFUSED {
            if l == read {
                let mut v = letters.clone();
                v[k] = meant;
                consider(v.into_iter().collect());
            }
        }
        // `Đ` read as two letters, its bar as a `B` (`DBBQH`).
        if k > 0 && letters[k - 1] == 'D' && l == 'B' {
            let mut v = letters.clone();
            v.remove(k);
            consider(v.into_iter().collect());
        }
    }
    if seen == 1 {
        found
    } else {
        None
    }
}

/// Whether a word of these letters may hold a code: three capitals at least (`HĐND`), so
/// most words are passed over before anything is built.
pub(crate) fn may_hold_code(letters: impl Iterator<Item = char>) -> bool {
    letters
        .filter(|&c| c.is_ascii_uppercase() || c == 'Đ')
        .count()
        >= 3
}

/// `w` with each damaged code among its parts (`DBBQH&HDND`, `TT.HBND`) read as its code;
/// `None` when none is.
pub(crate) fn repaired_word(w: &str) -> Option<String> {
    // Most words hold no code: nothing to look up.
    if !may_hold_code(w.chars()) {
        return None;
    }
    let mut out = String::with_capacity(w.len() + 2);
    let mut changed = false;
    for part in w.split_inclusive(|c: char| !(c.is_alnum())) {
        let core = part.trim_end_matches(|c: char| !c.is_alnum());
        match repaired(core) {
            Some(code) => {
                out.push_str(code);
                out.push_str(&part[core.len()..]);
                changed = true;
            }
            None => out.push_str(part),
        }
    }
    changed.then_some(out)
}

/// Words restoration reads wrongly before a code, where its model sees no word to go on
/// (`Bản NVT`, `phường cửa TP`): before a code in capitals a board is `Ban` and a body's
/// owner `của` (a copy, `bản`, or a gate, `cửa`, names no unit there).
pub(crate) fn before_code(words: &mut [String]) {
    for k in 0..words.len().saturating_sub(1) {
        let next = words[k + 1].trim_end_matches([';', ',', '.', ':']);
        let code =
            next.chars().count() >= 2 && next.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ');
        if !code {
            continue;
        }
        let fixed = match words[k].as_str() {
            "Bản" => "Ban",
            "cửa" => "của",
            _ => continue,
        };
        words[k] = fixed.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_codes_read_as_common_ones() {
        assert_eq!(repaired("HBND"), Some("HĐND"));
        assert_eq!(repaired("VPGP"), Some("VPCP"));
        assert_eq!(repaired("TIDT"), Some("TTĐT"));
        assert_eq!(repaired("DBBQH"), Some("ĐBQH"));
        // `F` read for `T` (`Cổng TFĐT`, `Cục KSTFHC`).
        assert_eq!(repaired("TFDT"), Some("TTĐT"));
        assert_eq!(repaired("KSTFHC"), Some("KSTTHC"));
        // Hand-listed codes count as common (`TTTU`: Thường trực Tỉnh ủy).
        assert_eq!(repaired("TITU"), Some("TTTU"));
        // Codes in use, words and short tokens stay.
        assert_eq!(repaired("HĐND"), None);
        assert_eq!(repaired("UBND"), None);
        assert_eq!(repaired("VPCP"), None);
        assert_eq!(repaired("Sở"), None);
        assert_eq!(repaired("TTTT"), None);
        // Doubled letters are codes' own (`TTHCC`, `TCCT`).
        assert_eq!(repaired("TCCT"), None);
        assert_eq!(repaired("AB"), None);
        assert_eq!(repaired_word("DBBQH&HDND;").as_deref(), Some("ĐBQH&HDND;"));
        assert_eq!(repaired_word("TT.HBND,").as_deref(), Some("TT.HĐND,"));
        assert_eq!(repaired_word("KGVX,"), None);
    }

    #[test]
    fn words_before_a_code() {
        let mut w: Vec<String> = "Các đơn vị: Bản KHTC, UBND các xã cửa TP; bản sao"
            .split(' ')
            .map(str::to_string)
            .collect();
        before_code(&mut w);
        assert_eq!(
            w.join(" "),
            "Các đơn vị: Ban KHTC, UBND các xã của TP; bản sao"
        );
    }
}
