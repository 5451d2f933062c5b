//! Candidate readings of one word piece: syllables with the same letters, OCR edits, codes
//! and abbreviations, footnote digits, each with its channel cost.

use super::decode::Cand;
use super::{channel, only_code, syllable, Bufs, Mode, Out, Restorer};

impl Restorer {
    fn prior(&self, id: u16) -> f32 {
        self.log_total - (self.lex.count(id).max(1) as f32).ln()
    }

    /// Candidates for one word piece (original casing), appended to `out`.
    pub(super) fn candidates(
        &self,
        piece: &str,
        mode: Mode,
        in_code: bool,
        buf: &mut Bufs,
        out: &mut Vec<(Cand, Out)>,
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
            // Accented text had `Đ` on its keyboard: a known code printed without it is meant.
            if mode == Mode::Clean && self.lex.printed_code_stands(piece) {
                out.push(only_code(self.lex.word_class(piece), Out::Keep));
                return;
            }
            if let Some(code) = self
                .lex
                .canonical_code_in(piece, code_part, mode != Mode::Stripped)
            {
                let i = buf.owned.len();
                buf.owned.push(code.to_string());
                out.push(only_code(self.lex.word_class(code), Out::Owned(i as u32)));
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
            // A longer code guessed from a known part (`PGD` -> `PGĐ`): not in accented text,
            // which prints its `Đ` where it means one.
            let guess = (mode != Mode::Clean)
                .then(|| self.lex.code_with_known_part(piece))
                .flatten();
            if let Some(code) = guess {
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
        // Capitals without a vowel letter (`CCHC`, `DVCTT`, `VT`) cannot be a syllable: an
        // abbreviation, kept as printed. In OCR'd text two capitals can be a syllable whose
        // vowel was misread (`BG` <- `Bộ`, `SG` <- `Sở`): the channel and the context decide.
        let ocr_pair = mode == Mode::Noisy && letters == 2 && piece.chars().count() == 2;
        if letters >= 2 && !ocr_pair && uppers == letters && !syllable::has_vowel(piece) {
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
        let push = |id: u16, cost: f32, out: &mut Vec<(Cand, Out)>| {
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
        // Stripped text: a bare word that is itself a syllable keeps an edge of
        // `stripped_change_cost` over its marked readings.
        let bare = if stripped_doc && plain && self.params.stripped_change_cost > 0.0 {
            self.lex.id(lower)
        } else {
            None
        };
        for &id in self.lex.by_fold(q) {
            let cost = if stripped_doc && plain {
                match bare {
                    Some(b) if b != id => self.params.strip_cost + self.params.stripped_change_cost,
                    _ => self.params.strip_cost,
                }
            } else if plain {
                let c = self.channel.edit_cost(self.lex.text(id), lower);
                c.min(self.params.ocr_strip_cost)
            } else {
                self.channel.edit_cost(self.lex.text(id), lower)
            };
            push(id, cost, out);
        }
        // Accented text's misspellings are one edit away (`nươc`, `Iiên`); two edits would drop a
        // glued word (`vềchuyên` -> `chuyên`), and its digits are meant (`a2)`, a footnote).
        let clean = mode == Mode::Clean;
        let with_digit = lower.bytes().any(|b| b.is_ascii_digit());
        let edit_search = !(stripped_doc || clean && with_digit);
        if edit_search && q.chars().count() <= channel::MAX_O {
            let dist = if q.chars().count() <= 3 || clean {
                1
            } else {
                2
            };
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
        let mut cut = (start + self.params.max_cands).min(out.len());
        // OCR'd text: the same letters' readings fill the list of a short word (`thu`: `thu`,
        // `thủ`, `thư`, …); the best readings with other letters (`thực`, a lost `c`) keep
        // a place beyond it, so that the context can choose them.
        if mode == Mode::Noisy {
            let mut taken = 0;
            let mut i = cut;
            while i < out.len() && taken < self.params.edit_extra {
                syllable::fold_into(self.lex.text(out[i].0.lm), &mut buf.folded);
                if matches!(out[i].1, Out::Syl(_)) && buf.folded != q {
                    out[cut..=i].rotate_right(1);
                    cut += 1;
                    taken += 1;
                }
                i += 1;
            }
        }
        out.truncate(cut);
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
            // English OCR prints capitals without marks just as stripping does (`CUA`, `CONG`
            // in a heading), when its letters are all plain and of three or more.
            let stripped_syllable = (stripped_doc
                || (mode == Mode::Noisy && plain && letters >= 3))
                && !self.lex.by_fold(q).is_empty();
            // A lone digit or symbol, or two digits (only OCR'd text makes them a word piece):
            // a number or a mark, or the word it resembles.
            let digits = !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_digit());
            let lone = letters == 0 && (piece.chars().nth(1).is_none() || digits);
            let class = if lone && digits {
                super::lexicon::NUM
            } else if lone {
                super::lexicon::punct_id(piece).unwrap_or(class)
            } else {
                class
            };
            let cost = if self.lex.is_code(piece) {
                0.0
            } else if lone {
                self.params.lone_keep_cost
            } else if (clean_abbr || abbr_like) && !stripped_syllable {
                self.params.keep_abbr_cost
            } else {
                self.params.keep_cost
            };
            out.push((Cand { lm: class, cost }, Out::Keep));
        }
        if mode == Mode::Noisy && super::cap_i_word(piece) {
            self.cap_i_readings(piece, in_code, buf, start, out);
        }
    }

    /// Adds the readings of a capital `I` word as `l` + the rest (see [`super::cap_i_word`]),
    /// each [`super::Params::cap_i_cost`] dearer, to the slot's candidates from `start`.
    fn cap_i_readings(
        &self,
        piece: &str,
        in_code: bool,
        buf: &mut Bufs,
        start: usize,
        out: &mut Vec<(Cand, Out)>,
    ) {
        let l_piece: String = std::iter::once('l').chain(piece.chars().skip(1)).collect();
        let mut alt = Vec::new();
        self.candidates(&l_piece, Mode::Noisy, in_code, buf, &mut alt);
        for (c, o) in alt {
            if !matches!(o, Out::Syl(_)) {
                continue;
            }
            let cost = c.cost + self.params.cap_i_cost;
            match out[start..].iter_mut().find(|(e, _)| e.lm == c.lm) {
                Some((e, _)) => e.cost = e.cost.min(cost),
                None => out.push((Cand { lm: c.lm, cost }, o)),
            }
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
}
