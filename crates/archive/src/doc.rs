//! One record line (`schema/record.schema.json`) read into the rows the archive stores. Error
//! records are read too (path, sha256, status, error); fields a record lacks are null.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::RecordError;
use crate::fold;

/// What the index reads of an entity when a record is loaded: its type and, for a legal
/// reference, its value.
#[derive(Deserialize)]
struct LeanEntity<'a> {
    #[serde(rename = "type", borrow)]
    kind: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    value: &'a RawValue,
    // The other fields are checked as the entity rows will read them (see `entity_rows`).
    #[serde(default, borrow, rename = "text")]
    _text: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, rename = "span")]
    _span: Option<[i64; 2]>,
    #[serde(default, rename = "confidence")]
    _confidence: Option<f64>,
}

#[derive(Deserialize)]
struct RawSource {
    path: String,
    #[serde(default)]
    sha256: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    pages: Option<i64>,
}

#[derive(Deserialize)]
struct RawError {
    kind: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize, Default)]
struct RawDocument {
    number: Option<String>,
    #[serde(rename = "type")]
    doc_type: Option<String>,
    date: Option<String>,
    place: Option<String>,
    authority: Option<String>,
    parent_authority: Option<String>,
    title: Option<String>,
    signer: Option<String>,
    signer_title: Option<String>,
    #[serde(default)]
    recipients: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct RawEntity {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: Option<String>,
    value: Box<RawValue>,
    #[serde(default)]
    span: Option<[i64; 2]>,
    #[serde(default)]
    confidence: Option<f64>,
}

#[derive(Deserialize)]
struct RawCitation {
    #[serde(default)]
    doc_type: Option<String>,
    number: String,
    #[serde(default)]
    date: Option<String>,
}

/// One entity row.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    pub kind: String,
    pub text: Option<String>,
    /// The value as JSON text, as the record has it.
    pub value: String,
    pub span: Option<[i64; 2]>,
    pub confidence: Option<f64>,
}

/// One citation: a `legal_reference` entity's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub doc_type: Option<String>,
    pub number: String,
    pub date: Option<String>,
}

/// What the archive stores of one record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    pub path: String,
    pub sha256: String,
    pub status: String,
    pub error_kind: Option<String>,
    pub error_message: Option<String>,
    pub kind: Option<String>,
    pub pages: Option<i64>,
    pub number: Option<String>,
    pub doc_type: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub authority: Option<String>,
    pub parent_authority: Option<String>,
    pub title: Option<String>,
    pub signer: Option<String>,
    pub signer_title: Option<String>,
    pub restored: Option<String>,
    pub recipients: Vec<String>,
    /// The record's `entities` array as JSON text (`[]` when it has none).
    pub entities_json: String,
    pub citations: Vec<Citation>,
    /// The record line's hash, [`record_hash`]: an unchanged record is not rewritten.
    pub record_hash: String,
    /// The record line without `text.restored` and `entities` (the `restored` column and the
    /// `entities` rows hold them): with them it gives the whole record back
    /// ([`crate::records`]), raw text and doubtful tokens included.
    pub record: Option<String>,
    /// The full-text columns when worked out ahead ([`Doc::prepare`], on the indexer's
    /// reading thread); `None`: worked out when the document is written.
    pub fts: Option<Box<[String; 4]>>,
}

