//! A small safe owner of Leptonica images (`PIX`), for the page operations vanban needs:
//! read from memory, convert to 8-bit grey, scale, paste, write as PNM.

use leptonica_sys as l;

use super::IngestError;

/// Confidence the orientation test needs before turning a page (Leptonica's default is 8;
/// a short Vietnamese page, whose diacritics sit where ascenders do, can score 6).
const MIN_UP_CONF: f32 = 5.0;

/// One Leptonica image, destroyed on drop.
pub struct Pix(*mut l::PIX);

// SAFETY: a PIX is plain heap data with no thread affinity; `Pix` owns its pointer alone.
unsafe impl Send for Pix {}

impl Drop for Pix {
    fn drop(&mut self) {
        // SAFETY: `self.0` is a PIX we own (non-null by construction), destroyed once.
        unsafe { l::pixDestroy(&mut self.0) }
    }
}

/// Leptonica's informational messages ("text is oriented up") stay off stderr, which carries
/// vanban's one-line errors.
fn quiet() {
    static QUIET: std::sync::Once = std::sync::Once::new();
    // SAFETY: sets a process-wide severity level; called once, before any other Leptonica use
    // by this module.
    QUIET.call_once(|| unsafe {
        l::setMsgSeverity(l::L_SEVERITY_ERROR as i32);
    });
}

fn own(p: *mut l::PIX, what: &str) -> Result<Pix, IngestError> {
    if p.is_null() {
        Err(IngestError::Codec(format!("{what} failed")))
    } else {
        Ok(Pix(p))
    }
}

impl Pix {
    /// Decodes an encoded image (PNG, JPEG, JPEG 2000, TIFF, PNM …).
    pub fn read(bytes: &[u8]) -> Result<Pix, IngestError> {
        quiet();
        // SAFETY: Leptonica reads `bytes` within its length and returns null or a new PIX.
        own(
            unsafe { l::pixReadMem(bytes.as_ptr(), bytes.len()) },
            "reading a page image",
        )
    }

    /// A white 8-bit grey page.
    pub fn white(width: u32, height: u32) -> Result<Pix, IngestError> {
        quiet();
        let (w, h) = (i32::try_from(width), i32::try_from(height));
        let (Ok(w), Ok(h)) = (w, h) else {
            return Err(IngestError::Limit("page too large".into()));
        };
        // SAFETY: a fresh PIX of the given size; setting all bits makes 8-bit grey white.
        let p = own(unsafe { l::pixCreate(w, h, 8) }, "creating a page")?;
        unsafe { l::pixSetAll(p.0) };
        Ok(p)
    }

    pub fn width(&self) -> u32 {
        // SAFETY: `self.0` is a valid PIX.
        unsafe { l::pixGetWidth(self.0) as u32 }
    }

    pub fn height(&self) -> u32 {
        // SAFETY: `self.0` is a valid PIX.
        unsafe { l::pixGetHeight(self.0) as u32 }
    }

    /// The same image as 8-bit grey (colour maps removed).
    pub fn to_grey(&self) -> Result<Pix, IngestError> {
        // SAFETY: returns a new PIX (or null) and leaves `self` untouched.
        own(unsafe { l::pixConvertTo8(self.0, 0) }, "grey conversion")
    }

    /// The image scaled to `width` x `height`.
    pub fn scaled(&self, width: u32, height: u32) -> Result<Pix, IngestError> {
        if (width, height) == (self.width(), self.height()) {
            // SAFETY: a new reference-counted handle to the same image.
            return own(unsafe { l::pixClone(self.0) }, "clone");
        }
        // SAFETY: returns a new PIX (or null); sizes are positive and bounded by the caller.
        own(
            unsafe { l::pixScaleToSize(self.0, width.max(1) as i32, height.max(1) as i32) },
            "scaling",
        )
    }

    /// Pastes `src` (same depth) with its top-left corner at (`x`, `y`); `darken` keeps the
    /// darker pixel (for black-on-white bitmaps and masks), else `src` replaces the page.
    pub fn paste(&mut self, src: &Pix, x: i32, y: i32, darken: bool) {
        // PIX_SRC, or PIX_SRC & PIX_DST: on 8-bit grey, AND keeps the darker of two
        // pixels where one of them is white or black.
        let op = if darken { 12 & 10 } else { 12 };
        // SAFETY: Leptonica clips the rectangle to both images.
        unsafe {
            l::pixRasterop(
                self.0,
                x,
                y,
                src.width() as i32,
                src.height() as i32,
                op,
                src.0,
                0,
                0,
            );
        }
    }

    /// A black-and-white copy (grey below `threshold` is ink), for the page tests below.
    pub fn binarised(&self, threshold: i32) -> Result<Pix, IngestError> {
        // SAFETY: returns a new PIX (or null) and leaves `self` untouched.
        own(unsafe { l::pixConvertTo1(self.0, threshold) }, "binarising")
    }

