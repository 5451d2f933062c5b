//! `vanban index` and `vanban search`: their options (clap) and what they do. The binary only
//! dispatches here and maps [`ArchiveError`] to an exit status (2 for [`ArchiveError::is_usage`]).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use crate::error::ArchiveError;
use crate::fold;
use crate::indexer::{open, Indexer};
use crate::query::{self, Search};
use crate::store::Hit;

/// `vanban index RECORDS.jsonl… --db ARCHIVE`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// JSON Lines records files (`vanban run`/`extract` output; `-`: stdin).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// The archive: a SQLite file (created if missing) or `postgresql://…`.
    #[arg(long)]
    pub db: String,
    /// No summary line on stderr.
    #[arg(long)]
    pub quiet: bool,
}

/// `vanban search --db ARCHIVE [QUERY]…`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words to find, accents optional (`quyet dinh` finds `quyết định`; typed accents
    /// narrow: `quyết` does not find `quyệt`); `"a phrase"`, `word*` a prefix.
    pub query: Vec<String>,
    /// The archive: a SQLite file or `postgresql://…`.
    #[arg(long)]
    pub db: String,
    /// Document type, accents optional (`quyet dinh`, `ke hoach`; `cong van` for công văn).
    #[arg(long = "type", value_name = "TYPE")]
    pub doc_type: Option<String>,
    /// Text the issuing authority (or its parent) contains, accents optional.
    #[arg(long)]
    pub authority: Option<String>,
    /// Documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Documents dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// The document that bears NUMBER (`QD` = `QĐ`, spaces and case ignored).
    #[arg(long, value_name = "NUMBER")]
    pub number: Option<String>,
    /// Documents that cite NUMBER (`QD` = `QĐ`, spaces and case ignored).
    #[arg(long, value_name = "NUMBER")]
    pub cites: Option<String>,
    /// Most hits shown.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// One JSON object per hit and line.
    #[arg(long)]
    pub json: bool,
}

/// Indexes the records files; returns the exit status (1 when some lines were not records).
pub fn index(a: &IndexArgs) -> Result<u8, ArchiveError> {
    for f in &a.records {
        if f.as_os_str() != "-" && !f.is_file() {
            return Err(ArchiveError::Usage(format!(
                "{}: no such records file",
                f.display()
            )));
        }
    }
    let start = Instant::now();
    let mut ix = Indexer::new(open(&a.db, true)?);
    let mut report = |m: String| eprintln!("vanban: {m}");
    ix.index_files(&a.records, &mut report)?;
    let total = ix.store().count()?;
    if !a.quiet {
        let c = ix.counts;
        let n = c.added + c.replaced + c.unchanged;
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "vanban: {n} records ({} added, {} replaced, {} unchanged), {} unreadable lines, \
             {total} documents in {}, {secs:.1} s ({:.0} records/s)",
            c.added,
            c.replaced,
            c.unchanged,
            ix.bad_lines,
            a.db,
            n as f64 / secs.max(1e-9)
        );
    }
    Ok(u8::from(ix.bad_lines > 0))
}

