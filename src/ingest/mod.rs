//! Ingestion: files to text. Text files are decoded (UTF-8 or UTF-16 with a BOM); PDFs give
//! their text layer page by page, and pages without one are OCR'd from their images;
//! images are OCR'd with Tesseract. Every failure is a typed [`IngestError`] that becomes the
//! document's error record.

pub mod file;
pub mod geometry;
pub mod image;
pub mod legacy;
pub mod pdf;
pub mod pdf_image;
pub mod pix;
pub mod text;
pub mod tiff;

use rayon::prelude::*;
use std::path::Path;

/// What kind of input a path is, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Txt,
    Pdf,
    Image,
}

impl Kind {
    /// The kind of a path, or `None` for extensions vanban does not read.
    pub fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Kind::Txt),
            "pdf" => Some(Kind::Pdf),
            "png" | "jpg" | "jpeg" | "tif" | "tiff" => Some(Kind::Image),
            _ => None,
        }
    }

    /// The record's `source.kind`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Txt => "txt",
            Kind::Pdf => "pdf",
            Kind::Image => "image",
        }
    }
}

/// Limits that keep hostile inputs bounded.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file read, in bytes.
    pub max_file_bytes: u64,
    /// Most PDF pages read.
    pub max_pages: usize,
    /// Most pixels in one image (width x height).
    pub max_pixels: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 512 << 20,
            max_pages: 2000,
            max_pixels: 100_000_000,
        }
    }
}

/// OCR settings.
#[derive(Debug, Clone)]
pub struct OcrOptions {
    /// Tesseract language(s): `vie`, `eng`, `vie+eng`.
    pub lang: String,
    /// Resolution assumed for images that do not state one.
    pub default_dpi: u32,
    /// Words Tesseract is less sure of than this (0-100) are dropped as scan noise.
    pub min_word_confidence: f32,
    /// Which PDF text layers are re-read from the page image.
    pub reocr: Reocr,
}

/// Which PDF text layers are re-read from the page image (`--reocr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Reocr {
    /// Layers judged mangled (OCR that lost its diacritics, junk) are re-read; good ones kept.
    #[default]
    Auto,
    /// Every page that has an image is read from it.
    Always,
    /// Text layers are kept as they are.
    Never,
}

/// Where one page's text came from, and why: the record's `source.page_text`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PageText {
    pub page: u32,
    /// `text-layer`, `ocr` (no usable layer) or `re-ocr` (a layer judged mangled, re-read).
    pub from: &'static str,
    pub why: String,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            lang: "vie".into(),
            default_dpi: 300,
            min_word_confidence: 20.0,
            reocr: Reocr::Auto,
        }
    }
}

/// Text taken from one input.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub text: String,
    pub pages: Option<u32>,
    /// Pages that were OCR'd, and Tesseract's mean word confidence over them (0-1).
    pub ocr_pages: u32,
    pub ocr_confidence: Option<f32>,
    /// Per whitespace token of `text`: Tesseract's confidence (0-1), NaN where the token did
    /// not come from OCR (a text layer or a text file).
    pub word_confidence: Vec<f32>,
    /// Per page of a PDF or image: where its text came from.
    pub page_text: Vec<PageText>,
    /// Per OCR'd page: where its words lie (for the searchable PDF's text layer).
    pub page_words: Vec<PageWords>,
    /// Whitespace tokens in `text` so far.
    tokens: usize,
}

/// Where an OCR'd page's tokens lie on its image.
#[derive(Debug, Clone, Default)]
pub struct PageWords {
    /// Page number (from 1).
    pub page: u32,
    /// The page's first whitespace token in the input's text.
    pub first_token: usize,
    /// The image's pixel size and resolution.
    pub width: u32,
    pub height: u32,
    pub dpi: u32,
    /// The rectangle of a PDF page (points, default user space) the image covers; `None`
    /// for an image input (its page is the image).
    pub rect: Option<[f32; 4]>,
    /// One box per token, in the image's pixels.
    pub boxes: Vec<geometry::WordBox>,
}

