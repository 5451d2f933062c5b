//! The archive's errors: each names the database or the input and what is wrong.

/// Why an archive operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The database file is not SQLite, or is damaged.
    #[error("{db}: not a readable SQLite database ({cause})")]
    NotSqlite { db: String, cause: String },
    /// A SQLite database made by something else.
    #[error("{db}: a SQLite database but not a vanban archive ({why})")]
    Foreign { db: String, why: String },
    /// An archive with a schema this build does not know.
    #[error(
        "{db}: archive schema version {found}, this vanban knows up to {known}: use a newer vanban"
    )]
    TooNew { db: String, found: i64, known: i64 },
    /// A SQLite error while reading or writing.
    #[error("{db}: {source}")]
    Sqlite {
        db: String,
        #[source]
        source: rusqlite::Error,
    },
    /// A PostgreSQL error (connection, schema, query).
    #[error("{db}: {source}")]
    Postgres {
        db: String,
        #[source]
        source: postgres::Error,
    },
    /// A records file that cannot be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The SQLite built in lacks what the archive needs (FTS5, its function API).
    #[error("{db}: {why}")]
    Sqlite3Build { db: String, why: String },
    /// A bad option or query (exit status 2).
    #[error("{0}")]
    Usage(String),
}

impl ArchiveError {
    /// Whether the error is the caller's (a bad option, a database that is not an archive):
    /// exit status 2 rather than a failure while working.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            ArchiveError::Usage(_)
                | ArchiveError::NotSqlite { .. }
                | ArchiveError::Foreign { .. }
                | ArchiveError::TooNew { .. }
        )
    }
}

/// Why one line of a records file could not be indexed (the others still are).
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error("not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("not a vanban record: {0}")]
    Shape(String),
}
