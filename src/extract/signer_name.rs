//! The signer's name re-read word by word by its position (surname, middle names, given name).
//!
//! Restoration reads a name by its letters and a name prior it applies only where a run of
//! title-case words opens on a listed surname; in OCR'd text the surname itself is often
//! damaged (`Viti Mạnh Hà`, `Phòng Thi Hồng Hà` for `Phùng Thị`), so the rest of the name is
//! then read as ordinary words (`Thì`, `Tân`). Under a signature block the extractor knows the
//! line is a name, so each word that is no listed name at its position
//! (`dictionaries/names.txt`) is read as the listed one with the same letters, the most
//! frequent there by the name prior (`dictionaries/name_prior.txt`); a surname that has no
//! such twin may also be one OCR confusion away from a listed one (a marked `u` read `i`,
//! `ii` or `iti`; one vowel for another). Words that are listed at their position stay as
//! restoration read them.

use crate::syllable;
use std::collections::HashMap;
use std::sync::OnceLock;

const SURNAME: usize = 0;
const MIDDLE: usize = 1;
const GIVEN: usize = 2;
/// The name prior's count from which a surname is common enough to stand for a listed one
/// the corpus never shows (see [`reread_word`]).
const COMMON_SURNAME: u32 = 20;

/// Listed names by position, and the name prior's counts by reading and position.
struct Lists {
    listed: [Vec<String>; 3],
    counts: HashMap<String, [u32; 3]>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        parse(
            include_str!("../../dictionaries/names.txt"),
            include_str!("../../dictionaries/name_prior.txt"),
        )
    })
}

/// Parses `names.txt` (`surname|middle|given<TAB>Syllable`; other lines skipped) and
/// `name_prior.txt` (`reading<TAB>surname<TAB>middle<TAB>given` counts; bad lines skipped).
fn parse(names: &str, prior: &str) -> Lists {
    let mut listed: [Vec<String>; 3] = Default::default();
    for line in names.lines() {
        let Some((pos, w)) = line.split_once('\t') else {
            continue;
        };
        let p = match pos {
            "surname" => SURNAME,
            "middle" => MIDDLE,
            "given" => GIVEN,
            _ => continue,
        };
        listed[p].push(w.trim().to_string());
    }
    let mut counts = HashMap::new();
    for line in prior.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 4 {
            continue;
        }
        let mut c = [0u32; 3];
        for (k, x) in c.iter_mut().enumerate() {
            *x = f[k + 1].parse().unwrap_or(0);
        }
        counts.insert(f[0].to_string(), c);
    }
    Lists { listed, counts }
}

