//! Unit tests of the citation reader (`citations.rs`), sentences written for them.
use crate::extract::entities::extract;

fn refs(text: &str) -> Vec<(String, String, Option<String>)> {
    extract(text)
        .into_iter()
        .filter(|e| e.kind == "legal_reference")
        .map(|e| {
            let v = e.value;
            (
                v["doc_type"].as_str().unwrap_or("").to_string(),
                v["number"].as_str().unwrap_or("").to_string(),
                v["date"].as_str().map(String::from),
            )
        })
        .collect()
}

#[test]
fn date_in_words_and_without_a_space() {
    let r = refs("Thực hiện Quyết định số 15/2023/QĐ-TTg ngày 3 tháng 4 năm 2023 của Thủ tướng và Thông tư số 7/2012/TT-BYT ngày12/3/2012.");
    assert_eq!(
        r[0],
        (
            "Quyết định".into(),
            "15/2023/QĐ-TTg".into(),
            Some("2023-04-03".into())
        )
    );
    assert_eq!(
        r[1],
        (
            "Thông tư".into(),
            "7/2012/TT-BYT".into(),
            Some("2012-03-12".into())
        )
    );
}

#[test]
fn date_on_the_next_line_and_an_ocr_read_type_code() {
    let r = refs("theo Thông tư số 04/2019/TT-BNV ngày\n12 tháng 6 năm 2019 và Quyết định số 9/2020/QDB-TTg của Bộ trưởng Bộ Nội vụ\nngày 3/2/2020; Kế hoạch số 5/TB-UBND.");
    assert_eq!(
        r,
        vec![
            (
                "Thông tư".into(),
                "04/2019/TT-BNV".into(),
                Some("2019-06-12".into())
            ),
            (
                "Quyết định".into(),
                "9/2020/QĐ-TTg".into(),
                Some("2020-02-03".into())
            ),
            ("Kế hoạch".into(), "5/TB-UBND".into(), None),
        ]
    );
}

#[test]
fn date_after_the_issuer() {
    let r = refs("theo Chỉ thị 08/CT-UBND của Ủy ban nhân dân tỉnh ngày 02/02/2022 về phòng dịch");
    assert_eq!(
        r,
        vec![(
            "Chỉ thị".into(),
            "08/CT-UBND".into(),
            Some("2022-02-02".into())
        )]
    );
}

#[test]
fn shared_type_word_over_three_numbers() {
    let r = refs("các Nghị định của Chính phủ: số 11/2020/NĐ-CP; số 12/2021/NĐ-CP và số 13/2022/NĐ-CP ngày 5/6/2022.");
    let types: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(types, ["Nghị định"; 3]);
    assert_eq!(r[2].2.as_deref(), Some("2022-06-05"));
}

#[test]
fn nearest_type_word_wins() {
    let r = refs("Kế hoạch triển khai thực hiện Nghị quyết số 77/NQ-CP ngày 01/3/2024; Luật Đường sắt số 95/2025/QH15; pháp luật về thuế theo Tờ trình 9/TTr-STC.");
    let types: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(types, ["Nghị quyết", "Luật", "Tờ trình"]);
}

#[test]
fn ocr_junk_inside_a_word_is_no_sentence_end() {
    let r = refs("Căn cứ Luật Tố chí?cỡ chính quyền số 72/2025/QH15; Nghị định? Theo số 5/NĐ-CP.");
    assert_eq!(r, vec![("Luật".into(), "72/2025/QH15".into(), None)]);
}

#[test]
fn ocr_noise_in_a_citation() {
    let r = refs("Căn cứ Nghị định s6'148/2025/NĐ-CP ngày 12 tháng 6 năm —\n2025; Quyết-định số 9/QĐ-BYT; Luật Nhà 6 số 27/2023/QH15; Kế hoạch 12 năm 5/KH-X.");
    assert_eq!(
        r,
        vec![
            (
                "Nghị định".into(),
                "148/2025/NĐ-CP".into(),
                Some("2025-06-12".into())
            ),
            ("Quyết định".into(), "9/QĐ-BYT".into(), None),
            ("Luật".into(), "27/2023/QH15".into(), None)
        ]
    );
}

#[test]
fn ocr_read_số_and_a_date_below_a_blank_line() {
    // `số` read as `56` or `s6`; `ngày` with its date below a blank line, or glued to the
    // number by a hyphen; two figures before a number are no `số` (`12 5/…`); a dot or a
    // hyphen inside a date in words (`tháng. 11-năm`).
    let r = refs("theo Chỉ thị 56 8/CT-UBND ngày\n\n3/4/2021; Kế hoạch s6 7/KH-X-ngày 5/6/2022; Quyết định 12 5/QĐ-Y; Thông tư số 2/2020/TT-Z ngày 8 tháng. 11-năm 2020.");
    assert_eq!(
        r,
        vec![
            (
                "Chỉ thị".into(),
                "8/CT-UBND".into(),
                Some("2021-04-03".into())
            ),
            (
                "Kế hoạch".into(),
                "7/KH-X".into(),
                Some("2022-06-05".into())
            ),
            (
                "Thông tư".into(),
                "2/2020/TT-Z".into(),
                Some("2020-11-08".into())
            )
        ]
    );
}

