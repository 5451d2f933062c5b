//! The invisible text layer of a searchable PDF: a glyphless font (as Tesseract's PDF renderer
//! makes it) whose codes are UTF-16 units, so any reader extracts the exact text, and one
//! text-showing operation per word, stretched over the word's box (render mode 3: invisible).

use lopdf::{dictionary, Document, Object, ObjectId, Stream};

use crate::ingest::geometry::WordBox;

/// Tesseract's glyphless TrueType font (Apache-2.0, from tesseract-ocr's `tessdata/pdf.ttf`):
/// one empty glyph, so the layer never shows.
const GLYPHLESS_TTF: &[u8] = include_bytes!("../../assets/glyphless.ttf");

/// Width of every glyph in the font, in thousandths of the font size (`/DW`).
const GLYPH_WIDTH: f32 = 500.0;

/// Adds the glyphless Type0 font to `doc` and returns its object id.
pub fn add_font(doc: &mut Document) -> ObjectId {
    let file = doc.add_object(Stream::new(
        dictionary! { "Length1" => GLYPHLESS_TTF.len() as i64 },
        GLYPHLESS_TTF.to_vec(),
    ));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "GlyphLessFont",
        "Flags" => 5,
        "FontBBox" => vec![0.into(), 0.into(), (GLYPH_WIDTH as i64).into(), 1000.into()],
        "ItalicAngle" => 0,
        "Ascent" => 1000,
        "Descent" => 0,
        "CapHeight" => 1000,
        "StemV" => 80,
        "FontFile2" => file,
    });
    // Every code (a UTF-16 unit) shows glyph 1, the empty one: 128 KB, compressed once.
    static CID_TO_GID: std::sync::OnceLock<Stream> = std::sync::OnceLock::new();
    let cid_to_gid = CID_TO_GID.get_or_init(|| {
        let gids: Vec<u8> = std::iter::repeat_n([0u8, 1u8], 65536).flatten().collect();
        let mut s = Stream::new(dictionary! {}, gids);
        let _ = s.compress();
        s
    });
    let cid_to_gid = doc.add_object(cid_to_gid.clone());
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "GlyphLessFont",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "CIDToGIDMap" => cid_to_gid,
        "DW" => GLYPH_WIDTH as i64,
    });
    let mut to_unicode = Stream::new(dictionary! {}, to_unicode_cmap().into_bytes());
    let _ = to_unicode.compress();
    let to_unicode = doc.add_object(to_unicode);
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "GlyphLessFont",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => to_unicode,
    })
}

/// The identity map from two-byte codes to UTF-16 text, in ranges that stay within one high
/// byte (as the CMap rules for `bfrange` want); surrogates are left out.
fn to_unicode_cmap() -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let highs: Vec<u32> = (0..=0xFFu32)
        .filter(|h| !(0xD8..=0xDF).contains(h))
        .collect();
    for chunk in highs.chunks(100) {
        s.push_str(&format!("{} beginbfrange\n", chunk.len()));
        for h in chunk {
            s.push_str(&format!("<{h:02X}00> <{h:02X}FF> <{h:02X}00>\n"));
        }
        s.push_str("endbfrange\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// Maps an image's pixels (y down) onto a page's points (y up).
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    /// The page rectangle the image covers: x0, y0, x1, y1 in points.
    pub rect: [f32; 4],
    pub width: u32,
    pub height: u32,
}

impl Placement {
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        let r = self.rect;
        (
            r[0] + x * (r[2] - r[0]) / self.width.max(1) as f32,
            r[3] - y * (r[3] - r[1]) / self.height.max(1) as f32,
        )
    }

    fn points_per_pixel(&self) -> f32 {
        (self.rect[3] - self.rect[1]) / self.height.max(1) as f32
    }
}

/// The content stream of a page's invisible words: `font` is the resource name of
/// [`add_font`]'s font; `words` pair each word's text with its box on the image.
pub fn content<'w>(
    font: &str,
    place: &Placement,
    words: impl Iterator<Item = (&'w str, &'w WordBox)>,
) -> Vec<u8> {
    // A word followed by another on its line carries a space stretched over the gap, so
    // readers see the words apart however close they are (as Tesseract's renderer does).
    let mut out = String::from("BT\n3 Tr\n");
    for (text, b) in words {
        let n = text.encode_utf16().count();
        if n == 0 {
            continue;
        }
        let (x0, y0) = place.point(b.x0, b.y0);
        let (x1, y1) = place.point(b.x1, b.y1);
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt();
        let size = (b.height * place.points_per_pixel()).max(1.0);
        if !(len.is_finite() && size.is_finite()) || len < 0.1 {
            continue;
        }
        let (c, s) = (dx / len, dy / len);
        let gap = b.gap * place.points_per_pixel();
        let (span, n) = if gap >= 0.0 {
            (len + gap, n + 1)
        } else {
            (len, n)
        };
        // Stretch the glyphs over the word's box (and the gap after it).
        let tz = 100.0 * span / (n as f32 * GLYPH_WIDTH / 1000.0 * size);
        out.push_str(&format!(
            "/{font} {size:.2} Tf\n{tz:.2} Tz\n{c:.4} {s:.4} {:.4} {c:.4} {x0:.2} {y0:.2} Tm\n<",
            -s
        ));
        for u in text.encode_utf16() {
            out.push_str(&format!("{u:04X}"));
        }
        if gap >= 0.0 {
            out.push_str("0020");
        }
        out.push_str("> Tj\n");
    }
    out.push_str("ET\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_utf16_codes_on_their_boxes() {
        let place = Placement {
            rect: [0.0, 0.0, 72.0, 144.0],
            width: 300,
            height: 600,
        };
        let b = WordBox {
            x0: 30.0,
            y0: 60.0,
            x1: 90.0,
            y1: 60.0,
            height: 12.0,
            gap: -1.0,
        };
        let c = String::from_utf8(content("F1", &place, [("Số", &b)].into_iter())).unwrap();
        assert!(
            c.contains("<0053 1ED1> Tj") || c.contains("<00531ED1> Tj"),
            "{c}"
        );
        // 300 px per 72 pt: x 30 px = 7.2 pt, y 60 px from the top = 144 - 14.4 pt.
        assert!(
            c.contains("1.0000 0.0000 -0.0000 1.0000 7.20 129.60 Tm"),
            "{c}"
        );
        assert!(c.starts_with("BT\n3 Tr\n") && c.ends_with("ET\n"));
        let cmap = to_unicode_cmap();
        assert!(cmap.contains("<1E00> <1EFF> <1E00>") && !cmap.contains("<D800>"));
    }
}
