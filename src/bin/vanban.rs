//! The `vanban` command line: parses arguments, calls the library, maps errors to exit codes
//! (see [`EXIT_STATUS`]).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

#[path = "vanban/review.rs"]
mod review;

use vanban::batch::Stopped;

#[path = "vanban/archive_sink.rs"]
mod archive_sink;
use vanban::{eval, record, train, Restorer};

/// The exit statuses, as `--help` prints them.
const EXIT_STATUS: &str = "Exit status: 0 success; 1 some inputs failed (their error records \
were written); 2 usage error, also a broken dictionary, an output that exists (without \
--resume/--force), cannot be created or is locked by another run; 3 `run` could not write its \
output (disk full, I/O error, quota): free space, then --resume; 130 / 143 `run` stopped by \
SIGINT / SIGTERM: --resume continues.";

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Restore and extract Vietnamese administrative documents",
    after_help = EXIT_STATUS
)]
struct Cli {
    /// Dictionary folder (default: $VANBAN_DICT, ./dictionaries, or the build's).
    #[arg(long, global = true)]
    dict: Option<PathBuf>,
    /// A user lexicon: names and terms (two words or more, one a line) that restoration
    /// writes as listed wherever their letters match (`vanban review --export-lexicon`).
    #[arg(long, global = true)]
    lexicon: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Restore diacritics: reads FILE (or stdin), writes the restored text to stdout.
    Restore { file: Option<PathBuf> },
    /// Restore and extract: one JSON record per input on stdout (JSON Lines).
    Extract {
        /// Input files (`-` or none: stdin).
        files: Vec<PathBuf>,
    },
    /// The batch job: files or folders of .txt, .pdf and images to one JSON record each.
    #[command(after_help = EXIT_STATUS)]
    Run {
        /// Input files and folders (folders are read recursively).
        #[arg(required_unless_present = "files_from")]
        inputs: Vec<PathBuf>,
        /// Read input paths from FILE (`-`: stdin), one per line.
        #[arg(long)]
        files_from: Option<PathBuf>,
        /// With --files-from: paths are NUL-separated.
        #[arg(short = '0', long = "null")]
        null: bool,
        /// Process only shard I of N of the inputs (`I/N`, or `auto` from Slurm or Kubernetes).
        #[arg(long)]
        shard: Option<String>,
        /// Output JSON Lines file (`-` for stdout).
        #[arg(short, long)]
        output: PathBuf,
        /// Worker threads (default: all cores).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        /// Continue an existing output: skip inputs that already have a record.
        #[arg(long)]
        resume: bool,
        /// Overwrite an existing output.
        #[arg(long)]
        force: bool,
        /// Tesseract language(s) for scans: vie, eng or vie+eng.
        #[arg(long, default_value = "vie")]
        ocr_lang: String,
        /// No progress output on stderr.
        #[arg(long)]
        quiet: bool,
        /// After a first SIGINT or SIGTERM, seconds the documents in flight get to finish
        /// before they are abandoned (a second signal stops at once).
        #[arg(long, default_value_t = 10.0)]
        grace: f64,
        /// PDF text layers re-read from the page image: `auto` those judged mangled (OCR that
        /// lost its diacritics), `always` every page with an image, `never` none.
        #[arg(long, value_enum, default_value_t = ReocrArg::Auto, num_args = 0..=1,
              default_missing_value = "auto")]
        reocr: ReocrArg,
        /// Write a searchable PDF of every OCR'd input (scans, images, re-read PDFs) into DIR:
        /// the page images unchanged under an invisible layer of the restored text.
        #[arg(long, value_name = "DIR")]
        pdf_dir: Option<PathBuf>,
        /// Also index every record into this archive as it is written (a SQLite file or
        /// `postgresql://…`; see `vanban index`).
        #[arg(long, value_name = "ARCHIVE")]
        db: Option<String>,
    },
    /// Load JSON Lines records into an archive (SQLite or PostgreSQL); idempotent.
    Index(vanban_archive::cli::IndexArgs),
    /// Search an archive: accent-insensitive full text, type, authority, dates, numbers.
    Search(vanban_archive::cli::SearchArgs),
    /// Join JSON Lines outputs (shards, resumed runs), dropping exact duplicates.
    Merge {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(short, long)]
        output: PathBuf,
        /// Folder for the temporary partitions of a large merge (default: beside OUT, or
        /// the system's temporary folder when OUT is stdout). Needs about the inputs' size.
        #[arg(long)]
        tmp_dir: Option<PathBuf>,
    },
    /// Check that every input has exactly one record in OUT.
    Check {
        /// Input files and folders, as given to `run`.
        #[arg(long, required = true)]
        inputs: Vec<PathBuf>,
        out: PathBuf,
    },
    /// Score restoration against gold files or OCR pairs and print a table.
    Eval {
        /// Folder of gold files (NAME.txt with NAME.restored.txt and/or NAME.entities.json);
        /// repeat for several folders, each scored and reported on its own.
        #[arg(long)]
        gold: Vec<PathBuf>,
        /// Print only each folder's totals, not one line per document.
        #[arg(long)]
        summary: bool,
        /// Folder of OCR pairs (pairNNN.gt.txt + pairNNN.eng.txt): WER before and after.
        #[arg(long)]
        ocr_pairs: Option<PathBuf>,
        /// OCR model whose output to score with --ocr-pairs (eng or vie).
        #[arg(long, default_value = "eng")]
        ocr_model: String,
        /// With --ocr-pairs: all pairs, not only the held-out ones.
        #[arg(long)]
        all: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// After the table, list every wrong entity and field per document (`+` found but not
        /// in the gold, `-` missed).
        #[arg(long)]
        errors: bool,
    },
    /// Rebuild dictionaries/ from a corpus (deterministic).
    Train {
        /// Corpus folder (*.txt, or a train/ folder of them; admin_* files weigh more).
        #[arg(long, required_unless_present_any = ["divisions", "pairs", "pairs_from_gold"])]
        corpus: Option<PathBuf>,
        /// Folder of division lists (`scripts/fetch-divisions.sh`): rebuilds places.txt.
        #[arg(long)]
        divisions: Option<PathBuf>,
        /// OCR pairs folder for the channel model (repeat for several); without --corpus,
        /// rebuilds channel.txt only.
        #[arg(long)]
        pairs: Vec<PathBuf>,
        /// Gold folder (NAME.txt raw OCR + NAME.restored.txt truth, as `vanban review
        /// --export-gold` writes) whose word pairs the channel also learns from (repeat for
        /// several); without --corpus, rebuilds channel.txt only.
        #[arg(long, value_name = "DIR")]
        pairs_from_gold: Vec<PathBuf>,
        /// A syllable list that admits rare syllables (learned from, not copied).
        #[arg(long)]
        syllable_list: Option<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "dictionaries")]
        out: PathBuf,
        /// Hold out every N-th corpus line (0: none).
        #[arg(long, default_value_t = 50)]
        holdout_every: usize,
        /// Most n-grams (order ≥ 2) in the model.
        #[arg(long, default_value_t = 4_200_000)]
        max_entries: usize,
        /// Weight of administrative text against legal text (6: chosen on the held-out corpus
        /// lines and OCR pairs once the real documents were kept out of training).
        #[arg(long, default_value_t = 6)]
        admin_weight: u64,
        /// Folder of documents (*.txt) whose lines are kept out of training, so they can be
        /// a whole-document held-out set.
        #[arg(long)]
        exclude_docs: Option<PathBuf>,
        /// With --corpus: build only name_prior.txt (how often each syllable is a surname,
        /// middle or given name), reading the surnames of OUT/names.txt.
        #[arg(long)]
        name_prior: bool,
        /// With --corpus: build only compounds.txt (the two-syllable words the organisation
        /// extractor keeps whole), counted from the corpus's document files.
        #[arg(long)]
        compounds: bool,
        /// With --corpus: build only name_tails.txt (the lower-case words the corpus nearly
        /// always writes after an organisation name the rules find), counted from the corpus.
        #[arg(long)]
        name_tails: bool,
    },
    /// Strip every Vietnamese diacritic (keeping case): makes test inputs from clean text.
    Strip { file: Option<PathBuf> },
    /// Review records in the browser: the doubtful tokens, their other readings, corrections.
    Review(vanban_review::cli::ReviewArgs),
    /// Write held-out corpus lines as gold files (stripped input + truth) for `eval --gold`.
    Heldout {
        #[arg(long)]
        corpus: PathBuf,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 50)]
        holdout_every: usize,
        /// Lines per corpus file.
        #[arg(long, default_value_t = 400)]
        max_lines: usize,
    },
}

