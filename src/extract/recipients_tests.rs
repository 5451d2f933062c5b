//! Unit tests of the `Nơi nhận` reader (`recipients.rs`), sentences written for them.
use super::*;
use crate::extract::signature::parse;

#[test]
fn star_dashes_quotes_and_stray_letters() {
    let t = "Nơi nhận:\n* Như khoản 2;\n- ‘Sở Tài chính;\n- HĐND, UBND xã; B\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    let (items, _) = list(&lines, 0);
    assert_eq!(items, vec!["Như khoản 2", "Sở Tài chính", "HĐND, UBND xã"]);
}

#[test]
fn a_speck_for_a_dash_after_an_unfinished_item() {
    let t = "Nơi nhận:\n- Các Sở: Nội vụ, Tư pháp; Ban quản lý Khu kinh tế; Thuế tỉnh\n. Hà Giang;\n_ Bộ Y tế; (để báo cáo) :\n_ Cục Thuế;\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    let (items, _) = list(&lines, 0);
    assert_eq!(
        items,
        vec![
            "Các Sở: Nội vụ, Tư pháp; Ban quản lý Khu kinh tế; Thuế tỉnh Hà Giang",
            "Bộ Y tế; (để báo cáo)",
            "Cục Thuế"
        ]
    );
}

#[test]
fn damaged_codes_in_items() {
    let t = "Nơi nhận:\n- Các Ban HBND huyện;\n- VPGP: các Vụ;\n- Cổng TIDT tỉnh;\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    let (items, _) = list(&lines, 0);
    assert_eq!(
        items,
        vec!["Các Ban HĐND huyện", "VPCP: các Vụ", "Cổng TTĐT tỉnh"]
    );
    // A guillemet before the item and a dot before a code are specks.
    let t = "Nơi nhận:\n- » Thường trực UBND: CT, các PCT;\n- VP: TH, .KT, NC;\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    let (items, _) = list(&lines, 0);
    assert_eq!(
        items,
        vec!["Thường trực UBND: CT, các PCT", "VP: TH, KT, NC"]
    );
}

#[test]
fn ocr_junk_before_the_dash_of_an_item() {
    let t = "Nơi nhận: :\n\n. - Bộ Nội vụ;\n\n_'- TT. Huyện ủy;\n\n' - Sở Y tế;\n‘ _ Sở Tư pháp;\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    let (items, _) = list(&lines, 0);
    assert_eq!(
        items,
        ["Bộ Nội vụ", "TT. Huyện ủy", "Sở Y tế", "Sở Tư pháp"]
    );
    let t = "Điều 3. Thi hành.\n' Noinhaén: ©\n- Bộ Nội vụ;\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        parse(&lines, 0).recipients,
        Some(vec!["Bộ Nội vụ".to_string()])
    );
}

#[test]
fn ocr_signs_inside_an_item() {
    assert_eq!(
        tidy("Cục’Thống kê - Bộ Tài chính"),
        "Cục Thống kê - Bộ Tài chính"
    );
    assert_eq!(tidy("Các’ phòng, ban"), "Các phòng, ban");
    assert_eq!(tidy("Báo-điện tử tỉnh"), "Báo điện tử tỉnh");
    assert_eq!(tidy("Trung.tâm Y tế TP.HCM"), "Trung tâm Y tế TP.HCM");
    assert_eq!(tidy("Sở Xây dựng;,(để b/c)"), "Sở Xây dựng; (để b/c)");
    assert_eq!(
        tidy("Cổng Thông tin -\"Sở Nội vụ"),
        "Cổng Thông tin - Sở Nội vụ"
    );
    assert_eq!(tidy("Các d/c Phó Giám đốc"), "Các đ/c Phó Giám đốc");
    assert_eq!(
        tidy("Các đ/c Thị trường Bộ Công an"),
        "Các đ/c Thứ trưởng Bộ Công an"
    );
    assert_eq!(tidy("Cục Kiểm tra/B6 Tư pháp"), "Cục Kiểm tra/Bộ Tư pháp");
    assert_eq!(
        tidy("Trung tâm Công nghệ sở TP"),
        "Trung tâm Công nghệ số TP"
    );
    assert_eq!(tidy("Đ/c Thể trường;"), "Đ/c Thứ trưởng;");
    assert_eq!(tidy("Các đồng chí Thì trưởng"), "Các đồng chí Thứ trưởng");
    assert_eq!(
        tidy("Các đ/c Thủ trưởng đơn vị"),
        "Các đ/c Thủ trưởng đơn vị"
    );
    assert_eq!(
        tidy("Sở Công Thương (thị trường)"),
        "Sở Công Thương (thị trường)"
    );
    assert_eq!(tidy("Vụ PC-B6 Công an"), "Vụ PC-Bộ Công an");
    assert_eq!(tidy("TT Đảng ủy, HĐND phuwéng"), "TT Đảng ủy, HĐND phường");
    assert_eq!(tidy("Số, ban ngành TP"), "Sở, ban ngành TP");
    assert_eq!(tidy("Số Nội vụ"), "Sở Nội vụ");
    // As printed: a hyphen between capitals, a comma without a space, a quoted name.
    assert_eq!(tidy("Cục KTVB-Bộ Tư pháp"), "Cục KTVB-Bộ Tư pháp");
    assert_eq!(tidy("UBND các phường,xã"), "UBND các phường,xã");
    assert_eq!(tidy("Báo \"Lao động\""), "Báo \"Lao động\"");
}

