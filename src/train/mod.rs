//! `vanban train`: rebuilds everything under `dictionaries/` from a corpus and OCR pairs.
//!
//! Deterministic: the same inputs give byte-identical files (sorted outputs, a fixed hasher,
//! files read in sorted order). Held-out lines (every `holdout_every`-th line of each corpus
//! file) and held-out OCR pairs (`pairNNN` with NNN % 8 == 7) never enter training.

pub mod channel;
pub mod compounds;
pub mod gold_pairs;
pub mod lm;
pub mod name_prior;
pub mod name_tails;
pub mod places;

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::fxhash::FxHashMap;
use crate::normalize::{self, PieceKind};
use crate::restore::lexicon::{Lexicon, BOS, EOS};
use crate::restore::{self as rs};
use crate::syllable;

/// Options of a training run.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Corpus directory: `*.txt` files (or a `train/` folder of them); `admin_*` files are
    /// administrative text and weigh `admin_weight` times.
    pub corpus: PathBuf,
    /// Optional syllable list (one per line) that admits rare syllables.
    pub syllable_list: Option<PathBuf>,
    /// Folders of OCR pairs (`pairNNN.gt.txt` + `pairNNN.eng.txt`).
    pub pairs: Vec<PathBuf>,
    /// Folders of gold files (`NAME.txt` raw OCR + `NAME.restored.txt` truth, e.g. from
    /// `vanban review --export-gold`) whose word pairs the channel also learns from.
    pub gold_pairs: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    pub order: usize,
    pub admin_weight: u64,
    /// Every n-th line of each corpus file is held out (0 = none).
    pub holdout_every: usize,
    pub min_syllable_count: u64,
    pub min_code_count: u64,
    pub max_entries: usize,
    /// Documents whose lines are kept out of training (`--exclude-docs`): a corpus line of
    /// four words or more that is also a line of one of them is dropped, so they stay a
    /// whole-document held-out set.
    pub exclude_docs: Option<PathBuf>,
}

impl TrainOptions {
    /// Defaults for a corpus and an output folder.
    pub fn new(corpus: PathBuf, out: PathBuf) -> Self {
        TrainOptions {
            corpus,
            syllable_list: None,
            pairs: Vec::new(),
            gold_pairs: Vec::new(),
            out,
            order: 4,
            admin_weight: 6,
            holdout_every: 50,
            min_syllable_count: 3,
            min_code_count: 5,
            max_entries: 4_200_000,
            exclude_docs: None,
        }
    }
}

/// What a training run produced.
#[derive(Debug, Default)]
pub struct TrainReport {
    pub files: Vec<(String, usize, usize)>,
    /// Corpus lines dropped because an excluded document has them.
    pub excluded_lines: usize,
    pub syllables: usize,
    pub codes: usize,
    pub ngrams: usize,
    pub lm_bytes: usize,
    pub channel_pairs: usize,
    pub heldout_pairs: Vec<channel::WordPair>,
}

/// The files of `dir` with extension `ext`, sorted (training reads them in a fixed order).
pub fn files_with_ext(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    Ok(v)
}

/// Lists the corpus text files, sorted.
pub fn corpus_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let sub = dir.join("train");
    let dir = if sub.is_dir() { sub } else { dir.to_path_buf() };
    files_with_ext(&dir, "txt")
}

/// True if line `i` of a corpus file is held out.
pub fn is_heldout(i: usize, every: usize) -> bool {
    every > 0 && i % every == every - 1
}

/// Calls `f` with each training line of `files` (NFC, line end kept), in order: every line but
/// the held-out ones (`is_heldout`) and those an excluded document has (`exclude`, trimmed).
pub fn for_each_training_line(
    files: &[std::path::PathBuf],
    holdout_every: usize,
    exclude: &std::collections::HashSet<String>,
    mut f: impl FnMut(&str),
) -> Result<(), Error> {
    use std::io::BufRead;
    let mut line = String::new();
    for p in files {
        let file = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
        let mut r = std::io::BufReader::new(file);
        let mut i = 0;
        loop {
            line.clear();
            if r.read_line(&mut line).map_err(|e| Error::io(p, e))? == 0 {
                break;
            }
            let keep = !is_heldout(i, holdout_every) && !exclude.contains(line.trim());
            i += 1;
            if keep {
                f(&normalize::nfc(&line));
            }
        }
    }
    Ok(())
}

