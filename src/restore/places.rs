//! Names from hand-written lists. Places (`places.txt`): a capitalised name right after a
//! unit word (`tỉnh`, `huyện`, `quận`, `thị xã`, `thành phố`) or right before `, ngày` (the
//! place of a date line) whose letters match an entry is written as the entry. The language
//! model knows common words, not every district: `huyen Can Loc` alone reads `Cần Lọc`.
//! Organisations (`organizations.txt`): a run of two or more words starting with a capital
//! whose letters match an entry, anywhere (`Ủy ban Thương vụ Quốc hội` -> `Thường vụ`).

use crate::error::Error;
use crate::fxhash::FxHashMap;
use crate::normalize;
use crate::syllable;

/// Unit words that a place name follows, as the restored line may spell them: the unit
/// (`TỈNH`, `tỉnh`), its stripped form where that is no other word (`huyen`), and the
/// restoration slip `tính`; not `quan`, `xa` or `phương`, ordinary words (`cơ quan Đảng` is
/// no district `Dang`).
const UNITS: [&str; 19] = [
    "tỉnh",
    "tính",
    "tinh",
    "huyện",
    "huyen",
    "quận",
    "thị xã",
    "thi xa",
    "thành phố",
    "thanh pho",
    "tp.",
    "tp",
    "xã",
    "phường",
    "phuong",
    "thị trấn",
    "thi tran",
    "đặc khu",
    "dac khu",
];

/// The gazetteer, indexed by the folded form of each name.
#[derive(Debug, Default)]
pub struct Places {
    by_fold: FxHashMap<String, Vec<Box<str>>>,
    max_words: usize,
    /// Organisation names: matched anywhere, not only after unit words or before dates.
    anywhere: bool,
    /// Folded word prefixes of the entries (`ha`, `ha tinh`): a line without a first word
    /// is left alone at once, and a name is extended only while it is some entry's prefix.
    prefixes: crate::fxhash::FxHashSet<String>,
    /// Folded surnames: a whole capitalised run of three words or more that begins with one
    /// is a person's name, not a place without its unit word ([`Places::set_person_starts`]).
    person_starts: crate::fxhash::FxHashSet<String>,
}

impl Places {
    /// Parses `places.txt`: one name per line; `#` comments and blank lines skipped.
    pub fn parse(text: &str) -> Result<Places, Error> {
        Self::parse_list(text, false)
    }

    /// Parses `organizations.txt` (same format); its names are matched anywhere.
    pub fn parse_organizations(text: &str) -> Result<Places, Error> {
        Self::parse_list(text, true)
    }

    fn parse_list(text: &str, anywhere: bool) -> Result<Places, Error> {
        let mut p = Places {
            anywhere,
            ..Default::default()
        };
        for line in text.lines() {
            let name = line.trim();
            if name.is_empty() || name.starts_with('#') {
                continue;
            }
            let words = name.split_whitespace().count();
            if anywhere && words < 2 {
                continue;
            }
            if words > 16 {
                return Err(Error::Model(format!("name list: name too long: {name:?}")));
            }
            p.max_words = p.max_words.max(words);
            let key = fold_words(name.split_whitespace());
            for (i, _) in key.match_indices(' ') {
                p.prefixes.insert(key[..i].to_string());
            }
            p.prefixes.insert(key.clone());
            let list = p.by_fold.entry(key).or_default();
            if !list.iter().any(|n| **n == *name) {
                list.push(name.into());
            }
        }
        Ok(p)
    }

    /// Rewrites the place names of one restored line; `None` when nothing changes. Only
    /// same-letter rewrites are made, so the line keeps its tokens and character count.
    pub fn fix_line(&self, line: &str) -> Option<String> {
        fix_line_lists(&[self], line)
    }
}

/// A line's token offsets and each token's start bits ([`fix_line_lists`]).
type LineScratch = (Vec<(usize, usize)>, Vec<u64>);

