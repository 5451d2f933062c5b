//! The n-gram language model over syllable ids: a compact binary (KenLM's "probing" idea: one
//! open-addressing hash table of n-gram fingerprints with 8-bit quantised log-probabilities and
//! backoff weights), loaded with one read, queried without allocation.
//!
//! Layout (little endian): magic `VANBANLM`, u32 version, u32 order, u32 vocab, u32 slots,
//! f32 prob_min, prob_max, bow_min, bow_max; vocab x f32 unigram log10 p, vocab x f32 unigram
//! log10 backoff; slots x 6-byte records `[u32 fingerprint (0 = empty)][u8 prob][u8 backoff]`,
//! interleaved so one probe touches one cache line. A key's home slot is `hash * slots >> 64`,
//! probing linearly. Version 3 appends a bitmap of the stored bigrams (bit `a * vocab + b`,
//! vocab² bits as little-endian u64 words): most candidate readings have no bigram with the
//! previous word, and a bit test in 2 MB answers that without probing the 27 MB table.

use super::lm_table::Table;
use crate::error::Error;

const MAGIC: &[u8; 8] = b"VANBANLM";
const VERSION: u32 = 3;
const REC: usize = 6;
/// Highest order the format supports.
pub const MAX_ORDER: usize = 4;

/// Hash of an n-gram (ids oldest first).
#[inline]
pub fn ngram_hash(ids: &[u16]) -> u64 {
    let mut h = 0x9E37_79B9_7F4A_7C15u64 ^ ids.len() as u64;
    for &i in ids {
        h = splitmix(h ^ i as u64);
    }
    h
}

#[inline]
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Home slot of a hash in a table of `slots` (multiply-shift range reduction).
#[inline]
fn home(h: u64, slots: usize) -> usize {
    ((h as u128 * slots as u128) >> 64) as usize
}

