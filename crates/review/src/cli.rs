//! `vanban review`'s arguments and what it does with them; the `vanban` binary parses them
//! with its other subcommands and calls [`run`] with its implementation of [`Core`].

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;

use crate::http::{self, App};
use crate::store::{is_record, read_records, Store};
use crate::{gold, Core, ReviewError};

/// `vanban review [RECORDS.jsonl] [--db ARCHIVE] [--port N] [--bind ADDR] [--corrections FILE]
/// [--export-gold DIR]`
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The records to review (JSON Lines, as `vanban run` writes them); optional with `--db`.
    #[arg(required_unless_present = "db")]
    pub records: Option<PathBuf>,
    /// Also (or only) review the records held in this archive (`vanban index`): a SQLite
    /// file or `postgresql://…`. A path that RECORDS also has is served from RECORDS.
    #[arg(long, value_name = "ARCHIVE")]
    pub db: Option<String>,
    /// Port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8480)]
    pub port: u16,
    /// Address to listen on; anything but loopback makes the records readable by others.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// The corrections file (JSON Lines, appended). Default: RECORDS with `.corrections.jsonl`
    /// (`out.jsonl` -> `out.corrections.jsonl`), else ARCHIVE's file name with
    /// `.corrections.jsonl` added (`a.db` -> `a.db.corrections.jsonl`); needed with a
    /// PostgreSQL archive and no RECORDS.
    #[arg(long)]
    pub corrections: Option<PathBuf>,
    /// Write the reviewed documents (no pending token left) as gold files to DIR and exit.
    #[arg(long, value_name = "DIR")]
    pub export_gold: Option<PathBuf>,
    /// Write the names and terms corrected so far as a user lexicon (`vanban --lexicon`)
    /// to FILE and exit.
    #[arg(long, value_name = "FILE")]
    pub export_lexicon: Option<PathBuf>,
    /// With --db: only the archive's documents whose text has these words (accents
    /// optional, as `vanban search`).
    #[arg(long, value_name = "WORDS", requires = "db")]
    pub query: Option<String>,
    /// With --db: only documents of this type (`quyet dinh`, `cong van`).
    #[arg(long = "type", value_name = "TYPE", requires = "db")]
    pub doc_type: Option<String>,
    /// With --db: only documents whose authority (or its parent) contains TEXT.
    #[arg(long, value_name = "TEXT", requires = "db")]
    pub authority: Option<String>,
    /// With --db: only documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "db")]
    pub from: Option<String>,
    /// With --db: only documents dated on or before DATE.
    #[arg(long, value_name = "DATE", requires = "db")]
    pub to: Option<String>,
    /// With --db: at most N of the archive's documents (newest first, or best first with
    /// --query), so that memory stays bounded whatever the archive's size.
    #[arg(long, value_name = "N", default_value_t = 1000, requires = "db")]
    pub limit: usize,
    /// Request-handling threads.
    #[arg(long, default_value_t = 4)]
    pub threads: usize,
}

/// The corrections file beside `records`: `out.jsonl` -> `out.corrections.jsonl`.
pub fn default_corrections(records: &Path) -> PathBuf {
    let stem = records
        .file_stem()
        .map_or_else(|| "records".into(), |s| s.to_string_lossy().into_owned());
    records.with_file_name(format!("{stem}.corrections.jsonl"))
}

/// Whether `db` names a PostgreSQL archive rather than a SQLite file.
fn is_postgres(db: &str) -> bool {
    db.starts_with("postgresql://") || db.starts_with("postgres://")
}

/// The corrections file: `--corrections`, else beside RECORDS, else beside a SQLite archive.
pub fn corrections_path(args: &ReviewArgs) -> Result<PathBuf, ReviewError> {
    if let Some(c) = &args.corrections {
        return Ok(c.clone());
    }
    match (&args.records, &args.db) {
        (Some(r), _) => Ok(default_corrections(r)),
        (None, Some(db)) if !is_postgres(db) => {
            let mut name = Path::new(db)
                .file_name()
                .map_or_else(|| "archive".into(), |n| n.to_os_string());
            name.push(".corrections.jsonl");
            Ok(Path::new(db).with_file_name(name))
        }
        _ => Err(ReviewError::Usage(
            "a PostgreSQL archive needs --corrections FILE (where the corrections are kept)".into(),
        )),
    }
}

