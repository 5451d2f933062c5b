//! Diacritic restoration: noisy-channel decoding of OCR'd or diacritic-stripped Vietnamese.
//!
//! [`Restorer::restore`] keeps the restoration invariant by construction: it rewrites only word
//! pieces of tokens (see [`crate::normalize`]) and copies every other byte.

pub mod channel;
pub mod checksums;
pub mod decode;
pub mod doc_cache;
pub mod lexicon;
pub mod line_pass;
pub mod lm;
mod load;
pub mod name_prior;
pub mod names;

pub use names::Names;
pub mod places;

use std::path::Path;

use crate::error::Error;
use crate::fxhash::FxHashMap;
use crate::normalize::{self, Piece, PieceKind, Span};
use crate::syllable::{self, Case};
use channel::{Channel, DeletionIndex};
use decode::{Cand, DecodeParams, Workspace};
use lexicon::{Lexicon, FIRST_SYL};
use lm::Lm;

/// File names under the dictionary directory.
pub const SYLLABLES_FILE: &str = "syllables.txt";
pub const CODES_FILE: &str = "codes.txt";
pub const CHANNEL_FILE: &str = "channel.txt";
pub const LM_FILE: &str = "lm.bin";
pub const NAMES_FILE: &str = "names.txt";
/// How often each syllable is a surname, middle or given name in the corpus (optional; built
/// by `train --name-prior`).
pub const NAME_PRIOR_FILE: &str = "name_prior.txt";
/// Hand-written organisation names (also compiled into the extractor).
pub const ORGANIZATIONS_FILE: &str = "organizations.txt";
/// Fixed phrases (signature titles) spelled as listed anywhere (optional).
pub const PHRASES_FILE: &str = "phrases.txt";
/// Hand-written gazetteer of provinces and districts.
pub const PLACES_FILE: &str = "places.txt";
/// Hand-listed abbreviations (document types, Party organs), merged with the code list.
pub const ABBREVIATIONS_FILE: &str = "abbreviations.txt";

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
    /// In clean text (most words already valid accented syllables: typed text or Vietnamese-model
    /// OCR), the extra cost of changing a word that is already a valid syllable.
    pub clean_change_cost: f32,
    /// Share of words that are valid accented syllables above which a text counts as clean.
    pub clean_share: f32,
    /// Extra cost of reading trailing digits as a footnote number rather than OCR'd letters.
    pub footnote_cost: f32,
    /// Candidates kept per slot.
    pub max_cands: usize,
    /// Candidates scoring more than this (channel cost + weighted prior, nats) behind the
    /// slot's best are dropped. Off by default: at 3 nats, English-OCR text loses 1.8 points
    /// (seed 000) for a 30 % speed-up there, and stripped text gains nothing.
    pub cand_margin: f32,
    /// Weight of the unigram prior when pruning candidates.
    pub prior_weight: f32,
    /// Confidence below which a token counts as low-confidence.
    pub low_confidence: f32,
    /// Most nats a document's own confident reading of the same letters takes off a
    /// candidate's cost in the second pass (`doc_cache`); 0 turns the second pass off.
    pub cache_weight: f32,
    /// Weight of the name prior's cost (`name_prior.txt`) on a word in a name's position.
    pub name_weight: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            decode: DecodeParams::default(),
            strip_cost: 0.0,
            ocr_strip_cost: 1.6,
            footnote_cost: 1.0,
            clean_change_cost: 7.0,
            clean_share: 0.5,
            keep_cost: 9.0,
            keep_abbr_cost: 4.0,
            max_cands: 8,
            cand_margin: f32::INFINITY,
            prior_weight: 0.3,
            low_confidence: 0.6,
            cache_weight: CACHE_WEIGHT,
            name_weight: NAME_WEIGHT,
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
    /// Name lists for name-only lines (optional `names.txt`).
    pub names: Option<Names>,
    /// Readings of names by position (optional `name_prior.txt`, used with `names.txt`).
    pub name_prior: Option<name_prior::NamePrior>,
    /// Place names after unit words and before dates (optional `places.txt`).
    pub places: Option<places::Places>,
    /// Organisation names, spelled as listed (optional `organizations.txt`).
    pub organizations: Option<places::Places>,
    /// Fixed phrases spelled as listed anywhere (optional `phrases.txt`).
    pub phrases: Option<places::Places>,
    /// The user's lexicon (`--lexicon`): names and terms of two words or more, spelled as an
    /// archivist corrected them, applied last (see [`Restorer::set_user_lexicon`]).
    pub user_lexicon: Option<places::Places>,
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
    /// The decoder's other readings of each token below [`Params::low_confidence`], in token
    /// order (tokens with nothing else to offer have none).
    pub alternatives: Vec<Alternatives>,
}

/// Most other readings kept for a low-confidence token.
pub const MAX_ALTERNATIVES: usize = 3;

