//! Dates as full-text tokens: a document dated 2024-03-15 gets `y2024 m202403 d20240315`, and
//! a date range becomes the fewest such tokens that cover it (whole years, whole months, then
//! days), so FTS5 intersects the range with the query's words instead of ranking every match.

/// The tokens of one ISO date (empty for anything else).
pub fn date_tokens(date: &str) -> String {
    match parse(date) {
        Some((y, m, d)) => format!("y{y:04} m{y:04}{m:02} d{y:04}{m:02}{d:02}"),
        None => String::new(),
    }
}

fn parse(date: &str) -> Option<(u32, u32, u32)> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| date.get(r)?.parse::<u32>().ok();
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    ((1..=12).contains(&m) && d >= 1 && d <= days(y, m)).then_some((y, m, d))
}

/// Days in month `m` (1-12) of year `y`, Gregorian.
pub(crate) fn days(y: u32, m: u32) -> u32 {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][(m as usize - 1) % 12]
}

/// Most tokens a range may take; a longer list is not worth it (the SQL filter alone is used).
const MAX_TOKENS: usize = 400;

/// The tokens covering `from..=to` (ISO dates): `Some(vec![])` for an empty range, `None`
/// when the range needs more than [`MAX_TOKENS`] tokens or a date is not ISO.
pub fn range_tokens(from: &str, to: &str) -> Option<Vec<String>> {
    let (mut y, mut m, mut d) = parse(from)?;
    let end = parse(to)?;
    let mut out = Vec::new();
    while (y, m, d) <= end {
        if out.len() >= MAX_TOKENS {
            return None;
        }
        if m == 1 && d == 1 && (y, 12, 31) <= end {
            out.push(format!("y{y:04}"));
            y += 1;
        } else if d == 1 && (y, m, days(y, m)) <= end {
            out.push(format!("m{y:04}{m:02}"));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        } else {
            out.push(format!("d{y:04}{m:02}{d:02}"));
            if d < days(y, m) {
                d += 1;
                continue;
            }
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        d = 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_take_years_then_months_then_days() {
        assert_eq!(date_tokens("2024-03-15"), "y2024 m202403 d20240315");
        assert_eq!(date_tokens("2024-13-01"), "");
        assert_eq!(range_tokens("2024-01-01", "2024-12-31").unwrap(), ["y2024"]);
        assert_eq!(
            range_tokens("2023-12-30", "2025-02-01").unwrap(),
            ["d20231230", "d20231231", "y2024", "m202501", "d20250201"]
        );
        assert_eq!(
            range_tokens("2024-02-28", "2024-03-01").unwrap(),
            ["d20240228", "d20240229", "d20240301"]
        );
        assert!(range_tokens("2025-01-02", "2025-01-01").unwrap().is_empty());
        assert!(range_tokens("0001-01-02", "9999-12-31").is_none());
    }
}