#[test]
fn a_filed_item_that_ocr_garbled() {
    assert!(filed_item("Litu: VT, KH"));
    assert!(filed_item("Liftt VE, AB"));
    assert!(!filed_item("Lãnh đạo VP"));
    assert!(!filed_item("LĐLĐ tỉnh"));
    assert!(!filed_item("Liên đoàn Lao động tỉnh"));
}

#[test]
fn ocr_junk_after_an_item_is_cut() {
    assert_eq!(trim_item(" Chính phủ; — "), "Chính phủ");
    assert_eq!(trim_item("-Văn phòng Quốc hội: oo"), "Văn phòng Quốc hội");
    assert_eq!(
        trim_item("Các Bộ: Xây dựng, Tài chính; . a"),
        "Các Bộ: Xây dựng, Tài chính"
    );
    assert_eq!(trim_item("Sở Y tế; ° :"), "Sở Y tế");
    // Words after the separator stay: a code in capitals, a note in brackets.
    assert_eq!(trim_item("VPCP: BT, PL;"), "VPCP: BT, PL");
    assert_eq!(
        trim_item("Bộ Tài chính; (Báo cáo)"),
        "Bộ Tài chính; (Báo cáo)"
    );
    assert_eq!(trim_item("Bộ Xây dựng; (để b/c)"), "Bộ Xây dựng; (để b/c)");
}

#[test]
fn an_item_ending_on_a_comma_goes_on_over_long_and_blank_lines() {
    let t = "Nơi nhận:\n- UBND các tỉnh: Hà Giang, Cao Bằng,\n\nLào Cai, Yên Bái, Sơn La, Hòa Bình, Thái Bình, Nam Định, Hà Nam, Ninh Bình, Phú Yên, Quảng\nNgãi, Kon Tum;\n- VPCP: BTCN, các Vụ:\n\nTH, PL;\n- Lưu: VT.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Văn An\n";
    let lines: Vec<&str> = t.lines().collect();
    let tail = parse(&lines, 0);
    assert_eq!(
        tail.recipients,
        Some(vec![
            "UBND các tỉnh: Hà Giang, Cao Bằng, Lào Cai, Yên Bái, Sơn La, Hòa Bình, Thái Bình, Nam Định, Hà Nam, Ninh Bình, Phú Yên, Quảng Ngãi, Kon Tum".to_string(),
            "VPCP: BTCN, các Vụ: TH, PL".to_string()
        ])
    );
    assert_eq!(tail.signer.as_deref(), Some("Lê Văn An"));
}

#[test]
fn an_item_whose_dash_ocr_lost() {
    let t = "Nơi nhận:\n- Bộ Tài chính;\n\n\"2 Ủy ban MTTQVN tỉnh;\n\n- Đoàn ĐBQH tỉnh;\n- Văn phòng UBND\ntỉnh;\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    let (items, _) = list(&lines, 0);
    assert_eq!(
        items,
        [
            "Bộ Tài chính",
            "Ủy ban MTTQVN tỉnh",
            "Đoàn ĐBQH tỉnh",
            "Văn phòng UBND tỉnh"
        ]
    );
}

