//! Repairs of a signer title read by OCR: scan junk inside the title, title words with their
//! marks misread (`CHỮ TICH`, `THỦ:TƯƠNG`), a deputy line damaged (`KT. GIÁM ĐỐC mor GIAM ĐỐC`)
//! or a `KT.` line lost (`CHỦ TỊCH PHÓ CHỦ TỊCH`). Decree 30 fixes the shape of the block: under
//! `KT.` (signing for the head) the second title is the head's deputy, `PHÓ` + the head's title
//! (`THỨ TRƯỞNG` under `BỘ TRƯỞNG`), so the head's title predicts the deputy's and back.

use crate::charclass::CharClass;

use crate::syllable;

/// Title phrases whose letters without marks name no other title: a phrase read with its marks
/// lost or changed is written as here. (`THỦ TRƯỞNG` and `THỨ TRƯỞNG` share their letters, so
/// neither is listed.)
const TITLE_PHRASES: [&str; 9] = [
    "ỦY BAN NHÂN DÂN",
    "THỦ TƯỚNG",
    "CHỦ TỊCH",
    "CHỦ NHIỆM",
    "GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "CHÍNH PHỦ",
    "THƯỜNG TRỰC",
    "HIỆU TRƯỞNG",
];

/// Longest title the repairs look at, in words (a longer one is left as read).
const MAX_WORDS: usize = 40;

/// Folded letters of some words (`THỦ TƯỚNG` → `thutuong`).
fn letters(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        out.extend(syllable::fold(w).chars().filter(|c| c.is_alnum()));
    }
    out
}

/// The title's words: tokens without a letter or digit dropped (`_`, `—`), quotes trimmed, a
/// colon between two letters read as a space (`THỦ:TƯƠNG`).
fn words(title: &str) -> (Vec<String>, bool) {
    let mut out = Vec::new();
    let mut junk = false;
    for tok in title.split_whitespace() {
        let parts: Vec<&str> = match tok.find(':') {
            Some(k)
                if tok[..k].chars().any(crate::charclass::is_alpha)
                    && tok[k + 1..].chars().any(crate::charclass::is_alpha) =>
            {
                vec![&tok[..k], &tok[k + 1..]]
            }
            _ => vec![tok],
        };
        for p in parts {
            let p = p.trim_matches(|c: char| {
                matches!(
                    c,
                    '"' | '\'' | '‘' | '’' | '“' | '”' | '`' | '_' | '~' | '*' | '|' | '—'
                )
            });
            // Two small letters that are no syllable are a speck: titles are printed in
            // capitals (a longer small word may be a damaged title word: `mor` for `PHÓ`).
            let speck = p.chars().all(crate::charclass::is_lower)
                && p.chars().count() <= 2
                && !syllable::is_valid(p);
            if p.chars().any(crate::charclass::is_alnum) && !speck {
                push_unglued(p, &mut out);
            } else {
                junk = true;
            }
        }
    }
    (out, junk)
}

/// Abbreviations of a signature block that keep their stop (`KT.`, `TM.`, `TL.`, `Q.`, `TUQ.`).
fn keeps_stop(w: &str) -> bool {
    matches!(w, "KT" | "TM" | "TL" | "Q" | "TUQ")
}

/// Pushes a title word with OCR's signs between capitals read apart: a hyphen or stop glued
/// between two words (`KT.-CHỦ`, `CHỦ-TỊCH`) parts them, and a stop after a syllable
/// (`BỘ. TRƯỞNG`, `GIÁM ĐỐC.`) goes; `KT.` keeps its stop. Other words are pushed as read.
fn push_unglued(w: &str, out: &mut Vec<String>) {
    let pieces: Vec<&str> = w.split(['-', '.']).filter(|p| !p.is_empty()).collect();
    let caps_syllables = pieces.iter().all(|p| {
        let core = p.trim_end_matches(',');
        !core.is_empty()
            && core.chars().all(|c| c.is_alpha() && c.is_upper())
            && (keeps_stop(core) || syllable::is_valid(&core.to_lowercase()))
    });
    // `KT.TRƯỞNG` is printed so: a stop after the abbreviation alone parts nothing.
    let printed_glued = !w.contains('-') && pieces.first().is_some_and(|p| keeps_stop(p));
    if !caps_syllables || !w.contains(['-', '.']) || printed_glued && pieces.len() > 1 {
        out.push(w.to_string());
        return;
    }
    for p in pieces {
        if keeps_stop(p) {
            out.push(format!("{p}."));
        } else {
            out.push(p.to_string());
        }
    }
}

