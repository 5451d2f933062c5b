//! `vanban eval`: scores restoration against gold files (SPEC.md's gold format) and OCR pairs.
//!
//! Token comparison is exact except for tone placement (`hóa` = `hoá`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Error;
use crate::normalize::{self, PieceKind};
use crate::restore::Restorer;
use crate::syllable;

/// Comparison key of a token: word pieces get traditional tone placement, the rest is kept.
pub fn token_key(tok: &str) -> String {
    let mut pieces = Vec::new();
    normalize::pieces(tok, &mut pieces);
    let mut out = String::with_capacity(tok.len());
    for p in &pieces {
        let s = &tok[p.start..p.end];
        if p.kind == PieceKind::Word {
            out.push_str(&syllable::placement_key(s));
        } else {
            out.push_str(s);
        }
    }
    out
}

/// Restoration scores of one gold file.
#[derive(Debug, Default, Clone, Serialize)]
pub struct RestoreScore {
    pub name: String,
    pub lines: usize,
    pub misaligned_lines: usize,
    pub tokens: usize,
    pub correct: usize,
    /// Tokens the raw input had wrong, and how many of those the restorer fixed.
    pub raw_wrong: usize,
    pub fixed: usize,
    /// Tokens the raw input had right, and how many of those the restorer damaged.
    pub raw_right: usize,
    pub damaged: usize,
}

impl RestoreScore {
    /// Share of gold tokens restored exactly.
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.tokens)
    }
    /// Share of wrong input tokens fixed.
    pub fn fixed_rate(&self) -> f64 {
        ratio(self.fixed, self.raw_wrong)
    }
    /// Share of right input tokens damaged.
    pub fn damaged_rate(&self) -> f64 {
        ratio(self.damaged, self.raw_right)
    }
    fn add(&mut self, o: &RestoreScore) {
        self.lines += o.lines;
        self.misaligned_lines += o.misaligned_lines;
        self.tokens += o.tokens;
        self.correct += o.correct;
        self.raw_wrong += o.raw_wrong;
        self.fixed += o.fixed;
        self.raw_right += o.raw_right;
        self.damaged += o.damaged;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores one (raw, restored, gold) triple.
pub fn score_restoration(name: &str, raw: &str, restored: &str, gold: &str) -> RestoreScore {
    let raw = normalize::nfc(raw);
    let gold = normalize::nfc(gold);
    let mut s = RestoreScore {
        name: name.to_string(),
        ..Default::default()
    };
    let gl: Vec<&str> = normalize::lines(&gold).map(|l| l.0).collect();
    let rl: Vec<&str> = normalize::lines(&raw).map(|l| l.0).collect();
    let ol: Vec<&str> = normalize::lines(restored).map(|l| l.0).collect();
    for (i, g) in gl.iter().enumerate() {
        s.lines += 1;
        let gt: Vec<&str> = normalize::tokens(g).collect();
        let rt: Vec<&str> = rl
            .get(i)
            .map(|l| normalize::tokens(l).collect())
            .unwrap_or_default();
        let ot: Vec<&str> = ol
            .get(i)
            .map(|l| normalize::tokens(l).collect())
            .unwrap_or_default();
        s.tokens += gt.len();
        if ot.len() != gt.len() || rt.len() != gt.len() {
            s.misaligned_lines += 1;
            continue;
        }
        for k in 0..gt.len() {
            let gk = token_key(gt[k]);
            let raw_ok = token_key(rt[k]) == gk;
            let out_ok = token_key(ot[k]) == gk;
            s.correct += out_ok as usize;
            if raw_ok {
                s.raw_right += 1;
                s.damaged += (!out_ok) as usize;
            } else {
                s.raw_wrong += 1;
                s.fixed += out_ok as usize;
            }
        }
    }
    s
}

/// Gold documents in a folder: every `NAME.txt` with a `NAME.restored.txt` beside it (none
/// in a folder that has entity gold only, such as OCR'd inputs).
pub fn gold_docs(dir: &Path) -> Result<Vec<(String, PathBuf, PathBuf)>, Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut v = Vec::new();
    for e in rd.flatten() {
        let p = e.path();
        let name = match p.file_name().and_then(|n| n.to_str()) {
            Some(n) => n.to_string(),
            None => continue,
        };
        if let Some(stem) = name.strip_suffix(".txt") {
            if stem.contains('.') {
                continue;
            }
            let gold = dir.join(format!("{stem}.restored.txt"));
            if gold.exists() {
                v.push((stem.to_string(), p, gold));
            }
        }
    }
    v.sort();
    Ok(v)
}