/// A title's citation in capitals whose date a line break parts: the date is its own; a
/// date opening the next sentence is not.
#[test]
fn a_wrapped_date_in_capitals() {
    let r = refs("BÃI BỎ QUYẾT ĐỊNH SỐ 12/2010/QĐ-UBND NGÀY 3 THÁNG\n5 NĂM 2010 CỦA UBND TỈNH");
    assert_eq!(r[0].2.as_deref(), Some("2010-05-03"));
    let r = refs("theo Quyết định số 12/2010/QĐ-UBND.\nNgày 3 tháng 5 năm 2010, Sở họp.");
    assert_eq!(r[0].2, None);
}

/// A code OCR broke with a sign: the date after it is still the citation's, and the next
/// number of the list shares its type.
#[test]
fn a_code_broken_by_a_sign() {
    let r = refs("theo Tờ trình số 12/TT¥-SYT ngày 3/10/2025, 15/TTr-SYT ngày 4/11/2025.");
    assert_eq!(
        r,
        vec![
            ("Tờ trình".into(), "12/TT".into(), Some("2025-10-03".into())),
            (
                "Tờ trình".into(),
                "15/TTr-SYT".into(),
                Some("2025-11-04".into())
            )
        ]
    );
}

/// A date on the next line after a stray dash, opening with a capital, followed by the
/// issuer: the citation's; one that opens a sentence is not.
#[test]
fn a_capital_date_below_with_its_issuer() {
    let r = refs("theo Kế hoạch số 8/KH-UBND\n\n- Ngày 2/3/2019 của UBND tỉnh; Kế hoạch số 9/KH-UBND.\nNgày 4/5/2020, tại hội trường");
    assert_eq!(
        r,
        vec![
            (
                "Kế hoạch".into(),
                "8/KH-UBND".into(),
                Some("2019-03-02".into())
            ),
            ("Kế hoạch".into(), "9/KH-UBND".into(), None)
        ]
    );
}

/// `số` read as `36` (a `3` for the `s`); a quote mark inside a type word.
#[test]
fn ocr_read_số_with_a_three() {
    let r = refs("theo Luật 36 4/2020/QH14 về đầu tư; Quyết ‘định số 5/QĐ-UBND.");
    assert_eq!(
        r,
        vec![
            ("Luật".into(), "4/2020/QH14".into(), None),
            ("Quyết định".into(), "5/QĐ-UBND".into(), None)
        ]
    );
}

