//! A small record set with hand-computed answers, shared by the SQLite and PostgreSQL tests.

#![allow(dead_code)]

use serde_json::json;
use vanban_archive::{Doc, Search, Store};

/// One record as `vanban run` writes it.
#[allow(clippy::too_many_arguments)]
pub fn record(
    path: &str,
    sha: &str,
    number: Option<&str>,
    doc_type: Option<&str>,
    date: Option<&str>,
    authority: (Option<&str>, Option<&str>),
    title: Option<&str>,
    body: &str,
    cites: &[(&str, &str)],
) -> String {
    let mut entities = vec![];
    for (t, n) in cites {
        entities.push(json!({"type": "legal_reference", "text": format!("{t} số {n}"),
            "value": {"doc_type": t, "number": n, "date": null}, "span": [0, 0], "confidence": 0.9}));
    }
    if let Some(d) = date {
        entities.push(
            json!({"type": "date", "text": d, "value": d, "span": [1, 2], "confidence": 0.98}),
        );
    }
    json!({
        "schema_version": 1,
        "source": {"path": path, "sha256": sha, "kind": "txt", "pages": null},
        "status": "ok", "error": null,
        "text": {"raw": body, "restored": body},
        "restoration": {"tokens": 1, "changed": 0, "mean_confidence": 1.0, "low_confidence": 0},
        "document": {"number": number, "type": doc_type, "date": date, "place": null,
            "authority": authority.0, "parent_authority": authority.1, "title": title,
            "signer": null, "signer_title": null, "recipients": ["Như trên", "Lưu VT"]},
        "entities": entities
    })
    .to_string()
}

/// Five records: four documents and one error record.
pub fn records() -> Vec<String> {
    vec![
        record(
            "a.txt",
            &"a".repeat(64),
            Some("15/2025/QĐ-TTg"),
            Some("QUYẾT ĐỊNH"),
            Some("2025-06-14"),
            (Some("THỦ TƯỚNG CHÍNH PHỦ"), None),
            Some("Về chương trình chuyển đổi số quốc gia"),
            "Quyết định phê duyệt chương trình chuyển đổi số. Đơn vị chủ trì: Bộ Khoa học.",
            &[],
        ),
        record(
            "b.txt",
            &"b".repeat(64),
            Some("12/KH-SNV"),
            Some("KẾ HOẠCH"),
            Some("2024-03-02"),
            (Some("SỞ NỘI VỤ"), Some("UBND TỈNH LẠNG SƠN")),
            Some("Triển khai thực hiện chuyển đổi số"),
            "Căn cứ Quyết định số 15/2025/QĐ-TTg của Thủ tướng, Sở Nội vụ xây dựng kế hoạch.",
            &[("Quyết định", "15/2025/QĐ-TTg")],
        ),
        record(
            "c.txt",
            &"c".repeat(64),
            Some("7/QĐ-SNV"),
            Some("QUYẾT ĐỊNH"),
            Some("2024-11-20"),
            (Some("SỞ NỘI VỤ"), Some("UBND TỈNH LẠNG SƠN")),
            Some("Về việc khen thưởng"),
            "Khen thưởng ông Đinh Văn An theo Kế hoạch số 12/KH-SNV và 15/2025/QĐ-TTg.",
            &[("Kế hoạch", "12/KH-SNV"), ("Quyết định", "15/2025/QĐ-TTg")],
        ),
        record(
            "d.txt",
            &"d".repeat(64),
            Some("88/STC-NS"),
            None,
            Some("2023-12-31"),
            (Some("SỞ TÀI CHÍNH"), None),
            Some("V/v góp ý dự thảo quy định"),
            "Sở Tài chính góp ý theo Nghị định số 99/2023/NĐ-CP.",
            &[("Nghị định", "99/2023/NĐ-CP")],
        ),
        json!({
            "schema_version": 1,
            "source": {"path": "e.pdf", "sha256": "", "kind": "pdf", "pages": null},
            "status": "error", "error": {"kind": "encrypted", "message": "needs a password"},
            "text": null, "restoration": null,
            "document": {"number": null, "type": null, "date": null, "place": null, "authority": null,
                "parent_authority": null, "title": null, "signer": null, "signer_title": null,
                "recipients": null},
            "entities": []
        })
        .to_string(),
    ]
}