/// An option's text, trimmed; `None` when empty.
fn keep(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The search a command line asks for (options checked: exit status 2 when bad).
pub fn search_of(a: &SearchArgs) -> Result<Search, ArchiveError> {
    if a.limit == 0 || a.limit > 100_000 {
        return Err(ArchiveError::Usage("--limit must be 1 to 100000".into()));
    }
    let s = Search {
        terms: query::parse(&a.query.join(" "))?,
        doc_type: keep(&a.doc_type).map(fold::text_key),
        authority: keep(&a.authority).map(fold::text_key),
        from: keep(&a.from)
            .map(|d| query::parse_date(d, false))
            .transpose()?,
        to: keep(&a.to)
            .map(|d| query::parse_date(d, true))
            .transpose()?,
        number: keep(&a.number).map(fold::number_key),
        cites: keep(&a.cites).map(fold::number_key),
        limit: a.limit,
    };
    Ok(s)
}

/// Runs a search and prints the hits (a table, or JSON Lines with `--json`).
pub fn search(a: &SearchArgs) -> Result<u8, ArchiveError> {
    let s = search_of(a)?;
    let mut store = open(&a.db, false)?;
    let hits = store.search(&s)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let io = |source| ArchiveError::Io {
        path: "stdout".into(),
        source,
    };
    if a.json {
        for h in &hits {
            let line = serde_json::to_string(h).map_err(|e| ArchiveError::Usage(e.to_string()))?;
            writeln!(out, "{line}").map_err(io)?;
        }
    } else {
        out.write_all(table(&hits, std::io::stdout().is_terminal()).as_bytes())
            .map_err(io)?;
    }
    out.flush().map_err(io)?;
    if hits.is_empty() {
        eprintln!("vanban: no documents found");
    }
    Ok(0)
}

/// Cuts `s` to `n` characters (an ellipsis marks the cut).
fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The hits as a table: one line per hit (score, date, number, type, title), then the path
/// and the snippet indented; on a terminal the title is cut to fit 100 columns.
pub fn table(hits: &[Hit], terminal: bool) -> String {
    let mut s = String::new();
    let w_num = hits
        .iter()
        .map(|h| h.number.as_deref().unwrap_or("-").chars().count())
        .max()
        .unwrap_or(6)
        .clamp(6, 24);
    s.push_str(&format!(
        "{:>7}  {:<10}  {:<w_num$}  {:<12}  {}\n",
        "score", "date", "number", "type", "title"
    ));
    for h in hits {
        let title = h.title.as_deref().unwrap_or("-");
        let title = if terminal {
            cut(title, 60)
        } else {
            title.to_string()
        };
        s.push_str(&format!(
            "{:>7}  {:<10}  {:<w_num$}  {:<12}  {}\n",
            h.score
                .map_or("-".into(), |x| if x.abs() >= 0.01 || x == 0.0 {
                    format!("{x:.2}")
                } else {
                    format!("{x:.0e}")
                }),
            h.date.as_deref().unwrap_or("-"),
            cut(h.number.as_deref().unwrap_or("-"), w_num),
            cut(h.doc_type.as_deref().unwrap_or("-"), 12),
            title
        ));
        s.push_str(&format!("         {}\n", h.path));
        if let Some(sn) = &h.snippet {
            s.push_str(&format!("         {sn}\n"));
        }
    }
    s
}

/// `vanban run --db`: indexes each record as the run writes it, one transaction each.
pub struct RunSink {
    ix: Indexer,
    db: String,
}

impl RunSink {
    /// Opens (creating) the archive; with `existing`, first indexes the records an earlier
    /// run left there (`--resume`: records it skips are then in the archive too).
    pub fn open(db: &str, existing: Option<&std::path::Path>) -> Result<RunSink, ArchiveError> {
        let mut ix = Indexer::new(open(db, true)?);
        if let Some(p) = existing.filter(|p| p.is_file()) {
            ix.index_file(p, &mut |m| eprintln!("vanban: {m}"))?;
            ix.flush()?;
        }
        Ok(RunSink {
            ix,
            db: db.to_string(),
        })
    }

    /// Indexes one record line (queued: see [`Indexer::queue_line`]).
    pub fn record(&mut self, line: &[u8]) -> std::io::Result<()> {
        let r = self.ix.queue_line(line);
        r.map_err(|e| self.io_error(e))
    }

    /// Writes the queued records (the run ended).
    pub fn finish(&mut self) -> std::io::Result<()> {
        let r = self.ix.flush();
        r.map_err(|e| self.io_error(e))
    }

    fn io_error(&self, e: ArchiveError) -> std::io::Error {
        std::io::Error::other(format!("archive {}: {e}", self.db))
    }
}

/// A run that ended without [`RunSink::finish`] (a write error stopped it) still leaves its
/// queued records in the archive.
impl Drop for RunSink {
    fn drop(&mut self) {
        let _ = self.ix.flush();
    }
}