fn read(p: &Path) -> Result<String, Error> {
    let b = std::fs::read(p).map_err(|e| Error::io(p, e))?;
    Ok(crate::error::decode_utf8(&b)
        .map_err(|e| Error::Gold(format!("{}: {e}", p.display())))?
        .to_string())
}

/// Scores every gold document of `dir`; the last row is the total.
pub fn eval_restoration(r: &Restorer, dir: &Path) -> Result<Vec<RestoreScore>, Error> {
    let mut rows = Vec::new();
    let mut total = RestoreScore {
        name: "TOTAL".into(),
        ..Default::default()
    };
    for (name, raw_p, gold_p) in gold_docs(dir)? {
        let raw = read(&raw_p)?;
        let gold = read(&gold_p)?;
        let out = r.restore(&raw);
        let s = score_restoration(&name, &raw, &out.text, &gold);
        total.add(&s);
        rows.push(s);
    }
    rows.push(total);
    Ok(rows)
}

/// Formats restoration scores as a table.
pub fn restoration_table(rows: &[RestoreScore]) -> String {
    let mut s = format!(
        "{:<44} {:>7} {:>9} {:>8} {:>9} {:>10}\n",
        "document", "tokens", "accuracy", "fixed", "damaged", "misaligned"
    );
    for r in rows {
        s.push_str(&format!(
            "{:<44} {:>7} {:>8.2}% {:>7.2}% {:>8.2}% {:>10}\n",
            r.name,
            r.tokens,
            100.0 * r.accuracy(),
            100.0 * r.fixed_rate(),
            100.0 * r.damaged_rate(),
            r.misaligned_lines
        ));
    }
    s
}

/// Word error rate of `hyp` against `truth` over whole texts (token edit distance / truth
/// tokens), tokens compared as in [`token_key`].
pub fn wer(truth: &str, hyp: &str) -> (usize, usize) {
    let t: Vec<String> = truth.split_whitespace().map(token_key).collect();
    let h: Vec<String> = hyp.split_whitespace().map(token_key).collect();
    let mut prev: Vec<usize> = (0..=h.len()).collect();
    let mut cur = vec![0; h.len() + 1];
    for (i, a) in t.iter().enumerate() {
        cur[0] = i + 1;
        for (j, b) in h.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(a != b))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[h.len()], t.len())
}

/// WER of raw OCR and of restored OCR against the truth, per OCR pair.
#[derive(Debug, Clone, Serialize)]
pub struct PairScore {
    pub name: String,
    pub words: usize,
    pub raw_errors: usize,
    pub restored_errors: usize,
}

