//! Whole records back out of the archive (`vanban review --db`): the `records` row (the record
//! without `text.restored` and `entities`) with the `restored` column and the `entities` rows put
//! back. A document indexed before schema version 2 has no `records` row: its record is made
//! from the columns alone (no raw text, no doubtful tokens).

use serde_json::{json, Map, Value};

use crate::doc::{Doc, EntityRow};

/// The entities array of a record as JSON text, from entity rows (PostgreSQL's `entities`
/// table; values are stored as JSON text).
pub fn entities_json(rows: &[EntityRow]) -> String {
    Value::Array(
        rows.iter()
            .map(|e| {
                json!({
                    "type": e.kind,
                    "text": e.text,
                    "value": serde_json::from_str::<Value>(&e.value)
                        .unwrap_or_else(|_| Value::String(e.value.clone())),
                    "span": e.span,
                    "confidence": e.confidence,
                })
            })
            .collect(),
    )
    .to_string()
}

/// The record of a document read back from the archive (`d.record` is the `records` row,
/// `d.entities_json` and `d.recipients` its entities and recipients; `d.citations` is not
/// used).
pub fn record(d: &Doc) -> Value {
    let kept = d
        .record
        .as_deref()
        .and_then(|s| serde_json::from_str::<Value>(s).ok())
        .filter(Value::is_object);
    let mut v = kept.unwrap_or_else(|| from_columns(d));
    if let Some(o) = v.as_object_mut() {
        let entities = serde_json::from_str::<Value>(&d.entities_json)
            .ok()
            .filter(Value::is_array)
            .unwrap_or_else(|| Value::Array(Vec::new()));
        o.insert("entities".into(), entities);
        if let Some(restored) = &d.restored {
            let text = o.entry("text").or_insert_with(|| Value::Object(Map::new()));
            if !text.is_object() {
                *text = Value::Object(Map::new());
            }
            if let Some(t) = text.as_object_mut() {
                t.insert("restored".into(), Value::String(restored.clone()));
            }
        }
    }
    v
}

/// A record made from the `documents` columns (an archive row without a `records` row).
fn from_columns(d: &Doc) -> Value {
    let error = if d.error_kind.is_some() || d.error_message.is_some() {
        json!({"kind": d.error_kind, "message": d.error_message})
    } else {
        Value::Null
    };
    json!({
        "schema_version": 1,
        "source": {"path": d.path, "sha256": d.sha256, "kind": d.kind, "pages": d.pages},
        "status": d.status,
        "error": error,
        "text": if d.restored.is_some() { json!({"raw": null}) } else { Value::Null },
        "restoration": null,
        "document": {
            "number": d.number,
            "type": d.doc_type,
            "date": d.date,
            "place": d.place,
            "authority": d.authority,
            "parent_authority": d.parent_authority,
            "title": d.title,
            "signer": d.signer,
            "signer_title": d.signer_title,
            "recipients": (!d.recipients.is_empty()).then_some(&d.recipients),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"schema_version":1,"source":{"path":"a.txt","sha256":"ab","kind":"txt","pages":null},"status":"ok","error":null,"text":{"raw":"Ke hoach","restored":"Kế hoạch"},"restoration":{"tokens":2,"low_confidence":1,"low_confidence_tokens":[{"span":[0,2],"raw":"Ke","confidence":0.4,"alternatives":[{"text":"Kê","confidence":0.3}]}]},"document":{"number":null,"type":"KẾ HOẠCH","date":null,"place":null,"authority":null,"parent_authority":null,"title":null,"signer":null,"signer_title":null,"recipients":["Sở Nội vụ"]},"entities":[{"type":"percentage","text":"9%","value":9,"span":[0,2],"confidence":0.9}]}"#;

    #[test]
    fn the_whole_record_comes_back() {
        let d = Doc::from_json(LINE.as_bytes()).unwrap();
        let stored = d.record.as_deref().unwrap();
        assert!(
            !stored.contains("Kế hoạch\""),
            "restored kept twice: {stored}"
        );
        let back = record(&d);
        let want: Value = serde_json::from_str(LINE).unwrap();
        assert_eq!(back, want);
    }

    #[test]
    fn a_version_1_row_gives_what_the_columns_hold() {
        let mut d = Doc::from_json(LINE.as_bytes()).unwrap();
        d.record = None;
        let back = record(&d);
        assert_eq!(back["text"]["restored"], "Kế hoạch");
        assert_eq!(back["text"]["raw"], Value::Null);
        assert_eq!(back["document"]["type"], "KẾ HOẠCH");
        assert_eq!(back["document"]["recipients"][0], "Sở Nội vụ");
        assert_eq!(back["entities"][0]["value"], 9);
        assert_eq!(back["restoration"], Value::Null);
        // A damaged row is not a panic: the columns again.
        d.record = Some("not json".into());
        assert_eq!(record(&d)["source"]["path"], "a.txt");
    }
}
