//! `checksums.xxh64`: the XXH64 hash of each dictionary file `vanban train` writes, one
//! `HASH  NAME` line each (`xxhsum -H1` format, so `xxhsum -c` can check it too). The loader
//! verifies every file against it, so a damaged model or files from two builds fail loudly
//! instead of restoring badly. Hashing the 29 MB model costs a few milliseconds.

use std::path::Path;

use crate::error::Error;

/// The checksum file's name inside the dictionary folder.
pub const CHECKSUMS_FILE: &str = "checksums.xxh64";

/// Files the checksum file must cover: the ones `vanban train --corpus` writes together.
pub const COVERED: [&str; 4] = [
    super::SYLLABLES_FILE,
    super::CODES_FILE,
    super::CHANNEL_FILE,
    super::LM_FILE,
];

/// The XXH64 hash (seed 0) of a file's bytes.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh64::xxh64(bytes, 0)
}

/// The checksum file's text for the given files (name, bytes), in the order given.
pub fn render(files: &[(&str, &[u8])]) -> String {
    files
        .iter()
        .map(|(name, b)| format!("{:016x}  {name}\n", hash(b)))
        .collect()
}

/// Rewrites the lines of the given files in `dir`'s checksum file, keeping the others (for a
/// training step that rebuilds only some files, such as the channel alone).
pub fn update(dir: &Path, files: &[(&str, &[u8])]) -> Result<(), Error> {
    let path = dir.join(CHECKSUMS_FILE);
    let old = match std::fs::read_to_string(&path) {
        Ok(t) => Checksums::parse(&t).map_err(|problem| Error::Dictionary {
            path: path.clone(),
            problem,
        })?,
        Err(_) => Checksums(Vec::new()),
    };
    let mut text = String::new();
    for (name, h) in &old.0 {
        if !files.iter().any(|(n, _)| n == name) {
            text.push_str(&format!("{h:016x}  {name}\n"));
        }
    }
    text.push_str(&render(files));
    std::fs::write(&path, text).map_err(|e| Error::io(path, e))
}

/// The expected hashes of a dictionary folder.
#[derive(Debug, Clone)]
pub struct Checksums(Vec<(String, u64)>);

impl Checksums {
    /// Reads `checksums.xxh64` from `dir`; missing or malformed is a dictionary error, and so
    /// is a file of [`COVERED`] that it does not list.
    pub fn read(dir: &Path) -> Result<Self, Error> {
        let path = dir.join(CHECKSUMS_FILE);
        let bad = |problem: String| Error::Dictionary {
            path: path.clone(),
            problem,
        };
        let text = std::fs::read_to_string(&path).map_err(|e| {
            bad(format!(
                "{e}; it holds the hashes of {} (`vanban train` writes it)",
                COVERED.join(", ")
            ))
        })?;
        let sums = Self::parse(&text).map_err(bad)?;
        if let Some(name) = COVERED.iter().find(|n| sums.expected(n).is_none()) {
            return Err(bad(format!("no line for {name}")));
        }
        Ok(sums)
    }

    fn parse(text: &str) -> Result<Self, String> {
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let parsed = line.split_once("  ").and_then(|(h, name)| {
                let h = (h.len() == 16).then(|| u64::from_str_radix(h, 16).ok())??;
                Some((name.to_string(), h))
            });
            match parsed {
                Some(p) => out.push(p),
                None => return Err(format!("line {}: not `HASH  NAME`: {line:?}", n + 1)),
            }
        }
        Ok(Checksums(out))
    }

    fn expected(&self, name: &str) -> Option<u64> {
        self.0.iter().find(|(n, _)| n == name).map(|&(_, h)| h)
    }

    /// Checks one file's bytes against its listed hash (a file not listed passes).
    pub fn verify(&self, dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Error> {
        let Some(want) = self.expected(name) else {
            return Ok(());
        };
        let got = hash(bytes);
        if got == want {
            return Ok(());
        }
        Err(Error::Dictionary {
            path: dir.join(name),
            problem: format!(
                "checksum mismatch (XXH64 {got:016x}, {CHECKSUMS_FILE} lists {want:016x}): \
                 the file is damaged or from another build; rebuild with `vanban train` or \
                 restore the shipped dictionaries"
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xxh64_matches_the_reference_values() {
        // XXH64 of "" and "abc" with seed 0, as published with the reference implementation.
        assert_eq!(hash(b""), 0xef46_db37_51d8_e999);
        assert_eq!(hash(b"abc"), 0x44bc_2cf5_ad77_0999);
    }

    #[test]
    fn render_parse_verify_roundtrip() {
        let dir = Path::new("d");
        let text = render(&[("a.txt", b"one"), ("lm.bin", b"two")]);
        let sums = Checksums::parse(&text).unwrap();
        assert!(sums.verify(dir, "a.txt", b"one").is_ok());
        assert!(sums.verify(dir, "unlisted", b"x").is_ok());
        let e = sums.verify(dir, "lm.bin", b"tw0").unwrap_err().to_string();
        assert!(
            e.contains("d/lm.bin") && e.contains("checksum mismatch"),
            "{e}"
        );
        assert!(Checksums::parse("abc lm.bin\n").is_err());
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(CHECKSUMS_FILE), &text).unwrap();
        update(tmp.path(), &[("a.txt", b"new")]).unwrap();
        let t = std::fs::read_to_string(tmp.path().join(CHECKSUMS_FILE)).unwrap();
        let sums = Checksums::parse(&t).unwrap();
        assert!(sums.verify(dir, "a.txt", b"new").is_ok());
        assert!(
            sums.verify(dir, "lm.bin", b"two").is_ok(),
            "other lines kept"
        );
        assert!(Checksums::parse("0123456789abcdeg  lm.bin\n").is_err());
    }
}
