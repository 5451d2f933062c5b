//! The gazetteer `dictionaries/places.txt`, built from the official division lists of the
//! PyPI package `vietnam-provinces` (`scripts/fetch-divisions.sh`): every province, district,
//! commune and ward name before and after the 2025 reorganisation, without its unit word
//! (`Phường Hoàn Kiếm` -> `Hoàn Kiếm`), one per line, sorted and deduplicated.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::error::Error;

/// Unit words that open a division's name in the lists, longest first.
const UNIT_WORDS: [&str; 9] = [
    "Thành phố",
    "Thị trấn",
    "Đặc khu",
    "Thị xã",
    "Phường",
    "Huyện",
    "Quận",
    "Tỉnh",
    "Xã",
];

/// A division's name without its unit word; `None` for numbered units (`Phường 1`).
pub fn bare_name(name: &str) -> Option<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let rest = UNIT_WORDS
        .iter()
        .find_map(|u| name.strip_prefix(u).filter(|r| r.starts_with(' ')))
        .unwrap_or(&name)
        .trim();
    let ok = !rest.is_empty()
        && rest.chars().next().is_some_and(char::is_uppercase)
        && !rest.chars().any(|c| c.is_ascii_digit());
    ok.then(|| rest.to_string())
}

/// Collects the names of a nested-divisions list (provinces with `districts` and `wards`, or
/// provinces with `wards` only) into `out`.
pub fn collect(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(Value::as_str).and_then(bare_name) {
                out.insert(n);
            }
            for k in ["districts", "wards"] {
                if let Some(children) = o.get(k) {
                    collect(children, out);
                }
            }
        }
        _ => {}
    }
}

/// Builds the text of `places.txt` from every `*.json` list in `dir` (sorted file order).
pub fn build(dir: &Path) -> Result<(String, usize), Error> {
    let files = super::files_with_ext(dir, "json")?;
    if files.is_empty() {
        return Err(Error::Model(format!(
            "no division lists (*.json) in {}",
            dir.display()
        )));
    }
    let mut names = BTreeSet::new();
    let mut sources = Vec::new();
    for f in &files {
        let b = std::fs::read(f).map_err(|e| Error::io(f, e))?;
        let v: Value = serde_json::from_slice(&b)
            .map_err(|e| Error::Model(format!("{}: {e}", f.display())))?;
        collect(&v, &mut names);
        sources.push(
            f.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string(),
        );
    }
    let mut text = format!(
        "# Names of Vietnam's provinces, districts, communes and wards without their unit word,\n\
         # from the PyPI package vietnam-provinces ({}); built by `vanban train --divisions`.\n",
        sources.join(", ")
    );
    for n in &names {
        text.push_str(n);
        text.push('\n');
    }
    Ok((text, names.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny list in the package's two shapes (before and after 2025).
    #[test]
    fn names_from_both_shapes() {
        let old: Value = serde_json::from_str(
            r#"[{"name": "Tỉnh Hà Tĩnh", "districts": [{"name": "Huyện Can Lộc",
                "wards": [{"name": "Thị trấn Nghèn"}, {"name": "Phường 1"}]}]}]"#,
        )
        .unwrap();
        let new: Value = serde_json::from_str(
            r#"[{"name": "Thành phố Hà Nội", "wards": [{"name": "Phường Hoàn Kiếm"},
                {"name": "Đặc khu Phú Quốc"}]}]"#,
        )
        .unwrap();
        let mut names = BTreeSet::new();
        collect(&old, &mut names);
        collect(&new, &mut names);
        let v: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            v,
            [
                "Can Lộc",
                "Hoàn Kiếm",
                "Hà Nội",
                "Hà Tĩnh",
                "Nghèn",
                "Phú Quốc"
            ]
        );
    }
}