    /// An 8-bit grey page binarised by Sauvola's local threshold (window `half` pixels each
    /// side, `k` the contrast factor), as 8-bit grey again (black text on white).
    pub fn sauvola(&self, half: i32, k: f32) -> Result<Pix, IngestError> {
        let mut bin: *mut l::PIX = std::ptr::null_mut();
        // SAFETY: Leptonica writes a new PIX (or nothing) into `bin`, which we own.
        unsafe {
            l::pixSauvolaBinarize(
                self.0,
                half,
                k,
                1,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                &mut bin,
            );
        }
        let bin = own(bin, "Sauvola binarisation")?;
        // SAFETY: returns a new PIX (or null) from `bin`.
        own(
            unsafe { l::pixConvertTo8(bin.0, 0) },
            "Sauvola binarisation",
        )
    }

    /// Clockwise quarter turns that bring a binarised page of text upright, from Leptonica's
    /// text-orientation test (ascenders against descenders); 0 when upright or unsure.
    /// A page of 400 dpi or more is reduced 2x first: the test wants 150-300 ppi (at 300 dpi
    /// a reduced copy missed three of six upside-down pages).
    pub fn orientation(&self, dpi: u32) -> u32 {
        // SAFETY: new PIXes (or null), each owned and destroyed once; `self` is untouched.
        unsafe {
            let reduced = (dpi >= 400)
                .then(|| own(l::pixReduceRankBinary2(self.0, 1, std::ptr::null_mut()), ""))
                .and_then(Result::ok);
            let probe = reduced.as_ref().unwrap_or(self);
            let (mut up, mut left, mut rotation) = (0.0f32, 0.0f32, 0i32);
            let turned = l::pixOrientCorrect(
                probe.0,
                MIN_UP_CONF,
                0.0,
                &mut up,
                &mut left,
                &mut rotation,
                0,
            );
            drop(own(turned, ""));
            (rotation / 90).rem_euclid(4) as u32
        }
    }

    /// The image turned by `quads` clockwise quarter turns.
    pub fn turned(&self, quads: u32) -> Result<Pix, IngestError> {
        // SAFETY: returns a new PIX (or null).
        own(
            unsafe { l::pixRotateOrth(self.0, quads as i32 % 4) },
            "turning",
        )
    }

    /// The skew (degrees) of a binarised page when Leptonica finds one with confidence, at
    /// least `min_degrees` and at most 10.
    pub fn skew(&self, min_degrees: f32) -> Option<f32> {
        let (mut angle, mut conf) = (0.0f32, 0.0f32);
        // SAFETY: Leptonica only reads `self`.
        let failed = unsafe { l::pixFindSkew(self.0, &mut angle, &mut conf) } != 0;
        // Leptonica's own floor for a valid skew confidence is 3.0.
        (!failed && conf >= 3.0 && (min_degrees..=10.0).contains(&angle.abs())).then_some(angle)
    }

    /// The image rotated by `degrees` (Leptonica's sign: the angle [`Pix::skew`] reports
    /// straightens it), white brought in at the corners.
    pub fn rotated(&self, degrees: f32) -> Result<Pix, IngestError> {
        // SAFETY: returns a new PIX (or null).
        own(
            unsafe {
                l::pixRotate(
                    self.0,
                    degrees.to_radians(),
                    l::L_ROTATE_AREA_MAP as i32,
                    l::L_BRING_IN_WHITE as i32,
                    0,
                    0,
                )
            },
            "deskewing",
        )
    }

    /// The same image stating no resolution (as a phone photo does).
    pub fn without_resolution(self) -> Pix {
        // SAFETY: sets two fields of a PIX we own.
        unsafe { l::pixSetResolution(self.0, 0, 0) };
        self
    }

    /// The image as PNM bytes.
    pub fn to_pnm(&self) -> Result<Vec<u8>, IngestError> {
        self.write(l::IFF_PNM as i32)
    }

    /// The image as PNG bytes.
    pub fn to_png(&self) -> Result<Vec<u8>, IngestError> {
        self.write(l::IFF_PNG as i32)
    }

    fn write(&self, format: i32) -> Result<Vec<u8>, IngestError> {
        let mut data: *mut u8 = std::ptr::null_mut();
        let mut size: usize = 0;
        // SAFETY: Leptonica allocates `data` of `size` bytes, which we copy and free once.
        unsafe {
            if l::pixWriteMem(&mut data, &mut size, self.0, format) != 0 || data.is_null() {
                return Err(IngestError::Codec("writing a page image".into()));
            }
            let v = std::slice::from_raw_parts(data, size).to_vec();
            l::lept_free(data as *mut std::ffi::c_void);
            Ok(v)
        }
    }
}