/// Loads the dictionaries; every error names the file and what is wrong (exit status 2).
fn load(dict: &Option<PathBuf>, lexicon: &Option<PathBuf>) -> Result<Restorer> {
    let dir = dict.clone().unwrap_or_else(Restorer::default_dir);
    let mut r = Restorer::load(&dir)?;
    if let Some(p) = lexicon {
        let text = std::fs::read_to_string(p)
            .with_context(|| format!("cannot read the lexicon {}", p.display()))?;
        r.set_user_lexicon(&text)
            .with_context(|| format!("lexicon {}", p.display()))?;
    }
    Ok(r)
}

fn read_input(file: &Option<PathBuf>) -> Result<String> {
    let bytes = match file {
        Some(p) if p.as_os_str() != "-" => {
            std::fs::read(p).with_context(|| format!("{}", p.display()))?
        }
        _ => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).context("stdin")?;
            b
        }
    };
    let name = file
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "-".into());
    Ok(vanban::error::decode_utf8(&bytes)
        .with_context(|| name)?
        .to_string())
}

/// One input through restore + extract; read and decode errors become error records.
fn extract_one(r: &Restorer, path: &PathBuf) -> record::Record {
    let stdin = path.as_os_str() == "-";
    let bytes = if stdin {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map(|_| b)
    } else {
        std::fs::read(path)
    };
    let mut source = record::Source {
        path: path.display().to_string(),
        sha256: String::new(),
        kind: "txt".into(),
        pages: None,
        ocr_confidence: None,
        page_text: Vec::new(),
        shard: None,
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return record::Record::failed(source, "io", e.to_string()),
    };
    source.sha256 = record::sha256_hex(&bytes);
    if bytes.is_empty() {
        return record::Record::from_text(r, source, "");
    }
    match vanban::ingest::text::decode(&bytes) {
        Ok(text) => record::Record::from_text(r, source, &text),
        Err(e) => record::Record::failed(source, e.kind(), e.to_string()),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.cmd {
        Cmd::Restore { file } => {
            let r = load(&cli.dict, &cli.lexicon)?;
            let text = read_input(&file)?;
            let out = r.restore(&text);
            std::io::stdout().lock().write_all(out.text.as_bytes())?;
        }
        Cmd::Run {
            mut inputs,
            files_from,
            null,
            shard,
            output,
            jobs,
            resume,
            force,
            ocr_lang,
            quiet,
            grace,
            reocr,
            pdf_dir,
            db,
        } => {
            if !matches!(ocr_lang.as_str(), "vie" | "eng" | "vie+eng" | "eng+vie") {
                eprintln!("vanban: --ocr-lang must be vie, eng or vie+eng");
                return Ok(ExitCode::from(2));
            }
            if !(grace.is_finite() && grace >= 0.0) {
                eprintln!("vanban: --grace must be a number of seconds");
                return Ok(ExitCode::from(2));
            }
            let shard = match shard
                .as_deref()
                .map(vanban::shard::Shard::parse)
                .transpose()
            {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("vanban: {e}");
                    return Ok(ExitCode::from(2));
                }
            };
            // Ctrl-C from here on ends the run cleanly, with the resume command.
            let stop = std::sync::Arc::new(vanban::batch::Stop::default());
            // Kept until the process ends (never dropped), so that a signal arriving while the
            // run reports cannot end the process with another status than the one reported.
            std::mem::forget(vanban::batch::watch_signals(&stop)?);
            // The output and the dictionaries are checked before any input is read.
            let mut out = vanban::batch::Output::claim(&output, resume, force)?;
            if let Some(db) = &db {
                out = out.with_sink(archive_sink::open(db, &output, resume)?);
            }
            let r = std::sync::Arc::new(load(&cli.dict, &cli.lexicon)?);
            if let Some(list) = &files_from {
                inputs.extend(vanban::shard::read_file_list(list, null)?);
            }
            let opts = vanban::batch::RunOptions {
                shard,
                jobs,
                ocr: vanban::ingest::OcrOptions {
                    lang: ocr_lang,
                    reocr: match reocr {
                        ReocrArg::Auto => vanban::ingest::Reocr::Auto,
                        ReocrArg::Always => vanban::ingest::Reocr::Always,
                        ReocrArg::Never => vanban::ingest::Reocr::Never,
                    },
                    ..Default::default()
                },
                progress: !quiet,
                grace: Some(std::time::Duration::from_secs_f64(grace)),
                stop: Some(stop),
                roots: inputs.clone(),
                pdf_dir,
                ..Default::default()
            };
            let s = vanban::batch::run(r, &inputs, out, &opts)?;
            let code = report_run(&s, &output);
            if s.workers_detached {
                // Abandoned documents are still running on worker threads; the output is
                // complete and closed, so end here rather than run destructors under them.
                let _ = std::io::stdout().flush();
                // SAFETY: _exit ends the process at once; nothing after it runs.
                unsafe { libc::_exit(i32::from(code)) };
            }
            return Ok(ExitCode::from(code));
        }
        Cmd::Index(a) => return archive_sink::exit(vanban_archive::cli::index(&a)),
        Cmd::Search(a) => return archive_sink::exit(vanban_archive::cli::search(&a)),
        Cmd::Merge {
            inputs,
            output,
            tmp_dir,
        } => {
            let mut sink: Box<dyn Write> = if output.as_os_str() == "-" {
                Box::new(std::io::stdout().lock())
            } else {
                Box::new(std::io::BufWriter::new(
                    std::fs::File::create(&output).with_context(|| output.display().to_string())?,
                ))
            };
            let tmp = tmp_dir.unwrap_or_else(|| match output.parent() {
                Some(d) if output.as_os_str() != "-" && !d.as_os_str().is_empty() => d.into(),
                _ if output.as_os_str() != "-" => PathBuf::from("."),
                _ => std::env::temp_dir(),
            });
            let rep =
                vanban::shard::merge(&inputs, &mut sink, &tmp, vanban::shard::PARTITION_BYTES)?;
            for p in &rep.conflicts {
                eprintln!("vanban: {p}: conflicting records (the first is kept)");
            }
            eprintln!(
                "vanban: {} records, {} exact duplicates dropped, {} conflicts, {} unreadable lines",
                rep.records,
                rep.duplicates,
                rep.conflicts.len(),
                rep.bad_lines
            );
            if !rep.conflicts.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Cmd::Check { inputs, out } => {
            let (missing, dup) = vanban::shard::check(&inputs, &out)?;
            for p in &missing {
                println!("missing\t{p}");
            }
            for p in &dup {
                println!("duplicate\t{p}");
            }
            if !missing.is_empty() || !dup.is_empty() {
                eprintln!(
                    "vanban: {} inputs without a record, {} with more than one",
                    missing.len(),
                    dup.len()
                );
                return Ok(ExitCode::from(1));
            }
            eprintln!("vanban: every input has exactly one record");
        }
        Cmd::Extract { files } => {
            let r = load(&cli.dict, &cli.lexicon)?;
            let files = if files.is_empty() {
                vec![PathBuf::from("-")]
            } else {
                files
            };
            let mut failed = 0;
            let stdout = std::io::stdout();
            for f in &files {
                let rec = extract_one(&r, f);
                if rec.status != "ok" {
                    failed += 1;
                    if let Some(e) = &rec.error {
                        eprintln!("vanban: {}: {}", f.display(), e.message);
                    }
                }
                let mut out = stdout.lock();
                serde_json::to_writer(&mut out, &rec)?;
                out.write_all(b"\n")?;
                out.flush()?;
            }
            if failed > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        Cmd::Eval {
            gold,
            summary,
            ocr_pairs,
            ocr_model,
            all,
            json,
            errors,
        } => {
            let r = load(&cli.dict, &cli.lexicon)?;
            if gold.is_empty() && ocr_pairs.is_none() {
                anyhow::bail!("eval needs --gold DIR or --ocr-pairs DIR");
            }
            let mut report = serde_json::Map::new();
            let mut folders = serde_json::Map::new();
            for dir in &gold {
                let mut rows = eval::eval_restoration(&r, dir)?;
                let mut ex = eval::eval_extraction(&r, dir)?;
                if rows.len() <= 1 && ex.len() <= 1 {
                    anyhow::bail!(
                        "no gold in {}: NAME.txt with NAME.restored.txt or NAME.entities.json",
                        dir.display()
                    );
                }
                if summary {
                    rows.drain(..rows.len() - 1);
                    ex.drain(..ex.len() - 1);
                }
                if json {
                    let mut one = serde_json::Map::new();
                    if rows.last().is_some_and(|t| t.tokens > 0) {
                        one.insert("restoration".into(), serde_json::to_value(&rows)?);
                    }
                    one.insert("extraction".into(), serde_json::to_value(&ex)?);
                    folders.insert(dir.display().to_string(), one.into());
                } else {
                    if gold.len() > 1 {
                        println!("== {}", dir.display());
                    }
                    if rows.last().is_some_and(|t| t.tokens > 0) {
                        println!("Restoration");
                        print!("{}", eval::restoration_table(&rows));
                    }
                    if ex.last().is_some_and(|t| t.fields > 0) {
                        println!("Extraction");
                        print!("{}", eval::extraction_table(&ex));
                        if errors {
                            print!("{}", eval::error_list(&ex));
                        }
                    }
                    if gold.len() > 1 {
                        println!();
                    }
                }
            }
            if json {
                // One folder keeps the report's old shape; several are keyed by folder.
                if folders.len() == 1 {
                    if let Some((_, serde_json::Value::Object(one))) = folders.into_iter().next() {
                        report.extend(one);
                    }
                } else if !folders.is_empty() {
                    report.insert("folders".into(), folders.into());
                }
            }
            if let Some(dir) = ocr_pairs {
                let rows = eval::eval_pairs(&r, &dir, &ocr_model, all)?;
                let words: usize = rows.iter().map(|p| p.words).sum();
                let raw: usize = rows.iter().map(|p| p.raw_errors).sum();
                let res: usize = rows.iter().map(|p| p.restored_errors).sum();
                if json {
                    report.insert("ocr_pairs".into(), serde_json::to_value(&rows)?);
                } else {
                    println!(
                        "{:<20} {:>7} {:>9} {:>13}",
                        "pair", "words", "raw WER", "restored WER"
                    );
                    for p in &rows {
                        println!(
                            "{:<20} {:>7} {:>8.2}% {:>12.2}%",
                            p.name,
                            p.words,
                            100.0 * p.raw_errors as f64 / p.words.max(1) as f64,
                            100.0 * p.restored_errors as f64 / p.words.max(1) as f64
                        );
                    }
                    println!(
                        "{:<20} {:>7} {:>8.2}% {:>12.2}%",
                        "TOTAL",
                        words,
                        100.0 * raw as f64 / words.max(1) as f64,
                        100.0 * res as f64 / words.max(1) as f64
                    );
                }
            }
            if json {
                println!("{}", serde_json::Value::Object(report));
            }
        }
        Cmd::Train {
            corpus,
            divisions,
            pairs,
            pairs_from_gold,
            syllable_list,
            out,
            holdout_every,
            max_entries,
            admin_weight,
            exclude_docs,
            name_prior,
            compounds,
            name_tails,
        } => {
            if let (true, Some(corpus)) = (name_tails, &corpus) {
                let (text, n) =
                    train::name_tails::build(corpus, holdout_every, exclude_docs.as_deref())?;
                std::fs::create_dir_all(&out)?;
                let p = out.join("name_tails.txt");
                std::fs::write(&p, text).with_context(|| p.display().to_string())?;
                eprintln!("{n} name tails written to {}", p.display());
                return Ok(ExitCode::SUCCESS);
            }
            if let (true, Some(corpus)) = (compounds, &corpus) {
                let (text, n) =
                    train::compounds::build(corpus, holdout_every, exclude_docs.as_deref())?;
                std::fs::create_dir_all(&out)?;
                let p = out.join("compounds.txt");
                std::fs::write(&p, text).with_context(|| p.display().to_string())?;
                eprintln!("{n} two-syllable words written to {}", p.display());
                return Ok(ExitCode::SUCCESS);
            }
            if let (true, Some(corpus)) = (name_prior, &corpus) {
                let np = out.join(vanban::restore::NAMES_FILE);
                let text =
                    std::fs::read_to_string(&np).with_context(|| np.display().to_string())?;
                let names = vanban::restore::Names::parse(&text)?;
                let (text, n) = train::name_prior::build(
                    corpus,
                    &names,
                    holdout_every,
                    admin_weight,
                    exclude_docs.as_deref(),
                )?;
                let p = out.join(vanban::restore::NAME_PRIOR_FILE);
                std::fs::write(&p, text).with_context(|| p.display().to_string())?;
                eprintln!("{n} name readings written to {}", p.display());
                return Ok(ExitCode::SUCCESS);
            }
            if let Some(dir) = &divisions {
                let (text, n) = train::places::build(dir)?;
                std::fs::create_dir_all(&out)?;
                let p = out.join(vanban::restore::PLACES_FILE);
                std::fs::write(&p, text).with_context(|| p.display().to_string())?;
                eprintln!("{n} place names written to {}", p.display());
            }
            let Some(corpus) = corpus else {
                if !pairs.is_empty() || !pairs_from_gold.is_empty() {
                    let (text, n, held) = train::train_channel_from(&pairs, &pairs_from_gold)?;
                    let p = train::write_channel(&out, &text)?;
                    eprintln!(
                        "{n} channel word pairs ({} held out): {}",
                        held.len(),
                        p.display()
                    );
                    report_topk(&out, &held)?;
                }
                return Ok(ExitCode::SUCCESS);
            };
            let mut o = train::TrainOptions::new(corpus, out);
            o.pairs = pairs;
            o.gold_pairs = pairs_from_gold;
            o.syllable_list = syllable_list;
            o.holdout_every = holdout_every;
            o.max_entries = max_entries;
            o.admin_weight = admin_weight;
            o.exclude_docs = exclude_docs;
            let rep = train::train(&o)?;
            if o.exclude_docs.is_some() {
                eprintln!("{} corpus lines excluded", rep.excluded_lines);
            }
            for (f, used, held) in &rep.files {
                eprintln!("corpus {f}: {used} lines trained, {held} held out");
            }
            eprintln!(
                "{} syllables, {} codes, {} n-grams, lm.bin {} bytes, {} channel word pairs ({} held out)",
                rep.syllables,
                rep.codes,
                rep.ngrams,
                rep.lm_bytes,
                rep.channel_pairs,
                rep.heldout_pairs.len()
            );
            report_topk(&o.out, &rep.heldout_pairs)?;
        }
        Cmd::Review(a) => vanban_review::cli::run(&a, Box::new(review::VanbanCore))
            .map_err(|e| anyhow::anyhow!("review: {e}"))?,
        Cmd::Strip { file } => {
            let text = read_input(&file)?;
            std::io::stdout()
                .lock()
                .write_all(train::strip_diacritics(&vanban::normalize::nfc(&text)).as_bytes())?;
        }
        Cmd::Heldout {
            corpus,
            out,
            holdout_every,
            max_lines,
        } => {
            for p in train::write_heldout(&corpus, &out, holdout_every, max_lines)? {
                eprintln!("wrote {}", p.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints how a run ended on stderr and returns its exit status: the summary line, and for a
/// run stopped early one line with the cause and the command that resumes it.
fn report_run(s: &vanban::batch::Summary, output: &std::path::Path) -> u8 {
    let summary = format!(
        "{} documents ({} already done), {} pages, {} errors, {:.1} s",
        s.documents, s.skipped, s.pages, s.errors, s.seconds
    );
    match &s.stopped {
        None => {
            eprintln!("vanban: {summary}");
            u8::from(s.errors > 0)
        }
        Some(Stopped::Signal(sig)) => {
            eprintln!("vanban: {summary}");
            eprintln!(
                "vanban: stopped by {} (documents abandoned in flight: {}, not started: {}); \
                 resume with: {}",
                vanban::batch::signal_name(*sig),
                s.abandoned,
                s.not_started,
                resume_command()
            );
            vanban::batch::signal_exit_status(*sig)
        }
        Some(Stopped::Output { path, error }) => {
            eprintln!(
                "vanban: cannot write {}: {error}; stopped after {} records ({} ends in a whole \
                 line); free space or fix the disk, then resume with: {}",
                path.display(),
                s.documents,
                output.display(),
                resume_command()
            );
            3
        }
    }
}

/// This command line with `--resume` instead of `--force`, quoted for a POSIX shell.
fn resume_command() -> String {
    let mut args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .filter(|a| a != "--force")
        .collect();
    if !args.iter().any(|a| a == "--resume") {
        args.push("--resume".into());
    }
    args.iter()
        .map(|a| {
            let plain = !a.is_empty()
                && a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b));
            if plain {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Tesseract's OpenMP threads make a page several times slower on few cores; vanban
/// parallelises across pages instead. libgomp reads `OMP_THREAD_LIMIT` once, when it is
/// loaded (before `main`), so setting it here is too late: vanban re-executes itself with
/// the variable set. If that fails it goes on with OpenMP's default.
fn limit_openmp_threads() {
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
        return;
    }
    std::env::set_var("OMP_THREAD_LIMIT", "1");
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        if let Ok(exe) = std::env::current_exe() {
            let mut args = std::env::args_os();
            let mut cmd = std::process::Command::new(exe);
            if let Some(arg0) = args.next() {
                cmd.arg0(arg0);
            }
            // exec only returns on failure.
            let err = cmd.args(args).exec();
            eprintln!("vanban: warning: could not re-execute with OMP_THREAD_LIMIT=1: {err}");
        }
    }
}

/// `--reocr`'s values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReocrArg {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    // Like other Unix filters: a reader that closes the pipe early (`| head`) ends vanban
    // quietly instead of making every later write fail.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE at startup, before any thread
    // exists, has no memory-safety implications.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    limit_openmp_threads();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("vanban: {e:#}");
            let usage = e
                .downcast_ref::<vanban::Error>()
                .is_some_and(vanban::Error::is_usage);
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}

/// Prints the channel's top-k recall on held-out OCR word pairs (nothing without any).
fn report_topk(dict: &Path, held: &[train::channel::WordPair]) -> anyhow::Result<()> {
    if held.is_empty() {
        return Ok(());
    }
    let r = Restorer::load(dict)?;
    for k in [1, 3, 8] {
        eprintln!(
            "channel top-{k} recall on held-out OCR pairs: {:.2}%",
            100.0 * train::channel::topk_recall(&r, held, k)
        );
    }
    Ok(())
}
