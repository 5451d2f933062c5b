//! The core's side of `vanban review`: entity extraction after a correction and TIFF pages as
//! PNG, given to the review crate through its `Core` trait.

use serde_json::Value;
use vanban::ingest::{pix::Pix, tiff};

/// vanban's extractor and image code.
pub struct VanbanCore;

impl vanban_review::Core for VanbanCore {
    fn extract(&self, restored: &str) -> (Value, Value) {
        let ex = vanban::extract::extract(restored);
        (
            serde_json::to_value(&ex.document).unwrap_or(Value::Null),
            serde_json::to_value(&ex.entities).unwrap_or(Value::Array(Vec::new())),
        )
    }

    fn tiff_page_png(&self, bytes: &[u8], page: u32) -> Option<Vec<u8>> {
        let (pnm, _) = tiff::page_pnm(bytes, page.checked_sub(1)? as usize).ok()?;
        Pix::read(&pnm).ok()?.to_png().ok()
    }
}