/// True if OCR pair number `n` is held out.
pub fn is_heldout_pair(n: usize) -> bool {
    n % 8 == 7
}

fn weight_of(path: &Path, admin: u64) -> u64 {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("admin") {
        admin
    } else {
        1
    }
}

fn read_text(p: &Path) -> Result<String, Error> {
    let b = std::fs::read(p).map_err(|e| Error::io(p, e))?;
    Ok(normalize::nfc(crate::error::decode_utf8(&b)?))
}

/// The lines (trimmed, four words or more) of every `.txt` file in `dir` (`--exclude-docs`);
/// none without a folder.
pub fn excluded_lines(dir: Option<&Path>) -> Result<std::collections::HashSet<String>, Error> {
    let mut set = std::collections::HashSet::new();
    let Some(dir) = dir else {
        return Ok(set);
    };
    for f in files_with_ext(dir, "txt")? {
        for line in read_text(&f)?.lines() {
            let l = line.trim();
            if l.split_whitespace().count() >= 4 {
                set.insert(l.to_string());
            }
        }
    }
    Ok(set)
}

/// Runs the whole training: lexicon, LM, channel; writes the four files into `opts.out`.
pub fn train(opts: &TrainOptions) -> Result<TrainReport, Error> {
    let files = corpus_files(&opts.corpus)?;
    if files.is_empty() {
        return Err(Error::Model(format!(
            "no .txt files in {}",
            opts.corpus.display()
        )));
    }
    let mut report = TrainReport::default();
    // Pass 1: syllable and code counts.
    let mut syl: FxHashMap<String, u64> = FxHashMap::default();
    let mut codes: FxHashMap<String, u64> = FxHashMap::default();
    let mut pieces = Vec::new();
    let mut lower = String::new();
    let mut texts = Vec::new();
    let exclude = excluded_lines(opts.exclude_docs.as_deref())?;
    for f in &files {
        let mut text = read_text(f)?;
        if !exclude.is_empty() {
            // Excluded lines become empty lines, so line numbers (and the held-out lines)
            // stay where they were.
            let mut kept = String::with_capacity(text.len());
            for line in text.lines() {
                if exclude.contains(line.trim()) {
                    report.excluded_lines += 1;
                } else {
                    kept.push_str(line);
                }
                kept.push('\n');
            }
            text = kept;
        }
        let w = weight_of(f, opts.admin_weight);
        let (mut used, mut held) = (0, 0);
        for (i, line) in text.lines().enumerate() {
            if is_heldout(i, opts.holdout_every) {
                held += 1;
                continue;
            }
            used += 1;
            for tok in normalize::tokens(line) {
                normalize::pieces(tok, &mut pieces);
                for p in pieces.iter().filter(|p| p.kind == PieceKind::Word) {
                    let s = &tok[p.start..p.end];
                    lower.clear();
                    lower.extend(s.chars().map(syllable::lower_char));
                    if let Some(c) = syllable::canonical(&lower) {
                        *syl.entry(c).or_default() += w;
                    } else if s.chars().filter(|c| c.is_uppercase()).count() >= 2
                        && s.chars().count() <= 12
                        && s.chars().all(|c| c.is_alphanumeric() || c == '&')
                    {
                        *codes.entry(s.to_string()).or_default() += w;
                    }
                }
            }
        }
        report.files.push((f.display().to_string(), used, held));
        texts.push((f.clone(), text, w));
    }
    let listed: std::collections::HashSet<String> = match &opts.syllable_list {
        Some(p) => read_text(p)?
            .lines()
            .filter_map(|l| {
                let l: String = l.trim().chars().map(syllable::lower_char).collect();
                syllable::canonical(&l)
            })
            .collect(),
        None => Default::default(),
    };
    let mut syl_list: Vec<(String, u64)> = syl
        .into_iter()
        .filter(|(s, c)| *c >= opts.min_syllable_count || listed.contains(s))
        .collect();
    syl_list.sort();
    // Codes with a marked letter (`ĐBQH`, `BCĐ`) are kept from two weighted occurrences: their
    // stripped spelling is how they reach the restorer, and only this list restores it.
    let mut code_list: Vec<(String, u64)> = codes
        .into_iter()
        .filter(|(s, c)| *c >= opts.min_code_count || (*c >= 2 && !s.is_ascii()))
        .collect();
    code_list.sort();
    let lex = Lexicon::new(syl_list.clone(), code_list.clone())?;
    report.syllables = lex.len();
    report.codes = code_list.len();
    // Pass 2: n-gram counts.
    let mut counts = lm::Counts::new(opts.order);
    let mut seq: Vec<u16> = Vec::new();
    for (_, text, w) in &texts {
        for (i, line) in text.lines().enumerate() {
            if is_heldout(i, opts.holdout_every) {
                continue;
            }
            seq.clear();
            seq.push(BOS);
            for tok in normalize::tokens(line) {
                normalize::pieces(tok, &mut pieces);
                for p in &pieces {
                    if let Some(id) = lex.class_of(tok, p, &mut lower) {
                        seq.push(id);
                    }
                }
            }
            seq.push(EOS);
            counts.add(&seq, *w);
        }
    }
    drop(texts);
    let (uni, bow, entries) =
        lm::estimate(&counts, lex.vocab_size(), &[1, 1, 2, 2], opts.max_entries);
    // The scorer stops probing at the first missing suffix and keeps minimal states (see
    // `Lm::score_next`): both need every stored n-gram's prefix and suffix stored.
    if let Some(e) = lm::first_unclosed(&entries) {
        return Err(Error::Model(format!(
            "n-gram {e:?} is stored without its prefix or suffix"
        )));
    }
    drop(counts);
    report.ngrams = entries.len();
    let bytes = rs::lm::write(opts.order, &uni, &bow, &entries);
    report.lm_bytes = bytes.len();
    // Channel from the OCR pairs.
    let mut ch_text = rs::channel::Channel::default().to_text();
    if !opts.pairs.is_empty() || !opts.gold_pairs.is_empty() {
        let (text, n, held) = train_channel_from(&opts.pairs, &opts.gold_pairs)?;
        report.channel_pairs = n;
        report.heldout_pairs = held;
        ch_text = text;
    }
    std::fs::create_dir_all(&opts.out).map_err(|e| Error::io(&opts.out, e))?;
    let write = |name: &str, data: &[u8]| {
        let p = opts.out.join(name);
        std::fs::write(&p, data).map_err(|e| Error::io(p, e))
    };
    let syllables = counts_text(
        "syllables (lowercase, traditional tone placement) with weighted corpus counts",
        &syl_list,
    );
    let codes = counts_text(
        "abbreviations and code parts seen in the corpus, with weighted counts",
        &code_list,
    );
    let files: [(&str, &[u8]); 4] = [
        (rs::SYLLABLES_FILE, syllables.as_bytes()),
        (rs::CODES_FILE, codes.as_bytes()),
        (rs::CHANNEL_FILE, ch_text.as_bytes()),
        (rs::LM_FILE, &bytes),
    ];
    for (name, data) in files {
        write(name, data)?;
    }
    // Last, so a training run that stops half way leaves files that fail their checksums.
    write(
        rs::checksums::CHECKSUMS_FILE,
        rs::checksums::render(&files).as_bytes(),
    )?;
    Ok(report)
}

