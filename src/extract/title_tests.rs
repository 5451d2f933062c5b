//! Tests of the title rules (`title.rs`).
use super::*;

#[test]
fn a_subject_line_whose_small_v_ocr_read_as_a_capital() {
    assert!(subject_marker("V/V cấp kinh phí sửa chữa trường học"));
    assert!(subject_marker("  V/v cấp kinh phí"));
    assert!(!subject_marker("V/V CẤP KINH PHÍ SỬA CHỮA"));
    assert!(!subject_marker("Về cấp kinh phí"));
    let lines = [
        "UBND TỈNH AN GIANG",
        "Số: 12/UBND-KT",
        "V/V cấp kinh phí sửa chữa trường học",
        "An Giang, ngày 3 tháng 3 năm 2025",
    ];
    let number = crate::extract::built_in(r"^Số: ");
    let date = crate::extract::built_in(r"ngày \d+ tháng");
    let (t, _) = công_văn(&lines, 4, &number, &date).unwrap();
    assert_eq!(t.as_deref(), Some("V/v cấp kinh phí sửa chữa trường học"));
}

#[test]
fn scan_marks_in_an_upper_case_title() {
    assert_eq!(
        without_scan_marks("VỀ VIỆC CẤP VỐN'ĐẦU TƯ CHO TỈNH QUẢNG TRỊ 4"),
        "VỀ VIỆC CẤP VỐN ĐẦU TƯ CHO TỈNH QUẢNG TRỊ"
    );
    assert_eq!(
        without_scan_marks("VỀ KỲ HỌP THỨ NHẤT LẦN 2"),
        "VỀ KỲ HỌP THỨ NHẤT LẦN 2"
    );
    assert_eq!(
        without_scan_marks("GIAO CHỈ TIÊU CHO PHƯỜNG 3"),
        "GIAO CHỈ TIÊU CHO PHƯỜNG 3"
    );
}

/// Signs a rough scan glues between the words of an upper-case title are spaces or go;
/// a hyphenated foreign name and codes stay.
#[test]
fn glued_signs_in_an_upper_case_title() {
    assert_eq!(
        without_scan_marks("VỀ CƠ CẤU-TỔ CHỨC CỦA TRUNG-TÂM Y TẾ THUỘC.THẨM QUYỀN"),
        "VỀ CƠ CẤU TỔ CHỨC CỦA TRUNG TÂM Y TẾ THUỘC THẨM QUYỀN"
    );
    assert_eq!(
        without_scan_marks("GIAO CHỈ TIÊU; KẾ HOẠCH NĂM. SAU CHO XÃ.PHÚ LỢI"),
        "GIAO CHỈ TIÊU; KẾ HOẠCH NĂM SAU CHO XÃ PHÚ LỢI"
    );
    assert_eq!(
        without_scan_marks("VỀ HÀNG SANG MÊ-HI-CÔ THEO QUYẾT ĐỊNH 5/QĐ-UBND TẠI TP.HCM."),
        "VỀ HÀNG SANG MÊ-HI-CÔ THEO QUYẾT ĐỊNH 5/QĐ-UBND TẠI TP.HCM."
    );
}