/// Other readings of one low-confidence token: the whole token with its least confident word
/// piece read another way, best first, with the probability the decoder gives that reading
/// (the same max-marginal softmax as the token's confidence).
#[derive(Debug, Clone, PartialEq)]
pub struct Alternatives {
    /// The token's index in [`Restored::tokens`].
    pub token: usize,
    pub readings: Vec<(String, f32)>,
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
        self.tokens
            .iter()
            .filter(|t| t.confidence < threshold)
            .count()
    }
}

/// The single candidate of a code or abbreviation, `lm` its LM id, at no cost.
fn only_code(lm: u16, out: Out<'_>) -> (Cand, Out<'_>) {
    (Cand { lm, cost: 0.0 }, out)
}

/// What a candidate writes.
#[derive(Debug, Clone, Copy)]
enum Out<'a> {
    Keep,
    Syl(u16),
    /// A syllable followed by the piece's last `n` bytes as printed (a footnote number).
    SylTail(u16, u8),
    Code(&'a str),
    /// A spelling made for this document (`SGDĐT`), stored in the stream's buffers.
    Owned(u32),
}

/// A word piece waiting for a decision: where it is and its candidates.
struct Slot {
    /// Byte range of the piece in the normalised text; `None` for LM-only slots (punctuation).
    range: Option<(usize, usize)>,
    case: Case,
    token: usize,
}