impl Ingested {
    /// Appends one page: its text, its tokens' OCR confidences (`None`: not OCR'd), and
    /// where the text came from and why.
    pub fn push_page(
        &mut self,
        text: &str,
        ocr: Option<&image::OcrText>,
        from: &'static str,
        why: String,
    ) {
        self.page_text.push(PageText {
            page: self.page_text.len() as u32 + 1,
            from,
            why,
        });
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.text.push_str(text);
        let n = text.split_whitespace().count();
        self.tokens += n;
        match ocr {
            Some(o) if o.words.len() == n => self.word_confidence.extend_from_slice(&o.words),
            _ => self
                .word_confidence
                .extend(std::iter::repeat_n(f32::NAN, n)),
        }
        if let Some(o) = ocr {
            let prev = self.ocr_confidence.unwrap_or(0.0) * self.ocr_pages as f32;
            self.ocr_pages += 1;
            self.ocr_confidence = Some((prev + o.confidence) / self.ocr_pages as f32);
        }
    }
}

impl Ingested {
    /// Records where the last pushed page's OCR'd tokens lie (nothing without OCR boxes for
    /// every token).
    pub fn place_words(&mut self, ocr: Option<&image::OcrText>, rect: Option<[f32; 4]>) {
        let Some(o) = ocr else { return };
        let n = o.text.split_whitespace().count();
        if o.boxes.len() != n || o.width == 0 || o.height == 0 {
            return;
        }
        self.page_words.push(PageWords {
            page: self.page_text.len() as u32,
            first_token: self.tokens - n,
            width: o.width,
            height: o.height,
            dpi: o.dpi.max(1),
            rect,
            boxes: o.boxes.clone(),
        });
    }
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty file")]
    Empty,
    #[error("{0}")]
    Encoding(String),
    #[error("not a readable PDF: {0}")]
    Pdf(String),
    #[error("encrypted PDF: {0}")]
    Encrypted(String),
    #[error("unsupported image codec: {0}")]
    Codec(String),
    #[error("limit exceeded: {0}")]
    Limit(String),
    #[error("OCR failed: {0}")]
    Ocr(String),
    #[error("unsupported file type")]
    Unsupported,
}

impl IngestError {
    /// The record's `error.kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Io(_) => "io",
            IngestError::Empty => "empty",
            IngestError::Encoding(_) => "encoding",
            IngestError::Pdf(_) => "pdf",
            IngestError::Encrypted(_) => "encrypted",
            IngestError::Codec(_) => "codec",
            IngestError::Limit(_) => "limit",
            IngestError::Ocr(_) => "ocr",
            IngestError::Unsupported => "unsupported",
        }
    }
}

/// Reads one input's bytes into text.
pub fn ingest(
    kind: Kind,
    bytes: &[u8],
    limits: &Limits,
    ocr: &OcrOptions,
) -> Result<Ingested, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    match kind {
        Kind::Txt => Ok(Ingested {
            text: text::decode(bytes)?,
            ..Default::default()
        }),
        Kind::Pdf => pdf::read(bytes, limits, ocr),
        Kind::Image if tiff::is_tiff(bytes) => {
            let n = tiff::page_count(bytes, limits.max_pages).ok_or_else(|| {
                IngestError::Codec(format!(
                    "broken TIFF structure, or more than {} pages",
                    limits.max_pages
                ))
            })?;
            let mut out = Ingested {
                pages: Some(n as u32),
                ..Default::default()
            };
            // Pages in parallel, each task decoding only its own page; results in order.
            let read: Vec<image::OcrText> = (0..n)
                .into_par_iter()
                .map(|i| {
                    let (pnm, dpi) = tiff::page_pnm(bytes, i)?;
                    image::ocr_image(&pnm, (dpi > 0).then_some(dpi), limits, ocr)
                })
                .collect::<Result<_, _>>()?;
            for o in &read {
                out.push_page(&o.text, Some(o), "ocr", "an image page".into());
                out.place_words(Some(o), None);
            }
            Ok(out)
        }
        Kind::Image => {
            let o = image::ocr_image(bytes, None, limits, ocr)?;
            let mut out = Ingested {
                pages: Some(1),
                ..Default::default()
            };
            out.push_page(&o.text, Some(&o), "ocr", "an image".into());
            out.place_words(Some(&o), None);
            Ok(out)
        }
    }
}