/// Scores OCR pairs (`pairNNN.gt.txt` + `pairNNN.<model>.txt`), the held-out ones only unless
/// `all`.
pub fn eval_pairs(
    r: &Restorer,
    dir: &Path,
    model: &str,
    all: bool,
) -> Result<Vec<PairScore>, Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut names: Vec<(usize, PathBuf)> = rd
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            let n = p
                .file_name()?
                .to_str()?
                .strip_prefix("pair")?
                .strip_suffix(".gt.txt")?
                .parse()
                .ok()?;
            Some((n, p))
        })
        .collect();
    names.sort();
    let mut out = Vec::new();
    for (n, gt) in names {
        if !all && !crate::train::is_heldout_pair(n) {
            continue;
        }
        let ocr_p = gt.with_file_name(format!("pair{n:03}.{model}.txt"));
        if !ocr_p.exists() {
            continue;
        }
        let truth = normalize::nfc(&read(&gt)?);
        let ocr = normalize::nfc(&read(&ocr_p)?);
        let restored = r.restore(&ocr).text;
        let (raw_e, words) = wer(&truth, &ocr);
        let (res_e, _) = wer(&truth, &restored);
        out.push(PairScore {
            name: format!("pair{n:03}.{model}"),
            words,
            raw_errors: raw_e,
            restored_errors: res_e,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_counts_fixes_and_damage() {
        let s = score_restoration("t", "so nha\nxa", "số nhà\nxa", "số nhà\nxã");
        assert_eq!(s.tokens, 3);
        assert_eq!(s.correct, 2);
        assert_eq!(s.raw_wrong, 3);
        assert_eq!(s.fixed, 2);
        let s = score_restoration("t", "hóa", "hoá", "hóa");
        assert_eq!(s.correct, 1);
        let s = score_restoration("t", "a b", "a", "a b");
        assert_eq!(s.misaligned_lines, 1);
    }

    #[test]
    fn wer_counts_edits() {
        assert_eq!(wer("a b c", "a x c"), (1, 3));
        assert_eq!(wer("a b c", "a c"), (1, 3));
    }
}

/// Canonical comparison form of a gold or extracted value: numbers by value (`2` = `2.0`),
/// strings NFC with tone placement normalised and whitespace folded, objects by sorted keys.
pub fn canon(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            format!("{}", (f * 1e6).round() / 1e6)
        }
        Value::String(s) => normalize::nfc(s)
            .split_whitespace()
            .map(token_key)
            .collect::<Vec<_>>()
            .join(" "),
        Value::Array(a) => format!("[{}]", a.iter().map(canon).collect::<Vec<_>>().join(",")),
        Value::Object(o) => {
            let mut keys: Vec<_> = o.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .iter()
                .map(|k| format!("{k}={}", canon(&o[*k])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
    }
}

/// True positives, false positives, false negatives.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Multiset comparison of two value lists.
    pub fn compare(gold: &[String], got: &[String]) -> Counts {
        Self::diff(gold, got, &mut Vec::new())
    }
    /// As [`Counts::compare`], also pushing each error to `errors`: `+ value` found but not in
    /// the gold, `- value` in the gold but not found.
    pub fn diff(gold: &[String], got: &[String], errors: &mut Vec<String>) -> Counts {
        let mut left: Vec<&String> = gold.iter().collect();
        let mut c = Counts::default();
        for g in got {
            if let Some(i) = left.iter().position(|x| *x == g) {
                left.remove(i);
                c.tp += 1;
            } else {
                c.fp += 1;
                errors.push(format!("+ {g}"));
            }
        }
        c.fn_ = left.len();
        errors.extend(left.iter().map(|g| format!("- {g}")));
        c
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    /// Precision, recall, F1 (1.0 when there is nothing to find and nothing found).
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Extraction scores of one gold document (or the total).
#[derive(Debug, Default, Clone, Serialize)]
pub struct ExtractScore {
    pub name: String,
    pub types: std::collections::BTreeMap<String, Counts>,
    /// Document fields compared, and how many were right; the wrong ones by name.
    pub fields: usize,
    pub fields_right: usize,
    pub wrong_fields: Vec<String>,
    pub recipients: Counts,
    /// Every wrong value, `KIND: + found` or `KIND: - missed` (fields: `FIELD: gold -> got`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

impl ExtractScore {
    /// Micro-averaged counts over all entity types.
    pub fn micro(&self) -> Counts {
        let mut c = Counts::default();
        for v in self.types.values() {
            c.add(*v);
        }
        c
    }
    fn add(&mut self, o: &ExtractScore) {
        for (k, v) in &o.types {
            self.types.entry(k.clone()).or_default().add(*v);
        }
        self.fields += o.fields;
        self.fields_right += o.fields_right;
        self.wrong_fields
            .extend(o.wrong_fields.iter().map(|f| format!("{}:{f}", o.name)));
        self.recipients.add(o.recipients);
    }
}

/// The document fields the gold and records share, in SPEC.md's order.
pub const DOC_FIELDS: [&str; 9] = [
    "number",
    "type",
    "date",
    "place",
    "authority",
    "parent_authority",
    "title",
    "signer",
    "signer_title",
];

/// Scores one record's document and entities against a gold `entities.json` value.
pub fn score_extraction(
    name: &str,
    gold: &serde_json::Value,
    rec: &crate::record::Record,
) -> ExtractScore {
    let mut s = ExtractScore {
        name: name.to_string(),
        ..Default::default()
    };
    if let Some(types) = gold.get("entities").and_then(|e| e.as_object()) {
        for (kind, list) in types {
            let g: Vec<String> = list
                .as_array()
                .map(|a| a.iter().map(canon).collect())
                .unwrap_or_default();
            let got: Vec<String> = rec
                .entities
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| canon(&e.value))
                .collect();
            let mut errs = Vec::new();
            s.types
                .insert(kind.clone(), Counts::diff(&g, &got, &mut errs));
            s.errors
                .extend(errs.into_iter().map(|e| format!("{kind}: {e}")));
        }
    }
    let doc = serde_json::to_value(&rec.document).unwrap_or_default();
    if let Some(gd) = gold.get("document").and_then(|d| d.as_object()) {
        for f in DOC_FIELDS {
            if let Some(gv) = gd.get(f) {
                s.fields += 1;
                let (want, got) = (
                    canon(gv),
                    canon(doc.get(f).unwrap_or(&serde_json::Value::Null)),
                );
                if want == got {
                    s.fields_right += 1;
                } else {
                    s.wrong_fields.push(f.to_string());
                    s.errors.push(format!("{f}: {want} -> {got}"));
                }
            }
        }
        if let Some(gr) = gd.get("recipients") {
            let g: Vec<String> = gr
                .as_array()
                .map(|a| a.iter().map(canon).collect())
                .unwrap_or_default();
            let got: Vec<String> = doc
                .get("recipients")
                .and_then(|r| r.as_array())
                .map(|a| a.iter().map(canon).collect())
                .unwrap_or_default();
            let mut errs = Vec::new();
            s.recipients = Counts::diff(&g, &got, &mut errs);
            s.errors
                .extend(errs.into_iter().map(|e| format!("recipients: {e}")));
        }
    }
    s
}

/// Scores extraction for every `NAME.entities.json` (with its `NAME.txt`) in `dir`; the last
/// row is the total.
pub fn eval_extraction(r: &Restorer, dir: &Path) -> Result<Vec<ExtractScore>, Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut names: Vec<String> = rd
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".entities.json")
                .map(String::from)
        })
        .collect();
    names.sort();
    let mut rows = Vec::new();
    let mut total = ExtractScore {
        name: "TOTAL".into(),
        ..Default::default()
    };
    for name in names {
        let raw_p = dir.join(format!("{name}.txt"));
        let gold_p = dir.join(format!("{name}.entities.json"));
        let raw = read(&raw_p)?;
        let gold: serde_json::Value = serde_json::from_str(&read(&gold_p)?)
            .map_err(|e| Error::Gold(format!("{}: {e}", gold_p.display())))?;
        let source = crate::record::Source {
            path: raw_p.display().to_string(),
            sha256: crate::record::sha256_hex(raw.as_bytes()),
            kind: "txt".into(),
            pages: None,
            ocr_confidence: None,
            page_text: Vec::new(),
            shard: None,
        };
        let rec = crate::record::Record::from_text(r, source, &raw);
        let s = score_extraction(&name, &gold, &rec);
        total.add(&s);
        rows.push(s);
    }
    rows.push(total);
    Ok(rows)
}