impl Restorer {
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
            names: None,
            name_prior: None,
            places: None,
            organizations: None,
            phrases: None,
            user_lexicon: None,
        })
    }

    /// Takes a user lexicon (one name or term per line, `#` comments): wherever a capitalised
    /// run of two or more words has the letters of an entry, it is written as the entry, after
    /// decoding and the other name lists (same letters only, so tokens and spans stay).
    pub fn set_user_lexicon(&mut self, text: &str) -> Result<(), Error> {
        self.user_lexicon = Some(places::Places::parse_organizations(text)?);
        Ok(())
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
        mode: Mode,
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
        // Inside a document number, a capitalised part is a code: canonical letters or as printed.
        let code_part = in_code && letters >= 1 && uppers == letters;
        if (code_like && !valid) || code_part {
            if let Some(code) = self
                .lex
                .canonical_code_in(piece, code_part, mode != Mode::Stripped)
            {
                out.push(only_code(self.lex.word_class(code), Out::Code(code)));
                return;
            }
            // Codes joined by `&` (`DBQH&HDND`): each part on its own.
            if piece.contains('&') {
                let parts: Vec<&str> = piece.split('&').collect();
                let fixed: Vec<&str> = parts
                    .iter()
                    .map(|p| {
                        self.lex
                            .canonical_code_in(p, false, mode != Mode::Stripped)
                            .unwrap_or(p)
                    })
                    .collect();
                if fixed != parts {
                    let i = buf.owned.len();
                    let joined = fixed.join("&");
                    let lm = self.lex.word_class(&joined);
                    buf.owned.push(joined);
                    out.push(only_code(lm, Out::Owned(i as u32)));
                    return;
                }
            }
            if let Some(code) = self.lex.code_with_known_part(piece) {
                let i = buf.owned.len();
                let lm = self.lex.word_class(&code);
                buf.owned.push(code);
                out.push(only_code(lm, Out::Owned(i as u32)));
                return;
            }
            if code_part {
                out.push(only_code(self.lex.word_class(piece), Out::Keep));
                return;
            }
        }
        // Capitals without a vowel letter (`CCHC`, `DVCTT`, `VT`) cannot be a syllable, however
        // garbled: an abbreviation, kept as printed.
        if letters >= 2
            && uppers == letters
            && !piece
                .chars()
                .any(|c| syllable::split_tone(syllable::lower_char(c)).is_some())
        {
            out.push(only_code(self.lex.word_class(piece), Out::Keep));
            return;
        }
        self.channel.prefold_into(lower, &mut buf.q);
        let q = buf.q.as_str();
        let plain = lower.chars().all(|c| c.is_ascii_lowercase());
        let stripped_doc = mode == Mode::Stripped;
        // In clean text a valid word is trusted: every other reading pays extra.
        let identity = if mode == Mode::Clean {
            self.lex
                .id(lower)
                .or_else(|| syllable::canonical(lower).and_then(|c| self.lex.id(&c)))
        } else {
            None
        };
        let clean_extra = self.params.clean_change_cost;
        let push = |id: u16, cost: f32, out: &mut Vec<(Cand, Out<'a>)>| {
            let cost = match identity {
                Some(i) if i == id => 0.0,
                Some(_) => cost + clean_extra,
                None => cost,
            };
            if let Some(e) = out[start..].iter_mut().find(|(c, _)| c.lm == id) {
                e.0.cost = e.0.cost.min(cost);
            } else {
                out.push((Cand { lm: id, cost }, Out::Syl(id)));
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
        let digits = lower
            .bytes()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
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
                    out.push((Cand { lm: id, cost: c }, Out::SylTail(id, digits as u8)));
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
        // Readings far behind the best on channel cost and prior alone rarely win and cost
        // LM probes for every hypothesis.
        if let Some(first) = out
            .get(start)
            .filter(|_| self.params.cand_margin.is_finite())
        {
            let limit = first.0.cost + pw * self.prior(first.0.lm) + self.params.cand_margin;
            let keep = out[start..]
                .iter()
                .take_while(|(c, _)| c.cost + pw * self.prior(c.lm) <= limit)
                .count();
            out.truncate(start + keep);
        }
        if !valid {
            let class = self.lex.word_class(piece);
            // In clean text a short or capitalised non-word (`T/M`, `KT.`) is meant as printed.
            let clean_abbr = mode == Mode::Clean && (letters <= 2 || uppers >= 1);
            let abbr_like = uppers >= 2
                || (uppers >= 1 && letters > 1 && !piece.starts_with(|c: char| c.is_uppercase()));
            // In stripped text, capitals that are a syllable with its marks removed (`THACH`:
            // a stop coda needs a tone mark, so the bare form is no syllable) are that
            // syllable in a heading, not an abbreviation.
            let stripped_syllable = stripped_doc && !self.lex.by_fold(q).is_empty();
            let cost = if self.lex.is_code(piece) {
                0.0
            } else if (clean_abbr || abbr_like) && !stripped_syllable {
                self.params.keep_abbr_cost
            } else {
                self.params.keep_cost
            };
            out.push((Cand { lm: class, cost }, Out::Keep));
        }
    }

    /// The syllables the restorer would consider for one OCR'd word, best channel score first
    /// (for measuring the channel's top-k recall).
    pub fn channel_candidates(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.candidates(word, Mode::Noisy, false, &mut Bufs::default(), &mut out);
        out.iter()
            .filter_map(|(_, o)| match o {
                Out::Syl(id) => Some(self.lex.text(*id).to_string()),
                _ => None,
            })
            .collect()
    }

    /// Restores a document. The result has the same lines and tokens as the input (after NFC).
    ///
    /// Memory stays bounded by the segment being decoded (a sentence, at most
    /// [`MAX_SEGMENT`] slots) plus the candidate cache, not by the document.
    pub fn restore(&self, input: &str) -> Restored {
        self.restore_with_ocr(input, &[])
    }

    /// As [`Restorer::restore`], with Tesseract's confidence (0-1, NaN when unknown) for each
    /// whitespace token of `input`. In clean text a valid word is protected from change in
    /// proportion to how sure the OCR was of it, so context can fix low-confidence words.
    pub fn restore_with_ocr(&self, input: &str, ocr: &[f32]) -> Restored {
        let text = normalize::nfc(input);
        let mode = classify(self, &text);
        let ocr = if !ocr.is_empty()
            && normalize::lines(&text)
                .map(|(l, _)| normalize::tokens(l).count())
                .sum::<usize>()
                == ocr.len()
        {
            ocr
        } else {
            &[]
        };
        let first = self.decode(&text, mode, ocr, None);
        let mut out = match mode {
            Mode::Clean => first,
            _ => {
                match doc_cache::DocCache::build(&self.lex, &text, &first, self.params.cache_weight)
                {
                    Some(cache) => self.decode(&text, mode, ocr, Some(&cache)),
                    None => first,
                }
            }
        };
        line_pass::apply(self, &text, &mut out);
        out
    }

    /// One decoding pass over a document (NFC), with the document cache's bonuses when given.
    fn decode(
        &self,
        text: &str,
        mode: Mode,
        ocr: &[f32],
        bias: Option<&doc_cache::DocCache>,
    ) -> Restored {
        let mut st = Stream {
            bias,
            ocr,
            token_no: 0,
            r: self,
            text,
            mode,
            title_caps: false,
            caps_context: false,
            keep_caps: false,
            name_pos: name_prior::NONE,
            out: String::with_capacity(text.len() + text.len() / 4),
            tokens: Vec::new(),
            pos: 0,
            chars_out: 0,
            slots: Vec::new(),
            ranges: Vec::new(),
            lat: Vec::new(),
            outs: Vec::new(),
            seg_tokens: Vec::new(),
            cache: FxHashMap::default(),
            arena: Vec::new(),
            bufs: Bufs::default(),
            choice: Vec::new(),
            conf: Vec::new(),
            slot_alts: Vec::new(),
            alts: Vec::new(),
        };
        let mut spans: Vec<Span> = Vec::new();
        let mut pieces: Vec<Piece> = Vec::new();
        // The line's tokens as byte ranges, to look at a token's neighbours.
        let mut toks: Vec<(usize, usize)> = Vec::new();
        // Each token's position in a personal name, when the name prior is loaded.
        let mut name_pos: Vec<u8> = Vec::new();
        let mut folded = String::new();
        let name_lists = self.names.as_ref().zip(self.name_prior.as_ref());
        // A token in capitals: two letters or more mostly upper case, or one capital letter.
        let in_caps = |t: &str| {
            let n = t.chars().filter(|c| c.is_alphabetic()).count();
            (n >= 2 && syllable::case_of(t) == Case::Upper)
                || (n == 1 && t.chars().any(char::is_uppercase))
        };
        let mut offset = 0;
        for (line, ending) in normalize::lines(text) {
            if line.trim().is_empty() {
                st.flush(true);
            }
            normalize::spans(line, &mut spans);
            // Only a piece in capitals (two capital letters or more) reads `title_caps`, so the
            // heading test runs once per line, when such a token comes.
            let mut heading: Option<bool> = None;
            toks.clear();
            toks.extend(
                spans
                    .iter()
                    .filter(|s| s.is_token)
                    .map(|s| (s.start, s.end)),
            );
            if let Some((names, _)) = name_lists {
                name_prior::positions(
                    names,
                    toks.iter().map(|&(a, b)| &line[a..b]),
                    &mut name_pos,
                    &mut folded,
                );
            }
            let mut k = 0;
            for sp in spans.iter() {
                if !sp.is_token {
                    // A wide gap inside a line separates layout columns (header blocks OCR'd
                    // side by side): the language model's context does not cross it.
                    let gap = &line[sp.start..sp.end];
                    if sp.start > 0 && (gap.len() >= 3 || gap.contains('\t')) {
                        st.flush(true);
                    }
                    continue;
                }
                let tok = &line[sp.start..sp.end];
                // Cheapest tests first: most tokens have fewer than two capitals.
                let caps_at = |j: usize| toks.get(j).is_some_and(|&(a, b)| in_caps(&line[a..b]));
                let neighbour_caps = || (k > 0 && caps_at(k - 1)) || caps_at(k + 1);
                let two_caps = tok.chars().filter(|c| c.is_uppercase()).nth(1).is_some();
                let isolated_caps = two_caps
                    && !neighbour_caps()
                    && !*heading.get_or_insert_with(|| is_heading(line, &mut pieces));
                // Stripping keeps case: a stripped text's capitals are as written, and an
                // isolated word in capitals in body text is an acronym or a numeral (`AI`,
                // `BIM`, `VI`) far more often than a word with its marks removed.
                st.title_caps = isolated_caps && mode != Mode::Stripped;
                st.keep_caps = isolated_caps && mode == Mode::Stripped;
                // A word OCR read in mixed case (`CilU`, `xA`) between capitals of a heading is in
                // capitals too; codes (`QĐ-TTg`) keep their case.
                st.caps_context = tok.chars().skip(1).any(char::is_uppercase)
                    && mode != Mode::Stripped
                    && !isolated_caps
                    && !tok.contains(|c: char| c.is_ascii_digit() || c == '/' || c == '-')
                    && neighbour_caps()
                    && *heading.get_or_insert_with(|| is_heading(line, &mut pieces));
                st.name_pos = name_pos.get(k).copied().unwrap_or(name_prior::NONE);
                let sentence_end = st.add_token(tok, offset + sp.start, &mut pieces);
                if sentence_end || st.slots.len() >= MAX_SEGMENT {
                    st.flush(false);
                }
                k += 1;
            }
            offset += line.len() + ending.len();
        }
        st.flush(true);
        st.out.push_str(&text[st.pos..]);
        Restored {
            text: st.out,
            tokens: st.tokens,
            alternatives: st.alts,
        }
    }
}

/// What kind of text a document is, which decides how far its letters are trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No diacritics at all: every same-letters reading is equally likely.
    Stripped,
    /// English-model OCR and the like: diacritics are unreliable, letters often wrong.
    Noisy,
    /// Mostly correct accented text: a valid word is kept unless the context insists.
    Clean,
}