/// The documents to serve: RECORDS' records, then the archive's whose path RECORDS does not
/// have (an archive is opened as `vanban search` does: never created, migrated if older).
pub fn load(args: &ReviewArgs) -> Result<Store, ReviewError> {
    let mut records = match &args.records {
        Some(r) => read_records(r)?,
        None => Vec::new(),
    };
    if let Some(db) = &args.db {
        let mut archive = vanban_archive::open(db, false)?;
        let have: HashSet<String> = records
            .iter()
            .filter_map(|r| r.pointer("/source/path")?.as_str().map(str::to_string))
            .collect();
        let search = vanban_archive::cli::search_of(&vanban_archive::cli::SearchArgs {
            query: args.query.iter().cloned().collect(),
            db: db.clone(),
            doc_type: args.doc_type.clone(),
            authority: args.authority.clone(),
            from: args.from.clone(),
            to: args.to.clone(),
            number: None,
            cites: None,
            limit: args.limit,
            json: false,
        })?;
        let hits = archive.search(&search)?;
        if hits.len() == args.limit {
            eprintln!(
                "vanban review: the first {} documents of the archive (newest first, or best \
                 first with --query); narrow with --type, --authority, --from, --to, --query, \
                 or raise --limit",
                args.limit
            );
        }
        for h in hits.iter().filter(|h| !have.contains(&h.path)) {
            if let Some(r) = archive.record_of(&h.path)?.filter(is_record) {
                records.push(r);
            }
        }
    }
    let origin = match (&args.records, &args.db) {
        (Some(r), _) => Some(r.as_path()),
        (None, Some(db)) if !is_postgres(db) => Some(Path::new(db.as_str())),
        _ => None,
    };
    let base = origin
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Ok(Store::from_records(records, base))
}

/// Runs the command: serves until killed, or exports gold and returns.
pub fn run(args: &ReviewArgs, core: Box<dyn Core>) -> Result<(), ReviewError> {
    let corrections = corrections_path(args)?;
    let app = App::new(load(args)?, &corrections, core)?;
    if let Some(dir) = &args.export_gold {
        let store = app.store.lock().expect("store lock");
        let n = gold::export(&store, dir)?;
        eprintln!(
            "vanban review: {n} reviewed document(s) written to {}",
            dir.display()
        );
        return Ok(());
    }
    if let Some(file) = &args.export_lexicon {
        let store = app.store.lock().expect("store lock");
        let entries = crate::corrections::read(&corrections)?;
        let names = crate::lexicon::entries(&store, &entries);
        let mut text = String::from("# vanban user lexicon: names and terms corrected in review\n");
        for n in &names {
            text.push_str(n);
            text.push('\n');
        }
        std::fs::write(file, text).map_err(|source| ReviewError::Write {
            path: file.display().to_string(),
            source,
        })?;
        eprintln!(
            "vanban review: {} name(s) written to {}",
            names.len(),
            file.display()
        );
        return Ok(());
    }
    let addr = format!("{}:{}", args.bind, args.port);
    let server = tiny_http::Server::http(&addr).map_err(|e| ReviewError::Listen {
        addr: addr.clone(),
        message: e.to_string(),
    })?;
    let shown = server
        .server_addr()
        .to_ip()
        .map_or(addr.clone(), |a| a.to_string());
    {
        let store = app.store.lock().expect("store lock");
        println!(
            "vanban review: {} document(s) from {}, corrections in {}; open http://{shown}/",
            store.docs.len(),
            source_names(args),
            corrections.display()
        );
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    http::serve(Arc::new(app), Arc::new(server), args.threads);
    Ok(())
}

/// What the documents were read from, for the start-up line (a PostgreSQL URL without its
/// password).
fn source_names(args: &ReviewArgs) -> String {
    let db = args
        .db
        .as_deref()
        .map(|db| match (db.find("://"), db.find('@')) {
            (Some(s), Some(at)) if at > s => format!("{}{}", &db[..s + 3], &db[at + 1..]),
            _ => db.to_string(),
        });
    match (&args.records, db) {
        (Some(r), Some(db)) => format!("{} and {db}", r.display()),
        (Some(r), None) => r.display().to_string(),
        (None, Some(db)) => db,
        (None, None) => String::new(),
    }
}
