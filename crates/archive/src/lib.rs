//! The vanban archive (issue 17): records in SQLite (a file any SQLite tool opens) or in
//! PostgreSQL (one archive for many), full-text searched without accents (`quyet dinh`
//! finds `quyết định`, `d` finds `đ`), filtered by type, authority, dates, number and
//! citations. Independent of the `vanban` crate: it reads records as JSON (the schema in
//! `schema/record.schema.json`), so the binary that depends on it stays the only link.

pub mod cli;
pub mod doc;
pub mod error;
pub mod facets;
pub mod fold;
pub mod indexer;
mod marks;
pub mod postgres;
pub mod query;
mod rank;
pub mod records;
pub mod schema;
pub mod snippet;
pub mod sqlite;
mod sqlite_write;
pub mod store;
mod writeback;

pub use doc::Doc;
pub use error::{ArchiveError, RecordError};
pub use indexer::{open, Indexer};
pub use query::Search;
pub use store::{Counts, Hit, Outcome, Store};
