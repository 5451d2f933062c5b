//! Diacritic restoration: noisy-channel decoding of OCR'd or diacritic-stripped Vietnamese.
//!
//! [`Restorer::restore`] keeps the restoration invariant by construction: it rewrites only word
//! pieces of tokens (see [`crate::normalize`]) and copies every other byte.

mod cand_cache;
mod candidates;
mod caps_names;
pub mod channel;
pub mod checksums;
pub mod decode;
pub mod doc_cache;
pub mod lexicon;
pub mod line_pass;
pub mod lm;
mod lm_table;
mod load;
pub mod name_prior;
pub mod names;
mod pieces;
mod posterior;

pub use names::Names;
pub mod places;
mod stream;
mod type_code;

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
    /// In stripped text, the extra cost of reading a word whose bare letters are already a
    /// syllable (`qua`, `do`, `mong`) as one with marks (`quá`, `đó`, `móng`): on a thin
    /// language-model margin the flip damages a right word more often than it fixes one.
    pub stripped_change_cost: f32,
    /// The same in OCR'd text: the flat "diacritics lost" path of the channel mixture, which
    /// bounds the cost of any same-letters reading however rare the OCR data found it.
    pub ocr_strip_cost: f32,
    /// Cost of keeping a non-syllable token as printed: lower case / abbreviation-like.
    pub keep_cost: f32,
    pub keep_abbr_cost: f32,
    /// In OCR'd text, the cost of keeping as printed a lone digit or symbol that OCR makes of a
    /// one-vowel word (`6` <- `ở`/`ô`, `&` <- `ở`): the context decides between number and word.
    pub lone_keep_cost: f32,
    /// In OCR'd text, the extra cost of reading a word's capital `I` as the `l` OCR took it for
    /// (`Igi` <- `lợi`, `Idn` <- `lớn`): no Vietnamese word starts with `I` + lower case.
    pub cap_i_cost: f32,
    /// In clean text (most words already valid accented syllables: typed text or Vietnamese-model
    /// OCR), the extra cost of changing a word that is already a valid syllable.
    pub clean_change_cost: f32,
    /// Share of words that are valid accented syllables above which a text counts as clean.
    pub clean_share: f32,
    /// Extra cost of reading trailing digits as a footnote number rather than OCR'd letters.
    pub footnote_cost: f32,
    /// Candidates kept per slot.
    pub max_cands: usize,
    /// In OCR'd text, readings with other letters than the word's (an edit away) kept beyond
    /// `max_cands` when the same letters' readings fill the list.
    pub edit_extra: usize,
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
    /// [`Params::cache_weight`] for English-OCR text (`Mode::Noisy`).
    pub cache_weight_noisy: f32,
    /// Weight of the name prior's cost (`name_prior.txt`) on a word in a name's position.
    pub name_weight: f32,
    /// Fewest words of a title-case run read as a personal name by the name prior (2: the
    /// prior is counted on runs of three or more, see `train::name_prior`).
    pub name_min_words: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            decode: DecodeParams::default(),
            strip_cost: 0.0,
            stripped_change_cost: STRIPPED_CHANGE_COST,
            ocr_strip_cost: 1.6,
            footnote_cost: 1.0,
            clean_change_cost: 7.0,
            clean_share: 0.5,
            keep_cost: 9.0,
            keep_abbr_cost: 4.0,
            lone_keep_cost: 3.0,
            cap_i_cost: 1.0,
            max_cands: 8,
            edit_extra: 8,
            cand_margin: f32::INFINITY,
            prior_weight: 0.3,
            low_confidence: 0.6,
            cache_weight: CACHE_WEIGHT,
            cache_weight_noisy: CACHE_WEIGHT_NOISY,
            name_weight: NAME_WEIGHT,
            name_min_words: 2,
        }
    }
}

/// A word piece of OCR'd text that opens with a capital `I` and goes on in lower case: OCR's
/// reading of a lower-case `l` (`Igi` <- `lợi`), as no Vietnamese word is spelt so.
pub(crate) fn cap_i_word(piece: &str) -> bool {
    let mut cs = piece.chars();
    cs.next() == Some('I')
        && cs.next().is_some_and(|c| c.is_lowercase())
        && cs.all(|c| !c.is_uppercase())
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
    /// This restorer's number in the process (see `cand_cache.rs`).
    uid: u64,
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
fn only_code(lm: u16, out: Out) -> (Cand, Out) {
    (Cand { lm, cost: 0.0 }, out)
}

/// What a candidate writes.
#[derive(Debug, Clone, Copy)]
enum Out {
    Keep,
    Syl(u16),
    /// A syllable followed by the piece's last `n` bytes as printed (a footnote number).
    SylTail(u16, u8),
    /// A spelling other than the syllables' (a code's canonical letters, `SGDĐT`), stored
    /// with the candidate cache (see `cand_cache.rs`).
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
            uid: cand_cache::next_uid(),
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
                let cw = if mode == Mode::Noisy {
                    self.params.cache_weight_noisy
                } else {
                    self.params.cache_weight
                };
                match doc_cache::DocCache::build(&self.lex, &text, &first, cw) {
                    Some(cache) => self.decode(&text, mode, ocr, Some(&cache)),
                    None => first,
                }
            }
        };
        line_pass::apply(self, &text, &mut out, mode == Mode::Clean);
        if mode != Mode::Clean {
            caps_names::apply(&text, &mut out);
        }
        out
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

/// Default of [`Params::cache_weight_noisy`]: 1 nat. English OCR leaves a word's letters
/// ambiguous in many more places than stripping does (`Đô thị có/cổ Hội An` 38 times in one
/// document), and the document's confident readings settle them: chosen on the real-OCR
/// tuning documents (word errors 910 -> 897 at 1, 910 at 2, 958 at 3).
pub const CACHE_WEIGHT_NOISY: f32 = 1.0;

/// Default of [`Params::stripped_change_cost`]: chosen on the tuning half of the real
/// documents as the cost whose worse sub-half gains most (0.25: +3 / +2 tokens right, damage
/// 56 -> 43 tokens); 0.5 and above lose accuracy on one sub-half.
pub const STRIPPED_CHANGE_COST: f32 = 0.25;

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
mod tests;
