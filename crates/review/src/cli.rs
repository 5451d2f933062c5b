//! `vanban review`'s arguments and what it does with them; the `vanban` binary parses them
//! with its other subcommands and calls [`run`] with its implementation of [`Core`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;

use crate::http::{self, App};
use crate::{gold, Core, ReviewError};

/// `vanban review RECORDS.jsonl [--port N] [--bind ADDR] [--corrections FILE] [--export-gold DIR]`
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The records to review (JSON Lines, as `vanban run` writes them).
    pub records: PathBuf,
    /// Port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8480)]
    pub port: u16,
    /// Address to listen on; anything but loopback makes the records readable by others.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// The corrections file (JSON Lines, appended). Default: RECORDS with `.corrections.jsonl`.
    #[arg(long)]
    pub corrections: Option<PathBuf>,
    /// Write the reviewed documents (no pending token left) as gold files to DIR and exit.
    #[arg(long, value_name = "DIR")]
    pub export_gold: Option<PathBuf>,
    /// Write the names and terms corrected so far as a user lexicon (`vanban --lexicon`)
    /// to FILE and exit.
    #[arg(long, value_name = "FILE")]
    pub export_lexicon: Option<PathBuf>,
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

/// Runs the command: serves until killed, or exports gold and returns.
pub fn run(args: &ReviewArgs, core: Box<dyn Core>) -> Result<(), ReviewError> {
    let corrections = args
        .corrections
        .clone()
        .unwrap_or_else(|| default_corrections(&args.records));
    let app = App::open(&args.records, &corrections, core)?;
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
            args.records.display(),
            corrections.display()
        );
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    http::serve(Arc::new(app), Arc::new(server), args.threads);
    Ok(())
}
