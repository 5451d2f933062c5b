//! A name pattern whose every match opens with one of a few head words (`Sở`, `Trung tâm`) is
//! tried, anchored, only where a head word stands: the same leftmost-first match as searching
//! the whole text, without the lazy automaton of an unanchored search over `\p{Lu}` classes
//! (most of the patterns' build cost on a first document).

use regex::Regex;

/// A match: its text and where it starts in the text searched.
pub(super) struct Found<'t> {
    matched: &'t str,
    start: usize,
}

impl<'t> Found<'t> {
    pub(super) fn start(&self) -> usize {
        self.start
    }

    pub(super) fn end(&self) -> usize {
        self.start + self.matched.len()
    }

    pub(super) fn as_str(&self) -> &'t str {
        self.matched
    }
}

impl<'t> From<regex::Match<'t>> for Found<'t> {
    fn from(m: regex::Match<'t>) -> Found<'t> {
        Found {
            matched: m.as_str(),
            start: m.start(),
        }
    }
}

/// A pattern tried anchored where its head words stand: `heads` finds every place a match
/// may open (a superset); `name` is the pattern anchored (`^(?:…)`), which must hold no
/// look-around (`\b`), as a slice would change it.
pub(super) struct Headed {
    pub(super) heads: Regex,
    pub(super) name: Regex,
}

impl Headed {
    /// The first match starting at `at` or later, as `Regex::find_at` on the whole pattern
    /// gives it: the first place where the anchored pattern matches (leftmost first).
    pub(super) fn find_at<'t>(&self, text: &'t str, at: usize) -> Option<Found<'t>> {
        let mut from = at;
        while let Some(h) = self.heads.find_at(text, from) {
            let p = h.start();
            if let Some(m) = self.name.find(&text[p..]) {
                return Some(Found {
                    matched: &text[p..p + m.end()],
                    start: p,
                });
            }
            from = p + text[p..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }
}