#[test]
fn a_heading_whose_second_word_ocr_misread() {
    let t = "Điều 3. Thi hành.\nNơi an\n\n.- Bộ Nội vụ (b/c);\n- Các sở, ngành;\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        parse(&lines, 0).recipients,
        Some(vec![
            "Bộ Nội vụ (b/c)".to_string(),
            "Các sở, ngành".to_string()
        ])
    );
    // Both words misread, the next item's dash read as a long one.
    let t = "Điều 3. Thi hành.\nNei nhén:\n- Bộ Nội vụ;\n— Sở Y tế;\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        parse(&lines, 0).recipients,
        Some(vec!["Bộ Nội vụ".to_string(), "Sở Y tế".to_string()])
    );
    // A body line `Nơi họp` before a list of its own is no heading once the real one is.
    let t = "Nơi họp\n- Phòng 2;\nNơi nhận:\n- Sở Y tế;\n";
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        parse(&lines, 0).recipients,
        Some(vec!["Sở Y tế".to_string()])
    );
}

/// The recipients `parse` finds in `t` from its first line.
fn recipients_of(t: &str) -> Option<Vec<String>> {
    let lines: Vec<&str> = t.lines().collect();
    parse(&lines, 0).recipients
}

#[test]
fn a_list_head_in_capitals() {
    let t =
        "Nơi nhận:\n- Các SỞ: Y tế, Tài chính;\n- Văn phòng: LĐVP, TH;\n- UBND TỈNH;\n- Lưu: VT.\n";
    assert_eq!(
        recipients_of(t),
        Some(vec![
            "Các Sở: Y tế, Tài chính".to_string(),
            "Văn phòng: LĐVP, TH".to_string(),
            "UBND TỈNH".to_string()
        ])
    );
    // Codes carry no marks; a word after capitals stays.
    assert_eq!(caps_list_head("Các", "KTTH:"), None);
    assert_eq!(caps_list_head("UBND", "TỈNH:"), None);
    assert_eq!(caps_list_head("các", "VỤ:").as_deref(), Some("Vụ:"));
}

/// A dash alone at the end of an item's line: after a comma a speck, the list going on below;
/// after a word the dash between two parts of one name.
#[test]
fn a_lone_dash_ending_an_item_line() {
    let t = "Nơi nhận:\n- VPUB: CVP, các phòng: NC, -\nKGVX, TH;\n- Trang TTĐT -\nSở Nội vụ;\n- Phòng Y tế -\n- Lưu: VT.\n";
    let lines: Vec<&str> = t.lines().collect();
    let (items, _) = list(&lines, 0);
    assert_eq!(
        items,
        [
            "VPUB: CVP, các phòng: NC, KGVX, TH",
            "Trang TTĐT - Sở Nội vụ",
            "Phòng Y tế"
        ]
    );
    // A hyphen inside a code is no lone dash.
    assert_eq!(lone_dash_before("Văn phòng -"), Some("Văn phòng "));
    assert_eq!(lone_dash_before("VP-"), None);
}

/// Signs OCR scatters inside an item: a dot before a word that goes on in small letters or
/// glued to a capital, a comma after a word that needs the next one, a sign before the item.
#[test]
fn specks_of_punctuation_inside_an_item() {
    assert_eq!(tidy("Văn. phòng Tỉnh ủy"), "Văn phòng Tỉnh ủy");
    assert_eq!(tidy("Sở Khoa học và.Công nghệ"), "Sở Khoa học và Công nghệ");
    assert_eq!(tidy("Trưởng, các, Phó ban"), "Trưởng, các Phó ban");
    assert_eq!(trim_item("= Các phòng, ban"), "Các phòng, ban");
    // As printed: an abbreviation's dot before a capital, a comma between list words.
    assert_eq!(tidy("TP. Huế"), "TP. Huế");
    assert_eq!(tidy("Các sở, ban, ngành"), "Các sở, ban, ngành");
}

/// The `Lưu:` line read on the same line as the last item ends the list there.
#[test]
fn a_filed_line_glued_after_the_last_item() {
    let t = "Nơi nhận:\n- Sở Y tế;\n- VP: CVP, PCVP Lê Văn An = Lưu: VT, TH (2).\n- Trang tin;\n";
    let lines: Vec<&str> = t.lines().collect();
    let (items, _) = list(&lines, 0);
    assert_eq!(items, ["Sở Y tế", "VP: CVP, PCVP Lê Văn An"]);
    // On a line of its own, its dash read as another sign.
    let t = "Nơi nhận:\n- Sở Y tế;\n- VP: CVP, PCVP;\n\"= Lưu: VT, TH (2).\n";
    let lines: Vec<&str> = t.lines().collect();
    let (items, _) = list(&lines, 0);
    assert_eq!(items, ["Sở Y tế", "VP: CVP, PCVP"]);
    assert_eq!(filed_inside("Bộ Tài chính"), None);
    assert_eq!(filed_inside("Lưu: VT"), None);
}