impl Doc {
    /// Reads one JSON Lines record. The line is read once: its members are found as raw
    /// JSON text, and only the members the archive stores in columns are parsed further (a
    /// record's `restoration` member, often half its size, is passed over once).
    pub fn from_json(line: &[u8]) -> Result<Doc, RecordError> {
        // UTF-8 checked once (SIMD: a Vietnamese line is mostly multi-byte characters); the
        // parses below then read a `str` and check nothing again.
        let text = simdutf8::basic::from_utf8(line).map_err(|_| {
            let e = std::str::from_utf8(line).err();
            RecordError::Shape(format!(
                "not UTF-8 text: {}",
                e.map_or_else(|| "invalid".to_string(), |e| e.to_string())
            ))
        })?;
        let mut top: Top = serde_json::from_str(text)?;
        let restored: Option<String> = top
            .text
            .as_mut()
            .and_then(Option::as_mut)
            .and_then(|t| t.restored.take());
        let member = |k: &str| {
            top.members
                .iter()
                .find(|(key, _)| key == k)
                .and_then(|(_, v)| *v)
        };
        let required =
            |k: &str| member(k).ok_or_else(|| RecordError::Shape(format!("missing field `{k}`")));
        let source: RawSource = serde_json::from_str(required("source")?.get())?;
        let status: String = serde_json::from_str(required("status")?.get())?;
        if source.path.is_empty() {
            return Err(RecordError::Shape("source.path is empty".into()));
        }
        let parse_opt = |k: &str| -> Result<Option<&RawValue>, RecordError> {
            Ok(member(k).filter(|v| v.get() != "null"))
        };
        let error: Option<RawError> = match parse_opt("error")? {
            Some(v) => Some(serde_json::from_str(v.get())?),
            None => None,
        };
        let d: RawDocument = match parse_opt("document")? {
            Some(v) => serde_json::from_str(v.get())?,
            None => RawDocument::default(),
        };
        // `text`: read with the line (its members found, `restored` parsed, the rest kept as
        // printed), not read again.
        let text_fields = top.text.as_ref().and_then(Option::as_ref);
        let entities_json = parse_opt("entities")?.map_or("[]", |e| e.get());
        let lean: Vec<LeanEntity> = serde_json::from_str(entities_json)?;
        let citations = lean
            .iter()
            .filter(|e| e.kind == "legal_reference")
            .filter_map(|e| serde_json::from_str::<RawCitation>(e.value.get()).ok())
            .map(|c| Citation {
                doc_type: c.doc_type,
                number: c.number,
                date: c.date,
            })
            .collect();
        let record = stored_record(&top, text_fields, line.len());
        let (error_kind, error_message) = error.map_or((None, None), |e| (e.kind, e.message));
        Ok(Doc {
            path: source.path,
            sha256: source.sha256,
            status,
            error_kind,
            error_message,
            kind: source.kind,
            pages: source.pages,
            number: d.number,
            doc_type: d.doc_type,
            date: d.date,
            place: d.place,
            authority: d.authority,
            parent_authority: d.parent_authority,
            title: d.title,
            signer: d.signer,
            signer_title: d.signer_title,
            restored,
            recipients: d.recipients.unwrap_or_default(),
            entities_json: entities_json.to_string(),
            citations,
            record_hash: record_hash(line),
            record: Some(record),
            fts: None,
        })
    }

    /// The entities as rows (PostgreSQL's `entities` table); their fields were checked when
    /// the record was read.
    pub fn entity_rows(&self) -> Result<Vec<EntityRow>, RecordError> {
        let raw: Vec<RawEntity> = serde_json::from_str(&self.entities_json)?;
        Ok(raw
            .into_iter()
            .map(|e| EntityRow {
                kind: e.kind,
                text: e.text,
                value: e.value.get().to_string(),
                span: e.span,
                confidence: e.confidence,
            })
            .collect())
    }

    /// The recipients as a JSON array.
    pub fn recipients_json(&self) -> String {
        serde_json::to_string(&self.recipients).unwrap_or_else(|_| "[]".into())
    }

    /// The folded document number (`--number`).
    pub fn number_key(&self) -> Option<String> {
        self.number.as_deref().map(fold::number_key)
    }

    /// The folded type (`--type`): the type heading, or `cong van` for a công văn (no type
    /// heading, a `V/v` title).
    pub fn type_key(&self) -> Option<String> {
        match (&self.doc_type, &self.title) {
            (Some(t), _) => Some(fold::text_key(t)),
            (None, Some(t)) if fold::fold(t).starts_with("v/v") => Some("cong van".into()),
            _ => None,
        }
    }

    /// The folded authority and parent authority, one per line (`--authority`).
    pub fn authority_key(&self) -> Option<String> {
        let parts: Vec<String> = [&self.authority, &self.parent_authority]
            .into_iter()
            .flatten()
            .map(|s| fold::text_key(s))
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n"))
    }

    /// Works out the full-text columns now ([`Doc::fts`]), so that a store writes them
    /// without folding.
    pub fn prepare(&mut self) {
        if self.fts.is_none() {
            self.fts = Some(Box::new(self.fts_columns()));
        }
    }

