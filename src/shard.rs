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

/// Inputs up to this many bytes in all are merged in one pass; larger ones are first spread
/// by path hash over temporary partition files of about this size, each merged on its own,
/// so that memory stays bounded whatever the number of records.
pub const PARTITION_BYTES: u64 = 32 << 20;
const MAX_PARTITIONS: u64 = 4096;

/// Joins JSON Lines outputs into `out`: exact duplicates (same path, same record) are
/// dropped; a second, different record for a path is a conflict (reported, first kept).
/// Streaming, with two 64-bit digests in memory per distinct path of one partition (see
/// [`PARTITION_BYTES`]); partitions go to a temporary folder under `tmp`. Small merges keep
/// the input order; partitioned ones are ordered by partition, then input order.
pub fn merge(
    inputs: &[PathBuf],
    out: &mut dyn Write,
    tmp: &Path,
    partition_bytes: u64,
) -> Result<MergeReport, Error> {
    let mut total = 0u64;
    for p in inputs {
        total += std::fs::metadata(p).map_err(|e| Error::io(p, e))?.len();
    }
    let parts = (total / partition_bytes.max(1)).min(MAX_PARTITIONS - 1) + 1;
    let mut rep = MergeReport::default();
    if parts == 1 {
        let mut seen = HashMap::new();
        for p in inputs {
            for_each_line(p, |line| offer(line, &mut seen, out, &mut rep))?;
        }
    } else {
        let dir = tempfile::Builder::new()
            .prefix("vanban-merge-")
            .tempdir_in(tmp)
            .map_err(|e| Error::io(tmp, e))?;
        let names: Vec<PathBuf> = (0..parts)
            .map(|i| dir.path().join(format!("part-{i:04}.jsonl")))
            .collect();
        let mut writers = Vec::with_capacity(names.len());
        for n in &names {
            let f = std::fs::File::create(n).map_err(|e| Error::io(n, e))?;
            writers.push(std::io::BufWriter::with_capacity(1 << 14, f));
        }
        for p in inputs {
            for_each_line(p, |line| {
                let Some(path) = record_path(line) else {
                    rep.bad_lines += 1;
                    return Ok(());
                };
                let i = (digest(path.as_bytes()) % parts) as usize;
                writers[i]
                    .write_all(line)
                    .and_then(|_| writers[i].write_all(b"\n"))
                    .map_err(|e| Error::io(&names[i], e))
            })?;
        }
        for (w, n) in writers.into_iter().zip(&names) {
            w.into_inner()
                .map_err(|e| Error::io(n, e.into_error()))?
                .sync_all()
                .ok();
        }
        for n in &names {
            let mut seen = HashMap::new();
            for_each_line(n, |line| offer(line, &mut seen, out, &mut rep))?;
            std::fs::remove_file(n).ok();
        }
    }
    out.flush().map_err(|e| Error::io("output", e))?;
    Ok(rep)
}

/// Calls `f` on each line (without its newline) of the file at `p`.
fn for_each_line(p: &Path, mut f: impl FnMut(&[u8]) -> Result<(), Error>) -> Result<(), Error> {
    let file = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
    let mut r = BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line)
            .map_err(|e| Error::io(p, e))?
            == 0
        {
            return Ok(());
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        f(&line)?;
    }
}

/// A record's `source.path`, or `None` for a line that is not a record (a torn last line).
fn record_path(line: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Src {
        path: String,
    }
    #[derive(serde::Deserialize)]
    struct Rec {
        source: Src,
    }
    serde_json::from_slice::<Rec>(line)
        .ok()
        .map(|r| r.source.path)
}

/// Writes `line` unless its path already has a record; counts duplicates and conflicts.
fn offer(
    line: &[u8],
    seen: &mut HashMap<u64, u64>,
    out: &mut dyn Write,
    rep: &mut MergeReport,
) -> Result<(), Error> {
    let Some(path) = record_path(line) else {
        rep.bad_lines += 1;
        return Ok(());
    };
    let (k, d) = (digest(path.as_bytes()), digest(line));
    match seen.get(&k) {
        Some(&prev) if prev == d => rep.duplicates += 1,
        Some(_) => rep.conflicts.push(path),
        None => {
            seen.insert(k, d);
            out.write_all(line)
                .and_then(|_| out.write_all(b"\n"))
                .map_err(|e| Error::io("output", e))?;
            rep.records += 1;
        }
    }
    Ok(())
}

/// Inputs without a record, and inputs with more than one, in `out` for `inputs`.
pub fn check(inputs: &[PathBuf], out: &Path) -> Result<(Vec<String>, Vec<String>), Error> {
    let files = crate::batch::collect_inputs(inputs)?;
    let mut count: HashMap<String, usize> =
        files.iter().map(|p| (p.display().to_string(), 0)).collect();
    for_each_line(out, |line| {
        if let Some(c) = record_path(line).and_then(|p| count.get_mut(&p)) {
            *c += 1;
        }
        Ok(())
    })?;
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
        // In one pass, and spread over partitions of a few bytes each.
        for part in [PARTITION_BYTES, 16] {
            let mut out = Vec::new();
            let r = merge(&[a.clone(), b.clone()], &mut out, &tmp, part).unwrap();
            assert_eq!((r.records, r.duplicates, r.bad_lines), (2, 1, 1));
            assert_eq!(r.conflicts, vec!["y".to_string()]);
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.lines().count(), 2);
            assert!(text.contains("\"x\"},\"v\":1") && text.contains("\"y\"},\"v\":1"));
        }
        // The partition files are gone.
        let left: Vec<_> = std::fs::read_dir(&tmp)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("vanban-merge-"))
            .collect();
        assert!(left.is_empty());
    }

    fn tempfile_dir() -> PathBuf {
        let d = std::env::temp_dir().join(format!("vanban-shard-test-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