/// The signer's name with each word no listed name at its position read as the listed twin
/// of its letters (see the module comment); a name of fewer than two words is left alone.
pub(super) fn reread(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return name.to_string();
    }
    let last = words.len() - 1;
    let l = lists();
    words
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let pos = match k {
                0 => SURNAME,
                _ if k == last => GIVEN,
                _ => MIDDLE,
            };
            reread_word(l, w, pos).unwrap_or_else(|| w.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The listed reading of `w` at `pos`, when `w` itself is not listed there.
fn reread_word(l: &Lists, w: &str, pos: usize) -> Option<String> {
    let listed = &l.listed[pos];
    let count = |x: &str| l.counts.get(&x.to_lowercase()).map_or(0, |c| c[pos]);
    if !w.chars().all(crate::charclass::is_alpha) {
        return None;
    }
    let f = syllable::fold(w);
    let reading = if listed.iter().any(|x| x == w) {
        w.to_string()
    } else {
        let same: Vec<&String> = listed.iter().filter(|x| syllable::fold(x) == f).collect();
        let cands = if !same.is_empty() {
            same
        } else if pos == SURNAME {
            let variants = ocr_variants(&f);
            listed
                .iter()
                .filter(|x| variants.contains(&syllable::fold(x)))
                .collect()
        } else {
            Vec::new()
        };
        let best = cands.iter().map(|x| count(x)).max()?;
        let top: Vec<&&String> = cands.iter().filter(|x| count(x) == best).collect();
        if top.len() != 1 {
            return None;
        }
        top[0].to_string()
    };
    // A surname the corpus never shows as one (`Vi`) is a marked `u` read `i` when that
    // gives one common surname (`Vũ`).
    if pos == SURNAME && count(&reading) == 0 {
        let vs = u_read_as_i(&f);
        let mut hits = listed
            .iter()
            .filter(|x| count(x) >= COMMON_SURNAME && vs.contains(&syllable::fold(x)));
        if let (Some(hit), None) = (hits.next(), hits.next()) {
            return Some(hit.clone());
        }
    }
    (reading != w).then_some(reading)
}

/// Folded letters with one run of `i`, `ii` or `iti` read as the marked `u` it stands for
/// (`Viti` for `Vũ`, `Phiing` for `Phùng`).
fn u_read_as_i(f: &str) -> Vec<String> {
    let mut out = Vec::new();
    for run in ["iti", "ii", "i"] {
        let mut from = 0;
        while let Some(k) = f[from..].find(run) {
            let at = from + k;
            out.push(format!("{}u{}", &f[..at], &f[at + run.len()..]));
            from = at + 1;
        }
    }
    out
}

/// Folded letters one OCR confusion away from `f`: a marked `u` read as `i`s
/// ([`u_read_as_i`]), or one vowel read as another.
fn ocr_variants(f: &str) -> Vec<String> {
    let mut out = u_read_as_i(f);
    const VOWELS: [char; 6] = ['a', 'e', 'i', 'o', 'u', 'y'];
    let cs: Vec<char> = f.chars().collect();
    for (k, c) in cs.iter().enumerate() {
        if !VOWELS.contains(c) {
            continue;
        }
        for v in VOWELS.iter().filter(|v| *v != c) {
            let mut t = cs.clone();
            t[k] = *v;
            out.push(t.into_iter().collect());
        }
    }
    out
}

/// Whether folded letters are those of a common surname (`vu` for `Vũ`).
fn common_surname(folded: &str) -> bool {
    super::surnames::SURNAMES
        .iter()
        .any(|s| syllable::fold(s) == folded)
}

/// A name line under signature titles whose first words OCR damaged, read again: a surname in
/// small letters (`vũ Mạnh Hà`: a common surname's letters, the capital lost) or a rank whose
/// first word is junk (`pas tướng Võ Minh Lương`: the rank's last word, then the name).
/// `words` are the line's letter words; the name's words are returned for `name_on_line`.
pub(super) fn damaged_start(words: &[&str]) -> Option<String> {
    let first = *words.first()?;
    // A rank's last word second on the line: the first one is a rank word OCR garbled.
    if words.len() >= 4 && matches!(words[1], "tướng" | "tá" | "úy" | "uý") {
        return Some(words[2..].join(" "));
    }
    let small = first.chars().all(crate::charclass::is_lower);
    if small && (3..=5).contains(&words.len()) && common_surname(&syllable::fold(first)) {
        let mut cs = first.chars();
        let cap: String = cs
            .next()
            .map(syllable::upper_char)
            .into_iter()
            .chain(cs)
            .collect();
        let rest = words[1..].join(" ");
        return Some(format!("{cap} {rest}"));
    }
    None
}

/// A signer's name whose given name OCR lost to junk (`Đồ Ngọc cae`) read from the document,
/// which names its signer elsewhere too (`… Phó Chủ nhiệm Đỗ Ngọc Huỳnh`): the two first
/// words (a common surname, then a capitalised syllable) and junk in small letters after
/// them; the text's one three-word name with those letters before a capitalised syllable.
pub(super) fn completed_from_text(line_words: &[&str], lines: &[&str]) -> Option<String> {
    let [a, b, junk @ ..] = line_words else {
        return None;
    };
    let capitalised = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(crate::charclass::is_upper)
            && cs.all(crate::charclass::is_lower)
            && syllable::is_valid(&w.to_lowercase())
    };
    let (fa, fb) = (syllable::fold(a), syllable::fold(b));
    let shaped = !junk.is_empty()
        && junk.len() <= 2
        && common_surname(&fa)
        && capitalised(b)
        && junk
            .iter()
            .all(|w| !w.starts_with(crate::charclass::is_upper));
    if !shaped {
        return None;
    }
    let mut found: Option<String> = None;
    let mut folded = String::new();
    for line in lines {
        let ws: Vec<&str> = line
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !crate::charclass::is_alpha(c)))
            .collect();
        for win in ws.windows(3) {
            syllable::fold_into(win[0], &mut folded);
            if folded != fa || !capitalised(win[0]) || !capitalised(win[2]) {
                continue;
            }
            syllable::fold_into(win[1], &mut folded);
            if folded != fb || !capitalised(win[1]) {
                continue;
            }
            let name = win.join(" ");
            match &found {
                Some(f) if *f != name => return None,
                _ => found = Some(name),
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_no_name_has_at_their_position_are_read_as_the_listed_twin() {
        // A middle name restoration read as a common word, a given name without marks.
        assert_eq!(reread("Lê Thì Thu"), "Lê Thị Thu");
        assert_eq!(reread("Đặng Thi Mai Thao"), "Đặng Thị Mai Thảo");
        // A surname read as a word of the same letters.
        assert_eq!(reread("Hộ Văn Bình"), "Hồ Văn Bình");
        assert_eq!(reread("Vô Thanh Tùng"), "Võ Thanh Tùng");
    }

    #[test]
    fn a_surname_one_ocr_confusion_away() {
        assert_eq!(reread("Viti Quốc Khánh"), "Vũ Quốc Khánh");
        assert_eq!(reread("Phiing Văn Long"), "Phùng Văn Long");
        assert_eq!(reread("Phòng Thị Lan"), "Phùng Thị Lan");
        // A surname the corpus never shows, a common one with `u` for its `i`.
        assert_eq!(reread("Vi Đức Anh"), "Vũ Đức Anh");
        assert_eq!(reread("Vị Đức Anh"), "Vũ Đức Anh");
        // A listed surname the corpus shows stays (`Hà`), and so does one with no `i`.
        assert_eq!(reread("Hà Văn Thắng"), "Hà Văn Thắng");
    }

    #[test]
    fn listed_words_and_unknown_words_stay() {
        // Both readings listed at their position: restoration's choice stands.
        assert_eq!(reread("Trần Thành Tâm"), "Trần Thành Tâm");
        assert_eq!(reread("Nguyễn Văn Tân"), "Nguyễn Văn Tân");
        // Letters no listed name has, and a one-word name.
        assert_eq!(reread("Nguyễn Văn Xyzw"), "Nguyễn Văn Xyzw");
        assert_eq!(reread("Mai"), "Mai");
        assert_eq!(reread(""), "");
    }

    #[test]
    fn a_name_line_whose_start_ocr_damaged() {
        assert_eq!(
            damaged_start(&["lê", "Thị", "Hoa"]).as_deref(),
            Some("Lê Thị Hoa")
        );
        assert_eq!(
            damaged_start(&["xyz", "tướng", "Phạm", "Văn", "Nam"]).as_deref(),
            Some("Phạm Văn Nam")
        );
        // Small words that open no surname, or too few words: none.
        assert_eq!(damaged_start(&["đã", "Văn", "Nam"]), None);
        assert_eq!(damaged_start(&["lê", "Hoa"]), None);
    }

    #[test]
    fn a_given_name_lost_to_junk_read_from_the_text() {
        let lines = [
            "Dự họp có Phó Giám đốc Sở Trần Quốc Bảo, đại diện các phòng.",
            "Giao đồng chí Trần Quốc Bảo chỉ đạo thực hiện.",
        ];
        assert_eq!(
            completed_from_text(&["Trấn", "Quốc", "xe"], &lines).as_deref(),
            Some("Trần Quốc Bảo")
        );
        // Two names with those letters, or none: not guessed.
        let two = ["Trần Quốc Bảo và Trần Quốc Hưng dự họp."];
        assert_eq!(completed_from_text(&["Trần", "Quốc", "xe"], &two), None);
        assert_eq!(
            completed_from_text(&["Trần", "Quốc", "xe"], &["Không có tên."]),
            None
        );
        // A whole name is no damaged one.
        assert_eq!(completed_from_text(&["Trần", "Quốc", "Bảo"], &lines), None);
    }
}