/// Default of [`Params::cache_weight`]: off. Measured at 1 nat it moved the 80 held-out real
/// documents from 99.31 to 99.34 % but their damage from 0.66 to 0.68 %, the held-out real
/// test half from 99.51 to 99.50 % and the held-out corpus lines from 99.54 to 99.51 %.
pub const CACHE_WEIGHT: f32 = 0.0;

/// Default of [`Params::name_weight`].
pub const NAME_WEIGHT: f32 = 1.0;

/// Extra cost (nats) of reading an isolated word in capitals of a stripped document's body
/// text as a syllable rather than as printed. In the corpus (its lines outside headings, the
/// real documents' lines left out), such words with a syllable's letters are printed without
/// marks 1,799 times (weighted; `VI`, `AI`, `BIM`, `XI`) against 85 with (`PHẦN`, `TƯ`):
/// ln(1799 / 85) = 3.05.
pub const KEEP_CAPS_COST: f32 = 3.0;

/// Longest run of slots decoded as one segment.
pub const MAX_SEGMENT: usize = 400;
/// Cached candidate lists are dropped when the cache holds more candidates than this.
const MAX_CACHED: usize = 1 << 20;

/// Classifies a text: stripped (no diacritics, at most 2 % of words with digits or junk inside,
/// since footnote numbers glued to words are common in clean text), clean (more than
/// `clean_share` of its words are valid accented syllables) or noisy.
pub fn classify(r: &Restorer, text: &str) -> Mode {
    let mut pieces: Vec<Piece> = Vec::new();
    let (mut words, mut junky, mut marked, mut valid_marked) = (0usize, 0usize, 0usize, 0usize);
    let mut lower = String::new();
    for (line, _) in normalize::lines(text) {
        for tok in normalize::tokens(line) {
            normalize::pieces(tok, &mut pieces);
            for p in pieces.iter().filter(|p| p.kind == PieceKind::Word) {
                let w = &tok[p.start..p.end];
                words += 1;
                if !w.chars().all(|c| c.is_ascii_alphabetic()) {
                    junky += 1;
                }
                if syllable::has_diacritic(w) {
                    marked += 1;
                    lower.clear();
                    lower.extend(w.chars().map(syllable::lower_char));
                    if r.lex.id(&lower).is_some()
                        || syllable::canonical(&lower).is_some_and(|c| r.lex.id(&c).is_some())
                    {
                        valid_marked += 1;
                    }
                }
            }
        }
    }
    if marked == 0 && junky * 50 <= words {
        Mode::Stripped
    } else if valid_marked as f32 > r.params.clean_share * words as f32 {
        Mode::Clean
    } else {
        Mode::Noisy
    }
}

