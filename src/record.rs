//! The JSON record of one input document (SPEC.md's schema, `schema_version` 1), the same for
//! successes and failures: a failed input still gets a record with `status: "error"`.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::extract::{self, Document, Entity};
use crate::restore::Restorer;

/// Current schema version.
pub const SCHEMA_VERSION: u32 = 1;

/// Where a record comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Source {
    pub path: String,
    pub sha256: String,
    /// `txt`, `pdf` or `image`.
    pub kind: String,
    pub pages: Option<u32>,
    /// Tesseract's mean word confidence (0-1) over the pages vanban OCR'd; absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<f32>,
    /// Per page of a PDF or image: where its text came from (`text-layer`, `ocr`,
    /// `re-ocr`) and why; absent for text files and failed inputs.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub page_text: Vec<crate::ingest::PageText>,
    /// The shard (`I/N`) of a sharded run that made this record; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
}

/// Why an input failed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorInfo {
    pub kind: String,
    pub message: String,
}

/// Raw and restored text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Text {
    pub raw: String,
    pub restored: String,
}

/// Restoration statistics.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Restoration {
    pub tokens: usize,
    pub changed: usize,
    pub mean_confidence: f32,
    pub low_confidence: usize,
}

/// One record.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub schema_version: u32,
    pub source: Source,
    pub status: &'static str,
    pub error: Option<ErrorInfo>,
    pub text: Option<Text>,
    pub restoration: Option<Restoration>,
    pub document: Document,
    pub entities: Vec<Entity>,
    /// Files written for this input beside the record (`--pdf-dir`); absent when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outputs: Option<Outputs>,
}

/// Files written for an input beside its record.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Outputs {
    /// The searchable PDF (the page images under the restored text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    /// Why the searchable PDF could not be written (the record itself is whole).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf_error: Option<String>,
}

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

impl Record {
    /// A successful record: restores `raw`, extracts, fills every field.
    pub fn from_text(r: &Restorer, source: Source, raw: &str) -> Record {
        Self::from_text_ocr(r, source, raw, &[])
    }

    /// As [`Record::from_text`], with Tesseract's confidence per whitespace token of `raw`
    /// (NaN where unknown): a token's confidence is the lower of OCR's and restoration's.
    pub fn from_text_ocr(r: &Restorer, source: Source, raw: &str, ocr: &[f32]) -> Record {
        let restored = r.restore_with_ocr(raw, ocr);
        let ex = extract::extract(&restored.text);
        let aligned = ocr.len() == restored.tokens.len();
        let conf: Vec<f32> = restored
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| match ocr.get(i) {
                Some(&o) if aligned && !o.is_nan() => t.confidence.min(o),
                _ => t.confidence,
            })
            .collect();
        let mean = if conf.is_empty() {
            1.0
        } else {
            conf.iter().sum::<f32>() / conf.len() as f32
        };
        Record {
            schema_version: SCHEMA_VERSION,
            source,
            status: "ok",
            error: None,
            restoration: Some(Restoration {
                tokens: restored.tokens.len(),
                changed: restored.changed(),
                mean_confidence: (mean * 1000.0).round() / 1000.0,
                low_confidence: conf
                    .iter()
                    .filter(|&&c| c < r.params.low_confidence)
                    .count(),
            }),
            text: Some(Text {
                raw: raw.to_string(),
                restored: restored.text,
            }),
            document: ex.document,
            entities: ex.entities,
            outputs: None,
        }
    }

    /// A failed record: what is known of the source, the error, nulls elsewhere.
    pub fn failed(source: Source, kind: &str, message: String) -> Record {
        Record {
            schema_version: SCHEMA_VERSION,
            source,
            status: "error",
            error: Some(ErrorInfo {
                kind: kind.to_string(),
                message,
            }),
            text: None,
            restoration: None,
            document: Document::default(),
            entities: Vec::new(),
            outputs: None,
        }
    }
}
