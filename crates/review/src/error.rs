//! Typed errors of the review server: each maps to an HTTP status with a message.

/// Why a request or a start-up step failed.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} line {line}: {message}")]
    BadRecord {
        path: String,
        line: usize,
        message: String,
    },
    #[error("cannot write the corrections file {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("not found: {0}")]
    NotFound(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("request body over {0} bytes")]
    TooLarge(usize),
    #[error("cannot render the page image: {0}")]
    Render(String),
    #[error("archive: {0}")]
    Archive(#[from] vanban_archive::ArchiveError),
    #[error("{0}")]
    Usage(String),
    #[error("cannot listen on {addr}: {message}")]
    Listen { addr: String, message: String },
}

impl ReviewError {
    /// The HTTP status a request failing this way gets.
    pub fn status(&self) -> u16 {
        match self {
            ReviewError::NotFound(_) => 404,
            ReviewError::BadRequest(_) | ReviewError::BadRecord { .. } => 400,
            ReviewError::TooLarge(_) => 413,
            _ => 500,
        }
    }
}