/// An authority phrase after a linking word at a line's end, or the end of one opened on
/// the line above, goes on the title; one after the title's last word ends it.
#[test]
fn enacting_phrase_inside_the_subject() {
    let lines = [
        "KẾ HOẠCH",
        "TRIỂN KHAI CHỈ THỊ SỐ 5/CT-TTG CỦA",
        "THỦ TƯỚNG CHÍNH PHỦ VỀ PHÒNG CHÁY",
        "",
    ];
    let (t, _) = after_heading(&lines, 0, String::new());
    assert_eq!(
        t.as_deref(),
        Some("TRIỂN KHAI CHỈ THỊ SỐ 5/CT-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ PHÒNG CHÁY")
    );
    let lines = [
        "THÔNG BÁO",
        "Ý KIẾN CỦA THỦ TƯỚNG",
        "CHÍNH PHỦ TẠI HỘI NGHỊ",
        "",
    ];
    let (t, _) = after_heading(&lines, 0, String::new());
    assert_eq!(
        t.as_deref(),
        Some("Ý KIẾN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI HỘI NGHỊ")
    );
    assert_eq!(
        cut_enacting("Ý KIẾN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI HỘI NGHỊ"),
        "Ý KIẾN CỦA THỦ TƯỚNG CHÍNH PHỦ TẠI HỘI NGHỊ"
    );
    let lines = [
        "NGHỊ ĐỊNH",
        "QUY ĐỊNH VỀ PHÍ CẦU ĐƯỜNG",
        "CHÍNH PHỦ",
        "Căn cứ Luật;",
    ];
    let (t, _) = after_heading(&lines, 0, String::new());
    assert_eq!(t.as_deref(), Some("QUY ĐỊNH VỀ PHÍ CẦU ĐƯỜNG"));
    // A dash at a line's end sets the next line's title in apposition.
    let lines = [
        "THÔNG BÁO",
        "Ý KIẾN CỦA BỘ TRƯỞNG LÊ VĂN AN -",
        "TRƯỞNG BAN CHỈ ĐẠO TẠI HỘI NGHỊ",
        "",
    ];
    let (t, _) = after_heading(&lines, 0, String::new());
    assert_eq!(
        t.as_deref(),
        Some("Ý KIẾN CỦA BỘ TRƯỞNG LÊ VĂN AN - TRƯỞNG BAN CHỈ ĐẠO TẠI HỘI NGHỊ")
    );
}

/// Words OCR glued in an upper-case title take the text's spacing of their letters; a
/// code, or a glued word the text never spaces, stays.
#[test]
fn glued_title_words_from_the_text() {
    let text = "Ủy ban nhân dân tỉnh Gia Lai ban hành quy định về tài sản công.";
    assert_eq!(
        respaced("QUẢN LÝ TÀI SẢN CÔNG CỦA TỈNH GIALAI".into(), text),
        "QUẢN LÝ TÀI SẢN CÔNG CỦA TỈNH GIA LAI"
    );
    assert_eq!(
        respaced("QUY ĐỊNH CỦA UBND TỈNH VỀ TÀISẢN".into(), "không có"),
        "QUY ĐỊNH CỦA UBND TỈNH VỀ TÀISẢN"
    );
}

/// OCR's small letters in an upper-case title are capitals; a code keeps its own case.
#[test]
fn small_letters_in_an_upper_case_title() {
    let lines = ["CHỈ THỊ", "về PHÒNG CHỐNG DỊCH THEO CÔNG ĐIỆN 5/CĐ-TTg", ""];
    let (t, _) = after_heading(&lines, 0, String::new());
    assert_eq!(
        t.as_deref(),
        Some("VỀ PHÒNG CHỐNG DỊCH THEO CÔNG ĐIỆN 5/CĐ-TTg")
    );
}

/// A full stop on the last word is the title's; OCR's signs after it are not.
#[test]
fn full_stop_kept_junk_dropped() {
    assert_eq!(
        trim_end("VỀ PHÒNG CHỐNG LỤT BÃO."),
        "VỀ PHÒNG CHỐNG LỤT BÃO."
    );
    assert_eq!(
        trim_end("VỀ PHÒNG CHỐNG LỤT BÃO ._"),
        "VỀ PHÒNG CHỐNG LỤT BÃO"
    );
    assert_eq!(
        trim_end("VỀ PHÒNG CHỐNG LỤT BÃO;"),
        "VỀ PHÒNG CHỐNG LỤT BÃO"
    );
}

#[test]
fn joining_words_in_small_letters() {
    assert_eq!(
        small_joining_words("Kết quả năm 2025 của tỉnh và Của các sở, Sở Tư pháp"),
        "Kết quả năm 2025 của tỉnh và của các sở, Sở Tư pháp"
    );
}