fn counts_text(title: &str, items: &[(String, u64)]) -> String {
    let mut s = format!("# vanban {title}; built by `vanban train`\n");
    for (t, c) in items {
        s.push_str(t);
        s.push('\t');
        s.push_str(&c.to_string());
        s.push('\n');
    }
    s
}

/// Writes a channel learned alone (`train --pairs` without `--corpus`) into `out`, and its
/// line of the checksum file; returns the path written.
pub fn write_channel(out: &Path, text: &str) -> Result<PathBuf, Error> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let p = out.join(rs::CHANNEL_FILE);
    std::fs::write(&p, text).map_err(|e| Error::io(&p, e))?;
    rs::checksums::update(out, &[(rs::CHANNEL_FILE, text.as_bytes())])?;
    Ok(p)
}

/// Learns the channel from every folder of OCR pairs: (`channel.txt`'s text, training word
/// pairs, held-out word pairs).
pub fn train_channel(dirs: &[PathBuf]) -> Result<(String, usize, Vec<channel::WordPair>), Error> {
    train_channel_from(dirs, &[])
}

/// [`train_channel`] with the word pairs of folders of gold files added to the training pairs
/// (all of them: gold documents are not held out; see [`gold_pairs`]).
pub fn train_channel_from(
    dirs: &[PathBuf],
    gold: &[PathBuf],
) -> Result<(String, usize, Vec<channel::WordPair>), Error> {
    let mut train = Vec::new();
    let mut held = Vec::new();
    for dir in dirs {
        let (t, h) = load_pairs(dir)?;
        train.extend(t);
        held.extend(h);
    }
    for dir in gold {
        train.extend(gold_pairs::load(dir)?.pairs);
    }
    Ok((channel::learn(&train, 3).to_text(), train.len(), held))
}