/// Lists each document's wrong values (see [`ExtractScore::errors`]), documents without errors
/// left out.
pub fn error_list(rows: &[ExtractScore]) -> String {
    let mut s = String::new();
    for r in rows.iter().filter(|r| !r.errors.is_empty()) {
        s.push_str(&format!("{}\n", r.name));
        for e in &r.errors {
            s.push_str(&format!("    {e}\n"));
        }
    }
    s
}

/// Formats extraction scores: per-type P/R/F1 of the total, then one line per document.
pub fn extraction_table(rows: &[ExtractScore]) -> String {
    let mut s = String::new();
    let Some(total) = rows.last() else {
        return s;
    };
    s.push_str(&format!(
        "{:<18} {:>5} {:>5} {:>5} {:>9} {:>7} {:>7}\n",
        "entity type", "tp", "fp", "fn", "precision", "recall", "F1"
    ));
    let mut line = |name: &str, c: &Counts| {
        let (p, r, f) = c.prf();
        s.push_str(&format!(
            "{name:<18} {:>5} {:>5} {:>5} {:>8.1}% {:>6.1}% {:>7.3}\n",
            c.tp,
            c.fp,
            c.fn_,
            100.0 * p,
            100.0 * r,
            f
        ));
    };
    for (k, c) in &total.types {
        line(k, c);
    }
    line("MICRO", &total.micro());
    line("recipients", &total.recipients);
    s.push_str(&format!(
        "document fields right: {}/{} ({:.1}%)\n",
        total.fields_right,
        total.fields,
        100.0 * ratio(total.fields_right, total.fields)
    ));
    s.push_str(&format!(
        "{:<44} {:>9} {:>8}  wrong fields\n",
        "document", "micro-F1", "fields"
    ));
    for r in &rows[..rows.len() - 1] {
        s.push_str(&format!(
            "{:<44} {:>9.3} {:>4}/{:<3}  {}\n",
            r.name,
            r.micro().prf().2,
            r.fields_right,
            r.fields,
            r.wrong_fields.join(", ")
        ));
    }
    s
}
