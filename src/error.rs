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
    /// A dictionary file that is missing, damaged or from another build or format version.
    #[error("dictionary {path}: {problem}")]
    Dictionary { path: PathBuf, problem: String },
    /// A run's output that cannot be created or written, found before any work.
    #[error("cannot write {path}: {problem}")]
    Output { path: PathBuf, problem: String },
    /// Another run holds the output's lock (its pid when it could be read).
    #[error("{path} is being written by another vanban run{}; wait for it or stop it", holder_text(*.holder))]
    Locked { path: PathBuf, holder: Option<u32> },
}

fn holder_text(holder: Option<u32>) -> String {
    holder.map_or_else(String::new, |p| format!(" (pid {p})"))
}

impl Error {
    /// Whether the command was used wrongly or its environment is not fit to start (a usage
    /// error, a broken dictionary, an output that cannot be written or is locked): exit 2.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::Usage(_)
                | Error::Dictionary { .. }
                | Error::Output { .. }
                | Error::Locked { .. }
        )
    }

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