/// Writes the title phrases whose letters match (`CHỮ TICH` → `CHỦ TỊCH`), all in capitals.
fn reaccent(words: &mut [String]) {
    let mut i = 0;
    while i < words.len() {
        let mut step = 1;
        for phrase in TITLE_PHRASES {
            let n = phrase.split(' ').count();
            if i + n > words.len() || !words[i..i + n].iter().all(|w| is_caps(w)) {
                continue;
            }
            if letters(&words[i..i + n]) == letters(&[phrase.to_string()]) {
                for (w, p) in words[i..i + n].iter_mut().zip(phrase.split(' ')) {
                    // A comma or dot after the word stays.
                    let tail: String = w.chars().skip_while(|c| c.is_alpha()).collect();
                    *w = format!("{p}{tail}");
                }
                step = n;
                break;
            }
        }
        i += step;
    }
}

fn is_caps(w: &str) -> bool {
    w.chars()
        .filter(|c| c.is_alpha())
        .all(crate::charclass::is_upper)
}

/// A word OCR damaged: not in capitals, or its letters no Vietnamese syllable (`mor`, `TRUON`).
fn damaged_word(w: &str) -> bool {
    let core: String = w.chars().filter(|c| c.is_alpha()).collect();
    !core.is_empty() && (!is_caps(&core) || !syllable::is_valid(&core.to_lowercase()))
}

fn is_kt(w: &str) -> bool {
    matches!(w, "KT." | "K/T" | "KT")
}

/// The deputy's title under `KT.` for the head's title `head`: `PHÓ` + the title (or its last
/// part after a comma), `THỨ TRƯỞNG` for `BỘ TRƯỞNG`.
fn deputies(head: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let folded = letters(head);
    if folded == "botruong" {
        out.push(vec!["THỨ".to_string(), "TRƯỞNG".to_string()]);
    }
    let mut d = vec!["PHÓ".to_string()];
    d.extend(head.iter().map(|w| w.trim_end_matches(',').to_string()));
    out.push(d);
    if let Some(k) = head.iter().rposition(|w| w.ends_with(',')) {
        if k + 1 < head.len() {
            let mut d = vec!["PHÓ".to_string()];
            d.extend(head[k + 1..].iter().cloned());
            out.push(d);
        }
    }
    out
}

/// Edit distance of two short strings (titles are capped at `MAX_WORDS` words).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Under `KT. X` the rest of the title is X's deputy: a rest whose letters are within a quarter
/// of the deputy's title of them (`mor TRUON Ở THUẾ TỈNH` for `PHÓ TRƯỞNG THUẾ TỈNH`) is
/// written as the deputy's title.
fn repair_deputy(words: &mut Vec<String>, junk: bool) {
    let Some(k) = words.iter().rposition(|w| is_kt(w)) else {
        return;
    };
    // The deputy's title with its marks or a comma misread, before more words of it
    // (`THỤ, TRƯỞNG THƯỜNG TRỰC` under `KT. BỘ TRƯỞNG`): written as the deputy's title.
    for j in k + 2..words.len() {
        for d in deputies(&words[k + 1..j]) {
            let e = j + d.len();
            if e < words.len() && words[j..e] != d[..] && letters(&words[j..e]) == letters(&d) {
                words.splice(j..e, d);
                return;
            }
        }
    }
    let mut best: Option<(usize, usize, Vec<String>)> = None;
    for j in k + 2..words.len() {
        let rest = letters(&words[j..]);
        let damaged = words[j..].iter().any(|w| damaged_word(w));
        for d in deputies(&words[k + 1..j]) {
            let want = letters(&d);
            if rest == want {
                // The right letters: written as the deputy's title (`PHÓ THỦ TƯƠNG`).
                words.truncate(j);
                words.extend(d);
                return;
            }
            let dist = distance(&rest, &want);
            if damaged
                && dist * 4 <= want.chars().count()
                && best.as_ref().is_none_or(|b| dist < b.0)
            {
                best = Some((dist, j, d));
            }
        }
    }
    if let Some((_, j, d)) = best {
        words.truncate(j);
        words.extend(d);
        return;
    }
    // The head's title cut short by scan junk before its deputy's (`KT. BỘ TRƯỞNG, CHỦ _— PHÓ
    // CHỦ NHIỆM`): the head's last words a proper start of the deputy's title after `PHÓ`.
    if !junk {
        return;
    }
    let Some(p) = words
        .iter()
        .rposition(|w| letters(std::slice::from_ref(w)) == "pho")
    else {
        return;
    };
    if p <= k + 1 {
        return;
    }
    let deputy: Vec<String> = words[p + 1..].to_vec();
    let head_start = words[k + 1..p]
        .iter()
        .rposition(|w| w.ends_with(','))
        .map_or(k + 1, |c| k + 2 + c);
    let head = &words[head_start..p];
    if !head.is_empty()
        && head.len() < deputy.len()
        && letters(head) == letters(&deputy[..head.len()])
    {
        let missing: Vec<String> = deputy[head.len()..].to_vec();
        words.splice(p..p, missing);
    }
}

