//! `vanban review`: a local web page where an archivist checks the tokens restoration was unsure
//! of, picks or types the right reading, and fixes the document block. Corrections are kept in
//! a JSON Lines file and can be exported as gold files.
//!
//! This crate does not depend on the `vanban` library (whose binary depends on it), only on the
//! archive crate (`--db`, records read back whole from an archive); what it
//! needs of the core (re-extracting entities after a correction, rendering TIFF pages) comes
//! through the [`Core`] trait, which the CLI implements.

pub mod cli;
pub mod corrections;
pub mod error;
pub mod gold;
pub mod http;
pub mod images;
pub mod lexicon;
pub mod store;

pub use error::ReviewError;
/// The HTTP server crate, for callers that serve an [`http::App`] themselves (the bench).
pub use tiny_http;

use serde_json::Value;

/// What the review server needs of vanban's core library.
pub trait Core: Send + Sync {
    /// The `document` block and the `entities` array (record JSON) extracted from restored text.
    fn extract(&self, restored: &str) -> (Value, Value);
    /// A TIFF page (from 1) as PNG bytes; `None` when the core cannot render it.
    fn tiff_page_png(&self, _bytes: &[u8], _page: u32) -> Option<Vec<u8>> {
        None
    }
}