/// A heading line: most of its words (two letters or more) are in capitals. Outside
/// headings, an isolated word OCR read in capitals (`SO Noi vu`) is restored in title case
/// (`Sở Nội vụ`); capitals next to capitals are a real capitalised phrase and stay.
fn is_heading(line: &str, pieces: &mut Vec<Piece>) -> bool {
    let (mut words, mut upper) = (0usize, 0usize);
    for tok in normalize::tokens(line) {
        normalize::pieces(tok, pieces);
        for p in pieces.iter().filter(|p| p.kind == PieceKind::Word) {
            let w = &tok[p.start..p.end];
            if w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                continue;
            }
            words += 1;
            upper += (syllable::case_of(w) == Case::Upper) as usize;
        }
    }
    upper * 2 > words
}

/// A doubtful slot of a segment: its index, how many runners-up, and they (candidate index,
/// probability).
type SlotAlts = (u32, u8, [(u16, f32); MAX_ALTERNATIVES]);

/// The state of one streaming restoration: the current segment's lattice and the output.
struct Stream<'a, 't> {
    /// The document cache of the second pass (`None` in the first).
    bias: Option<&'t doc_cache::DocCache>,
    /// OCR confidence per token of the document (empty when unknown), and the next token's
    /// number.
    ocr: &'t [f32],
    token_no: usize,
    r: &'a Restorer,
    text: &'t str,
    mode: Mode,
    /// Whether a capitalised word of the current token is restored in title case (an isolated
    /// capitalised word in body text).
    title_caps: bool,
    /// Whether a mixed-case word of the current token is restored in capitals (a word among
    /// capitals in a heading).
    caps_context: bool,
    /// Whether a word of the current token in capitals may stay as printed (an isolated word
    /// in capitals in body text of a stripped document), see [`KEEP_CAPS_COST`].
    keep_caps: bool,
    /// The current token's position in a personal name (`name_prior::NONE` outside one).
    name_pos: u8,
    out: String,
    tokens: Vec<TokenInfo>,
    /// Byte position in `text` up to which output has been written.
    pos: usize,
    chars_out: usize,
    slots: Vec<Slot>,
    ranges: Vec<(u32, u32)>,
    lat: Vec<Cand>,
    outs: Vec<Out<'a>>,
    /// Byte spans of the segment's tokens, in order.
    seg_tokens: Vec<(usize, usize)>,
    /// Candidate lists by (code flag, word piece), stored in `arena`.
    cache: FxHashMap<String, (u32, u32)>,
    arena: Vec<(Cand, Out<'a>)>,
    bufs: Bufs,
    choice: Vec<u16>,
    conf: Vec<f32>,
    /// The segment's low-confidence slots: (slot, how many readings, other candidates with
    /// their probability).
    slot_alts: Vec<SlotAlts>,
    alts: Vec<Alternatives>,
}

impl<'a> Stream<'a, '_> {
    fn push_slot(&mut self, cands: &[(Cand, Out<'a>)], slot: Slot) {
        let s = self.lat.len() as u32;
        for (c, o) in cands {
            self.lat.push(*c);
            self.outs.push(*o);
        }
        self.ranges.push((s, self.lat.len() as u32));
        self.slots.push(slot);
    }

    /// Adds a token's slots; returns whether it ends a sentence.
    fn add_token(&mut self, tok: &str, tstart: usize, pieces: &mut Vec<Piece>) -> bool {
        let ocr_conf = self.ocr.get(self.token_no).copied().filter(|c| !c.is_nan());
        self.token_no += 1;
        let ti = self.seg_tokens.len();
        self.seg_tokens.push((tstart, tstart + tok.len()));
        normalize::pieces(tok, pieces);
        // A token shaped like a document number (`78/QD-UBND`): its pieces are codes.
        let caps = tok.chars().filter(|c| c.is_uppercase()).count();
        // So is a slash abbreviation of one- or two-letter parts (`V/v`, `b/c`, `K/T`): its
        // letters are no syllables (`v` is not `vợ`).
        let slash_abbr = tok.contains('/')
            && pieces
                .iter()
                .filter(|p| p.kind == PieceKind::Word)
                .all(|p| tok[p.start..p.end].chars().count() <= 2);
        let in_code = (tok.contains('/') && tok.bytes().any(|b| b.is_ascii_digit()))
            || (tok.contains('-') && caps >= 3)
            || slash_abbr;
        let mut sentence_end = false;
        for (pi, p) in pieces.iter().enumerate() {
            let s = &tok[p.start..p.end];
            match p.kind {
                PieceKind::Word => {
                    let key = &mut self.bufs.key;
                    key.clear();
                    key.push(if in_code { '\u{1}' } else { '\u{0}' });
                    key.push_str(s);
                    let (a, b) = match self.cache.get(key.as_str()) {
                        Some(&r) => r,
                        None => {
                            if self.arena.len() > MAX_CACHED {
                                self.arena.clear();
                                self.cache.clear();
                            }
                            let key = key.clone();
                            let st = self.arena.len();
                            self.r.candidates(
                                s,
                                self.mode,
                                in_code,
                                &mut self.bufs,
                                &mut self.arena,
                            );
                            let r = (st as u32, self.arena.len() as u32);
                            self.cache.insert(key, r);
                            r
                        }
                    };
                    let cands = std::mem::take(&mut self.arena);
                    let start = self.lat.len();
                    self.push_slot(
                        &cands[a as usize..b as usize],
                        Slot {
                            range: Some((tstart + p.start, tstart + p.end)),
                            case: match syllable::case_of(s) {
                                Case::Upper if self.title_caps => Case::Title,
                                Case::Title | Case::Lower if self.caps_context => Case::Upper,
                                c => c,
                            },
                            token: ti,
                        },
                    );
                    self.arena = cands;
                    if self.keep_caps {
                        self.keep_caps_reading(s, start);
                    }
                    if self.name_pos != name_prior::NONE {
                        if let Some(np) = &self.r.name_prior {
                            let w = self.r.params.name_weight;
                            for (c, o) in self.lat[start..].iter_mut().zip(&self.outs[start..]) {
                                if let Out::Syl(id) | Out::SylTail(id, _) = *o {
                                    c.cost += w * np.cost(id, self.name_pos);
                                }
                            }
                        }
                    }
                    // Second pass: the document's own confident reading of these letters.
                    if let Some(b) = self.bias {
                        if let Some((id, bonus)) = b.get(s, &mut self.bufs.folded) {
                            for c in &mut self.lat[start..] {
                                if c.lm == id {
                                    c.cost -= bonus;
                                }
                            }
                        }
                    }
                    // Clean text: the protection of a valid word scales with OCR confidence.
                    if let (Mode::Clean, Some(c)) = (self.mode, ocr_conf) {
                        let slot = start..self.lat.len();
                        let has_identity = slot.clone().any(|k| {
                            self.lat[k].cost == 0.0 && matches!(self.outs[k], Out::Syl(_))
                        });
                        if has_identity && c < 1.0 {
                            let relief = self.r.params.clean_change_cost * (1.0 - c);
                            for k in slot {
                                if self.lat[k].cost >= self.r.params.clean_change_cost {
                                    self.lat[k].cost -= relief;
                                }
                            }
                        }
                    }
                }
                PieceKind::Number | PieceKind::Sep => {
                    let id = if p.kind == PieceKind::Number {
                        Some(lexicon::NUM)
                    } else {
                        lexicon::punct_id(s)
                    };
                    if let Some(id) = id {
                        let c = (Cand { lm: id, cost: 0.0 }, Out::Keep);
                        self.push_slot(
                            &[c],
                            Slot {
                                range: None,
                                case: Case::Lower,
                                token: ti,
                            },
                        );
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
        sentence_end
    }

    /// An isolated word in capitals of a stripped document (the slot's candidates start at
    /// `start` of the lattice) that only syllables can read (no code): kept as printed at no
    /// cost, its syllable readings paying [`KEEP_CAPS_COST`] more.
    fn keep_caps_reading(&mut self, s: &str, start: usize) {
        if syllable::case_of(s) != Case::Upper
            || s.chars().filter(|c| c.is_alphabetic()).count() < 2
            || !self.outs[start..]
                .iter()
                .all(|o| matches!(o, Out::Syl(_) | Out::SylTail(..)))
        {
            return;
        }
        for (c, o) in self.lat[start..].iter_mut().zip(&self.outs[start..]) {
            if matches!(o, Out::Syl(_) | Out::SylTail(..)) {
                c.cost += KEEP_CAPS_COST;
            }
        }
        self.lat.push(Cand {
            lm: self.r.lex.word_class(s),
            cost: 0.0,
        });
        self.outs.push(Out::Keep);
        if let Some(r) = self.ranges.last_mut() {
            r.1 = self.lat.len() as u32;
        }
    }

    /// Decodes the pending segment and writes its tokens to the output; `eos` when the
    /// segment ends a paragraph.
    fn flush(&mut self, eos: bool) {
        if self.seg_tokens.is_empty() {
            return;
        }
        thread_local! {
            // One workspace per thread, reused across documents (its score cache stays warm).
            static WS: std::cell::RefCell<Workspace> = std::cell::RefCell::new(Workspace::default());
        }
        let p = &self.r.params.decode;
        WS.with(|w| {
            let ws = &mut *w.borrow_mut();
            decode::decode_segment(
                &self.r.lm,
                p,
                &self.lat,
                &self.ranges,
                eos,
                &mut self.choice,
                ws,
            );
            decode::confidences(&self.ranges, &self.choice, ws, &mut self.conf);
            // Only doubtful slots pay for their runners-up.
            self.slot_alts.clear();
            let low = self.r.params.low_confidence;
            for (i, &c) in self.conf.iter().enumerate() {
                if c < low {
                    let mut top = [(0u16, 0f32); MAX_ALTERNATIVES];
                    let n = decode::runners_up(&self.ranges, i, self.choice[i], ws, &mut top);
                    if n > 0 {
                        self.slot_alts.push((i as u32, n as u8, top));
                    }
                }
            }
        });
        let mut next_alt = 0;
        let text = self.text;
        let mut slot_i = 0;
        for (ti, &(ts, te)) in self.seg_tokens.iter().enumerate() {
            emit(&mut self.out, &text[self.pos..ts], &mut self.chars_out);
            let start_chars = self.chars_out;
            let start_byte = self.out.len();
            let mut p = ts;
            let mut changed = false;
            let mut conf_min = 1.0f32;
            // The least confident word piece: (slot, its output's byte range).
            let mut weakest: Option<(usize, usize, usize)> = None;
            while slot_i < self.slots.len() && self.slots[slot_i].token == ti {
                let sl = &self.slots[slot_i];
                if let Some((a, b)) = sl.range {
                    emit(&mut self.out, &text[p..a], &mut self.chars_out);
                    let orig = &text[a..b];
                    let o =
                        self.outs[self.ranges[slot_i].0 as usize + self.choice[slot_i] as usize];
                    let before = self.out.len();
                    write_out(&mut self.out, o, orig, sl.case, self.r, &self.bufs.owned);
                    let written = &self.out[before..];
                    self.chars_out += written.chars().count();
                    changed |= written != orig;
                    if self.conf[slot_i] < conf_min {
                        conf_min = self.conf[slot_i];
                        weakest = Some((slot_i, before, self.out.len()));
                    }
                    p = b;
                }
                slot_i += 1;
            }
            emit(&mut self.out, &text[p..te], &mut self.chars_out);
            if let Some((si, a, b)) = weakest.filter(|_| conf_min < self.r.params.low_confidence) {
                while next_alt < self.slot_alts.len() && (self.slot_alts[next_alt].0 as usize) < si
                {
                    next_alt += 1;
                }
                if let Some(&(_, n, top)) =
                    self.slot_alts.get(next_alt).filter(|x| x.0 as usize == si)
                {
                    if let Some(alt) = self.alternatives(si, start_byte, (a, b), &top[..n as usize])
                    {
                        self.alts.push(alt);
                    }
                }
            }
            self.tokens.push(TokenInfo {
                start: start_chars,
                end: self.chars_out,
                changed,
                confidence: conf_min,
            });
            self.pos = te;
        }
        self.slots.clear();
        self.ranges.clear();
        self.lat.clear();
        self.outs.clear();
        self.seg_tokens.clear();
    }

    /// The other readings of the token being written (it starts at byte `start` of
    /// the output; its slot `si` wrote bytes `a..b`): the token with that slot's output
    /// replaced by each runner-up, duplicates dropped.
    fn alternatives(
        &self,
        si: usize,
        start: usize,
        (a, b): (usize, usize),
        top: &[(u16, f32)],
    ) -> Option<Alternatives> {
        let sl = &self.slots[si];
        let (oa, ob) = sl.range?;
        let orig = &self.text[oa..ob];
        let token = &self.out[start..];
        let mut readings: Vec<(String, f32)> = Vec::with_capacity(top.len());
        for &(ci, prob) in top {
            let o = self.outs[self.ranges[si].0 as usize + ci as usize];
            let mut s = String::with_capacity(token.len() + 8);
            s.push_str(&self.out[start..a]);
            write_out(&mut s, o, orig, sl.case, self.r, &self.bufs.owned);
            s.push_str(&self.out[b..]);
            if s != token && !readings.iter().any(|(r, _)| *r == s) {
                readings.push((s, prob));
            }
        }
        (!readings.is_empty()).then_some(Alternatives {
            token: self.tokens.len(),
            readings,
        })
    }
}

/// Writes what candidate output `o` makes of word piece `orig`.
fn write_out(out: &mut String, o: Out<'_>, orig: &str, case: Case, r: &Restorer, owned: &[String]) {
    match o {
        Out::Keep => out.push_str(orig),
        Out::Syl(id) => syllable::push_cased(out, r.lex.text(id), case),
        Out::SylTail(id, n) => {
            syllable::push_cased(out, r.lex.text(id), case);
            out.push_str(&orig[orig.len() - n as usize..]);
        }
        Out::Code(c) => out.push_str(c),
        Out::Owned(i) => out.push_str(&owned[i as usize]),
    }
}

fn emit(out: &mut String, s: &str, chars_out: &mut usize) {
    out.push_str(s);
    *chars_out += s.chars().count();
}

#[derive(Default)]
struct Bufs {
    /// Folded letters of a piece, for the document cache.
    folded: String,
    /// Spellings built during candidate generation, referenced by `Out::Owned`.
    owned: Vec<String>,
    lower: String,
    q: String,
    /// The candidate cache's key for the current word piece.
    key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// In stripped text, capitals that are a bare syllable (`THACH`, no syllable without its
    /// tone) are kept as printed only at the full keep cost; in noisy text they still pay the
    /// abbreviation's lower cost.
    #[test]
    fn stripped_capitals_are_syllables_not_abbreviations() {
        let r = Restorer::load(&Restorer::default_dir()).unwrap();
        let keep = |piece: &str, mode: Mode| {
            let mut out = Vec::new();
            r.candidates(piece, mode, false, &mut Bufs::default(), &mut out);
            out.iter()
                .find(|(_, o)| matches!(o, Out::Keep))
                .map(|(c, _)| c.cost)
        };
        assert_eq!(keep("THACH", Mode::Stripped), Some(r.params.keep_cost));
        assert_eq!(keep("THACH", Mode::Noisy), Some(r.params.keep_abbr_cost));
    }

    #[test]
    fn name_lines_get_name_readings() {
        let n = Names::parse(
            "surname\tTrịnh\nsurname\tNguyễn\nmiddle\tThị\nmiddle\tĐình\ngiven\tHạnh\ngiven\tMai\n",
        )
        .unwrap();
        assert_eq!(
            n.fix_line("Trình Thi Hành").as_deref(),
            Some("Trịnh Thị Hạnh")
        );
        assert_eq!(
            n.fix_line("  Nguyễn Định Mai").as_deref(),
            Some("  Nguyễn Đình Mai")
        );
        // Not a name line: lower-case words, a first word that is no surname, too long.
        assert_eq!(n.fix_line("trình thi hành"), None);
        assert_eq!(n.fix_line("Báo Cáo"), None);
        assert_eq!(n.fix_line("Nguyễn A B C D E"), None);
        // Unknown words stay as decoded.
        assert_eq!(
            n.fix_line("Nguyễn Văn Xyz").as_deref(),
            Some("Nguyễn Văn Xyz")
        );
        // A given name agrees with a gendered middle name.
        let g = Names::parse(
            "surname\tPhan\nmiddle\tĐình\nmiddle\tThị\nmiddle\tMinh\ngiven\tDung\ngiven\tDũng\n\
             male\tĐình\nfemale\tThị\nmale\tDũng\nfemale\tDung\n",
        )
        .unwrap();
        assert_eq!(
            g.fix_line("Phan Đình Dung").as_deref(),
            Some("Phan Đình Dũng")
        );
        assert_eq!(
            g.fix_line("Phan Thị Dũng").as_deref(),
            Some("Phan Thị Dung")
        );
        assert_eq!(
            g.fix_line("Phan Thị Dung").as_deref(),
            Some("Phan Thị Dung")
        );
        assert_eq!(
            g.fix_line("Phan Minh Dung").as_deref(),
            Some("Phan Minh Dung")
        );
        assert_eq!(
            g.fix_line("Phan Minh Dũng").as_deref(),
            Some("Phan Minh Dũng")
        );
    }
}
