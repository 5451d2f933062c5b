//! Spaces English OCR drops in a recipients item around the signs a printed item spaces: an
//! opening bracket after a word (`Cục Dân số(để b/c)`) and a dash after a word (`Vụ Pháp
//! chế- Bộ Xây dựng`); and a speck it reads as a stop inside a name (`Thành phố Hồ. Chí Minh`).

/// The item with a space put back before `(` after a small letter (a code in capitals keeps
/// its glued note, `PCVP(Tr)`) and before a dash that has a space after it but none before
/// (`chế- Bộ`; `Kế hoạch-Tài chính`, spaced on neither side, stays).
pub(super) fn restored(item: &str) -> String {
    let cs: Vec<char> = item.chars().collect();
    let mut out = String::with_capacity(item.len() + 4);
    for (k, &c) in cs.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| cs[j]);
        let next = cs.get(k + 1).copied();
        let bracket = c == '(' && prev.is_some_and(crate::charclass::is_lower);
        let dash = matches!(c, '-' | '–')
            && prev.is_some_and(crate::charclass::is_alpha)
            && next.is_some_and(char::is_whitespace);
        if bracket || dash {
            out.push(' ');
        }
        out.push(c);
    }
    without_stops_in_names(out)
}

/// The item without a stop OCR put after a syllable in title case before another capitalised
/// word (`Hồ. Chí Minh`): an item holds no sentence end, and an abbreviation's stop (`TP. Hồ
/// Chí Minh`, `TT. Thành ủy`) follows no syllable.
fn without_stops_in_names(item: String) -> String {
    let words: Vec<&str> = item.split(' ').collect();
    let speck = |k: usize| {
        let Some(body) = words[k].strip_suffix('.') else {
            return false;
        };
        crate::syllable::is_title_case(body)
            && crate::syllable::is_valid(&body.to_lowercase())
            && words
                .get(k + 1)
                .is_some_and(|n| n.starts_with(crate::charclass::is_upper))
    };
    if !(0..words.len()).any(speck) {
        return item;
    }
    let kept: Vec<&str> = (0..words.len())
        .map(|k| {
            if speck(k) {
                &words[k][..words[k].len() - 1]
            } else {
                words[k]
            }
        })
        .collect();
    kept.join(" ")
}

#[cfg(test)]
mod tests {
    use super::restored;

    #[test]
    fn spaces_before_a_bracket_and_a_dash() {
        assert_eq!(restored("Sở Y tế(để biết)"), "Sở Y tế (để biết)");
        assert_eq!(restored("VPUB: PCVP(KT); TPTH"), "VPUB: PCVP(KT); TPTH");
        assert_eq!(
            restored("Phòng Tư pháp- UBND huyện"),
            "Phòng Tư pháp - UBND huyện"
        );
        assert_eq!(restored("Vụ Kế hoạch-Tài chính"), "Vụ Kế hoạch-Tài chính");
        assert_eq!(restored("Sở Tư pháp - Bộ"), "Sở Tư pháp - Bộ");
        assert_eq!(
            restored("UBND tỉnh Bà. Rịa, TP. Hồ Chí Minh"),
            "UBND tỉnh Bà Rịa, TP. Hồ Chí Minh"
        );
    }
}
