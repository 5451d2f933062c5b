//! Tests of the restorer on lines of each kind: capitals, OCR's letters and labels, name lines.
use super::*;

/// Capitals that are a bare syllable (`THACH`, no syllable without its tone) are kept as
/// printed only at the full keep cost, in stripped and in OCR'd text when plain letters of
/// three or more; two letters of OCR (`BG` <- `Bộ`) still pay the abbreviation's.
#[test]
fn stripped_capitals_are_syllables_not_abbreviations() {
    let r = Restorer::load(&Restorer::default_dir()).unwrap();
    let keep = |piece: &str, mode: Mode| {
        let mut out = Vec::new();
        r.candidates(piece, mode, false, &mut Bufs::default(), &mut out);
        out.iter()
            .find(|(_, o)| matches!(o, Out::Keep))
            .map(|(c, _)| c.cost)
    };
    assert_eq!(keep("THACH", Mode::Stripped), Some(r.params.keep_cost));
    assert_eq!(keep("THACH", Mode::Noisy), Some(r.params.keep_cost));
    assert_eq!(keep("BG", Mode::Noisy), Some(r.params.keep_abbr_cost));
}

/// OCR's capital `I` for a lower-case `l` (`Igi` <- `lợi`): the `l` readings are offered
/// in OCR'd text only; a capital `I` before capitals (`II`, `IV`) is no such word.
#[test]
fn capital_i_reads_as_l_in_ocr_text() {
    assert!(cap_i_word("Iuat") && cap_i_word("Idn"));
    assert!(!cap_i_word("II") && !cap_i_word("IV") && !cap_i_word("I") && !cap_i_word("Ia2B"));
    let r = Restorer::load(&Restorer::default_dir()).unwrap();
    let readings = |piece: &str, mode: Mode| {
        let mut out = Vec::new();
        r.candidates(piece, mode, false, &mut Bufs::default(), &mut out);
        out.iter()
            .filter_map(|(_, o)| match o {
                Out::Syl(id) => Some(r.lex.text(*id).to_string()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert!(readings("Iuat", Mode::Noisy).iter().any(|s| s == "luật"));
    assert!(!readings("Iuat", Mode::Stripped).iter().any(|s| s == "luật"));
    // English OCR of a citation (`cit` <- `cứ`, `s6` <- `số`): the text reads as noisy.
    let out = r.restore("Can cit Iuat Ban hanh van ban quy pham phap Iuat s6 64/2025/QH15");
    assert!(out.text.contains("cứ luật Ban hành"), "{}", out.text);
    assert!(out.text.contains("pháp luật số"), "{}", out.text);
}

/// In OCR'd text a consonant before `)` is a list label, kept as printed; a vowel before
/// it may be a word (`(ở)`).
#[test]
fn ocr_list_labels_stay() {
    let r = Restorer::load(&Restorer::default_dir()).unwrap();
    let out = r.restore("b) Dam bao kinh phi cho hoat d6ng\n(c) Bé tri nguén luc");
    assert_eq!(
        out.text,
        "b) Đảm bảo kinh phí cho hoạt động\n(c) Bố trí nguồn lực"
    );
    // The end of a slash abbreviation is no label (`b/c`: báo cáo).
    let out = r.restore("- S@ Néi vu (b/c);");
    assert!(out.text.contains("(b/c)"), "{}", out.text);
}

/// The one-letter parts of a slash abbreviation are letters, `d` read `đ` (đồng chí).
#[test]
fn slash_abbreviation_letters_stay_letters() {
    let r = Restorer::load(&Restorer::default_dir()).unwrap();
    let out = r.restore("- Cac d/c Pho Giam déc Sé;\n- D/c Truong phong (b/c);");
    assert!(out.text.contains("Các đ/c Phó"), "{}", out.text);
    assert!(out.text.contains("- Đ/c Trưởng"), "{}", out.text);
    assert!(out.text.contains("(b/c)"), "{}", out.text);
    let out = r.restore("Cac d/c lanh dao phong, V/v bao cao");
    assert!(out.text.starts_with("Các đ/c lãnh đạo"), "{}", out.text);
    assert!(out.text.contains("V/v báo cáo"), "{}", out.text);
}

/// In OCR'd capitals, syllables joined by a misread hyphen are read as syllables; a code
/// with a hyphen stays a code.
#[test]
fn ocr_hyphen_joined_capitals_are_syllables() {
    let r = Restorer::load(&Restorer::default_dir()).unwrap();
    let out = r.restore("S6: 38/KH-UBND\nTHIET BI-CUA CO QUAN\nCAC-CONG TRINH, QD-UBND, NQ-TW");
    assert_eq!(
        out.text,
        "Số: 38/KH-UBND\nTHIẾT BỊ-CỦA CƠ QUAN\nCÁC-CÔNG TRÌNH, QĐ-UBND, NQ-TW"
    );
}

/// In OCR'd text a reading with another letter (`thu` <- `thực`, its `c` lost) stays a
/// candidate beside the many same-letter readings of a short word.
#[test]
fn ocr_lost_letter_readings_stay_candidates() {
    let r = Restorer::load(&Restorer::default_dir()).unwrap();
    let out = r.restore("Phong Tai chinh c6 trach nhiém thu hién kiém tra dinh ky");
    assert!(out.text.contains("thực hiện kiểm tra"), "{}", out.text);
}

#[test]
fn name_lines_get_name_readings() {
    let n = Names::parse(
        "surname\tTrịnh\nsurname\tNguyễn\nmiddle\tThị\nmiddle\tĐình\ngiven\tHạnh\ngiven\tMai\n",
    )
    .unwrap();
    assert_eq!(
        n.fix_line("Trình Thi Hành").as_deref(),
        Some("Trịnh Thị Hạnh")
    );
    assert_eq!(
        n.fix_line("  Nguyễn Định Mai").as_deref(),
        Some("  Nguyễn Đình Mai")
    );
    // Not a name line: lower-case words, a first word that is no surname, too long.
    assert_eq!(n.fix_line("trình thi hành"), None);
    assert_eq!(n.fix_line("Báo Cáo"), None);
    assert_eq!(n.fix_line("Nguyễn A B C D E"), None);
    // Unknown words stay as decoded.
    assert_eq!(
        n.fix_line("Nguyễn Văn Xyz").as_deref(),
        Some("Nguyễn Văn Xyz")
    );
    // A given name agrees with a gendered middle name.
    let g = Names::parse(
        "surname\tPhan\nmiddle\tĐình\nmiddle\tThị\nmiddle\tMinh\ngiven\tDung\ngiven\tDũng\n\
             male\tĐình\nfemale\tThị\nmale\tDũng\nfemale\tDung\n",
    )
    .unwrap();
    assert_eq!(
        g.fix_line("Phan Đình Dung").as_deref(),
        Some("Phan Đình Dũng")
    );
    assert_eq!(
        g.fix_line("Phan Thị Dũng").as_deref(),
        Some("Phan Thị Dung")
    );
    assert_eq!(
        g.fix_line("Phan Thị Dung").as_deref(),
        Some("Phan Thị Dung")
    );
    assert_eq!(
        g.fix_line("Phan Minh Dung").as_deref(),
        Some("Phan Minh Dung")
    );
    assert_eq!(
        g.fix_line("Phan Minh Dũng").as_deref(),
        Some("Phan Minh Dũng")
    );
}

/// Where the decoder read a name line's word with other letters than the input's (English
/// OCR), the name reading of the input's letters wins, but only when the lists know those
/// letters at that position; decoder readings of the same letters are kept as before.
#[test]
fn name_lines_read_the_inputs_letters() {
    let n = Names::parse(
        "surname\tPhùng\nsurname\tTrần\nmiddle\tThị\nmiddle\tHồng\ngiven\tHà\n\
             given\tHùng\n",
    )
    .unwrap();
    let fix = |out: &str, inp: &str| n.fix_name_line(out, Some(inp));
    assert_eq!(
        fix("Phường Thủy Hồng Hà", "Phung Thi Hong Ha").as_deref(),
        Some("Phùng Thị Hồng Hà")
    );
    // `Chung` is not the input's `Hung`; `Nằm` has the input's letters and no listing.
    assert_eq!(
        fix("Trần Nằm Chung", "Tran Nam Hung").as_deref(),
        Some("Trần Nằm Hùng")
    );
    // Letters the lists do not know at their place: the decoder's line, read as before.
    assert_eq!(
        fix("Phường Thủy Hồng Hà", "Phung Thi Hong Xyz").as_deref(),
        None
    );
    assert_eq!(
        fix("Phùng Thi Hồng Ha", "Phung Thi Hong Ha").as_deref(),
        Some("Phùng Thị Hồng Hà")
    );
    // English OCR's mixed case in the input (`HOng`) is read in title case.
    assert_eq!(
        fix("Phường Thị Hong Ha", "Phung Thi HOng Ha").as_deref(),
        Some("Phùng Thị Hồng Hà")
    );
    // Readings of one fold come likeliest first once ordered (the file's order is sorted).
    let mut m = Names::parse("surname\tTrần\ngiven\tHùng\ngiven\tHưng\n").unwrap();
    assert_eq!(m.fix_line("Trần Hung").as_deref(), Some("Trần Hùng"));
    m.order_by(|w, pos| {
        if (w, pos) == ("Hưng", name_prior::GIVEN) {
            0.3
        } else {
            1.3
        }
    });
    assert_eq!(m.fix_line("Trần Hung").as_deref(), Some("Trần Hưng"));
    assert_eq!(m.fix_line("Trần Hùng").as_deref(), Some("Trần Hùng"));
    // Not name-shaped input (lower case, other token count): as before.
    assert_eq!(fix("Phường Thủy", "phuong thuy"), None);
    assert_eq!(fix("Phùng Hà", "Phung Ha Noi"), n.fix_line("Phùng Hà"));
}
