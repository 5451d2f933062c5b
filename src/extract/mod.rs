//! Entity extraction from restored text: the document block and the entity list.

pub mod citations;
mod codes;
mod comrade;
mod criteria;
mod damaged_type;
pub mod document;
pub mod entities;
mod header;
mod number_ocr;
mod ocr_spaces;
pub mod organizations;
mod recipients;
pub mod scoring;
pub mod signature;
mod signer_name;
mod signer_title;
mod surnames;
mod title;
mod title_marks;

pub use document::Document;
pub use entities::Entity;

/// Everything extracted from one restored text.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub document: Document,
    pub entities: Vec<Entity>,
}

/// Extracts the document block and the entities of a restored text.
pub fn extract(restored: &str) -> Extraction {
    Extraction {
        document: document::parse(restored),
        entities: entities::extract(restored),
    }
}

/// Compiles one of the extractor's own patterns; they are constants checked by the tests, so a
/// failure is a bug in this crate, not bad input.
pub(crate) fn built_in(p: &str) -> regex::Regex {
    // A lazy DFA cache larger than the default 2 MiB: the long alternations (the listed
    // names) otherwise fill it and rebuild their states over and over in one document.
    regex::RegexBuilder::new(p)
        .dfa_size_limit(16 << 20)
        .build()
        .unwrap_or_else(|e| panic!("bad built-in pattern {p}: {e}"))
}