/// The enacting authority's first word left at the title's end by a line break goes.
#[test]
fn enacting_word_split_from_its_line() {
    let lines = [
        "QUYẾT ĐỊNH",
        "GIAO CHỈ TIÊU NĂM 2026 CHO CÁC XÃ CHỦ",
        "",
        "TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG",
        "Căn cứ Luật;",
    ];
    let (t, _) = after_heading(&lines, 0, String::new());
    assert_eq!(t.as_deref(), Some("GIAO CHỈ TIÊU NĂM 2026 CHO CÁC XÃ"));
    let lines = [
        "QUYẾT ĐỊNH",
        "GIAO CHỈ TIÊU CỦA CHỦ",
        "",
        "TỊCH ỦY BAN NHÂN DÂN",
    ];
    let (t, _) = after_heading(&lines, 0, String::new());
    assert_eq!(t.as_deref(), Some("GIAO CHỈ TIÊU CỦA CHỦ"));
}

/// A công văn whose subject line lost its `V/v`: a `Về …` line right under the number.
#[test]
fn công_văn_subject_without_v_v() {
    let number = Regex::new(r"Số:\s*\d+/\S+").unwrap();
    let date = Regex::new(r"\p{Lu}\p{L}*, ngày \d+").unwrap();
    let lines = [
        "SỞ Y TẾ",
        "Số: 12/SYT-KHTC",
        "Về việc rà soát trang thiết bị",
        "Đà Lạt, ngày 3 tháng 4 năm 2025",
        "Kính gửi: các bệnh viện",
    ];
    let (t, next) = công_văn(&lines, 5, &number, &date).unwrap();
    assert_eq!(t.as_deref(), Some("Về việc rà soát trang thiết bị"));
    assert_eq!(next, 3);
    let lines = [
        "SỞ Y TẾ",
        "Số: 12/SYT-KHTC",
        "Kính gửi: các bệnh viện",
        "Về việc này",
    ];
    assert!(công_văn(&lines, 4, &number, &date).is_none());
    // A colon or mark OCR left after the subject goes.
    let lines = [
        "SỞ Y TẾ",
        "Số: 12/SYT-KHTC",
        "V/v rà soát thiết bị :",
        "Kính gửi: Bộ Y tế",
    ];
    let (t, _) = công_văn(&lines, 4, &number, &date).unwrap();
    assert_eq!(t.as_deref(), Some("V/v rà soát thiết bị"));
}

#[test]
fn specks_after_an_upper_case_title() {
    assert_eq!(
        without_trailing_specks("HỘ KINH DOANH Sẽ|"),
        "HỘ KINH DOANH"
    );
    assert_eq!(
        without_trailing_specks("CÓ YẾU TỐ NƯỚC NGOÀI ~ oe"),
        "CÓ YẾU TỐ NƯỚC NGOÀI ~"
    );
    // Words in capitals, a code and small letters without a sign stay.
    assert_eq!(
        without_trailing_specks("KINH TẾ - XÃ HỘI"),
        "KINH TẾ - XÃ HỘI"
    );
    assert_eq!(
        without_trailing_specks("QUYẾT ĐỊNH SỐ 12/QĐ-TTg"),
        "QUYẾT ĐỊNH SỐ 12/QĐ-TTg"
    );
    assert_eq!(without_trailing_specks("VÙNG CAO vùng"), "VÙNG CAO vùng");
}

/// `Vv` OCR made of `V/v`, read by restoration as `Và`, under the number.
#[test]
fn công_văn_subject_read_as_và() {
    let number = Regex::new(r"Số:\s*\d+/\S+").unwrap();
    let date = Regex::new(r"\p{Lu}\p{L}*, ngày \d+").unwrap();
    let lines = [
        "SỞ Y TẾ",
        "Số: 12/SYT-KHTC",
        "Và cấp phát vắc xin đợt hai",
        "Đà Lạt, ngày 3 tháng 4 năm 2025",
    ];
    let (t, _) = công_văn(&lines, 4, &number, &date).unwrap();
    assert_eq!(t.as_deref(), Some("V/v cấp phát vắc xin đợt hai"));
}

#[test]
fn a_comma_glued_between_two_small_words() {
    assert_eq!(
        comma_specks("V/v kiểm tra hồ sơ,sổ sách, chứng từ"),
        "V/v kiểm tra hồ sơ sổ sách, chứng từ"
    );
    assert_eq!(comma_specks("V/v tỷ lệ 2,5%"), "V/v tỷ lệ 2,5%");
}