    /// The four full-text columns: folded title, folded body, distinct accented tokens, date
    /// tokens.
    pub fn fts_columns(&self) -> [String; 4] {
        fts_columns(
            self.title.as_deref().unwrap_or(""),
            self.restored.as_deref().unwrap_or(""),
            self.date.as_deref(),
        )
    }
}

/// The full-text columns of a title, a text and a date (see [`Doc::fts_columns`]).
pub fn fts_columns(title: &str, body: &str, date: Option<&str>) -> [String; 4] {
    let mut accented = Vec::new();
    let title = fold::folded_tokens_noting(title, &mut accented);
    let body = fold::folded_tokens_noting(body, &mut accented);
    [
        title,
        body,
        fold::marked_of(accented),
        date.map(crate::facets::date_tokens).unwrap_or_default(),
    ]
}

/// The hash that tells a changed record line from the same line indexed again: `x` and the
/// 64-bit XXH3 of the line in 16 hex digits. Only a change detector for one path's record (not
/// a content address): XXH3 reads a 32 KB line in some 3 µs where SHA-256, which archives
/// made before it hold (16 hex digits, no `x`: their records are rewritten once when indexed
/// again), took some 20 µs, 4 % of indexing.
pub fn record_hash(line: &[u8]) -> String {
    format!("x{:016x}", xxhash_rust::xxh3::xxh3_64(line))
}

/// Appends a member name as a JSON string (names are plain words: copied; anything else
/// escaped by serde_json).
fn push_key(out: &mut String, key: &str) {
    if key.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(key);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(key).unwrap_or_else(|_| "\"\"".into()));
    }
}

/// What the `records` table keeps of a record line: the record without `text.restored` and
/// `entities`, from the members already found (`top`, and the first `text` member's members
/// when it is an object); the rest is copied as printed.
fn stored_record(top: &Top, text: Option<&TextFields>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    out.push('{');
    for (key, value) in &top.members {
        if key == "entities" {
            continue;
        }
        if out.len() > 1 {
            out.push(',');
        }
        push_key(&mut out, key);
        out.push(':');
        match text {
            Some(t) if key == "text" => {
                out.push('{');
                let mut first = true;
                for (k, v) in t.members.iter().filter(|(k, _)| k != "restored") {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    push_key(&mut out, k);
                    out.push(':');
                    out.push_str(v.get());
                }
                out.push('}');
            }
            // The first `text` member, read as an object or null: null.
            _ => out.push_str(value.map_or("null", |v| v.get())),
        }
    }
    out.push('}');
    out
}

/// A record line's members in their order, values as their text (borrowed from the line), but
/// for the first `text` member (`None` here), read as it is met into [`Top::text`].
struct Top<'a> {
    members: Vec<(Key<'a>, Option<&'a RawValue>)>,
    /// The first `text` member: `Some(None)` when null.
    text: Option<Option<TextFields<'a>>>,
}

/// The members of a record's `text` object in their order (values as printed), and its first
/// `restored` member parsed.
struct TextFields<'a> {
    members: Vec<(Key<'a>, &'a RawValue)>,
    restored: Option<String>,
}

impl<'de> Deserialize<'de> for Top<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = Top<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Top<'de>, A::Error> {
                let mut top = Top {
                    members: Vec::new(),
                    text: None,
                };
                while let Some(k) = m.next_key::<Key<'de>>()? {
                    if k == "text" && top.text.is_none() {
                        top.text = Some(m.next_value::<Option<TextFields<'de>>>()?);
                        top.members.push((k, None));
                    } else {
                        let v = m.next_value::<&'de RawValue>()?;
                        top.members.push((k, Some(v)));
                    }
                }
                Ok(top)
            }
        }
        d.deserialize_map(Members)
    }
}

impl<'de> Deserialize<'de> for TextFields<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = TextFields<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<TextFields<'de>, A::Error> {
                let mut t = TextFields {
                    members: Vec::new(),
                    restored: None,
                };
                let mut seen_restored = false;
                while let Some(k) = m.next_key::<Key<'de>>()? {
                    if k == "restored" && !seen_restored {
                        seen_restored = true;
                        t.restored = m.next_value::<Option<String>>()?;
                    } else if k == "restored" {
                        // Left out of the stored record like the first.
                        m.next_value::<&'de RawValue>()?;
                    } else {
                        let v = m.next_value::<&'de RawValue>()?;
                        t.members.push((k, v));
                    }
                }
                Ok(t)
            }
        }
        d.deserialize_map(Members)
    }
}

