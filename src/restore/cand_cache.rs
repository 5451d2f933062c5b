//! Candidate lists of word pieces kept per thread from one document to the next: a
//! collection's vocabulary is shared, and in accented or OCR'd text a piece's list costs
//! tens of microseconds (edit-distance neighbours through the channel), so a cold list per
//! document made `run` and `extract` spend most of their time remaking the same lists.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::fxhash::{FxHashMap, FxHasher};

use super::{Bufs, Cand, Out, Restorer, MAX_CACHED};

/// Spellings made for candidates (`Out::Owned`) kept before the cache starts again.
const MAX_OWNED: usize = 1 << 16;

/// The lists of one restorer with one set of parameters (`owner`), in `arena`, by key (mode,
/// code flag, piece; see the stream); `bufs.owned` holds the spellings they refer to.
#[derive(Default)]
pub(super) struct CandCache {
    pub(super) owner: (u64, u64),
    pub(super) map: FxHashMap<String, (u32, u32)>,
    pub(super) arena: Vec<(Cand, Out)>,
    pub(super) bufs: Bufs,
}

thread_local! {
    static CACHE: RefCell<CandCache> = RefCell::new(CandCache::default());
}

/// A number for each restorer made in this process (a cache is only reused by its own).
pub(super) fn next_uid() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl CandCache {
    /// This thread's cache for `r` (empty when it was another restorer's, another set of
    /// parameters', or grown past its bounds); give it back with [`CandCache::give_back`].
    pub(super) fn take(r: &Restorer) -> CandCache {
        let owner = (r.uid, params_sig(r));
        let c = CACHE.with(|c| std::mem::take(&mut *c.borrow_mut()));
        if c.owner == owner && c.arena.len() <= MAX_CACHED && c.bufs.owned.len() <= MAX_OWNED {
            c
        } else {
            CandCache {
                owner,
                ..CandCache::default()
            }
        }
    }

    /// Keeps the cache for the thread's next document.
    pub(super) fn give_back(self) {
        CACHE.with(|c| *c.borrow_mut() = self);
    }
}

/// A hash of the parameters (tests and tuning change them between documents).
fn params_sig(r: &Restorer) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = FxHasher::default();
    format!("{:?}", r.params).hash(&mut h);
    h.finish()
}