/// A title `X PHÓ X` (or `BỘ TRƯỞNG THỨ TRƯỞNG`) without `KT.` lost its `KT.`: only under
/// `KT.` does a head's title stand over its deputy's.
fn restore_kt(words: &mut Vec<String>) {
    if words.iter().any(|w| is_kt(w)) {
        return;
    }
    for j in 1..words.len() {
        let rest = letters(&words[j..]);
        for i in (0..j).rev() {
            let head = &words[i..j];
            if deputies(head).iter().any(|d| letters(d) == rest)
                && (i == 0 || !is_kt(&words[i - 1]))
            {
                // The head starts the title or follows a `TM.`/`TL.`-led part.
                words.insert(i, "KT.".to_string());
                return;
            }
        }
    }
}

/// The repaired signer title.
pub(super) fn repair(title: &str) -> String {
    let (mut ws, junk) = words(title);
    if ws.is_empty() || ws.len() > MAX_WORDS {
        return title.to_string();
    }
    reaccent(&mut ws);
    repair_deputy(&mut ws, junk);
    restore_kt(&mut ws);
    ws.join(" ")
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn junk_and_marks_in_title_words() {
        assert_eq!(
            repair("TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ:TƯƠNG"),
            "TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG"
        );
        assert_eq!(
            repair("TM. ỦY BAN NHÂN DÂN CHỮ TICH’"),
            "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"
        );
        // Letters shared by two titles: left as read.
        assert_eq!(repair("THỦ TRƯỞNG CƠ QUAN"), "THỦ TRƯỞNG CƠ QUAN");
    }

    #[test]
    fn deputy_title_damaged_under_kt() {
        assert_eq!(
            repair("KT. CỤC TRƯỞNG mor CỤC TRƯỞNG"),
            "KT. CỤC TRƯỞNG PHÓ CỤC TRƯỞNG"
        );
        assert_eq!(
            repair("KT. TRƯỞNG BAN pho TRUÒNG BAN"),
            "KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN"
        );
        // Far from any deputy title: left as read.
        assert_eq!(
            repair("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC THƯỜNG TRỰC"),
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC THƯỜNG TRỰC"
        );
        // Under `KT. BỘ TRƯỞNG` the deputy is `THỨ TRƯỞNG`, never `THỦ TRƯỞNG`.
        assert_eq!(
            repair("KT. BỘ TRƯỞNG THỦ TRƯỞNG"),
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG"
        );
    }

    #[test]
    fn deputy_title_misread_before_more_of_it() {
        assert_eq!(
            repair("KT. BỘ TRƯỞNG THỤ, TRƯỞNG THƯỜNG TRỰC"),
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG THƯỜNG TRỰC"
        );
        assert_eq!(
            repair("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC THƯỜNG TRỰC"),
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC THƯỜNG TRỰC"
        );
    }

    #[test]
    fn head_title_cut_before_its_deputy() {
        // Without scan junk a longer deputy's title is as printed.
        assert_eq!(
            repair("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC SỞ"),
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC SỞ"
        );
        assert_eq!(
            repair("KT. TỔNG CỤC TRƯỞNG, VIỆN _— PHÓ VIỆN TRƯỞNG"),
            "KT. TỔNG CỤC TRƯỞNG, VIỆN TRƯỞNG PHÓ VIỆN TRƯỞNG"
        );
    }

    #[test]
    fn head_title_cut_by_a_speck_in_small_letters() {
        assert_eq!(
            repair("TM. ỦY BAN NHÂN DÂN KT. CHỦ qx PHÓ CHỦ TỊCH"),
            "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
        );
    }

    #[test]
    fn lost_kt_line() {
        assert_eq!(repair("GIÁM ĐỐC PHÓ GIÁM ĐỐC"), "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC");
        assert_eq!(
            repair("TM. HỘI ĐỒNG NHÂN DÂN CHỦ TỊCH PHÓ CHỦ TỊCH"),
            "TM. HỘI ĐỒNG NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
        );
        assert_eq!(
            repair("TL. CHỦ TỊCH CHÁNH VĂN PHÒNG"),
            "TL. CHỦ TỊCH CHÁNH VĂN PHÒNG"
        );
        assert_eq!(repair("PHÓ CHỦ TỊCH"), "PHÓ CHỦ TỊCH");
    }

    #[test]
    fn signs_glued_between_title_words() {
        assert_eq!(
            repair("TM. ỦY BAN NHÂN DÂN KT.-CHU TỊCH PHÓ CHỦ TỊCH"),
            "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
        );
        assert_eq!(
            repair("KT. GIÁM-ĐỐC PHÓ GIÁM ĐỐC."),
            "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"
        );
        assert_eq!(
            repair("KT. BỘ. TRƯỞNG THỨ TRƯỞNG"),
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG"
        );
        // `KT.TRƯỞNG` as printed; a code with a hyphen is no pair of title words.
        assert_eq!(
            repair("KT.TRƯỞNG BAN PHÓ TRƯỞNG BAN"),
            "KT.TRƯỞNG BAN PHÓ TRƯỞNG BAN"
        );
        assert_eq!(repair("TL. GIÁM ĐỐC SỞ GD-ĐT"), "TL. GIÁM ĐỐC SỞ GD-ĐT");
    }
}