pub fn docs() -> Vec<Doc> {
    records()
        .iter()
        .map(|l| Doc::from_json(l.as_bytes()).unwrap())
        .collect()
}

/// The paths a search finds, in order.
pub fn paths(store: &mut dyn Store, s: &Search) -> Vec<String> {
    store
        .search(s)
        .unwrap()
        .into_iter()
        .map(|h| h.path)
        .collect()
}

/// A search for `q` with `f` applied to its filters.
pub fn search(q: &str, f: impl FnOnce(&mut Search)) -> Search {
    let mut s = Search {
        terms: vanban_archive::query::parse(q).unwrap(),
        limit: 20,
        ..Default::default()
    };
    f(&mut s);
    s
}

/// The hand-computed answers: (query, filters, expected paths as a set) for any back end.
pub fn cases() -> Vec<(Search, Vec<&'static str>)> {
    use vanban_archive::fold::{number_key, text_key};
    vec![
        (search("quyet dinh", |_| {}), vec!["a.txt", "b.txt"]),
        (search("chuyen doi so", |_| {}), vec!["a.txt", "b.txt"]),
        (search("\"chuyen doi so quoc gia\"", |_| {}), vec!["a.txt"]),
        (search("don vi", |_| {}), vec!["a.txt"]),
        (
            search("dinh", |_| {}),
            vec!["a.txt", "b.txt", "c.txt", "d.txt"],
        ),
        (search("định", |_| {}), vec!["a.txt", "b.txt", "d.txt"]),
        (search("Đinh", |_| {}), vec!["c.txt"]),
        (search("QD-TTg", |_| {}), vec!["b.txt", "c.txt"]),
        (search("khen*", |_| {}), vec!["c.txt"]),
        (
            search("", |s| s.cites = Some(number_key("15/2025/QD-TTg"))),
            vec!["c.txt", "b.txt"],
        ),
        (
            search("", |s| s.cites = Some(number_key("15 / 2025 / qđ-ttg"))),
            vec!["c.txt", "b.txt"],
        ),
        (
            search("", |s| s.cites = Some(number_key("12/KH-SNV"))),
            vec!["c.txt"],
        ),
        (
            search("", |s| s.number = Some(number_key("7/QD-SNV"))),
            vec!["c.txt"],
        ),
        (
            search("", |s| s.number = Some(number_key("15/2025/qd-ttg"))),
            vec!["a.txt"],
        ),
        (
            search("", |s| {
                s.from = Some("2024-01-01".into());
                s.to = Some("2024-12-31".into());
            }),
            vec!["c.txt", "b.txt"],
        ),
        (
            search("", |s| s.to = Some("2023-12-31".into())),
            vec!["d.txt"],
        ),
        (
            search("", |s| s.doc_type = Some(text_key("quyet dinh"))),
            vec!["a.txt", "c.txt"],
        ),
        (
            search("", |s| s.doc_type = Some(text_key("Công văn"))),
            vec!["d.txt"],
        ),
        (
            search("", |s| s.authority = Some(text_key("so noi vu"))),
            vec!["c.txt", "b.txt"],
        ),
        (
            search("", |s| s.authority = Some(text_key("LANG SON"))),
            vec!["c.txt", "b.txt"],
        ),
        (
            search("quyet dinh", |s| {
                s.from = Some("2024-01-01".into());
                s.to = Some("2024-12-31".into());
            }),
            vec!["b.txt"],
        ),
        (
            search("so", |s| {
                s.authority = Some(text_key("sở nội vụ"));
                s.cites = Some(number_key("12/kh-snv"));
            }),
            vec!["c.txt"],
        ),
        (search("nothing here", |_| {}), vec![]),
        (
            search("", |_| {}),
            vec!["a.txt", "c.txt", "b.txt", "d.txt", "e.pdf"],
        ),
    ]
}