/// [`Places::fix_line`] with several lists in turn (places, then organisations), in one pass
/// over the line's tokens to find which lists can start a name there (most lines: none).
pub fn fix_line_lists(lists: &[&Places], line: &str) -> Option<String> {
    thread_local! {
        // Token offsets of the line and, per token, the lists that have a name starting with
        // it (bit i for list i), reused from line to line.
        static SPANS: std::cell::RefCell<LineScratch> = const {
            std::cell::RefCell::new((Vec::new(), Vec::new()))
        };
    }
    SPANS.with(|s| {
        let (spans, starts) = &mut *s.borrow_mut();
        spans.clear();
        starts.clear();
        // One pass: the tokens, and which lists have a word that can start a name.
        let mut folded = String::new();
        let mut hits = 0u64;
        for t in normalize::tokens(line) {
            let start = t.as_ptr() as usize - line.as_ptr() as usize;
            spans.push((start, start + t.len()));
            let mut m = 0u64;
            if fold_capitalised(t, &mut folded) {
                for (i, l) in lists.iter().enumerate().take(64) {
                    if l.prefixes.contains(folded.as_str()) {
                        m |= 1 << i;
                    }
                }
            }
            starts.push(m);
            hits |= m;
        }
        if hits == 0 {
            return None;
        }
        let mut cur: Option<String> = None;
        for (i, l) in lists.iter().enumerate().take(64) {
            if hits & (1 << i) == 0 {
                continue;
            }
            let text = cur.as_deref().unwrap_or(line);
            // A rewrite keeps the tokens but may change their byte lengths; the first pass's
            // start tests hold for the line as it came.
            let (toks, first): (Vec<(usize, &str)>, _) = if cur.is_none() {
                let toks = spans.iter().map(|&(a, b)| (a, &text[a..b])).collect();
                (toks, Some((&starts[..], 1u64 << i)))
            } else {
                let toks = normalize::tokens(text)
                    .map(|t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
                    .collect();
                (toks, None)
            };
            if let Some(f) = l.fix_tokens(text, &toks, first, &mut folded) {
                cur = Some(f);
            }
        }
        cur
    })
}

impl Places {
    /// Rewrites the names of this list in a line's tokens; `starts` gives, when known, each
    /// token's bits of [`fix_line_lists`]'s start test and this list's bit.
    fn fix_tokens(
        &self,
        line: &str,
        toks: &[(usize, &str)],
        starts: Option<(&[u64], u64)>,
        folded: &mut String,
    ) -> Option<String> {
        // `t` in lower case is `w`, without allocating.
        let is_lower = |t: &str, w: &str| t.chars().flat_map(char::to_lowercase).eq(w.chars());
        let mut edits: Vec<(usize, String)> = Vec::new();
        let mut key = String::new();
        let mut lengths: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let starts_name = match starts {
                Some((m, bit)) => m.get(i).is_some_and(|&m| m & bit != 0),
                None => self.starts_name(toks[i].1, folded),
            };
            if !starts_name {
                i += 1;
                continue;
            }
            let is_unit = |t: &str, u: &str| is_lower(t, u);
            let after_unit = || {
                !self.anywhere
                    && ((i >= 1 && UNITS.iter().any(|u| is_unit(toks[i - 1].1, u)))
                        || (i >= 2
                            && UNITS.iter().any(|u| {
                                u.split_once(' ').is_some_and(|(a, b)| {
                                    is_unit(toks[i - 2].1, a) && is_unit(toks[i - 1].1, b)
                                })
                            })))
            };
            // Lengths (and key lengths) whose folded words are a key of the list, built word
            // by word; a word with punctuation after it ends the name.
            key.clear();
            lengths.clear();
            for (k, (_, t)) in toks[i..].iter().take(self.max_words).enumerate() {
                let (core, tail) = split_core(t);
                if k > 0 {
                    key.push(' ');
                }
                syllable::fold_into(core, folded);
                key.push_str(folded);
                if !self.prefixes.contains(key.as_str()) {
                    break;
                }
                if self.by_fold.contains_key(key.as_str()) {
                    lengths.push((k + 1, key.len()));
                }
                if !tail.is_empty() {
                    break;
                }
            }
            let mut matched = 0;
            for &(k, key_len) in lengths.iter().rev() {
                let span = &toks[i..i + k];
                let before_date = i + k < toks.len()
                    && span[k - 1].1.ends_with(',')
                    && is_lower(toks[i + k].1, "ngày");
                // A name in title case that a capitalised word goes on, one space after it
                // (`tỉnh Thừa` + `Thiên Huế`), is a longer name than the entry; a heading in
                // capitals is not (`HUYỆN CAN LỘC` + `Độc lập …` beside it).
                let title = |t: &str| {
                    t.starts_with(char::is_uppercase) && t.chars().any(char::is_lowercase)
                };
                let (last_start, last) = span[k - 1];
                let goes_on = title(last)
                    && split_core(last).1.is_empty()
                    && toks
                        .get(i + k)
                        .is_some_and(|&(at, t)| title(t) && at == last_start + last.len() + 1);
                if !(self.anywhere
                    || before_date
                    || (after_unit() && !goes_on)
                    || self.whole_run(toks, i, k))
                    || !self.shaped_like_name(span)
                {
                    continue;
                }
                // A longer name already spelled as listed (`Vĩnh Long`) is not read as a
                // shorter one (`Vinh`).
                if self.spelled_as_listed(span, &key[..key_len]) {
                    matched = k;
                    break;
                }
                if let Some(words) = self.entry_for(span, &key[..key_len]) {
                    for ((start, tok), w) in span.iter().zip(words.split_whitespace()) {
                        let (core, _) = split_core(tok);
                        let upper = core.chars().filter(|c| c.is_alphabetic()).count() > 1
                            && core.chars().all(|c| !c.is_lowercase());
                        let new = if upper {
                            w.to_uppercase()
                        } else {
                            w.to_string()
                        };
                        if new != core && new.chars().count() == core.chars().count() {
                            edits.push((*start, new));
                        }
                    }
                    matched = k;
                    break;
                }
            }
            i += matched.max(1);
        }
        if edits.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(line.len() + 8);
        let mut pos = 0;
        for (start, new) in edits {
            let (core, _) = split_core(&line[start..]);
            out.push_str(&line[pos..start]);
            out.push_str(&new);
            pos = start + core.len();
        }
        out.push_str(&line[pos..]);
        Some(out)
    }

    /// A place name of two words or more that is a whole run of capitalised words (`Hạt Kiểm
    /// lâm Gio Linh - Cồn Cỏ`, `cửa khẩu Lệ Thanh,`): the word before it is not capitalised
    /// or ends in punctuation, and the name ends the line, a clause (punctuation after its
    /// last word) or stands before a dash. A capitalised run that a lower-case word
    /// continues (`Phòng Văn hóa`) is a unit's name, not a place.
    fn whole_run(&self, toks: &[(usize, &str)], i: usize, k: usize) -> bool {
        let capital = |t: &str| t.starts_with(char::is_uppercase);
        // Three words or more from a surname: a person's full name (`Hà Nội`, `Cao Bằng` begin
        // with surnames too, but a person is rarely named in two words).
        let person = || {
            if k < 3 {
                return false;
            }
            let mut f = String::new();
            syllable::fold_into(split_core(toks[i].1).0, &mut f);
            self.person_starts.contains(&f)
        };
        !self.anywhere
            && k >= 2
            && !person()
            && (i == 0 || !capital(toks[i - 1].1) || !split_core(toks[i - 1].1).1.is_empty())
            && (i + k == toks.len()
                || !split_core(toks[i + k - 1].1).1.is_empty()
                || matches!(toks[i + k].1, "-" | "–"))
    }

    /// Gives the folded surnames whose runs are persons' names ([`Places::whole_run`]).
    pub fn set_person_starts<'a>(&mut self, surnames: impl Iterator<Item = &'a str>) {
        self.person_starts = surnames.map(str::to_string).collect();
    }

    /// Whether the tokens already spell an entry of `key` (case aside).
    fn spelled_as_listed(&self, span: &[(usize, &str)], key: &str) -> bool {
        self.by_fold.get(key).is_some_and(|list| {
            list.iter().any(|n| {
                n.split_whitespace().zip(span).all(|(a, (_, t))| {
                    a.chars()
                        .flat_map(char::to_lowercase)
                        .eq(split_core(t).0.chars().flat_map(char::to_lowercase))
                })
            })
        })
    }

    /// The entry spelling for tokens whose letters match one, unless they already spell an
    /// entry or the letters match several different names.
    fn entry_for(&self, span: &[(usize, &str)], key: &str) -> Option<&str> {
        // The common case, a name already spelled as listed, allocates nothing.
        if self.spelled_as_listed(span, key) {
            return None;
        }
        let list = self.by_fold.get(key)?;
        let current: Vec<String> = span
            .iter()
            .map(|(_, t)| split_core(t).0.to_lowercase())
            .collect();
        let same = |n: &str| {
            n.split_whitespace().zip(&current).all(|(a, b)| {
                syllable::placement_key(&a.to_lowercase()) == syllable::placement_key(b)
            })
        };
        if list.iter().any(|n| same(n)) || list.len() != 1 {
            return None;
        }
        Some(&list[0])
    }

    /// Every word capitalised (organisations: the first). Punctuation can only follow the
    /// last word: `fix_line` stops a name at the first word with punctuation after it.
    fn shaped_like_name(&self, span: &[(usize, &str)]) -> bool {
        span.iter().enumerate().all(|(j, (_, t))| {
            let core = split_core(t).0;
            core == "-"
                || core.starts_with(char::is_uppercase)
                || (self.anywhere && j > 0 && !core.is_empty())
        })
    }

    /// A capitalised token whose word (without trailing punctuation), folded, begins some
    /// entry (`folded` is scratch space).
    fn starts_name(&self, token: &str, folded: &mut String) -> bool {
        fold_capitalised(token, folded) && self.prefixes.contains(folded.as_str())
    }
}

