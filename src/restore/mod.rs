//! Diacritic restoration: noisy-channel decoding of OCR'd or diacritic-stripped Vietnamese.
//!
//! [`Restorer::restore`] keeps the restoration invariant by construction: it rewrites only word
//! pieces of tokens (see [`crate::normalize`]) and copies every other byte.

pub mod channel;
pub mod decode;
pub mod lexicon;
pub mod lm;

use std::path::Path;

use crate::error::Error;
use crate::fxhash::FxHashMap;
use crate::normalize::{self, Piece, PieceKind, Span};
use crate::syllable::{self, Case};
use channel::{Channel, DeletionIndex};
use decode::{Cand, DecodeParams, Workspace};
use lexicon::{Lexicon, ABBR, FIRST_SYL};
use lm::Lm;

/// File names under the dictionary directory.
pub const SYLLABLES_FILE: &str = "syllables.txt";
pub const CODES_FILE: &str = "codes.txt";
pub const CHANNEL_FILE: &str = "channel.txt";
pub const LM_FILE: &str = "lm.bin";

/// Tunable costs of the restorer (natural-log units).
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub decode: DecodeParams,
    /// Channel cost of a diacritic-free token read as any syllable with that folded form, in
    /// text whose diacritics were stripped.
    pub strip_cost: f32,
    /// The same in OCR'd text: the flat "diacritics lost" path of the channel mixture, which
    /// bounds the cost of any same-letters reading however rare the OCR data found it.
    pub ocr_strip_cost: f32,
    /// Cost of keeping a non-syllable token as printed: lower case / abbreviation-like.
    pub keep_cost: f32,
    pub keep_abbr_cost: f32,
    /// Extra cost of reading trailing digits as a footnote number rather than OCR'd letters.
    pub footnote_cost: f32,
    /// Candidates kept per slot.
    pub max_cands: usize,
    /// Weight of the unigram prior when pruning candidates.
    pub prior_weight: f32,
    /// Confidence below which a token counts as low-confidence.
    pub low_confidence: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            decode: DecodeParams::default(),
            strip_cost: 0.0,
            ocr_strip_cost: 1.6,
            footnote_cost: 1.0,
            keep_cost: 9.0,
            keep_abbr_cost: 4.0,
            max_cands: 8,
            prior_weight: 0.3,
            low_confidence: 0.6,
        }
    }
}

/// The loaded models.
pub struct Restorer {
    pub lex: Lexicon,
    pub channel: Channel,
    pub lm: Lm,
    index: DeletionIndex,
    log_total: f32,
    pub params: Params,
}

/// Per-token result of a restoration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TokenInfo {
    /// Character offset of the token in the restored text.
    pub start: usize,
    /// Character offset one past its end.
    pub end: usize,
    /// Whether restoration changed it.
    pub changed: bool,
    /// Confidence of the token's restoration (1.0 for tokens with nothing to decide).
    pub confidence: f32,
}

/// Restored text with per-token information.
#[derive(Debug, Clone, Default)]
pub struct Restored {
    pub text: String,
    pub tokens: Vec<TokenInfo>,
}

impl Restored {
    /// Tokens changed.
    pub fn changed(&self) -> usize {
        self.tokens.iter().filter(|t| t.changed).count()
    }
    /// Mean confidence over all tokens (1.0 when there are none).
    pub fn mean_confidence(&self) -> f32 {
        if self.tokens.is_empty() {
            return 1.0;
        }
        self.tokens.iter().map(|t| t.confidence).sum::<f32>() / self.tokens.len() as f32
    }
    /// Tokens below the confidence threshold.
    pub fn low_confidence(&self, threshold: f32) -> usize {
        self.tokens.iter().filter(|t| t.confidence < threshold).count()
    }
}

/// What a candidate writes.
#[derive(Debug, Clone, Copy)]
enum Out<'a> {
    Keep,
    Syl(u16),
    /// A syllable followed by the piece's last `n` bytes as printed (a footnote number).
    SylTail(u16, u8),
    Code(&'a str),
}

