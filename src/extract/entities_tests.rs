//! Tests of the entity patterns ([`super`]).

use super::*;

/// The values of one kind of entity that `extract` finds in `text`.
pub(crate) fn values(text: &str, kind: &str) -> Vec<Value> {
    extract(text)
        .into_iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.value)
        .collect()
}

#[test]
fn document_numbers() {
    let v = values("Số:11 /KH-SNgV và 78/QĐ-UBND, 46/2021/QĐ-UBND, 1800/SNV-CCHC&VTLT, 03-NQ/CB, 505/SNgV - VPTTr", "document_number");
    assert_eq!(
        v,
        vec![
            json!("11/KH-SNgV"),
            json!("78/QĐ-UBND"),
            json!("46/2021/QĐ-UBND"),
            json!("1800/SNV-CCHC&VTLT"),
            json!("03-NQ/CB"),
            json!("505/SNgV-VPTTr")
        ]
    );
    assert!(values(
        "xếp hạng 07/20 đạt 0.5/2 điểm, 2021-2030, tỷ lệ 3/4 số",
        "document_number"
    )
    .is_empty());
}

#[test]
fn numbers_ocr_broke() {
    let v = values(
        "Luật số 12/2024/QH1S5; Nghị định 7/2021/NĐ-GP; Quyết định 8/QĐ-UBND.",
        "document_number",
    );
    assert_eq!(
        v,
        vec![
            json!("12/2024/QH15"),
            json!("7/2021/NĐ-CP"),
            json!("8/QĐ-UBND")
        ]
    );
    // `số` glued to the number by a hyphen (`$0-`) is no part of it.
    let v = values("tại Nghị định $0-9/2024/NĐ-CP)", "document_number");
    assert_eq!(v, vec![json!("9/2024/NĐ-CP")]);
    // A code in capitals after the `S` stays apart.
    let v = values("số 5/2020/QH1SX", "document_number");
    assert_eq!(v, vec![json!("5/2020/QH1")]);
}

#[test]
fn dates() {
    let v = values("ngày 24 tháng 01 năm 2025, 24/01/2025, 24-01-2025, 24.01.2025, từ 01/01/2021 đến 31/8/2023", "date");
    assert_eq!(
        values("dịp 3 tháng 2 năm 2026, ngày 4 tháng 2nam 2026; từ ngày 15/11 đến ngày 20/11/2025; 118 tháng 2 năm 2026; vào ngày 6 tháng 7 năm\n\n_ 2026; ngày 9 tháng 8n4m 2026.", "date"),
        vec!["2026-02-03", "2026-02-04", "2025-11-15", "2025-11-20", "2026-07-06", "2026-08-09"]
    );
    assert_eq!(v.len(), 6);
    assert_eq!(v[0], json!("2025-01-24"));
    assert_eq!(v[5], json!("2023-08-31"));
    assert!(values(
        "năm 2024; 31/02/2024; 0912.345.678; 10/2020/QĐ-UBND; ĐT 024.3825.1234",
        "date"
    )
    .is_empty());
}

