//! The sentence stream: a document is cut into segments (sentences, layout columns, at most
//! [`MAX_SEGMENT`] slots), each decoded as one lattice and written out token by token with
//! its confidences and alternatives.

use super::pieces::{
    file_extension_as_printed, is_heading, label_letters_as_printed, party_style_hyphen,
    slash_letter_reading,
};
use super::*;

impl Restorer {
    /// One decoding pass over a document (NFC), with the document cache's bonuses when given.
    pub(super) fn decode(
        &self,
        text: &str,
        mode: Mode,
        ocr: &[f32],
        bias: Option<&doc_cache::DocCache>,
    ) -> Restored {
        let cc = cand_cache::CandCache::take(self);
        let owner = cc.owner;
        let mut st = Stream {
            bias,
            ocr,
            token_no: 0,
            r: self,
            text,
            mode,
            title_caps: false,
            after_lower: false,
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
            cache: cc.map,
            arena: cc.arena,
            bufs: cc.bufs,
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
        // Whether the line before had a letter in lower case (sentence text, not a heading or
        // a numeral's line).
        let mut prev_lower = false;
        for (line, ending) in normalize::lines(text) {
            if line.trim().is_empty() {
                st.flush(true);
            }
            // A heading in capitals after a line of sentence text (`Hà Nội, ngày … 2025` /
            // `THONG TU`) opens a segment of its own: no sentence runs on into it. Not in OCR'd
            // text, whose headings wrap and whose junk has small letters.
            let this_heading = (mode != Mode::Noisy && {
                let mut cs = line.chars().filter(|c| c.is_alphabetic());
                cs.next().is_some_and(char::is_uppercase)
                    && cs.next().is_some_and(char::is_uppercase)
            })
            .then(|| is_heading(line, &mut pieces));
            if this_heading == Some(true) && prev_lower {
                st.flush(true);
            }
            prev_lower = line.chars().any(char::is_lowercase);
            normalize::spans(line, &mut spans);
            // Only a piece in capitals (two capital letters or more) reads `title_caps`, so the
            // heading test runs once per line, when such a token comes.
            let mut heading: Option<bool> = this_heading;
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
                    self.params.name_min_words,
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
                // A one-letter capital counts only when the word beyond it is no lower-case word:
                // `BỘ Y TẾ` is a phrase in capitals, `BO Y te` a capitalised word misread.
                let caps_at = |j: usize| {
                    toks.get(j).is_some_and(|&(a, b)| {
                        let t = &line[a..b];
                        in_caps(t)
                            && (t.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
                                || !toks
                                    .get(if j > k { j + 1 } else { j.wrapping_sub(1) })
                                    .is_some_and(|&(c, _)| {
                                        line[c..].starts_with(char::is_lowercase)
                                    }))
                    })
                };
                let neighbour_caps = || (k > 0 && caps_at(k - 1)) || caps_at(k + 1);
                let two_caps = tok.chars().filter(|c| c.is_uppercase()).nth(1).is_some();
                let isolated_caps = two_caps
                    && !neighbour_caps()
                    && !*heading.get_or_insert_with(|| is_heading(line, &mut pieces));
                // Stripping keeps case: a stripped text's capitals are as written, and an
                // isolated word in capitals in body text is an acronym or a numeral (`AI`,
                // `BIM`, `VI`) far more often than a word with its marks removed.
                // Two capitals without a vowel in OCR'd text (`BG Y tế`) that read as a syllable
                // were a capital and a misread vowel: title case unless the line is a heading.
                let ocr_pair = mode == Mode::Noisy
                    && two_caps
                    && tok.len() == 2
                    && !syllable::has_vowel(tok)
                    && !*heading.get_or_insert_with(|| is_heading(line, &mut pieces));
                // Clean text prints its acronyms as they are (`AI`, `VI`).
                st.title_caps = (isolated_caps && mode == Mode::Noisy) || ocr_pair;
                st.keep_caps = isolated_caps && mode == Mode::Stripped;
                // A word OCR read in mixed case (`CilU`, `xA`) between capitals of a heading is in
                // capitals too; codes (`QĐ-TTg`) keep their case.
                // (`(Điều` is in title case: the bracket is no letter; tested second, for speed.)
                st.caps_context = tok.chars().skip(1).any(char::is_uppercase)
                    && tok
                        .trim_start_matches(|c: char| !c.is_alphabetic())
                        .chars()
                        .skip(1)
                        .any(char::is_uppercase)
                    && !isolated_caps
                    && !tok.contains(|c: char| c.is_ascii_digit() || c == '/' || c == '-')
                    && neighbour_caps()
                    && *heading.get_or_insert_with(|| is_heading(line, &mut pieces));
                st.after_lower = k > 0 && tok.as_bytes().contains(&b'$') && {
                    let prev = &line[toks[k - 1].0..toks[k - 1].1];
                    let next_title = toks
                        .get(k + 1)
                        .is_some_and(|&(a, _)| line[a..].starts_with(char::is_uppercase));
                    prev.starts_with(char::is_lowercase)
                        && !prev.ends_with(['.', ';', ':', '!', '?'])
                        && !next_title
                };
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
        cand_cache::CandCache {
            owner,
            map: st.cache,
            arena: st.arena,
            bufs: st.bufs,
        }
        .give_back();
        Restored {
            text: st.out,
            tokens: st.tokens,
            alternatives: st.alts,
        }
    }
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
    /// Whether the token follows a lower-case word on its line and no capitalised word follows
    /// it (OCR's `$` is then `s`, not `S`).
    after_lower: bool,
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
    outs: Vec<Out>,
    /// Byte spans of the segment's tokens, in order.
    seg_tokens: Vec<(usize, usize)>,
    /// Candidate lists by (mode, code flag, word piece), stored in `arena`; kept from one
    /// document to the next (see `cand_cache.rs`).
    cache: FxHashMap<String, (u32, u32)>,
    arena: Vec<(Cand, Out)>,
    bufs: Bufs,
    choice: Vec<u16>,
    conf: Vec<f32>,
    /// The segment's low-confidence slots: (slot, how many readings, other candidates with
    /// their probability).
    slot_alts: Vec<SlotAlts>,
    alts: Vec<Alternatives>,
}

impl<'a> Stream<'a, '_> {
    fn push_slot(&mut self, cands: &[(Cand, Out)], slot: Slot) {
        let s = self.lat.len() as u32;
        // Two extends of known length, not two pushes per candidate.
        self.lat.extend(cands.iter().map(|&(c, _)| c));
        self.outs.extend(cands.iter().map(|&(_, o)| o));
        self.ranges.push((s, self.lat.len() as u32));
        self.slots.push(slot);
    }

    /// Adds a token's slots; returns whether it ends a sentence.
    fn add_token(&mut self, tok: &str, tstart: usize, pieces: &mut Vec<Piece>) -> bool {
        let ocr_conf = self.ocr.get(self.token_no).copied().filter(|c| !c.is_nan());
        self.token_no += 1;
        let ti = self.seg_tokens.len();
        self.seg_tokens.push((tstart, tstart + tok.len()));
        if self.mode == Mode::Noisy {
            normalize::ocr_pieces(tok, pieces);
        } else {
            normalize::pieces(tok, pieces);
        }
        // OCR'd text: a lone digit or symbol that stands for a vowel (`6`, `&`, `@`) may be a
        // one-vowel word (`ở`, `ô`), and two digits that stand for a consonant and a vowel
        // (`16` <- `lộ`, `56` <- `số`) a two-letter word; each is read as a word piece with a
        // cheap keep as a number.
        if self.mode == Mode::Noisy && pieces.len() <= 2 {
            if let Some(first) = pieces.first_mut() {
                let ch = &self.r.channel;
                let mut cs = tok[first.start..first.end].chars();
                let word_like = match (cs.next(), cs.next(), cs.next()) {
                    (Some(c), None, _) => !c.is_alphabetic() && ch.stands_for_vowel(c),
                    (Some(c), Some(d), None) => {
                        first.kind == PieceKind::Number
                            && ch.stands_for_consonant(c)
                            && ch.stands_for_vowel(d)
                    }
                    _ => false,
                };
                if word_like && first.kind != PieceKind::Word {
                    first.kind = PieceKind::Word;
                }
            }
        }
        // OCR'd and accented text: one consonant before `)` is a list label (`b)`, `(c)`),
        // never a syllable whose vowel was lost (`b)` -> `bộ)`); accented text prints `đ)`.
        if self.mode != Mode::Stripped {
            label_letters_as_printed(tok, pieces);
        }
        file_extension_as_printed(tok, pieces);
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
            || (tok.contains('-') && caps >= 3 && !self.hyphenated_syllables(tok, pieces))
            || slash_abbr;
        let mut sentence_end = false;
        for (pi, p) in pieces.iter().enumerate() {
            let s = &tok[p.start..p.end];
            match p.kind {
                PieceKind::Word => {
                    // A one-letter part of a slash abbreviation (`b/c`, `đ/c`) is a letter.
                    let slash_letter = slash_abbr && s.chars().nth(1).is_none();
                    let key = &mut self.bufs.key;
                    key.clear();
                    key.push((b'0' + self.mode as u8) as char);
                    key.push(match (slash_letter, in_code) {
                        (true, _) => '\u{2}',
                        (false, true) => '\u{1}',
                        (false, false) => '\u{0}',
                    });
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
                            if slash_letter {
                                slash_letter_reading(self.r, s, &mut self.bufs, &mut self.arena);
                            } else {
                                self.r.candidates(
                                    s,
                                    self.mode,
                                    in_code,
                                    &mut self.bufs,
                                    &mut self.arena,
                                );
                            }
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
                                // OCR's `$` is a capital S.
                                Case::Lower if s.starts_with('$') && !self.after_lower => {
                                    Case::Title
                                }
                                Case::Upper if self.title_caps => Case::Title,
                                Case::Title | Case::Lower if self.caps_context => Case::Upper,
                                // OCR's capital `I` for `l`: the word is in lower case.
                                Case::Title if self.mode == Mode::Noisy && super::cap_i_word(s) => {
                                    Case::Lower
                                }
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
                    } else if party_style_hyphen(tok, pieces, pi) {
                        lexicon::punct_id("/")
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

    /// Whether a hyphenated word in capitals of OCR'd text is syllables a misread comma or
    /// space joined (`CAC-CONG`, `BI-CUA`), not a code (`QD-UBND`, `NQ-TW`): each part has
    /// two letters or more and syllables with its letters, one part three or more.
    fn hyphenated_syllables(&mut self, tok: &str, pieces: &[Piece]) -> bool {
        if self.mode != Mode::Noisy {
            return false;
        }
        let mut long = false;
        let words = pieces.iter().filter(|p| p.kind == PieceKind::Word);
        for p in words {
            let s = &tok[p.start..p.end];
            let n = s.chars().count();
            if n < 2 || !s.chars().all(|c| c.is_ascii_uppercase()) {
                return false;
            }
            syllable::fold_into(s, &mut self.bufs.q);
            if self.r.lex.by_fold(&self.bufs.q).is_empty() {
                return false;
            }
            long |= n >= 3;
        }
        long
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
            posterior::confidences(&self.ranges, &self.choice, ws, &mut self.conf);
            // Only doubtful slots pay for their runners-up.
            self.slot_alts.clear();
            let low = self.r.params.low_confidence;
            for (i, &c) in self.conf.iter().enumerate() {
                if c < low {
                    let mut top = [(0u16, 0f32); MAX_ALTERNATIVES];
                    let n = posterior::runners_up(&self.ranges, i, self.choice[i], ws, &mut top);
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
fn write_out(out: &mut String, o: Out, orig: &str, case: Case, r: &Restorer, owned: &[String]) {
    match o {
        Out::Keep => out.push_str(orig),
        Out::Syl(id) => push_syllable(out, r.lex.text(id), orig, case),
        Out::SylTail(id, n) => {
            let cut = orig.len() - n as usize;
            push_syllable(out, r.lex.text(id), &orig[..cut], case);
            out.push_str(&orig[cut..]);
        }
        Out::Owned(i) => out.push_str(&owned[i as usize]),
    }
}

/// Writes syllable `word` cased as `case`; a printed piece that is the same syllable with its
/// tone mark on another vowel (`hoá` for `hóa`, `Uỷ` for `Ủy`) keeps its placement: both are
/// correct, and a document's orthography is not the restorer's to change.
fn push_syllable(out: &mut String, word: &str, orig: &str, case: Case) {
    if !orig.is_ascii()
        && orig.chars().count() == word.chars().count()
        && !orig.chars().map(syllable::lower_char).eq(word.chars())
    {
        let lower: String = orig.chars().map(syllable::lower_char).collect();
        if syllable::canonical(&lower).as_deref() == Some(word) {
            syllable::push_cased(out, &lower, case);
            return;
        }
    }
    syllable::push_cased(out, word, case);
}

fn emit(out: &mut String, s: &str, chars_out: &mut usize) {
    out.push_str(s);
    *chars_out += s.chars().count();
}
