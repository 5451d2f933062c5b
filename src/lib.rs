//! vanban: restores diacritics in OCR'd Vietnamese administrative documents and extracts
//! structured records.
//!
//! The pipeline flows one way: ingest -> [`normalize`] -> [`restore`] -> extract -> record.
//! [`restore::Restorer`] holds the trained models (syllable dictionary, OCR channel, n-gram
//! LM); [`train`] rebuilds them from a corpus; [`eval`] scores them against gold files.

pub mod batch;
pub mod charclass;
pub mod doc_types;
pub mod error;
pub mod eval;
pub mod extract;
pub mod fxhash;
pub mod ingest;
pub mod normalize;
pub mod record;
pub mod restore;
pub mod searchable;
pub mod shard;
pub mod syllable;
pub mod train;

pub use error::Error;
pub use restore::{Restored, Restorer};
