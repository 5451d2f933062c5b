//! Where OCR'd words lie on the page image as read: Tesseract sees a prepared image (enlarged,
//! turned upright, straightened), and the searchable PDF puts each word on the original.

/// One word's place on the original image, in its pixels (y down): the baseline from
/// `(x0, y0)` to `(x1, y1)` (the word's direction, which a turned page makes vertical) and the
/// word's height across it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub height: f32,
}

/// The preparation an image went through before OCR, in order: enlarged `scale` times,
/// turned by `quads` clockwise quarter turns, rotated by `degrees` (Leptonica's sign) about
/// its centre. `width`/`height` are the original's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: u32,
    pub height: u32,
    pub scale: u32,
    pub quads: u32,
    pub degrees: f32,
}

impl Geometry {
    /// No preparation: the image as read.
    pub fn identity(width: u32, height: u32) -> Geometry {
        Geometry {
            width,
            height,
            scale: 1,
            quads: 0,
            degrees: 0.0,
        }
    }

    /// A point of the prepared image mapped back onto the original image.
    pub fn to_original(&self, x: f32, y: f32) -> (f32, f32) {
        let k = self.scale.max(1) as f32;
        // Sizes after enlarging (before the turn) and after the turn.
        let (w, h) = (self.width as f32 * k, self.height as f32 * k);
        let (tw, th) = if self.quads % 2 == 1 { (h, w) } else { (w, h) };
        // Undo the rotation about the centre (pixRotate keeps the size; clockwise positive,
        // so the inverse turns the other way).
        let (mut x, mut y) = (x, y);
        if self.degrees != 0.0 {
            let (s, c) = (-self.degrees).to_radians().sin_cos();
            let (cx, cy) = (tw / 2.0, th / 2.0);
            let (dx, dy) = (x - cx, y - cy);
            x = cx + dx * c - dy * s;
            y = cy + dx * s + dy * c;
        }
        // Undo the clockwise quarter turns.
        let (x, y) = match self.quads % 4 {
            1 => (y, h - x),
            2 => (w - x, h - y),
            3 => (w - y, x),
            _ => (x, y),
        };
        (x / k, y / k)
    }

    /// A word's box on the prepared image (left, top, width, height) as a [`WordBox`] on the
    /// original.
    pub fn word_box(&self, left: f32, top: f32, width: f32, height: f32) -> WordBox {
        let bottom = top + height;
        let (x0, y0) = self.to_original(left, bottom);
        let (x1, y1) = self.to_original(left + width, bottom);
        let k = self.scale.max(1) as f32;
        WordBox {
            x0,
            y0,
            x1,
            y1,
            height: height / k,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: (f32, f32), b: (f32, f32)) -> bool {
        (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01
    }

    #[test]
    fn points_map_back_through_each_step() {
        let g = |scale, quads, degrees| Geometry {
            width: 100,
            height: 200,
            scale,
            quads,
            degrees,
        };
        assert!(near(g(1, 0, 0.0).to_original(10.0, 20.0), (10.0, 20.0)));
        assert!(near(g(2, 0, 0.0).to_original(10.0, 20.0), (5.0, 10.0)));
        // One clockwise turn: the original's top-left corner is the turned image's top-right
        // (the turned image is 200 wide).
        assert!(near(g(1, 1, 0.0).to_original(200.0, 0.0), (0.0, 0.0)));
        assert!(near(g(1, 1, 0.0).to_original(0.0, 0.0), (0.0, 200.0)));
        assert!(near(g(1, 2, 0.0).to_original(0.0, 0.0), (100.0, 200.0)));
        assert!(near(g(1, 3, 0.0).to_original(0.0, 0.0), (100.0, 0.0)));
        // The centre stays where it is under rotation; a point 90 degrees away moves.
        assert!(near(g(1, 0, 7.0).to_original(50.0, 100.0), (50.0, 100.0)));
        assert!(near(g(1, 0, 90.0).to_original(50.0, 50.0), (0.0, 100.0)));
        // A page that had to be turned clockwise reads upwards on the original.
        let b = g(1, 1, 0.0).word_box(10.0, 10.0, 50.0, 8.0);
        assert!((b.x1 - b.x0).abs() < 0.01 && b.y1 < b.y0, "{b:?}");
    }
}
