//! A small safe owner of Leptonica images (`PIX`), for the page operations vanban needs:
//! read from memory, convert to 8-bit grey, scale, paste, write as PNM.

use leptonica_sys as l;

use super::IngestError;

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
        // SAFETY: Leptonica reads `bytes` within its length and returns null or a new PIX.
        own(
            unsafe { l::pixReadMem(bytes.as_ptr(), bytes.len()) },
            "reading a page image",
        )
    }

    /// A white 8-bit grey page.
    pub fn white(width: u32, height: u32) -> Result<Pix, IngestError> {
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

    /// The image as PNM bytes.
    pub fn to_pnm(&self) -> Result<Vec<u8>, IngestError> {
        let mut data: *mut u8 = std::ptr::null_mut();
        let mut size: usize = 0;
        // SAFETY: Leptonica allocates `data` of `size` bytes, which we copy and free once.
        unsafe {
            if l::pixWriteMem(&mut data, &mut size, self.0, l::IFF_PNM as i32) != 0
                || data.is_null()
            {
                return Err(IngestError::Codec("writing a page image".into()));
            }
            let v = std::slice::from_raw_parts(data, size).to_vec();
            l::lept_free(data as *mut std::ffi::c_void);
            Ok(v)
        }
    }
}