/// A word piece waiting for a decision: where it is and its candidates.
struct Slot {
    /// Byte range of the piece in the normalised text; `None` for LM-only slots (punctuation).
    range: Option<(usize, usize)>,
    case: Case,
    token: usize,
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, Error> {
    let p = dir.join(name);
    std::fs::read(&p).map_err(|e| Error::io(p, e))
}

impl Restorer {
    /// Loads `syllables.txt`, `codes.txt`, `channel.txt` and `lm.bin` from `dir`.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let text = |name: &str| -> Result<String, Error> {
            String::from_utf8(read(dir, name)?)
                .map_err(|_| Error::Model(format!("{name}: not UTF-8")))
        };
        let lex = Lexicon::parse(&text(SYLLABLES_FILE)?, &text(CODES_FILE)?)?;
        let channel = Channel::parse(&text(CHANNEL_FILE)?)?;
        let lm = Lm::from_bytes(&read(dir, LM_FILE)?)?;
        Self::new(lex, channel, lm)
    }

    /// Assembles a restorer from loaded parts.
    pub fn new(lex: Lexicon, channel: Channel, lm: Lm) -> Result<Self, Error> {
        if lm.vocab() != lex.vocab_size() {
            return Err(Error::Model(format!(
                "lm.bin has {} ids but the syllable list gives {}",
                lm.vocab(),
                lex.vocab_size()
            )));
        }
        let index = DeletionIndex::new(&lex);
        let total: u64 = (FIRST_SYL..lex.vocab_size() as u16)
            .map(|i| lex.count(i))
            .sum();
        Ok(Restorer {
            lex,
            channel,
            lm,
            index,
            log_total: (total.max(1) as f32).ln(),
            params: Params::default(),
        })
    }

    /// The default dictionary directory: `$VANBAN_DICT`, else `dictionaries/` beside the
    /// working directory, else the one the binary was built from.
    pub fn default_dir() -> std::path::PathBuf {
        if let Some(d) = std::env::var_os("VANBAN_DICT") {
            return d.into();
        }
        let local = Path::new("dictionaries");
        if local.join(LM_FILE).exists() {
            return local.to_path_buf();
        }
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries")
    }

    fn prior(&self, id: u16) -> f32 {
        self.log_total - (self.lex.count(id).max(1) as f32).ln()
    }

    /// Candidates for one word piece (original casing), appended to `out`.
    fn candidates<'a>(
        &'a self,
        piece: &str,
        stripped_doc: bool,
        in_code: bool,
        buf: &mut Bufs,
        out: &mut Vec<(Cand, Out<'a>)>,
    ) {
        let start = out.len();
        buf.lower.clear();
        buf.lower.extend(piece.chars().map(syllable::lower_char));
        let lower = buf.lower.as_str();
        let uppers = piece.chars().filter(|c| c.is_uppercase()).count();
        let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
        let valid = self.lex.id(lower).is_some()
            || syllable::canonical(lower).is_some_and(|c| self.lex.id(&c).is_some());
        // Abbreviations and codes: `QD` -> `QĐ`, `UBND` stays.
        let code_like = uppers >= 2 || (in_code && piece.starts_with(char::is_uppercase));
        if code_like && !valid {
            if let Some(code) = self.lex.canonical_code(piece) {
                out.push((Cand { lm: ABBR, cost: 0.0, tag: 0 }, Out::Code(code)));
                return;
            }
        }
        self.channel.prefold_into(lower, &mut buf.q);
        let q = buf.q.as_str();
        let plain = lower.chars().all(|c| c.is_ascii_lowercase());
        let push = |id: u16, cost: f32, out: &mut Vec<(Cand, Out<'a>)>| {
            if let Some(e) = out[start..].iter_mut().find(|(c, _)| c.lm == id) {
                e.0.cost = e.0.cost.min(cost);
            } else {
                out.push((Cand { lm: id, cost, tag: 0 }, Out::Syl(id)));
            }
        };
        for &id in self.lex.by_fold(q) {
            let cost = if stripped_doc && plain {
                self.params.strip_cost
            } else if plain {
                let c = self.channel.edit_cost(self.lex.text(id), lower);
                c.min(self.params.ocr_strip_cost)
            } else {
                self.channel.edit_cost(self.lex.text(id), lower)
            };
            push(id, cost, out);
        }
        if !stripped_doc && q.chars().count() <= channel::MAX_O {
            let dist = if q.chars().count() <= 3 { 1 } else { 2 };
            let mut forms = Vec::new();
            self.index.within(q, dist, &mut forms);
            for f in &forms {
                if *f == q {
                    continue;
                }
                for &id in self.lex.by_fold(f) {
                    let c = self.channel.edit_cost(self.lex.text(id), lower);
                    if c < 30.0 {
                        push(id, c, out);
                    }
                }
            }
            let mut variants = Vec::new();
            self.channel.split_variants(lower, &mut variants);
            for v in &variants {
                forms.clear();
                self.index.within(v, 1, &mut forms);
                for f in &forms {
                    for &id in self.lex.by_fold(f) {
                        let c = self.channel.edit_cost(self.lex.text(id), lower);
                        if c < 30.0 {
                            push(id, c, out);
                        }
                    }
                }
            }
            for (syl, c) in self.channel.whole(lower) {
                if let Some(id) = self.lex.id(syl) {
                    push(id, *c, out);
                }
            }
        }
        // A footnote number glued to a word (`khac7`, `nuoc3`): restore the letters, keep the digits.
        let digits = lower.bytes().rev().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && digits <= 3 && lower.len() > digits + 1 {
            let head = &lower[..lower.len() - digits];
            if head.chars().all(syllable::is_viet_letter) {
                let folded = syllable::fold(head);
                let plain_head = head.chars().all(|c| c.is_ascii_lowercase());
                for &id in self.lex.by_fold(&folded) {
                    let c = if plain_head {
                        self.params.strip_cost.max(0.0) + self.params.footnote_cost
                    } else {
                        self.channel.edit_cost(self.lex.text(id), head) + self.params.footnote_cost
                    };
                    out.push((Cand { lm: id, cost: c, tag: 0 }, Out::SylTail(id, digits as u8)));
                }
            }
        }
        // Rank by channel cost plus a light unigram prior; keep the best few.
        let pw = self.params.prior_weight;
        out[start..].sort_by(|a, b| {
            let ka = a.0.cost + pw * self.prior(a.0.lm);
            let kb = b.0.cost + pw * self.prior(b.0.lm);
            ka.total_cmp(&kb).then(a.0.lm.cmp(&b.0.lm))
        });
        out.truncate(start + self.params.max_cands);
        if !valid {
            let class = lexicon::word_class(piece);
            let cost = if self.lex.is_code(piece) {
                0.0
            } else if uppers >= 2 || (uppers >= 1 && letters > 1 && !piece.starts_with(|c: char| c.is_uppercase())) {
                self.params.keep_abbr_cost
            } else {
                self.params.keep_cost
            };
            out.push((Cand { lm: class, cost, tag: 0 }, Out::Keep));
        }
    }

    /// The syllables the restorer would consider for one OCR'd word, best channel score first
    /// (for measuring the channel's top-k recall).
    pub fn channel_candidates(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.candidates(word, false, false, &mut Bufs::default(), &mut out);
        out.iter()
            .filter_map(|(_, o)| match o {
                Out::Syl(id) => Some(self.lex.text(*id).to_string()),
                _ => None,
            })
            .collect()
    }

    /// Restores a document. The result has the same lines and tokens as the input (after NFC).
    pub fn restore(&self, input: &str) -> Restored {
        let text = normalize::nfc(input);
        let mut bufs = Bufs::default();
        // Pass 1: is this plain stripped text (no diacritics, next to no OCR junk in words)?
        let mut spans: Vec<Span> = Vec::new();
        let mut pieces: Vec<Piece> = Vec::new();
        let (mut words, mut marked, mut junky) = (0usize, 0usize, 0usize);
        for (line, _) in normalize::lines(&text) {
            for tok in normalize::tokens(line) {
                normalize::pieces(tok, &mut pieces);
                for p in pieces.iter().filter(|p| p.kind == PieceKind::Word) {
                    let w = &tok[p.start..p.end];
                    words += 1;
                    if syllable::has_diacritic(w) {
                        marked += 1;
                    } else if !w.chars().all(|c| c.is_ascii_alphabetic()) {
                        junky += 1;
                    }
                }
            }
        }
        let stripped_doc = marked == 0 && junky * 50 <= words;
        // Pass 2: slots and candidates.
        let mut slots: Vec<Slot> = Vec::new();
        let mut cands: Vec<(Cand, Out)> = Vec::new();
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        let mut seg_ends: Vec<usize> = Vec::new(); // slot counts at which a segment ends
        let mut cache: FxHashMap<String, (u32, u32)> = FxHashMap::default();
        let mut key = String::new();
        let mut token_spans: Vec<(usize, usize)> = Vec::new(); // byte ranges of tokens
        let mut offset = 0;
        for (line, ending) in normalize::lines(&text) {
            normalize::spans(line, &mut spans);
            if line.trim().is_empty() && seg_ends.last() != Some(&slots.len()) {
                seg_ends.push(slots.len());
            }
            for sp in spans.iter().filter(|s| s.is_token) {
                let tok = &line[sp.start..sp.end];
                let tstart = offset + sp.start;
                let ti = token_spans.len();
                token_spans.push((tstart, offset + sp.end));
                normalize::pieces(tok, &mut pieces);
                // A token shaped like a document number (`78/QD-UBND`): its pieces are codes.
                let in_code = tok.contains('/') && tok.bytes().any(|b| b.is_ascii_digit())
                    || pieces.iter().any(|p| p.kind == PieceKind::Sep && tok[p.start..p.end].starts_with('-')) && tok.chars().filter(|c| c.is_uppercase()).count() >= 3;
                let mut sentence_end = false;
                for (pi, p) in pieces.iter().enumerate() {
                    let s = &tok[p.start..p.end];
                    match p.kind {
                        PieceKind::Word => {
                            key.clear();
                            key.push(if in_code { '\u{1}' } else { '\u{0}' });
                            key.push_str(s);
                            let (a, b) = match cache.get(key.as_str()) {
                                Some(&r) => {
                                    // Reuse the candidate list by copying it (cheap, small).
                                    let (a, b) = r;
                                    let st = cands.len() as u32;
                                    for k in a..b {
                                        let c = cands[k as usize];
                                        cands.push(c);
                                    }
                                    (st, cands.len() as u32)
                                }
                                None => {
                                    let st = cands.len();
                                    self.candidates(s, stripped_doc, in_code, &mut bufs, &mut cands);
                                    let r = (st as u32, cands.len() as u32);
                                    cache.insert(key.clone(), r);
                                    r
                                }
                            };
                            ranges.push((a, b));
                            slots.push(Slot {
                                range: Some((tstart + p.start, tstart + p.end)),
                                case: syllable::case_of(s),
                                token: ti,
                            });
                        }
                        PieceKind::Number | PieceKind::Sep => {
                            let id = if p.kind == PieceKind::Number {
                                Some(lexicon::NUM)
                            } else {
                                lexicon::punct_id(s)
                            };
                            if let Some(id) = id {
                                let st = cands.len() as u32;
                                cands.push((Cand { lm: id, cost: 0.0, tag: 0 }, Out::Keep));
                                ranges.push((st, st + 1));
                                slots.push(Slot {
                                    range: None,
                                    case: Case::Lower,
                                    token: ti,
                                });
                            }
                            if p.kind == PieceKind::Sep
                                && pi + 1 == pieces.len()
                                && s.contains(['.', ';', '!', '?'])
                            {
                                sentence_end = true;
                            }
                        }
                    }
                }
                let since = slots.len() - seg_ends.last().copied().unwrap_or(0);
                if sentence_end || since >= 400 {
                    seg_ends.push(slots.len());
                }
            }
            offset += line.len() + ending.len();
        }
        if seg_ends.last() != Some(&slots.len()) {
            seg_ends.push(slots.len());
        }
        // Pass 3: decode segment by segment.
        let lat: Vec<Cand> = cands.iter().map(|c| c.0).collect();
        let mut choice_all: Vec<u16> = Vec::with_capacity(slots.len());
        let mut conf_all: Vec<f32> = Vec::with_capacity(slots.len());
        let mut ws = Workspace::default();
        let mut choice = Vec::new();
        let mut conf = Vec::new();
        let mut prev = 0;
        for &end in &seg_ends {
            if end <= prev {
                continue;
            }
            let r = &ranges[prev..end];
            decode::decode_segment(&self.lm, &self.params.decode, &lat, r, &mut choice, &mut ws);
            decode::confidences(&self.lm, &self.params.decode, &lat, r, &choice, &mut conf);
            choice_all.extend_from_slice(&choice);
            conf_all.extend_from_slice(&conf);
            prev = end;
        }
        // Pass 4: write the output and the token table.
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        let mut tokens: Vec<TokenInfo> = token_spans
            .iter()
            .map(|_| TokenInfo {
                start: 0,
                end: 0,
                changed: false,
                confidence: 1.0,
            })
            .collect();
        let mut pos = 0; // byte position in `text` copied so far
        let mut chars_out = 0usize;
        let mut tok_i = 0;
        let emit = |out: &mut String, s: &str, chars_out: &mut usize| {
            out.push_str(s);
            *chars_out += s.chars().count();
        };
        let mut slot_i = 0;
        while tok_i < token_spans.len() {
            let (ts, te) = token_spans[tok_i];
            emit(&mut out, &text[pos..ts], &mut chars_out);
            let start_chars = chars_out;
            let mut p = ts;
            let mut changed = false;
            let mut conf_min = 1.0f32;
            while slot_i < slots.len() && slots[slot_i].token == tok_i {
                let sl = &slots[slot_i];
                if let Some((a, b)) = sl.range {
                    emit(&mut out, &text[p..a], &mut chars_out);
                    let orig = &text[a..b];
                    let (_, o) = cands[ranges[slot_i].0 as usize + choice_all[slot_i] as usize];
                    let before = out.len();
                    match o {
                        Out::Keep => out.push_str(orig),
                        Out::Syl(id) => syllable::push_cased(&mut out, self.lex.text(id), sl.case),
                        Out::SylTail(id, n) => {
                            syllable::push_cased(&mut out, self.lex.text(id), sl.case);
                            out.push_str(&orig[orig.len() - n as usize..]);
                        }
                        Out::Code(c) => out.push_str(c),
                    }
                    let written = &out[before..];
                    chars_out += written.chars().count();
                    if written != orig {
                        changed = true;
                    }
                    conf_min = conf_min.min(conf_all[slot_i]);
                    p = b;
                }
                slot_i += 1;
            }
            emit(&mut out, &text[p..te], &mut chars_out);
            tokens[tok_i] = TokenInfo {
                start: start_chars,
                end: chars_out,
                changed,
                confidence: conf_min,
            };
            pos = te;
            tok_i += 1;
        }
        out.push_str(&text[pos..]);
        Restored { text: out, tokens }
    }
}

#[derive(Default)]
struct Bufs {
    lower: String,
    q: String,
}
