//! Spaces English OCR drops in a recipients item around the signs a printed item spaces: an
//! opening bracket after a word (`Cục Dân số(để b/c)`) and a dash after a word (`Vụ Pháp
//! chế- Bộ Xây dựng`).

/// The item with a space put back before `(` after a small letter (a code in capitals keeps
/// its glued note, `PCVP(Tr)`) and before a dash that has a space after it but none before
/// (`chế- Bộ`; `Kế hoạch-Tài chính`, spaced on neither side, stays).
pub(super) fn restored(item: &str) -> String {
    let cs: Vec<char> = item.chars().collect();
    let mut out = String::with_capacity(item.len() + 4);
    for (k, &c) in cs.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| cs[j]);
        let next = cs.get(k + 1).copied();
        let bracket = c == '(' && prev.is_some_and(char::is_lowercase);
        let dash = matches!(c, '-' | '–')
            && prev.is_some_and(char::is_alphabetic)
            && next.is_some_and(char::is_whitespace);
        if bracket || dash {
            out.push(' ');
        }
        out.push(c);
    }
    out
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
    }
}
