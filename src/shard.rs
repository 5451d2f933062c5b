//! Beyond one machine: deterministic shards of the inputs, merging shard outputs and checking
//! that every input has exactly one record. Shard membership is a stable hash of the path,
//! so adding files does not move the others.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Shard `index` of `count` (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Parses `I/N`, or `auto`: Slurm's `SLURM_ARRAY_TASK_ID`/`SLURM_ARRAY_TASK_COUNT`, or a
    /// Kubernetes Indexed Job's `JOB_COMPLETION_INDEX` with `VANBAN_SHARD_COUNT`.
    pub fn parse(s: &str) -> Result<Shard, Error> {
        let bad = |m: String| Error::Usage(format!("--shard {s}: {m}"));
        let (i, n) = if s == "auto" {
            let env = |k: &str| std::env::var(k).ok();
            match (env("SLURM_ARRAY_TASK_ID"), env("SLURM_ARRAY_TASK_COUNT")) {
                (Some(i), Some(n)) => (i, n),
                _ => match (env("JOB_COMPLETION_INDEX"), env("VANBAN_SHARD_COUNT")) {
                    (Some(i), Some(n)) => (i, n),
                    _ => return Err(bad("no SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX + VANBAN_SHARD_COUNT in the environment".into())),
                },
            }
        } else {
            let (i, n) = s
                .split_once('/')
                .ok_or_else(|| bad("expected I/N".into()))?;
            (i.to_string(), n.to_string())
        };
        let index: u32 = i
            .trim()
            .parse()
            .map_err(|_| bad(format!("bad index {i}")))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| bad(format!("bad count {n}")))?;
        if count == 0 || index >= count {
            return Err(bad(format!("index {index} not below count {count}")));
        }
        Ok(Shard { index, count })
    }

    /// Whether this shard takes `path` (FNV-1a of the path as given).
    pub fn takes(&self, path: &Path) -> bool {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in path.as_os_str().as_encoded_bytes() {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        (h % self.count as u64) as u32 == self.index
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Reads input paths, one per line or NUL-separated, from a file or stdin (`-`).
pub fn read_file_list(from: &Path, nul: bool) -> Result<Vec<PathBuf>, Error> {
    let mut bytes = Vec::new();
    if from.as_os_str() == "-" {
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| Error::io("-", e))?;
    } else {
        bytes = std::fs::read(from).map_err(|e| Error::io(from, e))?;
    }
    let sep = if nul { b'\0' } else { b'\n' };
    Ok(bytes
        .split(|&b| b == sep)
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.is_empty())
        .map(|l| PathBuf::from(String::from_utf8_lossy(l).into_owned()))
        .collect())
}

fn digest(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// What `merge` found.
#[derive(Debug, Default)]
pub struct MergeReport {
    pub records: usize,
    pub duplicates: usize,
    /// Paths with two different records.
    pub conflicts: Vec<String>,
    pub bad_lines: usize,
}

/// Joins JSON Lines outputs into `out`, streaming: exact duplicates (same path, same record)
/// are dropped; a second, different record for a path is a conflict (reported, first kept).
/// Memory: two 64-bit digests per distinct path.
pub fn merge(inputs: &[PathBuf], out: &mut dyn Write) -> Result<MergeReport, Error> {
    let mut seen: HashMap<u64, u64> = HashMap::new();
    let mut rep = MergeReport::default();
    for p in inputs {
        let f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
        for line in BufReader::new(f).split(b'\n') {
            let line = line.map_err(|e| Error::io(p, e))?;
            let Ok(v) = serde_json::from_slice::<serde_json::Value>(&line) else {
                rep.bad_lines += 1; // a torn last line of a crashed shard
                continue;
            };
            let path = v["source"]["path"].as_str().unwrap_or("").to_string();
            let (k, d) = (digest(path.as_bytes()), digest(&line));
            match seen.get(&k) {
                Some(&prev) if prev == d => rep.duplicates += 1,
                Some(_) => rep.conflicts.push(path),
                None => {
                    seen.insert(k, d);
                    out.write_all(&line)
                        .and_then(|_| out.write_all(b"\n"))
                        .map_err(|e| Error::io("output", e))?;
                    rep.records += 1;
                }
            }
        }
    }
    out.flush().map_err(|e| Error::io("output", e))?;
    Ok(rep)
}

/// Inputs without a record, and inputs with more than one, in `out` for `inputs`.
pub fn check(inputs: &[PathBuf], out: &Path) -> Result<(Vec<String>, Vec<String>), Error> {
    let files = crate::batch::collect_inputs(inputs)?;
    let mut count: HashMap<String, usize> =
        files.iter().map(|p| (p.display().to_string(), 0)).collect();
    let f = std::fs::File::open(out).map_err(|e| Error::io(out, e))?;
    for line in BufReader::new(f).lines() {
        let line = line.map_err(|e| Error::io(out, e))?;
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
            if let Some(c) = v["source"]["path"].as_str().and_then(|p| count.get_mut(p)) {
                *c += 1;
            }
        }
    }
    let mut missing: Vec<String> = count
        .iter()
        .filter(|(_, &c)| c == 0)
        .map(|(p, _)| p.clone())
        .collect();
    let mut dup: Vec<String> = count
        .iter()
        .filter(|(_, &c)| c > 1)
        .map(|(p, _)| p.clone())
        .collect();
    missing.sort();
    dup.sort();
    Ok((missing, dup))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_inputs() {
        let paths: Vec<PathBuf> = (0..500)
            .map(|i| PathBuf::from(format!("in/doc{i}.pdf")))
            .collect();
        for n in [1u32, 2, 3, 7] {
            let mut taken = vec![0; paths.len()];
            for i in 0..n {
                let s = Shard::parse(&format!("{i}/{n}")).unwrap();
                for (k, p) in paths.iter().enumerate() {
                    taken[k] += s.takes(p) as usize;
                }
            }
            assert!(
                taken.iter().all(|&t| t == 1),
                "every path in exactly one of {n} shards"
            );
        }
        assert!(
            Shard::parse("3/3").is_err()
                && Shard::parse("x").is_err()
                && Shard::parse("1/0").is_err()
        );
    }

    #[test]
    fn merge_drops_duplicates_and_reports_conflicts() {
        let tmp = tempfile_dir();
        let a = tmp.join("a.jsonl");
        let b = tmp.join("b.jsonl");
        std::fs::write(
            &a,
            "{\"source\":{\"path\":\"x\"},\"v\":1}\n{\"source\":{\"path\":\"y\"},\"v\":1}\n",
        )
        .unwrap();
        std::fs::write(
            &b,
            "{\"source\":{\"path\":\"x\"},\"v\":1}\n{\"source\":{\"path\":\"y\"},\"v\":2}\n{\"sour",
        )
        .unwrap();
        let mut out = Vec::new();
        let r = merge(&[a, b], &mut out).unwrap();
        assert_eq!((r.records, r.duplicates, r.bad_lines), (2, 1, 1));
        assert_eq!(r.conflicts, vec!["y".to_string()]);
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 2);
    }

    fn tempfile_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("vanban-shard-test-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