/// Hints the CPU to load the cache line at `p` (any address: a hint never faults).
#[inline]
pub(crate) fn prefetch_read(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults or changes memory, for any address.
    #[allow(unused_unsafe)]
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[inline]
fn fingerprint(h: u64) -> u32 {
    // The low bits: the home slot comes from the high bits, so the two stay independent.
    (h as u32).max(1)
}

/// 8-bit uniform quantiser over `[min, max]`.
#[derive(Debug, Clone, Copy)]
struct Quant {
    min: f32,
    max: f32,
}

impl Quant {
    fn encode(&self, v: f32) -> u8 {
        let t = ((v - self.min) / (self.max - self.min)).clamp(0.0, 1.0);
        (t * 255.0).round() as u8
    }
    #[inline]
    fn decode(&self, q: u8) -> f32 {
        self.min + (self.max - self.min) * q as f32 / 255.0
    }
}

/// A loaded language model.
#[derive(Debug)]
pub struct Lm {
    order: usize,
    uni_prob: Vec<f32>,
    uni_bow: Vec<f32>,
    slots: usize,
    table: Table,
    /// Stored bigrams, one bit per (a, b) pair.
    bigrams: Table,
    /// Decoded prob table, 256 entries, so queries do one index instead of arithmetic.
    plut: [f32; 256],
    blut: [f32; 256],
    /// Unique per loaded model, so caches of its scores know whose they are.
    id: u64,
}

impl Lm {
    /// Parses the binary format.
    pub fn from_bytes(b: &[u8]) -> Result<Self, Error> {
        let bad = |m: String| Error::Model(m);
        if b.len() < 40 || &b[..8] != MAGIC {
            return Err(bad(
                "not a vanban language model (no VANBANLM header)".into()
            ));
        }
        let u32_at = |o: usize| u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
        let f32_at = |o: usize| f32::from_bits(u32_at(o));
        let version = u32_at(8);
        if version != VERSION {
            return Err(bad(format!(
                "format version {version}, this vanban reads version {VERSION} (rebuild it \
                 with `vanban train`, or use the vanban that wrote it)"
            )));
        }
        let order = u32_at(12) as usize;
        let vocab = u32_at(16) as usize;
        let slots = u32_at(20) as usize;
        if !(1..=MAX_ORDER).contains(&order) || vocab > 1 << 16 || slots == 0 {
            return Err(bad(format!(
                "bad header (order {order}, vocabulary {vocab}, {slots} slots)"
            )));
        }
        let pq = Quant {
            min: f32_at(24),
            max: f32_at(28),
        };
        let bq = Quant {
            min: f32_at(32),
            max: f32_at(36),
        };
        let need = 40 + vocab * 8 + slots * REC + bitmap_bytes(vocab);
        if b.len() < need {
            return Err(bad(format!(
                "truncated: {} bytes, its header describes {need}",
                b.len()
            )));
        }
        if b.len() > need {
            return Err(bad(format!(
                "{} bytes, {} more than its header describes",
                b.len(),
                b.len() - need
            )));
        }
        let mut o = 40;
        let mut floats = |n: usize| {
            let v: Vec<f32> = (0..n).map(|i| f32_at(o + 4 * i)).collect();
            o += 4 * n;
            v
        };
        let uni_prob = floats(vocab);
        let uni_bow = floats(vocab);
        let table = Table::from_slice(&b[o..o + slots * REC]);
        let bigrams = Table::from_slice(&b[o + slots * REC..]);
        let mut plut = [0.0; 256];
        let mut blut = [0.0; 256];
        for i in 0..256 {
            plut[i] = pq.decode(i as u8);
            blut[i] = bq.decode(i as u8);
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(Lm {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            order,
            uni_prob,
            uni_bow,
            slots,
            table,
            bigrams,
            plut,
            blut,
        })
    }

    /// An id unique to this loaded model (within the process).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The model's order (n).
    pub fn order(&self) -> usize {
        self.order
    }

    /// Vocabulary size the model was built for.
    pub fn vocab(&self) -> usize {
        self.uni_prob.len()
    }

    #[inline]
    fn fp_at(&self, i: usize) -> u32 {
        let r = &self.table[i * REC..i * REC + 4];
        u32::from_le_bytes([r[0], r[1], r[2], r[3]])
    }

    #[inline]
    fn prob_at(&self, i: usize) -> f32 {
        self.plut[self.table[i * REC + 4] as usize]
    }

    #[inline]
    fn bow_at(&self, i: usize) -> f32 {
        self.blut[self.table[i * REC + 5] as usize]
    }

    #[inline]
    fn find(&self, ids: &[u16]) -> Option<usize> {
        self.find_hashed(ngram_hash(ids))
    }

    #[inline]
    fn find_hashed(&self, h: u64) -> Option<usize> {
        let fp = fingerprint(h);
        let mut i = home(h, self.slots);
        loop {
            let f = self.fp_at(i);
            if f == fp {
                return Some(i);
            }
            if f == 0 {
                return None;
            }
            i += 1;
            if i == self.slots {
                i = 0;
            }
        }
    }

    /// The hashes of a state's suffixes as n-gram prefixes: `part[k - 1]` hashes the last `k`
    /// ids as the start of a `k + 1`-gram, so the hash of (those ids, w) is one mixing step
    /// away ([`ngram_hash`] folds ids oldest first). A decoder computes them once per
    /// hypothesis and scores every candidate word with them.
    #[inline]
    pub fn partials(&self, st: &Context) -> Partials {
        let n = st.len as usize;
        let mut part = [0u64; MAX_ORDER - 1];
        for k in 1..=n {
            let mut h = 0x9E37_79B9_7F4A_7C15u64 ^ (k + 1) as u64;
            for &i in &st.ids[n - k..n] {
                h = splitmix(h ^ i as u64);
            }
            part[k - 1] = h;
        }
        Partials(part)
    }

    /// Hints the CPU to fetch the slots where (state, w) would be stored, so that the probes
    /// of several candidates overlap in memory instead of waiting one after another.
    #[inline]
    pub fn prefetch(&self, st: &Context, part: &Partials, w: u16) {
        let n = st.len as usize;
        if n == 0 {
            return;
        }
        // No stored bigram: the score is the unigram's, the table is not probed.
        if !self.has_bigram(st.ids[n - 1], w) {
            return;
        }
        self.prefetch_stored(st, part, w);
    }

    /// [`Lm::prefetch`] for a pair known to have a stored bigram (a decoder's pair that does
    /// not back off, see [`Lm::backs_off_row`]): the bitmap is not tested again.
    #[inline]
    pub fn prefetch_stored(&self, st: &Context, part: &Partials, w: u16) {
        let n = st.len as usize;
        // Bigram, trigram, 4-gram: probed in that order while they are stored.
        for p in &part.0[..n] {
            let i = home(splitmix(p ^ w as u64), self.slots);
            prefetch_read(self.table.as_ptr().wrapping_add(i * REC));
        }
    }

    /// Hints the CPU to fetch the bitmap byte that [`Lm::prefetch`] and scoring test for
    /// (state, w): a first stage, so that the bit tests do not stall one after another.
    #[inline]
    pub fn prefetch_bigram_bit(&self, st: &Context, w: u16) {
        let n = st.len as usize;
        if n > 0 {
            self.prefetch_bigram_pair(st.ids[n - 1], w);
        }
    }

    /// [`Lm::prefetch_bigram_bit`] for the bigram (a, b) itself: a decoder hints the next
    /// word's bits one word ahead, from the candidates alone.
    #[inline]
    pub fn prefetch_bigram_pair(&self, a: u16, b: u16) {
        let bit = a as usize * self.uni_prob.len() + b as usize;
        // No bounds test: a hint never faults, and `wrapping_add` makes no in-bounds claim.
        prefetch_read(self.bigrams.as_ptr().wrapping_add(bit >> 3));
    }

    /// Whether the bigram (a, b) is stored (the bitmap).
    #[inline]
    fn has_bigram(&self, a: u16, b: u16) -> bool {
        let bit = a as usize * self.uni_prob.len() + b as usize;
        self.bigrams
            .get(bit >> 3)
            .is_some_and(|byte| byte >> (bit & 7) & 1 == 1)
    }

    /// log10 P(w | ctx), `ctx` oldest first (only its last `order-1` ids are used). Backs off
    /// through shorter contexts, adding their backoff weights, down to the unigram.
    #[inline]
    pub fn score(&self, ctx: &[u16], w: u16) -> f32 {
        self.score_ctx(&self.context(ctx), w)
    }

    /// Precomputes, for a context (oldest first), the longest suffix stored in the model and
    /// the backoff weights of its suffixes, so that scoring many words in the same context
    /// probes only for the n-grams themselves (KenLM's state idea).
    #[inline]
    pub fn context(&self, ctx: &[u16]) -> Context {
        let n = ctx.len().min(self.order - 1);
        let ctx = &ctx[ctx.len() - n..];
        let mut st = Context {
            ids: [0; MAX_ORDER - 1],
            len: 0,
            bows: [0.0; MAX_ORDER - 1],
        };
        st.ids[..n].copy_from_slice(ctx);
        // bows[k - 1] = backoff weight of the last k ids; a context absent from the model has
        // weight 1 (log 0) and cannot prefix a stored longer n-gram.
        let mut longest = 0;
        for k in 1..=n {
            let c = &ctx[n - k..];
            let b = if k == 1 {
                Some(self.uni_bow[c[0] as usize])
            } else {
                self.find(c).map(|i| self.bow_at(i))
            };
            if let Some(b) = b {
                st.bows[k - 1] = b;
                longest = k;
            }
        }
        // Keep only the stored suffix: ids are oldest first, so shift.
        st.ids.copy_within(n - longest..n, 0);
        st.len = longest as u8;
        st
    }

    /// log10 P(w | st) and the state after `w` (KenLM's state-out): the probes that score `w`
    /// find exactly the stored n-grams ending in `w`, which are the next context's suffixes,
    /// with their backoff weights in the same records, so a decoder never prepares a context
    /// itself. The state is minimal: two histories with the same state score every future
    /// word alike (the model is prefix- and suffix-closed), so a decoder can recombine on it.
    #[inline]
    pub fn score_next(&self, st: &Context, w: u16) -> (f32, Context) {
        self.score_next_with(st, &self.partials(st), w)
    }

    /// [`Lm::score_next`] with the state's [`Lm::partials`] computed beforehand.
    #[inline]
    pub fn score_next_with(&self, st: &Context, part: &Partials, w: u16) -> (f32, Context) {
        let (lp, q) = self.score_packed(st, part, w);
        let lanes = st.ids[..st.len as usize]
            .iter()
            .fold(0u64, |k, &i| (k << 16) | i as u64);
        (lp, self.unpack((lanes << 16) | w as u64, q))
    }

    /// [`Lm::score_next_with`] with the out-state packed in 3 bytes (see [`Packed`]): a
    /// decoder's transition cache holds twice as many entries in the processor's caches.
    #[inline]
    pub fn score_packed(&self, st: &Context, part: &Partials, w: u16) -> (f32, Packed) {
        let wi = w as usize;
        if wi >= self.uni_prob.len() {
            // Nothing is stored after an unknown word: the next one starts afresh.
            return (self.unknown(), Packed::default());
        }
        let n = st.len as usize;
        let mut hit = 0;
        let mut prob = self.uni_prob[wi];
        // Backoff bytes of the out-state's longer suffixes: (c w), (b c w), (a b c w).
        let mut q = [0u8; MAX_ORDER - 1];
        // Probe bigram, trigram, 4-gram (k = 1, 2, 3 context ids) while stored. The stored
        // n-grams are suffix-closed (pruning thresholds never fall with the order, and an
        // n-gram's suffix is at least as frequent), so probing can stop at the first miss: a
        // wrong reading usually costs one probe, not `order - 1`.
        for (k, (p, ob)) in part.0[..n].iter().zip(&mut q).enumerate() {
            if k == 0 && !self.has_bigram(st.ids[n - 1], w) {
                break;
            }
            match self.find_hashed(splitmix(p ^ w as u64)) {
                Some(i) => {
                    prob = self.prob_at(i);
                    *ob = self.table[i * REC + 5];
                    hit = k + 1;
                }
                None => break,
            }
        }
        // The out-state keeps the last `min(hit + 1, order - 1)` ids, ending in `w`.
        let keep = (hit + 1).min(self.order - 1).max(1);
        let packed = Packed {
            len: keep as u8,
            bows: [q[0], q[1]],
        };
        (prob + st.bows[hit..n].iter().sum::<f32>(), packed)
    }

    /// The state a [`Packed`] transition leads to; `lanes` holds its ids in 16-bit lanes,
    /// newest (the scored word) lowest (older lanes beyond the state's length are ignored).
    #[inline]
    pub fn unpack(&self, lanes: u64, q: Packed) -> Context {
        let keep = q.len as usize;
        let mut out = Context {
            ids: [0; MAX_ORDER - 1],
            len: keep as u8,
            bows: [0.0; MAX_ORDER - 1],
        };
        // Fixed-length loops (the arrays hold at most three): no `memcpy` calls.
        for (i, o) in out.ids.iter_mut().enumerate() {
            if i < keep {
                *o = (lanes >> (16 * (keep - 1 - i))) as u16;
            }
        }
        if keep > 0 {
            out.bows[0] = self.uni_bow[lanes as u16 as usize];
        }
        for (i, o) in out.bows[1..].iter_mut().enumerate() {
            if i + 1 < keep {
                *o = self.blut[q.bows[i] as usize];
            }
        }
        out
    }

    /// Whether [`Lm::score_next_with`] of known word `w` after `st` backs off to the unigram
    /// without probing (no stored bigram with the state's last id, or an empty state): then
    /// its score is [`Lm::unigram`] plus [`Lm::backoff_sum`] and its state [`Lm::unigram_state`].
    /// Most of a decoder's (state, word) pairs are such, and need neither table nor cache.
    #[inline]
    pub fn backs_off(&self, st: &Context, w: u16) -> bool {
        let n = st.len as usize;
        (w as usize) < self.uni_prob.len() && (n == 0 || !self.has_bigram(st.ids[n - 1], w))
    }

    /// The state's row in the bigram bitmap (its last id times the vocabulary), `None` for
    /// an empty state: [`Lm::backs_off_row`] then tests a pair with one add.
    #[inline]
    pub fn bigram_row(&self, st: &Context) -> Option<usize> {
        let n = st.len as usize;
        (n > 0).then(|| st.ids[n - 1] as usize * self.uni_prob.len())
    }

    /// [`Lm::backs_off`] with the state's [`Lm::bigram_row`] computed beforehand.
    #[inline]
    pub fn backs_off_row(&self, row: Option<usize>, w: u16) -> bool {
        (w as usize) < self.uni_prob.len()
            && row.is_none_or(|r| {
                let bit = r + w as usize;
                self.bigrams
                    .get(bit >> 3)
                    .is_none_or(|byte| byte >> (bit & 7) & 1 == 0)
            })
    }

    /// The sum of a state's backoff weights, as [`Lm::score_next_with`] adds it to a word
    /// that backs off to the unigram (same terms, same order: the same float).
    #[inline]
    pub fn backoff_sum(&self, st: &Context) -> f32 {
        st.bows[..st.len as usize].iter().sum::<f32>()
    }

    /// log10 unigram probability of known word `w` (see [`Lm::backs_off`]).
    #[inline]
    pub fn unigram(&self, w: u16) -> f32 {
        self.uni_prob[w as usize]
    }

    /// The state after known word `w` backed off to the unigram: `w` alone (see
    /// [`Lm::backs_off`]).
    #[inline]
    pub fn unigram_state(&self, w: u16) -> Context {
        let mut out = Context {
            ids: [0; MAX_ORDER - 1],
            len: 1,
            bows: [0.0; MAX_ORDER - 1],
        };
        out.ids[0] = w;
        out.bows[0] = self.uni_bow[w as usize];
        out
    }

    fn unknown(&self) -> f32 {
        self.uni_prob
            .get(crate::restore::lexicon::UNK as usize)
            .copied()
            .unwrap_or(-7.0)
    }

    /// The state's ids, oldest first (the longest stored suffix of the history).
    #[inline]
    pub fn state_ids(st: &Context) -> &[u16] {
        &st.ids[..st.len as usize]
    }

    /// log10 P(w | context) for a context prepared by [`Lm::context`].
    #[inline]
    pub fn score_ctx(&self, st: &Context, w: u16) -> f32 {
        self.score_next(st, w).0
    }
}

/// Hashes of a state's suffixes (see [`Lm::partials`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Partials([u64; MAX_ORDER - 1]);

/// A transition's out-state without its ids (the decoder's state key holds them): its length
/// and the quantised backoff weights of its suffixes of two and three ids (one id's is the
/// word's unigram backoff).
#[derive(Debug, Clone, Copy, Default)]
pub struct Packed {
    pub len: u8,
    bows: [u8; 2],
}

/// A prepared LM context: the longest stored suffix of the words so far and its backoffs.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    ids: [u16; MAX_ORDER - 1],
    len: u8,
    /// `bows[k - 1]`: log10 backoff weight of the last `k` ids.
    bows: [f32; MAX_ORDER - 1],
}

/// One stored n-gram: ids oldest first, log10 prob, log10 backoff.
pub struct Entry {
    pub ids: Vec<u16>,
    pub prob: f32,
    pub bow: f32,
}

/// Serialises a model: unigram arrays indexed by id and the higher-order entries, in the order
/// given (the caller sorts them, so the file is deterministic).
pub fn write(order: usize, uni_prob: &[f32], uni_bow: &[f32], entries: &[Entry]) -> Vec<u8> {
    let slots = ((entries.len() as f64 / 0.6).ceil() as usize).max(16);
    let pq = Quant {
        min: -8.0,
        max: 0.0,
    };
    let bq = Quant {
        min: -5.0,
        max: 0.5,
    };
    let mut table = vec![0u8; slots * REC];
    for e in entries {
        let h = ngram_hash(&e.ids);
        let fp = fingerprint(h);
        let mut i = home(h, slots);
        while table[i * REC..i * REC + 4] != [0; 4] {
            i = if i + 1 == slots { 0 } else { i + 1 };
        }
        table[i * REC..i * REC + 4].copy_from_slice(&fp.to_le_bytes());
        table[i * REC + 4] = pq.encode(e.prob);
        table[i * REC + 5] = bq.encode(e.bow);
    }
    let vocab = uni_prob.len();
    let mut bitmap = vec![0u8; bitmap_bytes(vocab)];
    for e in entries.iter().filter(|e| e.ids.len() == 2) {
        let bit = e.ids[0] as usize * vocab + e.ids[1] as usize;
        if bit >> 3 < bitmap.len() {
            bitmap[bit >> 3] |= 1 << (bit & 7);
        }
    }
    let mut out = Vec::with_capacity(40 + vocab * 8 + slots * REC + bitmap.len());
    out.extend_from_slice(MAGIC);
    for v in [VERSION, order as u32, uni_prob.len() as u32, slots as u32] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in [pq.min, pq.max, bq.min, bq.max] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in uni_prob.iter().chain(uni_bow) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&table);
    out.extend_from_slice(&bitmap);
    out
}

/// Bytes of the bigram bitmap for a vocabulary (vocab² bits, whole u64 words).
fn bitmap_bytes(vocab: usize) -> usize {
    (vocab * vocab).div_ceil(64) * 8
}

#[cfg(test)]
mod tests;
