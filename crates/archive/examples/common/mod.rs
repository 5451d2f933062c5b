//! What the timing examples share.

/// (user + system) seconds of `/proc/<which>/stat` (`self`: the process, `thread-self`: the
/// calling thread).
pub fn cpu(which: &str) -> f64 {
    let s = std::fs::read_to_string(format!("/proc/{which}/stat")).unwrap_or_default();
    let f: Vec<&str> = s
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let t = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}