/// A member name, borrowed from the line unless it has escapes.
struct Key<'a>(std::borrow::Cow<'a, str>);

impl PartialEq<str> for Key<'_> {
    fn eq(&self, o: &str) -> bool {
        self.0 == o
    }
}

impl PartialEq<&str> for Key<'_> {
    fn eq(&self, o: &&str) -> bool {
        self.0 == *o
    }
}

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_hash_is_fixed_and_tells_one_byte_apart() {
        let line = br#"{"source":{"path":"a.txt","sha256":"ab"},"status":"ok"}"#;
        let h = record_hash(line);
        assert_eq!(h.len(), 17);
        assert!(h.starts_with('x') && h[1..].bytes().all(|b| b.is_ascii_hexdigit()));
        // The published XXH3-64 of the empty input: archives keep these, so the function
        // must not change between builds.
        assert_eq!(record_hash(b""), "x2d06800538d394c2");
        assert_eq!(record_hash(line), h);
        let mut other = line.to_vec();
        other[30] = b'b';
        assert_ne!(record_hash(&other), h);
        assert_eq!(Doc::from_json(line).unwrap().record_hash, h);
    }

    #[test]
    fn the_stored_record_leaves_out_restored_and_entities_only() {
        let src = r#""source":{"path":"a.txt","sha256":"ab"},"status":"ok""#;
        let stored = |line: String| Doc::from_json(line.as_bytes()).unwrap().record.unwrap();
        // `text` null; `text` with `restored` twice and an escaped name; `text` twice (the
        // first one's members are written for both, as before it was read with the line).
        assert_eq!(
            stored(format!(r#"{{{src}, "text" : null ,"entities":[]}}"#)),
            format!(r#"{{{src},"text":null}}"#)
        );
        let d = Doc::from_json(
            format!(
                r#"{{{src},"text":{{"raw":"x y","restored":"Kế","r\u0065stored":"z","a\"b":[1, 2]}}}}"#
            )
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(d.restored.as_deref(), Some("Kế"));
        assert_eq!(
            d.record.unwrap(),
            format!(r#"{{{src},"text":{{"raw":"x y","a\"b":[1, 2]}}}}"#)
        );
        assert_eq!(
            stored(format!(
                r#"{{{src},"text":{{"raw":"q","restored":null}},"text":{{"raw":"w"}}}}"#
            )),
            format!(r#"{{{src},"text":{{"raw":"q"}},"text":{{"raw":"q"}}}}"#)
        );
        assert!(Doc::from_json(format!(r#"{{{src},"text":"x"}}"#).as_bytes()).is_err());
        assert!(
            Doc::from_json(format!(r#"{{{src},"text":{{"restored":1}}}}"#).as_bytes()).is_err()
        );
    }

    #[test]
    fn reads_an_error_record() {
        let line = br#"{"schema_version":1,"source":{"path":"a.pdf","sha256":"","kind":"pdf","pages":null},"status":"error","error":{"kind":"encrypted","message":"needs a password"},"text":null,"restoration":null,"document":{"number":null,"type":null,"date":null,"place":null,"authority":null,"parent_authority":null,"title":null,"signer":null,"signer_title":null,"recipients":null},"entities":[]}"#;
        let d = Doc::from_json(line).unwrap();
        assert_eq!(d.status, "error");
        assert_eq!(d.error_kind.as_deref(), Some("encrypted"));
        assert_eq!(d.restored, None);
        let kept: serde_json::Value = serde_json::from_str(d.record.as_deref().unwrap()).unwrap();
        assert_eq!(kept["error"]["message"], "needs a password");
        assert!(kept.get("entities").is_none());
        assert!(Doc::from_json(b"{\"a\":1}").is_err());
        assert!(Doc::from_json(b"{\"source\":{\"path\":\"x\"},\"status\":\"ok\"").is_err());
    }
}
