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
    /// Each of the `low_confidence` tokens, for review (absent when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub low_confidence_tokens: Vec<LowToken>,
}

/// A token restoration (or OCR) was unsure of: where it is, what was read, what else it
/// could be.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LowToken {
    /// Its index among the whitespace tokens of the text (the same in `raw` and `restored`).
    pub token: usize,
    /// `[start, end)` in characters of `text.restored`.
    pub span: [usize; 2],
    /// The token as restored, and as the input (OCR) gave it.
    pub text: String,
    pub raw: String,
    /// The lower of restoration's and OCR's confidence.
    pub confidence: f32,
    /// Up to 3 other readings, best first.
    pub alternatives: Vec<Reading>,
    /// For a token OCR read: its page (from 1) and box on the page image, as fractions of
    /// the image's width and height (`[left, top, right, bottom]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(rename = "box", skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
}

/// Another reading of a token and its probability.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reading {
    pub text: String,
    pub confidence: f32,
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// The low-confidence tokens of a restoration: `conf` is each token's confidence.
fn low_tokens(
    raw: &str,
    restored: &crate::restore::Restored,
    conf: &[f32],
    threshold: f32,
) -> Vec<LowToken> {
    if !conf.iter().any(|&c| c < threshold) {
        return Vec::new();
    }
    let raw = crate::normalize::nfc(raw);
    let raw_tokens: Vec<&str> = crate::normalize::lines(&raw)
        .flat_map(|(l, _)| crate::normalize::tokens(l))
        .collect();
    // Character offsets to byte offsets, walking forward (tokens come in order).
    let text = &restored.text;
    let mut chars = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let mut at_char = 0usize;
    let mut at_byte = chars.next().unwrap_or(0);
    let mut byte_of = |c: usize| {
        while at_char < c {
            at_byte = chars.next().unwrap_or(text.len());
            at_char += 1;
        }
        at_byte
    };
    let mut alts = restored.alternatives.iter().peekable();
    let mut out = Vec::new();
    for (i, (t, &c)) in restored.tokens.iter().zip(conf).enumerate() {
        if c >= threshold {
            continue;
        }
        while alts.next_if(|a| a.token < i).is_some() {}
        let alternatives = alts
            .next_if(|a| a.token == i)
            .map(|a| {
                a.readings
                    .iter()
                    .map(|(text, p)| Reading {
                        text: text.clone(),
                        confidence: round3(*p),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (a, b) = (byte_of(t.start), byte_of(t.end));
        out.push(LowToken {
            token: i,
            span: [t.start, t.end],
            text: text[a..b].to_string(),
            raw: raw_tokens
                .get(i)
                .map_or_else(String::new, |s| s.to_string()),
            confidence: round3(c),
            alternatives,
            page: None,
            bbox: None,
        });
    }
    out
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
                low_confidence_tokens: low_tokens(raw, &restored, &conf, r.params.low_confidence),
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

    /// Gives the low-confidence tokens that OCR read their page and box on the page image.
    pub fn place_tokens(&mut self, pages: &[crate::ingest::PageWords]) {
        let Some(rest) = self.restoration.as_mut() else {
            return;
        };
        for t in &mut rest.low_confidence_tokens {
            let Some(p) = pages
                .iter()
                .find(|p| t.token >= p.first_token && t.token - p.first_token < p.boxes.len())
            else {
                continue;
            };
            let b = &p.boxes[t.token - p.first_token];
            let (w, h) = (p.width.max(1) as f32, p.height.max(1) as f32);
            let f = |x: f32, d: f32| round3((x / d).clamp(0.0, 1.0));
            t.page = Some(p.page);
            t.bbox = Some([
                f(b.x0.min(b.x1), w),
                f(b.y0.min(b.y1) - b.height, h),
                f(b.x0.max(b.x1), w),
                f(b.y0.max(b.y1), h),
            ]);
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