/// Scan junk after the day of a date in words: a sign (`ngày 7: tháng`) or a line of its
/// own (`ngày 9⏎⏎*⏎⏎tháng`), in a citation and as a date.
#[test]
fn scan_junk_after_the_day_of_a_date() {
    let t = "theo Quyết định số 31/QĐ-BXD ngày 9\n\n*\n\ntháng 4 năm 2022 và đến ngày 7: tháng 5 năm 2023 thì xong.";
    let r = refs(t);
    assert_eq!(
        r,
        vec![(
            "Quyết định".into(),
            "31/QĐ-BXD".into(),
            Some("2022-04-09".into())
        )]
    );
    let dates: Vec<_> = extract(t)
        .into_iter()
        .filter(|e| e.kind == "date")
        .map(|e| e.value.as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(dates, ["2022-04-09", "2023-05-07"]);
}

/// A stray sign opening the date's line, or a quote before its day, is scan junk.
#[test]
fn stray_signs_before_a_citation_s_date() {
    let r = refs("theo Quyết định số 17/QĐ-UBND\n. ngày 02/3/2021 và Thông tư số 6/2024/TT-BXD ngày ‘4 tháng 7 năm 2024.");
    assert_eq!(
        r,
        vec![
            (
                "Quyết định".into(),
                "17/QĐ-UBND".into(),
                Some("2021-03-02".into())
            ),
            (
                "Thông tư".into(),
                "6/2024/TT-BXD".into(),
                Some("2024-07-04".into())
            )
        ]
    );
}

/// Two numbers joined by `và` share the date written after the second; a list item after
/// `;` keeps its own (none).
#[test]
fn numbers_joined_by_và_share_a_date() {
    let r = refs(
        "các Thông báo: số 3/TB-X và số 4/TB-X ngày 9/9/2024; số 5/TB-X; số 6/TB-X ngày 1/10/2024.",
    );
    let dates: Vec<Option<String>> = r.into_iter().map(|x| x.2).collect();
    assert_eq!(
        dates,
        [
            Some("2024-09-09".to_string()),
            Some("2024-09-09".to_string()),
            None,
            Some("2024-10-01".to_string())
        ]
    );
}

/// A type word that lost its marks on an OCR'd page is still the citation's type, in
/// its own sentence case; a lower-case one only before `số`.
#[test]
fn type_word_without_its_marks() {
    let r = refs("theo Nghi quyết số 12-NQ/TU ngày 3/3/2023 và Quyết dinh 45/QĐ-UBND; thong tu số 7/2021/TT-BTC.");
    let types: Vec<String> = r.into_iter().map(|x| x.0).collect();
    assert_eq!(types, ["Nghị quyết", "Quyết định", "Thông tư"]);
}

#[test]
fn lower_case_only_before_số_and_no_date_before() {
    let r = refs(
        "Ngày 20/10/2025, Sở đã có công văn số 881/STC-QLG gửi các đơn vị; theo quyết định 5/QĐ-X.",
    );
    assert_eq!(r, vec![("Công văn".into(), "881/STC-QLG".into(), None)]);
}

/// OCR's signs around a citation's date: a comma after the day (`ngày 01, tháng`), a hyphen
/// glued to `ngày`, a dot after `ngày` and at the next line's start, quotes glued to the day,
/// a colon before `năm`, `thdng`, and a month split in two (`17/1 1/2025`).
#[test]
fn ocr_signs_inside_a_citation_s_date() {
    let r = refs("theo Nghị định số 12/2024/NĐ-CP ngày 05, tháng 3 năm\n2024 và Quyết định số 8/2021/QĐ-UBND ngày-06/7/2021; Quyết định số 4/2022/QĐ-UBND NGÀY.\n. 09 THÁNG 03 NĂM 2022 CỦA UBND.");
    let dates: Vec<_> = r.iter().map(|x| x.2.as_deref()).collect();
    assert_eq!(
        dates,
        [Some("2024-03-05"), Some("2021-07-06"), Some("2022-03-09")]
    );
    let r = refs("Căn cứ Thông tư số 3/2023/TT-BCT ngày 14'’thang 2 năm 2023, Thông tư số 6/2023/TT-BCT ngày 15 thdng 4:năm 2023 và Quyết định số 70/QĐ-BCT ngày 12/1 0/2023.");
    let dates: Vec<_> = r.iter().map(|x| x.2.as_deref()).collect();
    assert_eq!(
        dates,
        [Some("2023-02-14"), Some("2023-04-15"), Some("2023-10-12")]
    );
}

/// OCR's `số` read as `86`, or after a stray sign at a line's start (`Quyết định -⏎56 …`).
#[test]
fn ocr_read_số_after_a_stray_sign() {
    let r = refs("thay thế Quyết định -\n56 41/2009/QĐ-TTg ngày 3/4/2009 và trả lời Công văn\n\n86 12/BXD-KH.");
    assert_eq!(
        r[0],
        (
            "Quyết định".into(),
            "41/2009/QĐ-TTg".into(),
            Some("2009-04-03".into())
        )
    );
}

/// OCR's signs in a citation's date: a comma after `năm` before the year on the next line, a
/// space after a slash; a space after a dot is no date.
#[test]
fn date_signs_left_by_ocr() {
    let r = refs("Bãi bỏ Quyết định số 8/2022/QĐ-UBND ngày 5 tháng 7 năm,\n2022 của Ủy ban nhân dân tỉnh; Chỉ thị số 3/CT-UBND ngày 14/ 9/2023 của Chủ tịch.");
    assert_eq!(
        r,
        [
            (
                "Quyết định".into(),
                "8/2022/QĐ-UBND".into(),
                Some("2022-07-05".into())
            ),
            (
                "Chỉ thị".into(),
                "3/CT-UBND".into(),
                Some("2023-09-14".into())
            )
        ]
    );
    let dates: Vec<_> = extract("Mục 2. 10.2025 là năm bản lề.")
        .into_iter()
        .filter(|e| e.kind == "date")
        .collect();
    assert!(dates.is_empty());
}

#[test]
fn a_citation_date_whose_month_word_ocr_damaged() {
    let r = refs(
        "(Kèm theo Kế hoạch số 412/KH-UBND ngày 08 thng 7 năm 2024 của Ủy ban nhân dân huyện)",
    );
    assert_eq!(
        r,
        [(
            "Kế hoạch".into(),
            "412/KH-UBND".into(),
            Some("2024-07-08".into())
        )]
    );
}
