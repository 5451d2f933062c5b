//! The language model's n-gram table in memory of its own: aligned to 2 MiB and advised for
//! transparent huge pages, so the random probes of a table far larger than the TLB's reach do
//! not pay a page walk each.

/// The n-gram table's bytes, in memory aligned to 2 MiB and advised for transparent huge
/// pages where the OS has them: nearly every query probes a random slot of a table far larger
/// than the CPU's TLB reach with 4 KiB pages, and page walks otherwise dominate the probe.
pub(super) struct Table {
    ptr: *mut u8,
    len: usize,
}

// SAFETY: `Table` owns its allocation exclusively and is never mutated after construction,
// so sharing references across threads is sound.
unsafe impl Send for Table {}
unsafe impl Sync for Table {}

const HUGE_PAGE: usize = 2 << 20;

impl Table {
    pub(super) fn from_slice(b: &[u8]) -> Table {
        if b.is_empty() {
            return Table {
                ptr: std::ptr::NonNull::dangling().as_ptr(),
                len: 0,
            };
        }
        let mut p: *mut libc::c_void = std::ptr::null_mut();
        // SAFETY: posix_memalign writes an allocation of `b.len()` bytes aligned to 2 MiB to
        // `p` (or fails and leaves it null, which is checked).
        let rc = unsafe { libc::posix_memalign(&mut p, HUGE_PAGE, b.len()) };
        if rc != 0 || p.is_null() {
            std::alloc::handle_alloc_error(
                std::alloc::Layout::from_size_align(b.len(), HUGE_PAGE).expect("layout"),
            );
        }
        #[cfg(target_os = "linux")]
        // SAFETY: advising the kernel about an allocation we own; failure only means 4 KiB
        // pages, so the result is ignored.
        unsafe {
            libc::madvise(p, b.len(), libc::MADV_HUGEPAGE);
        }
        // SAFETY: `p` holds `b.len()` writable bytes that do not overlap `b`.
        unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), p as *mut u8, b.len()) };
        Table {
            ptr: p as *mut u8,
            len: b.len(),
        }
    }
}

impl std::ops::Deref for Table {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        // SAFETY: `ptr` points to `len` initialised bytes owned by `self` (or is dangling
        // with `len` 0).
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }
}

impl Drop for Table {
    fn drop(&mut self) {
        if self.len > 0 {
            // SAFETY: `ptr` came from posix_memalign and is freed once.
            unsafe { libc::free(self.ptr as *mut libc::c_void) };
        }
    }
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Table({} bytes)", self.len)
    }
}
