//! Personal names on name-only lines (the signer): `names.txt` lists surnames, middle and
//! given names and the syllables that mark a man's or a woman's name, so a stripped name is
//! read by position (`Phan Dinh Dung` -> `Phan Đình Dũng`, `Tran Thi Dung` -> `Trần Thị Dung`).

use crate::error::Error;
use crate::fxhash::FxHashMap;
use crate::syllable;

/// Personal-name syllables by position, keyed by folded form (most common first).
#[derive(Debug, Default)]
pub struct Names {
    surname: FxHashMap<String, Vec<String>>,
    middle: FxHashMap<String, Vec<String>>,
    given: FxHashMap<String, Vec<String>>,
    /// Syllables that mark a name as a man's (`Văn`, `Dũng`) or a woman's (`Thị`, `Dung`).
    gender: FxHashMap<String, Gender>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

impl Names {
    /// Parses `names.txt`: `surname|middle|given<TAB>Syllable` lines, and `male|female<TAB>
    /// Syllable` lines for syllables that mark a name's gender.
    pub fn parse(text: &str) -> Result<Names, Error> {
        let mut n = Names::default();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (pos, w) = line
                .split_once('\t')
                .ok_or_else(|| Error::Model(format!("names.txt line {}: {line:?}", i + 1)))?;
            let gender = match pos {
                "male" => Some(Gender::Male),
                "female" => Some(Gender::Female),
                _ => None,
            };
            if let Some(g) = gender {
                n.gender.insert(w.to_string(), g);
                continue;
            }
            let map = match pos {
                "surname" => &mut n.surname,
                "middle" => &mut n.middle,
                "given" => &mut n.given,
                _ => return Err(Error::Model(format!("names.txt line {}: {pos:?}", i + 1))),
            };
            map.entry(syllable::fold(w))
                .or_default()
                .push(w.to_string());
        }
        Ok(n)
    }

    /// Orders each fold's readings by `cost(reading, position)` (`name_prior::SURNAME`,
    /// `MIDDLE`, `GIVEN`), cheapest first; equal costs keep the file's order.
    pub fn order_by(&mut self, cost: impl Fn(&str, u8) -> f32) {
        use super::name_prior::{GIVEN, MIDDLE, SURNAME};
        for (map, pos) in [
            (&mut self.surname, SURNAME),
            (&mut self.middle, MIDDLE),
            (&mut self.given, GIVEN),
        ] {
            for list in map.values_mut().filter(|l| l.len() > 1) {
                list.sort_by(|a, b| cost(a, pos).total_cmp(&cost(b, pos)));
            }
        }
    }

    /// The folded letters of every listed surname.
    pub fn surname_folds(&self) -> impl Iterator<Item = &str> {
        self.surname.keys().map(String::as_str)
    }

    /// Whether folded letters (`truong`) are those of a listed surname.
    pub fn is_surname_fold(&self, folded: &str) -> bool {
        self.surname.contains_key(folded)
    }

    /// The list for the word at index `i` of a name of `n` words.
    fn map_at(&self, i: usize, n: usize) -> &FxHashMap<String, Vec<String>> {
        if i == 0 {
            &self.surname
        } else if i + 1 == n {
            &self.given
        } else {
            &self.middle
        }
    }

    /// The name reading of `word` at a position: `word` itself when it is a name there,
    /// else the name with the same letters, if any.
    fn reading<'a>(
        &'a self,
        map: &'a FxHashMap<String, Vec<String>>,
        word: &'a str,
    ) -> Option<&'a str> {
        let list = map.get(&syllable::fold(word))?;
        let key = syllable::placement_key(word);
        if list.iter().any(|n| syllable::placement_key(n) == key) {
            return Some(word);
        }
        list.first().map(|s| s.as_str())
    }

    /// Rewrites a line that is only a personal name (2-5 title-case words, the first a
    /// surname) with name readings; `None` when the line is not such a name.
    pub fn fix_line(&self, line: &str) -> Option<String> {
        self.fix_name_line(line, None)
    }

    /// [`Names::fix_line`] given the line's input too (`input`: its tokens are the restored
    /// line's, before restoration). Where the decoder read a word with other letters than the
    /// input's (English OCR: `Phung` -> `Phường`), the name reading of the input's letters is
    /// taken, if the lists have one at that position; the line is left to the decoder when any
    /// such word has none (it is then not a name the lists know).
    pub fn fix_name_line(&self, line: &str, input: Option<&str>) -> Option<String> {
        let title = |w: &str| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_uppercase()) && cs.all(|c| c.is_lowercase())
        };
        // Most lines fail the shape test: check it before collecting anything.
        let n = line.split_whitespace().take(6).count();
        if !(2..=5).contains(&n) || !line.split_whitespace().all(title) {
            return None;
        }
        // The input's words in title case (English OCR mixes cases: `HOng`); `None` when the
        // input line is no such run of words.
        let given: Option<Vec<String>> = input.map(|inp| {
            inp.split_whitespace()
                .map(|w| {
                    let mut cs = w.chars();
                    let first = cs.next().filter(|c| c.is_uppercase())?;
                    cs.clone().all(char::is_alphabetic).then(|| {
                        std::iter::once(first)
                            .chain(cs.flat_map(char::to_lowercase))
                            .collect()
                    })
                })
                .collect::<Option<Vec<String>>>()
                .unwrap_or_default()
        });
        let mut words: Vec<&str> = line.split_whitespace().collect();
        if let Some(given) = &given {
            if given.len() != n {
                return self.fix_name_line(line, None);
            }
            let mut differs = false;
            for (i, g) in given.iter().enumerate() {
                if syllable::fold(words[i]) == syllable::fold(g) {
                    continue;
                }
                // The input's letters must be a listed name here, else the decoder's reading
                // stands.
                if self.reading(self.map_at(i, n), g).is_none() {
                    return self.fix_name_line(line, None);
                }
                words[i] = g;
                differs = true;
            }
            if !differs {
                return self.fix_name_line(line, None);
            }
        }
        if !self.surname.contains_key(&syllable::fold(words[0])) {
            return None;
        }
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        let mut middle_gender = None;
        for (i, w) in words.iter().enumerate() {
            // The line's own word at this place (the input's may stand in for it).
            let at = rest.find(|c: char| !c.is_whitespace())?;
            out.push_str(&rest[..at]);
            let own = rest[at..]
                .find(char::is_whitespace)
                .map_or(rest.len(), |e| at + e);
            let map = self.map_at(i, words.len());
            let mut read = self.reading(map, w).unwrap_or(w);
            if i > 0 && i + 1 < words.len() {
                middle_gender = middle_gender.or(self.gender.get(read).copied());
            }
            // A given name of the other gender than a gendered middle name (`Đình Dung`,
            // `Thị Dũng`) reads as its same-letters twin of the middle name's gender.
            if i + 1 == words.len() && i > 1 {
                if let Some(g) = middle_gender {
                    if self.gender.get(read).is_some_and(|&h| h != g) {
                        if let Some(twin) = map
                            .get(&syllable::fold(w))
                            .and_then(|l| l.iter().find(|n| self.gender.get(*n) == Some(&g)))
                        {
                            read = twin;
                        }
                    }
                }
            }
            out.push_str(read);
            rest = &rest[own..];
        }
        out.push_str(rest);
        Some(out)
    }
}