#[test]
fn scores_criteria_percentages_rankings() {
    let t = "Đối với tiêu chí 1.5: Tổ chức thực hiện: Sở được 0.5/2 điểm. Tiêu chí thành phần 3.3.2 đạt 0/1,5\nđiểm. Tỷ lệ 91,89%, xếp hạng 07/20 và xếp thứ 5. Tiêu chí 2.1 chưa chấm.";
    assert_eq!(
        values(t, "criterion"),
        vec![
            json!({"code": "1.5", "score": 0.5, "max": 2}),
            json!({"code": "3.3.2", "score": 0, "max": 1.5}),
            json!({"code": "2.1", "score": null, "max": null}),
        ]
    );
    assert_eq!(values(t, "score").len(), 2);
    assert_eq!(values(t, "percentage"), vec![json!(91.89)]);
    // A range of years OCR read with a `%`, and a percentage before one that is not.
    assert_eq!(
        values("giai đoạn 201% - 2025; tăng 12% - 15%", "percentage"),
        vec![json!(12), json!(15)]
    );
    assert_eq!(
        values(t, "ranking"),
        vec![json!({"rank": 7, "of": 20}), json!({"rank": 5, "of": null})]
    );
    assert!(values("tỷ lệ 3/4 số đơn vị", "score").is_empty());
    // A total given in words: `trong 31 xã` (not smaller than the rank).
    assert_eq!(
        values(
            "xã xếp thứ 4 trong 31 xã; đơn vị xếp hạng 12 trong 5 năm",
            "ranking"
        ),
        vec![
            json!({"rank": 4, "of": 31}),
            json!({"rank": 12, "of": null})
        ]
    );
    // A ranking word whose tone restoration missed, or OCR misread (`đúng thì?`).
    assert_eq!(
        values(
            "Sở xếp thu 3 trong các sở; Sở Y tế đúng thì? 4/15",
            "ranking"
        ),
        vec![json!({"rank": 3, "of": null}), json!({"rank": 4, "of": 15})]
    );
    // A list whose last item repeats `tiêu chí`: each code once.
    let codes: Vec<Value> = values(
        "kiểm tra các tiêu chí thành phần 4.1, 4.2 và\ntiêu chí 5.3 của Bộ chỉ số",
        "criterion",
    )
    .into_iter()
    .map(|v| v["code"].clone())
    .collect();
    assert_eq!(codes, vec![json!("4.1"), json!("4.2"), json!("5.3")]);
}

#[test]
fn legal_references() {
    let t = "Thực hiện Quyết định số 78/QĐ-UBND ngày 08/01/2025 của Chủ tịch; theo Quyết\n\nđịnh số 729/QĐ-BNG ngày 10/4/2020 và Luật Doanh nghiệp số 59/2020/QH14; Kế hoạch này.";
    assert_eq!(
        values(t, "legal_reference"),
        vec![
            json!({"doc_type": "Quyết định", "number": "78/QĐ-UBND", "date": "2025-01-08"}),
            json!({"doc_type": "Quyết định", "number": "729/QĐ-BNG", "date": "2020-04-10"}),
            json!({"doc_type": "Luật", "number": "59/2020/QH14", "date": null}),
        ]
    );
    // A lower-case type word is a word of the sentence (`pháp luật`), not the citation.
    let t = "tiếp cận pháp luật năm 2024\n\nThực hiện Kế hoạch số 102/KH-UBND ngày 15/3/2024";
    assert_eq!(
        values(t, "legal_reference"),
        vec![json!({"doc_type": "Kế hoạch", "number": "102/KH-UBND", "date": "2024-03-15"})]
    );
}

#[test]
fn spans_point_at_text() {
    let t = "Ở Lạng Sơn, ngày 24 tháng 01 năm 2025 có 78/QĐ-UBND.";
    let chars: Vec<char> = t.chars().collect();
    for e in extract(t) {
        let s: String = chars[e.span[0]..e.span[1]].iter().collect();
        assert_eq!(s, e.text);
    }
}

#[test]
fn a_date_whose_month_word_ocr_damaged_is_read_after_ngay_only() {
    let got = values(
        "Hà Giang, ngày 07 thàg 3 năm 2024. Họp ngày 21 ’tbng 9 năm.2023 tại xã. \
         Các ngày 5 và 6 năm 2022; đợt 14 xyz 10 năm 2021; ngày 4 tháng 5 năm 2020.",
        "date",
    );
    assert_eq!(
        got,
        [
            json!("2024-03-07"),
            json!("2023-09-21"),
            json!("2020-05-04")
        ]
    );
    assert_eq!(
        parse_date("ngày 30 rháng 4 năm 2019").as_deref(),
        Some("2019-04-30")
    );
    // A day that does not exist is still no date.
    assert!(values("ngày 31 thág 2 năm 2024", "date").is_empty());
}