/// Folds a capitalised token's word (without trailing punctuation) into `folded`; false, and
/// nothing folded, for a token that does not start with a capital.
fn fold_capitalised(token: &str, folded: &mut String) -> bool {
    token.starts_with(char::is_uppercase) && {
        syllable::fold_into(split_core(token).0, folded);
        true
    }
}

/// A token without its trailing punctuation, and that punctuation.
fn split_core(t: &str) -> (&str, &str) {
    let t = t.split_whitespace().next().unwrap_or("");
    let core = t.trim_end_matches([',', '.', ';', ':', ')']);
    (core, &t[core.len()..])
}

fn fold_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for w in words {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&syllable::fold(w));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Places {
        Places::parse("# test\nCan Lộc\nHà Tĩnh\nBà Rịa - Vũng Tàu\nChâu Thành\n").unwrap()
    }

    #[test]
    fn names_after_unit_words_and_before_dates() {
        let p = places();
        assert_eq!(
            p.fix_line("UBND huyện Cần Lọc").as_deref(),
            Some("UBND huyện Can Lộc")
        );
        assert_eq!(
            p.fix_line("HUYỆN CẦN LỘC").as_deref(),
            Some("HUYỆN CAN LỘC")
        );
        assert_eq!(
            p.fix_line("Số: 12/UBND   Cân Lọc, ngày 25 tháng 9")
                .as_deref(),
            Some("Số: 12/UBND   Can Lộc, ngày 25 tháng 9")
        );
        assert_eq!(
            p.fix_line("tỉnh Ba Ria - Vung Tau.").as_deref(),
            Some("tỉnh Bà Rịa - Vũng Tàu.")
        );
    }

    /// Without a unit word, a name of two words or more is taken only as a whole capitalised
    /// run that ends a clause, the line or stands before a dash.
    #[test]
    fn whole_capitalised_runs() {
        let p = Places::parse("Gio Linh\nCồn Cỏ\nPhong Vân\nVinh\n").unwrap();
        assert_eq!(
            p.fix_line("r) Hạt Kiểm lâm Giờ Lĩnh - Còn Có;").as_deref(),
            Some("r) Hạt Kiểm lâm Gio Linh - Cồn Cỏ;")
        );
        assert_eq!(
            p.fix_line("khu vực Giờ Lĩnh").as_deref(),
            Some("khu vực Gio Linh")
        );
        // A lower-case word continues the run (a unit's name), a capitalised word before it
        // makes it part of a longer run, a single word is too short.
        assert_eq!(p.fix_line("Phòng Văn hóa"), None);
        assert_eq!(p.fix_line("Trạm Giờ Lĩnh,"), None);
        assert_eq!(p.fix_line("đường Vịnh,"), None);
        // A run that begins with a surname is a person's name, though a ward bears it; after
        // its unit word it is the ward.
        let mut p = Places::parse("Nguyễn Văn Thảnh\nHà Tĩnh\n").unwrap();
        p.set_person_starts(["nguyen", "ha"].into_iter());
        assert_eq!(p.fix_line("tỉnh Hà Tính").as_deref(), Some("tỉnh Hà Tĩnh"));
        assert_eq!(
            p.fix_line("khu vực Hà Tính").as_deref(),
            Some("khu vực Hà Tĩnh")
        );
        assert_eq!(p.fix_line("Chủ tịch Nguyễn Văn Thành"), None);
        assert_eq!(p.fix_line("Nguyễn Văn Thành"), None);
        assert_eq!(
            p.fix_line("xã Nguyễn Văn Thành,").as_deref(),
            Some("xã Nguyễn Văn Thảnh,")
        );
    }

    #[test]
    fn organisations_anywhere() {
        let o = Places::parse_organizations("Quốc hội\nỦy ban Thường vụ Quốc hội\nBộ\n").unwrap();
        assert_eq!(
            o.fix_line("- Ủy ban Thương vụ Quốc hội;").as_deref(),
            Some("- Ủy ban Thường vụ Quốc hội;")
        );
        assert_eq!(o.fix_line("Ủy ban Thường vụ Quốc hội"), None);
        // Lower-case start, or a one-word entry: left alone.
        assert_eq!(o.fix_line("ủy ban thương vụ quốc hội"), None);
        assert_eq!(o.fix_line("Bó"), None);
    }

    /// A name spelled as listed is not rewritten as a shorter entry of the same letters, and
    /// unit words match in capitals and for communes (`xã`, `phường`).
    #[test]
    fn longest_name_and_units_in_capitals() {
        let p = Places::parse("Vinh\nVĩnh Long\nThạch Hà\n").unwrap();
        assert_eq!(p.fix_line("tỉnh Vĩnh Long"), None);
        assert_eq!(
            p.fix_line("TỈNH VINH LONG").as_deref(),
            Some("TỈNH VĨNH LONG")
        );
        assert_eq!(
            p.fix_line("UBND xã Thach Ha").as_deref(),
            Some("UBND xã Thạch Hà")
        );
        assert_eq!(
            p.fix_line("thành phố Vịnh").as_deref(),
            Some("thành phố Vinh")
        );
    }

    /// Several lists on one line: each list's names are found by the first pass's start test
    /// on the line as it came, and by its own test once an earlier list has rewritten it;
    /// both give the rewrite a list gives alone.
    #[test]
    fn several_lists_on_one_line() {
        let p = Places::parse("Hà Tĩnh\nCan Lộc\n").unwrap();
        let o = Places::parse_organizations("Sở Nội vụ\nỦy ban nhân dân\n").unwrap();
        let line = "Sợ Nói vụ huyện Cần Lọc, Uy ban nhân dân tỉnh Ha Tinh";
        let want = "Sở Nội vụ huyện Can Lộc, Ủy ban nhân dân tỉnh Hà Tĩnh";
        assert_eq!(fix_line_lists(&[&p, &o], line).as_deref(), Some(want));
        assert_eq!(fix_line_lists(&[&o, &p], line).as_deref(), Some(want));
        // Only the second list has a name here.
        assert_eq!(
            fix_line_lists(&[&p, &o], "Sợ Nói vụ").as_deref(),
            Some("Sở Nội vụ")
        );
        assert_eq!(fix_line_lists(&[&p, &o], "sở nội vụ huyện"), None);
    }

    #[test]
    fn leaves_other_text_alone() {
        let p = places();
        // Right already, no unit word, lower case, or not an entry.
        assert_eq!(p.fix_line("huyện Can Lộc, tỉnh Hà Tĩnh"), None);
        assert_eq!(p.fix_line("Cần Lọc là"), None);
        assert_eq!(p.fix_line("huyện cần lọc"), None);
        assert_eq!(p.fix_line("huyện Cần Thơ"), None);
        assert_eq!(p.fix_line(""), None);
        // `quan`, `xa`, `phương` are ordinary words, not the units they fold like.
        assert_eq!(p.fix_line("các cơ quan Cần Lọc thì"), None);
        assert_eq!(p.fix_line("phương Cần Lọc là"), None);
        // A longer capitalised name than the entry.
        assert_eq!(p.fix_line("tỉnh Cần Lọc Thiên Huế"), None);
        assert_eq!(
            p.fix_line("quận Cần Lọc là").as_deref(),
            Some("quận Can Lộc là")
        );
    }
}
