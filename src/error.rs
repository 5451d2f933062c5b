//! Typed errors of the library; the CLI wraps them with `anyhow`.

use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An I/O error on a named file.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Input bytes that are not valid UTF-8 text.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 { offset: usize },
    /// A model or dictionary file that is missing, malformed or inconsistent.
    #[error("model: {0}")]
    Model(String),
    /// A command used wrongly (an output that exists, a bad option value).
    #[error("{0}")]
    Usage(String),
    /// A gold file that does not follow the gold format.
    #[error("gold: {0}")]
    Gold(String),
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Decodes bytes as UTF-8 text (a BOM is dropped), naming the first bad byte offset.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        offset: e.valid_up_to(),
    })
}