/// Reads OCR pairs and aligns them: (training word pairs, held-out word pairs).
pub fn load_pairs(dir: &Path) -> Result<(Vec<channel::WordPair>, Vec<channel::WordPair>), Error> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut nums: Vec<(usize, PathBuf)> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            let n = name
                .strip_prefix("pair")?
                .strip_suffix(".gt.txt")?
                .parse()
                .ok()?;
            Some((n, p))
        })
        .collect();
    nums.sort();
    let mut train = Vec::new();
    let mut held = Vec::new();
    for (n, gt) in nums {
        let eng = gt.with_file_name(format!("pair{n:03}.eng.txt"));
        if !eng.exists() {
            continue;
        }
        let pairs = channel::align_words(&read_text(&gt)?, &read_text(&eng)?);
        if is_heldout_pair(n) {
            held.extend(pairs);
        } else {
            train.extend(pairs);
        }
    }
    Ok((train, held))
}

/// Strips every Vietnamese diacritic, keeping case: `Số` -> `So`, `ĐƠN` -> `DON`.
pub fn strip_diacritics(s: &str) -> String {
    s.chars()
        .map(|c| {
            let l = syllable::lower_char(c);
            let f = syllable::fold_char(l);
            if c != l {
                syllable::upper_char(f)
            } else {
                f
            }
        })
        .collect()
}

/// Writes held-out corpus lines as gold pairs (`NAME.txt` stripped, `NAME.restored.txt` the
/// truth) into `out`: up to `max_lines` lines per corpus file. Returns the files written.
pub fn write_heldout(
    corpus: &Path,
    out: &Path,
    every: usize,
    max_lines: usize,
) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let mut written = Vec::new();
    for f in corpus_files(corpus)? {
        let text = read_text(&f)?;
        let lines: Vec<&str> = text
            .lines()
            .enumerate()
            .filter(|(i, _)| is_heldout(*i, every))
            .map(|(_, l)| l)
            .take(max_lines)
            .collect();
        if lines.is_empty() {
            continue;
        }
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("corpus");
        let gold = lines.join("\n") + "\n";
        let raw = strip_diacritics(&gold);
        let p = out.join(format!("heldout_{stem}.txt"));
        std::fs::write(&p, raw).map_err(|e| Error::io(&p, e))?;
        let g = out.join(format!("heldout_{stem}.restored.txt"));
        std::fs::write(&g, gold).map_err(|e| Error::io(&g, e))?;
        written.push(p);
    }
    Ok(written)
}
