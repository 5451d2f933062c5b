//! Character classes by table for the characters text here is made of (Latin with every
//! Vietnamese letter, Greek, Cyrillic, below U+2000): the extractor asks them of every
//! character many times, and the standard library searches the Unicode tables for each.
//! Same answers as `char::is_alphabetic` and its kin (tested over the whole range).

use std::sync::OnceLock;

const TABLED: usize = 0x2000;

const ALPHA: u8 = 1;
const ALNUM: u8 = 2;
const LOWER: u8 = 4;
const UPPER: u8 = 8;

fn table() -> &'static [u8; TABLED] {
    static T: OnceLock<Box<[u8; TABLED]>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([0u8; TABLED]);
        for (u, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(u as u32) else {
                continue;
            };
            *slot = (u8::from(c.is_alphabetic()) * ALPHA)
                | (u8::from(c.is_alphanumeric()) * ALNUM)
                | (u8::from(c.is_lowercase()) * LOWER)
                | (u8::from(c.is_uppercase()) * UPPER);
        }
        t
    })
}

#[inline]
fn class(c: char) -> Option<u8> {
    ((c as usize) < TABLED).then(|| table()[c as usize])
}

/// `char::is_alphabetic`.
#[inline]
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    class(c).map_or_else(|| c.is_alphabetic(), |k| k & ALPHA != 0)
}

/// `char::is_alphanumeric`.
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    class(c).map_or_else(|| c.is_alphanumeric(), |k| k & ALNUM != 0)
}

/// `char::is_lowercase`.
#[inline]
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    class(c).map_or_else(|| c.is_lowercase(), |k| k & LOWER != 0)
}

/// `char::is_uppercase`.
#[inline]
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    class(c).map_or_else(|| c.is_uppercase(), |k| k & UPPER != 0)
}

/// The same tests as methods, for `c.is_alpha()` where `c.is_alphabetic()` was (by value,
/// as `char`'s own).
#[allow(clippy::wrong_self_convention)]
pub trait CharClass {
    fn is_alpha(self) -> bool;
    fn is_alnum(self) -> bool;
    fn is_lower(self) -> bool;
    fn is_upper(self) -> bool;
}

impl CharClass for char {
    #[inline]
    fn is_alpha(self) -> bool {
        is_alpha(self)
    }
    #[inline]
    fn is_alnum(self) -> bool {
        is_alnum(self)
    }
    #[inline]
    fn is_lower(self) -> bool {
        is_lower(self)
    }
    #[inline]
    fn is_upper(self) -> bool {
        is_upper(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_the_standard_library() {
        for c in (0..TABLED as u32 + 0x400).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
        }
        assert!(is_alpha('ố') && is_lower('ố') && is_upper('Ố') && !is_alpha('3'));
    }
}
