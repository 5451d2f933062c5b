//! What every back end (SQLite, PostgreSQL) does: index records, run searches.

use crate::doc::Doc;
use crate::error::ArchiveError;
use crate::query::Search;

/// What indexing one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A path the archive did not have.
    Added,
    /// The path was there with another file (sha256) or another record: replaced.
    Replaced,
    /// The same record was already there.
    Unchanged,
}

/// Counts of a batch of records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
}

impl Counts {
    pub fn add(&mut self, o: Outcome) {
        match o {
            Outcome::Added => self.added += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// One search hit (`vanban search --json` prints these keys).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    pub path: String,
    pub sha256: String,
    pub number: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub date: Option<String>,
    pub authority: Option<String>,
    pub title: Option<String>,
    /// Relevance, higher is better (SQLite: `vbrank`, BM25 without IDF; PostgreSQL: ts_rank); null without a query.
    pub score: Option<f64>,
    pub snippet: Option<String>,
}

/// An archive back end.
pub trait Store: Send {
    /// Indexes records in one transaction (in a bulk load, the store may go on in it with the
    /// next records and commit later, at the latest when the load ends): a new path is added,
    /// a path with another sha256 or record replaced, the same record left as it is.
    fn index(&mut self, docs: &[Doc]) -> Result<Counts, ArchiveError>;
    /// Runs a search: best first with a query, else newest first.
    fn search(&mut self, s: &Search) -> Result<Vec<Hit>, ArchiveError>;
    /// Number of documents.
    fn count(&mut self) -> Result<i64, ArchiveError>;
    /// Every document's whole record (see [`crate::records`]), in the order they were first
    /// indexed.
    fn records(&mut self) -> Result<Vec<serde_json::Value>, ArchiveError>;
    /// The whole record of the document at `path`, if the archive has it.
    fn record_of(&mut self, path: &str) -> Result<Option<serde_json::Value>, ArchiveError>;
    /// A bulk load (`vanban index`) begins (`true`) or ends: the store may write faster while
    /// other connections wait longer. Nothing by default.
    fn bulk(&mut self, on: bool) -> Result<(), ArchiveError> {
        let _ = on;
        Ok(())
    }
}
