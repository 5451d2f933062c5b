//! Loading a dictionary folder. Every failure names the file and what is wrong with it
//! (missing, not UTF-8, malformed, truncated, checksum mismatch, another format version), as
//! [`Error::Dictionary`], so the CLI can stop before reading any input.

use std::path::Path;

use super::checksums::Checksums;
use super::{channel::Channel, lexicon, lexicon::Lexicon, lm::Lm, places, Names, Restorer};
use super::{ABBREVIATIONS_FILE, CHANNEL_FILE, CODES_FILE, LM_FILE, NAMES_FILE, NAME_PRIOR_FILE};
use super::{ORGANIZATIONS_FILE, PHRASES_FILE, PLACES_FILE, SYLLABLES_FILE};
use crate::error::Error;

/// One dictionary folder being loaded: reads files, checks them against the checksum file,
/// and names the file in every error.
struct Folder<'a> {
    dir: &'a Path,
    sums: Checksums,
}

impl Folder<'_> {
    /// An error of `name`, whatever the underlying error was.
    fn blame(&self, name: &str, e: Error) -> Error {
        let problem = match e {
            Error::Model(m) => m,
            Error::Io { source, .. } => source.to_string(),
            Error::Dictionary { problem, .. } => problem,
            e => e.to_string(),
        };
        Error::Dictionary {
            path: self.dir.join(name),
            problem,
        }
    }

    fn bytes(&self, name: &str) -> Result<Vec<u8>, Error> {
        let p = self.dir.join(name);
        std::fs::read(&p).map_err(|e| self.blame(name, Error::io(p, e)))
    }

    fn text(&self, name: &str) -> Result<String, Error> {
        let b = self.bytes(name)?;
        self.sums.verify(self.dir, name, &b)?;
        String::from_utf8(b).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            self.blame(name, Error::Model(format!("not UTF-8 (byte {at})")))
        })
    }

    /// Parses a file with `parse`, naming the file in its error.
    fn parse<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Result<T, Error> {
        parse(&self.text(name)?).map_err(|e| self.blame(name, e))
    }

    /// Parses an optional file (absent: `None`).
    fn optional<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        if !self.dir.join(name).exists() {
            return Ok(None);
        }
        self.parse(name, parse).map(Some)
    }
}

impl Restorer {
    /// Loads `syllables.txt`, `codes.txt` (+ `abbreviations.txt`), `channel.txt`, `lm.bin`,
    /// checked against `checksums.xxh64`, and the optional name lists from `dir`.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let f = Folder {
            dir,
            sums: Checksums::read(dir)?,
        };
        let mut codes = f.parse(CODES_FILE, lexicon::parse_counts)?;
        // Hand-listed abbreviations the corpus did not show count once (never enough for an
        // LM id of their own, so lm.bin's vocabulary is unchanged).
        for (code, _) in f
            .optional(ABBREVIATIONS_FILE, lexicon::parse_counts)?
            .unwrap_or_default()
        {
            if !codes.iter().any(|(c, _)| *c == code) {
                codes.push((code, 1));
            }
        }
        let syllables = f.parse(SYLLABLES_FILE, lexicon::parse_counts)?;
        let lex = Lexicon::new(syllables, codes).map_err(|e| f.blame(SYLLABLES_FILE, e))?;
        let channel = f.parse(CHANNEL_FILE, Channel::parse)?;
        let lm_bytes = f.bytes(LM_FILE)?;
        // The header and size checks first: they say what is wrong more precisely.
        let lm = Lm::from_bytes(&lm_bytes).map_err(|e| f.blame(LM_FILE, e))?;
        f.sums.verify(dir, LM_FILE, &lm_bytes)?;
        drop(lm_bytes);
        let mut r = Self::new(lex, channel, lm).map_err(|e| f.blame(LM_FILE, e))?;
        r.names = f.optional(NAMES_FILE, Names::parse)?;
        if r.names.is_some() {
            let lex = &r.lex;
            r.name_prior = f.optional(NAME_PRIOR_FILE, |t| {
                super::name_prior::NamePrior::parse(t, lex)
            })?;
        }
        // The lists' readings of one fold, likeliest first by the prior (`Hưng` before `Hùng`
        // as a given name), not in the file's sorted order.
        if let (Some(n), Some(p)) = (r.names.as_mut(), r.name_prior.as_ref()) {
            let lex = &r.lex;
            n.order_by(|w, pos| {
                let lower: String = w.chars().map(crate::syllable::lower_char).collect();
                lex.id(&lower).map_or(0.0, |id| p.cost(id, pos))
            });
        }
        r.places = f.optional(PLACES_FILE, places::Places::parse)?;
        // A capitalised run that begins with a surname is a person's name before it is a
        // place named after one (`Nguyễn Văn Thanh`, not the ward `Nguyễn Văn Thảnh`).
        if let (Some(p), Some(n)) = (r.places.as_mut(), r.names.as_ref()) {
            p.set_person_starts(n.surname_folds());
        }
        r.phrases = f.optional(PHRASES_FILE, places::Places::parse_organizations)?;
        r.organizations = f.optional(ORGANIZATIONS_FILE, places::Places::parse_organizations)?;
        Ok(r)
    }
}
